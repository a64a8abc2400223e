"""SQLModel tables. Times are stored in UTC; the centre's time zone is applied only for display."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Dialect,
    Index,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on every database (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; times must be aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_column(*, index: bool = False, nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), index=index, nullable=nullable)


class User(SQLModel, table=True):
    """A person who wrote to the bot. `telegram_id` is kept only to be able to answer them."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    user_key: str = Field(max_length=64, unique=True, index=True)
    language: str = Field(max_length=16)
    language_chosen: bool = False
    display_name: str = Field(default="", max_length=128)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class Event(SQLModel, table=True):
    """One interaction, for the indicators. Never holds message text or a Telegram id."""

    __tablename__ = "events"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32, index=True)
    user_key: str = Field(max_length=64, index=True)
    language: str = Field(max_length=16)
    topic_id: str | None = Field(default=None, max_length=64)
    source: str | None = Field(default=None, max_length=64)
    service_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(index=True))


class Slot(SQLModel, table=True):
    """A bookable time: one consultation slot, or a whole course/event (its sessions below).

    `booked` counts active bookings and held waiting-list offers; a booking takes a place with a
    conditional UPDATE (`booked < capacity`), so the database decides who gets the last one.
    """

    __tablename__ = "slots"
    __table_args__ = (UniqueConstraint("service_id", "starts_at", name="uq_slots_service_start"),)

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


ACTIVE_BOOKING = ("pending", "confirmed", "offered")
_ACTIVE_SQL = "status IN ('pending', 'confirmed', 'offered')"


class Booking(SQLModel, table=True):
    __tablename__ = "bookings"
    # One active booking per person and slot, whatever the application does.
    __table_args__ = (
        Index(
            "uq_bookings_active_user_slot",
            "user_id",
            "slot_id",
            unique=True,
            sqlite_where=text(_ACTIVE_SQL),
            postgresql_where=text(_ACTIVE_SQL),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    slot_id: int = Field(foreign_key="slots.id", index=True)
    service_id: str = Field(max_length=64)
    # pending → confirmed / declined; cancelled; moved (replaced by a new booking); offered
    # (a held waiting-list place) → pending or expired
    status: str = Field(default="pending", max_length=16, index=True)
    topic_id: str | None = Field(default=None, max_length=64)
    note: str | None = Field(default=None, max_length=300)
    decline_reason: str | None = Field(default=None, max_length=32)
    sequence: int = 0  # iCalendar SEQUENCE: grows with every change the person is sent
    moved_from: int | None = Field(default=None)
    offer_expires_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class Waiting(SQLModel, table=True):
    """The waiting list of a full group slot, first come first served."""

    __tablename__ = "waiting_list"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    slot_id: int = Field(foreign_key="slots.id", index=True)
    status: str = Field(default="waiting", max_length=16)  # waiting / offered / done / left
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class Attendance(SQLModel, table=True):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("booking_id", "session_start", name="uq_attendance"),)

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int = Field(foreign_key="bookings.id", index=True)
    session_start: datetime = Field(sa_column=utc_column())
    status: str = Field(max_length=16)  # present / no_show
    marked_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class Outbox(SQLModel, table=True):
    """Scheduled work (reminders, offer expiries) as rows: the database is the source of truth.

    One repeating job claims due rows with a lease, so a sender killed mid-way leaves rows that
    are retried after the lease, and a row marked sent is never sent again.
    """

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)  # reminder / offer_expiry
    booking_id: int = Field(foreign_key="bookings.id", index=True)
    due_at: datetime = Field(sa_column=utc_column(index=True))
    status: str = Field(default="pending", max_length=16, index=True)
    lease_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    attempts: int = 0
    done_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class Relay(SQLModel, table=True):
    """Ask-a-consultant threads: which coordinator-chat post belongs to which person."""

    __tablename__ = "relays"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    coordinator_message_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    user_message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class DailySend(SQLModel, table=True):
    """Marks a once-a-day send (the morning agenda) as done, so several instances send it once."""

    __tablename__ = "daily_sends"
    __table_args__ = (UniqueConstraint("kind", "day", name="uq_daily_sends"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    day: str = Field(max_length=10)


class SearchGap(SQLModel, table=True):
    """A typed question the bot had no answer for, kept 30 days for staff: the masked text, its
    language and the time only (no user key, no chat), so staff see which topic to write next."""

    __tablename__ = "search_gaps"

    id: int | None = Field(default=None, primary_key=True)
    asked_at: datetime = Field(sa_column=utc_column(index=True))
    language: str = Field(max_length=16)
    text: str = Field(max_length=200)
