"""RFC 5545 calendar files for a booking: stable UID, SEQUENCE grows, METHOD:CANCEL on cancel."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar

PRODUCT_ID = "-//Arrival Desk//Booking//EN"


def booking_uid(booking_id: int) -> str:
    return f"booking-{booking_id}@arrival-desk"


def booking_calendar(
    *,
    booking_id: int,
    sequence: int,
    summary: str,
    location: str,
    description: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    tz: ZoneInfo,
    now: dt.datetime,
    cancelled: bool = False,
) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = icalendar.Event()
    event.add("uid", booking_uid(booking_id))
    event.add("sequence", sequence)
    event.add("dtstamp", now.astimezone(dt.UTC))
    # Local times with the centre's TZID (and its VTIMEZONE below): right across DST changes.
    event.add("dtstart", starts_at.astimezone(tz))
    event.add("dtend", ends_at.astimezone(tz))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
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
