from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import User
from storage.prepared import (
    Prepared,
    Runner,
    all_but_id,
    field_defaults,
    inserts_ignoring_conflicts,
)


async def get_by_telegram_id(*, session: AsyncSession, telegram_id: int) -> User | None:
    result = await session.exec(select(User).where(User.telegram_id == telegram_id))
    return result.first()


# Built once (every update runs it): no statement construction per call.
_USERS = User.__table__  # type: ignore[attr-defined]
# The columns of `bot.people.UserFields`: each time column read costs a conversion.
_PERSON_COLUMNS = [
    _USERS.c[name]
    for name in (
        "id",
        "telegram_id",
        "user_key",
        "language",
        "display_name",
        "active",
        "last_seen_at",
        "consent_at",
        "awaiting_kind",
        "awaiting_data",
        "awaiting_until",
    )
]
_READ_BY_TELEGRAM_ID = Prepared(
    select(*_PERSON_COLUMNS).where(_USERS.c.telegram_id == bindparam("telegram_id"))
)


def read_by_telegram_id(connection: Runner, *, telegram_id: int) -> Any:
    """The person's row as plain values (no ORM object; the columns as attributes), or None,
    for a read outside a unit of work (one statement: `Database.alone`)."""
    return _READ_BY_TELEGRAM_ID.first(connection, {"telegram_id": telegram_id})


def insert_person(connection: Runner, *, values: dict[str, Any]) -> bool:
    """Insert the person unless a row with their Telegram id exists; True if this call did.
    INSERT … ON CONFLICT DO NOTHING: a person's first two updates handled at once by two
    instances (or two workers) create one row and neither fails. `values`: their columns
    (`created_at` among them); the others take the model's defaults."""
    return _ADD_IF_ABSENT.count(connection, {**_USER_DEFAULTS, **values}) == 1


_USER_DEFAULTS = field_defaults(User)
# No conflict target, so every unique index is an arbiter: a concurrent first update of the
# same person clashes on both telegram_id and user_key (either may be hit first), and
# PostgreSQL raises for a clash on a unique index that is not an arbiter.
_ADD_IF_ABSENT = Prepared(inserts_ignoring_conflicts(_USERS), columns=all_but_id(_USERS))


async def set_active(*, session: AsyncSession, telegram_id: int, active: bool) -> None:
    user = await get_by_telegram_id(session=session, telegram_id=telegram_id)
    if user is not None and user.active != active:
        user.active = active
        session.add(user)


def set_unreachable(connection: Runner, *, user_id: int) -> None:
    """The person blocked the bot (a statement for a unit of work: `within`, `Database.atomic`);
    nothing is sent to them until they write again."""
    _SET_UNREACHABLE.count(connection, {"person": user_id})


_SET_UNREACHABLE = Prepared(
    update(_USERS).where(_USERS.c.id == bindparam("person"), _USERS.c.active).values(active=False)
)


# Built once with bind parameters (their names differ from the columns', which the SET clause
# reserves): a booking step sets or takes the pending input on most presses.
_SET_AWAITING = Prepared(
    update(_USERS)
    .where(_USERS.c.id == bindparam("user"))
    .values(
        awaiting_kind=bindparam("kind"),
        awaiting_data=bindparam("data"),
        awaiting_until=bindparam("until"),
    )
)
_TAKE_AWAITING = Prepared(
    update(_USERS)
    .where(_USERS.c.id == bindparam("user"), _USERS.c.awaiting_kind == bindparam("kind"))
    .values(awaiting_kind=None, awaiting_data=None, awaiting_until=None)
)


def set_awaiting_alone(
    connection: Runner,
    *,
    user_id: int,
    kind: str | None,
    data: str | None,
    until: datetime | None,
) -> None:
    """What the person is asked to type next (None: nothing), by one UPDATE on an autocommit
    connection (`Database.alone`): a single statement needs no unit of work around it."""
    _SET_AWAITING.count(connection, {"user": user_id, "kind": kind, "data": data, "until": until})


def take_awaiting_alone(connection: Runner, *, user_id: int, kind: str) -> bool:
    """Clear the pending input if it is still `kind`: True for the one caller that took it. One
    conditional UPDATE, alone or in a unit of work: the database decides which of two callers
    took it (the one whose UPDATE changed the row)."""
    return _TAKE_AWAITING.count(connection, {"user": user_id, "kind": kind}) == 1


def set_consent(connection: Runner, *, person: int, at: datetime) -> bool:
    """Record consent once: one conditional UPDATE, so a double tap (or two instances) records
    it once; True if it was not given before."""
    return _GIVE_CONSENT.count(connection, {"person": person, "at": at}) == 1


_GIVE_CONSENT = Prepared(
    update(_USERS)
    .where(_USERS.c.id == bindparam("person"), _USERS.c.consent_at.is_(None))
    .values(consent_at=bindparam("at"))
)
