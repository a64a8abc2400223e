"""SQLModel tables. Times are stored in UTC; the centre's time zone is applied only for display."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

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


class BookingStatus(StrEnum):
    PENDING = "pending"  # made, waiting for the centre to confirm
    CONFIRMED = "confirmed"
    OFFERED = "offered"  # a waiting-list place held for the person for a limited time
    DECLINED = "declined"  # by the centre
    CANCELLED = "cancelled"  # by the person, or with its slot by the centre
    EXPIRED = "expired"  # a held place not taken in time, or declined


class SlotStatus(StrEnum):
    OPEN = "open"
    CANCELLED = "cancelled"  # by a coordinator (the people booked are told)
    WITHDRAWN = "withdrawn"  # free, and no longer in the services file


class WaitingStatus(StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"
    DONE = "done"  # took the offered place
    LEFT = "left"  # let it go, or was not reachable


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    NO_SHOW = "no_show"


class Region(StrEnum):
    """Regions of origin as the pilot reports count them (self-reported, optional)."""

    ASIA = "asia"
    AFRICA = "africa"
    BALKANS = "balkans"
    OTHER_EUROPE = "other_europe"
    SOUTH_AMERICA = "south_america"
    OTHER = "other"


class EventKind(StrEnum):
    """What the events table records (documented with their fields in docs/events.md)."""

    START = "start"
    GREETING = "greeting"
    HELP = "help"
    OTHER = "other"
    LANGUAGE_SET = "language_set"
    FAQ_VIEW = "faq_view"
    SEARCH = "search"
    SEARCH_MISS = "search_miss"
    CONSULTATION_CONTACT = "consultation_contact"
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    MOVED = "moved"
    WAITLIST_JOINED = "waitlist_joined"
    WAITLIST_OFFERED = "waitlist_offered"
    OFFER_DECLINED = "offer_declined"
    OFFER_EXPIRED = "offer_expired"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    REMINDER_SENT = "reminder_sent"
    SURVEY_SENT = "survey_sent"
    SURVEY_ANSWERED = "survey_answered"
    CONSENT_GIVEN = "consent_given"
    CONSENT_REFUSED = "consent_refused"
    FORGOTTEN = "forgotten"
    DEADLINE_ADDED = "deadline_added"
    DEADLINE_REMINDER_SENT = "deadline_reminder_sent"
    DEADLINE_DELETED = "deadline_deleted"
    NUDGE_SENT = "nudge_sent"  # course follow-up after two absences in a row
    NUDGE_COME = "nudge_come"
    NUDGE_STOP = "nudge_stop"
    ANNOUNCEMENT_DELIVERED = "announcement_delivered"
    ANNOUNCEMENT_REGISTERED = "announcement_registered"
    UNSUBSCRIBED = "unsubscribed"


ACTIVE_BOOKING = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.OFFERED)
HOLDING_BOOKING = (BookingStatus.PENDING, BookingStatus.CONFIRMED)  # not a mere offer


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
    # None once the person asked to be forgotten (or was purged for inactivity): what remains of
    # them is anonymous, under a fresh random `user_key`, and still counts in past reports.
    telegram_id: int | None = Field(sa_column=Column(BigInteger, unique=True, nullable=True))
    user_key: str = Field(max_length=64, unique=True, index=True)
    language: str = Field(max_length=16)
    language_chosen: bool = False
    display_name: str = Field(default="", max_length=128)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    last_seen_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    consent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    region: str | None = Field(default=None, max_length=32)  # self-reported, optional (Region)
    forgotten_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    # What the bot waits for this person to type (a booking note, a question for the centre),
    # so that any instance understands their next message; see `bot/pending.py`.
    awaiting_kind: str | None = Field(default=None, max_length=32)
    awaiting_data: str | None = Field(default=None, max_length=2000)  # JSON
    awaiting_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


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


_FREE_SQL = "status = 'open' AND booked < capacity"
_PENDING_SQL = "status = 'pending'"


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
    """Everything the bot sends on its own, as rows: reminders, offers, notices to the
    coordinator chat, relayed answers, agendas. The database is the source of truth.

    A row goes to a person (`user_id`) or to a chat (`chat_id`, the coordinator chat) and refers to
    what it is about (`ref_id`: a booking, a relay…; the kind says which). One sender claims due
    rows with a lease, so a sender killed mid-way leaves rows that are retried after the lease,
    and a row marked sent is never sent again. See `bot/delivery/`.
    """

    __tablename__ = "outbox"
    # The sender's claim reads due pending rows only (migration 0007).
    __table_args__ = (
        Index(
            "ix_outbox_pending_due",
            "due_at",
            "id",
            sqlite_where=text(_PENDING_SQL),
            postgresql_where=text(_PENDING_SQL),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    ref_id: int | None = Field(default=None, index=True)
    payload: str | None = Field(default=None, max_length=8000)  # JSON: what to render
    due_at: datetime = Field(sa_column=utc_column(index=True))
    status: str = Field(default="pending", max_length=16, index=True)
    lease_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    attempts: int = 0
    done_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    result: str | None = Field(default=None, max_length=64)  # why it failed, if it did


class Relay(SQLModel, table=True):
    """Ask-a-consultant threads: which coordinator-chat post belongs to which person."""

    __tablename__ = "relays"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    coordinator_message_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    user_message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    answered_by: str | None = Field(default=None, max_length=64)  # a coordinator's first name


class SurveyAnswer(SQLModel, table=True):
    """A satisfaction answer: one per booking, 1–5 (4 or 5 counts as satisfied)."""

    __tablename__ = "survey_answers"

    id: int | None = Field(default=None, primary_key=True)
    booking_id: int = Field(foreign_key="bookings.id", unique=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    service_id: str = Field(max_length=64, index=True)
    score: int | None = None  # None: asked, not answered yet
    comment: str | None = Field(default=None, max_length=500)
    asked_at: datetime = Field(sa_column=utc_column())
    answered_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


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


class HandledUpdate(SQLModel, table=True):
    """An update id some instance has taken (webhook mode): Telegram may deliver an update again
    (a webhook that timed out) and to any instance; the insert that wins handles it. Purged
    daily after a few days (Telegram gives up on an update within about a day)."""

    __tablename__ = "handled_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    handled_at: datetime = Field(sa_column=utc_column(index=True))


class Deadline(SQLModel, table=True):
    """A date the person asked to be reminded of (a permit expires, employment ends…), with the
    checklist ticks. A draft has no date yet (the person is still typing its label or date)."""

    __tablename__ = "deadlines"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    kind: str = Field(max_length=16)  # bot/deadline_file.KINDS
    label: str | None = Field(default=None, max_length=80)  # the person's own words ("other")
    due_on: date | None = None  # local date in the centre's time zone; None: a draft
    status: str = Field(default="draft", max_length=16)  # draft / active
    ticked: int = 0  # checklist steps done, one bit per step
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class Subscription(SQLModel, table=True):
    """A person asked to hear about a topic (announcements by topic; needs consent)."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "topic", name="uq_subscriptions"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    topic: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


class Announcement(SQLModel, table=True):
    """What a coordinator writes once per language and sends to the subscribers of its topics.
    draft → sending → done, or stopped. Recipients are queued in chunks (`queued_up_to` is the
    last user id queued), so a restart continues where the last instance left off."""

    __tablename__ = "announcements"

    id: int | None = Field(default=None, primary_key=True)
    author_id: int = Field(foreign_key="users.id")
    status: str = Field(default="draft", max_length=16, index=True)
    texts: str = Field(default="{}", max_length=20000)  # JSON: language → text
    topics: str = Field(default="", max_length=200)  # comma-separated topic ids
    register_slot_id: int | None = Field(default=None)
    queued_up_to: int = 0
    queued_all: bool = False
    progress_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    progress_message_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, nullable=True)
    )
    progress_shown: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())
    finished_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class AnnouncementRecipient(SQLModel, table=True):
    """One row per announcement and person: the unique key that makes a send happen once, even
    when two instances queue the same chunk."""

    __tablename__ = "announcement_recipients"
    __table_args__ = (
        UniqueConstraint("announcement_id", "user_id", name="uq_announcement_recipients"),
    )

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcements.id", index=True)
    user_id: int = Field(foreign_key="users.id")
