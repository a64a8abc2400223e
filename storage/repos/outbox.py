"""The outbox: rows of everything the bot sends on its own (see `bot/delivery/`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Update, bindparam, func, insert, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import within
from storage.models import Outbox
from storage.prepared import Prepared, Runner, all_but_id, detached

# Core statements on the table, built once (the sender runs them for every row): no ORM
# objects to keep in step, no statement to build and key for the cache on each call.
_OUTBOX = Outbox.__table__  # type: ignore[attr-defined]
_PENDING = _OUTBOX.c.status == "pending"


def _claim_statement(*, postgres: bool) -> Update:
    # Without statistics (no ANALYZE) SQLite's planner prefers the index on `status` (every
    # pending row, then a sort) to the partial index of pending rows by due time: 14–23 ms a
    # claim with 100,000 rows pending in the future (bench --year) against 0.05 ms. `likely()`
    # tells it most rows pass the status test; it is still the partial index's own condition
    # (tests/test_query_plans.py).
    pending = _PENDING if postgres else func.likely(_PENDING)
    due = (
        select(_OUTBOX.c.id)
        .where(
            pending,
            _OUTBOX.c.due_at <= bindparam("now"),
            or_(_OUTBOX.c.lease_until.is_(None), _OUTBOX.c.lease_until <= bindparam("now")),
        )
        .order_by(_OUTBOX.c.due_at, _OUTBOX.c.id)
        .limit(bindparam("most", type_=Integer))
    )
    if postgres:
        due = due.with_for_update(skip_locked=True)
    return (
        update(_OUTBOX)
        .where(_OUTBOX.c.id.in_(due.scalar_subquery()))
        .values(lease_until=bindparam("until"), attempts=_OUTBOX.c.attempts + 1)
        .returning(*_OUTBOX.c)
    )


_CLAIM = Prepared(
    {"sqlite": _claim_statement(postgres=False), "postgresql": _claim_statement(postgres=True)}
)
# Bind names differ from the columns' (those are reserved for the SET clause).
_FINISH = Prepared(
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("row"), _PENDING)
    .values(
        status=bindparam("outcome"),
        done_at=bindparam("at"),
        lease_until=None,
        result=bindparam("why"),
        payload=None,
    )
)
_RETRY = Prepared(
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("row"), _PENDING)
    .values(lease_until=bindparam("until"), result=bindparam("why"))
)
# Every column but the id: what `add_all`'s rows hold
_INSERT = Prepared(insert(_OUTBOX), columns=all_but_id(_OUTBOX))
_INSERT_READ_BACK = Prepared(insert(_OUTBOX).returning(*_OUTBOX.c), columns=all_but_id(_OUTBOX))


def _finished(outbox_id: int, status: str, now: datetime, result: str | None) -> dict[str, Any]:
    return {"row": outbox_id, "outcome": status, "at": now, "why": result}


async def add(*, session: AsyncSession, row: Outbox) -> Outbox:
    """Added to the unit of work, not flushed: the rows of one change (a booking's reminders and
    notice) go to the database together at the next query or the commit, as one INSERT."""
    session.add(row)
    return row


async def add_all(*, session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Rows of one change in one statement (an executemany, no ids read back: nobody needs
    them), in the caller's unit of work. `rows` hold every column but the id."""
    if rows:
        await within(session, insert_all, rows=rows)


def insert_all(connection: Runner, *, rows: list[dict[str, Any]]) -> None:
    """`add_all`'s statement."""
    _INSERT.many(connection, rows)


def insert_read_back(connection: Runner, *, row: dict[str, Any]) -> Outbox:
    """One row (every column but the id), returned as stored, with its id: a row its writer
    sends itself (`bot.delivery.outbox.write_leased`)."""
    return detached(Outbox, _INSERT_READ_BACK.first(connection, row))


async def cancel_pending(*, session: AsyncSession, ref_id: int, kinds: tuple[str, ...]) -> None:
    """Rows about `ref_id` of these kinds that have not gone out yet will not go out."""
    await within(session, cancel_rows, ref_id=ref_id, kinds=kinds)


def cancel_rows(connection: Runner, *, ref_id: int, kinds: tuple[str, ...]) -> None:
    """`cancel_pending` as a statement function (`Database.atomic`)."""
    _cancelling(tuple(sorted(kinds))).count(connection, {"ref": ref_id})


@lru_cache(maxsize=32)  # a handful of kind sets, each statement built once
def _cancelling(kinds: tuple[str, ...]) -> Prepared:
    return Prepared(
        update(_OUTBOX)
        .where(
            _OUTBOX.c.ref_id == bindparam("ref"),
            _PENDING,
            # each kind a constant of its own: a fixed statement (no expanding IN list)
            or_(*(_OUTBOX.c.kind == kind for kind in kinds)),
        )
        .values(status="cancelled")
    )


def claim_due(connection: Runner, *, now: datetime, lease: timedelta, limit: int) -> list[Outbox]:
    """Rows due now that nobody holds, leased to the caller until `now + lease`, oldest first.

    One statement (an UPDATE of the rows its subquery picks, RETURNING them), so it needs no
    unit of work around it: atomic by itself (`Database.alone`). On PostgreSQL the subquery's
    FOR UPDATE SKIP LOCKED lets several instances claim side by side (each row is re-checked
    once locked); SQLite has a single writer, which holds its lock for the statement.
    """
    claimed = _CLAIM.rows(connection, {"now": now, "until": now + lease, "most": limit})
    rows = [detached(Outbox, row) for row in claimed]  # read back as stored: no validation
    return sorted(rows, key=lambda row: (row.due_at, row.id or 0))


def finish_alone(
    connection: Runner, *, outbox_id: int, status: str, now: datetime, why: str | None = None
) -> None:
    """The row is done (sent, failed, dropped…): it never goes out again. Its payload, which
    may hold a person's words, is not kept once it is no longer needed. One statement: alone
    (`Database.alone`, nothing else to write with it) or in a unit of work (`Database.atomic`)."""
    _FINISH.count(connection, _finished(outbox_id, status, now, why))


async def renew_lease(
    *, session: AsyncSession, outbox_id: int, held_until: datetime, until: datetime
) -> bool:
    """Extend a lease only if it is still the one the caller took (`held_until` is its token)."""
    result = await session.exec(
        update(Outbox)
        .where(
            col(Outbox.id) == outbox_id,
            col(Outbox.status) == "pending",
            col(Outbox.lease_until) == held_until,
        )
        .values(lease_until=until)
    )
    return bool(result.rowcount == 1)


def retry_at_alone(connection: Runner, *, outbox_id: int, at: datetime, why: str | None) -> None:
    """An unsent row: keep it to ourselves until `at`, then any sender may try it again. One
    statement: alone (`Database.alone`) or in a unit of work (`Database.atomic`)."""
    _RETRY.count(connection, {"row": outbox_id, "until": at, "why": why})


def postpone(connection: Runner, *, outbox_id: int, until: datetime) -> None:
    """A row not to be sent yet: any sender may take it at `until`; the claim that found it
    too early is not counted as an attempt. A statement for a unit of work."""
    _POSTPONE.count(connection, {"row": outbox_id, "until": until})


_POSTPONE = Prepared(
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("row"), _PENDING)
    .values(
        lease_until=bindparam("until"),
        result="waits_for_morning",
        attempts=_OUTBOX.c.attempts - 1,
    )
)


async def count(*, session: AsyncSession, status: str) -> int:
    result = await session.exec(
        select(func.count()).select_from(Outbox).where(Outbox.status == status)
    )
    return int(result.one())


async def exists(*, session: AsyncSession, ref_id: int, kind: str) -> bool:
    """Whether a row of this kind about `ref_id` was ever written (sent, pending or not)."""
    result = await session.exec(
        select(Outbox.id).where(Outbox.ref_id == ref_id, Outbox.kind == kind).limit(1)
    )
    return result.first() is not None


async def due_by_kind(*, session: AsyncSession, now: datetime) -> dict[str, int]:
    """The backlog: pending rows already due, by kind (leased or not)."""
    result = await session.exec(
        select(Outbox.kind, func.count())
        .where(Outbox.status == "pending", col(Outbox.due_at) <= now)
        .group_by(Outbox.kind)
    )
    return {str(kind): int(n) for kind, n in result.all()}
