"""The booking's calendar file is written by hand for speed; it must stay byte for byte what
icalendar writes for the same calendar (escaping, folding at 75 octets, the time zone)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import hypothesis
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.booking.ics import Meeting, _fold, booking_calendar, icalendar_calendar

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


def _reference_fold(line: str) -> str:
    """`_fold` as it was, a character at a time (what icalendar does): the new one, on bytes,
    must fold every line the same."""
    if len(line) < 75 and line.isascii():
        return line
    parts: list[str] = []
    current: list[str] = []
    octets = 0
    for char in line:
        size = len(char.encode())
        if current and octets + size >= 75:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, octets = [carried], len(carried.encode())
            else:
                parts.append("".join(current))
                current, octets = [], 0
        current.append(char)
        octets += size
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


# ASCII, both escapes, Cyrillic, and 2-, 3- and 4-byte characters
FOLD_ALPHABET = list("ab ;:\\^") + list("Консультація") + ["ž", "€", "😀"]


@pytest.mark.parametrize(
    "line",
    [
        "x" * 74,  # 74 octets: not folded
        "x" * 75,  # 75: folded
        "ж" * 37,  # 74 octets of Cyrillic
        "ж" * 37 + "x",  # 75
        "x" * 73 + "\\" + "y" * 10,  # a backslash at octet 74 goes to the next line
        "x" * 73 + "^" + "y" * 10,
        "x" * 72 + "\\" + "y" * 10,  # at octet 73: stays
        "x" * 72 + "😀" + "y" * 10,  # a 4-byte character across octet 74
        "x" * 71 + "😀" + "y" * 10,  # one ending at octet 75
        "x" * 70 + "😀" + "y" * 10,  # one ending at octet 74
        "\\" * 200,
        "😀" * 80,
    ],
)
def test_fold_edge_cases(line: str) -> None:
    assert _fold(line) == _reference_fold(line)


# st.text alone draws a dozen characters on average, rarely a line long enough to fold: the
# length is drawn first
FOLD_LINES = st.integers(0, 300).flatmap(
    lambda n: st.text(alphabet=st.sampled_from(FOLD_ALPHABET), min_size=n, max_size=n)
)


@hypothesis.settings(max_examples=500, deadline=None)
@given(line=FOLD_LINES)
def test_fold_on_bytes_is_folding_a_character_at_a_time(line: str) -> None:
    folded = _fold(line)
    assert folded == _reference_fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) < 75 for part in folded.split("\r\n "))
