"""The error handler: log without personal data, apologise in the user's language."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.error import Conflict, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.handlers.base import AppContext, AppType, send_html
from bot.logsafety import safe_traceback

log = logging.getLogger("bot.errors")

# `arrival-desk run` exits with this code when another process polls with the same token.
EXIT_ANOTHER_POLLER = 3
EXIT_CODE = "exit_code"  # bot_data key: the process's exit code once polling stops


class _ConflictSaidOnce(logging.Filter):
    """PTB's Updater logs a traceback for each 409 it meets on its own (the last getUpdates
    while it shuts down); `on_error` has already said it once, clearly."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], Conflict))


async def on_error(update: object, context: AppContext) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden):
        # The user blocked the bot: remember it so nothing more is sent to them.
        if isinstance(update, Update) and update.effective_user is not None:
            await context.services.people.set_active(update.effective_user.id, False)
        log.info("update %s: the user has blocked the bot", update_id)
        return
    if isinstance(error, Conflict) and not isinstance(update, Update):
        _stop_for_another_poller(context)
        return
    if isinstance(error, (NetworkError, TimedOut, RetryAfter)) and not isinstance(update, Update):
        log.warning("network problem talking to the Bot API: %s", type(error).__name__)
        return
    # Frames and exception types only: neither the update nor an exception's message (which
    # can quote a person's text or a row's values) is logged.
    log.error("update %s failed:\n%s", update_id, safe_traceback(error) if error else "-")
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            locale = await _locale_of(update, context)
            apology = context.services.translator.t(locale, "common-error")
            await send_html(context, update.effective_chat.id, escape(apology))
        except Exception:  # the apology is best effort: the original error is already logged
            log.warning("could not send the apology for update %s", update_id)


def _stop_for_another_poller(context: AppContext) -> None:
    """Two processes cannot both poll one token: Telegram answers every getUpdates of the
    second with 409 Conflict. Retrying would only flood the log, so say it once and stop."""
    if context.bot_data.get(EXIT_CODE) == EXIT_ANOTHER_POLLER:
        return  # already said; the application is stopping
    context.bot_data[EXIT_CODE] = EXIT_ANOTHER_POLLER
    log.error(
        "another instance is polling with this bot token (Telegram answers 409 Conflict to "
        "getUpdates): stopping. Run one `arrival-desk run` per token, or stop the other one."
    )
    context.application.stop_running()


async def _locale_of(update: Update, context: AppContext) -> str:
    """PTB gives error handlers a fresh context, so the person resolved in group -1 is not here."""
    services = context.services
    user = update.effective_user
    if user is None:
        return services.settings.default_language
    stored = await services.people.language_of(user.id)
    return stored or services.translator.negotiate(user.language_code)


def register(app: AppType) -> None:
    app.add_error_handler(on_error)
    updater_log = logging.getLogger("telegram.ext.Updater")
    if not any(isinstance(f, _ConflictSaidOnce) for f in updater_log.filters):
        updater_log.addFilter(_ConflictSaidOnce())
