"""Update ids already taken by an instance (webhook mode), so a redelivered update is handled
once across instances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import insert_ignoring_conflicts
from storage.models import DailySend, HandledUpdate

PURGE_CLAIM = "handled-updates-purge"  # the daily_sends kind of the daily purge


async def take(*, session: AsyncSession, update_id: int, now: datetime) -> bool:
    """True for the one caller whose INSERT … ON CONFLICT DO NOTHING wrote the row. On
    PostgreSQL a concurrent second insert waits for the first to commit, then inserts nothing."""
    statement = (
        insert_ignoring_conflicts(session, HandledUpdate)
        .values(update_id=update_id, handled_at=now)
        .on_conflict_do_nothing(index_elements=["update_id"])
    )
    result = await session.exec(statement)
    return bool(result.rowcount == 1)


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
