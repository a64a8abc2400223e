"""A realistic year of data for the benchmarks: people, a year of events, slots with bookings,
waiting lists, attendance, survey answers, and a backlog of pending outbox rows.

    python -m bench.year_of_data --database-url postgresql://…   (or sqlite:///year.db)

Default sizes (issue #13): 100,000 people, 1,000,000 events over 12 months, 100,000 slots (most in
the future, most of them full), 100,000 pending outbox rows (mostly due in the future). Rows go in
with chunked bulk inserts (COPY on PostgreSQL), so a year is built in well under a minute or two.

The synthetic one-to-one slots carry origin "coordinator" (as if coordinators had added them from
Telegram): the slot sync never withdraws those, so the data stays the same from run to run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.db import Database
from storage.models import (
    Attendance,
    Booking,
    CourseSession,
    Event,
    EventKind,
    Outbox,
    Slot,
    SurveyAnswer,
    User,
    Waiting,
)

CHUNK = 10_000
ONE_TO_ONE = "consultation"
GROUP = "orientation-evening"
SLOT_STEP = dt.timedelta(minutes=5)  # one-to-one slots are 5 minutes apart, day and night
PAST_SHARE = 0.2  # of slots: the rest lie in the future
FULL_SHARE = 0.75  # of slots: taken
GROUP_SLOTS = 60  # one a week or so, most in the past; capacity 25, all full
GROUP_CAPACITY = 25
FAQ_TOPICS = [p.name for p in (Path(__file__).parent.parent / "faq").iterdir() if p.is_dir()] or [
    "residence-permit"
]
LANGUAGES = ["uk"] * 45 + ["sr"] * 25 + ["sl"] * 10 + ["en"] * 20
REGIONS = [None, None, "asia", "africa", "balkans", "balkans", "other_europe", "south_america"]
# How often each kind of event happens in a year (weights; every kind appears).
EVENT_WEIGHTS = {
    EventKind.FAQ_VIEW: 400,
    EventKind.SEARCH: 120,
    EventKind.SEARCH_MISS: 30,
    EventKind.START: 80,
    EventKind.GREETING: 40,
    EventKind.HELP: 20,
    EventKind.OTHER: 20,
    EventKind.LANGUAGE_SET: 60,
    EventKind.CONSULTATION_CONTACT: 15,
    EventKind.BOOKED: 40,
    EventKind.CONFIRMED: 35,
    EventKind.DECLINED: 5,
    EventKind.CANCELLED: 8,
    EventKind.MOVED: 5,
    EventKind.WAITLIST_JOINED: 6,
    EventKind.WAITLIST_OFFERED: 3,
    EventKind.OFFER_DECLINED: 1,
    EventKind.OFFER_EXPIRED: 1,
    EventKind.ATTENDED: 25,
    EventKind.NO_SHOW: 5,
    EventKind.REMINDER_SENT: 70,
    EventKind.SURVEY_SENT: 20,
    EventKind.SURVEY_ANSWERED: 12,
    EventKind.CONSENT_GIVEN: 50,
    EventKind.CONSENT_REFUSED: 3,
    EventKind.FORGOTTEN: 2,
}
BOOKING_KINDS = {
    EventKind.BOOKED,
    EventKind.CONFIRMED,
    EventKind.DECLINED,
    EventKind.CANCELLED,
    EventKind.MOVED,
    EventKind.ATTENDED,
    EventKind.NO_SHOW,
    EventKind.REMINDER_SENT,
    EventKind.SURVEY_SENT,
    EventKind.SURVEY_ANSWERED,
}


def chunks(rows: Iterable[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Loader:
    """Bulk writes on one connection: COPY on PostgreSQL, executemany `insert()` on SQLite."""

    def __init__(self, connection: AsyncConnection, postgres: bool) -> None:
        self.connection = connection
        self.postgres = postgres
        self.counts: dict[str, int] = {}

    async def put(self, model: Any, rows: Iterable[dict[str, Any]]) -> None:
        table: Table = model.__table__
        for batch in chunks(rows):
            if self.postgres:
                await self._copy(table, batch)
            else:
                await self.connection.execute(insert(table), batch)
            self.counts[table.name] = self.counts.get(table.name, 0) + len(batch)

    async def _copy(self, table: Table, batch: list[dict[str, Any]]) -> None:
        columns = list(batch[0])
        raw = await self.connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        await driver.copy_records_to_table(
            table.name, records=[tuple(row[c] for c in columns) for row in batch], columns=columns
        )

    async def next_id(self, model: Any) -> int:
        table: Table = model.__table__
        found = await self.connection.scalar(select(func.max(table.c.id)))
        return int(found or 0) + 1

    async def reset_sequences(self) -> None:
        """Explicit ids bypass PostgreSQL's sequences: move them past what was written."""
        if not self.postgres:
            return
        for name in self.counts:
            await self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
                )
            )


async def fill(
    database_url: str,
    *,
    people: int = 100_000,
    events: int = 1_000_000,
    slots: int = 100_000,
    pending: int = 100_000,
    due_now: int = 0,
    now: dt.datetime | None = None,
    seed: int = 13,
) -> dict[str, int]:
    """Migrate the database and add a year of data ending at `now` (default: this minute).

    `due_now` of the pending rows are reminders due a minute ago (for the reminder bench); the
    rest fall due over the coming months. Returns how many rows went into each table."""
    now = (now or dt.datetime.now(dt.UTC)).replace(second=0, microsecond=0)
    db = Database(database_url)
    await db.upgrade()
    try:
        async with db.engine.begin() as connection:
            loader = Loader(connection, postgres=not db.is_sqlite)
            await _fill(loader, random.Random(seed), now, people, events, slots, pending, due_now)
            await loader.reset_sequences()
        return loader.counts
    finally:
        await db.dispose()


async def _fill(
    loader: Loader,
    rng: random.Random,
    now: dt.datetime,
    people: int,
    events: int,
    slots: int,
    pending: int,
    due_now: int,
) -> None:
    year_ago = now - dt.timedelta(days=365)
    user0 = await loader.next_id(User)
    languages = [rng.choice(LANGUAGES) for _ in range(people)]
    await loader.put(User, _people(rng, user0, languages, year_ago, now))

    def person() -> int:
        return user0 + rng.randrange(people)

    # One-to-one slots: a fifth in the past, the rest ahead; most of them taken.
    slot0 = await loader.next_id(Slot)
    past = int(slots * PAST_SHARE)
    first = (
        now.replace(minute=now.minute - now.minute % 5) - past * SLOT_STEP + dt.timedelta(minutes=3)
    )  # 3 minutes off the 5-minute grid: never a time the services file plans
    full = [rng.random() < FULL_SHARE for _ in range(slots)]
    starts = [first + i * SLOT_STEP for i in range(slots)]
    await loader.put(
        Slot,
        (
            {
                "id": slot0 + i,
                "service_id": ONE_TO_ONE,
                "starts_at": starts[i],
                "ends_at": starts[i] + dt.timedelta(minutes=45),
                "capacity": 1,
                "booked": int(full[i]),
                "status": "open" if rng.random() > 0.01 else "cancelled",
                "origin": "coordinator",
            }
            for i in range(slots)
        ),
    )
    # Group slots (orientation evenings), weekly, past and (beyond the file's dates) future.
    group0 = slot0 + slots
    group_starts = [
        now - dt.timedelta(days=350) + dt.timedelta(days=7 * k, hours=2, minutes=7)
        for k in range(GROUP_SLOTS)
    ]
    group_starts = [s if s < now else s + dt.timedelta(days=120) for s in group_starts]
    await loader.put(
        Slot,
        (
            {
                "id": group0 + k,
                "service_id": GROUP,
                "starts_at": s,
                "ends_at": s + dt.timedelta(minutes=120),
                "capacity": GROUP_CAPACITY,
                "booked": GROUP_CAPACITY,
                "status": "open",
                "origin": "coordinator",
            }
            for k, s in enumerate(group_starts)
        ),
    )
    await loader.put(
        CourseSession,
        (
            {"slot_id": group0 + k, "starts_at": s, "ends_at": s + dt.timedelta(minutes=120)}
            for k, s in enumerate(group_starts)
        ),
    )

    # Bookings: one per taken one-to-one slot, GROUP_CAPACITY per group slot.
    booking0 = await loader.next_id(Booking)
    bookings: list[tuple[int, int, dt.datetime, int]] = []  # id, slot id, start, user
    for i in range(slots):
        if full[i]:
            bookings.append((booking0 + len(bookings), slot0 + i, starts[i], person()))
    for k, s in enumerate(group_starts):
        for _ in range(GROUP_CAPACITY):
            bookings.append((booking0 + len(bookings), group0 + k, s, person()))
    await loader.put(Booking, _bookings(rng, bookings, group0, now))

    # Waiting lists on the full group slots: done/left in the past, waiting ahead.
    await loader.put(
        Waiting,
        (
            {
                "user_id": person(),
                "slot_id": group0 + k,
                "status": "waiting" if s > now else rng.choice(["done", "left", "left"]),
                "created_at": min(s, now) - dt.timedelta(days=rng.randrange(1, 20)),
            }
            for k, s in enumerate(group_starts)
            for _ in range(rng.randrange(3, 15))
        ),
    )
    past_bookings = [b for b in bookings if b[2] < now]
    await loader.put(
        Attendance,
        (
            {
                "booking_id": b[0],
                "session_start": b[2],
                "status": "present" if rng.random() < 0.85 else "no_show",
                "marked_at": b[2] + dt.timedelta(hours=1),
            }
            for b in past_bookings
        ),
    )
    surveyed = [b for b in past_bookings if rng.random() < 0.5]
    await loader.put(
        SurveyAnswer,
        (
            {
                "booking_id": b[0],
                "user_id": b[3],
                "service_id": GROUP if b[1] >= group0 else ONE_TO_ONE,
                "score": rng.choice([None, 3, 4, 5, 5]),
                "asked_at": b[2] + dt.timedelta(hours=3),
                "answered_at": b[2] + dt.timedelta(hours=5),
            }
            for b in surveyed
        ),
    )
    future_bookings = [b for b in bookings if b[2] > now]
    await loader.put(Outbox, _outbox(rng, future_bookings, past_bookings, now, pending, due_now))
    await loader.put(Event, _events(rng, user0, languages, year_ago, events))


def _people(
    rng: random.Random, user0: int, languages: list[str], year_ago: dt.datetime, now: dt.datetime
) -> Iterator[dict[str, Any]]:
    for n, language in enumerate(languages):
        i = user0 + n
        created = year_ago + dt.timedelta(seconds=rng.randrange(365 * 86400))
        forgotten = rng.random() < 0.02
        yield {
            "id": i,
            "telegram_id": None if forgotten else 7 * 10**9 + i,
            "user_key": f"year-{i:08d}",  # what the events below refer to
            "language": language,
            "language_chosen": rng.random() < 0.7,
            "display_name": "",
            "active": not forgotten,
            "created_at": created,
            "last_seen_at": created + (now - created) * rng.random(),
            "consent_at": None if forgotten or rng.random() < 0.1 else created,
            "region": rng.choice(REGIONS),
            "forgotten_at": now - dt.timedelta(days=rng.randrange(30)) if forgotten else None,
            "awaiting_kind": None,
            "awaiting_data": None,
            "awaiting_until": None,
        }


def _bookings(
    rng: random.Random,
    bookings: list[tuple[int, int, dt.datetime, int]],
    group0: int,
    now: dt.datetime,
) -> Iterator[dict[str, Any]]:
    for booking_id, slot_id, starts_at, user_id in bookings:
        made = starts_at - dt.timedelta(days=rng.randrange(1, 21))
        made = min(made, now)
        yield {
            "id": booking_id,
            "user_id": user_id,
            "slot_id": slot_id,
            "service_id": GROUP if slot_id >= group0 else ONE_TO_ONE,
            "status": "confirmed" if starts_at < now or rng.random() < 0.8 else "pending",
            "topic_id": rng.choice(FAQ_TOPICS) if rng.random() < 0.3 else None,
            "note": None,
            "decline_reason": None,
            "sequence": 0,
            "moved_from": None,
            "offer_expires_at": None,
            "created_at": made,
            "updated_at": made,
        }


def _outbox(
    rng: random.Random,
    future: list[tuple[int, int, dt.datetime, int]],
    past: list[tuple[int, int, dt.datetime, int]],
    now: dt.datetime,
    pending: int,
    due_now: int,
) -> Iterator[dict[str, Any]]:
    """Pending reminders of future bookings (24 h and 2 h before), then surveys; `due_now` of
    them are due a minute ago. Plus the sent history of the past bookings' reminders."""
    written = 0
    for booking_id, _slot, starts_at, user_id in future:
        for hours in (24, 2):
            if written >= pending:
                break
            due = starts_at - dt.timedelta(hours=hours)
            if written < due_now:
                due = now - dt.timedelta(minutes=1)
            elif due <= now:
                continue
            yield _outbox_row("reminder", booking_id, user_id, due, "pending")
            written += 1
    while written < pending and future:  # not enough bookings: surveys after the meetings
        booking_id, _slot, starts_at, user_id = future[written % len(future)]
        due = starts_at + dt.timedelta(hours=2 + written // len(future))
        yield _outbox_row("survey", booking_id, user_id, due, "pending")
        written += 1
    for booking_id, _slot, starts_at, user_id in past:
        yield _outbox_row(
            "reminder", booking_id, user_id, starts_at - dt.timedelta(hours=24), "sent"
        )


def _outbox_row(
    kind: str, ref_id: int, user_id: int, due: dt.datetime, status: str
) -> dict[str, Any]:
    sent = status == "sent"
    return {
        "kind": kind,
        "user_id": user_id,
        "chat_id": None,
        "ref_id": ref_id,
        "payload": None,
        "due_at": due,
        "status": status,
        "lease_until": None,
        "attempts": int(sent),
        "done_at": due if sent else None,
        "result": None,
    }


def _events(
    rng: random.Random, user0: int, languages: list[str], year_ago: dt.datetime, count: int
) -> Iterator[dict[str, Any]]:
    kinds = list(EVENT_WEIGHTS)
    weights = list(EVENT_WEIGHTS.values())
    seconds = 365 * 86400
    for n in range(count):
        kind = rng.choices(kinds, weights)[0]
        person = rng.randrange(len(languages))
        yield {
            "kind": kind.value,
            "user_key": f"year-{user0 + person:08d}",
            "language": languages[person],
            "topic_id": rng.choice(FAQ_TOPICS) if kind == EventKind.FAQ_VIEW else None,
            "source": "search" if kind == EventKind.FAQ_VIEW and n % 3 == 0 else None,
            "service_id": ONE_TO_ONE if kind in BOOKING_KINDS else None,
            "created_at": year_ago + dt.timedelta(seconds=seconds * n // count),
        }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="sqlite:///… or postgresql://…")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--slots", type=int, default=100_000)
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--due-now", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = await fill(
        args.database_url,
        people=args.people,
        events=args.events,
        slots=args.slots,
        pending=args.pending,
        due_now=args.due_now,
    )
    for table, count in counts.items():
        print(f"{table:>16}: {count:>10,}")
    print(f"filled in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    asyncio.run(main())
