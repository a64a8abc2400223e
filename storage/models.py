"""SQLModel tables. Times are stored in UTC; the centre's time zone is applied only for display."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, DateTime
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def utc_column(*, index: bool = False, nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), index=index, nullable=nullable)


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
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(index=True))
