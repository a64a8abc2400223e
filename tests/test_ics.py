"""The booking's calendar file is written by hand for speed; it must stay byte for byte what
icalendar writes for the same calendar (escaping, folding at 75 octets, the time zone)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from bot.booking.ics import Meeting, booking_calendar, icalendar_calendar

NOW = dt.datetime(2026, 11, 30, 12, 0, 7, 123, tzinfo=dt.UTC)
TEXTS = [
    "",
    "Консультація щодо дозволу на проживання, роботу; і т.д.\\N нова",  # folded mid-Cyrillic
    "a,b;c\\d\r\ne\nf\rg",  # every TEXT escape and line ending
    "x" * 62,  # "DESCRIPTION:" and 62: 74 octets, not folded
    "x" * 63,  # one more: folded
    "\\" * 90,  # a backslash is never split from what it escapes
    "ž" * 80,  # two octets each: never split inside a character
]


@pytest.mark.parametrize("zone", ["Europe/Ljubljana", "America/New_York", "UTC"])
@pytest.mark.parametrize("cancelled", [False, True])
def test_the_booking_calendar_is_what_icalendar_writes(zone: str, cancelled: bool) -> None:
    for text in TEXTS:
        fields = {
            "booking_id": 42,
            "sequence": 3,
            "summary": text,
            "location": TEXTS[-1 - TEXTS.index(text)],
            "description": text,
            # across the spring DST change in Europe
            "starts_at": dt.datetime(2027, 3, 28, 0, 30, 5, tzinfo=dt.UTC),
            "ends_at": dt.datetime(2027, 3, 28, 1, 30, tzinfo=dt.UTC),
            "tz": ZoneInfo(zone),
            "now": NOW,
            "cancelled": cancelled,
        }
        meeting = Meeting(**fields)  # type: ignore[arg-type]
        written = booking_calendar(meeting)
        assert written == icalendar_calendar(meeting)
        event = icalendar.Calendar.from_ical(written).walk("VEVENT")[0]
        assert str(event["description"] if text else "") == text.replace("\r\n", "\n").replace(
            "\r", "\n"
        ).replace("\\N", "\n")
