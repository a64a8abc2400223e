"""Reminders 24 h and 2 h before, from the outbox table, moved by the ManualClock (never by
sleeping): exactly once each, in the person's language, none for cancelled or moved-away times,
right across a DST change, kept across a restart, dropped when too late, and not lost to 429s or
blocked users.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.app import build_application, build_services
from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call, StandinBotApi
from bot.clock import ManualClock
from bot.config import Settings
from bot.handlers.delivery import deliver_due
from bot.runtime import running
from storage.models import Booking, Outbox, User
from tests.booking_support import (
    ADDRESS,
    CONSULTATION,
    TZ,
    booking_settings,
    bookings_of,
    calendars_to,
    data_of,
    db_user,
    events_of,
    local,
    one,
    outbox_of,
    quick_book,
    says,
    slot_at,
    vevent,
)
from tests.conftest import BotHarness, start_harness

UTC = dt.UTC
THURSDAY_16 = local(2026, 12, 3, 16, 0)  # = 15:00 UTC
DUE_24H = dt.datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
DUE_2H = dt.datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


# -- local helpers ----------------------------------------------------------------------------
async def book(bot: BotHarness, user: SimulatedUser, start: dt.datetime = THURSDAY_16) -> Booking:
    slot = await slot_at(bot, CONSULTATION, start)
    await quick_book(user, slot.id or 0)
    return (await bookings_of(bot, user.user_id))[-1]


def reminders(bot: BotHarness, user: SimulatedUser, locale: str = "uk") -> list[Call]:
    """Reminder messages the person received (whatever sent them: a test or the outbox job)."""
    return [
        c
        for c in bot.api.sent("sendMessage", chat_id=user.chat_id)
        if says(c.text, bot, locale, "booking-reminder", details="")
    ]


async def run_outbox_at(bot: BotHarness, moment: dt.datetime) -> None:
    """Move the clock and let the outbox run twice: a second run must find nothing new."""
    bot.clock.set(moment)
    await deliver_due(bot.app)
    await deliver_due(bot.app)


async def statuses(bot: BotHarness, booking_id: int) -> list[str]:
    return [row.status for row in await outbox_of(bot, booking_id)]


@asynccontextmanager
async def restarted(settings: Settings, clock: ManualClock) -> AsyncIterator[BotHarness]:
    """A second bot process on the same database: unlike start_harness, nothing is emptied."""
    api = StandinBotApi()
    services = build_services(settings, clock=clock)
    app = build_application(settings, request=api, services=services, rate_limit=False)
    async with running(app):
        yield BotHarness(app, api, services, clock)


# -- exactly two reminders --------------------------------------------------------------------
async def test_two_reminders_exactly_once_each_in_the_persons_language(bot: BotHarness):
    user = bot.user(5001, language_code="uk")
    booking = await book(bot, user)
    rows = await outbox_of(bot, booking.id or 0)
    assert sorted(r.due_at for r in rows) == [DUE_24H, DUE_2H]

    await run_outbox_at(bot, DUE_24H - MINUTE)
    assert reminders(bot, user) == []
    await run_outbox_at(bot, DUE_24H)
    assert len(reminders(bot, user)) == 1
    await run_outbox_at(bot, DUE_24H + dt.timedelta(hours=3))
    assert len(reminders(bot, user)) == 1
    await run_outbox_at(bot, DUE_2H - MINUTE)
    assert len(reminders(bot, user)) == 1
    await run_outbox_at(bot, DUE_2H + dt.timedelta(seconds=30))
    assert len(reminders(bot, user)) == 2
    await run_outbox_at(bot, THURSDAY_16 + dt.timedelta(hours=1))
    assert len(reminders(bot, user)) == 2

    service = bot.services.catalog.get(CONSULTATION)
    assert service is not None
    for reminder in reminders(bot, user):
        assert service.name("uk") in reminder.text
        assert "16:00" in reminder.text and ADDRESS in reminder.text
        # Not confirmed by the centre yet: the reminder says so.
        assert bot.t("uk", "booking-reminder-unconfirmed") in reminder.text
    day_before, two_hours_before = reminders(bot, user)
    assert data_of(day_before) == [f"my:cancel:{booking.id}", f"my:move:{booking.id}"]
    assert day_before.button_texts() == [bot.t("uk", "booking-cancel"), bot.t("uk", "booking-move")]
    # At the cutoff Cancel and Move would refuse (#12): only what still works is offered.
    assert data_of(two_hours_before) == ["ask:start"]
    assert bot.t("uk", "booking-reminder-too-late", cutoff=2.0) in two_hours_before.text
    assert await statuses(bot, booking.id or 0) == ["sent", "sent"]
    assert len(await events_of(bot, "reminder_sent")) == 2


async def test_a_cancelled_booking_gets_no_reminder(bot: BotHarness):
    user = bot.user(5002, language_code="uk")
    booking = await book(bot, user)
    await user.send("/mybookings")
    await user.press_data(f"my:cancel:{booking.id}")
    await user.press_data(f"my:cancelok:{booking.id}")
    assert (await one(bot, Booking, id=booking.id)).status == "cancelled"

    for moment in (DUE_24H, DUE_2H, THURSDAY_16):
        await run_outbox_at(bot, moment + MINUTE)
    assert reminders(bot, user) == []
    assert await statuses(bot, booking.id or 0) == ["cancelled", "cancelled"]


def membership(user: SimulatedUser, old: str, new: str) -> dict[str, object]:
    """Telegram's my_chat_member update when the person blocks the bot (kicked) or unblocks
    it (member)."""
    bot_user = {"id": 700000001, "is_bot": True, "first_name": "Arrival Desk"}
    sender = {"id": user.user_id, "is_bot": False, "first_name": "Olena", "language_code": "uk"}
    return {
        "update_id": 9_000_000 + user.user_id + len(new),
        "my_chat_member": {
            "chat": {"id": user.chat_id, "type": "private", "first_name": "Olena"},
            "from": sender,
            "date": 1796000000,
            "old_chat_member": {"user": bot_user, "status": old, "until_date": 0},
            "new_chat_member": {"user": bot_user, "status": new, "until_date": 0},
        },
    }


async def test_a_person_who_blocks_the_bot_gets_no_reminder_until_they_are_back(bot: BotHarness):
    user = bot.user(5004, language_code="uk")
    booking = await book(bot, user)
    await user.feed(membership(user, "member", "kicked"))  # blocked: Telegram says so at once
    assert (await one(bot, User, telegram_id=5004)).active is False

    await run_outbox_at(bot, DUE_24H + MINUTE)
    assert reminders(bot, user) == [], "no message that would only meet a 403"
    assert await statuses(bot, booking.id or 0) == ["skipped", "pending"]

    await user.feed(membership(user, "kicked", "member"))  # unblocked
    assert (await one(bot, User, telegram_id=5004)).active is True
    await run_outbox_at(bot, DUE_2H + MINUTE)
    assert len(reminders(bot, user)) == 1


async def test_a_moved_booking_is_reminded_of_the_new_time_only(bot: BotHarness):
    user = bot.user(5003, language_code="uk")
    booking = await book(bot, user)
    new_start = local(2026, 12, 8, 17, 30)  # = 16:30 UTC
    new_slot = await slot_at(bot, CONSULTATION, new_start)
    await user.send("/mybookings")
    await user.press_data(f"my:mto:{booking.id}:{new_slot.id}")
    assert (await one(bot, Booking, id=booking.id)).slot_id == new_slot.id

    for moment in (DUE_24H, DUE_2H, THURSDAY_16):
        await run_outbox_at(bot, moment + MINUTE)
    assert reminders(bot, user) == [], "nothing for the old time"

    await run_outbox_at(bot, new_start - dt.timedelta(hours=24))
    await run_outbox_at(bot, new_start - dt.timedelta(hours=2))
    await run_outbox_at(bot, new_start + dt.timedelta(hours=1))
    sent = reminders(bot, user)
    assert len(sent) == 2
    assert all("17:30" in c.text and "16:00" not in c.text for c in sent)
    assert sorted(await statuses(bot, booking.id or 0)) == [
        "cancelled",
        "cancelled",
        "sent",
        "sent",
    ]


async def test_reminders_across_the_daylight_saving_change(bot: BotHarness):
    # Thursday 2027-03-25, winter time (CET, UTC+1); the clocks go forward on Sunday 2027-03-28.
    bot.clock.set(dt.datetime(2027, 3, 25, 10, 0, tzinfo=UTC))
    await bot.services.desk.sync_slots()
    user = bot.user(5004, language_code="uk")
    summer_start = dt.datetime(2027, 3, 30, 14, 0, tzinfo=UTC)  # Tue 16:00 CEST (UTC+2)
    slot = await slot_at(bot, CONSULTATION, summer_start)
    assert slot.starts_at.astimezone(TZ).hour == 16
    booking = await book(bot, user, summer_start)

    rows = await outbox_of(bot, booking.id or 0)
    assert sorted(r.due_at for r in rows) == [
        dt.datetime(2027, 3, 29, 14, 0, tzinfo=UTC),
        dt.datetime(2027, 3, 30, 12, 0, tzinfo=UTC),
    ]
    event = vevent(calendars_to(bot, user.chat_id)[0])
    assert event["DTSTART"].params["TZID"] == "Europe/Ljubljana"
    assert event.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2027, 3, 30, 16, 0)

    await run_outbox_at(bot, dt.datetime(2027, 3, 29, 13, 59, tzinfo=UTC))
    assert reminders(bot, user) == []
    await run_outbox_at(bot, dt.datetime(2027, 3, 29, 14, 0, tzinfo=UTC))
    (reminder,) = reminders(bot, user)
    assert bot.services.translator.format_time(summer_start, "uk", TZ) == "16:00"
    assert "16:00" in reminder.text and "15:00" not in reminder.text


# -- restarts, missed and late reminders ------------------------------------------------------
async def test_a_reminder_missed_while_down_is_sent_once_after_the_restart(settings: Settings):
    first, context = await start_harness(settings)
    async with context:
        user = first.user(5005, language_code="uk")
        booking = await book(first, user)
    # Down from here; the 24 h reminder falls due meanwhile, the appointment is still ahead.
    clock = ManualClock(DUE_24H + dt.timedelta(hours=5))
    async with restarted(settings, clock) as second:
        await deliver_due(second.app)
        await deliver_due(second.app)
        user_again = second.user(5005, language_code="uk")
        assert len(reminders(second, user_again)) == 1
        assert await statuses(second, booking.id or 0) == ["sent", "pending"]
        await run_outbox_at(second, DUE_2H)
        assert len(reminders(second, user_again)) == 2
    assert reminders(first, user) == [], "the stopped bot sent nothing"


async def test_rows_claimed_by_a_killed_sender_are_sent_after_the_lease(settings: Settings):
    first, context = await start_harness(settings)
    async with context:
        user = first.user(5006, language_code="uk")
        booking = await book(first, user)
        first.clock.set(DUE_24H)
        claimed = await first.services.delivery.claim()  # claimed, then "killed" before sending
        assert [r.ref_id for r in claimed if r.kind == "reminder"] == [booking.id]
    clock = ManualClock(DUE_24H + MINUTE)
    async with restarted(settings, clock) as second:
        user_again = second.user(5006, language_code="uk")
        await deliver_due(second.app)
        assert reminders(second, user_again) == [], "still leased to the first sender"
        lease = dt.timedelta(seconds=settings.outbox_lease_seconds)
        await run_outbox_at(second, DUE_24H + lease + MINUTE)
        assert len(reminders(second, user_again)) == 1
        await run_outbox_at(second, DUE_24H + lease + dt.timedelta(minutes=10))
        assert len(reminders(second, user_again)) == 1
    assert reminders(first, user) == []


async def test_reminders_for_an_appointment_that_already_started_are_dropped(settings: Settings):
    first, context = await start_harness(settings)
    async with context:
        user = first.user(5007, language_code="uk")
        booking = await book(first, user)
    clock = ManualClock(THURSDAY_16 + dt.timedelta(minutes=10))
    async with restarted(settings, clock) as second:
        await deliver_due(second.app)
        await deliver_due(second.app)
        assert second.api.sent("sendMessage", chat_id=user.chat_id) == []
        assert await statuses(second, booking.id or 0) == ["dropped", "dropped"]
        assert await events_of(second, "reminder_sent") == []


# -- failures ---------------------------------------------------------------------------------
async def test_a_user_who_blocked_the_bot_is_marked_inactive(bot: BotHarness):
    user = bot.user(5008, language_code="uk")
    booking = await book(bot, user)
    bot.api.blocked_chats.add(user.chat_id)

    await run_outbox_at(bot, DUE_24H)  # no exception
    assert not (await db_user(bot, 5008)).active
    assert await statuses(bot, booking.id or 0) == ["failed", "pending"]
    await run_outbox_at(bot, DUE_2H)
    assert await statuses(bot, booking.id or 0) == ["failed", "skipped"]
    assert bot.api.sent("sendMessage", chat_id=user.chat_id)[1:] == []
    assert await events_of(bot, "reminder_sent") == []


@pytest.mark.parametrize("kind", ["retry_after", "network"])
async def test_a_failed_send_is_retried_after_the_lease_not_lost(bot: BotHarness, kind: str):
    user = bot.user(5009, language_code="uk")
    booking = await book(bot, user)
    bot.api.fail_next(kind, method="sendMessage", retry_after=1)

    await run_outbox_at(bot, DUE_24H)
    assert reminders(bot, user) == []
    (row, _) = sorted(await outbox_of(bot, booking.id or 0), key=lambda r: r.due_at)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.lease_until is not None and row.lease_until > DUE_24H

    await run_outbox_at(bot, DUE_24H + dt.timedelta(minutes=3))
    assert len(reminders(bot, user)) == 1
    await run_outbox_at(bot, DUE_24H + dt.timedelta(minutes=10))
    assert len(reminders(bot, user)) == 1
    assert (await one(bot, Outbox, id=row.id)).status == "sent"
    assert (await db_user(bot, 5009)).active
