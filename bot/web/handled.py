"""Each update handled once across instances: Telegram re-posts an update whose webhook call
timed out, possibly to another instance. No Telegram imports."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.repos import handled

# Telegram stops redelivering an update after about a day; two days leaves a margin.
KEEP = timedelta(days=2)


async def first_delivery(db: Database, *, update_id: int, now: datetime) -> bool:
    """True once per update id across every instance on the database."""
    return await db.alone(handled.take, update_id=update_id, now=now)


async def purge_old(db: Database, *, now: datetime, day: str) -> int | None:
    """Forget ids older than KEEP, once per `day` across instances; None if another instance
    already did it today."""
    async with db.session() as session:
        try:
            if not await handled.claim_purge(session=session, day=day):
                return None
        except IntegrityError:  # a unique race the ON CONFLICT did not absorb
            return None
        deleted = await handled.purge(session=session, before=now - KEEP)
        await session.commit()
    return deleted
