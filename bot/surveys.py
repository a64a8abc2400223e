"""Satisfaction surveys: asked once per attended booking (see `BookingDesk._ask_how_it_went`),
answered once on a 1–5 scale; 4 and 5 count as satisfied. No Telegram imports."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from bot.clock import Clock
from storage.db import Database
from storage.models import EventKind, User
from storage.repos import events
from storage.repos import surveys as repo

SCORES = (1, 2, 3, 4, 5)
SATISFIED = (4, 5)
COMMENT_LIMIT = 500


class Answer(StrEnum):
    COUNTED = "counted"
    ALREADY = "already"  # answered before, someone else's, or out of range: nothing changes
    CLOSED = "closed"  # asked too long ago: the month it counts in may have been reported


class Surveys:
    def __init__(self, db: Database, clock: Clock, *, answer_days: int = 14) -> None:
        self.db = db
        self.clock = clock
        self.answer_window = dt.timedelta(days=answer_days)

    async def asked(self, *, booking_id: int, user: User, service_id: str) -> None:
        """The question reached the person: from now on it counts as asked."""
        now = self.clock.now()
        async with self.db.brief() as session:
            await repo.add_asked(
                session=session,
                booking_id=booking_id,
                user_id=user.id or 0,
                service_id=service_id,
                now=now,
            )
            await events.record(
                session=session,
                kind=EventKind.SURVEY_SENT,
                user_key=user.user_key,
                language=user.language,
                service_id=service_id,
                at=now,
            )
            await session.commit()

    async def answer(
        self, *, booking_id: int, user_id: int, user_key: str, language: str, score: int
    ) -> Answer:
        """Counted once: a repeated, foreign or out-of-range press changes nothing, and neither
        does a press once the question has been open `answer_days`."""
        if score not in SCORES:
            return Answer.ALREADY
        now = self.clock.now()
        async with self.db.brief() as session:
            first = await repo.answer(
                session=session,
                booking_id=booking_id,
                user_id=user_id,
                score=score,
                now=now,
                asked_after=now - self.answer_window,
            )
            if first:
                await events.record(
                    session=session,
                    kind=EventKind.SURVEY_ANSWERED,
                    user_key=user_key,
                    language=language,
                    at=now,
                )
            await session.commit()
        if first:
            return Answer.COUNTED
        async with self.db.reading() as session:  # only to say why: nothing changes
            question = await repo.question_of(
                session=session, booking_id=booking_id, user_id=user_id
            )
        closed = (
            question is not None
            and question.score is None
            and question.asked_at < now - self.answer_window
        )
        return Answer.CLOSED if closed else Answer.ALREADY

    async def comment(self, *, booking_id: int, user_id: int, text: str) -> bool:
        async with self.db.brief() as session:
            done = await repo.add_comment(
                session=session,
                booking_id=booking_id,
                user_id=user_id,
                comment=text[:COMMENT_LIMIT],
            )
            await session.commit()
        return done
