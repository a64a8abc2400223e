"""Slots follow the services file: a day closed later withdraws its free slots, never a booked one;
DST days give the right UTC times."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.booking.catalog import load_catalog
from bot.booking.schedule import planned_slots
from bot.config import Settings
from storage.models import Slot
from tests.booking_support import (
    CONSULTATION,
    SERVICES_FILE,
    booking_settings,
    local,
    one,
    quick_book,
    slot_at,
)
from tests.conftest import BotHarness

TZ = ZoneInfo("Europe/Ljubljana")


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


async def test_closing_a_day_withdraws_free_slots_but_keeps_booked_ones(bot: BotHarness):
    booked = await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16))
    free = await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16, 45))
    await quick_book(bot.user(6101, language_code="sl"), booked.id or 0)

    bot.services.catalog.services[CONSULTATION].closed.add(dt.date(2026, 12, 3))
    await bot.services.desk.sync_slots()

    assert (await one(bot, Slot, id=free.id)).status == "withdrawn"
    assert (await one(bot, Slot, id=booked.id)).status == "open"
    days = await bot.services.desk.available_days(CONSULTATION)
    assert dt.date(2026, 12, 3) not in days


def test_slot_times_across_the_spring_dst_change():
    """16:00 in Ljubljana is 15:00 UTC in winter and 14:00 UTC in summer."""
    catalog, problems = load_catalog(SERVICES_FILE)
    assert not problems
    plan = planned_slots(catalog.services[CONSULTATION], TZ, today=dt.date(2027, 3, 23), days=10)
    firsts = {
        p.starts_at.astimezone(TZ).date(): p.starts_at
        for p in plan
        if p.starts_at.astimezone(TZ).hour == 16 and p.starts_at.astimezone(TZ).minute == 0
    }
    assert firsts[dt.date(2027, 3, 23)] == dt.datetime(2027, 3, 23, 15, 0, tzinfo=dt.UTC)
    assert firsts[dt.date(2027, 3, 30)] == dt.datetime(2027, 3, 30, 14, 0, tzinfo=dt.UTC)


async def test_the_day_picker_offers_both_local_days_of_one_utc_day(bot: BotHarness):
    """The day picker reads each UTC day's first and last free start: 23:30 on Saturday and
    00:30 on Sunday in Ljubljana are both 5 December in UTC, yet two days to offer. A day
    whose only slot is full is not offered."""
    late, early = local(2026, 12, 5, 23, 30), local(2026, 12, 6, 0, 30)
    full = local(2026, 12, 12, 10)  # a Saturday: no weekly hours
    assert late.date() == early.date() == dt.date(2026, 12, 5)  # one UTC day
    async with bot.services.db.session() as session:
        for starts in (late, early, full):
            session.add(
                Slot(
                    service_id=CONSULTATION,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(minutes=45),
                    origin="extra",
                    capacity=1,
                    booked=1 if starts == full else 0,
                )
            )
        await session.commit()

    days = await bot.services.desk.available_days(CONSULTATION)

    assert {dt.date(2026, 12, 5), dt.date(2026, 12, 6)} <= set(days)
    assert dt.date(2026, 12, 12) not in days
    free = await bot.services.desk.free_slots(CONSULTATION)
    assert days == sorted({slot.starts_at.astimezone(TZ).date() for slot in free})
