"""The booking desk's tables: slots, a course's sessions, bookings, waiting lists, attendance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.tables.columns import utc_column, utcnow

_FREE_SQL = "status = 'open' AND booked < capacity"


class Slot(SQLModel, table=True):
    """A bookable time: one consultation slot, or a whole course/event (its sessions below).

    `booked` counts active bookings and held waiting-list offers; a booking takes a place with a
    conditional UPDATE (`booked < capacity`), so the database decides who gets the last one.
    """

    __tablename__ = "slots"
    __table_args__ = (
        UniqueConstraint("service_id", "starts_at", name="uq_slots_service_start"),
        # The pickers read only free open slots of a window (migration 0007).
        Index(
            "ix_slots_free_service_start",
            "service_id",
            "starts_at",
            sqlite_where=text(_FREE_SQL),
            postgresql_where=text(_FREE_SQL),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(max_length=64, index=True)
    starts_at: datetime = Field(sa_column=utc_column(index=True))
    ends_at: datetime = Field(sa_column=utc_column())
    capacity: int = 1
    booked: int = 0
    status: str = Field(default="open", max_length=16)  # open / cancelled
    origin: str = Field(default="schedule", max_length=16)  # schedule / extra / coordinator


class CourseSession(SQLModel, table=True):
    """One dated meeting of a course or event slot (attendance is marked per session)."""

    __tablename__ = "sessions"

    id: int | None = Field(default=None, primary_key=True)
    slot_id: int = Field(foreign_key="slots.id", index=True)
    starts_at: datetime = Field(sa_column=utc_column(index=True))
    ends_at: datetime = Field(sa_column=utc_column())


_ACTIVE_SQL = "status IN ('pending', 'confirmed', 'offered')"
_WAITING_SQL = "status IN ('waiting', 'offered')"


def _once_per_person_and_slot(name: str, while_sql: str) -> Index:
    """A unique (user_id, slot_id) for the rows `while_sql` selects (a partial index)."""
    where = text(while_sql)
    return Index(
        name, "user_id", "slot_id", unique=True, sqlite_where=where, postgresql_where=where
    )


class Booking(SQLModel, table=True):
    __tablename__ = "bookings"
    # One active booking per person and slot, whatever the application does.
    __table_args__ = (_once_per_person_and_slot("uq_bookings_active_user_slot", _ACTIVE_SQL),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    slot_id: int = Field(foreign_key="slots.id", index=True)
    service_id: str = Field(max_length=64)
    # pending → confirmed / declined; cancelled; moved (replaced by a new booking); offered
    # (a held waiting-list place) → pending or expired
    status: str = Field(default="pending", max_length=16, index=True)
    topic_id: str | None = Field(default=None, max_length=64)
    note: str | None = Field(default=None, max_length=300)
    # The interpreter the person asked for: a language code (uk, sr, ru) or a short typed
    # language name; personal, so erased with the note.
    interpreter: str | None = Field(default=None, max_length=64)
    decline_reason: str | None = Field(default=None, max_length=32)
    decline_note: str | None = Field(default=None, max_length=200)  # "other reason", typed
    # Who confirmed or declined it: a coordinator's first name (shown to coordinators only).
    decided_by: str | None = Field(default=None, max_length=64)
    # The coordinator-chat notice with Confirm / Decline, edited when someone decides elsewhere.
    notice_message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    sequence: int = 0  # iCalendar SEQUENCE: grows with every change the person is sent
    moved_from: int | None = Field(default=None)
    offer_expires_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class Waiting(SQLModel, table=True):
    """The waiting list of a full group slot, first come first served."""

    __tablename__ = "waiting_list"
    # One place per person and slot while they wait or hold an offer, whatever the application
    # does (two taps on Join at once on two instances).
    __table_args__ = (_once_per_person_and_slot("uq_waiting_list_active_user_slot", _WAITING_SQL),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    slot_id: int = Field(foreign_key="slots.id", index=True)
    status: str = Field(default="waiting", max_length=16)  # see WaitingStatus
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class Attendance(SQLModel, table=True):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("booking_id", "session_start", name="uq_attendance"),)

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int = Field(foreign_key="bookings.id", index=True)
    session_start: datetime = Field(sa_column=utc_column())
    status: str = Field(max_length=16)  # present / no_show
    marked_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
