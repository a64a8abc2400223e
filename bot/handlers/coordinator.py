"""Coordinators: one notification per booking event with one-tap Confirm / Decline, the agenda
with Present / No-show, adding and cancelling slots, and the morning agenda.

Only COORDINATOR_IDS may act: every handler checks the person, not only a chat filter. Messages
to migrants that a coordinator's action causes are written in the migrant's language.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.booking.desk import AgendaItem
from bot.delivery.kinds import Kind
from bot.delivery.outbox import payload_of
from bot.handlers import callback_data as cd
from bot.handlers.base import (
    AppContext,
    AppType,
    Keyboard,
    acknowledge,
    button,
    edit_in_place,
    markup,
    show,
)
from bot.handlers.booking_views import (
    coordinator_summary,
    interpreter_line,
    service_name,
    time_label,
    when,
)
from bot.handlers.delivery import Outgoing, Skip, deliver_due, kick, register_kind
from bot.services import Services
from storage.models import Outbox

log = logging.getLogger(__name__)

DECLINE_REASONS = ("unavailable", "other-service", "need-documents", "duplicate")
MORNING_AGENDA_JOB = "morning-agenda"


def _is_coordinator(context: AppContext) -> bool:
    return context.person is not None and context.person.is_coordinator


def _staff_chat(context: AppContext, message: Message) -> bool:
    """Coordinator output (names, times) goes only to the coordinator chat or a coordinator's
    own private chat, never into some group a coordinator also happens to be in."""
    chat = message.chat
    if chat.id == context.services.settings.coordinator_chat_id:
        return True
    return (
        chat.type == ChatType.PRIVATE
        and message.from_user is not None
        and (chat.id == message.from_user.id)
    )


async def coordinator_message(update: Update, context: AppContext) -> Message | None:
    """The command's message if a coordinator sent it where coordinator output may go; everyone
    else is told it is not theirs (in their own language). Checked in every handler."""
    message = update.effective_message
    if message is None:
        return None
    if not _is_coordinator(context):
        await message.reply_text(context.t("coordinator-only"))
        return None
    if not _staff_chat(context, message):
        # Silence in that chat; the log says what was refused, not who or where.
        log.warning(
            "coordinator command ignored in a %s chat that is not the staff chat", message.chat.type
        )
        return None
    return message


async def on_coordinator_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    if query is None:
        return
    locale = context.services.settings.coordinator_language
    translator = context.services.translator
    if not _is_coordinator(context):
        await acknowledge(query, context.t("coordinator-only"), alert=True)
        return
    match cd.parse(query.data):
        case cd.CoConfirm(booking_id=booking_id):
            await decide(update, context, booking_id, confirm=True)
        case cd.CoDecline(booking_id=booking_id):
            await acknowledge(query)
            rows = [
                [button(translator.t(locale, f"co-reason-{r}"), cd.CoReason(booking_id, r))]
                for r in DECLINE_REASONS
            ]
            original = query.message if isinstance(query.message, Message) else None
            if original is None or not await edit_in_place(original, None, rows):
                await show(update, context, [original.text_html if original else "…"], rows)
        case cd.CoReason(booking_id=booking_id, reason=reason) if reason in DECLINE_REASONS:
            await decide(update, context, booking_id, confirm=False, reason=reason)
        case cd.CoMark(booking_id=booking_id, starts=starts, mark=code) if code in ("p", "n"):
            await mark(update, context, booking_id, starts, present=code == "p")
        case _:
            await acknowledge(query)


async def decide(
    update: Update,
    context: AppContext,
    booking_id: int,
    *,
    confirm: bool,
    reason: str | None = None,
) -> None:
    query = update.callback_query
    services = context.services
    locale = services.settings.coordinator_language
    outcome = await services.desk.decide(booking_id=booking_id, confirm=confirm, reason=reason)
    if query is not None:
        await acknowledge(query)
    if outcome.booking is None or outcome.slot is None or outcome.user is None:
        return
    booking, slot, user = outcome.booking, outcome.slot, outcome.user
    verdict = services.translator.t(locale, f"co-status-{booking.status}")
    summary = coordinator_summary(services, booking, slot, user, "co-booked")
    await show(update, context, [f"{summary}\n\n<b>{escape(verdict)}</b>"], [])
    if outcome.ok:
        kick(context)  # the person hears of it, in their language, from the outbox


# -- the agenda ----------------------------------------------------------------------------------
def agenda_text_and_rows(
    services: Services, day: dt.date, items: list[AgendaItem]
) -> tuple[str, Keyboard]:
    locale = services.settings.coordinator_language
    translator = services.translator
    header = translator.t(
        locale, "co-agenda-title", day=escape(translator.format_date(day, locale)), count=len(items)
    )
    lines = [header]
    rows: Keyboard = []
    for item in items:
        at = time_label(services, locale, item.starts_at)
        name = item.user.display_name or "—"
        mark_text = translator.t(
            locale, f"co-attendance-{(item.attendance or 'open').replace('_', '-')}"
        )
        lines.append(
            translator.t(
                locale,
                "co-agenda-line",
                time=at,
                name=escape(name),
                language=escape(translator.language_name(item.user.language)),
                service=escape(service_name(services, locale, item.slot.service_id)),
                status=escape(translator.t(locale, f"co-status-{item.booking.status}")),
                mark=mark_text,
            )
            + interpreter_line(services, locale, item.booking)  # who needs an interpreter
        )
        stamp = int(item.starts_at.timestamp())
        rows.append(
            [
                button(
                    f"✅ {at} {name}"[:40], cd.CoMark(item.booking.id or 0, cd.Stamp(stamp), "p")
                ),
                button(
                    translator.t(locale, "co-no-show"),
                    cd.CoMark(item.booking.id or 0, cd.Stamp(stamp), "n"),
                ),
            ]
        )
    return "\n".join(lines), rows


async def mark(
    update: Update, context: AppContext, booking_id: int, stamp: int, *, present: bool
) -> None:
    query = update.callback_query
    services = context.services
    session_start = dt.datetime.fromtimestamp(stamp, tz=dt.UTC)
    outcome = await services.desk.mark_attendance(
        booking_id=booking_id, session_start=session_start, present=present
    )
    if query is None:
        return
    locale = services.settings.coordinator_language
    await acknowledge(
        query, services.translator.t(locale, "co-marked" if outcome.ok else "co-gone")
    )
    if outcome.ok:
        day = session_start.astimezone(services.settings.tz).date()
        text, rows = agenda_text_and_rows(services, day, await services.desk.agenda(day))
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


async def reply_out_of_range(message: Message, services: Services, today: dt.date) -> None:
    locale = services.settings.coordinator_language
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
    locale = services.settings.coordinator_language
    today = services.clock.now().astimezone(services.settings.tz).date()
    day = parse_day(context.args[0] if context.args else None, today)
    if day is None:
        await message.reply_text(services.translator.t(locale, "co-agenda-usage"))
        return
    if not in_range(day, today):
        await reply_out_of_range(message, services, today)
        return
    text, rows = agenda_text_and_rows(services, day, await services.desk.agenda(day))
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
    text, rows = agenda_text_and_rows(services, on, await services.desk.agenda(on))
    return Outgoing(chat_id, text, rows)


# -- slots from Telegram -------------------------------------------------------------------------
async def on_add_slot(update: Update, context: AppContext) -> None:
    """/addslot <service> <YYYY-MM-DD> <HH:MM>"""
    message = await coordinator_message(update, context)
    if message is None:
        return
    services = context.services
    locale = services.settings.coordinator_language
    translator = services.translator
    args = context.args or []
    try:
        service_id, local = args[0], dt.datetime.fromisoformat(f"{args[1]} {args[2]}")
    except (IndexError, ValueError):
        await message.reply_text(translator.t(locale, "co-addslot-usage"))
        return
    today = services.clock.now().astimezone(services.settings.tz).date()
    if not in_range(local.date(), today):
        await reply_out_of_range(message, services, today)
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


async def on_cancel_slot(update: Update, context: AppContext) -> None:
    """/cancelslot <slot id>: everyone booked is told in their language."""
    message = await coordinator_message(update, context)
    if message is None:
        return
    services = context.services
    locale = services.settings.coordinator_language
    translator = services.translator
    args = context.args or []
    if not args or cd.as_id(args[0]) is None:
        await message.reply_text(translator.t(locale, "co-cancelslot-usage"))
        return
    outcome, affected = await services.desk.cancel_slot(cd.as_id(args[0]) or 0)
    if not outcome.ok:
        await message.reply_text(translator.t(locale, "co-gone"))
        return
    kick(context)  # everyone booked hears of it in their language, with a calendar update
    await message.reply_text(translator.t(locale, "co-cancelslot-ok", count=len(affected)))


async def _morning_job(context: AppContext) -> None:
    await send_morning_agenda(context)


def register(app: AppType) -> None:
    app.add_handler(CallbackQueryHandler(on_coordinator_button, pattern=cd.pattern(cd.COORDINATOR)))
    app.add_handler(CommandHandler("agenda", on_agenda))
    app.add_handler(CommandHandler("addslot", on_add_slot))
    app.add_handler(CommandHandler("cancelslot", on_cancel_slot))
    register_kind(app, Kind.AGENDA, render_agenda)
    settings = app.bot_data["services"].settings
    if app.job_queue is not None:
        app.job_queue.run_daily(
            _morning_job,
            time=settings.agenda_time.replace(tzinfo=settings.tz),
            name=MORNING_AGENDA_JOB,
        )
