"""The day picker's read (`free_day_bounds`): each UTC day's first and last free start of a
window. Compared with the plain answer worked out in Python, on random
slots (full, cancelled, other services, at the window's edges and at UTC midnight)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from storage.db import Database
from storage.models import Slot
from storage.repos.slots import free_day_bounds
from tests.conftest import empty_database

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _random_slots(rng: random.Random, count: int) -> list[dict[str, object]]:
    starts: set[datetime] = set()
    while len(starts) < count:
        minutes = rng.choice([0, 1, 30, 60 * 24 - 1, rng.randrange(60 * 24 * 25)])
        starts.add(
            NOW.replace(hour=0, minute=0) + timedelta(days=rng.randrange(25), minutes=minutes)
        )
    rows = []
    for start in sorted(starts):
        capacity = rng.choice([1, 1, 2])
        rows.append(
            {
                "service_id": rng.choice(["consultation", "consultation", "course"]),
                "starts_at": start,
                "ends_at": start + timedelta(minutes=30),
                "capacity": capacity,
                "booked": rng.choice([0, capacity]),
                "status": rng.choice(["open", "open", "open", "cancelled"]),
                "origin": "schedule",
            }
        )
    return rows


def _expected(rows: list[dict[str, object]], after: datetime, before: datetime) -> list[datetime]:
    by_day: dict[object, list[datetime]] = {}
    for row in rows:
        start = row["starts_at"]
        assert isinstance(start, datetime)
        free = row["status"] == "open" and row["booked"] < row["capacity"]  # type: ignore[operator]
        if row["service_id"] == "consultation" and free and after < start < before:
            by_day.setdefault(start.date(), []).append(start)
    return [moment for day in sorted(by_day) for moment in (min(by_day[day]), max(by_day[day]))]


async def test_each_days_first_and_last_free_start(database_url: str) -> None:
    await empty_database(database_url)
    db = Database(database_url)
    rng = random.Random(13)
    rows = _random_slots(rng, 300)
    try:
        async with db.engine.begin() as connection:
            await connection.execute(insert(Slot.__table__), rows)  # type: ignore[attr-defined]
        windows = [(NOW, NOW + timedelta(days=22))]
        windows += [
            (NOW + timedelta(hours=h), NOW + timedelta(days=d)) for h, d in [(14, 1), (0, 3)]
        ]
        midnight = NOW.replace(hour=0, minute=0)
        windows.append((midnight + timedelta(days=2), midnight + timedelta(days=5)))  # on midnights
        windows.append((NOW, NOW))  # empty
        for after, before in windows:
            found = await db.alone(
                free_day_bounds, service_id="consultation", after=after, before=before
            )
            expected = _expected(rows, after, before)
            # A day with one free start gives it twice: as its first and as its last.
            assert sorted(found) == sorted(expected), (after, before)
    finally:
        await db.dispose()
