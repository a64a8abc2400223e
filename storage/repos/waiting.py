"""Waiting lists of full group slots."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Slot, SlotStatus, User, Waiting, WaitingStatus

STILL_WAITING = (WaitingStatus.WAITING, WaitingStatus.OFFERED)  # on the list, or holding an offer


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
            col(Waiting.status).in_(STILL_WAITING),
        )
    )
    return result.first()


async def first_waiting(*, session: AsyncSession, slot_id: int) -> Waiting | None:
    result = await session.exec(
        select(Waiting)
        .where(Waiting.slot_id == slot_id, Waiting.status == WaitingStatus.WAITING)
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
            Waiting.status == WaitingStatus.WAITING,
            Slot.status == SlotStatus.OPEN,
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
                Waiting.status == WaitingStatus.WAITING,
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
            col(Waiting.status) == WaitingStatus.WAITING,
        )
        .values(status=WaitingStatus.LEFT)
    )
    return bool(result.rowcount == 1)


async def take_turn(*, session: AsyncSession, waiting_id: int, status: str) -> bool:
    """Move a place on a waiting list on from "waiting" (to offered, or left for a person who
    is gone), only if it is still waiting: a person leaving the list at this moment on another
    instance keeps their "left" and is not offered a place."""
    result = await session.exec(
        update(Waiting)
        .where(col(Waiting.id) == waiting_id, col(Waiting.status) == WaitingStatus.WAITING)
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
            col(Waiting.status).in_(STILL_WAITING),
        )
        .values(status=status)
    )


async def close_for_cancelled_slot(
    *, session: AsyncSession, slot_id: int
) -> list[tuple[Waiting, bool]]:
    """Everyone still waiting on (or holding an offer for) a slot the centre cancels leaves its
    list, in the cancelling unit of work: no later offer, and each is told once. The caller holds
    the slot's lock, so no one joins or is offered a place meanwhile. Returns each row with
    whether it held an offer."""
    result = await session.exec(
        select(Waiting)
        .where(Waiting.slot_id == slot_id, col(Waiting.status).in_(STILL_WAITING))
        .order_by(col(Waiting.id))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    closed = []
    for waiting in result.all():
        closed.append((waiting, waiting.status == WaitingStatus.OFFERED))
        waiting.status = WaitingStatus.CANCELLED
        session.add(waiting)
    return closed


async def waiting_with_person(
    *, session: AsyncSession, waiting_id: int
) -> tuple[Waiting, Slot, User] | None:
    result = await session.exec(
        select(Waiting, Slot, User)
        .join(Slot, col(Slot.id) == col(Waiting.slot_id))
        .join(User, col(User.id) == col(Waiting.user_id))
        .where(col(Waiting.id) == waiting_id)
    )
    row = result.first()
    return (row[0], row[1], row[2]) if row is not None else None
