"""Who is writing: pseudonymous keys, first contact, language choice. No Telegram imports."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock
from bot.pending import Pending, pending_of
from bot.text import clean_text
from storage.db import Database, within
from storage.prepared import Runner
from storage.repos import users

SECRET_FILE = "user-key.secret"
# Retention counts days, so "last seen" need not be written on every update.
LAST_SEEN_PRECISION = timedelta(hours=12)


def load_or_create_secret(configured: str, data_dir: Path) -> str:
    """The key for pseudonymous user keys: configured, else generated once into the data folder."""
    if configured:
        return configured
    path = data_dir / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    path.write_text(secret, encoding="utf-8")
    path.chmod(0o600)
    return secret


def user_key(secret: str, telegram_id: int) -> str:
    """A keyed hash: the same person always gets the same key; the key does not reveal the id."""
    digest = hmac.new(secret.encode(), str(telegram_id).encode(), hashlib.sha256).hexdigest()
    return digest[:32]


@dataclass(frozen=True)
class Person:
    id: int
    telegram_id: int
    user_key: str
    locale: str
    is_new: bool
    is_coordinator: bool
    display_name: str
    has_consented: bool = False  # to what needs consent: booking, asking a person, the profile
    awaiting: Pending | None = None  # what the bot waits for them to type next


class UserFields(Protocol):
    """What a person is made from: a `User` row, or a plain row of the users table."""

    id: int | None
    telegram_id: int | None
    user_key: str
    language: str
    display_name: str
    active: bool
    last_seen_at: datetime | None
    consent_at: datetime | None
    awaiting_kind: str | None
    awaiting_data: str | None
    awaiting_until: datetime | None


def _person(user: UserFields, *, is_new: bool, is_coordinator: bool, now: datetime) -> Person:
    assert user.id is not None and user.telegram_id is not None  # found by their Telegram id
    return Person(
        id=user.id,
        telegram_id=user.telegram_id,
        user_key=user.user_key,
        locale=user.language,
        is_new=is_new,
        is_coordinator=is_coordinator,
        display_name=user.display_name,
        has_consented=user.consent_at is not None,
        awaiting=pending_of(user, now),
    )


def _short_name(display_name: str) -> str:
    return clean_text(display_name).strip()[:128]  # a NUL would fail every update


def _seen_long_ago(user: UserFields, now: datetime) -> bool:
    return user.last_seen_at is None or now - user.last_seen_at > LAST_SEEN_PRECISION


def needs_write(user: UserFields, display_name: str, now: datetime) -> bool:
    """Whether resolving this person changes their row (see `resolve`): most updates do not."""
    if not user.active or _seen_long_ago(user, now):
        return True
    if user.display_name == display_name:  # stored as given: a clean name, nothing to clean
        return False
    name = _short_name(display_name)
    return bool(name and user.display_name != name)


async def resolve(
    *,
    session: AsyncSession,
    telegram_id: int,
    negotiated_locale: str,
    display_name: str,
    secret: str,
    is_coordinator: bool,
    now: datetime,
) -> Person:
    """Find the user, creating them on first contact with the negotiated language."""
    display_name = _short_name(display_name)
    user = await users.get_by_telegram_id(session=session, telegram_id=telegram_id)
    if user is None:
        row, created = await within(
            session,
            _add_person,
            telegram_id=telegram_id,
            locale=negotiated_locale,
            display_name=display_name,
            secret=secret,
            now=now,
        )
        return _person(row, is_new=created, is_coordinator=is_coordinator, now=now)
    if needs_write(user, display_name, now):
        user.active = True  # writing to us again means they unblocked the bot
        user.display_name = display_name[:128] or user.display_name
        user.last_seen_at = now if _seen_long_ago(user, now) else user.last_seen_at
        session.add(user)
    return _person(user, is_new=False, is_coordinator=is_coordinator, now=now)


def _add_person(
    connection: Runner,
    *,
    telegram_id: int,
    locale: str,
    display_name: str,
    secret: str,
    now: datetime,
) -> tuple[UserFields, bool]:
    """A new person's row, inserted unless a concurrent first update (another instance) did,
    and read back in the same unit of work, as plain values (no ORM object); True if this call
    inserted it. A statement function: `within` a session, or `Database.atomic`."""
    created = users.insert_person(
        connection,
        values={
            "telegram_id": telegram_id,
            "user_key": user_key(secret, telegram_id),
            "language": locale,
            "display_name": display_name,  # `_short_name`'s: at most 128 characters
            "created_at": now,
            "last_seen_at": now,
        },
    )
    row = users.read_by_telegram_id(connection, telegram_id=telegram_id)
    if row is None:  # skipped for a clash that is not this person's row: say which kind
        raise LookupError(
            "a new person's row was neither inserted nor found: another unique value of the "
            "users table clashed (an id the table's sequence has not caught up with?)"
        )
    return row, created


async def set_language(*, session: AsyncSession, telegram_id: int, locale: str) -> None:
    user = await users.get_by_telegram_id(session=session, telegram_id=telegram_id)
    if user is not None:
        user.language = locale
        user.language_chosen = True
        session.add(user)


class People:
    """The person gate as a service: each call one unit of work."""

    def __init__(self, db: Database, clock: Clock, secret: str) -> None:
        self.db = db
        self.clock = clock
        self.secret = secret

    async def resolve(
        self,
        *,
        telegram_id: int,
        language: Callable[[], str],
        display_name: str,
        is_coordinator: bool,
    ) -> Person:
        """Runs on every update, so the usual case is one read outside any transaction; a
        first contact or a row to refresh (see `needs_write`) is a unit of work. `language`
        gives a new person's language (negotiated from Telegram's, only when needed)."""
        now = self.clock.now()
        row = await self.db.alone(users.read_by_telegram_id, telegram_id=telegram_id)
        if row is not None and not needs_write(row, display_name, now):
            return _person(row, is_new=False, is_coordinator=is_coordinator, now=now)
        if row is None:
            return await self._first_contact(
                telegram_id, language(), display_name, is_coordinator, now
            )
        async with self.db.brief() as session:
            person = await resolve(
                session=session,
                telegram_id=telegram_id,
                negotiated_locale=language(),
                display_name=display_name,
                secret=self.secret,
                is_coordinator=is_coordinator,
                now=self.clock.now(),
            )
            await session.commit()
        return person

    async def _first_contact(
        self, telegram_id: int, locale: str, display_name: str, is_coordinator: bool, now: datetime
    ) -> Person:
        row, created = await self.db.atomic(
            _add_person,
            telegram_id=telegram_id,
            locale=locale,
            display_name=_short_name(display_name),
            secret=self.secret,
            now=now,
        )
        return _person(row, is_new=created, is_coordinator=is_coordinator, now=now)

    async def set_language(self, telegram_id: int, locale: str) -> None:
        async with self.db.brief() as session:
            await set_language(session=session, telegram_id=telegram_id, locale=locale)
            await session.commit()

    async def set_active(self, telegram_id: int, active: bool) -> None:
        async with self.db.brief() as session:
            await users.set_active(session=session, telegram_id=telegram_id, active=active)
            await session.commit()

    async def language_of(self, telegram_id: int) -> str | None:
        stored = await self.db.alone(users.read_by_telegram_id, telegram_id=telegram_id)
        return stored.language if stored else None
