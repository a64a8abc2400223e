"""RFC 5545 calendar files for a booking: stable UID, SEQUENCE grows, METHOD:CANCEL on cancel.

A booking's file is written here line by line, byte for byte what `icalendar` writes for the
same calendar (`tests/test_ics.py` compares them): icalendar builds an object per property and
folds lines a character at a time, half a millisecond per booking. `icalendar` still writes
the time zone (once per zone) and any calendar in UTC."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar

PRODUCT_ID = "-//Arrival Desk//Booking//EN"
LINE_OCTETS = 75  # RFC 5545 3.1: longer content lines are folded


def booking_uid(booking_id: int) -> str:
    return f"booking-{booking_id}@arrival-desk"


@dataclass(frozen=True)
class Meeting:
    """What a booking's calendar file says (both writers below take it)."""

    booking_id: int
    sequence: int
    summary: str
    location: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    tz: ZoneInfo
    now: dt.datetime
    cancelled: bool = False


def booking_calendar(meeting: Meeting) -> bytes:
    tz, cancelled = meeting.tz, meeting.cancelled
    tzid = getattr(tz, "key", None)
    if not isinstance(tzid, str) or tzid.upper() in ("UTC", "ETC/UTC", "Z"):
        return icalendar_calendar(meeting)
    # Local times with the centre's TZID (and its VTIMEZONE): right across DST changes. The
    # order is icalendar's: its canonical properties first, then the rest alphabetically.
    event = [
        ("SUMMARY", _text(meeting.summary)),
        (f"DTSTART;TZID={tzid}", _local(meeting.starts_at.astimezone(tz))),
        (f"DTEND;TZID={tzid}", _local(meeting.ends_at.astimezone(tz))),
        ("DTSTAMP", _local(meeting.now.astimezone(dt.UTC)) + "Z"),
        ("UID", booking_uid(meeting.booking_id)),
        ("SEQUENCE", str(meeting.sequence)),
    ]
    if meeting.description:
        event.append(("DESCRIPTION", _text(meeting.description)))
    if meeting.location:
        event.append(("LOCATION", _text(meeting.location)))
    event.append(("STATUS", "CANCELLED" if cancelled else "CONFIRMED"))
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        f"METHOD:{'CANCEL' if cancelled else 'REQUEST'}",
    ]
    body = ["BEGIN:VEVENT", *(_fold(f"{name}:{value}") for name, value in event), "END:VEVENT"]
    return _lines(head) + _vtimezone(tzid) + _lines([*body, "END:VCALENDAR"])


def _lines(lines: list[str]) -> bytes:
    return "".join(line + "\r\n" for line in lines).encode()


def _local(moment: dt.datetime) -> str:
    """iCalendar's DATE-TIME form (what strftime("%Y%m%dT%H%M%S") gives, at a fraction of it)."""
    m = moment
    return f"{m.year:04d}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}"


def _text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11), in icalendar's order."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Lines of at most 74 octets before each break (as icalendar folds), cut on the UTF-8
    bytes: never inside a character, nor between a backslash or caret and what it escapes."""
    data = line.encode()
    if len(data) < LINE_OCTETS:
        return line
    parts: list[str] = []
    start = 0
    while len(data) - start >= LINE_OCTETS:
        cut = start + LINE_OCTETS - 1
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: the cut would split a character
            cut -= 1
        # An ASCII last byte is a character of its own, so 2 octets are 2 characters here
        if cut - start > 1 and data[cut - 1] in b"\\^":
            cut -= 1  # icalendar carries it to the next line
        parts.append(data[start:cut].decode())
        start = cut
    parts.append(data[start:].decode())
    return "\r\n ".join(parts)


def icalendar_calendar(meeting: Meeting) -> bytes:
    """The same calendar built with `icalendar` (for a zone given as UTC, and as the reference
    the tests compare `booking_calendar` with)."""
    tz, cancelled = meeting.tz, meeting.cancelled
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = icalendar.Event()
    event.add("uid", booking_uid(meeting.booking_id))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.now.astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", meeting.summary)
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.description:
        event.add("description", meeting.description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    # What `calendar.add_missing_timezones()` gives, with each VTIMEZONE built and written once
    # per zone (it walks every transition from 1970 to 2038: milliseconds, the same every time);
    # it goes where that method puts it, before the event.
    zones = b"".join(_vtimezone(tzid) for tzid in sorted(calendar.get_missing_tzids()))
    ical = bytes(calendar.to_ical())
    if not zones:
        return ical
    at = ical.index(EVENT_START) + 2  # after the line break that ends the calendar's properties
    return ical[:at] + zones + ical[at:]


EVENT_START = b"\r\nBEGIN:VEVENT\r\n"


@lru_cache(maxsize=8)
def _vtimezone(tzid: str) -> bytes:
    return bytes(icalendar.Timezone.from_tzid(tzid).to_ical())
