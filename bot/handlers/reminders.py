"""The outbox job: sends due reminders and settles waiting-list offers, from rows in the database.

One repeating JobQueue job, not one job per reminder: start-up and memory do not grow with the
backlog, and rows survive restarts. Rows are leased while being sent, so a killed sender's rows
are retried after the lease and a row marked sent is never sent again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Any

from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter, TelegramError

from bot.booking.desk import Due
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, button, markup
from bot.handlers.booking_messages import send_offer
from bot.handlers.booking_views import booking_details
from bot.services import Services

log = logging.getLogger(__name__)

OUTBOX_JOB = "outbox"
SYNC_SLOTS_JOB = "sync-slots"
# Small batches: a claimed row waits for the sends before it, and its lease must outlast them.
BATCH = 10
TIME_BUDGET_SECONDS = 8.0


@dataclass(frozen=True)
class SendResult:
    sent: bool
    blocked: bool = False
    retry_after: float = 0


async def send_reminder(context: Any, due: Due) -> SendResult:
    """One reminder, in the person's language, with Cancel / Move."""
    services: Services = context.bot_data["services"]
    locale = due.user.language
    translator = services.translator
    text = translator.t(
        locale, "booking-reminder", details=booking_details(services, locale, due.booking, due.slot)
    )
    rows = [[button(translator.t(locale, "booking-cancel"), cd.MY, "cancel", due.booking.id or 0)]]
    service = services.catalog.get(due.booking.service_id)
    if service is not None and not service.is_group:
        rows[0].append(
            button(translator.t(locale, "booking-move"), cd.MY, "move", due.booking.id or 0)
        )
    try:
        await context.bot.send_message(
            due.user.telegram_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup(rows),
            disable_web_page_preview=True,
        )
        return SendResult(sent=True)
    except Forbidden:
        return SendResult(sent=False, blocked=True)
    except RetryAfter as exc:  # beyond the rate limiter's own retries: wait as long as asked
        wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
        return SendResult(sent=False, retry_after=seconds)
    except TelegramError as exc:  # network trouble: the row is retried after its lease
        log.warning("reminder %s not sent yet: %s", due.outbox.id, type(exc).__name__)
        return SendResult(sent=False)


async def deliver_due(context: Any) -> int:
    """Work through what is due (in batches, for a limited time); returns reminders sent."""
    services: Services = context.bot_data["services"]
    sent = 0
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    while True:
        batch = await services.desk.claim_due(limit=BATCH)
        for offer in batch.offers:
            await send_offer(context, offer)
        for due in batch.to_send:
            if not await services.desk.still_mine(due):
                continue  # slowed down past the lease: another instance has it now
            result = await send_reminder(context, due)
            await services.desk.finish(
                due, sent=result.sent, blocked=result.blocked, retry_after=result.retry_after
            )
            sent += result.sent
        if batch.claimed < BATCH or time.monotonic() > deadline:
            return sent


async def _outbox_job(context: AppContext) -> None:
    await deliver_due(context)


def register(app: AppType, *, interval_seconds: float) -> None:
    if app.job_queue is not None:
        # first=1: what was missed while the bot was down goes out right after start.
        app.job_queue.run_repeating(
            _outbox_job, interval=interval_seconds, first=1, name=OUTBOX_JOB
        )
