"""The booking rules as pure functions of their arguments (no database, no clock of their own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DeskRules:
    reminder_hours: tuple[float, ...] = (24.0, 2.0)
    cutoff_hours: float = 2.0  # migrants cannot cancel or move later than this before the start
    horizon_days: int = 21
    offer_hours: float = 12.0  # how long a freed group place is held for the first person waiting


def too_late(starts_at: dt.datetime, now: dt.datetime, rules: DeskRules) -> bool:
    """Past the cutoff a person can no longer cancel or move (staff always can)."""
    return starts_at - now < dt.timedelta(hours=rules.cutoff_hours)


def reminder_times(starts_at: dt.datetime, now: dt.datetime, rules: DeskRules) -> list[dt.datetime]:
    """When the reminders of an appointment go out: those still ahead of `now`."""
    due = (starts_at - dt.timedelta(hours=hours) for hours in rules.reminder_hours)
    return [moment for moment in due if moment > now]


def offer_expires(starts_at: dt.datetime, now: dt.datetime, rules: DeskRules) -> dt.datetime:
    """A held place lapses after `offer_hours`, and never after the course starts."""
    return min(now + dt.timedelta(hours=rules.offer_hours), starts_at)


def bookable_window(now: dt.datetime, rules: DeskRules) -> tuple[dt.datetime, dt.datetime]:
    """Slots a person may pick start after the cutoff and within the horizon."""
    return (
        now + dt.timedelta(hours=rules.cutoff_hours),
        now + dt.timedelta(days=rules.horizon_days + 1),
    )
