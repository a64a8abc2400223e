"""Satisfaction answers: one row per booking, written when the question went out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import insert_ignoring_conflicts
from storage.models import SurveyAnswer


async def add_asked(
    *, session: AsyncSession, booking_id: int, user_id: int, service_id: str, now: datetime
) -> None:
    """The question went out (at most one row per booking, whoever sends it twice)."""
    await session.exec(
        insert_ignoring_conflicts(session, SurveyAnswer)
        .values(booking_id=booking_id, user_id=user_id, service_id=service_id, asked_at=now)
        .on_conflict_do_nothing(index_elements=["booking_id"])
    )


async def answer(
    *, session: AsyncSession, booking_id: int, user_id: int, score: int, now: datetime
) -> bool:
    """The first answer counts: a late or repeated press changes nothing (False)."""
    result = await session.exec(
        update(SurveyAnswer)
        .where(
            col(SurveyAnswer.booking_id) == booking_id,
            col(SurveyAnswer.user_id) == user_id,
            col(SurveyAnswer.score).is_(None),
        )
        .values(score=score, answered_at=now)
    )
    return bool(result.rowcount == 1)


async def add_comment(
    *, session: AsyncSession, booking_id: int, user_id: int, comment: str
) -> bool:
    result = await session.exec(
        update(SurveyAnswer)
        .where(
            col(SurveyAnswer.booking_id) == booking_id,
            col(SurveyAnswer.user_id) == user_id,
            col(SurveyAnswer.score).is_not(None),
            col(SurveyAnswer.comment).is_(None),
        )
        .values(comment=comment)
    )
    return bool(result.rowcount == 1)
