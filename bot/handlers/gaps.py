"""/gaps: the questions people typed and found no answer for, grouped, for coordinators only,
and the daily purge of those older than 30 days (once across instances)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler

from bot.faq.gaps import KEEP_DAYS, GapGroup
from bot.handlers.base import AppContext, AppType
from bot.handlers.staff_base import log_refusal, staff_chat, staff_locale
from bot.search_gaps import gap_groups, purge_old_gaps
from bot.services import Services

log = logging.getLogger(__name__)
PURGE_JOB = "search-gaps-purge"
PURGE_TIME = dt.time(3, 30)  # local time; any quiet hour will do
MAX_GROUPS = 40  # keeps the message well under Telegram's 4096 characters
MAX_MESSAGE = 4000


def gaps_text(services: Services, groups: list[GapGroup], locale: str) -> str:
    t = services.translator.t
    if not groups:
        return t(locale, "search-gaps-empty", days=KEEP_DAYS)
    lines = [t(locale, "search-gaps-title", days=KEEP_DAYS), ""]
    for group in groups[:MAX_GROUPS]:
        words = " ".join(group.words)
        lines.append(
            t(locale, "search-gaps-row", count=group.count, words=words, language=group.language)
        )
        lines.extend(f"   “{example}”" for example in group.examples[:1])
    return "\n".join(lines)[:MAX_MESSAGE]


async def on_gaps(update: Update, context: AppContext) -> None:
    message, chat = update.effective_message, update.effective_chat
    person = context.person
    services = context.services
    if message is None or chat is None:
        return
    if person is None or not person.is_coordinator:
        log_refusal("command", chat.type)
        return  # not a coordinator: nothing, not even that the command exists
    if not staff_chat(context, message):  # typed questions stay in the coordinators' own chats
        log.warning(
            "coordinator command ignored in a %s chat that is not the staff chat", chat.type
        )
        return
    groups = await gap_groups(services.db, now=services.clock.now())
    await message.reply_text(gaps_text(services, groups, staff_locale(context, chat.id)))


async def purge_job(context: Any) -> int | None:
    services: Services = context.bot_data["services"]
    now = services.clock.now()
    day = now.astimezone(services.settings.tz).date().isoformat()
    return await purge_old_gaps(services.db, now=now, day=day)


def register(app: AppType) -> None:
    app.add_handler(CommandHandler("gaps", on_gaps))
    settings = app.bot_data["services"].settings
    if app.job_queue is not None:
        app.job_queue.run_daily(
            purge_job, time=PURGE_TIME.replace(tzinfo=settings.tz), name=PURGE_JOB
        )
