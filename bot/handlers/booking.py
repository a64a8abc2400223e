"""Booking for migrants: service → day → time → topic → interpreter → confirm, and joining a
waiting list. (`/mybookings`, cancelling, moving and offers are in `my_bookings.py`.)

Every step's state travels in the callback data (`book:…`), not in a ConversationHandler: a
half-finished booking survives a restart and works behind several webhook instances. A typed note
waits on the person's row (`bot/pending.py`). Every id from a button is checked against the
database and the person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from html import escape

from telegram import InlineKeyboardButton, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.booking.desk import Outcome
from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, button, pressed, show
from bot.handlers.booking_interpreter import (
    INTERPRETER_INPUT,
    INTERPRETER_LIMIT,
    NOTE_DRAFT,
    NOTE_LIMIT,
    ask_interpreter_language,
    draft_for,
    resolve_interpreter,
    shorten,
    show_interpreter,
)
from bot.handlers.booking_messages import send_calendar
from bot.handlers.booking_views import (
    booking_details,
    course_sessions,
    day_label,
    my_booking_rows,
    price_text,
    service_name,
    time_label,
    when,
)
from bot.handlers.delivery import kick
from bot.handlers.privacy import add_consent_step, ask_consent
from bot.text import clean_text
from storage.models import Booking, Slot, SlotStatus


def home_rows(context: AppContext) -> Keyboard:
    return [[button(context.t("faq-home"), cd.FaqHome())]]


def slot_button(label: str, slot: Slot, move_booking: int | None) -> InlineKeyboardButton:
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
) -> None:
    services = context.services
    service = services.catalog.get(service_id)
    if service is None:
        await show_services(update, context)
        return
    if service.is_group and move_booking is None:
        await show_group(update, context, service_id, notice=notice)
        return
    days = await services.desk.available_days(service_id)
    name = escape(service.name(context.locale))
    if not days:
        text = (notice + "\n\n" if notice else "") + context.t("booking-no-days", service=name)
        ask_rows = [[button(context.t("search-ask-person"), cd.AskStart())], *home_rows(context)]
        await show(update, context, [text], ask_rows)
        return
    day_buttons = [
        button(day_label(services, context.locale, day), cd.BookDay(service_id, day))
        if move_booking is None
        else button(day_label(services, context.locale, day), cd.MyMoveDay(move_booking, day))
        for day in days
    ]
    rows: Keyboard = [day_buttons[i : i + 2] for i in range(0, len(day_buttons), 2)]
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
) -> None:
    services = context.services
    slots = await services.desk.free_slots(service_id, day)
    if not slots:
        await show_days(
            update,
            context,
            service_id,
            move_booking=move_booking,
            notice=context.t("booking-slot-taken"),
        )
        return
    buttons = [
        slot_button(time_label(services, context.locale, s.starts_at), s, move_booking)
        for s in slots
    ]
    rows: Keyboard = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
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


async def on_interpreter_typed(
    update: Update, context: AppContext, pending: dict[str, object]
) -> None:
    message = update.effective_message
    slot_id, topic, note = pending.get("slot"), pending.get("topic"), pending.get("note")
    if message is None or not isinstance(slot_id, int) or not isinstance(topic, str):
        return
    typed = clean_text(message.text).strip()
    language = shorten(typed, INTERPRETER_LIMIT)
    if not language:
        await show_interpreter(update, context, slot_id, topic)
        return
    await awaiting.expect(
        context,
        NOTE_DRAFT,
        slot=slot_id,
        note=note if isinstance(note, str) else None,
        interpreter=language,
    )
    await show_confirm(update, context, slot_id, topic, cd.TYPED)


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
    draft = Booking(user_id=0, slot_id=slot_id, service_id=slot.service_id, interpreter=wanted)
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


# -- the callback router -------------------------------------------------------------------------
async def on_book_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    if press is None or await ask_consent(update, context, "book"):
        return  # every step, so an old or forged button cannot book without consent
    match press:
        case cd.BookService(service=service):
            await show_days(update, context, service)
        case cd.BookDay(service=service, day=day):
            await show_times(update, context, service, day)
        case cd.BookSlot(slot_id=slot_id):
            await show_topics(update, context, slot_id)
        case cd.BookTopic(slot_id=slot_id, topic=topic):
            await awaiting.forget(context)
            await show_interpreter(update, context, slot_id, topic)
        case cd.BookInterpreter(slot_id=slot_id, topic=topic, interpreter=code):
            await show_confirm(update, context, slot_id, topic, code)
        case cd.BookInterpreterOther(slot_id=slot_id, topic=topic):
            await ask_interpreter_language(update, context, slot_id, topic)
        case cd.BookConfirm(slot_id=slot_id, topic=topic):
            await confirm_booking(update, context, slot_id, topic)
        case cd.BookConfirmWith(slot_id=slot_id, topic=topic, interpreter=code):
            await confirm_booking(update, context, slot_id, topic, code)
        case cd.BookAgain(booking_id=booking_id, slot_id=slot_id):
            await book_again(update, context, booking_id, slot_id)
        case cd.BookWait(slot_id=slot_id):
            await join_waitlist(update, context, slot_id)
        case _:  # BookStart, or anything old or malformed
            await show_services(update, context)


async def on_note(update: Update, context: AppContext, pending: dict[str, object]) -> None:
    message = update.effective_message
    slot_id = pending.get("slot")
    if message is None or not isinstance(slot_id, int):
        return
    typed = clean_text(message.text).strip()
    note = shorten(typed, NOTE_LIMIT)
    if note:  # kept with the person (any instance) until the booking is confirmed
        await awaiting.expect(context, NOTE_DRAFT, slot=slot_id, note=note)
    shortened = len(note) < len(typed)
    await show_interpreter(update, context, slot_id, cd.NONE, note=note, shortened=shortened)


async def book_again(update: Update, context: AppContext, booking_id: int, slot_id: int) -> None:
    """Another time after a decline: the declined booking's topic, note and interpreter are
    kept, so the person is not asked again (only their own declined booking counts)."""
    person, services = context.person, context.services
    declined = await services.desk.declined(person.id, booking_id) if person else None
    slot = await services.desk.slot(slot_id)
    if declined is None or slot is None or slot.service_id != declined.service_id:
        await show_topics(update, context, slot_id)
        return
    await awaiting.expect(
        context, NOTE_DRAFT, slot=slot_id, note=declined.note, interpreter=declined.interpreter
    )
    topic = declined.topic_id if declined.topic_id and len(declined.topic_id) <= 40 else cd.NONE
    await show_confirm(
        update, context, slot_id, topic, cd.TYPED if declined.interpreter else cd.NONE
    )


async def confirm_booking(
    update: Update, context: AppContext, slot_id: int, topic: str, interpreter: str = cd.NONE
) -> None:
    services = context.services
    person = context.person
    if person is None:
        return
    wanted = resolve_interpreter(context, slot_id, interpreter)
    pending = person.awaiting
    draft = pending.data if pending is not None and pending.kind == NOTE_DRAFT else None
    note = draft.get("note") if draft and draft.get("slot") == slot_id else None
    topic_id = topic if topic != cd.NONE and services.faq.content.get(topic) else None
    outcome = await services.desk.book(  # takes the draft in the booking's own unit of work
        user_id=person.id,
        slot_id=slot_id,
        topic_id=topic_id,
        note=note if isinstance(note, str) else None,
        interpreter=wanted,
        draft=NOTE_DRAFT if draft is not None else None,
    )
    if not outcome.ok:
        await explain_failure(update, context, outcome)
        return
    if draft is not None:
        context.person = replace(person, awaiting=None)
    await announce(update, context, outcome, "booking-done")


async def announce(update: Update, context: AppContext, outcome: Outcome, message_id: str) -> None:
    """A booking made or changed: tell the person (with the calendar file) and the centre."""
    person = context.person
    if person is None or outcome.booking is None or outcome.slot is None:
        return
    services = context.services
    sessions = await course_sessions(services, outcome.slot)
    if sessions and message_id == "booking-done":  # a course can be cancelled, not moved
        message_id = "booking-done-cancel-only"
    text = context.t(
        message_id,
        details=booking_details(services, context.locale, outcome.booking, outcome.slot, sessions),
        cutoff=services.settings.cancel_cutoff_hours,
    )
    await show(update, context, [text], my_booking_rows(context, outcome.booking))
    kick(context)  # the coordinator chat hears of it from the outbox, in the background
    await send_calendar(
        context, person.telegram_id, outcome.booking, outcome.slot, locale=context.locale
    )


async def explain_failure(
    update: Update, context: AppContext, outcome: Outcome, *, move_booking: int | None = None
) -> None:
    """Full, gone, already: a polite word and the way on (alternatives or the service again).
    While moving a booking, the alternatives move it too rather than book a second time."""
    services = context.services
    message = {
        "full": "booking-slot-taken",
        "already": "booking-already",
        "too_late": "booking-too-late",
        "already_waiting": "booking-already-waiting",
        "limit": "booking-limit",
    }.get(outcome.status, "booking-gone")
    service = services.catalog.get(outcome.slot.service_id) if outcome.slot else None
    if message == "booking-limit" and service is not None and service.is_group:
        message = "booking-limit-cancel-only"  # a course is not moved: promise only Cancel
    text = context.t(message, cutoff=services.settings.cancel_cutoff_hours)
    if outcome.alternatives:
        rows: Keyboard = [
            [slot_button(when(services, context.locale, s.starts_at), s, move_booking)]
            for s in outcome.alternatives
        ]
        rows += home_rows(context)
        await show(update, context, [text + "\n\n" + context.t("booking-alternatives")], rows)
    elif outcome.slot is not None and outcome.status in ("full", "gone"):
        await show_days(
            update, context, outcome.slot.service_id, move_booking=move_booking, notice=text
        )
    else:
        rows = [
            [button(context.t("booking-my-button"), cd.MyList())],
            [button(context.t("search-ask-person"), cd.AskStart()), *home_rows(context)[0]],
        ]
        await show(update, context, [text], rows)


async def join_waitlist(update: Update, context: AppContext, slot_id: int) -> None:
    person = context.person
    if person is None:
        return
    outcome = await context.services.desk.join_waitlist(user_id=person.id, slot_id=slot_id)
    if not outcome.ok:
        await explain_failure(update, context, outcome)
        return
    name = escape(
        service_name(
            context.services, context.locale, outcome.slot.service_id if outcome.slot else ""
        )
    )
    await show(
        update, context, [context.t("booking-waitlist-joined", service=name)], home_rows(context)
    )


async def on_book_command(update: Update, context: AppContext) -> None:
    if not await ask_consent(update, context, "book"):
        await show_services(update, context)


def register(app: AppType) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("book", on_book_command, filters=private))
    app.add_handler(CallbackQueryHandler(on_book_button, pattern=cd.pattern(cd.BOOK)))
    awaiting.add_consumer(app, "booking-note", on_note)
    awaiting.add_consumer(app, INTERPRETER_INPUT, on_interpreter_typed)
    add_consent_step(app, "book", show_services)
