"""RFC 5545 calendar files for a booking: stable UID, SEQUENCE grows, METHOD:CANCEL on cancel."""

from __future__ import annotations

import datetime as dt
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
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
