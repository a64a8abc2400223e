"""Waiting lists of full group slots."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Slot, SlotStatus, User, Waiting, WaitingStatus
from storage.prepared import Prepared, Runner, detached, labelled

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


def waiting_of_user(
    connection: Runner, *, user_id: int, after: datetime
) -> list[tuple[Waiting, Slot, int]]:
    """The person's places on waiting lists of slots still ahead, with their position (1 =
    next), to show (`detached` objects; one statement: `Database.alone`)."""
    rows = _WAITING_OF_USER.rows(connection, {"person": user_id, "after": after})
    return [
        (detached(Waiting, row, "w_"), detached(Slot, row, "s_"), int(row.ahead) + 1)
        for row in rows
    ]


_WAITING = Waiting.__table__  # type: ignore[attr-defined]
_SLOTS = Slot.__table__  # type: ignore[attr-defined]
_BEFORE = _WAITING.alias("earlier")  # the places ahead of one on the same list
_AHEAD = (
    select(func.count())
    .select_from(_BEFORE)
    .where(
        _BEFORE.c.slot_id == _WAITING.c.slot_id,
        _BEFORE.c.status == WaitingStatus.WAITING.value,
        or_(
            _BEFORE.c.created_at < _WAITING.c.created_at,
            and_(_BEFORE.c.created_at == _WAITING.c.created_at, _BEFORE.c.id < _WAITING.c.id),
        ),
    )
    .scalar_subquery()
)
_WAITING_OF_USER = Prepared(
    select(  # type: ignore[call-overload]  # sqlmodel's overloads know only model columns
        *labelled(_WAITING, "w_"), *labelled(_SLOTS, "s_"), _AHEAD.label("ahead")
    )
    .join(_SLOTS, _SLOTS.c.id == _WAITING.c.slot_id)
    .where(
        _WAITING.c.user_id == bindparam("person"),
        _WAITING.c.status == WaitingStatus.WAITING.value,
        _SLOTS.c.status == SlotStatus.OPEN.value,
        _SLOTS.c.starts_at > bindparam("after"),
    )
    .order_by(_SLOTS.c.starts_at)
)


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


def turn_taken(connection: Runner, *, waiting_id: int, status: str) -> bool:
    """Move a place on a waiting list on from "waiting" (to offered, or left for a person who
    is gone), only if it is still waiting: a person leaving the list at this moment on another
    instance keeps their "left" and is not offered a place. A statement function."""
    return _TAKE_TURN.count(connection, {"place": waiting_id, "to": status}) == 1


def settled(connection: Runner, *, user_id: int, slot_id: int, status: str) -> None:
    """An offer was taken (done) or let go (left): the person is no longer waiting. A
    statement function."""
    _SETTLE.count(connection, {"person": user_id, "slot": slot_id, "to": status})


def first_in_line(connection: Runner, *, slot_id: int) -> Any:
    """The place first in line on a slot's waiting list (its `id` and `user_id`), or None. A
    statement function."""
    return _FIRST_IN_LINE.first(connection, {"slot": slot_id})


_TAKE_TURN = Prepared(
    update(_WAITING)
    .where(_WAITING.c.id == bindparam("place"), _WAITING.c.status == WaitingStatus.WAITING.value)
    .values(status=bindparam("to"))
)
_SETTLE = Prepared(
    update(_WAITING)
    .where(
        _WAITING.c.user_id == bindparam("person"),
        _WAITING.c.slot_id == bindparam("slot"),
        # each status a constant of its own: a fixed statement (no expanding IN list)
        or_(*(_WAITING.c.status == status.value for status in STILL_WAITING)),
    )
    .values(status=bindparam("to"))
)
_FIRST_IN_LINE = Prepared(
    select(_WAITING.c.id, _WAITING.c.user_id)
    .where(
        _WAITING.c.slot_id == bindparam("slot"),
        _WAITING.c.status == WaitingStatus.WAITING.value,
    )
    .order_by(_WAITING.c.created_at, _WAITING.c.id)
    .limit(1)
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
