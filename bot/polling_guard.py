"""Long polling's start, before its first getUpdates: is this process the one to serve the token?

python-telegram-bot's `run_polling` deletes any webhook before it polls. Started by mistake with
a token that webhook instances serve (a laptop with the production `.env`), a poller would take
every update from them without a word; a webhook that is set stops it instead. On a PostgreSQL
database a second poller stops at once (`storage.polling_lock`) instead of both meeting 409s
(`bot/handlers/errors.py` keeps those for pollers on different databases). While it polls, it
checks now and then that the lock is still its own: a connection the server or the network
dropped takes the lock with it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application

from bot.handlers.base import AppContext, AppType
from bot.handlers.errors import EXIT_ANOTHER_POLLER, EXIT_CODE
from bot.services import Services
from storage.polling_lock import PollingLock

log = logging.getLogger("bot")

LOCK = "polling_lock"  # bot_data: the PollingLock this process holds while it polls
DELETE_WEBHOOK = (
    "delete_webhook"  # bot_data: poll even if a webhook is set (`run --delete-webhook`)
)
RETRY_DELAYS = (1.0, 2.0)  # seconds before asking for the webhook again
LOCK_CHECK_SECONDS = 30.0  # how often a poller checks that the lock is still its own
LOCK_JOB = "polling-lock"


async def claim(app: AppType) -> bool:
    """True if this process may poll; otherwise says why in one line, sets the exit code and
    stops the application (allowed in `post_init`: it stops before polling starts)."""
    webhook = await _webhook_url(app.bot)
    if webhook:
        host = urlsplit(webhook).hostname or "?"
        if not app.bot_data.get(DELETE_WEBHOOK):
            return _refuse(
                app,
                f"a webhook is set for this bot token (at {host}): instances in webhook mode "
                "serve it, and polling would delete it. Not polling. To move the token to "
                "polling, stop them and run `arrival-desk run --delete-webhook`.",
            )
        log.warning("deleting the webhook set for this bot token (at %s), as asked", host)
    services: Services = app.bot_data["services"]
    lock = PollingLock(services.settings.effective_database_url, app.bot.id)
    if not await lock.acquire():
        return _refuse(
            app,
            "another instance is polling with this bot token on this database: stopping. "
            "Run one `arrival-desk run` per token, or `arrival-desk run --webhook` for several.",
        )
    app.bot_data[LOCK] = lock
    if app.job_queue is not None and not lock.on_sqlite:
        app.job_queue.run_repeating(
            _keep_lock, interval=LOCK_CHECK_SECONDS, first=LOCK_CHECK_SECONDS, name=LOCK_JOB
        )
    return True


async def _keep_lock(context: AppContext) -> None:
    lock: PollingLock | None = context.bot_data.get(LOCK)
    if lock is None:
        return
    kept = await lock.kept()
    if kept == "unknown":
        log.warning("could not check the polling lock (the database does not answer); polling on")
    elif kept == "again":
        log.warning("the polling lock's database connection had ended; the lock is taken again")
    elif kept == "lost":
        if context.job is not None:
            context.job.schedule_removal()
        _refuse(
            context.application,
            "another instance took the polling lock for this bot token while this one's "
            "database connection was down: stopping, so that only one polls.",
        )


async def poller_running(app: AppType) -> bool:
    """A webhook instance, before it sets the webhook (which would cut a poller off): True if a
    process polls this token on this database, said in one line with the exit code set."""
    services: Services = app.bot_data["services"]
    lock = PollingLock(services.settings.effective_database_url, app.bot.id)
    if not await lock.held_elsewhere():
        return False
    _say_another_poller(
        app,
        "an instance is polling with this bot token on this database: not setting a webhook. "
        "Stop it (`arrival-desk run` without --webhook) before starting webhook instances.",
    )
    return True


async def release(app: AppType) -> None:
    lock: PollingLock | None = app.bot_data.pop(LOCK, None)
    if lock is not None:
        await lock.release()


async def _webhook_url(bot: Bot) -> str:
    """The webhook set for the token ("" if none). Telegram always answers; a Bot API that does
    not (an emulator without `getWebhookInfo`, a network down since `getMe`) is asked a few
    times, then polling starts with a warning: only the webhook check is skipped."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return (await bot.get_webhook_info()).url
        except TelegramError as exc:
            error = type(exc).__name__
            if delay is None:
                log.warning("could not ask the Bot API for a webhook (%s); polling anyway", error)
                return ""
            log.warning("could not ask the Bot API for a webhook (%s); trying again", error)
            await asyncio.sleep(delay)
    return ""


def _refuse(app: Application[Any, Any, Any, Any, Any, Any], reason: str) -> bool:
    _say_another_poller(app, reason)
    app.stop_running()
    return False


def _say_another_poller(app: Application[Any, Any, Any, Any, Any, Any], reason: str) -> None:
    """One line, and the exit code that says another process serves the token."""
    app.bot_data[EXIT_CODE] = EXIT_ANOTHER_POLLER
    log.error("%s", reason)
