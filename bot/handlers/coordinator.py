"""Coordinators: the button router (Confirm / Decline, reasons, attendance, closing slots), the
agenda with Present / No-show, adding slots, the morning agenda and /help for coordinators.
Decisions, /pending and /cancelslot are in `coordinator_desk.py`.

Only COORDINATOR_IDS may act: every handler checks the person, not only a chat filter. Messages
to migrants that a coordinator's action causes are written in the migrant's language; staff
output follows `staff_base.staff_locale` (the coordinator chat's language there, the
coordinator's own language in their private chat).
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape
from typing import Any

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.booking.desk import AgendaItem
from bot.booking.outcome import Status
from bot.delivery.kinds import Kind
from bot.delivery.outbox import payload_of
from bot.handlers import callback_data as cd
from bot.handlers import coordinator_desk as desk
from bot.handlers import coordinator_slots
from bot.handlers.base import (
    AppContext,
    AppType,
    Keyboard,
    acknowledge,
    button,
    markup,
    show,
)
from bot.handlers.booking_views import (
    interpreter_line,
    service_name,
    time_label,
    topic_title,
    when,
)
from bot.handlers.coordinator_views import DECLINE_REASONS, LIST, NOTICE, OTHER
from bot.handlers.delivery import Outgoing, Skip, deliver_due, register_kind
from bot.handlers.staff_base import coordinator_message, is_coordinator, log_refusal, staff_locale
from bot.services import Services
from storage.models import Outbox

__all__ = ["coordinator_message"]  # reports, content and gaps take it from here

log = logging.getLogger(__name__)

MORNING_AGENDA_JOB = "morning-agenda"


async def on_coordinator_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    if query is None:
        return
    if not is_coordinator(context):
        log_refusal("button", update.effective_chat.type if update.effective_chat else None)
        await acknowledge(query, context.t("coordinator-only"), alert=True)
        return
    reasons = (*DECLINE_REASONS, OTHER)
    match cd.parse(query.data):
        case cd.CoConfirmAt(booking_id=booking_id, slot_id=slot_id):
            await desk.decide_from(update, context, booking_id, NOTICE, confirm=True, seen=slot_id)
        case cd.CoConfirm(booking_id=booking_id):
            await desk.decide_from(update, context, booking_id, NOTICE, confirm=True)
        case cd.CoListConfirm(booking_id=booking_id):
            await desk.decide_from(update, context, booking_id, LIST, confirm=True)
        case cd.CoDecline(booking_id=booking_id):
            await desk.show_reasons(update, context, booking_id, NOTICE)
        case cd.CoListDecline(booking_id=booking_id):
            await desk.show_reasons(update, context, booking_id, LIST)
        case cd.CoReason(booking_id=booking_id, reason=reason) if reason in reasons:
            await decline_for(update, context, booking_id, NOTICE, reason)
        case cd.CoListReason(booking_id=booking_id, reason=reason) if reason in reasons:
            await decline_for(update, context, booking_id, LIST, reason)
        case cd.CoReasonsBack(booking_id=booking_id, view=view) if view in (NOTICE, LIST):
            await desk.reasons_back(update, context, booking_id, view)
        case cd.CoList():
            await acknowledge(query)
            await desk.show_pending(update, context)
        case cd.CoCloseSlot(slot_id=slot_id):
            await coordinator_slots.close_slot(update, context, slot_id, close=True)
        case cd.CoKeepSlot(slot_id=slot_id):
            await coordinator_slots.close_slot(update, context, slot_id, close=False)
        case cd.CoMark(booking_id=booking_id, starts=starts, mark=code) if code in ("p", "n"):
            await mark(update, context, booking_id, starts, present=code == "p")
        case _:
            await acknowledge(query)


async def decline_for(
    update: Update, context: AppContext, booking_id: int, view: str, reason: str
) -> None:
    if reason == OTHER:
        await desk.ask_typed_reason(update, context, booking_id, view)
    else:
        await desk.decide_from(update, context, booking_id, view, confirm=False, reason=reason)


# -- the agenda ----------------------------------------------------------------------------------
def agenda_line(services: Services, locale: str, item: AgendaItem) -> str:
    """One meeting of the agenda: who, what, which slot, the topic and note, and attendance."""
    translator = services.translator
    mark_text = translator.t(
        locale, f"co-attendance-{(item.attendance or 'open').replace('_', '-')}"
    )
    return translator.t(
        locale,
        "co-agenda-line",
        time=time_label(services, locale, item.starts_at),
        name=escape(item.user.display_name or "—"),
        language=escape(translator.language_name(item.user.language)),
        service=escape(service_name(services, locale, item.slot.service_id)),
        slot=item.slot.id or 0,
        status=escape(translator.t(locale, f"co-status-{item.booking.status}")),
        mark=mark_text,
        topic=topic_title(services, locale, item.booking.topic_id),
        note=escape(item.booking.note or "—"),
    ) + interpreter_line(services, locale, item.booking)  # who needs an interpreter


def attendance_row(services: Services, locale: str, item: AgendaItem) -> list[Any]:
    """✓ Present / ✗ No-show for a meeting that has started: attendance, not a decision."""
    t = services.translator.t
    at = time_label(services, locale, item.starts_at)
    name = item.user.display_name or "—"
    booking_id, stamp = item.booking.id or 0, cd.Stamp.of(item.starts_at)
    return [
        button(
            t(locale, "co-mark-present", time=at, name=name)[:48], cd.CoMark(booking_id, stamp, "p")
        ),
        button(t(locale, "co-mark-no-show", time=at), cd.CoMark(booking_id, stamp, "n")),
    ]


def agenda_text_and_rows(
    services: Services, locale: str, day: dt.date, items: list[AgendaItem]
) -> tuple[str, Keyboard]:
    translator = services.translator
    now = services.clock.now()
    header = translator.t(
        locale, "co-agenda-title", day=escape(translator.format_date(day, locale)), count=len(items)
    )
    lines = [header, *(agenda_line(services, locale, item) for item in items)]
    started = [item for item in items if item.starts_at <= now]
    rows: Keyboard = [attendance_row(services, locale, item) for item in started]
    if len(started) < len(items):
        lines += ["", translator.t(locale, "co-marks-later")]
    return "\n".join(lines), rows


async def mark(
    update: Update, context: AppContext, booking_id: int, stamp: cd.Stamp, *, present: bool
) -> None:
    query, chat = update.callback_query, update.effective_chat
    services = context.services
    session_start = stamp.moment()
    outcome = await services.desk.mark_attendance(
        booking_id=booking_id, session_start=session_start, present=present
    )
    if query is None:
        return
    locale = staff_locale(context, chat.id if chat else None)
    if outcome.status == Status.TOO_EARLY:
        await acknowledge(query, services.translator.t(locale, "co-not-started"), alert=True)
        return
    await acknowledge(
        query, services.translator.t(locale, "co-marked" if outcome.ok else "co-gone")
    )
    if outcome.ok:
        day = session_start.astimezone(services.settings.tz).date()
        text, rows = agenda_text_and_rows(services, locale, day, await services.desk.agenda(day))
        await show(update, context, [text], rows)


# How far from today a coordinator may look or plan: far enough for a year's work, near enough
# that date arithmetic (and a calendar file) can never overflow.
DATE_RANGE = dt.timedelta(days=366)


def parse_day(argument: str | None, today: dt.date) -> dt.date | None:
    if not argument or argument.lower() in ("today", "danes", "сьогодні", "данас", "danas"):
        return today
    if argument.lower() in ("tomorrow", "jutri", "завтра", "сутра", "sutra"):
        return today + dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(argument)
    except ValueError:
        return None


def in_range(day: dt.date, today: dt.date) -> bool:
    return today - DATE_RANGE <= day <= today + DATE_RANGE


async def reply_out_of_range(
    message: Message, services: Services, today: dt.date, locale: str
) -> None:
    translator = services.translator
    await message.reply_text(
        translator.t(
            locale,
            "co-date-out-of-range",
            first=translator.format_date(today - DATE_RANGE, locale),
            last=translator.format_date(today + DATE_RANGE, locale),
        )
    )


async def on_agenda(update: Update, context: AppContext) -> None:
    message = await coordinator_message(update, context)
    if message is None:
        return
    services = context.services
    locale = staff_locale(context, message.chat_id)
    today = services.clock.now().astimezone(services.settings.tz).date()
    day = parse_day(context.args[0] if context.args else None, today)
    if day is None:
        await message.reply_text(services.translator.t(locale, "co-agenda-usage"))
        return
    if not in_range(day, today):
        await reply_out_of_range(message, services, today, locale)
        return
    text, rows = agenda_text_and_rows(services, locale, day, await services.desk.agenda(day))
    await message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup(rows))


async def send_morning_agenda(context: Any) -> bool:
    """Today's agenda to the coordinator chat, once a day even with several instances."""
    services: Services = context.bot_data["services"]
    if services.settings.coordinator_chat_id is None:
        return False
    today = services.clock.now().astimezone(services.settings.tz).date()
    scheduled = await services.delivery.enqueue_once(
        Kind.AGENDA,
        claim="morning-agenda",
        key=today.isoformat(),
        payload={"day": today.isoformat()},
    )
    if not scheduled:
        return False
    await deliver_due(context)
    return True


async def render_agenda(services: Services, row: Outbox) -> Outgoing | Skip:
    chat_id = services.settings.coordinator_chat_id
    day = payload_of(row).get("day")
    if chat_id is None or not isinstance(day, str):
        return Skip("dropped")
    on = dt.date.fromisoformat(day)
    locale = services.settings.coordinator_language
    text, rows = agenda_text_and_rows(services, locale, on, await services.desk.agenda(on))
    return Outgoing(chat_id, text, rows)


# -- slots from Telegram -------------------------------------------------------------------------
async def on_add_slot(update: Update, context: AppContext) -> None:
    """/addslot <service> <YYYY-MM-DD> <HH:MM>"""
    message = await coordinator_message(update, context)
    if message is None:
        return
    services = context.services
    locale = staff_locale(context, message.chat_id)
    translator = services.translator
    args = context.args or []
    try:
        service_id, local = args[0], dt.datetime.fromisoformat(f"{args[1]} {args[2]}")
    except (IndexError, ValueError):
        await message.reply_text(translator.t(locale, "co-addslot-usage"))
        return
    today = services.clock.now().astimezone(services.settings.tz).date()
    if not in_range(local.date(), today):
        await reply_out_of_range(message, services, today, locale)
        return
    outcome = await services.desk.add_slot(service_id, local)
    if not outcome.ok or outcome.slot is None:
        await message.reply_text(
            translator.t(locale, f"co-addslot-{outcome.status.replace('_', '-')}")
        )
        return
    await message.reply_text(
        translator.t(
            locale,
            "co-addslot-ok",
            slot=outcome.slot.id or 0,
            service=service_id,
            when=when(services, locale, outcome.slot.starts_at),
        )
    )


async def on_help(update: Update, context: AppContext) -> None:
    """/help in a group coordinator chat: the coordinator commands, in the chat's language (a
    private /help is `start.on_help`, which adds them for coordinators)."""
    message = update.effective_message
    if message is None or not is_coordinator(context):
        return
    locale = staff_locale(context, message.chat_id)
    await message.reply_text(
        context.services.translator.t(locale, "co-help"), parse_mode=ParseMode.HTML
    )


async def _morning_job(context: AppContext) -> None:
    await send_morning_agenda(context)


def register(app: AppType) -> None:
    app.add_handler(CallbackQueryHandler(on_coordinator_button, pattern=cd.pattern(cd.COORDINATOR)))
    app.add_handler(CommandHandler("agenda", on_agenda))
    app.add_handler(CommandHandler("addslot", on_add_slot))
    desk.register(app)  # /pending, /cancelslot, a typed decline reason
    chat_id = app.bot_data["services"].settings.coordinator_chat_id
    if chat_id is not None:
        group_chat = filters.Chat(chat_id) & ~filters.ChatType.PRIVATE
        app.add_handler(CommandHandler("help", on_help, filters=group_chat))
    register_kind(app, Kind.AGENDA, render_agenda)
    settings = app.bot_data["services"].settings
    if app.job_queue is not None:
        app.job_queue.run_daily(
            _morning_job,
            time=settings.agenda_time.replace(tzinfo=settings.tz),
            name=MORNING_AGENDA_JOB,
        )
