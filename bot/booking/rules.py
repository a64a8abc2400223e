"""The booking rules as pure functions of their arguments (no database, no clock of their own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class DeskRules:
    reminder_hours: tuple[float, ...] = (24.0, 2.0)
    cutoff_hours: float = 2.0  # migrants cannot cancel or move later than this before the start
    horizon_days: int = 21
    offer_hours: float = 12.0  # how long a freed group place is held for the first person waiting
    bookings_per_service: int = 1  # active bookings one person may hold of one service
    survey_delay_hours: float = 2.0  # the satisfaction question follows the last meeting by this
    day_starts: dt.time = dt.time(9, 0)  # messages the bot starts wait for waking hours
    day_ends: dt.time = dt.time(20, 0)


def too_late(starts_at: dt.datetime, now: dt.datetime, rules: DeskRules) -> bool:
    """Past the cutoff a person can no longer cancel or move (staff always can)."""
    return starts_at - now < dt.timedelta(hours=rules.cutoff_hours)


# A message offering Cancel / Move must leave time to use them: read within half an hour.
READING_TIME = dt.timedelta(minutes=30)


def still_changeable(starts_at: dt.datetime, now: dt.datetime, rules: DeskRules) -> bool:
    """Whether buttons sent now to cancel or move could still work when the person taps them
    (with no cutoff they work until the start)."""
    margin = READING_TIME if rules.cutoff_hours > 0 else dt.timedelta(0)
    return not too_late(starts_at, now + margin, rules)


def reminder_times(starts_at: dt.datetime, now: dt.datetime, rules: DeskRules) -> list[dt.datetime]:
    """When the reminders of an appointment go out: those still ahead of `now`."""
    due = (starts_at - dt.timedelta(hours=hours) for hours in rules.reminder_hours)
    return [moment for moment in due if moment > now]


def offer_expires(
    starts_at: dt.datetime, now: dt.datetime, tz: ZoneInfo, rules: DeskRules
) -> dt.datetime:
    """A held place lapses after `offer_hours` of waking hours in the centre's time zone (an
    offer made at 23:00 lasts into the next day), and never after the course starts."""
    left = dt.timedelta(hours=rules.offer_hours)
    moment = in_waking_hours(now, tz, rules)
    while True:
        local = moment.astimezone(tz)
        day_end = dt.datetime.combine(local.date(), rules.day_ends, tzinfo=tz).astimezone(dt.UTC)
        if moment + left <= day_end:
            return min(moment + left, starts_at)
        left -= day_end - moment
        moment = in_waking_hours(day_end, tz, rules)


def bookable_window(now: dt.datetime, rules: DeskRules) -> tuple[dt.datetime, dt.datetime]:
    """Slots a person may pick start after the cutoff and within the horizon."""
    return (
        now + dt.timedelta(hours=rules.cutoff_hours),
        now + dt.timedelta(days=rules.horizon_days + 1),
    )


def in_waking_hours(moment: dt.datetime, tz: ZoneInfo, rules: DeskRules) -> dt.datetime:
    """The moment, or the start of the next waking hours in the centre's time zone."""
    local = moment.astimezone(tz)
    if local.time() < rules.day_starts:
        day = local.date()
    elif local.time() >= rules.day_ends:
        day = local.date() + dt.timedelta(days=1)
    else:
        return moment
    return dt.datetime.combine(day, rules.day_starts, tzinfo=tz).astimezone(dt.UTC)


def survey_due(
    last_meeting_ends: dt.datetime, now: dt.datetime, tz: ZoneInfo, rules: DeskRules
) -> dt.datetime:
    """When to ask how it went: a while after the last meeting, never at night."""
    after = max(last_meeting_ends, now) + dt.timedelta(hours=rules.survey_delay_hours)
    return in_waking_hours(after, tz, rules)


def may_mark_attendance(starts_at: dt.datetime, now: dt.datetime) -> bool:
    """Present / No-show only once the meeting has started: before that nobody can know."""
    return starts_at <= now
