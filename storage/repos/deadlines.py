"""Deadlines people asked to be reminded of. Functions take `*, session` and never commit."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Deadline, Outbox

DRAFT, ACTIVE = "draft", "active"


async def add_draft(*, session: AsyncSession, user_id: int, kind: str, now: datetime) -> Deadline:
    """A new draft; the person's older drafts (flows left half-way) go."""
    await session.exec(
        delete(Deadline).where(col(Deadline.user_id) == user_id, col(Deadline.status) == DRAFT)
    )
    row = Deadline(user_id=user_id, kind=kind, status=DRAFT, created_at=now, updated_at=now)
    session.add(row)
    await session.flush()
    return row


async def lock_own(*, session: AsyncSession, deadline_id: int, user_id: int) -> Deadline | None:
    """The person's deadline, locked and read fresh (a double tap or a second instance waits and
    then sees the first one's change); None for someone else's or a deleted one."""
    result = await session.exec(
        select(Deadline)
        .where(col(Deadline.id) == deadline_id, col(Deadline.user_id) == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return result.first()


async def get(*, session: AsyncSession, deadline_id: int) -> Deadline | None:
    result = await session.exec(
        select(Deadline)
        .where(col(Deadline.id) == deadline_id)
        .execution_options(populate_existing=True)
    )
    return result.first()


async def active_of(*, session: AsyncSession, user_id: int) -> list[Deadline]:
    result = await session.exec(
        select(Deadline)
        .where(col(Deadline.user_id) == user_id, col(Deadline.status) == ACTIVE)
        .order_by(col(Deadline.due_on), col(Deadline.id))
    )
    return list(result.all())


async def all_of(*, session: AsyncSession, user_id: int) -> list[Deadline]:
    result = await session.exec(
        select(Deadline).where(col(Deadline.user_id) == user_id).order_by(col(Deadline.id))
    )
    return list(result.all())


async def pending_reminders(*, session: AsyncSession, deadline_id: int, kind: str) -> list[Outbox]:
    result = await session.exec(
        select(Outbox)
        .where(
            col(Outbox.ref_id) == deadline_id,
            col(Outbox.kind) == kind,
            col(Outbox.status) == "pending",
        )
        .order_by(col(Outbox.due_at))
    )
    return list(result.all())


async def delete_of(*, session: AsyncSession, user_id: int) -> None:
    """Erasure: every deadline of the person goes (their reminders are cancelled by the caller)."""
    await session.exec(delete(Deadline).where(col(Deadline.user_id) == user_id))


def set_date(row: Deadline, *, due_on: date, now: datetime) -> bool:
    """Give the row its date; True when it was a draft (a deadline added, not moved)."""
    added = row.status == DRAFT
    row.due_on, row.status, row.updated_at = due_on, ACTIVE, now
    return added
