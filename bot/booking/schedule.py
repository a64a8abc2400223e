"""From the services file to concrete slots in UTC, in the centre's time zone, across DST."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.booking.catalog import Service


@dataclass(frozen=True)
class PlannedSlot:
    service_id: str
    starts_at: dt.datetime  # UTC
    ends_at: dt.datetime  # UTC
    capacity: int
    origin: str
    sessions: tuple[tuple[dt.datetime, dt.datetime], ...] = ()  # UTC, group services only


def to_utc(local: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A wall-clock time at the centre → UTC. zoneinfo picks the right offset on DST days."""
    return local.replace(tzinfo=tz).astimezone(dt.UTC)


def planned_slots(
    service: Service, tz: ZoneInfo, *, today: dt.date, days: int
) -> list[PlannedSlot]:
    """Slots from `today` (local) for `days` days; a group service is one slot for its series."""
    length = dt.timedelta(minutes=service.duration)
    if service.is_group:
        sessions = tuple((to_utc(s, tz), to_utc(s, tz) + length) for s in service.sessions)
        first, last = sessions[0], sessions[-1]
        return [PlannedSlot(service.id, first[0], last[1], service.capacity, "schedule", sessions)]
    slots: list[PlannedSlot] = []
    for offset in range(days):
        day = today + dt.timedelta(days=offset)
        if day in service.closed:
            continue
        for hours in service.hours:
            if hours.weekday != day.weekday():
                continue
            start = dt.datetime.combine(day, hours.start)
            end_of_hours = dt.datetime.combine(day, hours.end)
            while start + length <= end_of_hours:
                utc = to_utc(start, tz)
                slots.append(PlannedSlot(service.id, utc, utc + length, 1, "schedule"))
                start += dt.timedelta(minutes=hours.every)
    horizon = today + dt.timedelta(days=days)
    for extra in service.extra:
        if today <= extra.date() < horizon and extra.date() not in service.closed:
            utc = to_utc(extra, tz)
            slots.append(PlannedSlot(service.id, utc, utc + length, 1, "extra"))
    return sorted(slots, key=lambda s: s.starts_at)
