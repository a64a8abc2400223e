"""Permit and procedure deadlines at the Telegram boundary: added with buttons or typed in the
person's format, reminded at each offset of faq/deadlines.yaml at 10:00 Ljubljana time in the
person's language, a late entry collapsed into one message, nothing after deletion or /forget,
the checklist ticks, and the consent gate."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import pytest

from bot.config import Settings
from bot.handlers.delivery import deliver_due, wait_for_deliveries
from bot.handlers.privacy import purge_inactive
from bot.indicators.compute import Period, compute_report
from bot.indicators.spec import IndicatorSpec
from storage.models import Deadline, EventKind, Outbox
from tests.booking_support import (
    booking_settings,
    data_of,
    db_user,
    events_of,
    local,
    one,
    rows,
    says,
)
from tests.conftest import BotHarness, another_instance, start_harness

PERMIT_OFFSETS = (90, 60, 30, 7)  # faq/deadlines.yaml


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


def reminders_to(bot: BotHarness, chat_id: int, locale: str) -> list:
    title = bot.t(locale, "deadline-reminder-title")
    return [c for c in bot.api.sent("sendMessage", chat_id=chat_id) if c.text.startswith(title)]


async def add_with_buttons(bot: BotHarness, person, kind: str, day: dt.date) -> None:
    await person.send("/deadlines")
    await person.press_data("dl:new")
    await person.press_data(f"dl:kind:{kind}")
    user = await db_user(bot, person.user_id)
    (draft,) = await rows(bot, Deadline, user_id=user.id, status="draft")
    await person.press_data(f"dl:y:{draft.id}:{day.year}")
    await person.press_data(f"dl:m:{draft.id}:{day.year}:{day.month}")
    await person.press_data(f"dl:d:{draft.id}:{day:%Y%m%d}")


async def test_reminders_at_each_offset_at_ten_in_the_persons_language(bot: BotHarness):
    person = bot.user(7101, language_code="uk")
    await add_with_buttons(bot, person, "permit", dt.date(2027, 6, 15))
    (deadline,) = await rows(bot, Deadline)
    assert (deadline.status, deadline.due_on) == ("active", dt.date(2027, 6, 15))
    assert says(person.last_text(), bot, "uk", "deadline-saved", date="")

    planned = await rows(bot, Outbox, kind="deadline")
    assert [r.due_at for r in planned] == [
        local(2027, 3, 17, 10),  # CET
        local(2027, 4, 16, 10),  # CEST: still 10:00 on the wall clock
        local(2027, 5, 16, 10),
        local(2027, 6, 8, 10),
    ]
    for number, row in enumerate(planned, start=1):
        bot.clock.set(row.due_at - dt.timedelta(minutes=1))
        await deliver_due(bot.app)
        assert len(reminders_to(bot, person.chat_id, "uk")) == number - 1
        bot.clock.set(row.due_at)
        await deliver_due(bot.app)
        sent = reminders_to(bot, person.chat_id, "uk")
        assert len(sent) == number
    last = sent[-1]
    assert "Залишилося 7 днів" in last.text
    assert bot.t("uk", "deadline-kind-permit") in last.text
    buttons = data_of(last)
    assert f"dl:tick:{deadline.id}:0" in buttons and "book:svc:consultation" in buttons
    assert len(await events_of(bot, EventKind.DEADLINE_REMINDER_SENT)) == 4
    (added,) = await events_of(bot, EventKind.DEADLINE_ADDED)
    assert added.source == "permit" and added.topic_id is None


async def test_a_reminder_the_bot_missed_by_day_waits_for_the_morning(bot: BotHarness):
    """Due at 10:00 while the bot was down until 23:30: nobody is woken at night; it goes out
    once when waking hours start, in the person's language."""
    person = bot.user(7108, language_code="uk")
    await add_with_buttons(bot, person, "permit", dt.date(2027, 6, 15))
    first = min(r.due_at for r in await rows(bot, Outbox, kind="deadline"))
    assert first == local(2027, 3, 17, 10)
    bot.clock.set(local(2027, 3, 17, 23, 30))  # back up late in the evening
    await deliver_due(bot.app)
    assert reminders_to(bot, person.chat_id, "uk") == []
    day_starts = bot.services.desk.rules.day_starts
    morning = local(2027, 3, 18, day_starts.hour, day_starts.minute)
    bot.clock.set(morning - dt.timedelta(minutes=1))
    await deliver_due(bot.app)
    assert reminders_to(bot, person.chat_id, "uk") == []
    bot.clock.set(morning)
    await deliver_due(bot.app)
    await deliver_due(bot.app)
    (sent,) = reminders_to(bot, person.chat_id, "uk")
    assert bot.t("uk", "deadline-kind-permit") in sent.text


async def test_a_late_entry_gets_one_message_for_the_passed_offsets(bot: BotHarness):
    person = bot.user(7102, language_code="sl")
    await person.send("/deadlines")
    await person.press_data("dl:kind:permit")
    calls = await person.send("20. 12. 2026")  # 19 days ahead: 90, 60 and 30 have passed
    (deadline,) = await rows(bot, Deadline)
    assert deadline.due_on == dt.date(2026, 12, 20)
    (collapsed,) = reminders_to(bot, person.chat_id, "sl")
    (saved,) = [c for c in calls if says(c.text, bot, "sl", "deadline-saved", date="")]
    assert calls.index(saved) < calls.index(collapsed)  # the answer first, then the reminder
    assert "19 dni" in collapsed.text
    pending = await rows(bot, Outbox, kind="deadline", status="pending")
    assert [r.due_at for r in pending] == [local(2026, 12, 13, 10)]
    # One row for the three passed offsets (its payload is cleared once sent), not three.
    assert len(await rows(bot, Outbox, kind="deadline", status="sent")) == 1

    bot.clock.set(local(2026, 12, 13, 10))
    await deliver_due(bot.app)
    assert len(reminders_to(bot, person.chat_id, "sl")) == 2


@pytest.mark.parametrize(
    ("locale", "typed"),
    [
        ("uk", "15.03.2027"),
        ("sr", "15. 3. 2027."),
        ("sl", "15. 3. 2027"),
        ("en", "15/03/2027"),
        ("en", "2027-03-15"),
    ],
)
async def test_a_date_typed_in_the_persons_format(bot: BotHarness, locale: str, typed: str):
    person = bot.user(7103, language_code=locale)
    await person.send("/deadlines")
    await person.press_data("dl:kind:appointment")
    await person.send(typed)
    (deadline,) = await rows(bot, Deadline)
    assert deadline.due_on == dt.date(2027, 3, 15) and deadline.status == "active"


async def test_a_past_a_far_and_an_unreadable_date_are_refused_with_a_reason(bot: BotHarness):
    person = bot.user(7104, language_code="en")
    await person.send("/deadlines")
    await person.press_data("dl:kind:permit")
    await person.send("30/11/2026")
    assert says(person.last_text(), bot, "en", "deadline-date-past", example="")
    await person.send("01/01/2033")
    assert says(person.last_text(), bot, "en", "deadline-date-far", example="")
    await person.send("next spring")
    assert says(person.last_text(), bot, "en", "deadline-date-unreadable", example="")
    await person.send("31/02/2027")
    assert says(person.last_text(), bot, "en", "deadline-date-unreadable", example="")
    assert await rows(bot, Outbox, kind="deadline") == []
    await person.send("01/03/2027")  # still waiting for the date after three mistakes
    assert (await one(bot, Deadline)).due_on == dt.date(2027, 3, 1)


async def test_other_with_a_label_that_is_limited_and_escaped(bot: BotHarness):
    person = bot.user(7105, language_code="en")
    await person.send("/deadlines")
    await person.press_data("dl:kind:other")
    await person.send("x" * 41)
    assert says(person.last_text(), bot, "en", "deadline-label-bad", limit=40)
    await person.send("<b>Passport</b>")
    await person.send("10/01/2027")
    (deadline,) = await rows(bot, Deadline)
    assert (deadline.kind, deadline.label) == ("other", "<b>Passport</b>")
    calls = await person.send("/deadlines")
    assert "&lt;b&gt;Passport&lt;/b&gt;" in calls[-1].text


async def test_deleting_cancels_the_reminders(bot: BotHarness):
    person = bot.user(7106, language_code="sr")
    await add_with_buttons(bot, person, "employment", dt.date(2027, 2, 26))
    (deadline,) = await rows(bot, Deadline)
    await person.press_data(f"dl:open:{deadline.id}")
    await person.press_data(f"dl:del:{deadline.id}")
    await person.press_data(f"dl:delok:{deadline.id}")
    await person.press_data(f"dl:delok:{deadline.id}")  # a double tap deletes once
    assert await rows(bot, Deadline) == []
    assert await rows(bot, Outbox, kind="deadline", status="pending") == []
    bot.clock.set(local(2027, 2, 26, 12))
    await deliver_due(bot.app)
    assert reminders_to(bot, person.chat_id, "sr") == []
    assert len(await events_of(bot, EventKind.DEADLINE_DELETED)) == 1


async def test_changing_the_date_moves_the_reminders(bot: BotHarness):
    person = bot.user(7107, language_code="en")
    await add_with_buttons(bot, person, "appointment", dt.date(2027, 1, 20))
    (deadline,) = await rows(bot, Deadline)
    await person.press_data(f"dl:edit:{deadline.id}")
    await person.send("25/01/2027")
    pending = await rows(bot, Outbox, kind="deadline", status="pending")
    assert [r.due_at for r in pending] == [local(2027, 1, 18, 10), local(2027, 1, 24, 10)]
    assert len(await events_of(bot, EventKind.DEADLINE_ADDED)) == 1


async def test_mydata_shows_deadlines_and_forget_erases_them_and_their_reminders(bot: BotHarness):
    person = bot.user(7108, language_code="uk")
    await add_with_buttons(bot, person, "protection", dt.date(2027, 3, 4))
    calls = await person.send("/mydata")
    (document,) = [c for c in calls if c.method == "sendDocument"]
    exported = json.loads(next(iter(document.files.values()))[1])
    assert exported["deadlines"][0]["kind"] == "protection"
    assert exported["deadlines"][0]["date"] == "2027-03-04"

    await person.send("/forget")
    await person.press_data("privacy:forgetok")
    assert await rows(bot, Deadline) == []
    assert await rows(bot, Outbox, kind="deadline", status="pending") == []
    bot.clock.set(local(2027, 3, 4, 12))
    await deliver_due(bot.app)
    assert reminders_to(bot, person.chat_id, "uk") == []


async def test_the_checklist_ticks_toggle_and_stay_in_the_database(bot: BotHarness):
    person = bot.user(7109, language_code="en")
    await add_with_buttons(bot, person, "permit", dt.date(2027, 1, 10))  # 30 days: one reminder now
    (reminder,) = reminders_to(bot, person.chat_id, "en")
    (deadline,) = await rows(bot, Deadline)
    calls = await person.press_data(f"dl:tick:{deadline.id}:1", reminder.message_id)
    (edit,) = [c for c in calls if c.method == "editMessageText"]
    assert "✓ 2" in [b["text"] for row in edit.buttons for b in row]
    assert edit.text.startswith("⏰") and "2. ✅" in edit.text
    assert (await one(bot, Deadline)).ticked == 0b10
    await person.press_data(f"dl:tick:{deadline.id}:1", reminder.message_id)
    assert (await one(bot, Deadline)).ticked == 0

    stranger = bot.user(7199, language_code="en")
    await stranger.send("/start")
    await stranger.press_data(f"dl:tick:{deadline.id}:0")
    await stranger.press_data(f"dl:delok:{deadline.id}")
    assert (await one(bot, Deadline)).ticked == 0


async def test_the_permit_answer_offers_a_reminder(bot: BotHarness):
    person = bot.user(7110, language_code="en")
    await person.send("/start")
    await person.press_data("faq:open:residence-permit")
    assert "dl:kind:permit" in data_of(bot.api.outgoing(person.chat_id)[-1])
    await person.press_data("faq:open:job-change")
    assert "dl:kind:employment" in data_of(bot.api.outgoing(person.chat_id)[-1])


async def test_nothing_is_stored_without_consent(tmp_path: Path, database_url: str):
    harness, context = await start_harness(
        booking_settings(tmp_path, database_url, consent_in_bot=True)
    )
    async with context:
        person = harness.user(7111, language_code="en")
        await person.send("/start")
        await person.press_data("faq:open:residence-permit")
        await person.press_data("dl:kind:permit")
        assert says(person.last_text(), harness, "en", "consent-question")
        await person.press_data("privacy:refuse")
        await person.press_data("dl:kind:permit")
        assert await rows(harness, Deadline) == []
        await person.press_data("privacy:agree:deadline-permit")
        (draft,) = await rows(harness, Deadline)
        assert draft.status == "draft"
        assert says(person.last_text(), harness, "en", "deadline-pick-year", name="", example="")


async def test_the_report_counts_people_reminded_by_kind_of_deadline(bot: BotHarness):
    first, second = bot.user(7112, language_code="uk"), bot.user(7113, language_code="sr")
    await add_with_buttons(bot, first, "permit", dt.date(2026, 12, 20))  # one message now
    await add_with_buttons(bot, second, "employment", dt.date(2026, 12, 20))
    # The bot was down from the 13th: the 7-day and 1-day reminders of the employment deadline
    # are both due on the 19th, and only the latest goes out (never a burst).
    bot.clock.set(local(2026, 12, 19, 10))
    await deliver_due(bot.app)
    assert len(reminders_to(bot, second.chat_id, "sr")) == 2
    assert len(await events_of(bot, EventKind.DEADLINE_REMINDER_SENT)) == 4
    spec = IndicatorSpec("deadline-reminded", "people_reminded_of_deadline", {"en": "Reminded"})
    report = await compute_report(
        bot.services.db,
        [spec],
        Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
        tz=bot.services.settings.tz,
        language="en",
        now=bot.clock.now(),
    )
    (indicator,) = report.indicators
    assert (indicator.result, indicator.breakdown) == (2, {"employment": 1, "permit": 1})


async def test_a_double_tap_on_the_day_saves_once_and_sends_one_message(bot: BotHarness):
    person = bot.user(7114, language_code="en")
    await add_with_buttons(bot, person, "permit", dt.date(2026, 12, 20))
    (deadline,) = await rows(bot, Deadline)
    await person.press_data(f"dl:d:{deadline.id}:20261220")  # the same button again
    assert len(reminders_to(bot, person.chat_id, "en")) == 1
    assert len(await rows(bot, Outbox, kind="deadline")) == 2
    assert len(await events_of(bot, EventKind.DEADLINE_ADDED)) == 1


async def test_retention_keeps_someone_waiting_for_a_reminder(bot: BotHarness):
    person = bot.user(7115, language_code="en")
    await add_with_buttons(bot, person, "permit", dt.date(2029, 6, 1))
    days = bot.services.settings.retention_days
    bot.clock.advance(dt.timedelta(days=days + 1))  # not seen for longer than the retention
    assert await purge_inactive(bot.app) == 0
    assert len(await rows(bot, Outbox, kind="deadline", status="pending")) == 4
    bot.clock.set(local(2029, 6, 2, 12))  # the deadline has passed: now they are inactive
    assert await purge_inactive(bot.app) == 1
    assert await rows(bot, Deadline) == []


async def test_forged_and_foreign_buttons_change_nothing(bot: BotHarness):
    owner = bot.user(7116, language_code="en")
    await add_with_buttons(bot, owner, "permit", dt.date(2027, 6, 15))
    (deadline,) = await rows(bot, Deadline)
    stranger = bot.user(7117, language_code="en")
    for data in (
        f"dl:d:{deadline.id}:20270101",
        f"dl:edit:{deadline.id}",
        f"dl:open:{deadline.id}",
        f"dl:m:{deadline.id}:2027:1",
    ):
        await stranger.send("/deadlines")
        await stranger.press_data(data)
        assert "Residence permit" not in stranger.last_text()
    await owner.press_data(f"dl:m:{deadline.id}:999999999:1")  # a year no date can have
    await owner.press_data(f"dl:m:{deadline.id}:2027:13")
    await owner.press_data("dl:kind:visa")
    assert (await one(bot, Deadline)).due_on == dt.date(2027, 6, 15)
    assert [c for c in bot.api.calls if c.text == bot.t("en", "common-error")] == []


async def test_the_day_pressed_on_two_instances_at_once_saves_once(settings: Settings):
    """Two webhook instances get the same tap (a double tap, or Telegram's retry): the deadline is
    saved and its reminders written once, decided by the database."""
    a, running_a = await start_harness(settings)
    async with running_a:
        b, running_b = await another_instance(settings, a.clock)
        async with running_b:
            person = a.user(7120, language_code="uk")
            await person.send("/deadlines")
            await person.press_data("dl:new")
            await person.press_data("dl:kind:permit")
            user = await db_user(a, person.user_id)
            (draft,) = await rows(a, Deadline, user_id=user.id, status="draft")
            await person.press_data(f"dl:y:{draft.id}:2026")
            await person.press_data(f"dl:m:{draft.id}:2026:12")
            message = person._latest_with_keyboard()
            twin = b.user(7120, language_code="uk")
            day = f"dl:d:{draft.id}:20261220"
            await asyncio.gather(
                person.feed(person.callback_payload(day, message)),
                twin.feed(twin.callback_payload(day, message)),
            )
            await wait_for_deliveries(a.app)
            await wait_for_deliveries(b.app)

            (saved,) = await rows(a, Deadline, user_id=user.id)
            assert saved.status == "active" and saved.due_on == dt.date(2026, 12, 20)
            assert len(await events_of(a, EventKind.DEADLINE_ADDED)) == 1
            reminders = await rows(a, Outbox, kind="deadline")
            assert len(reminders) == len({r.due_at for r in reminders}) == 2  # 7 days, and now
            sent = reminders_to(a, person.chat_id, "uk") + reminders_to(b, twin.chat_id, "uk")
            assert len(sent) == 1, "the late entry's collapsed message goes once"
