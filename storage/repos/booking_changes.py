"""Statement functions that change a booking already made (cancel, move, decline, a waiting
list's offer), for a unit of work made of them (`Database.atomic`): the booking read and locked
first, then changed by prepared statements, with no ORM session in between."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, or_, select, update

from storage.models import ACTIVE_BOOKING, HOLDING_BOOKING, Booking, Slot, User
from storage.prepared import Prepared, Runner, detached
from storage.repos.booking import BOOKING_WITH_PERSON, PERSON, booking_from_row
from storage.repos.slots import SLOT

_BOOKINGS = Booking.__table__  # type: ignore[attr-defined]
_SLOTS = Slot.__table__  # type: ignore[attr-defined]
_USERS = User.__table__  # type: ignore[attr-defined]


def locked_booking(connection: Runner, *, booking_id: int) -> tuple[Booking, Slot, User] | None:
    """The booking with its slot and person, the booking's row locked until the unit of work
    ends (PostgreSQL; on SQLite the unit holds the write lock already) and read fresh: a second
    instance or a double tap changing the same booking waits, then sees the first one's result.
    Lock order as everywhere: the booking first, then slots (`docs/design.md`)."""
    return booking_from_row(_LOCKED_BOOKING.first(connection, {"booking": booking_id}))


def change_booking(
    connection: Runner, booking: Booking, *, new_sequence: bool = False, **values: Any
) -> None:
    """Write `values` (columns of the booking) to its row, and onto `booking` (a `detached`
    object, to show); `new_sequence`: calendars learn of the change (SEQUENCE grows)."""
    statement = _changing(tuple(sorted(values)), new_sequence)
    statement.count(connection, {"booking": booking.id, **{f"v_{k}": v for k, v in values.items()}})
    for name, value in values.items():
        setattr(booking, name, value)
    if new_sequence:
        booking.sequence += 1


@lru_cache(maxsize=32)  # a few column sets, each statement built once
def _changing(columns: tuple[str, ...], new_sequence: bool) -> Prepared:
    values: dict[str, Any] = {name: bindparam(f"v_{name}") for name in columns}
    if new_sequence:
        values["sequence"] = _BOOKINGS.c.sequence + 1
    return Prepared(update(_BOOKINGS).where(_BOOKINGS.c.id == bindparam("booking")).values(values))


def movable_service(connection: Runner, *, booking_id: int, user_id: int) -> str | None:
    """The service of the person's booking if it can be moved (pending or confirmed), to show
    the move's pickers: one indexed read of one column (the move itself checks again, locked)."""
    row = _MOVABLE_SERVICE.first(connection, {"booking": booking_id, "person": user_id})
    return str(row.service_id) if row is not None else None


def holds_place(connection: Runner, *, user_id: int, slot_id: int | None) -> bool:
    """Whether the person has an active booking (or a held offer) of the slot."""
    return _HOLDS_PLACE.first(connection, {"person": user_id, "slot": slot_id}) is not None


def person(connection: Runner, *, user_id: int) -> User | None:
    """A person's row, not locked (someone offered a place: their own bookings lock it)."""
    row = _PERSON.first(connection, {"person": user_id})
    return detached(User, row) if row is not None else None


def locked_slot(connection: Runner, *, slot_id: int) -> Slot | None:
    """The slot's row, locked until the unit of work ends (PostgreSQL), read fresh."""
    row = _LOCKED_SLOT.first(connection, {"slot": slot_id})
    return detached(Slot, row) if row is not None else None


_LOCKED_BOOKING = Prepared(BOOKING_WITH_PERSON.with_for_update(of=_BOOKINGS))
_MOVABLE_SERVICE = Prepared(
    select(_BOOKINGS.c.service_id).where(
        _BOOKINGS.c.id == bindparam("booking"),
        _BOOKINGS.c.user_id == bindparam("person"),
        # each status a constant of its own: a fixed statement (no expanding IN list)
        or_(*(_BOOKINGS.c.status == status.value for status in HOLDING_BOOKING)),
    )
)
_HOLDS_PLACE = Prepared(
    select(_BOOKINGS.c.id)
    .where(
        _BOOKINGS.c.user_id == bindparam("person"),
        _BOOKINGS.c.slot_id == bindparam("slot"),
        # each status a constant of its own: a fixed statement (no expanding IN list)
        or_(*(_BOOKINGS.c.status == status.value for status in ACTIVE_BOOKING)),
    )
    .limit(1)
)
_PERSON = Prepared(PERSON)
_LOCKED_SLOT = Prepared(SLOT.with_for_update())
