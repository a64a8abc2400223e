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
