"""What the bot sends or does once: the outbox, once-a-day claims, handled update ids,
announcements and their recipients."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.tables.columns import utc_column, utcnow

_PENDING_SQL = "status = 'pending'"


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


class DailySend(SQLModel, table=True):
    """Marks a once-a-day send (the morning agenda) as done, so several instances send it once."""

    __tablename__ = "daily_sends"
    __table_args__ = (UniqueConstraint("kind", "day", name="uq_daily_sends"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    day: str = Field(max_length=10)


class HandledUpdate(SQLModel, table=True):
    """An update id some instance has taken (webhook mode): Telegram may deliver an update again
    (a webhook that timed out) and to any instance; the insert that wins handles it. Purged
    daily after a few days (Telegram gives up on an update within about a day)."""

    __tablename__ = "handled_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    handled_at: datetime = Field(sa_column=utc_column(index=True))


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
