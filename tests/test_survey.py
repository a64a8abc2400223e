"""The satisfaction question: after a Present mark, once per booking, in the person's language,
in waking hours after the last meeting; a 1–5 answer counts once; an optional comment."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from bot.config import Settings
from bot.handlers.delivery import deliver_due
from storage.models import EventKind, Outbox, SurveyAnswer
from tests.booking_support import (
    CONSULTATION,
    TZ,
    booking_settings,
    bookings_of,
    course_slot,
    data_of,
    events_of,
    local,
    one,
    quick_book,
    rows,
    says,
    slot_at,
)
from tests.conftest import BotHarness, another_instance

TODAY_16 = local(2026, 12, 1, 16, 0)  # ends 16:45; the question follows at 18:45
TODAY_18_15 = local(2026, 12, 1, 18, 15)  # ends 19:00; 21:00 is night: the next morning


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


async def attended(bot: BotHarness, telegram_id: int, start: dt.datetime, locale: str = "uk"):
    person = bot.user(telegram_id, language_code=locale)
    slot = await slot_at(bot, CONSULTATION, start)
    await quick_book(person, slot.id or 0)
    (booking,) = await bookings_of(bot, telegram_id)
    await mark(bot, booking.id or 0, start)
    return person, booking


async def mark(harness: BotHarness, booking_id: int, start: dt.datetime, code: str = "p") -> None:
    """A coordinator presses Present (p) or No-show (n) under the agenda of that day, once the
    meeting has started (the clock moves on to it if need be)."""
    if harness.clock.now() < start:
        harness.clock.set(start + dt.timedelta(minutes=1))
    coordinator = harness.coordinator()
    calls = await coordinator.send(f"/agenda {start.astimezone(TZ).date().isoformat()}")
    (agenda,) = [c for c in calls if c.method == "sendMessage"]
    data = f"co:att:{booking_id}:{int(start.timestamp())}:{code}"
    await coordinator.press_data(data, agenda.message_id)


def questions(bot: BotHarness, chat_id: int, locale: str) -> list:
    return [
        c
        for c in bot.api.sent("sendMessage", chat_id=chat_id)
        if says(c.text, bot, locale, "survey-question", service="")
    ]


async def test_asked_once_after_the_meeting_and_answered_once(bot: BotHarness):
    person, booking = await attended(bot, 8801, TODAY_16)
    (row,) = await rows(bot, Outbox, kind="survey")
    assert row.due_at == local(2026, 12, 1, 18, 45)
    bot.clock.set(row.due_at - dt.timedelta(minutes=1))
    await deliver_due(bot.app)
    assert questions(bot, person.chat_id, "uk") == []

    bot.clock.set(row.due_at)
    await deliver_due(bot.app)
    await deliver_due(bot.app)
    (question,) = questions(bot, person.chat_id, "uk")
    assert data_of(question) == [f"survey:score:{booking.id}:{n}" for n in range(1, 6)]
    assert (await one(bot, SurveyAnswer, booking_id=booking.id)).score is None

    calls = await person.press_data(f"survey:score:{booking.id}:4")
    assert any(c.text == bot.t("uk", "survey-thanks-comment") for c in calls)
    await person.send("Усе пояснили, дякую")
    again = await person.press_data(f"survey:score:{booking.id}:1", question.message_id)
    assert any(c.text == bot.t("uk", "survey-already") for c in again)

    answer = await one(bot, SurveyAnswer, booking_id=booking.id)
    assert (answer.score, answer.comment) == (4, "Усе пояснили, дякую")
    assert len(await events_of(bot, EventKind.SURVEY_ANSWERED)) == 1
    assert len(await events_of(bot, EventKind.SURVEY_SENT)) == 1
    # Marking present again (a second tap) does not ask a second time.
    await mark(bot, booking.id or 0, TODAY_16)
    assert len(await rows(bot, Outbox, kind="survey")) == 1


async def test_a_question_that_would_fall_at_night_waits_for_the_morning(bot: BotHarness):
    await attended(bot, 8802, TODAY_18_15, locale="sl")
    (row,) = await rows(bot, Outbox, kind="survey")
    assert row.due_at.astimezone(TZ) == dt.datetime(2026, 12, 2, 9, 0, tzinfo=TZ)


async def test_a_question_found_at_night_after_downtime_waits_for_the_morning(bot: BotHarness):
    """Due at 18:45, but the bot was down until 22:30: the sender leaves it for the morning
    (not a failed attempt), and any round after that sends it once."""
    person, _booking = await attended(bot, 8806, TODAY_16)
    (row,) = await rows(bot, Outbox, kind="survey")
    bot.clock.set(local(2026, 12, 1, 22, 30))
    await deliver_due(bot.app)
    assert questions(bot, person.chat_id, "uk") == []
    (row,) = await rows(bot, Outbox, kind="survey")
    assert (row.status, row.attempts) == ("pending", 0)
    morning = bot.services.desk.rules.day_starts
    bot.clock.set(local(2026, 12, 2, morning.hour, morning.minute) - dt.timedelta(minutes=1))
    await deliver_due(bot.app)
    assert questions(bot, person.chat_id, "uk") == []
    bot.clock.set(local(2026, 12, 2, morning.hour, morning.minute))
    await deliver_due(bot.app)
    await deliver_due(bot.app)
    assert len(questions(bot, person.chat_id, "uk")) == 1
    assert (await one(bot, Outbox, kind="survey")).status == "sent"


async def test_another_persons_answer_changes_nothing(bot: BotHarness):
    _person, booking = await attended(bot, 8803, TODAY_16)
    bot.clock.set(local(2026, 12, 1, 19, 0))
    await deliver_due(bot.app)
    stranger = bot.user(8899, language_code="uk")
    await stranger.send("/start")
    await stranger.press_data(f"survey:score:{booking.id}:1")
    assert (await one(bot, SurveyAnswer, booking_id=booking.id)).score is None


async def test_a_question_left_open_too_long_is_closed(bot: BotHarness):
    """A month's report must not move once sent: after SURVEY_ANSWER_DAYS (14 by default) a
    press is thanked and not counted; within them it counts."""
    person, booking = await attended(bot, 8804, TODAY_16, locale="sl")
    bot.clock.set(local(2026, 12, 1, 19, 0))
    await deliver_due(bot.app)  # asked on the 1st
    other, second = await attended(bot, 8805, local(2026, 12, 3, 16, 0), locale="sl")
    bot.clock.set(local(2026, 12, 4, 10, 0))
    await deliver_due(bot.app)  # asked on the 4th
    asked = (await one(bot, SurveyAnswer, booking_id=booking.id)).asked_at
    assert asked == local(2026, 12, 1, 19, 0)
    bot.clock.set(asked + dt.timedelta(days=14, minutes=1))
    calls = await person.press_data(f"survey:score:{booking.id}:5")
    assert any(c.text == bot.t("sl", "survey-closed") for c in calls)
    assert (await one(bot, SurveyAnswer, booking_id=booking.id)).score is None
    assert await events_of(bot, EventKind.SURVEY_ANSWERED) == []
    counted = await other.press_data(f"survey:score:{second.id}:5")  # asked 11 days ago: open
    assert any(c.text == bot.t("sl", "survey-thanks-comment") for c in counted)
    assert (await one(bot, SurveyAnswer, booking_id=second.id)).score == 5


async def test_a_course_is_asked_about_after_its_last_session(bot: BotHarness):
    slot = await course_slot(bot)
    person = bot.user(8804, language_code="sr")
    await quick_book(person, slot.id or 0)
    (booking,) = await bookings_of(bot, 8804)
    first_session = local(2026, 12, 15, 17, 30)
    await mark(bot, booking.id or 0, first_session)
    (row,) = await rows(bot, Outbox, kind="survey")
    # The last session (2027-01-14 17:30–19:00) + 2 h is 21:00: the next morning.
    assert row.due_at.astimezone(TZ) == dt.datetime(2027, 1, 15, 9, 0, tzinfo=TZ)


async def test_two_coordinators_marking_present_at_once_ask_once(
    bot: BotHarness, settings: Settings
):
    person = bot.user(8805, language_code="uk")
    await quick_book(person, (await slot_at(bot, CONSULTATION, TODAY_16)).id or 0)
    (booking,) = await bookings_of(bot, 8805)
    other, running = await another_instance(settings, bot.clock)
    async with running:
        await asyncio.gather(
            mark(bot, booking.id or 0, TODAY_16, "p"), mark(other, booking.id or 0, TODAY_16, "p")
        )
    assert len(await rows(bot, Outbox, kind="survey")) == 1


async def test_one_answer_pressed_on_two_instances_at_once_counts_once(
    bot: BotHarness, settings: Settings
):
    """A double tap reaching two webhook instances: the conditional UPDATE decides, so one
    answer and one event, the other press told it was already answered."""
    person, booking = await attended(bot, 8807, TODAY_16)
    bot.clock.set(local(2026, 12, 1, 19, 0))
    await deliver_due(bot.app)
    other, running = await another_instance(settings, bot.clock)
    async with running:
        twin_person = other.user(8807, language_code="uk")
        data = f"survey:score:{booking.id}:5"
        question = person._latest_with_keyboard()
        first, second = await asyncio.gather(
            person.feed(person.callback_payload(data, question)),
            twin_person.feed(twin_person.callback_payload(data, question)),
        )
    said = [c.text for c in (*first, *second)]
    assert said.count(bot.t("uk", "survey-thanks-comment")) == 1
    assert said.count(bot.t("uk", "survey-already")) == 1
    assert (await one(bot, SurveyAnswer, booking_id=booking.id)).score == 5
    assert len(await events_of(bot, EventKind.SURVEY_ANSWERED)) == 1
