"""The screens of the booking flow, one per step: service → day (or a course's dates) → time →
topic → confirm (the interpreter step is in `booking_interpreter.py`). Each screen is built from
the step's callback data and the database, so any instance can show any step; the router and
what happens on Confirm are in `booking.py`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from html import escape

from telegram import Update

from bot.botapi.plain import Button
from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, Keyboard, button, show
from bot.handlers.booking_interpreter import (
    draft_for,
    resolve_interpreter,
)
from bot.handlers.booking_views import (
    Draft,
    booking_details,
    course_sessions,
    day_label,
    price_text,
    service_name,
    when,
)
from bot.i18n import Translator
from storage.models import SlotStatus
from storage.repos.slots import FreeTime, Timed

TIMES_PER_PAGE = 15  # five rows of three
DAYS_PER_PAGE = 14  # seven rows of two: two weeks


def home_rows(context: AppContext) -> Keyboard:
    return [[button(context.t("faq-home"), cd.FaqHome())]]


def days_page(service_id: str, move_booking: int | None, start: dt.date | None) -> cd.Action:
    """The day picker (from `start` on, if given), to book or to move a booking."""
    if move_booking is None:
        return (
            cd.BookService(service_id) if start is None else cd.BookServiceFrom(service_id, start)
        )
    return cd.MyMove(move_booking) if start is None else cd.MyMoveFrom(move_booking, start)


def day_page(
    service_id: str, day: dt.date, move_booking: int | None, start: cd.Stamp | None = None
) -> cd.Action:
    """A day's free times (from `start` on, if given), to book or, while moving a booking, to
    move that booking to."""
    if move_booking is None:
        return (
            cd.BookDay(service_id, day) if start is None else cd.BookDayFrom(service_id, day, start)
        )
    return (
        cd.MyMoveDay(move_booking, day)
        if start is None
        else cd.MyMoveDayFrom(move_booking, day, start)
    )


def _day_buttons(
    translator: Translator,
    locale: str,
    service_id: str,
    days: tuple[dt.date, ...],
    move_booking: int | None,
) -> tuple[Button, ...]:
    return tuple(
        button(translator.format_day_short(day, locale), day_page(service_id, day, move_booking))
        for day in days
    )


def _time_buttons(
    translator: Translator,
    locale: str,
    tz: dt.tzinfo,
    slots: tuple[FreeTime, ...],
    move_booking: int | None,
) -> tuple[Button, ...]:
    return tuple(
        slot_button(translator.format_time(slot.starts_at, locale, tz), slot, move_booking)
        for slot in slots
    )


# A booking's picker page is the same for everyone who opens it (the same free days or times,
# in one language): its buttons are made once. A button costs ~5 µs (its label and its callback
# data), a page about a tenth of the step (bench/README.md, thirteenth round). A move's pages
# carry the booking's id, so they are each person's own: made each time.
_shared_day_buttons = lru_cache(maxsize=1024)(_day_buttons)
_shared_time_buttons = lru_cache(maxsize=1024)(_time_buttons)


def slot_button(label: str, slot: Timed, move_booking: int | None) -> Button:
    """A time to pick: it books, or, while moving a booking, moves that booking there."""
    if move_booking is None:
        return button(label, cd.BookSlot(slot.id or 0))
    return button(label, cd.MyMoveTo(move_booking, slot.id or 0))


# -- choosing ------------------------------------------------------------------------------------
async def show_services(update: Update, context: AppContext) -> None:
    catalog = context.services.catalog
    rows: Keyboard = [
        [button(s.name(context.locale), cd.BookService(s.id))] for s in catalog.services.values()
    ]
    if not rows:
        await show(update, context, [context.t("booking-none-offered")], home_rows(context))
        return
    rows.append([button(context.t("booking-my-button"), cd.MyList())])
    rows += home_rows(context)
    prices = "\n".join(  # what each service costs, before anyone picks one
        f"• {escape(s.name(context.locale))} — {price_text(context.services, context.locale, s)}"
        for s in catalog.services.values()
    )
    text = context.t("booking-choose-service") + "\n\n" + prices
    await show(update, context, [text], rows)


async def show_days(
    update: Update,
    context: AppContext,
    service_id: str,
    *,
    move_booking: int | None = None,
    notice: str = "",
    start: dt.date | None = None,
) -> None:
    """The days with a free time, DAYS_PER_PAGE at a time (from `start` on, if given): a long
    bookable window pages on ("Later"), so one screen costs the same however many days are
    free."""
    services = context.services
    service = services.catalog.get(service_id)
    if service is None:
        await show_services(update, context)
        return
    if service.is_group and move_booking is None:
        await show_group(update, context, service_id, notice=notice)
        return
    days = await services.desk.available_days(service_id, start=start, most=DAYS_PER_PAGE + 1)
    if not days and start is not None:  # an old page whose days went: the first page
        await show_days(update, context, service_id, move_booking=move_booking, notice=notice)
        return
    name = escape(service.name(context.locale))
    if not days:
        text = (notice + "\n\n" if notice else "") + context.t("booking-no-days", service=name)
        ask_rows = [[button(context.t("search-ask-person"), cd.AskStart())], *home_rows(context)]
        await show(update, context, [text], ask_rows)
        return
    make = _shared_day_buttons if move_booking is None else _day_buttons
    day_buttons = make(
        services.translator, context.locale, service_id, tuple(days[:DAYS_PER_PAGE]), move_booking
    )
    rows: Keyboard = [list(day_buttons[i : i + 2]) for i in range(0, len(day_buttons), 2)]
    pages: list[Button] = []
    if start is not None:  # the first page again
        first = days_page(service_id, move_booking, None)
        pages.append(button(context.t("booking-earlier-times"), first))
    if len(days) > DAYS_PER_PAGE:
        following = days_page(service_id, move_booking, days[DAYS_PER_PAGE])
        pages.append(button(context.t("booking-later-times"), following))
    if pages:
        rows.append(pages)
    rows.append([button(context.t("faq-back"), cd.BookStart()), *home_rows(context)[0]])
    text = (notice + "\n\n" if notice else "") + context.t("booking-choose-day", service=name)
    await show(update, context, [text], rows)


async def show_group(
    update: Update, context: AppContext, service_id: str, *, notice: str = ""
) -> None:
    """A course or event: its dates, the places left, enrol or join the waiting list."""
    services = context.services
    slot = await services.desk.group_slot(service_id)
    name = escape(service_name(services, context.locale, service_id))
    if slot is None:
        await show(
            update, context, [context.t("booking-no-days", service=name)], home_rows(context)
        )
        return
    dates = "\n".join(
        f"• {escape(when(services, context.locale, start))}"
        for start, _ in await services.desk.sessions(slot.id or 0)
    )
    free = slot.capacity - slot.booked
    text = context.t("booking-group", service=name, sessions=dates, free=free)
    if notice:
        text = notice + "\n\n" + text
    action = (
        button(context.t("booking-enrol"), cd.BookSlot(slot.id or 0))
        if free > 0
        else button(context.t("booking-join-waitlist"), cd.BookWait(slot.id or 0))
    )
    rows = [[action], [button(context.t("faq-back"), cd.BookStart()), *home_rows(context)[0]]]
    await show(update, context, [text], rows)


async def show_times(
    update: Update,
    context: AppContext,
    service_id: str,
    day: dt.date,
    *,
    move_booking: int | None = None,
    start: dt.datetime | None = None,
) -> None:
    """A day's free times, TIMES_PER_PAGE at a time (from `start` on, if given): a full day
    pages on ("Later"), so no keyboard nears Telegram's 100 buttons and one screen costs the
    same however many slots a day holds."""
    services = context.services
    slots = await services.desk.free_slots(service_id, day, most=TIMES_PER_PAGE + 1, start=start)
    if not slots:
        await show_days(
            update,
            context,
            service_id,
            move_booking=move_booking,
            notice=context.t("booking-slot-taken"),
        )
        return
    make = _shared_time_buttons if move_booking is None else _time_buttons
    buttons = make(
        services.translator,
        context.locale,
        services.settings.tz,
        tuple(slots[:TIMES_PER_PAGE]),
        move_booking,
    )
    rows: Keyboard = [list(buttons[i : i + 3]) for i in range(0, len(buttons), 3)]
    pages: list[Button] = []
    if start is not None:  # the day's first page again
        first = day_page(service_id, day, move_booking)
        pages.append(button(context.t("booking-earlier-times"), first))
    if len(slots) > TIMES_PER_PAGE:
        later = cd.Stamp.of(slots[TIMES_PER_PAGE].starts_at)
        following = day_page(service_id, day, move_booking, later)
        pages.append(button(context.t("booking-later-times"), following))
    if pages:
        rows.append(pages)
    back = (
        button(context.t("faq-back"), cd.BookService(service_id))
        if move_booking is None
        else button(context.t("faq-back"), cd.MyMove(move_booking))
    )
    rows.append([back, *home_rows(context)[0]])
    text = context.t("booking-choose-time", day=escape(day_label(services, context.locale, day)))
    await show(update, context, [text], rows)


async def show_topics(update: Update, context: AppContext, slot_id: int) -> None:
    """Optional: what the consultation is about (an FAQ topic) or a short typed note.
    A course or event needs no topic: straight to the confirmation."""
    services = context.services
    slot = await services.desk.slot(slot_id)
    service = services.catalog.get(slot.service_id) if slot else None
    if service is not None and service.is_group:
        await show_confirm(update, context, slot_id, cd.NONE)
        return
    if slot is None or service is None:
        await show_services(update, context)
        return
    content = services.faq.content
    rows: Keyboard = [
        [button(content.translation(t, context.locale).title, cd.BookTopic(slot_id, t.id))]
        for t in content.roots
    ]
    rows.append([button(context.t("booking-skip-topic"), cd.BookTopic(slot_id, cd.NONE))])
    day = slot.starts_at.astimezone(services.settings.tz).date()  # back to that day's times
    rows.append(
        [button(context.t("faq-back"), cd.BookDay(service.id, day)), *home_rows(context)[0]]
    )
    await awaiting.expect(context, "booking-note", slot=slot_id)
    await show(update, context, [context.t("booking-choose-topic")], rows)


async def show_confirm(
    update: Update, context: AppContext, slot_id: int, topic: str, interpreter: str = cd.NONE
) -> None:
    """Everything the booking will hold (every course date, the note, the interpreter, the
    price) and Confirm."""
    services = context.services
    slot = await services.desk.slot(slot_id)
    if slot is None or slot.status != SlotStatus.OPEN:
        await show_services(update, context)
        return
    wanted = resolve_interpreter(context, slot_id, interpreter)
    draft = Draft(service_id=slot.service_id, interpreter=wanted)
    details = booking_details(
        services, context.locale, draft, slot, await course_sessions(services, slot)
    )
    text = context.t("booking-confirm-question", details=details)
    note = draft_for(context, slot_id).get("note")
    if isinstance(note, str) and note:
        text += "\n\n" + context.t("booking-note-line", note=escape(note))
    service = services.catalog.get(slot.service_id)
    text += "\n\n" + context.t(
        "booking-price-line", price=price_text(services, context.locale, service)
    )
    back = (  # a course has no topic or interpreter step to go back to
        button(context.t("faq-back"), cd.BookService(slot.service_id))
        if service is not None and service.is_group
        else button(context.t("faq-back"), cd.BookTopic(slot_id, topic))
    )
    code = interpreter if wanted else cd.NONE
    confirm = (
        cd.BookConfirm(slot_id, topic)
        if code == cd.NONE
        else cd.BookConfirmWith(slot_id, topic, code)
    )
    rows = [[button(context.t("booking-confirm"), confirm)], [back, *home_rows(context)[0]]]
    await show(update, context, [text], rows)
