"""Messages a booking event causes, rendered from outbox rows (see `bot/handlers/delivery.py`):
notices to the coordinator chat, the centre's decisions and cancelled slots to the person (in the
person's own language), waiting-list offers, reminders; and the calendar file a person gets with
the direct answer to their own booking."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from html import escape
from typing import Any

from telegram.error import TelegramError

from bot.booking.ics import Meeting, booking_calendar
from bot.booking.outcome import Outcome
from bot.booking.rules import still_changeable
from bot.botapi import plain
from bot.delivery.kinds import Kind
from bot.delivery.outbox import payload_of
from bot.handlers import callback_data as cd
from bot.handlers.base import AppType, Keyboard, button
from bot.handlers.booking_views import (
    booking_details,
    coordinator_summary,
    course_sessions,
    service_name,
    when,
)
from bot.handlers.coordinator_views import OTHER, notice_rows
from bot.handlers.delivery import Outgoing, Skip, reachable, register_kind
from bot.services import Services
from storage.models import Booking, BookingStatus, EventKind, Outbox, Slot, User, WaitingStatus

log = logging.getLogger(__name__)

Known = tuple[Booking, Slot, User]  # a booking with its slot and person

NOTICE_EVENTS = ("co-booked", "co-moved", "co-cancelled")


async def send_calendar(
    context: Any,
    chat_id: int,
    booking: Booking,
    slot: Slot,
    *,
    locale: str,
    cancelled: bool = False,
) -> None:
    """The .ics file with the direct answer: same UID for the booking's life, SEQUENCE grows,
    CANCEL when cancelled. Best effort: the booking stands without it."""
    services: Services = context.bot_data["services"]
    document = calendar_document(services, locale, booking, slot, cancelled=cancelled)
    if document is None:
        return
    filename, data, caption = document
    try:
        await plain.send_file(context.bot, chat_id, filename, data, caption)
    except TelegramError as exc:  # the booking stands; the calendar file is a convenience
        log.warning("calendar file not sent: %s", type(exc).__name__)


def calendar_document(
    services: Services, locale: str, booking: Booking, slot: Slot, *, cancelled: bool
) -> tuple[str, bytes, str] | None:
    """File name, content and caption of the booking's .ics; None for a time no calendar can
    hold (the message goes without it)."""
    service = services.catalog.get(booking.service_id)
    try:
        data = calendar_bytes(services, locale, booking, slot, cancelled=cancelled)
    except (ValueError, OverflowError) as exc:
        log.warning("calendar file not built: %s", type(exc).__name__)
        return None
    caption = services.translator.t(
        locale, "booking-calendar-cancelled" if cancelled else "booking-calendar"
    )
    return f"{service.id if service else 'booking'}.ics", data, caption


def calendar_bytes(
    services: Services, locale: str, booking: Booking, slot: Slot, *, cancelled: bool
) -> bytes:
    service = services.catalog.get(booking.service_id)
    return booking_calendar(
        Meeting(
            booking_id=booking.id or 0,
            sequence=booking.sequence,
            summary=service_name(services, locale, booking.service_id),
            location=service.address if service else "",
            description=services.translator.t(locale, "booking-calendar-description"),
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            tz=services.settings.tz,
            now=services.clock.now(),
            cancelled=cancelled,
        )
    )


# -- renderers ------------------------------------------------------------------------------------
async def _about(services: Services, row: Outbox) -> Known | None:
    """The booking a row is about, with its slot and person, read now."""
    return await services.desk.booking_with_person(row.ref_id or 0)


def _with_chat(loaded: Known | None) -> tuple[Booking, Slot, User, int] | None:
    chat_id = reachable(loaded[2]) if loaded else None
    if loaded is None or chat_id is None:
        return None
    return (*loaded, chat_id)


async def to_person(services: Services, row: Outbox) -> tuple[Booking, Slot, User, int] | None:
    """The booking a row is about and the chat of its person, if they can still be reached
    (the preamble of every renderer of a message to the person a booking is about)."""
    return _with_chat(await _about(services, row))


async def render_notice(services: Services, row: Outbox) -> Outgoing | Skip:
    """One message per booking event in the coordinator chat; Confirm / Decline while the
    booking still waits for a decision."""
    return await notice_from(services, row, await _about(services, row))


async def notice_from(services: Services, row: Outbox, loaded: Known | None) -> Outgoing | Skip:
    chat_id = services.settings.coordinator_chat_id
    event = payload_of(row).get("event")
    if chat_id is None or loaded is None or event not in NOTICE_EVENTS:
        return Skip("dropped")
    booking, slot, user = loaded
    old = _moved_from(payload_of(row).get("old"))
    sessions = await course_sessions(services, slot)
    text = coordinator_summary(services, booking, slot, user, str(event), sessions, old=old)
    if event == "co-cancelled" or booking.status != BookingStatus.PENDING:
        return Outgoing(chat_id, text)
    booking_id = booking.id or 0
    # Its message id is kept (with the row's result) so a decision from /pending edits it too.
    remember = partial(services.desk.notice_posted, booking_id=booking_id)
    rows = notice_rows(services, booking_id, slot.id or 0)
    return Outgoing(chat_id, text, rows, with_result=remember)


def _moved_from(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


async def render_decision(services: Services, row: Outbox) -> Outgoing | Skip:
    """The centre confirmed or declined: the person hears it in their language; a decline
    comes with other free times of the same service."""
    return await decision_from(services, row, await _about(services, row))


async def decision_from(services: Services, row: Outbox, loaded: Known | None) -> Outgoing | Skip:
    found = _with_chat(loaded)
    if found is None:
        return Skip("skipped")
    booking, slot, user, chat_id = found
    locale, translator = user.language, services.translator
    details = booking_details(
        services, locale, booking, slot, await course_sessions(services, slot)
    )
    if booking.status == BookingStatus.CONFIRMED:
        text = translator.t(locale, "booking-confirmed-by-centre", details=details)
        return Outgoing(chat_id, text)
    if booking.status != BookingStatus.DECLINED:
        return Skip("dropped")
    if booking.decline_reason == OTHER:  # typed by the coordinator, shown as typed
        reason = translator.t(
            locale, "booking-reason-other", text=escape(booking.decline_note or "")
        )
    else:
        reason = translator.t(locale, f"booking-reason-{booking.decline_reason}")
    service = services.catalog.get(booking.service_id)
    if service is not None and service.is_group and booking.decline_reason == "need-documents":
        # A course or event happens when it happens: no "pick another time" for it.
        text = translator.t(locale, "booking-declined-final", details=details, reason=reason)
        return Outgoing(chat_id, text)
    text = translator.t(locale, "booking-declined", details=details, reason=reason)
    alternatives = await services.desk.alternatives(slot)
    # Another time keeps this booking's topic, note and interpreter: nothing is asked again.
    booking_id = booking.id or 0
    rows: Keyboard = [
        [button(when(services, locale, s.starts_at), cd.BookAgain(booking_id, s.id or 0))]
        for s in alternatives
    ]
    rows.append(
        [button(translator.t(locale, "booking-book-button"), cd.BookService(booking.service_id))]
    )
    return Outgoing(chat_id, text, rows)


async def render_slot_cancelled(services: Services, row: Outbox) -> Outgoing | Skip:
    found = await to_person(services, row)
    if found is None:
        return Skip("skipped")
    booking, slot, user, chat_id = found
    locale, translator = user.language, services.translator
    text = translator.t(
        locale,
        "booking-slot-cancelled-by-centre",
        details=booking_details(services, locale, booking, slot),
    )
    rows = [
        [button(translator.t(locale, "booking-book-button"), cd.BookService(booking.service_id))]
    ]
    document = calendar_document(services, locale, booking, slot, cancelled=True)
    return Outgoing(chat_id, text, rows, document=document)


async def render_waitlist_cancelled(services: Services, row: Outbox) -> Outgoing | Skip:
    """The slot of a waiting list was cancelled: the person waiting, or holding an offer, hears
    it once in their language (an offer's Yes now answers "gone")."""
    loaded = await services.desk.waiting_with_person(row.ref_id or 0)
    chat_id = reachable(loaded[2]) if loaded else None
    if loaded is None or chat_id is None or loaded[0].status != WaitingStatus.CANCELLED:
        return Skip("skipped")
    _, slot, user = loaded
    locale, translator = user.language, services.translator
    sessions = await course_sessions(services, slot)
    holder = Booking(user_id=user.id or 0, slot_id=slot.id or 0, service_id=slot.service_id)
    held_offer = bool(payload_of(row).get("offer"))
    message = "booking-offer-slot-cancelled" if held_offer else "booking-waitlist-slot-cancelled"
    text = translator.t(
        locale, message, details=booking_details(services, locale, holder, slot, sessions)
    )
    rows: Keyboard = [
        [button(translator.t(locale, "booking-book-button"), cd.BookService(slot.service_id))],
        [
            button(translator.t(locale, "search-ask-person"), cd.AskStart()),
            button(translator.t(locale, "faq-home"), cd.FaqHome()),
        ],
    ]
    return Outgoing(chat_id, text, rows)


async def render_offer(services: Services, row: Outbox) -> Outgoing | Skip:
    """A place is held for the first person waiting, for a limited time (in their language)."""
    found = await to_person(services, row)
    if found is None or found[0].status != BookingStatus.OFFERED:
        return Skip("dropped")
    booking, slot, user, chat_id = found
    locale, translator = user.language, services.translator
    expires = booking.offer_expires_at or slot.starts_at
    text = translator.t(
        locale,
        "booking-offer",
        details=booking_details(
            services, locale, booking, slot, await course_sessions(services, slot)
        ),
        until=escape(when(services, locale, expires)),
    )
    booking_id = booking.id or 0
    rows = [
        [
            button(translator.t(locale, "booking-offer-accept"), cd.OfferYes(booking_id)),
            button(translator.t(locale, "booking-offer-decline"), cd.OfferNo(booking_id)),
        ]
    ]
    return Outgoing(chat_id, text, rows)


async def render_reminder(services: Services, row: Outbox) -> Outgoing | Skip:
    """Before the appointment, in the person's language, with Cancel / Move."""
    due = await services.desk.reminder_due(row.ref_id or 0)
    if isinstance(due, str):
        return Skip(due)
    booking, slot, user = due
    chat_id = reachable(user)
    if chat_id is None:
        return Skip("skipped")
    locale, translator = user.language, services.translator
    text = translator.t(
        locale, "booking-reminder", details=booking_details(services, locale, booking, slot)
    )
    if booking.status == BookingStatus.PENDING:  # nobody at the centre has confirmed it yet
        text += "\n\n" + translator.t(locale, "booking-reminder-unconfirmed")
    rows: Keyboard
    if not still_changeable(slot.starts_at, services.clock.now(), services.desk.rules):
        # Past the cutoff Cancel and Move would refuse: offer what still works.
        hours = services.settings.cancel_cutoff_hours
        text += "\n\n" + translator.t(locale, "booking-reminder-too-late", cutoff=hours)
        rows = [[button(translator.t(locale, "booking-write-centre"), cd.AskStart())]]
    else:
        rows = [[button(translator.t(locale, "booking-cancel"), cd.MyCancel(booking.id or 0))]]
        service = services.catalog.get(booking.service_id)
        if service is not None and not service.is_group:
            move = button(translator.t(locale, "booking-move"), cd.MyMove(booking.id or 0))
            rows[0].append(move)
    event = {
        "kind": EventKind.REMINDER_SENT,
        "user_key": user.user_key,
        "language": user.language,
        "service_id": slot.service_id,
    }
    return Outgoing(chat_id, text, rows, event=event)


async def settle_offer_expiry(services: Services, row: Outbox) -> Skip:
    """Nothing to send: the held place lapses (the next person's offer is a row of its own)."""
    await services.desk.expire_offer(row.ref_id or 0)
    return Skip("done")


# Renderers that can make a row's message from a booking already in hand.
_FROM_KNOWN = {Kind.BOOKING_NOTICE: notice_from, Kind.DECISION: decision_from}


async def made_from(services: Services, outcome: Outcome) -> dict[int, Outgoing | Skip]:
    """The messages of a change's leased rows (`Outcome.sends`, sent by its handler), made from
    the booking, slot and person its unit of work read and wrote and returned (`Outcome`),
    not read again: as committed, a moment ago (a notice or a decision sent by a round reads
    them then). Rows of other kinds, or about another booking, are rendered as usual."""
    booking, slot, user = outcome.booking, outcome.slot, outcome.user
    if booking is None or slot is None or user is None:
        return {}
    made: dict[int, Outgoing | Skip] = {}
    for row in outcome.sends:
        make = _FROM_KNOWN.get(row.kind)  # type: ignore[call-overload]  # Kind is a str
        if make is not None and row.id is not None and row.ref_id == booking.id:
            made[row.id] = await make(services, row, (booking, slot, user))
    return made


def register(app: AppType) -> None:
    register_kind(app, Kind.BOOKING_NOTICE, render_notice)
    register_kind(app, Kind.DECISION, render_decision)
    register_kind(app, Kind.SLOT_CANCELLED, render_slot_cancelled)
    register_kind(app, Kind.WAITLIST_CANCELLED, render_waitlist_cancelled)
    register_kind(app, Kind.OFFER, render_offer)
    register_kind(app, Kind.REMINDER, render_reminder)
    register_kind(app, Kind.OFFER_EXPIRY, settle_offer_expiry)
