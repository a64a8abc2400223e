"""The outbox as a service: write a row inside any unit of work; claim due rows with a lease;
renew the lease before each send; record what happened. No Telegram imports: the sender in
`bot/handlers/delivery.py` does the sending.

Rules (pure functions of their arguments): small batches; a lease renewed per send, so a sender
slowed past its lease skips the row another sender now holds; an unsent row backs off 1, 2, 4…
minutes, never sooner than Telegram's retry_after, and fails for good after MAX_ATTEMPTS.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock
from bot.delivery.kinds import Kind
from storage.db import Database
from storage.models import Outbox
from storage.repos import booking as daily
from storage.repos import outbox as repo
from storage.repos import users

MAX_ATTEMPTS = 5
BATCH = 10  # a claimed row waits for the sends before it in its batch


def retry_backoff_seconds(attempts: int) -> float:
    """How long an unsent row waits before its next attempt: 1, 2, 4, 8… minutes."""
    return float(60 * 2 ** max(attempts - 1, 0))


def retry_delay(attempts: int, retry_after: float) -> float:
    return max(retry_after, retry_backoff_seconds(attempts))


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS


async def enqueue(
    session: AsyncSession,
    kind: Kind,
    *,
    due_at: dt.datetime,
    user_id: int | None = None,
    chat_id: int | None = None,
    ref_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> Outbox:
    """A row in the caller's unit of work: it goes out only if that commits."""
    return await repo.add(
        session=session,
        row=Outbox(
            kind=kind,
            due_at=due_at,
            user_id=user_id,
            chat_id=chat_id,
            ref_id=ref_id,
            payload=json.dumps(payload, ensure_ascii=False) if payload is not None else None,
        ),
    )


async def cancel(session: AsyncSession, *, ref_id: int, kinds: tuple[Kind, ...]) -> None:
    await repo.cancel_pending(session=session, ref_id=ref_id, kinds=tuple(kinds))


def payload_of(row: Outbox) -> dict[str, Any]:
    if not row.payload:
        return {}
    value = json.loads(row.payload)
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Attempt:
    """What the sender reports about one row."""

    sent: bool
    blocked: bool = False  # the person blocked the bot (403)
    retry_after: float = 0.0  # Telegram asked us to wait (429)
    failure: str | None = None  # a lasting failure (400 chat not found, message too long…)


class Delivery:
    def __init__(self, db: Database, clock: Clock, *, lease_seconds: float) -> None:
        self.db = db
        self.clock = clock
        self.lease = dt.timedelta(seconds=lease_seconds)

    async def claim(self, *, limit: int = BATCH) -> list[Outbox]:
        now = self.clock.now()
        async with self.db.session() as session:
            rows = await repo.claim_due(
                session=session,
                now=now,
                lease=self.lease,
                limit=limit,
                postgres=not self.db.is_sqlite,
            )
            await session.commit()
        return rows

    async def still_mine(self, row: Outbox) -> bool:
        """Just before a send: renew the row's lease if this sender still holds it. A sender
        slowed down past its lease (a slow Bot API) finds the row taken over and skips it, so
        two instances never both send it."""
        now = self.clock.now()
        held = row.lease_until
        if held is None or held <= now:
            return False
        until = now + self.lease
        async with self.db.session() as session:
            renewed = await repo.renew_lease(
                session=session, outbox_id=row.id or 0, held_until=held, until=until
            )
            await session.commit()
        if renewed:
            row.lease_until = until
        return renewed

    async def finish(self, row: Outbox, status: str, *, result: str | None = None) -> None:
        async with self.db.session() as session:
            await repo.finish(
                session=session,
                outbox_id=row.id or 0,
                status=status,
                now=self.clock.now(),
                result=result,
            )
            await session.commit()

    async def record(self, row: Outbox, attempt: Attempt) -> str:
        """Settle a send attempt; returns the row's status afterwards."""
        if attempt.sent:
            await self.finish(row, "sent")
            return "sent"
        if attempt.blocked or attempt.failure or gives_up(row.attempts):
            reason = "blocked" if attempt.blocked else (attempt.failure or "gave_up")
            await self.finish(row, "failed", result=reason)
            return "failed"
        at = self.clock.now() + dt.timedelta(seconds=retry_delay(row.attempts, attempt.retry_after))
        async with self.db.session() as session:
            await repo.retry_at(
                session=session,
                outbox_id=row.id or 0,
                at=at,
                result="retry_after" if attempt.retry_after else "network",
            )
            await session.commit()
        return "pending"

    async def mark_unreachable(self, user_id: int) -> None:
        """The person blocked the bot: nothing more is sent to them until they write again."""
        async with self.db.session() as session:
            await users.set_active_by_id(session=session, user_id=user_id, active=False)
            await session.commit()

    async def enqueue_once(
        self,
        kind: Kind,
        *,
        claim: str,
        key: str,
        payload: dict[str, Any] | None = None,
        chat_id: int | None = None,
    ) -> bool:
        """A row that several instances would all want to write (the day's agenda, a broken
        content version): the first to mark (`claim`, `key`) writes it, in one transaction."""
        async with self.db.session() as session:
            try:
                if not await daily.claim_daily(session=session, kind=claim, day=key[:10]):
                    return False
                await enqueue(
                    session, kind, due_at=self.clock.now(), chat_id=chat_id, payload=payload
                )
                await session.commit()
            except IntegrityError:  # another instance marked it at the same moment
                return False
        return True
