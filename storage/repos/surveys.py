"""Satisfaction answers: one row per booking, written when the question went out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import SurveyAnswer
from storage.prepared import insert_ignoring_conflicts


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
    *,
    session: AsyncSession,
    booking_id: int,
    user_id: int,
    score: int,
    now: datetime,
    asked_after: datetime,
) -> bool:
    """The first answer counts: a late (asked before `asked_after`) or repeated press changes
    nothing (False)."""
    result = await session.exec(
        update(SurveyAnswer)
        .where(
            col(SurveyAnswer.booking_id) == booking_id,
            col(SurveyAnswer.user_id) == user_id,
            col(SurveyAnswer.score).is_(None),
            col(SurveyAnswer.asked_at) >= asked_after,
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


async def question_of(
    *, session: AsyncSession, booking_id: int, user_id: int
) -> SurveyAnswer | None:
    """This person's question about this booking (None: never asked, or not theirs)."""
    result = await session.exec(
        select(SurveyAnswer).where(
            col(SurveyAnswer.booking_id) == booking_id, col(SurveyAnswer.user_id) == user_id
        )
    )
    return result.first()
