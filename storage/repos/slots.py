"""Slots and a course's sessions: places are taken and released by one conditional UPDATE."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Integer, String, Update, bindparam, text, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import CourseSession, Slot, SlotStatus
from storage.prepared import Prepared, Runner, detached
from storage.tables.columns import UTCDateTime


async def get_slot(*, session: AsyncSession, slot_id: int) -> Slot | None:
    return await session.get(Slot, slot_id)


# The pickers' reads are one statement each, run by `Database.alone` (at once on a SQLite file),
# built once with bind parameters: building and caching an ORM statement per call cost more than
# running it.
_SLOTS = Slot.__table__  # type: ignore[attr-defined]
SLOT = select(_SLOTS).where(_SLOTS.c.id == bindparam("slot"))  # a slot by id
_READ_SLOT = Prepared(SLOT)


class SlotView(Protocol):
    """A slot as read to be shown (a `Slot`, or a plain row of the slots table: a `Slot` object
    costs ~27 µs to make, and a booking step shows one)."""

    @property
    def id(self) -> int | None: ...

    @property
    def service_id(self) -> str: ...

    @property
    def starts_at(self) -> datetime: ...

    @property
    def status(self) -> str: ...


def read_slot(connection: Runner, *, slot_id: int) -> SlotView | None:
    """The slot's row (its columns as attributes), or None."""
    row: SlotView | None = _READ_SLOT.first(connection, {"slot": slot_id})
    return row


async def find_slot(*, session: AsyncSession, service_id: str, starts_at: datetime) -> Slot | None:
    result = await session.exec(
        select(Slot).where(Slot.service_id == service_id, Slot.starts_at == starts_at)
    )
    return result.first()


async def add_slot(
    *, session: AsyncSession, slot: Slot, sessions: tuple[tuple[datetime, datetime], ...] = ()
) -> Slot:
    session.add(slot)
    await session.flush()
    assert slot.id is not None
    for starts_at, ends_at in sessions:
        session.add(CourseSession(slot_id=slot.id, starts_at=starts_at, ends_at=ends_at))
    return slot


def took(connection: Runner, *, under_way: bool = False, **params: Any) -> bool:
    """Take one place if one is free: one conditional UPDATE, so the database decides races.
    `under_way`: a course that has started may still take someone (a freed place offered to
    the waiting list while sessions are ahead). A statement function (`slot`, `now`)."""
    return _TAKE_ONE[under_way].count(connection, params) == 1


def _take_one(*, under_way: bool) -> Update:
    """The conditional UPDATE that takes one place: free, open and (unless under way) ahead.
    Bind parameters `slot` and `now`; built once (every booking runs it)."""
    not_started = [] if under_way else [_SLOTS.c.starts_at > bindparam("now")]
    return (
        update(_SLOTS)
        .where(
            _SLOTS.c.id == bindparam("slot"),
            _SLOTS.c.booked < _SLOTS.c.capacity,
            _SLOTS.c.status == SlotStatus.OPEN.value,
            *not_started,
        )
        .values(booked=_SLOTS.c.booked + 1)
    )


_TAKE_ONE = {under_way: Prepared(_take_one(under_way=under_way)) for under_way in (False, True)}
_TAKE_ONE_RETURNING = Prepared(_take_one(under_way=False).returning(*_SLOTS.c))


def taken(connection: Runner, **params: Any) -> Slot | None:
    """A place of the slot taken by `took`'s conditional UPDATE, returning the slot as it
    is after it (None: no place was taken; read it to say why), made into a `detached` Slot.
    A statement function (`slot`, `now`) for a unit of work (`Database.atomic`)."""
    row = _TAKE_ONE_RETURNING.first(connection, params)
    return detached(Slot, row) if row is not None else None


def released(connection: Runner, *, slot_id: int) -> None:
    """One place of the slot given back (a statement function)."""
    _RELEASE_ONE.count(connection, {"slot": slot_id})


_RELEASE_ONE = Prepared(
    update(_SLOTS)
    .where(_SLOTS.c.id == bindparam("slot"), _SLOTS.c.booked > 0)
    .values(booked=_SLOTS.c.booked - 1)
)


# Open slots with a free place in a window (bind parameters service, after, before): the
# conditions of the partial index `ix_slots_free_service_start`, so full slots are never read (a
# year holds many).
_FREE_IN_WINDOW = (
    _SLOTS.c.service_id == bindparam("service"),
    _SLOTS.c.status == SlotStatus.OPEN.value,
    _SLOTS.c.booked < _SLOTS.c.capacity,
    _SLOTS.c.starts_at > bindparam("after"),
    _SLOTS.c.starts_at < bindparam("before"),
)
_BOOKABLE_ROWS = (
    select(_SLOTS.c.id, _SLOTS.c.starts_at).where(*_FREE_IN_WINDOW).order_by(_SLOTS.c.starts_at)
)
_BOOKABLE = Prepared(_BOOKABLE_ROWS)
_FIRST_BOOKABLE = Prepared(_BOOKABLE_ROWS.limit(bindparam("most", type_=Integer)))
# Each UTC day's first and last free start of a window, by two index seeks a day: a recursive
# query steps from a day's first free start to the next day's (the partial index
# `ix_slots_free_service_start` answers each min and max at once), where a GROUP BY read every
# free slot of the window (thousands with a year of data). Plain SQL, built once: SQLAlchemy
# keys a Core statement with this many subqueries for its cache on every run, which cost more
# than the read (bench/README.md).
_FREE_SQL = "service_id = :service AND status = 'open' AND booked < capacity"
_DAY_BOUNDS_SQL = {
    dialect: f"""
WITH RECURSIVE day_first(at, n) AS (
  SELECT (SELECT min(starts_at) FROM slots
          WHERE {_FREE_SQL} AND starts_at > :after AND starts_at < :before), 1
  UNION ALL
  SELECT (SELECT min(starts_at) FROM slots
          WHERE {_FREE_SQL} AND starts_at >= {next_day.format(at="day_first.at")}
            AND starts_at < :before), n + 1
  FROM day_first WHERE day_first.at IS NOT NULL AND n < :days
)
SELECT at AS first_free, (SELECT max(starts_at) FROM slots
          WHERE {_FREE_SQL} AND starts_at < {next_day.format(at="day_first.at")}
            AND starts_at < :before) AS last_free
FROM day_first WHERE at IS NOT NULL"""
    for dialect, next_day in (
        # SQLite stores UTC text ('2026-12-01 09:30:00.000000'): a day after is text that
        # sorts before every time of that day ('2026-12-02').
        ("sqlite", "date({at}, '+1 day')"),
        ("postgresql", "(date_trunc('day', {at}, 'UTC') + interval '1 day')"),
    )
}
_DAY_BOUNDS = Prepared(
    {
        dialect: text(sql)
        .bindparams(
            bindparam("service", type_=String()),
            bindparam("after", type_=UTCDateTime()),
            bindparam("before", type_=UTCDateTime()),
            bindparam("days", type_=Integer()),
        )
        # as the driver gives them (SQLite's text, asyncpg's datetime): `_moment` converts the
        # few distinct values once, not ~70 a picker through the column type's conversions
        .columns(first_free=String(), last_free=String())
        for dialect, sql in _DAY_BOUNDS_SQL.items()
    }
)


class Timed(Protocol):
    """What a button for a time needs: a `Slot`, or a picker's `FreeTime`."""

    @property
    def id(self) -> int | None: ...

    @property
    def starts_at(self) -> datetime: ...


class FreeTime(NamedTuple):
    """A free slot as the time picker shows it: a `Slot` object per row cost ~25 µs to make."""

    id: int
    starts_at: datetime


def bookable_slots(
    connection: Runner,
    *,
    service_id: str,
    after: datetime,
    before: datetime,
    most: int | None = None,
) -> list[FreeTime]:
    """Free open slots of a window, earliest first (only the first `most`, if given)."""
    window = {"service": service_id, "after": after, "before": before, "most": most}
    statement = _BOOKABLE if most is None else _FIRST_BOOKABLE
    return [FreeTime(row[0], row[1]) for row in statement.rows(connection, window)]


def free_day_bounds(
    connection: Runner,
    *,
    service_id: str,
    after: datetime,
    before: datetime,
    days: int = 1000,
) -> list[datetime]:
    """The first and the last free start of each UTC day of a window (of its first `days` UTC
    days with a free start): enough for the day picker (within one UTC day local dates only
    grow, and span at most two, so the local dates of these two are exactly those of all that
    day's starts), and a few rows instead of every slot."""
    window = {"service": service_id, "after": after, "before": before, "days": days}
    rows = _DAY_BOUNDS.rows(connection, window)
    return [_moment(value) for row in rows for value in row if value is not None]


@lru_cache(maxsize=8192)  # the same window's bounds, for everyone who opens the day picker
def _moment(stored: str | datetime) -> datetime:
    """A stored start as `UTCDateTime` reads it: SQLite's UTC text, or PostgreSQL's datetime."""
    if isinstance(stored, datetime):
        return stored.astimezone(UTC)
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


async def next_open_slot(*, session: AsyncSession, service_id: str, after: datetime) -> Slot | None:
    """The earliest open slot of a service after a moment, full or not."""
    result = await session.exec(
        select(Slot)
        .where(
            Slot.service_id == service_id,
            Slot.status == SlotStatus.OPEN,
            col(Slot.starts_at) > after,
        )
        .order_by(col(Slot.starts_at))
        .limit(1)
    )
    return result.first()


async def slots_of_service(
    *, session: AsyncSession, service_id: str, after: datetime
) -> list[Slot]:
    result = await session.exec(
        select(Slot).where(Slot.service_id == service_id, col(Slot.starts_at) > after)
    )
    return list(result.all())


async def slots_starting_at(
    *, session: AsyncSession, service_id: str, starts: list[datetime]
) -> dict[datetime, Slot]:
    """The slots of a service at these start times (one query for a whole plan)."""
    if not starts:
        return {}
    result = await session.exec(
        select(Slot).where(Slot.service_id == service_id, col(Slot.starts_at).in_(starts))
    )
    return {s.starts_at: s for s in result.all()}


async def withdrawable_slots(
    *, session: AsyncSession, service_id: str, after: datetime
) -> list[Slot]:
    """Open, unbooked, scheduled (not coordinator-added) slots of a service after a moment:
    the only ones the slot sync may withdraw. Booked and full slots are never read."""
    result = await session.exec(
        select(Slot).where(
            Slot.service_id == service_id,
            Slot.status == SlotStatus.OPEN,
            Slot.booked == 0,
            Slot.origin != "coordinator",
            col(Slot.starts_at) > after,
        )
    )
    return list(result.all())


def session_starts(connection: Runner, *, slot_id: int) -> list[datetime]:
    """When each of a course's sessions starts, in order (a statement function)."""
    return [row.starts_at for row in _SESSION_STARTS.rows(connection, {"slot": slot_id})]


_SESSIONS = CourseSession.__table__  # type: ignore[attr-defined]
_SESSION_STARTS = Prepared(
    select(_SESSIONS.c.starts_at)
    .where(_SESSIONS.c.slot_id == bindparam("slot"))
    .order_by(_SESSIONS.c.starts_at)
)


async def sessions_of(*, session: AsyncSession, slot_id: int) -> list[CourseSession]:
    result = await session.exec(
        select(CourseSession)
        .where(CourseSession.slot_id == slot_id)
        .order_by(col(CourseSession.starts_at))
    )
    return list(result.all())


async def sessions_between(
    *, session: AsyncSession, start: datetime, end: datetime
) -> list[CourseSession]:
    result = await session.exec(
        select(CourseSession).where(
            col(CourseSession.starts_at) >= start, col(CourseSession.starts_at) < end
        )
    )
    return list(result.all())


async def slots_between(*, session: AsyncSession, start: datetime, end: datetime) -> list[Slot]:
    result = await session.exec(
        select(Slot)
        .where(col(Slot.starts_at) >= start, col(Slot.starts_at) < end)
        .order_by(col(Slot.starts_at))
    )
    return list(result.all())


async def lock_slot(*, session: AsyncSession, slot_id: int) -> Slot | None:
    result = await session.exec(
        select(Slot)
        .where(col(Slot.id) == slot_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return result.first()
