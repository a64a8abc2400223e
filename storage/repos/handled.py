"""Update ids already taken by an instance (webhook mode), so a redelivered update is handled
once across instances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import DailySend, HandledUpdate
from storage.prepared import (
    Prepared,
    Runner,
    insert_ignoring_conflicts,
    inserts_ignoring_conflicts,
)

PURGE_CLAIM = "handled-updates-purge"  # the daily_sends kind of the daily purge


def take(connection: Runner, *, update_id: int, now: datetime) -> bool:
    """True for the one caller whose INSERT … ON CONFLICT DO NOTHING wrote the row: one
    statement, atomic by itself (`Database.alone`, on every webhook update). On PostgreSQL a
    concurrent second insert waits for the first to commit, then inserts nothing."""
    return _TAKE.count(connection, {"update_id": update_id, "handled_at": now}) == 1


_TAKE = Prepared(
    inserts_ignoring_conflicts(HandledUpdate.__table__),  # type: ignore[attr-defined]
    columns=("update_id", "handled_at"),
)


async def claim_purge(*, session: AsyncSession, day: str) -> bool:
    """The first instance of the day to ask purges; the others skip (a unique (kind, day))."""
    statement = (
        insert_ignoring_conflicts(session, DailySend)
        .values(kind=PURGE_CLAIM, day=day)
        .on_conflict_do_nothing(index_elements=["kind", "day"])
    )
    result = await session.exec(statement)
    return bool(result.rowcount == 1)


async def purge(*, session: AsyncSession, before: datetime) -> int:
    result = await session.exec(delete(HandledUpdate).where(col(HandledUpdate.handled_at) < before))
    return int(result.rowcount or 0)
