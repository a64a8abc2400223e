"""Slots, bookings, waiting lists, attendance and once-a-day sends."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    ACTIVE_BOOKING,
    Attendance,
    Booking,
    CourseSession,
    DailySend,
    Slot,
    User,
    Waiting,
)

# -- slots -----------------------------------------------------------------------------------


async def get_slot(*, session: AsyncSession, slot_id: int) -> Slot | None:
    return await session.get(Slot, slot_id)


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


async def booking_with_person(
    *, session: AsyncSession, booking_id: int
) -> tuple[Booking, Slot, User] | None:
    """A booking with its slot and person, in one query (the sender renders many of these)."""
    result = await session.exec(
        select(Booking, Slot, User)
        .join(Slot, col(Slot.id) == col(Booking.slot_id))
        .join(User, col(User.id) == col(Booking.user_id))
        .where(col(Booking.id) == booking_id)
    )
    row = result.first()
    return (row[0], row[1], row[2]) if row is not None else None


async def take_place(
    *, session: AsyncSession, slot_id: int, now: datetime, under_way: bool = False
) -> bool:
    """Take one place if one is free: one conditional UPDATE, so the database decides races.
    `under_way`: a course that has started may still take someone (a freed place offered to
    the waiting list while sessions are ahead)."""
    not_started = [] if under_way else [col(Slot.starts_at) > now]
    result = await session.exec(
        update(Slot)
        .where(
            col(Slot.id) == slot_id,
            col(Slot.booked) < col(Slot.capacity),
            col(Slot.status) == "open",
            *not_started,
        )
        .values(booked=col(Slot.booked) + 1)
    )
    return bool(result.rowcount == 1)


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
        Slot.status == "open",
        col(Slot.booked) < col(Slot.capacity),
        col(Slot.starts_at) > after,
        col(Slot.starts_at) < before,
    ]


async def bookable_slots(
    *, session: AsyncSession, service_id: str, after: datetime, before: datetime
) -> list[Slot]:
    """Free open slots of a window, earliest first."""
    result = await session.exec(
        select(Slot).where(*_free_between(service_id, after, before)).order_by(col(Slot.starts_at))
    )
    return list(result.all())


async def free_start_times(
    *, session: AsyncSession, service_id: str, after: datetime, before: datetime
) -> list[datetime]:
    """Only the start times of the free open slots of a window (the day picker needs no more)."""
    result = await session.exec(
        select(Slot.starts_at).where(*_free_between(service_id, after, before))
    )
    return list(result.all())


async def next_open_slot(*, session: AsyncSession, service_id: str, after: datetime) -> Slot | None:
    """The earliest open slot of a service after a moment, full or not."""
    result = await session.exec(
        select(Slot)
        .where(Slot.service_id == service_id, Slot.status == "open", col(Slot.starts_at) > after)
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
            Slot.status == "open",
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


# -- bookings --------------------------------------------------------------------------------


async def get_booking(*, session: AsyncSession, booking_id: int) -> Booking | None:
    return await session.get(Booking, booking_id)


async def lock_booking(*, session: AsyncSession, booking_id: int) -> Booking | None:
    """The booking, locked until the transaction ends (PostgreSQL; SQLite's write lock already
    serialises), read fresh: a second instance or a double tap changing the same booking waits
    and then sees the first one's result, so a place is released at most once.

    Lock order everywhere: bookings first, then slots (see `docs/design.md`)."""
    result = await session.exec(
        select(Booking)
        .where(col(Booking.id) == booking_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return result.first()


async def lock_slot(*, session: AsyncSession, slot_id: int) -> Slot | None:
    result = await session.exec(
        select(Slot)
        .where(col(Slot.id) == slot_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return result.first()


async def add_booking(*, session: AsyncSession, booking: Booking) -> Booking:
    session.add(booking)
    await session.flush()
    return booking


async def active_booking(*, session: AsyncSession, user_id: int, slot_id: int) -> Booking | None:
    result = await session.exec(
        select(Booking).where(
            Booking.user_id == user_id,
            Booking.slot_id == slot_id,
            col(Booking.status).in_(ACTIVE_BOOKING),
        )
    )
    return result.first()


async def lock_user(*, session: AsyncSession, user_id: int) -> None:
    await session.exec(select(User.id).where(col(User.id) == user_id).with_for_update())


async def active_count(
    *, session: AsyncSession, user_id: int, service_id: str, after: datetime
) -> int:
    """The person's active bookings of a service whose meeting is still ahead."""
    result = await session.exec(
        select(func.count())
        .select_from(Booking)
        .join(Slot, col(Slot.id) == col(Booking.slot_id))
        .where(
            Booking.user_id == user_id,
            Booking.service_id == service_id,
            col(Booking.status).in_(ACTIVE_BOOKING),
            col(Slot.ends_at) > after,
        )
    )
    return int(result.one())


async def upcoming_for_user(
    *, session: AsyncSession, user_id: int, now: datetime
) -> list[tuple[Booking, Slot]]:
    result = await session.exec(
        select(Booking, Slot)
        .join(Slot, col(Slot.id) == col(Booking.slot_id))
        .where(
            Booking.user_id == user_id,
            col(Booking.status).in_(ACTIVE_BOOKING),
            col(Slot.ends_at) > now,
        )
        .order_by(col(Slot.starts_at))
    )
    return list(result.all())


async def active_on_slots(
    *, session: AsyncSession, slot_ids: list[int], lock: bool = False
) -> list[tuple[Booking, User]]:
    """Active bookings on these slots with their people; `lock` locks the bookings (not the
    people) so that a person's own cancel cannot run at the same time."""
    if not slot_ids:
        return []
    query = (
        select(Booking, User)
        .join(User, col(User.id) == col(Booking.user_id))
        .where(
            col(Booking.slot_id).in_(slot_ids),
            col(Booking.status).in_(("pending", "confirmed")),
        )
        .order_by(col(Booking.id))
    )
    if lock:
        query = query.with_for_update(of=Booking).execution_options(populate_existing=True)
    result = await session.exec(query)
    return list(result.all())


async def pending_decisions(
    *, session: AsyncSession, after: datetime
) -> list[tuple[Booking, Slot, User]]:
    """Bookings waiting for a coordinator's decision whose meeting is not over, soonest first."""
    result = await session.exec(
        select(Booking, Slot, User)
        .join(Slot, col(Slot.id) == col(Booking.slot_id))
        .join(User, col(User.id) == col(Booking.user_id))
        .where(Booking.status == "pending", col(Slot.ends_at) > after)
        .order_by(col(Slot.starts_at), col(Booking.id))
    )
    return list(result.all())


async def set_notice_message(*, session: AsyncSession, booking_id: int, message_id: int) -> None:
    await session.exec(
        update(Booking).where(col(Booking.id) == booking_id).values(notice_message_id=message_id)
    )


# -- waiting list ----------------------------------------------------------------------------


async def add_waiting(
    *, session: AsyncSession, user_id: int, slot_id: int, now: datetime
) -> Waiting:
    waiting = Waiting(user_id=user_id, slot_id=slot_id, created_at=now)
    session.add(waiting)
    await session.flush()
    return waiting


async def waiting_entry(*, session: AsyncSession, user_id: int, slot_id: int) -> Waiting | None:
    result = await session.exec(
        select(Waiting).where(
            Waiting.user_id == user_id,
            Waiting.slot_id == slot_id,
            col(Waiting.status).in_(("waiting", "offered")),
        )
    )
    return result.first()


async def first_waiting(*, session: AsyncSession, slot_id: int) -> Waiting | None:
    result = await session.exec(
        select(Waiting)
        .where(Waiting.slot_id == slot_id, Waiting.status == "waiting")
        .order_by(col(Waiting.created_at), col(Waiting.id))
        .limit(1)
    )
    return result.first()


async def waiting_of_user(
    *, session: AsyncSession, user_id: int, after: datetime
) -> list[tuple[Waiting, Slot, int]]:
    """The person's places on waiting lists of slots still ahead, with their position (1 =
    next)."""
    result = await session.exec(
        select(Waiting, Slot)
        .join(Slot, col(Slot.id) == col(Waiting.slot_id))
        .where(
            Waiting.user_id == user_id,
            Waiting.status == "waiting",
            Slot.status == "open",
            col(Slot.starts_at) > after,
        )
        .order_by(col(Slot.starts_at))
    )
    places = []
    for waiting, slot in result.all():
        ahead = await session.exec(
            select(func.count())
            .select_from(Waiting)
            .where(
                Waiting.slot_id == waiting.slot_id,
                Waiting.status == "waiting",
                or_(
                    col(Waiting.created_at) < waiting.created_at,
                    and_(
                        col(Waiting.created_at) == waiting.created_at,
                        col(Waiting.id) < waiting.id,
                    ),
                ),
            )
        )
        places.append((waiting, slot, int(ahead.one()) + 1))
    return places


async def leave_waiting(*, session: AsyncSession, user_id: int, waiting_id: int) -> bool:
    """Leave a waiting list: only one's own place, only while still waiting."""
    result = await session.exec(
        update(Waiting)
        .where(
            col(Waiting.id) == waiting_id,
            col(Waiting.user_id) == user_id,
            col(Waiting.status) == "waiting",
        )
        .values(status="left")
    )
    return bool(result.rowcount == 1)


async def take_turn(*, session: AsyncSession, waiting_id: int, status: str) -> bool:
    """Move a place on a waiting list on from "waiting" (to offered, or left for a person who
    is gone), only if it is still waiting: a person leaving the list at this moment on another
    instance keeps their "left" and is not offered a place."""
    result = await session.exec(
        update(Waiting)
        .where(col(Waiting.id) == waiting_id, col(Waiting.status) == "waiting")
        .values(status=status)
    )
    return bool(result.rowcount == 1)


async def settle_waiting(*, session: AsyncSession, user_id: int, slot_id: int, status: str) -> None:
    """An offer was taken (done) or let go (left): the person is no longer waiting."""
    await session.exec(
        update(Waiting)
        .where(
            col(Waiting.user_id) == user_id,
            col(Waiting.slot_id) == slot_id,
            col(Waiting.status).in_(("waiting", "offered")),
        )
        .values(status=status)
    )


# -- attendance ------------------------------------------------------------------------------


async def mark_attendance(
    *, session: AsyncSession, booking_id: int, session_start: datetime, status: str, now: datetime
) -> Attendance:
    result = await session.exec(
        select(Attendance).where(
            Attendance.booking_id == booking_id, Attendance.session_start == session_start
        )
    )
    row = result.first() or Attendance(
        booking_id=booking_id, session_start=session_start, status=status
    )
    row.status, row.marked_at = status, now
    session.add(row)
    return row


async def attendance_for(*, session: AsyncSession, booking_ids: list[int]) -> list[Attendance]:
    if not booking_ids:
        return []
    result = await session.exec(
        select(Attendance).where(col(Attendance.booking_id).in_(booking_ids))
    )
    return list(result.all())


# -- daily sends ------------------------------------------------------------------


async def claim_daily(*, session: AsyncSession, kind: str, day: str) -> bool:
    """True for the first caller of the day; the unique (kind, day) row makes it so."""
    existing = await session.exec(
        select(DailySend).where(DailySend.kind == kind, DailySend.day == day)
    )
    if existing.first() is not None:
        return False
    session.add(DailySend(kind=kind, day=day))
    await session.flush()
    return True
