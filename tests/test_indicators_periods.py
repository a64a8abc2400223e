"""Periods are local dates in the centre's time zone: midnight to midnight, across daylight
saving, and a person who wrote at 00:30 on the 1st belongs to that month, not the one before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings
from bot.indicators.build import make_report
from bot.indicators.compute import Period
from storage.models import Event, User
from tests.report_support import report_settings

TZ = ZoneInfo("Europe/Ljubljana")


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return report_settings(tmp_path, database_url)


def test_a_day_is_local_midnight_to_midnight_across_daylight_saving():
    spring = Period(dt.date(2026, 3, 29), dt.date(2026, 3, 29)).bounds(TZ)
    assert spring == (
        dt.datetime(2026, 3, 28, 23, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 29, 22, tzinfo=dt.UTC),  # a 23-hour day
    )
    autumn = Period(dt.date(2026, 10, 25), dt.date(2026, 10, 25)).bounds(TZ)
    assert autumn[1] - autumn[0] == dt.timedelta(hours=25)


def test_months_of_a_period_are_cut_to_it():
    months = Period(dt.date(2026, 11, 15), dt.date(2027, 1, 10)).months()
    assert [(m.first.isoformat(), m.last.isoformat()) for m in months] == [
        ("2026-11-15", "2026-11-30"),
        ("2026-12-01", "2026-12-31"),
        ("2027-01-01", "2027-01-10"),
    ]


def _local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ).astimezone(dt.UTC)


async def test_first_contact_just_after_local_midnight_counts_in_the_new_month(bot):
    moments = {
        "late-november": _local(2026, 11, 30, 23, 30),  # 22:30 UTC on 30 November
        "early-december": _local(2026, 12, 1, 0, 30),  # 23:30 UTC on 30 November
        "new-year": _local(2027, 1, 1, 0, 10),
    }
    async with bot.services.db.session() as session:
        for index, (key, at) in enumerate(moments.items()):
            session.add(User(telegram_id=7000 + index, user_key=key, language="uk", created_at=at))
            session.add(Event(kind="search_miss", user_key=key, language="uk", created_at=at))
        await session.commit()
    report = await make_report(
        bot.services, Period(dt.date(2026, 11, 1), dt.date(2027, 1, 31)), locale="en"
    )
    by_id = {i.id: i for i in report.indicators}
    assert by_id["new-people"].breakdown == {"2026-11": 1, "2026-12": 1, "2027-01": 1}
    december = await make_report(
        bot.services, Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31)), locale="en"
    )
    by_id = {i.id: i for i in december.indicators}
    assert by_id["unanswered"].result == 1
    assert by_id["new-people"].result == 1
