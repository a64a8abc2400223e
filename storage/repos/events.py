from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists, func, insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import within
from storage.models import Event, User
from storage.prepared import Prepared, Runner


def event_values(
    *,
    kind: str,
    user_key: str,
    language: str,
    at: datetime,
    topic_id: str | None = None,
    source: str | None = None,
    service_id: str | None = None,
) -> dict[str, Any]:
    """An event's row (every column but the id), each text cut to its column's size: one too
    long would fail its unit of work on PostgreSQL (a held batch: every time it is tried)."""
    return fitted(
        {
            "kind": str(kind),
            "user_key": user_key,
            "language": language,
            "topic_id": topic_id,
            "source": source,
            "service_id": service_id,
            "created_at": at,
        }
    )


_EVENTS = Event.__table__  # type: ignore[attr-defined]
_COLUMNS = ("kind", "user_key", "language", "topic_id", "source", "service_id", "created_at")
# Built once; no ORM object made per event (SQLModel's constructor validates every field).
_INSERT_EVENT = Prepared(insert(_EVENTS), columns=_COLUMNS)
# An event written a moment after its update (`bot/event_log.py`) goes in only if a person still
# has its key: one who asked to be forgotten meanwhile (on another instance) has a new random
# key, and a row under the old one would link them to what they did.
_INSERT_IF_KNOWN = Prepared(
    insert(_EVENTS).from_select(
        list(_COLUMNS),
        select(*(bindparam(name, type_=_EVENTS.c[name].type) for name in _COLUMNS)).where(
            exists().where(User.__table__.c.user_key == bindparam("user_key"))  # type: ignore[attr-defined]
        ),
    )
)


async def record(*, session: AsyncSession, **fields: Any) -> None:
    """An event inside the caller's unit of work (fields: those of `event_values`): one INSERT,
    sent now, committed or rolled back with the rest."""
    await within(session, record_alone, **fields)


def record_alone(connection: Runner, **fields: Any) -> None:
    """The event's one INSERT: alone (most events, one per update: `Database.alone`) or inside
    a unit of work (`record`)."""
    _INSERT_EVENT.count(connection, event_values(**fields))


_LENGTHS = {
    name: _EVENTS.c[name].type.length
    for name in _COLUMNS
    if getattr(_EVENTS.c[name].type, "length", None)
}


def fitted(values: dict[str, Any]) -> dict[str, Any]:
    """An event's values with each text cut to its column's size (PostgreSQL refuses longer)."""
    return {
        name: value[: _LENGTHS[name]] if isinstance(value, str) and name in _LENGTHS else value
        for name, value in values.items()
    }


def record_if_known(connection: Runner, *, rows: list[dict[str, Any]]) -> None:
    """Events held back a moment (each `event_values`), in one executemany; an event whose
    key no person has any more is left out."""
    _INSERT_IF_KNOWN.many(connection, rows)


async def list_for_user(*, session: AsyncSession, user_key: str) -> list[Event]:
    result = await session.exec(
        select(Event).where(Event.user_key == user_key).order_by(Event.id)  # type: ignore[arg-type]
    )
    return list(result.all())


async def count_by_kind(*, session: AsyncSession, kind: str) -> int:
    result = await session.exec(select(func.count()).select_from(Event).where(Event.kind == kind))
    return int(result.one())
