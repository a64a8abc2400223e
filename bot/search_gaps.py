"""Unanswered questions for staff: one statement or unit of work per call (record, list,
purge). No Telegram."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from bot.faq.gaps import KEEP_DAYS, GapGroup, group_gaps, main_words, mask
from storage.db import Database
from storage.repos import gaps


async def record_gap(db: Database, *, text: str, language: str, now: datetime) -> None:
    """Keep a question that found no answer: masked, with its language and time, nothing else."""
    masked = mask(text)
    if not main_words(masked):
        return  # "hello", "ok", "дякую": nothing a topic could be written about
    await db.alone(gaps.add, text=masked, language=language, at=now)


async def gap_groups(db: Database, *, now: datetime, days: int = KEEP_DAYS) -> list[GapGroup]:
    """The last `days` days of gaps, grouped by main words and language, most frequent first."""
    async with db.session() as session:
        rows = await gaps.since(session=session, start=now - timedelta(days=days))
    return group_gaps((row.language, row.text) for row in rows)


async def purge_old_gaps(db: Database, *, now: datetime, day: str) -> int | None:
    """Delete gaps older than KEEP_DAYS, once per `day` across instances; None if another
    instance already did it today."""
    async with db.session() as session:
        try:
            if not await gaps.claim_purge(session=session, day=day):
                return None
        except IntegrityError:  # another instance claimed the day at the same moment
            return None
        deleted = await gaps.purge(session=session, before=now - timedelta(days=KEEP_DAYS))
        await session.commit()
        return deleted
