"""The outbox as a service: write a row inside any unit of work; claim due rows with a lease;
renew the lease before each send; record what happened. No Telegram imports: the sender in
`bot/handlers/delivery.py` does the sending.

Rules (pure functions of their arguments): small batches; before each send the lease must have at
least half its length left (else it is renewed, if still ours), so a sender slowed past its lease
skips the row another sender now holds; a row refused with 429 waits Telegram's retry_after, other
unsent rows back off 1, 2, 4… minutes; a row fails for good after MAX_ATTEMPTS.

What happened to a row is one UPDATE on an autocommit connection when that is all there is to
write (no BEGIN and COMMIT round trips; the claim is one statement too). A result that writes more
(an event, the notice's message id, a blocked person) goes through `GroupCommit`: the results of
the sends that finish while one commit is under way go into the next one, so many concurrent
sends cost a few commits; each send waits for its own row to be written before the sender goes on.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock
from bot.delivery.kinds import Kind
from storage.db import Database
from storage.models import Outbox
from storage.prepared import Runner
from storage.repos import daily, events, users
from storage.repos import outbox as repo

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH = 50  # a claimed row waits for the sends before it in its batch (lease: minutes)

# Statement functions (`storage.prepared.Runner` first): run in a unit of work by `Database.atomic`.
Work = Callable[[Runner], Any]
Then = Callable[[Runner], None]  # written with a sent row's result

# Rows this process has written (a hint for the sender, not state): a round that claimed fewer
# than a batch stops unless a send wrote new rows meanwhile (a renderer that offers a freed
# place), so the usual kick costs one claim, not a second, empty one.
_written = 0


def rows_written() -> int:
    return _written


def retry_backoff_seconds(attempts: int) -> float:
    """How long an unsent row waits before its next attempt: 1, 2, 4, 8… minutes."""
    return float(60 * 2 ** max(attempts - 1, 0))


def retry_delay(attempts: int, retry_after: float) -> float:
    """Telegram's 429 says when to try again: that row waits exactly that long (the sender goes
    on with the others). Other failures (network) back off 1, 2, 4… minutes."""
    return retry_after if retry_after > 0 else retry_backoff_seconds(attempts)


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
    global _written
    _written += 1
    return await repo.add(
        session=session,
        row=Outbox(
            kind=kind,
            due_at=due_at,
            user_id=user_id,
            chat_id=chat_id,
            ref_id=ref_id,
            payload=_json(payload),
        ),
    )


@dataclass(frozen=True)
class NewRow:
    """An outbox row to write with `enqueue_all` (what `enqueue` takes, as a value)."""

    kind: Kind
    due_at: dt.datetime
    user_id: int | None = None
    chat_id: int | None = None
    ref_id: int | None = None
    payload: dict[str, Any] | None = None


async def enqueue_all(session: AsyncSession, rows: list[NewRow]) -> None:
    """Several rows of one change (a booking's reminders and its notice) in the caller's unit
    of work, written by one statement: it goes out only if that commits."""
    global _written
    _written += len(rows)
    await repo.add_all(session=session, rows=_values(rows))


def write_all(connection: Runner, rows: list[NewRow]) -> None:
    """`enqueue_all` as a statement function, for a unit of work made of them
    (`Database.atomic`)."""
    global _written
    _written += len(rows)
    repo.insert_all(connection, rows=_values(rows))


def write_leased(
    connection: Runner, rows: list[NewRow], *, now: dt.datetime, lease: dt.timedelta
) -> list[Outbox]:
    """`write_all`, but the rows due by `now` are written already claimed, as `claim` leaves a
    row (leased until `now + lease`, one attempt), and returned with their ids: the handler
    that made the change sends them once its unit of work has committed (`kick`), without a
    claim of their own (a write and a commit, ~10 % of a booking's confirm; bench/README.md).
    Nobody else takes them before the lease ends; if the writer dies before sending, any
    sender claims them then, as it would a claimed row whose sender died. A rolled-back unit
    returns nothing, so only committed rows are ever sent. A statement function."""
    write_all(connection, [row for row in rows if row.due_at > now])
    leased = {"lease_until": now + lease, "attempts": 1}
    # Not counted in `rows_written`: a round cannot claim them, so they are no reason for one.
    return [
        repo.insert_read_back(connection, row={**values, **leased})
        for values in _values([row for row in rows if row.due_at <= now])
    ]


def _values(rows: list[NewRow]) -> list[dict[str, Any]]:
    return [
        {
            "kind": str(row.kind),
            "user_id": row.user_id,
            "chat_id": row.chat_id,
            "ref_id": row.ref_id,
            "payload": _json(row.payload),
            "due_at": row.due_at,
            "status": "pending",
            "lease_until": None,
            "attempts": 0,
            "done_at": None,
            "result": None,
        }
        for row in rows
    ]


def _json(payload: dict[str, Any] | None) -> str | None:
    return json.dumps(payload, ensure_ascii=False) if payload is not None else None


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


class GroupCommit:
    """Units of work from concurrent callers, committed together: whatever arrives while one
    commit runs goes into the next. Each caller waits for its own work to be committed. If a
    shared commit fails, each piece is retried alone, so one bad row does not undo the others."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._waiting: list[tuple[Work, asyncio.Future[Any]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, work: Work) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting.append((work, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await future

    async def _write(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                results = await self.db.atomic(_all, works=[work for work, _ in group])
            except Exception:  # each piece alone below, with its own error
                for work, future in group:
                    await self._alone(work, future)
                continue
            for (_, future), result in zip(group, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def _alone(self, work: Work, future: asyncio.Future[Any]) -> None:
        try:
            result = await self.db.atomic(work)
        except Exception as exc:  # handed to the caller who owns the work
            if not future.done():
                future.set_exception(exc)
            return
        if not future.done():
            future.set_result(result)


def _all(connection: Runner, *, works: list[Work]) -> list[Any]:
    return [work(connection) for work in works]


class Delivery:
    def __init__(self, db: Database, clock: Clock, *, lease_seconds: float) -> None:
        self.db = db
        self.clock = clock
        self.lease = dt.timedelta(seconds=lease_seconds)
        self.writes = GroupCommit(db)

    async def claim(self, *, limit: int = BATCH) -> list[Outbox]:
        now = self.clock.now()
        return await self.db.alone(  # one statement: no unit of work around it
            repo.claim_due, now=now, lease=self.lease, limit=limit
        )

    async def still_mine(self, row: Outbox) -> bool:
        """Just before a send: the row's lease must have at least half its length left, or be
        renewed if this sender still holds it. A send takes seconds, a lease minutes, so nobody
        can claim the row while it is in flight; a sender slowed down past its lease (a slow Bot
        API) finds the row taken over and skips it, so two instances never both send it."""
        now = self.clock.now()
        held = row.lease_until
        if held is None or held <= now:
            return False
        if held - now >= self.lease / 2:
            return True  # nobody else can hold it before `held`: no write needed
        until = now + self.lease
        async with self.db.brief() as session:
            renewed = await repo.renew_lease(
                session=session, outbox_id=row.id or 0, held_until=held, until=until
            )
            await session.commit()
        if renewed:
            row.lease_until = until
        return renewed

    async def finish(self, row: Outbox, status: str, *, result: str | None = None) -> None:
        await self.db.alone(
            repo.finish_alone,
            outbox_id=row.id or 0,
            status=status,
            now=self.clock.now(),
            why=result,
        )

    async def postpone(self, row: Outbox, until: dt.datetime) -> None:
        """Leave the row for any sender to take again at `until` (not a failed attempt)."""

        await self.writes.run(partial(repo.postpone, outbox_id=row.id or 0, until=until))

    async def record(
        self,
        row: Outbox,
        attempt: Attempt,
        *,
        event: dict[str, Any] | None = None,
        also: Then | None = None,
    ) -> str:
        """Settle a send attempt (with the event a sent row records, `also` (the notice's message
        id), and a blocked person marked unreachable) in one unit of work, or as one statement
        when it is only the row's own result. Returns the row's status afterwards."""
        now = self.clock.now()
        if attempt.sent:
            status, result = "sent", None
        elif attempt.blocked or attempt.failure or gives_up(row.attempts):
            status = "failed"
            result = "blocked" if attempt.blocked else (attempt.failure or "gave_up")
        else:
            status = "pending"
            result = "retry_after" if attempt.retry_after else "network"
        at = now + dt.timedelta(seconds=retry_delay(row.attempts, attempt.retry_after))
        if status != "sent":
            also, event = None, None
        if event is None and also is None and not (attempt.blocked and row.user_id is not None):
            # Only the row's own result: one statement on an autocommit connection, atomic by
            # itself, costs no BEGIN and COMMIT round trips (most reminders, every decision).
            if status == "pending":
                await self.db.alone(repo.retry_at_alone, outbox_id=row.id or 0, at=at, why=result)
            else:
                await self.db.alone(
                    repo.finish_alone, outbox_id=row.id or 0, status=status, now=now, why=result
                )
            return status

        def work(connection: Runner) -> None:
            outbox_id = row.id or 0
            if status == "pending":
                repo.retry_at_alone(connection, outbox_id=outbox_id, at=at, why=result)
                return
            repo.finish_alone(connection, outbox_id=outbox_id, status=status, now=now, why=result)
            if event is not None:  # a sent row's
                events.record_alone(connection, **event, at=now)
            if also is not None:
                also(connection)
            if attempt.blocked and row.user_id is not None:
                users.set_unreachable(connection, user_id=row.user_id)

        await self.writes.run(work)
        return status

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
        async with self.db.brief() as session:
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
