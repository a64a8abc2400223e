"""People and what they told the bot: the person, their events, relayed questions, survey
answers, deadlines, subscriptions, and the anonymous unanswered searches. Everything here that
names a person is reached by `/forget` and `/mydata` (`bot/privacy.py`)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.tables.columns import utc_column, utcnow


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
    # Indicators read one kind in a period; an update writes one row (migration 0013).
    __table_args__ = (Index("ix_events_kind_created_at", "kind", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    user_key: str = Field(max_length=64, index=True)
    language: str = Field(max_length=16)
    topic_id: str | None = Field(default=None, max_length=64)
    source: str | None = Field(default=None, max_length=64)
    service_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column())


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


class SearchGap(SQLModel, table=True):
    """A typed question the bot had no answer for, kept 30 days for staff: the masked text, its
    language and the time only (no user key, no chat), so staff see which topic to write next."""

    __tablename__ = "search_gaps"

    id: int | None = Field(default=None, primary_key=True)
    asked_at: datetime = Field(sa_column=utc_column(index=True))
    language: str = Field(max_length=16)
    text: str = Field(max_length=200)


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
