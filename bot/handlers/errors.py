"""The error handler: log without personal data, apologise in the user's language."""

from __future__ import annotations

import logging
import time
from html import escape

from telegram import Update
from telegram.error import Conflict, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.handlers.base import AppContext, AppType, send_html
from bot.logsafety import safe_traceback

log = logging.getLogger("bot.errors")

# `arrival-desk run` exits with this code when another process polls with the same token.
EXIT_ANOTHER_POLLER = 3
EXIT_CODE = "exit_code"  # bot_data key: the process's exit code once polling stops

# Telegram answers 409 to the getUpdates that a newer one cut off, so a 409 reaches the poller
# that was there first. Within this many seconds of starting to poll, a 409 means this process
# is the newcomer; after it, a newcomer just started and will meet its own 409 and stop.
SETTLING_SECONDS = 30.0
CONFLICT_WARNING_EVERY = 60.0  # seconds: one warning per episode of 409s, not one per 409
_POLLING_SINCE = "polling_since"  # bot_data keys, time.monotonic() values
_CONFLICT_WARNED = "conflict_warned"


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
        _on_conflict(context)
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


async def _polling_started(context: AppContext) -> None:
    context.bot_data[_POLLING_SINCE] = time.monotonic()


def _on_conflict(context: AppContext) -> None:
    """Two processes cannot both poll one token. The one that was polling first keeps going:
    PTB's Updater asks again after a second, which cuts off the newcomer's getUpdates."""
    now = time.monotonic()
    since = context.bot_data.get(_POLLING_SINCE)
    if since is None or now - since < SETTLING_SECONDS:
        _stop_for_another_poller(context)
        return
    warned = context.bot_data.get(_CONFLICT_WARNED)
    if warned is None or now - warned >= CONFLICT_WARNING_EVERY:
        context.bot_data[_CONFLICT_WARNED] = now
        log.warning(
            "another process started polling with this bot token (Telegram answers 409 "
            "Conflict to getUpdates): this one keeps polling and the other will stop."
        )


def _stop_for_another_poller(context: AppContext) -> None:
    """Another process was polling before this one: retrying would cut it off, so stop."""
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
    if app.job_queue is not None and app.updater is not None:  # polling, not webhook mode
        # PTB starts the job queue right after the Updater has started polling, i.e. after
        # start-up (migrations, deleteWebhook), which must not count as time spent polling.
        app.job_queue.run_once(
            _polling_started, 0, name="polling-started", job_kwargs={"misfire_grace_time": None}
        )
    updater_log = logging.getLogger("telegram.ext.Updater")
    if not any(isinstance(f, _ConflictSaidOnce) for f in updater_log.filters):
        updater_log.addFilter(_ConflictSaidOnce())
