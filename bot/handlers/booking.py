"""Booking for migrants: service → day → time → topic → interpreter → confirm, and joining a
waiting list. This module routes the `book:` buttons, takes the typed note and interpreter, and
books; the screens of the steps are in `booking_steps.py`. (`/mybookings`, cancelling, moving and
offers are in `my_bookings.py`.)

Every step's state travels in the callback data (`book:…`), not in a ConversationHandler: a
half-finished booking survives a restart and works behind several webhook instances. A typed note
waits on the person's row (`bot/pending.py`). Every id from a button is checked against the
database and the person.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.booking.desk import Outcome, Status
from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, button, pressed, show
from bot.handlers.booking_interpreter import (
    INTERPRETER_INPUT,
    INTERPRETER_LIMIT,
    NOTE_DRAFT,
    NOTE_LIMIT,
    ask_interpreter_language,
    resolve_interpreter,
    shorten,
    show_interpreter,
)
from bot.handlers.booking_messages import made_from, send_calendar
from bot.handlers.booking_steps import (
    home_rows,
    show_confirm,
    show_days,
    show_services,
    show_times,
    show_topics,
    slot_button,
)
from bot.handlers.booking_views import (
    booking_details,
    course_sessions,
    my_booking_rows,
    service_name,
    when,
)
from bot.handlers.delivery import kick
from bot.handlers.privacy import add_consent_step, ask_consent
from bot.text import clean_text


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


# -- the callback router -------------------------------------------------------------------------
async def on_book_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    if press is None or await ask_consent(update, context, "book"):
        return  # every step, so an old or forged button cannot book without consent
    match press:
        case cd.BookService(service=service):
            await show_days(update, context, service)
        case cd.BookServiceFrom(service=service, day=day):
            await show_days(update, context, service, start=day)
        case cd.BookDay(service=service, day=day):
            await show_times(update, context, service, day)
        case cd.BookDayFrom(service=service, day=day, start=start):
            await show_times(update, context, service, day, start=start.moment())
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
        sends_itself=True,  # its notice goes out from `announce`, without a claim
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
    # The coordinator chat hears of it, in the background.
    kick(context, outcome.sends, await made_from(services, outcome))
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
        Status.FULL: "booking-slot-taken",
        Status.ALREADY: "booking-already",
        Status.TOO_LATE: "booking-too-late",
        Status.ALREADY_WAITING: "booking-already-waiting",
        Status.LIMIT: "booking-limit",
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
    elif outcome.slot is not None and outcome.status in (Status.FULL, Status.GONE):
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
