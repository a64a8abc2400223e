from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import within
from storage.models import Event
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
    """An event's row (every column but the id)."""
    return {
        "kind": str(kind),
        "user_key": user_key,
        "language": language,
        "topic_id": topic_id,
        "source": source,
        "service_id": service_id,
        "created_at": at,
    }


# Built once; no ORM object made per event (SQLModel's constructor validates every field).
_INSERT_EVENT = Prepared(
    insert(Event.__table__),  # type: ignore[attr-defined]
    columns=("kind", "user_key", "language", "topic_id", "source", "service_id", "created_at"),
)


async def record(*, session: AsyncSession, **fields: Any) -> None:
    """An event inside the caller's unit of work (fields: those of `event_values`): one INSERT,
    sent now, committed or rolled back with the rest."""
    await within(session, record_alone, **fields)


def record_alone(connection: Runner, **fields: Any) -> None:
    """The event's one INSERT: alone (most events, one per update: `Database.alone`) or inside
    a unit of work (`record`)."""
    _INSERT_EVENT.count(connection, event_values(**fields))


async def list_for_user(*, session: AsyncSession, user_key: str) -> list[Event]:
    result = await session.exec(
        select(Event).where(Event.user_key == user_key).order_by(Event.id)  # type: ignore[arg-type]
    )
    return list(result.all())


async def count_by_kind(*, session: AsyncSession, kind: str) -> int:
    result = await session.exec(select(func.count()).select_from(Event).where(Event.kind == kind))
    return int(result.one())
