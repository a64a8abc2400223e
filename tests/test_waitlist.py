"""The waiting list of a full course (2 places): join, a freed place held for the first person
waiting for a limited time, expiry passing it on, accepting it, and old offer buttons afterwards.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col

from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call
from bot.config import Settings
from bot.handlers.delivery import deliver_due
from storage.models import Booking, Slot, Waiting
from tests.booking_support import (
    COURSE,
    booking_settings,
    bookings_of,
    coordinator_posts,
    course_slot,
    data_of,
    db_user,
    events_of,
    keyboard_data,
    local,
    one,
    outbox_of,
    press_offered,
    rows,
    says,
    texts_to,
)
from tests.conftest import START_TIME, BotHarness

OFFER_HOURS = 12


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url, waitlist_offer_hours=OFFER_HOURS)


# -- local helpers ----------------------------------------------------------------------------
async def open_course(bot: BotHarness, user: SimulatedUser, locale: str) -> None:
    service = bot.services.catalog.get(COURSE)
    assert service is not None
    await user.send("/book")
    await user.press(service.name(locale), exact=True)


async def enrol(bot: BotHarness, user: SimulatedUser, locale: str = "uk") -> Booking:
    slot = await course_slot(bot)
    await open_course(bot, user, locale)
    await press_offered(user, f"book:slot:{slot.id}")  # a course has no topic step
    await press_offered(user, f"book:ok:{slot.id}:-")
    (booking,) = await bookings_of(bot, user.user_id)
    return booking


async def join_waitlist(bot: BotHarness, user: SimulatedUser, locale: str = "uk") -> list[Call]:
    slot = await course_slot(bot)
    await open_course(bot, user, locale)
    assert f"book:slot:{slot.id}" not in keyboard_data(user), "a full course offers no Enrol"
    label = bot.t(locale, "booking-join-waitlist")
    assert label in user.last_buttons()
    return await user.press(label, exact=True)


async def cancel(user: SimulatedUser, booking: Booking) -> None:
    await user.send("/mybookings")
    await press_offered(user, f"my:cancel:{booking.id}")
    await press_offered(user, f"my:cancelok:{booking.id}")


def offers_to(bot: BotHarness, user: SimulatedUser, locale: str = "uk") -> list[Call]:
    return [
        c
        for c in bot.api.sent("sendMessage", chat_id=user.chat_id)
        if says(c.text, bot, locale, "booking-offer", details="", until="")
    ]


async def booked_places(bot: BotHarness) -> int:
    return (await course_slot(bot)).booked


async def offered_booking(bot: BotHarness, user: SimulatedUser) -> Booking:
    (booking,) = [b for b in await bookings_of(bot, user.user_id) if b.status == "offered"]
    return booking


# -- the story --------------------------------------------------------------------------------
async def test_a_freed_place_goes_down_the_waiting_list(bot: BotHarness):
    first, second = bot.user(6001, language_code="uk"), bot.user(6002, language_code="sl")
    third, fourth = bot.user(6003, language_code="uk"), bot.user(6004, language_code="uk")
    first_booking = await enrol(bot, first)
    await enrol(bot, second, "sl")
    assert await booked_places(bot) == 2

    # Third and fourth find the course full and join the waiting list.
    calls = await join_waitlist(bot, third)
    service = bot.services.catalog.get(COURSE)
    assert service is not None
    assert any(
        says(t, bot, "uk", "booking-waitlist-joined", service="") and service.name("uk") in t
        for t in texts_to(calls, third.chat_id)
    )
    await join_waitlist(bot, fourth)
    slot = await course_slot(bot)
    assert [w.user_id for w in await rows(bot, Waiting, slot_id=slot.id)] == [
        (await db_user(bot, 6003)).id,
        (await db_user(bot, 6004)).id,
    ]
    assert len(await events_of(bot, "waitlist_joined")) == 2
    calls = await third.press_data(f"book:wait:{slot.id}")
    assert bot.t("uk", "booking-already-waiting") in texts_to(calls, third.chat_id)
    assert len(await rows(bot, Waiting, slot_id=slot.id)) == 2

    # The first cancels: the place is held for the third, who gets an offer.
    await cancel(first, first_booking)
    assert await booked_places(bot) == 2, "the freed place is held, not released"
    (offer,) = offers_to(bot, third)
    third_booking = await offered_booking(bot, third)
    assert data_of(offer) == [f"offer:yes:{third_booking.id}", f"offer:no:{third_booking.id}"]
    assert offer.button_texts() == [
        bot.t("uk", "booking-offer-accept"),
        bot.t("uk", "booking-offer-decline"),
    ]
    # 12 hours of the centre's waking hours (9:00–20:00) from 9:00 on a Tuesday: 10:00 next day.
    expires = local(2026, 12, 2, 10, 0)
    assert third_booking.offer_expires_at == expires
    assert offers_to(bot, fourth) == []
    assert [r.status for r in await outbox_of(bot, third_booking.id or 0, "offer_expiry")] == [
        "pending"
    ]

    # The third does not answer; once the offer time has passed, the fourth gets the place.
    bot.clock.set(expires - dt.timedelta(minutes=1))
    await deliver_due(bot.app)
    assert offers_to(bot, fourth) == [], "not before the offer time"
    bot.clock.set(expires + dt.timedelta(minutes=1))
    await deliver_due(bot.app)
    await deliver_due(bot.app)
    assert (await one(bot, Booking, id=third_booking.id)).status == "expired"
    (fourth_offer,) = offers_to(bot, fourth)
    fourth_booking = await offered_booking(bot, fourth)
    assert await booked_places(bot) == 2
    assert len(await events_of(bot, "offer_expired")) == 1

    # The fourth accepts: a pending booking, and the coordinators hear of it.
    posts_before = len(coordinator_posts(bot))
    fourth_offer_id = message_id_of(bot, fourth, fourth_offer)
    calls = await fourth.press_data(f"offer:yes:{fourth_booking.id}", fourth_offer_id)
    accepted = await one(bot, Booking, id=fourth_booking.id)
    assert (accepted.status, accepted.offer_expires_at) == ("pending", None)
    assert any(
        says(t, bot, "uk", "booking-done-cancel-only", details="", cutoff=2.0)
        for t in texts_to(calls, fourth.chat_id)
    )
    (post,) = coordinator_posts(bot)[posts_before:]
    assert data_of(post) == [
        f"co:ok:{fourth_booking.id}:{accepted.slot_id}",
        f"co:no:{fourth_booking.id}",
    ]
    assert await booked_places(bot) == 2
    assert {r.status for r in await outbox_of(bot, fourth_booking.id or 0)} == {"pending"}

    # The third's old Accept button: a polite word, nothing changes.
    posts_before = len(coordinator_posts(bot))
    (third_offer,) = offers_to(bot, third)
    calls = await third.press_data(
        f"offer:yes:{third_booking.id}", message_id_of(bot, third, third_offer)
    )
    assert bot.t("uk", "booking-gone") in texts_to(calls, third.chat_id)
    assert (await one(bot, Booking, id=third_booking.id)).status == "expired"
    assert (await one(bot, Booking, id=fourth_booking.id)).status == "pending"
    assert await booked_places(bot) == 2
    assert len(coordinator_posts(bot)) == posts_before
    active = [b for b in await rows(bot, Booking, slot_id=slot.id) if b.status == "pending"]
    assert len(active) == 2


def message_id_of(bot: BotHarness, user: SimulatedUser, call: Call) -> int:
    (message_id,) = [
        mid
        for (chat, mid), message in bot.api.messages.items()
        if chat == user.chat_id and message.get("text") == call.text
    ]
    return message_id


async def test_declining_an_offer_passes_it_on_at_once(bot: BotHarness):
    first = bot.user(6011, language_code="uk")
    first_booking = await enrol(bot, first)
    await enrol(bot, bot.user(6012, language_code="uk"))
    third, fourth = bot.user(6013, language_code="uk"), bot.user(6014, language_code="uk")
    await join_waitlist(bot, third)
    await join_waitlist(bot, fourth)
    await cancel(first, first_booking)
    third_booking = await offered_booking(bot, third)

    calls = await third.press_data(f"offer:no:{third_booking.id}")
    assert bot.t("uk", "booking-offer-declined") in texts_to(calls, third.chat_id)
    assert (await one(bot, Booking, id=third_booking.id)).status == "expired"
    assert len(offers_to(bot, fourth)) == 1
    assert await booked_places(bot) == 2
    assert [r.status for r in await outbox_of(bot, third_booking.id or 0, "offer_expiry")] == [
        "cancelled"
    ]


async def test_after_an_expired_offer_the_person_can_join_the_list_again(bot: BotHarness):
    first = bot.user(6021, language_code="uk")
    first_booking = await enrol(bot, first)
    await enrol(bot, bot.user(6022, language_code="uk"))
    third = bot.user(6023, language_code="uk")
    await join_waitlist(bot, third)
    await cancel(first, first_booking)
    third_booking = await offered_booking(bot, third)
    bot.clock.set((third_booking.offer_expires_at or START_TIME) + dt.timedelta(minutes=1))
    await deliver_due(bot.app)
    assert (await one(bot, Booking, id=third_booking.id)).status == "expired"
    assert await booked_places(bot) == 1, "nobody else waits: the place is released"
    await enrol(bot, bot.user(6024, language_code="uk"))  # and taken by someone else

    # The course is full again; the third is no longer waiting for anything and queues again.
    calls = await join_waitlist(bot, third)
    shown = texts_to(calls, third.chat_id)
    assert bot.t("uk", "booking-already-waiting") not in shown, (
        "told 'already on the waiting list' although the expired offer took them off it"
    )
    waiting = await rows(bot, Waiting, user_id=(await db_user(bot, 6023)).id, status="waiting")
    assert len(waiting) == 1


async def test_the_waiting_list_is_visible_in_my_bookings_and_can_be_left(bot: BotHarness):
    await enrol(bot, bot.user(6031, language_code="uk"))
    await enrol(bot, bot.user(6032, language_code="uk"))
    first, second = bot.user(6033, language_code="uk"), bot.user(6034, language_code="sl")
    await join_waitlist(bot, first)
    await join_waitlist(bot, second, "sl")

    await second.send("/mybookings")
    assert bot.t("sl", "booking-status-waiting", position=2) in second.last_text()
    (leave,) = [d for d in keyboard_data(second) if d.startswith("my:leave:")]
    # Someone else's place cannot be left for them.
    await first.send("/mybookings")
    await first.press_data(leave)
    assert first.last_text() == bot.t("uk", "booking-gone")
    await first.send("/mybookings")
    assert bot.t("uk", "booking-status-waiting", position=1) in first.last_text()

    await second.send("/mybookings")
    await second.press_data(leave)
    assert second.last_text() == bot.t("sl", "booking-left-waitlist")
    await second.send("/mybookings")
    assert second.last_text() == bot.t("sl", "booking-my-none")
    assert [w.status for w in await rows(bot, Waiting)] == ["waiting", "left"]


async def test_a_person_who_booked_the_course_meanwhile_is_not_offered_a_second_place(
    bot: BotHarness,
):
    """The centre adds a place to a full course: someone on its waiting list books it directly.
    When another place frees later, that person is not offered a second one (their booking would
    break the unit of work freeing the place): their waiting place is settled and the offer goes
    to the next person in line."""
    first, second = bot.user(6101, language_code="uk"), bot.user(6102, language_code="uk")
    waiting_booker, next_in_line = (
        bot.user(6103, language_code="uk"),
        bot.user(6104, language_code="uk"),
    )
    first_booking = await enrol(bot, first)
    await enrol(bot, second)
    await join_waitlist(bot, waiting_booker)
    await join_waitlist(bot, next_in_line)
    slot = await course_slot(bot)
    async with bot.services.db.session() as session:  # one more chair in the room
        await session.exec(update(Slot).where(col(Slot.id) == slot.id).values(capacity=3))
        await session.commit()
    await enrol(bot, waiting_booker)  # books the new place while still on the waiting list
    booker_id = (await db_user(bot, 6103)).id
    assert [w.status for w in await rows(bot, Waiting, user_id=booker_id)] == ["done"]
    await waiting_booker.send("/mybookings")
    assert bot.t("uk", "booking-leave-waitlist") not in " ".join(waiting_booker.last_buttons())

    await cancel(first, first_booking)

    assert (await one(bot, Booking, id=first_booking.id)).status == "cancelled"
    assert offers_to(bot, waiting_booker) == []
    assert len(offers_to(bot, next_in_line)) == 1
    places = {w.user_id: w.status for w in await rows(bot, Waiting, slot_id=slot.id)}
    assert places == {
        (await db_user(bot, 6103)).id: "done",
        (await db_user(bot, 6104)).id: "offered",
    }
    assert await booked_places(bot) == 3
