"""Subscriptions by topic, announcements and their recipients; the courses' standings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    Announcement,
    AnnouncementRecipient,
    CourseSession,
    Outbox,
    Slot,
    SlotStatus,
    Subscription,
    User,
)

# -- subscriptions --------------------------------------------------------------------------


async def topics_of(*, session: AsyncSession, user_id: int) -> set[str]:
    result = await session.exec(select(Subscription.topic).where(Subscription.user_id == user_id))
    return set(result.all())


async def subscribe(*, session: AsyncSession, user_id: int, topic: str, now: datetime) -> None:
    session.add(Subscription(user_id=user_id, topic=topic, created_at=now))
    await session.flush()


async def unsubscribe(*, session: AsyncSession, user_id: int, topic: str) -> bool:
    result = await session.exec(
        delete(Subscription).where(
            col(Subscription.user_id) == user_id, col(Subscription.topic) == topic
        )
    )
    return bool(result.rowcount)


async def forget_subscriptions(*, session: AsyncSession, user_id: int) -> None:
    await session.exec(delete(Subscription).where(col(Subscription.user_id) == user_id))


# -- announcements --------------------------------------------------------------------------


async def add(*, session: AsyncSession, announcement: Announcement) -> Announcement:
    session.add(announcement)
    await session.flush()
    return announcement


async def get(*, session: AsyncSession, announcement_id: int) -> Announcement | None:
    return await session.get(Announcement, announcement_id)


async def with_status(*, session: AsyncSession, statuses: tuple[str, ...]) -> list[Announcement]:
    result = await session.exec(
        select(Announcement)
        .where(col(Announcement.status).in_(statuses))
        .order_by(col(Announcement.id))
    )
    return list(result.all())


async def change_status(
    *, session: AsyncSession, announcement_id: int, old: str, new: str, **values: object
) -> bool:
    """One conditional UPDATE: a double tap or a second instance changes it once."""
    result = await session.exec(
        update(Announcement)
        .where(col(Announcement.id) == announcement_id, col(Announcement.status) == old)
        .values(status=new, **values)
    )
    return bool(result.rowcount == 1)


def _eligible(topics: list[str], languages: list[str]):  # type: ignore[no-untyped-def]
    """People subscribed to any of the topics, reachable, reading a language with a text."""
    subscribed = select(Subscription.user_id).where(col(Subscription.topic).in_(topics))
    return and_(
        col(User.id).in_(subscribed),
        col(User.active).is_(True),
        col(User.telegram_id).is_not(None),
        col(User.language).in_(languages),
    )


async def next_recipients(
    *,
    session: AsyncSession,
    topics: list[str],
    languages: list[str],
    after_user_id: int,
    limit: int,
) -> list[int]:
    result = await session.exec(
        select(User.id)
        .where(_eligible(topics, languages), col(User.id) > after_user_id)
        .order_by(col(User.id))
        .limit(limit)
    )
    return [i for i in result.all() if i is not None]


async def count_recipients_after(
    *, session: AsyncSession, topics: list[str], languages: list[str], after_user_id: int
) -> int:
    result = await session.exec(
        select(func.count())
        .select_from(User)
        .where(_eligible(topics, languages), col(User.id) > after_user_id)
    )
    return int(result.one())


async def add_recipients(
    *, session: AsyncSession, announcement_id: int, user_ids: list[int]
) -> None:
    """Raises IntegrityError if any of them was queued already (the unique key)."""
    session.add_all(
        [AnnouncementRecipient(announcement_id=announcement_id, user_id=u) for u in user_ids]
    )
    await session.flush()


async def advance_cursor(
    *, session: AsyncSession, announcement_id: int, old: int, new: int, done: bool
) -> bool:
    result = await session.exec(
        update(Announcement)
        .where(
            col(Announcement.id) == announcement_id,
            col(Announcement.status) == "sending",
            col(Announcement.queued_up_to) == old,
        )
        .values(queued_up_to=new, queued_all=done)
    )
    return bool(result.rowcount == 1)


async def outcome_counts(
    *, session: AsyncSession, announcement_id: int, kind: str
) -> dict[tuple[str, str | None], int]:
    """(status, result) → rows, for the announcement's outbox rows."""
    result = await session.exec(
        select(Outbox.status, Outbox.result, func.count())
        .where(col(Outbox.ref_id) == announcement_id, col(Outbox.kind) == kind)
        .group_by(col(Outbox.status), col(Outbox.result))
    )
    return {(status, res): int(n) for status, res, n in result.all()}


async def mark_finished(*, session: AsyncSession, announcement_id: int, now: datetime) -> bool:
    """The summary is posted once: the first to set `finished_at` posts it."""
    result = await session.exec(
        update(Announcement)
        .where(col(Announcement.id) == announcement_id, col(Announcement.finished_at).is_(None))
        .values(finished_at=now)
    )
    return bool(result.rowcount == 1)


async def set_progress_shown(*, session: AsyncSession, announcement_id: int, shown: str) -> bool:
    """Whether the progress text changed (only then is the message edited)."""
    result = await session.exec(
        update(Announcement)
        .where(
            col(Announcement.id) == announcement_id,
            (col(Announcement.progress_shown).is_(None))
            | (col(Announcement.progress_shown) != shown),
        )
        .values(progress_shown=shown)
    )
    return bool(result.rowcount == 1)


# -- courses ---------------------------------------------------------------------------------


async def courses_running(*, session: AsyncSession, start: datetime, end: datetime) -> list[Slot]:
    """Open group slots with a session between `start` and `end`."""
    with_sessions = select(CourseSession.slot_id).where(
        col(CourseSession.starts_at) >= start, col(CourseSession.starts_at) < end
    )
    result = await session.exec(
        select(Slot)
        .where(col(Slot.id).in_(with_sessions), col(Slot.status) == SlotStatus.OPEN)
        .order_by(col(Slot.starts_at), col(Slot.id))
    )
    return list(result.all())
