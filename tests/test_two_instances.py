"""Two Applications on one database, as two webhook instances (or a double tap handled twice)
would be: every pair of changes that can meet on one booking releases its place at most once.

On PostgreSQL (TEST_DATABASE_URL) the two really run side by side; on SQLite the write lock
serialises them, so the same tests check the outcome there too. After every race the places
booked on each slot must equal the bookings holding one.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from bot.handlers.delivery import deliver_due
from storage.models import ACTIVE_BOOKING, Booking, Event, Slot, User, Waiting
from storage.repos import booking as booking_repo
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    bookings_of,
    course_slot,
    db_user,
    full_course_with_a_waiter,
    keyboard_data,
    local,
    one,
    quick_book,
    rows,
    says,
    slot_at,
)
from tests.conftest import BotHarness, another_instance, start_harness, twin

THURSDAY_16 = local(2026, 12, 3, 16, 0)
THURSDAY_16_45 = local(2026, 12, 3, 16, 45)
OFFER_HOURS = 12


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url, waitlist_offer_hours=OFFER_HOURS)


async def press_on_both(
    a: SimulatedUser, b: SimulatedUser, data_a: str, data_b: str | None = None
) -> None:
    """Two presses from the same chat message, one handled by each instance, at once."""
    message = a._latest_with_keyboard()
    await asyncio.gather(
        a.feed(a.callback_payload(data_a, message)),
        b.feed(b.callback_payload(data_b or data_a, message)),
    )


async def assert_places_add_up(bot: BotHarness) -> None:
    """Each slot's `booked` equals the bookings (and held offers) that take a place on it."""
    async with bot.services.db.session() as session:
        held = dict(
            (
                await session.exec(
                    select(Booking.slot_id, func.count())
                    .where(col(Booking.status).in_(ACTIVE_BOOKING))
                    .group_by(col(Booking.slot_id))
                )
            ).all()
        )
        slots = list((await session.exec(select(Slot).where(Slot.status == "open"))).all())
    for slot in slots:
        assert slot.booked == held.get(slot.id, 0), f"slot {slot.id}: {slot.booked} vs {held}"
        assert slot.booked <= slot.capacity


async def events(bot: BotHarness, kind: str) -> list[Event]:
    return await rows(bot, Event, kind=kind)


def offers_received(bot: BotHarness, other: BotHarness, user: SimulatedUser) -> int:
    return sum(
        1
        for harness in (bot, other)
        for call in harness.api.sent("sendMessage", chat_id=user.chat_id)
        if any(
            str(b.get("callback_data", "")).startswith("offer:yes:")
            for r in call.buttons
            for b in r
        )
    )


# -- the same cancel twice, a cancel against a decline, two declines ---------------------------
async def test_one_cancel_confirmed_on_two_instances_releases_one_place(pair):
    a, b = pair
    (anna, _), waiter = await full_course_with_a_waiter(a, first_id=8001)
    (booking,) = await bookings_of(a, anna.user_id)
    await anna.send("/mybookings")
    await anna.press_data(f"my:cancel:{booking.id}")

    await press_on_both(anna, twin(b, anna), f"my:cancelok:{booking.id}")

    await assert_places_add_up(a)
    assert len(await events(a, "cancelled")) == 1
    assert (await course_slot(a)).booked == 2, "the waiting person holds the freed place"
    assert offers_received(a, b, waiter) == 1


async def test_joining_a_waiting_list_on_two_instances_at_once_keeps_one_place(
    pair, monkeypatch: pytest.MonkeyPatch
):
    """Join is a read and an insert: two taps side by side both read "not waiting" (made sure
    of here: each waits after its read for the other's, on PostgreSQL; SQLite's write lock lets
    only one in, so there the wait times out). The partial unique index keeps one place in
    line; the other tap hears "already waiting"."""
    a, b = pair
    both_read = asyncio.Barrier(2)
    read = booking_repo.waiting_entry

    async def read_then_wait(**kwargs: Any) -> Any:
        found = await read(**kwargs)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(both_read.wait(), 2)
        return found

    await full_course_with_a_waiter(a, first_id=8051)
    slot = await course_slot(a)
    olga = a.user(8054, language_code="uk")
    await olga.send("/start")

    monkeypatch.setattr(booking_repo, "waiting_entry", read_then_wait)
    await press_on_both(olga, twin(b, olga), f"book:wait:{slot.id}")

    person = await one(a, User, telegram_id=8054)
    places = [w for w in await rows(a, Waiting, slot_id=slot.id) if w.user_id == person.id]
    assert [w.status for w in places] == ["waiting"]
    assert len(await events(a, "waitlist_joined")) == 2  # the earlier waiter's and Olga's one
    answers = [
        call.text
        for harness in (a, b)
        for call in harness.api.outgoing(olga.chat_id)
        if says(call.text, a, "uk", "booking-waitlist-joined", service="")
        or says(call.text, a, "uk", "booking-already-waiting")
    ]
    joined = [t for t in answers if says(t, a, "uk", "booking-waitlist-joined", service="")]
    assert len(answers) == 2 and len(joined) == 1, "one tap joined, the other heard so"


async def test_a_cancel_and_a_decline_of_one_booking_at_once(pair):
    a, b = pair
    (anna, _), waiter = await full_course_with_a_waiter(a, first_id=8001)
    (booking,) = await bookings_of(a, anna.user_id)
    await anna.send("/mybookings")
    await anna.press_data(f"my:cancel:{booking.id}")
    coordinator = b.coordinator(in_group=True)
    message = anna._latest_with_keyboard()

    await asyncio.gather(
        anna.feed(anna.callback_payload(f"my:cancelok:{booking.id}", message)),
        coordinator.feed(
            coordinator.callback_payload(
                f"co:why:{booking.id}:unavailable",
                {"message_id": 1, "date": 0, "chat": coordinator._chat(), "text": "x"},
            )
        ),
    )

    await assert_places_add_up(a)
    closed = await events(a, "cancelled") + await events(a, "declined")
    assert len(closed) == 1
    assert (await one(a, Booking, id=booking.id)).status in ("cancelled", "declined")
    assert offers_received(a, b, waiter) == 1


async def test_consent_given_on_two_instances_at_once_is_recorded_once(
    tmp_path: Path, database_url: str
):
    """The consent step's Yes pressed twice, each press handled by another instance: consent is
    stored once and its event counted once (a conditional UPDATE decides)."""
    settings = booking_settings(tmp_path, database_url, consent_in_bot=True)
    a, a_running = await start_harness(settings)
    async with a_running:
        b, b_running = await another_instance(settings, a.clock)
        async with b_running:
            person = a.user(8401, language_code="uk")
            await person.send("/book")
            agree = [d for d in keyboard_data(person) if ":agree:" in d]
            assert agree, "the consent step is asked first"
            await press_on_both(person, twin(b, person), agree[0])

            assert len(await events(a, "consent_given")) == 1
            assert (await db_user(a, person.user_id)).consent_at is not None


async def _booked_with_a_coordinator_on_each(
    pair: tuple[BotHarness, BotHarness], person_id: int
) -> tuple[SimulatedUser, Any, Callable[[str, str], Awaitable[Any]]]:
    """A person's pending booking on the first instance, and a way to have one coordinator on
    each instance press a button of its notice at the same moment."""
    a, b = pair
    slot = await slot_at(a, CONSULTATION, THURSDAY_16)
    person = a.user(person_id, language_code="uk")
    await quick_book(person, slot.id or 0)
    (booking,) = await bookings_of(a, person.user_id)
    one_coordinator, other = a.coordinator(in_group=True), b.coordinator(in_group=True)
    post = {"message_id": 1, "date": 0, "chat": one_coordinator._chat(), "text": "x"}

    async def press_both(first: str, second: str) -> Any:
        return await asyncio.gather(
            one_coordinator.feed(one_coordinator.callback_payload(first, post)),
            other.feed(other.callback_payload(second, post)),
        )

    return person, booking, press_both


async def test_two_coordinators_decline_one_booking_at_once(pair):
    a, b = pair
    anna, booking, press_both = await _booked_with_a_coordinator_on_each(pair, 8101)
    await press_both(f"co:why:{booking.id}:unavailable", f"co:why:{booking.id}:duplicate")

    await assert_places_add_up(a)
    assert len(await events(a, "declined")) == 1
    told = [
        c
        for h in (a, b)
        for c in h.api.sent("sendMessage", chat_id=anna.chat_id)
        if says(c.text, a, "uk", "booking-declined", details="", reason="")
    ]
    assert len(told) == 1, "the person hears of the decline once"


async def test_two_coordinators_confirm_one_booking_at_once(pair):
    """Confirm is one conditional UPDATE (through the driver, `within`): pressed on two instances
    at once, the booking is confirmed once, logged once and the person told once."""
    a, b = pair
    anna, booking, press_both = await _booked_with_a_coordinator_on_each(pair, 8102)
    await press_both(f"co:ok:{booking.id}", f"co:ok:{booking.id}")

    (confirmed,) = await bookings_of(a, anna.user_id)
    assert confirmed.status == "confirmed"
    await assert_places_add_up(a)
    assert len(await events(a, "confirmed")) == 1
    told = [
        c
        for h in (a, b)
        for c in h.api.sent("sendMessage", chat_id=anna.chat_id)
        if says(c.text, a, "uk", "booking-confirmed-by-centre", details="")
    ]
    assert len(told) == 1, "the person hears of the confirmation once"


# -- cancel against move, two moves across ----------------------------------------------------
async def test_a_cancel_and_a_move_of_one_booking_at_once(pair):
    a, b = pair
    slot = await slot_at(a, CONSULTATION, THURSDAY_16)
    later = await slot_at(a, CONSULTATION, THURSDAY_16_45)
    anna = a.user(8201, language_code="uk")
    await quick_book(anna, slot.id or 0)
    (booking,) = await bookings_of(a, anna.user_id)
    await anna.send("/mybookings")

    await press_on_both(
        anna, twin(b, anna), f"my:cancelok:{booking.id}", f"my:mto:{booking.id}:{later.id}"
    )

    await assert_places_add_up(a)
    status = (await one(a, Booking, id=booking.id)).status
    assert status in ("cancelled", "pending")
    booked = {s.id: s.booked for s in await rows(a, Slot, service_id=CONSULTATION)}
    assert booked[slot.id] == 0
    assert booked[later.id] == (1 if status == "pending" else 0)


async def test_two_people_swap_times_at_once_without_deadlock(pair):
    a, b = pair
    first_slot = await slot_at(a, CONSULTATION, THURSDAY_16)
    second_slot = await slot_at(a, CONSULTATION, THURSDAY_16_45)
    third = await slot_at(a, CONSULTATION, local(2026, 12, 3, 17, 30))
    anna, boris = a.user(8301, language_code="uk"), b.user(8302, language_code="sl")
    await quick_book(anna, first_slot.id or 0)
    await quick_book(boris, second_slot.id or 0)
    (anna_booking,) = await bookings_of(a, anna.user_id)
    (boris_booking,) = await bookings_of(a, boris.user_id)
    await anna.send("/mybookings")
    await boris.send("/mybookings")
    # Both move to the third slot: exactly one gets it, nobody's old place is lost twice.
    await asyncio.gather(
        anna.press_data(f"my:mto:{anna_booking.id}:{third.id}"),
        boris.press_data(f"my:mto:{boris_booking.id}:{third.id}"),
    )
    await assert_places_add_up(a)
    assert (await one(a, Slot, id=third.id)).booked == 1


# -- a held offer: expiry on one instance, the answer on the other -----------------------------
@pytest.mark.parametrize("accept", [True, False])
async def test_an_offer_answered_while_it_expires(pair, accept: bool):
    a, b = pair
    (anna, _), waiter = await full_course_with_a_waiter(a, first_id=8001)
    (booking,) = await bookings_of(a, anna.user_id)
    await anna.send("/mybookings")
    await anna.press_data(f"my:cancel:{booking.id}")
    await anna.press_data(f"my:cancelok:{booking.id}")
    (offer,) = [x for x in await bookings_of(a, waiter.user_id) if x.status == "offered"]
    waiter_b = twin(b, waiter)
    a.clock.set((offer.offer_expires_at or a.clock.now()) - dt.timedelta(seconds=1))
    waiter_b.api.messages.update(a.api.messages)  # the offer message, as Telegram shows it
    answer = f"offer:{'yes' if accept else 'no'}:{offer.id}"
    message = a.api.sent("sendMessage", chat_id=waiter.chat_id)[-1]
    payload = waiter_b.callback_payload(
        answer, a.api.messages[(waiter.chat_id, message.message_id or 0)]
    )
    a.clock.advance(dt.timedelta(seconds=2))  # now it has expired as well

    await asyncio.gather(deliver_due(a.app), waiter_b.feed(payload))

    await assert_places_add_up(a)
    final = (await one(a, Booking, id=offer.id)).status
    assert final in ("expired", "pending")
    assert len(await events(a, "offer_expired")) + len(await events(a, "offer_declined")) <= 1


# -- a coordinator cancels the slot while the person cancels ------------------------------------
async def test_cancel_slot_and_a_personal_cancel_at_once(pair):
    a, b = pair
    slot = await slot_at(a, CONSULTATION, THURSDAY_16)
    anna = a.user(8401, language_code="uk")
    await quick_book(anna, slot.id or 0)
    (booking,) = await bookings_of(a, anna.user_id)
    await anna.send("/mybookings")
    await anna.press_data(f"my:cancel:{booking.id}")
    coordinator = b.coordinator()
    await coordinator.send(f"/cancelslot {slot.id}")  # "are you sure?"

    await asyncio.gather(
        anna.press_data(f"my:cancelok:{booking.id}"),
        coordinator.press_data(f"co:close:{slot.id}"),  # Yes
    )

    assert len(await events(a, "cancelled")) == 1
    assert (await one(a, Booking, id=booking.id)).status == "cancelled"


# -- first contact ------------------------------------------------------------------------------
async def test_first_two_updates_of_a_new_person_on_two_instances(pair):
    a, b = pair
    for telegram_id in range(8500, 8520):
        here = a.user(telegram_id, language_code="uk")
        there = twin(b, here)
        calls = await asyncio.gather(here.send("/start"), there.send("/help"))
        for harness, made in ((a, calls[0]), (b, calls[1])):
            texts = [c.text for c in made if c.method == "sendMessage"]
            assert texts and harness.t("uk", "common-error") not in texts
    async with a.services.db.session() as session:
        count = (
            await session.exec(
                select(func.count())
                .select_from(User)
                .where(col(User.telegram_id).between(8500, 8519))
            )
        ).one()
    assert count == 20


# -- typed input asked on one instance, answered on the other ----------------------------------
async def test_a_question_for_the_centre_typed_on_the_other_instance(pair):
    a, b = pair
    person = a.user(8601, language_code="uk")
    await person.send("/ask")
    assert person.last_text() == a.t("uk", "ask-write")

    calls = await twin(b, person).send("Чи можу я змінити роботу?")

    posted = [c for c in calls if c.chat_id == b.services.settings.coordinator_chat_id]
    assert len(posted) == 1 and "Чи можу я змінити роботу?" in posted[0].text
    assert a.api.sent("sendMessage", chat_id=a.services.settings.coordinator_chat_id) == []
    # Handled once: the same text again is an ordinary question, not a second post.
    again = await twin(a, person).send("Чи можу я змінити роботу?")
    assert [c for c in again if c.chat_id == a.services.settings.coordinator_chat_id] == []


async def test_a_booking_note_typed_on_one_instance_confirmed_on_the_other(pair):
    a, b = pair
    slot = await slot_at(a, CONSULTATION, THURSDAY_16)
    person = a.user(8602, language_code="sl")
    await person.send("/book")
    await person.press_data(f"book:slot:{slot.id}")
    other = twin(b, person)
    await other.send("Potrebujem pomoč pri vlogi")  # the note, on the second instance
    message = other._latest_with_keyboard()

    await person.feed(person.callback_payload(f"book:ok:{slot.id}:-", message))

    (booking,) = await bookings_of(a, person.user_id)
    assert booking.note == "Potrebujem pomoč pri vlogi"


# -- one consultation at a time -------------------------------------------------------------------
async def test_one_person_taking_two_times_at_once_gets_one(pair):
    a, b = pair
    first = await slot_at(a, CONSULTATION, THURSDAY_16)
    second = await slot_at(a, CONSULTATION, THURSDAY_16_45)
    person = a.user(8701, language_code="sl")
    await person.send("/book")
    other = twin(b, person)
    message = person._latest_with_keyboard()

    calls = await asyncio.gather(
        person.feed(person.callback_payload(f"book:ok:{first.id}:-", message)),
        other.feed(other.callback_payload(f"book:ok:{second.id}:-", message)),
    )

    assert len([x for x in await bookings_of(a, 8701) if x.status == "pending"]) == 1
    await assert_places_add_up(a)
    texts = [c.text for made in calls for c in made if c.chat_id == person.chat_id]
    assert any(t.startswith(a.t("sl", "booking-limit")) for t in texts)


# -- erasure confirmed twice at once ---------------------------------------------------------------
async def test_forget_confirmed_on_two_instances_erases_once_under_one_key(pair):
    a, b = pair
    person = a.user(8801, language_code="uk")
    await person.send("/start")
    await person.send("/forget")

    await press_on_both(person, twin(b, person), "privacy:forgetok")

    await assert_erased_once(a)


async def test_a_stale_forget_press_after_erasure_is_not_counted_twice(pair):
    # The order the race above can take: one instance erases, then the other meets the press as
    # a first contact (the person is new again) and erases that fresh row, uncounted.
    a, b = pair
    person = a.user(8802, language_code="uk")
    await person.send("/start")
    await person.send("/forget")
    message = person._latest_with_keyboard()
    await person.feed(person.callback_payload("privacy:forgetok", message))
    other = twin(b, person)
    made = await other.feed(other.callback_payload("privacy:forgetok", message))

    assert any(c.text == a.t("uk", "privacy-forgotten", count=0) for c in made)
    await assert_erased_once(a)


async def assert_erased_once(bot: BotHarness) -> None:
    people = await rows(bot, User)
    assert people and all(u.telegram_id is None and u.forgotten_at for u in people)
    keys = {e.user_key for e in await rows(bot, Event)}
    assert keys <= {u.user_key for u in people}, "the events stay under an erased row's key"
    assert len(await events(bot, "forgotten")) == 1
