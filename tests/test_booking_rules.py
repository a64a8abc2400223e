"""The pure booking rules: functions of their arguments, no database and no fakes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.booking.rules import (
    DeskRules,
    bookable_window,
    offer_expires,
    reminder_times,
    still_changeable,
    survey_due,
    too_late,
)

RULES = DeskRules(reminder_hours=(24.0, 2.0), cutoff_hours=2.0, horizon_days=21, offer_hours=12.0)
START = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def test_the_cutoff_binds_from_two_hours_before():
    assert not too_late(START, START - 3 * HOUR, RULES)
    assert not too_late(START, START - 2 * HOUR, RULES)
    assert too_late(START, START - 2 * HOUR + dt.timedelta(seconds=1), RULES)
    assert too_late(START, START + HOUR, RULES)


def test_only_reminders_still_ahead_are_scheduled():
    assert reminder_times(START, START - 48 * HOUR, RULES) == [START - 24 * HOUR, START - 2 * HOUR]
    assert reminder_times(START, START - 5 * HOUR, RULES) == [START - 2 * HOUR]
    assert reminder_times(START, START - HOUR, RULES) == []


def test_a_held_place_lapses_after_the_offer_time_in_waking_hours_or_at_the_start():
    tz = ZoneInfo("Europe/Ljubljana")
    far = START + dt.timedelta(days=10)

    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(2026, 12, day, hour, minute, tzinfo=tz).astimezone(dt.UTC)

    # Waking hours are 9:00–20:00 (11 h): from 9:00, 11 h that day and 1 h the next morning.
    assert offer_expires(far, at(1, 9), tz, RULES) == at(2, 10)
    # 12 hours of waking time from 10:00: 10 h that day (to 20:00), 2 h the next morning.
    assert offer_expires(far, at(1, 10), tz, RULES) == at(2, 11)
    # Made at 23:00: it starts counting at 9:00 the next day.
    assert offer_expires(far, at(1, 23), tz, RULES) == at(3, 10)
    assert offer_expires(START, START - 5 * HOUR, tz, RULES) == START  # never after the start


def test_people_pick_from_after_the_cutoff_to_the_horizon():
    earliest, latest = bookable_window(START, RULES)
    assert earliest == START + 2 * HOUR
    assert latest == START + dt.timedelta(days=22)


def test_buttons_are_offered_only_while_they_can_still_work():
    assert still_changeable(START, START - 3 * HOUR, RULES)
    assert not still_changeable(START, START - 2 * HOUR, RULES)  # the 2-hour reminder
    assert not still_changeable(START, START - 2 * HOUR - dt.timedelta(minutes=29), RULES)


def test_without_a_cutoff_the_buttons_work_until_the_start():
    no_cutoff = DeskRules(cutoff_hours=0)
    assert still_changeable(START, START - dt.timedelta(minutes=5), no_cutoff)
    assert not still_changeable(START, START + dt.timedelta(minutes=1), no_cutoff)


def test_the_survey_follows_the_end_by_the_configured_delay_in_waking_hours():
    tz = ZoneInfo("Europe/Ljubljana")
    half_hour = DeskRules(survey_delay_hours=0.5)
    ends = dt.datetime(2026, 12, 3, 16, 45, tzinfo=tz)
    assert survey_due(ends, ends, tz, half_hour) == ends + HOUR / 2
    # Marked present only the next day at noon: asked half an hour after the mark.
    late_mark = dt.datetime(2026, 12, 4, 12, 0, tzinfo=tz)
    assert survey_due(ends, late_mark, tz, half_hour) == late_mark + HOUR / 2
    # 19:45 + 0.5 h is past the end of waking hours (20:00): the next morning at 9:00.
    evening = dt.datetime(2026, 12, 3, 19, 45, tzinfo=tz)
    assert survey_due(evening, evening, tz, half_hour) == dt.datetime(2026, 12, 4, 9, 0, tzinfo=tz)
    # Early morning (before 9:00) waits for 9:00 the same day.
    dawn = dt.datetime(2026, 12, 4, 5, 0, tzinfo=tz)
    assert survey_due(dawn, dawn, tz, half_hour) == dt.datetime(2026, 12, 4, 9, 0, tzinfo=tz)
