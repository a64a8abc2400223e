"""Search gaps: questions without an answer, kept 30 days without any user key.
Functions take `*, session` and never commit, but `add`: one statement (`Database.alone`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import SearchGap
from storage.prepared import Prepared, Runner
from storage.repos.daily import claim_daily

_INSERT_GAP = Prepared(
    insert(SearchGap.__table__),  # type: ignore[attr-defined]
    columns=("text", "language", "asked_at"),
)


def add(connection: Runner, *, text: str, language: str, at: datetime) -> None:
    """`text` must already be masked (bot.faq.gaps.mask): this table keeps what it is given."""
    _INSERT_GAP.count(connection, {"text": text, "language": language, "asked_at": at})


async def since(*, session: AsyncSession, start: datetime) -> list[SearchGap]:
    result = await session.exec(
        select(SearchGap).where(SearchGap.asked_at >= start).order_by(SearchGap.id)  # type: ignore[arg-type]
    )
    return list(result.all())


async def purge(*, session: AsyncSession, before: datetime) -> int:
    """Delete every gap asked before `before`; the number deleted."""
    result = await session.exec(delete(SearchGap).where(SearchGap.asked_at < before))  # type: ignore[arg-type]
    return int(result.rowcount or 0)


async def claim_purge(*, session: AsyncSession, day: str) -> bool:
    """True for the first instance that purges on `day` (the daily_sends row decides)."""
    return await claim_daily(session=session, kind="search-gaps-purge", day=day)
