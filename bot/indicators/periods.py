"""The periods a coordinator picks with a button, as pure functions of today's local date."""

from __future__ import annotations

import datetime as dt

from bot.indicators.compute import Period

PERIOD_CODES = ("month", "last-month", "quarter", "year", "all")


def previous_month(today: dt.date) -> Period:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return Period(last.replace(day=1), last)


def period_for(code: str, today: dt.date, first_contact: dt.date | None) -> Period | None:
    """None for a code we do not know (callback data is never trusted)."""
    if code == "month":
        return Period(today.replace(day=1), today)
    if code == "last-month":
        return previous_month(today)
    if code == "quarter":
        return Period(dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today)
    if code == "year":
        return Period(dt.date(today.year, 1, 1), today)
    if code == "all":
        return Period(min(first_contact or today, today), today)
    return None


# Typed dates must make sense for a bot's lifetime: no year 1 (its midnight is not a UTC time)
# and no century of monthly queries.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
MAX_DAYS = 366 * 10


def parse_period(first: str, last: str) -> Period | None:
    """Two typed ISO dates, the first not after the second, at most ten years apart; None
    otherwise."""
    try:
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        return None
    if not (EARLIEST <= start <= end <= LATEST) or (end - start).days > MAX_DAYS:
        return None
    return Period(start, end)
