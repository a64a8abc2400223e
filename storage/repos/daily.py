"""Once-a-day claims: the first instance to claim `(kind, day)` does the day's job."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import DailySend


async def claim_daily(*, session: AsyncSession, kind: str, day: str) -> bool:
    """True for the first caller of the day; the unique (kind, day) row makes it so."""
    existing = await session.exec(
        select(DailySend).where(DailySend.kind == kind, DailySend.day == day)
    )
    if existing.first() is not None:
        return False
    session.add(DailySend(kind=kind, day=day))
    await session.flush()
    return True
