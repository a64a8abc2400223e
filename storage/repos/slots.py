"""Slots and a course's sessions: places are taken and released by one conditional UPDATE."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Date, Update, cast, func, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import CourseSession, Slot, SlotStatus


async def get_slot(*, session: AsyncSession, slot_id: int) -> Slot | None:
    return await session.get(Slot, slot_id)


# The pickers' reads below are one statement each, run by `Database.alone` (at once on a
# SQLite file); a short-lived ORM session on its connection makes the same `Slot` objects.


def read_slot(connection: Connection, *, slot_id: int) -> Slot | None:
    with Session(connection) as session:
        return session.get(Slot, slot_id)


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


async def take_place(
    *, session: AsyncSession, slot_id: int, now: datetime, under_way: bool = False
) -> bool:
    """Take one place if one is free: one conditional UPDATE, so the database decides races.
    `under_way`: a course that has started may still take someone (a freed place offered to
    the waiting list while sessions are ahead)."""
    result = await session.exec(_take_one(slot_id, now, under_way=under_way))
    return bool(result.rowcount == 1)


def _take_one(slot_id: int, now: datetime, *, under_way: bool = False) -> Update:
    """The conditional UPDATE that takes one place: free, open and (unless under way) ahead."""
    not_started = [] if under_way else [col(Slot.starts_at) > now]
    return (
        update(Slot)
        .where(
            col(Slot.id) == slot_id,
            col(Slot.booked) < col(Slot.capacity),
            col(Slot.status) == SlotStatus.OPEN,
            *not_started,
        )
        .values(booked=col(Slot.booked) + 1)
    )


async def take_place_of(*, session: AsyncSession, slot_id: int, now: datetime) -> Slot | None:
    """`take_place` for a slot not read yet: the same conditional UPDATE, returning the slot as
    it is after it (None: no place was taken; read it to say why)."""
    result = await session.exec(
        _take_one(slot_id, now)
        .returning(Slot)
        .execution_options(populate_existing=True, synchronize_session=False)
    )
    return result.scalars().first()


async def release_place(*, session: AsyncSession, slot_id: int) -> None:
    await session.exec(
        update(Slot)
        .where(col(Slot.id) == slot_id, col(Slot.booked) > 0)
        .values(booked=col(Slot.booked) - 1)
    )


def _free_between(service_id: str, after: datetime, before: datetime) -> list[Any]:
    """Open slots with a free place in a window: the conditions of the partial index
    `ix_slots_free_service_start`, so full slots are never read (a year holds many)."""
    return [
        Slot.service_id == service_id,
        Slot.status == SlotStatus.OPEN,
        col(Slot.booked) < col(Slot.capacity),
        col(Slot.starts_at) > after,
        col(Slot.starts_at) < before,
    ]


def bookable_slots(
    connection: Connection, *, service_id: str, after: datetime, before: datetime
) -> list[Slot]:
    """Free open slots of a window, earliest first."""
    with Session(connection) as session:
        return list(
            session.scalars(
                select(Slot)
                .where(*_free_between(service_id, after, before))
                .order_by(col(Slot.starts_at))
            )
        )


def free_day_bounds(
    connection: Connection, *, service_id: str, after: datetime, before: datetime
) -> list[datetime]:
    """The first and the last free start of each UTC day of a window: enough for the day picker
    (within one UTC day local dates only grow, and span at most two, so the local dates of these
    two are exactly those of all that day's starts), and a few rows instead of every slot."""
    starts = col(Slot.starts_at)
    utc_day = (
        cast(func.timezone("UTC", starts), Date)
        if connection.dialect.name == "postgresql"
        else func.date(starts)  # SQLite: stored in UTC
    )
    with Session(connection) as session:
        rows = session.execute(
            select(func.min(starts), func.max(starts))
            .where(*_free_between(service_id, after, before))
            .group_by(utc_day)
        ).all()
    return [moment for row in rows for moment in row if moment is not None]


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
