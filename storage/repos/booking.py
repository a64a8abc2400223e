"""Bookings and their attendance. The slot, waiting-list and once-a-day queries live in
`slots.py`, `waiting.py` and `daily.py`; they are re-exported here for callers that use this
module as the booking desk's one repository."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, or_, true, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import within
from storage.models import (
    ACTIVE_BOOKING,
    HOLDING_BOOKING,
    Attendance,
    Booking,
    BookingStatus,
    Slot,
    User,
)
from storage.prepared import Prepared, Runner, all_but_id, detached, field_defaults, labelled
from storage.repos.daily import claim_daily
from storage.repos.slots import (
    FreeTime,
    SlotView,
    add_slot,
    bookable_slots,
    find_slot,
    free_day_bounds,
    get_slot,
    lock_slot,
    next_open_slot,
    read_slot,
    released,
    session_starts,
    sessions_between,
    sessions_of,
    slots_between,
    slots_of_service,
    slots_starting_at,
    taken,
    took,
    withdrawable_slots,
)
from storage.repos.waiting import (
    add_waiting,
    leave_waiting,
    waiting_entry,
    waiting_of_user,
)

__all__ = [
    "FreeTime",
    "SlotView",
    "active_on_slots",
    "active_slots_of_service",
    "add_slot",
    "add_waiting",
    "attendance_for",
    "bookable_slots",
    "booking_with_person",
    "claim_daily",
    "decide_pending",
    "find_slot",
    "free_day_bounds",
    "get_booking",
    "get_slot",
    "leave_waiting",
    "lock_slot",
    "mark_attendance",
    "next_open_slot",
    "notice_set",
    "pending_decisions",
    "read_slot",
    "released",
    "session_starts",
    "sessions_between",
    "sessions_of",
    "slot_and_person",
    "slots_between",
    "slots_of_service",
    "slots_starting_at",
    "taken",
    "took",
    "upcoming_for_user",
    "waiting_entry",
    "waiting_of_user",
    "withdrawable_slots",
]


def booking_with_person(
    connection: Runner, *, booking_id: int
) -> tuple[Booking, Slot, User] | None:
    """A booking with its slot and person, in one statement (`Database.alone`), to show: the
    sender renders one for every notice, decision and reminder. The objects are `detached`:
    for reading only."""
    return booking_from_row(_BOOKING_WITH_PERSON.first(connection, {"booking": booking_id}))


def booking_from_row(row: Any) -> tuple[Booking, Slot, User] | None:
    """A row of a booking joined with its slot and person (columns labelled `b_`, `s_`, `u_`)
    as `detached` objects."""
    if row is None:
        return None
    return detached(Booking, row, "b_"), detached(Slot, row, "s_"), detached(User, row, "u_")


# Statements run on every booking, its notice and its decision, built once (bind parameters).
# The booking with its slot and person (bind parameter `booking`); a change locks it
# (`booking_changes.locked_booking`).
BOOKING_WITH_PERSON = (
    select(
        *labelled(Booking.__table__, "b_"),  # type: ignore[attr-defined]
        *labelled(Slot.__table__, "s_"),  # type: ignore[attr-defined]
        *labelled(User.__table__, "u_"),  # type: ignore[attr-defined]
    )
    .join(Slot, col(Slot.id) == col(Booking.slot_id))
    .join(User, col(User.id) == col(Booking.user_id))
    .where(col(Booking.id) == bindparam("booking"))
)
_BOOKING_WITH_PERSON = Prepared(BOOKING_WITH_PERSON)


def _slot_and_person_of(query: Any) -> Any:
    """Two one-row look-ups in one query: joined ON true, said so, not an accidental cross
    product (bind parameters `slot` and `person`)."""
    return query.join(User, true()).where(
        col(Slot.id) == bindparam("slot"), col(User.id) == bindparam("person")
    )


_BOOKINGS = Booking.__table__  # type: ignore[attr-defined]
_DECIDE = (
    update(_BOOKINGS)
    .where(
        _BOOKINGS.c.id == bindparam("booking"), _BOOKINGS.c.status == BookingStatus.PENDING.value
    )
    .values(status=bindparam("verdict"), decided_by=bindparam("by"), updated_at=bindparam("at"))
    .returning(*_BOOKINGS.c)
)
_DECIDE_PENDING = Prepared(_DECIDE)
_DECIDE_PENDING_AT = Prepared(_DECIDE.where(_BOOKINGS.c.slot_id == bindparam("slot")))
_SLOT_AND_PERSON = Prepared(
    _slot_and_person_of(
        select(
            *labelled(Slot.__table__, "s_"),  # type: ignore[attr-defined]
            *labelled(User.__table__, "u_"),  # type: ignore[attr-defined]
        )
    )
)
_USERS = User.__table__  # type: ignore[attr-defined]
PERSON = select(*_USERS.c).where(_USERS.c.id == bindparam("person"))  # a person by id
_LOCK_USER = Prepared(PERSON.with_for_update())
_ACTIVE_SLOTS_OF_SERVICE = Prepared(
    select(col(Booking.slot_id))
    .join(Slot, col(Slot.id) == col(Booking.slot_id))
    .where(
        col(Booking.user_id) == bindparam("person"),
        col(Booking.service_id) == bindparam("service"),
        # each status a constant of its own: a fixed statement (no expanding IN list)
        or_(*(col(Booking.status) == status.value for status in ACTIVE_BOOKING)),
        col(Slot.ends_at) > bindparam("after"),
    )
)


async def get_booking(*, session: AsyncSession, booking_id: int) -> Booking | None:
    return await session.get(Booking, booking_id)


def decide_pending(
    connection: Runner,
    *,
    booking_id: int,
    status: str,
    by: str | None,
    now: datetime,
    slot_id: int | None = None,
) -> Booking | None:
    """A pending booking decided by one conditional UPDATE, returning the row as it is then (a
    `detached` Booking): it leaves `pending` once (a second decider waits for the row, then
    matches nothing and gets None). With `slot_id`, only while the booking is still on that slot
    (a move in between makes it match nothing). Lock order as everywhere: the booking first.
    A statement function (`Database.atomic`)."""
    params: dict[str, Any] = {"booking": booking_id, "verdict": status, "by": by, "at": now}
    if slot_id is not None:
        params["slot"] = slot_id
    statement = _DECIDE_PENDING if slot_id is None else _DECIDE_PENDING_AT
    row = statement.first(connection, params)
    return detached(Booking, row) if row is not None else None


def slot_and_person(connection: Runner, *, slot_id: int, user_id: int) -> tuple[Slot, User] | None:
    """`slot_with_person` as `detached` objects, for a unit of work that only reads them (a
    statement function)."""
    row = _SLOT_AND_PERSON.first(connection, {"slot": slot_id, "person": user_id})
    return (detached(Slot, row, "s_"), detached(User, row, "u_")) if row is not None else None


def insert_booking(connection: Runner, *, values: dict[str, Any]) -> Booking:
    """A booking inserted now (one Core INSERT … RETURNING the row) and read back as stored: a
    `detached` Booking, made without validating the values (~50 µs a booking) and in no
    session. `values`: its columns (`created_at` and `updated_at` among them); the others take
    the model's defaults. A statement function."""
    return detached(Booking, _ADD_BOOKING.first(connection, {**_BOOKING_DEFAULTS, **values}))


def locked_user(connection: Runner, *, user_id: int) -> User | None:
    """The person's row, locked until the transaction ends and read fresh: the one read of the
    person a booking needs (their own bookings are decided one at a time). The row made into a
    `detached` User. A statement function (`Database.atomic`)."""
    row = _LOCK_USER.first(connection, {"person": user_id})
    return detached(User, row) if row is not None else None


async def active_slots_of_service(
    *, session: AsyncSession, user_id: int, service_id: str, after: datetime
) -> list[int]:
    """The slots of the person's active bookings of a service whose meeting is still ahead: in
    one query, whether they hold this slot already and how many of the service they hold."""
    return await within(session, active_slots, person=user_id, service=service_id, after=after)


def active_slots(connection: Runner, **window: Any) -> list[int]:
    """`active_slots_of_service`'s statement (`person`, `service`, `after`)."""
    return [row.slot_id for row in _ACTIVE_SLOTS_OF_SERVICE.rows(connection, window)]


def upcoming_for_user(
    connection: Runner, *, user_id: int, now: datetime
) -> list[tuple[Booking, Slot]]:
    """The person's active bookings whose slot has not ended, soonest first, to show
    (`detached` objects; one statement: `Database.alone`)."""
    rows = _UPCOMING.rows(connection, {"person": user_id, "now": now})
    return [(detached(Booking, row, "b_"), detached(Slot, row, "s_")) for row in rows]


_UPCOMING = Prepared(
    select(
        *labelled(Booking.__table__, "b_"),  # type: ignore[attr-defined]
        *labelled(Slot.__table__, "s_"),  # type: ignore[attr-defined]
    )
    .join(Slot, col(Slot.id) == col(Booking.slot_id))
    .where(
        col(Booking.user_id) == bindparam("person"),
        # each status a constant of its own: a fixed statement (no expanding IN list)
        or_(*(col(Booking.status) == status.value for status in ACTIVE_BOOKING)),
        col(Slot.ends_at) > bindparam("now"),
    )
    .order_by(col(Slot.starts_at))
)


async def active_on_slots(
    *,
    session: AsyncSession,
    slot_ids: list[int],
    lock: bool = False,
    statuses: tuple[str, ...] = HOLDING_BOOKING,
) -> list[tuple[Booking, User]]:
    """Active bookings on these slots with their people (`statuses`: held places, or with the
    open offers too); `lock` locks the bookings (not the people) so that a person's own cancel
    or answer to an offer cannot run at the same time."""
    if not slot_ids:
        return []
    query = (
        select(Booking, User)
        .join(User, col(User.id) == col(Booking.user_id))
        .where(
            col(Booking.slot_id).in_(slot_ids),
            col(Booking.status).in_(statuses),
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
        .where(Booking.status == BookingStatus.PENDING, col(Slot.ends_at) > after)
        .order_by(col(Slot.starts_at), col(Booking.id))
    )
    return list(result.all())


def notice_set(connection: Runner, *, booking: int, message: int) -> None:
    """The coordinator-chat message that carries the booking's notice: one prepared UPDATE, in
    the notice row's result's unit of work (`Database.atomic`)."""
    _SET_NOTICE.count(connection, {"booking": booking, "message": message})


_ADD_BOOKING = Prepared(insert(_BOOKINGS).returning(*_BOOKINGS.c), columns=all_but_id(_BOOKINGS))
_BOOKING_DEFAULTS = field_defaults(Booking)
_SET_NOTICE = Prepared(
    update(_BOOKINGS)
    .where(_BOOKINGS.c.id == bindparam("booking"))
    .values(notice_message_id=bindparam("message"))
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
