"""Regression tests for failures found under attack (issue #8) that are not races between
booking changes (those are in test_two_instances.py): coordinator output in other chats, dates
out of range, a failure after commit, a slow Bot API with two senders, floods."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from bot.botapi.standin import Call
from bot.config import Settings
from bot.handlers.delivery import deliver_due
from storage.models import Outbox, Slot, User
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    coordinator_posts,
    course_slot,
    events_of,
    local,
    one,
    quick_book,
    roomy_course,
    rows,
    says,
)
from tests.conftest import (
    COORDINATOR_CHAT_ID,
    COORDINATOR_ID,
    BotHarness,
    another_instance,
    start_harness,
)


@pytest.fixture
def settings(tmp_path: Path, database_url: str, request: pytest.FixtureRequest) -> Settings:
    return booking_settings(tmp_path, database_url, **getattr(request, "param", {}))


# -- coordinator output stays in staff chats ---------------------------------------------------
async def test_agenda_typed_in_an_unrelated_group_is_ignored(bot: BotHarness):
    migrant = bot.user(6001, language_code="uk", first_name="Olena")
    slot = await one(bot, Slot, service_id=CONSULTATION, starts_at=local(2026, 12, 1, 16, 0))
    await quick_book(migrant, slot.id or 0)
    elsewhere = bot.user(COORDINATOR_ID, language_code="sl")
    elsewhere.chat_id = -4242  # a group the coordinator is also a member of

    calls = await elsewhere.send("/agenda")

    assert [c for c in calls if c.chat_id == -4242] == []
    for command in ("/addslot consultation 2026-12-10 10:00", "/cancelslot 1", "/faqstatus"):
        assert [c for c in await elsewhere.send(command) if c.chat_id == -4242] == []
    # The same command in the coordinator chat and in the coordinator's private chat works.
    in_staff_chat = await bot.coordinator(in_group=True).send("/agenda")
    assert any("Olena" in c.text for c in in_staff_chat if c.chat_id == COORDINATOR_CHAT_ID)
    private = await bot.coordinator().send("/agenda")
    assert any("Olena" in c.text for c in private if c.chat_id == COORDINATOR_ID)


# -- dates out of range -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "command",
    [
        "/agenda 9999-12-31",
        "/agenda 0001-01-01",
        "/addslot consultation 9999-12-31 23:59",
        "/addslot consultation 2028-06-01 10:00",
    ],
)
async def test_dates_far_from_today_get_a_clear_answer(bot: BotHarness, command: str):
    coordinator = bot.coordinator()
    before = len(await rows(bot, Slot))

    calls = await coordinator.send(command)

    (answer,) = [c.text for c in calls if c.method == "sendMessage"]
    assert says(answer, bot, "sl", "co-date-out-of-range", first="", last="")
    assert len(await rows(bot, Slot)) == before


async def test_a_calendar_file_that_cannot_be_built_does_not_silence_the_centre(
    bot: BotHarness,
):
    # A slot at the very end of time (as an old version let coordinators add): the booking is
    # committed; the calendar cannot be built; the coordinators must still hear of it.
    async with bot.services.db.session() as session:
        far = dt.datetime(9999, 12, 31, 22, 59, tzinfo=dt.UTC)  # 23:59 in Ljubljana
        session.add(
            Slot(
                service_id=CONSULTATION,
                starts_at=far,
                ends_at=far + dt.timedelta(minutes=45),  # past the year 9999 locally
                origin="extra",
            )
        )
        await session.commit()
    slot = await one(bot, Slot, origin="extra")
    person = bot.user(6101, language_code="sr")

    calls = await quick_book(person, slot.id or 0)

    assert len(await events_of(bot, "booked")) == 1
    assert len(coordinator_posts(bot)) == 1
    assert [c for c in calls if c.method == "sendDocument"] == []
    assert any(
        says(c.text, bot, "sr", "booking-done", details="", cutoff=2)
        for c in calls
        if c.chat_id == person.chat_id
    )


# -- two senders and a slow Bot API -------------------------------------------------------------
async def test_a_slow_bot_api_never_makes_two_instances_send_one_reminder(
    tmp_path: Path, database_url: str
):
    settings = booking_settings(
        tmp_path, database_url, services_file=roomy_course(tmp_path, capacity=30)
    )
    first, first_running = await start_harness(settings)
    async with first_running:
        slot = await course_slot(first)
        people = [first.user(6200 + n, language_code="uk") for n in range(20)]
        for person in people:
            await quick_book(person, slot.id or 0)
        second, second_running = await another_instance(settings, first.clock)
        async with second_running:
            first.clock.set(slot.starts_at - dt.timedelta(hours=24) + dt.timedelta(minutes=1))
            lease = dt.timedelta(seconds=settings.outbox_lease_seconds)
            sends = 0

            async def slow(call: Call) -> None:
                # Each send of the first instance takes more than half the lease; during its
                # second one the other instance finds the rest of the batch's leases run out.
                nonlocal sends
                if call.method != "sendMessage":
                    return
                sends += 1
                first.clock.advance(lease * 0.55)
                if sends == 2:
                    await deliver_due(second.app)

            first.api.before_call = slow
            await deliver_due(first.app)
            first.api.before_call = None
            await deliver_due(second.app)

            received = Counter(
                call.chat_id
                for harness in (first, second)
                for call in harness.api.sent("sendMessage")
                if says(call.text, first, "uk", "booking-reminder", details="")
            )
            assert received == Counter({p.chat_id: 1 for p in people})
            assert {
                r.status
                for r in await rows(first, Outbox, kind="reminder")
                if r.due_at <= first.clock.now()
            } == {"sent"}


# -- floods ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("settings", [{"flood_messages_per_minute": 30}], indirect=True)
async def test_one_person_flooding_gets_one_notice_and_nobody_else_waits(bot: BotHarness):
    flooder = bot.user(6301, language_code="uk")
    limit = bot.services.settings.flood_messages_per_minute
    answers = []
    for n in range(300):
        answers += [c for c in await flooder.send(f"питання {n}") if c.method == "sendMessage"]

    notices = [c for c in answers if c.text == bot.t("uk", "flood-notice")]
    assert len(notices) == 1
    assert len(answers) == limit + 1
    events = [e for e in await rows(bot, Outbox)]  # no outbox work either
    assert events == []
    (person,) = await rows(bot, User, telegram_id=6301)
    assert person.active
    other = bot.user(6302, language_code="sl")
    reply = await other.send("/start")
    assert [c for c in reply if c.method == "sendMessage" and c.chat_id == other.chat_id]
    # Coordinators are never throttled.
    coordinator = bot.coordinator()
    for _ in range(limit + 5):
        last = await coordinator.send("/agenda")
    assert [c for c in last if c.method == "sendMessage"]
