"""Integrity: the database decides who gets the last place (SQLite and PostgreSQL: the fixture
follows TEST_DATABASE_URL), stale buttons change nothing, forged callback data for another person's
booking changes nothing, and garbage callback data gets an answer, never an exception.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.botapi.standin import Call
from bot.config import Settings
from storage.models import Booking, Slot
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    bookings_of,
    calendars_to,
    coordinator_posts,
    course_slot,
    data_of,
    db_user,
    keyboard_data,
    local,
    one,
    press_offered,
    quick_book,
    rows,
    slot_at,
    texts_to,
)
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness

THURSDAY_16 = local(2026, 12, 3, 16, 0)
THURSDAY_16_45 = local(2026, 12, 3, 16, 45)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


# -- local helpers ----------------------------------------------------------------------------
async def active_on(bot: BotHarness, slot_id: int) -> list[Booking]:
    return [
        b for b in await rows(bot, Booking, slot_id=slot_id) if b.status in ("pending", "confirmed")
    ]


async def people(bot: BotHarness, count: int, first_id: int) -> list[int]:
    """Users who have written to the bot (database ids)."""
    ids = []
    for telegram_id in range(first_id, first_id + count):
        await bot.user(telegram_id, language_code="uk").send("/start")
        ids.append((await db_user(bot, telegram_id)).id or 0)
    return ids


def answered(calls: list[Call]) -> bool:
    return any(c.method == "answerCallbackQuery" for c in calls)


# -- the race for the last place --------------------------------------------------------------
async def test_two_people_confirm_the_last_place_at_once(bot: BotHarness):
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    anna, boris = bot.user(7001, language_code="uk"), bot.user(7002, language_code="uk")
    await anna.send("/book")
    await boris.send("/book")

    results = await asyncio.gather(
        anna.press_data(f"book:ok:{slot.id}:-"), boris.press_data(f"book:ok:{slot.id}:-")
    )

    (winner,) = await active_on(bot, slot.id or 0)
    assert (await one(bot, Slot, id=slot.id)).booked == 1
    loser, loser_calls = (
        (boris, results[1])
        if winner.user_id == (await db_user(bot, 7001)).id
        else (anna, results[0])
    )
    assert await bookings_of(bot, loser.user_id) == []
    (shown,) = texts_to(loser_calls, loser.chat_id)
    assert shown.startswith(bot.t("uk", "booking-slot-taken"))
    assert bot.t("uk", "booking-alternatives") in shown
    alternatives = [d for d in keyboard_data(loser) if d.startswith("book:slot:")]
    assert alternatives and f"book:slot:{slot.id}" not in alternatives
    assert len(coordinator_posts(bot)) == 1
    assert calendars_to(bot, loser.chat_id) == []


async def test_ten_concurrent_bookings_of_one_place(bot: BotHarness):
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16_45)
    user_ids = await people(bot, 10, 7100)

    outcomes = await asyncio.gather(
        *(bot.services.desk.book(user_id=u, slot_id=slot.id or 0) for u in user_ids)
    )

    assert sorted(o.status for o in outcomes) == ["full"] * 9 + ["ok"]
    assert len(await active_on(bot, slot.id or 0)) == 1
    assert (await one(bot, Slot, id=slot.id)).booked == 1
    assert all(
        o.alternatives and slot.id not in [s.id for s in o.alternatives]
        for o in outcomes
        if o.status == "full"
    )


async def test_ten_concurrent_enrolments_in_a_course_of_two(bot: BotHarness):
    slot = await course_slot(bot)
    user_ids = await people(bot, 10, 7200)

    outcomes = await asyncio.gather(
        *(bot.services.desk.book(user_id=u, slot_id=slot.id or 0) for u in user_ids)
    )

    assert sorted(o.status for o in outcomes) == ["full"] * 8 + ["ok"] * 2
    assert len(await active_on(bot, slot.id or 0)) == 2
    assert (await one(bot, Slot, id=slot.id)).booked == 2


async def test_the_same_person_confirming_twice_at_once_books_once(bot: BotHarness):
    slot = await course_slot(bot)
    (user_id,) = await people(bot, 1, 7300)

    outcomes = await asyncio.gather(
        *(bot.services.desk.book(user_id=user_id, slot_id=slot.id or 0) for _ in range(3))
    )

    assert sorted(o.status for o in outcomes) == ["already", "already", "ok"]
    assert len(await active_on(bot, slot.id or 0)) == 1
    assert (await one(bot, Slot, id=slot.id)).booked == 1


async def test_a_double_tap_on_confirm_books_once(bot: BotHarness):
    slot = await course_slot(bot)
    user = bot.user(7301, language_code="uk")
    await user.send("/book")

    results = await asyncio.gather(*(user.press_data(f"book:ok:{slot.id}:-") for _ in range(2)))

    assert len(await bookings_of(bot, user.user_id)) == 1
    assert (await one(bot, Slot, id=slot.id)).booked == 1
    shown = [t for calls in results for t in texts_to(calls, user.chat_id)]
    assert bot.t("uk", "common-error") not in shown
    assert bot.t("uk", "booking-already") in shown
    assert len(coordinator_posts(bot)) == 1


# -- stale buttons ----------------------------------------------------------------------------
async def test_confirming_a_time_someone_else_took_meanwhile(bot: BotHarness):
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    slow, fast = bot.user(7401, language_code="uk"), bot.user(7402, language_code="uk")
    await slow.send("/book")
    await slow.press_data(f"book:slot:{slot.id}")
    await press_offered(slow, f"book:tp:{slot.id}:-")  # the confirm screen is open...
    await quick_book(fast, slot.id or 0)  # ...while someone else books the time

    calls = await press_offered(slow, f"book:ok:{slot.id}:-")

    assert await bookings_of(bot, slow.user_id) == []
    assert texts_to(calls, slow.chat_id)[0].startswith(bot.t("uk", "booking-slot-taken"))
    assert (await one(bot, Slot, id=slot.id)).booked == 1
    assert len(coordinator_posts(bot)) == 1


async def test_moving_to_a_time_someone_else_took_meanwhile(bot: BotHarness):
    mover, fast = bot.user(7404, language_code="uk"), bot.user(7405, language_code="uk")
    start = await slot_at(bot, CONSULTATION, THURSDAY_16)
    target = await slot_at(bot, CONSULTATION, THURSDAY_16_45)
    await quick_book(mover, start.id or 0)
    (booking,) = await bookings_of(bot, mover.user_id)
    await mover.send("/mybookings")
    await press_offered(mover, f"my:move:{booking.id}")
    await press_offered(mover, f"my:mday:{booking.id}:20261203")  # the times are on screen...
    await quick_book(fast, target.id or 0)  # ...while someone else books the one they want

    calls = await press_offered(mover, f"my:mto:{booking.id}:{target.id}")

    assert texts_to(calls, mover.chat_id)[0].startswith(bot.t("uk", "booking-slot-taken"))
    stored = await one(bot, Booking, id=booking.id)
    assert (stored.slot_id, stored.status, stored.sequence) == (start.id, "pending", 0)
    assert (await one(bot, Slot, id=start.id)).booked == 1
    assert (await one(bot, Slot, id=target.id)).booked == 1
    # The other free times offered keep moving this booking; none books a second one.
    offered = [d for d in data_of(calls[-1]) if d.startswith(("book:slot:", "my:mto:"))]
    assert offered and all(d.startswith(f"my:mto:{booking.id}:") for d in offered)


async def test_confirming_a_cancelled_or_past_slot(bot: BotHarness):
    user = bot.user(7403, language_code="uk")
    cancelled = await slot_at(bot, CONSULTATION, THURSDAY_16)
    co = bot.coordinator(in_group=True)
    await co.send(f"/cancelslot {cancelled.id}")
    await co.press_data(f"co:close:{cancelled.id}")  # "are you sure?" → Yes
    past = await slot_at(bot, CONSULTATION, local(2026, 12, 1, 16, 0))
    bot.clock.set(local(2026, 12, 1, 16, 30))
    await user.send("/book")

    for slot in (cancelled, past):
        calls = await user.press_data(f"book:ok:{slot.id}:-")
        assert any(t.startswith(bot.t("uk", "booking-gone")) for t in texts_to(calls, user.chat_id))
        assert (await one(bot, Slot, id=slot.id)).booked == 0
    assert await bookings_of(bot, user.user_id) == []


# -- forged callback data ---------------------------------------------------------------------
async def test_another_persons_booking_cannot_be_touched(bot: BotHarness):
    owner, intruder = bot.user(7501, language_code="uk"), bot.user(7502, language_code="uk")
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    other = await slot_at(bot, CONSULTATION, THURSDAY_16_45)
    await quick_book(owner, slot.id or 0)
    (booking,) = await bookings_of(bot, owner.user_id)
    await intruder.send("/book")
    owner_saw = len(bot.api.outgoing(owner.chat_id))
    posts = len(coordinator_posts(bot))

    for data in (
        f"my:cancel:{booking.id}",
        f"my:cancelok:{booking.id}",
        f"my:move:{booking.id}",
        f"my:mday:{booking.id}:20261208",
        f"my:mto:{booking.id}:{other.id}",
        f"offer:yes:{booking.id}",
        f"offer:no:{booking.id}",
    ):
        calls = await intruder.press_data(data)
        assert answered(calls), data
        assert texts_to(calls, intruder.chat_id) == [bot.t("uk", "booking-gone")], data
        assert [c for c in calls if c.chat_id not in (None, intruder.chat_id)] == [], data

    stored = await one(bot, Booking, id=booking.id)
    assert (stored.status, stored.slot_id, stored.sequence) == ("pending", slot.id, 0)
    assert (await one(bot, Slot, id=slot.id)).booked == 1
    assert (await one(bot, Slot, id=other.id)).booked == 0
    assert len(bot.api.outgoing(owner.chat_id)) == owner_saw
    assert len(coordinator_posts(bot)) == posts
    assert calendars_to(bot, intruder.chat_id) == []


# -- garbage callback data --------------------------------------------------------------------
GARBAGE = {
    "ok-not-a-number": "book:ok:abc:-",
    "ok-no-topic": "book:ok:1",
    "ok-unknown-slot": "book:ok:99999:-",
    "ok-huge-id": "book:ok:99999999999999999999:-",
    "ok-superscript-digit": "book:ok:²:-",
    "slot-superscript-digit": "book:slot:²",
    "day-bad-date": "book:day:consultation:2026xx01",
    "day-unknown-service": "book:day:nothing:20261203",
    "svc-unknown": "book:svc:nothing",
    "svc-empty": "book:svc:",
    "tp-bad": "book:tp:abc:zzz",
    "wait-bad": "book:wait:abc",
    "unknown-book-action": "book:explode:1",
    "cancel-empty": "my:cancel:",
    "cancel-superscript-digit": "my:cancel:²",
    "cancel-huge-id": "my:cancel:99999999999999999999",
    "cancelok-bad": "my:cancelok:abc",
    "mto-bad-slot": "my:mto:1:abc",
    "mday-bad-day": "my:mday:1:notaday",
    "offer-empty": "offer:yes:",
    "offer-bad": "offer:maybe:abc",
    "offer-superscript-digit": "offer:yes:²",
    "co-evil-reason": "co:why:1:evil",
    "co-bad-att": "co:att:1:abc:p",
    "ask-reply-superscript-digit": "ask:reply:²",
    "book-70-bytes": "book:" + "x" * 65,
    "my-70-bytes": "my:cancel:" + "1" * 60,
    "offer-70-bytes": "offer:yes:" + "9" * 60,
    "co-70-bytes": "co:ok:" + "9" * 64,
    "faq-70-bytes": "faq:open:" + "z" * 61,
    "unknown-feature-70-bytes": "x" * 70,
    "unknown-feature": "nothing:at:all",
}


@pytest.mark.parametrize("data", GARBAGE.values(), ids=GARBAGE.keys())
async def test_garbage_callback_data_from_a_migrant(
    bot: BotHarness, data: str, caplog: pytest.LogCaptureFixture
):
    user = bot.user(7601, language_code="uk")
    await user.send("/book")
    with caplog.at_level(logging.ERROR):
        calls = await user.press_data(data)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "no exception"
    assert bot.t("uk", "common-error") not in texts_to(calls, user.chat_id)
    assert answered(calls), "every button press is answered"
    assert await bookings_of(bot, user.user_id) == []


CO_GARBAGE = {
    "why-evil": "co:why:1:evil",
    "why-unknown-booking": "co:why:99999:unavailable",
    "ok-unknown-booking": "co:ok:99999",
    "ok-huge-id": "co:ok:99999999999999999999",
    "ok-superscript-digit": "co:ok:²",
    "no-unknown-booking": "co:no:99999",
    "att-bad-stamp": "co:att:1:abc:p",
    "att-unknown-booking": "co:att:99999:1796220000:p",
    "att-huge-stamp": "co:att:1:99999999999999999999:p",
    "unknown-action": "co:explode:1",
    "70-bytes": "co:" + "9" * 67,
}


@pytest.mark.parametrize("data", CO_GARBAGE.values(), ids=CO_GARBAGE.keys())
async def test_garbage_callback_data_from_a_coordinator(
    bot: BotHarness, data: str, caplog: pytest.LogCaptureFixture
):
    migrant = bot.user(7602, language_code="uk")
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await quick_book(migrant, slot.id or 0)
    co = bot.coordinator(in_group=True)
    with caplog.at_level(logging.ERROR):
        calls = await co.press_data(data)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "no exception"
    assert answered(calls)
    assert [
        c for c in calls if c.chat_id == COORDINATOR_CHAT_ID and c.method == "sendMessage"
    ] == []
    (booking,) = await bookings_of(bot, migrant.user_id)
    assert booking.status == "pending"
