"""Who is writing: pseudonymous keys, first contact, language choice. No Telegram imports."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.text import clean_text
from storage.models import User
from storage.repos import users

SECRET_FILE = "user-key.secret"


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


def _person(user: User, *, is_new: bool, is_coordinator: bool) -> Person:
    assert user.id is not None
    return Person(
        id=user.id,
        telegram_id=user.telegram_id,
        user_key=user.user_key,
        locale=user.language,
        is_new=is_new,
        is_coordinator=is_coordinator,
        display_name=user.display_name,
    )


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
    display_name = clean_text(display_name).strip()[:128]  # a NUL would fail every update
    user = await users.get_by_telegram_id(session=session, telegram_id=telegram_id)
    if user is None:
        user = User(
            telegram_id=telegram_id,
            user_key=user_key(secret, telegram_id),
            language=negotiated_locale,
            display_name=display_name,
            created_at=now,
        )
        await users.add(session=session, user=user)
        return _person(user, is_new=True, is_coordinator=is_coordinator)
    if not user.active or (display_name and user.display_name != display_name):
        user.active = True  # writing to us again means they unblocked the bot
        user.display_name = display_name or user.display_name
        session.add(user)
    return _person(user, is_new=False, is_coordinator=is_coordinator)


async def set_language(*, session: AsyncSession, telegram_id: int, locale: str) -> None:
    user = await users.get_by_telegram_id(session=session, telegram_id=telegram_id)
    if user is not None:
        user.language = locale
        user.language_chosen = True
        session.add(user)
