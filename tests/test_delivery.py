"""The one sender: its error policy per kind of failure, and that no update waits for the
coordinator chat's rate limit (bookings answered at once, notices delivered after retry_after)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.config import Settings
from bot.handlers.delivery import deliver_due
from storage.models import Outbox, Slot
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    coordinator_posts,
    course_slot,
    db_user,
    one,
    quick_book,
    roomy_course,
    rows,
    says,
)
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness, start_harness


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


async def notices(bot: BotHarness) -> list[Outbox]:
    return await rows(bot, Outbox, kind="booking_notice")


async def free_consultations(bot: BotHarness) -> list[Slot]:
    return [s for s in await rows(bot, Slot, service_id=CONSULTATION) if s.booked == 0]


async def test_thirty_bookings_in_a_minute_are_answered_at_once(tmp_path: Path, database_url: str):
    settings = booking_settings(
        tmp_path, database_url, services_file=roomy_course(tmp_path, capacity=30)
    )
    bot, running = await start_harness(settings)
    async with running:
        await thirty_bookings_against_a_rate_limited_chat(bot)


async def thirty_bookings_against_a_rate_limited_chat(bot: BotHarness) -> None:
    # Telegram lets a bot post about 20 messages a minute in a group: past that, 429.
    bot.api.fail_next("retry_after", chat_id=COORDINATOR_CHAT_ID, times=1000, retry_after=40)
    slot = await course_slot(bot)
    people = [bot.user(7400 + n, language_code=("uk", "sl", "sr")[n % 3]) for n in range(30)]
    for person in people:
        calls = await quick_book(person, slot.id or 0)
        locale = person.language_code or "en"
        # The person's confirmation is part of their own update, whatever the centre's chat does.
        assert any(
            says(c.text, bot, locale, "booking-done-cancel-only", details="", cutoff=2)
            for c in calls
            if c.chat_id == person.chat_id
        )
    assert coordinator_posts(bot) == []
    waiting = await notices(bot)
    assert len(waiting) == 30 and {n.status for n in waiting} == {"pending"}
    assert all(
        n.lease_until and n.lease_until >= bot.clock.now() + dt.timedelta(seconds=40)
        for n in waiting
    )

    bot.api._failures.clear()  # the minute has passed
    bot.clock.advance(dt.timedelta(minutes=2))
    await deliver_due(bot.app)
    await deliver_due(bot.app)
    assert len(coordinator_posts(bot)) == 30
    assert {n.status for n in await notices(bot)} == {"sent"}


@pytest.mark.parametrize(
    ("failure", "status", "result", "active"),
    [
        ("forbidden", "failed", "blocked", False),
        ("chat_not_found", "failed", "chat_not_found", True),
        ("network", "pending", "network", True),
        ("retry_after", "pending", "retry_after", True),
    ],
)
async def test_the_sender_policy(
    bot: BotHarness, failure: str, status: str, result: str, active: bool
):
    (slot, *_) = await free_consultations(bot)
    person = bot.user(7500, language_code="uk")
    await quick_book(person, slot.id or 0)
    coordinator = bot.coordinator(in_group=True)
    bot.api.fail_next(failure, chat_id=person.chat_id, retry_after=30)
    (notice,) = await notices(bot)
    await coordinator.press_data(f"co:ok:{notice.ref_id}")

    (decision,) = await rows(bot, Outbox, kind="decision")
    assert (decision.status, decision.result) == (status, result)
    assert (await db_user(bot, 7500)).active is active
    if status == "pending":  # retried after a backoff (and never before retry_after)
        assert decision.lease_until is not None
        assert decision.lease_until >= bot.clock.now() + dt.timedelta(seconds=30)
        bot.clock.advance(dt.timedelta(minutes=2))
        await deliver_due(bot.app)
        assert (await one(bot, Outbox, id=decision.id)).status == "sent"
        assert says(
            bot.api.sent("sendMessage", chat_id=person.chat_id)[-1].text,
            bot,
            "uk",
            "booking-confirmed-by-centre",
            details="",
        )
