"""What is stored about one person, and erasing it (see `bot/privacy.py`)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    Attendance,
    Booking,
    Deadline,
    Event,
    Outbox,
    Relay,
    Slot,
    Subscription,
    SurveyAnswer,
    User,
    Waiting,
    WaitingStatus,
)


async def bookings_with_slots(*, session: AsyncSession, user_id: int) -> list[tuple[Booking, Slot]]:
    result = await session.exec(
        select(Booking, Slot)
        .join(Slot, col(Slot.id) == col(Booking.slot_id))
        .where(Booking.user_id == user_id)
        .order_by(col(Slot.starts_at))
    )
    return list(result.all())


async def attendance_of(*, session: AsyncSession, user_id: int) -> list[Attendance]:
    result = await session.exec(
        select(Attendance)
        .join(Booking, col(Booking.id) == col(Attendance.booking_id))
        .where(Booking.user_id == user_id)
        .order_by(col(Attendance.session_start))
    )
    return list(result.all())


async def waiting_of(*, session: AsyncSession, user_id: int) -> list[Waiting]:
    result = await session.exec(select(Waiting).where(Waiting.user_id == user_id))
    return list(result.all())


async def answers_of(*, session: AsyncSession, user_id: int) -> list[SurveyAnswer]:
    result = await session.exec(select(SurveyAnswer).where(SurveyAnswer.user_id == user_id))
    return list(result.all())


async def relays_of(*, session: AsyncSession, user_id: int) -> list[Relay]:
    result = await session.exec(select(Relay).where(Relay.user_id == user_id))
    return list(result.all())


async def pending_sends_of(*, session: AsyncSession, user_id: int) -> list[Outbox]:
    result = await session.exec(
        select(Outbox).where(Outbox.user_id == user_id, Outbox.status == "pending")
    )
    return list(result.all())


async def deadlines_of(*, session: AsyncSession, user_id: int) -> list[Deadline]:
    result = await session.exec(
        select(Deadline).where(Deadline.user_id == user_id).order_by(col(Deadline.id))
    )
    return list(result.all())


async def subscriptions_of(*, session: AsyncSession, user_id: int) -> list[Subscription]:
    result = await session.exec(
        select(Subscription)
        .where(Subscription.user_id == user_id)
        .order_by(col(Subscription.topic))
    )
    return list(result.all())


async def events_of(*, session: AsyncSession, user_key: str) -> list[Event]:
    result = await session.exec(
        select(Event).where(Event.user_key == user_key).order_by(col(Event.id))
    )
    return list(result.all())


async def erase(*, session: AsyncSession, user: User, new_key: str, now: datetime) -> None:
    """Delete what identifies the person; move what counts to a fresh random key. Nothing
    left links the anonymous rows to the Telegram id, not even the keyed hash of it."""
    user_id = user.id or 0
    await session.exec(
        update(Event).where(col(Event.user_key) == user.user_key).values(user_key=new_key)
    )
    await session.exec(
        update(Booking)
        .where(col(Booking.user_id) == user_id)
        .values(note=None, decline_note=None, interpreter=None)
    )
    await session.exec(
        update(SurveyAnswer).where(col(SurveyAnswer.user_id) == user_id).values(comment=None)
    )
    await session.exec(delete(Relay).where(col(Relay.user_id) == user_id))
    await session.exec(delete(Deadline).where(col(Deadline.user_id) == user_id))
    await session.exec(delete(Subscription).where(col(Subscription.user_id) == user_id))
    await session.exec(
        update(Outbox)
        .where(col(Outbox.user_id) == user_id, col(Outbox.status) == "pending")
        .values(status="cancelled", payload=None, done_at=now)
    )
    await session.exec(
        update(Waiting)
        .where(
            col(Waiting.user_id) == user_id,
            col(Waiting.status).in_((WaitingStatus.WAITING, WaitingStatus.OFFERED)),
        )
        .values(status=WaitingStatus.LEFT)
    )
    user.telegram_id = None
    user.display_name = ""
    user.user_key = new_key
    user.active = False
    user.consent_at = None
    user.last_seen_at = None
    user.forgotten_at = now
    # What the bot waited for them to type may hold their own words (a note kept as a draft).
    user.awaiting_kind = user.awaiting_data = user.awaiting_until = None
    session.add(user)


async def inactive_since(
    *,
    session: AsyncSession,
    before: datetime,
    limit: int,
    staff: frozenset[int],
    today: date | None = None,
) -> list[int]:
    """People not seen since `before` whose personal data is still stored (not staff). Someone
    waiting for a deadline reminder is not inactive: the bot still works for them."""
    waiting_for_reminder = select(Deadline.user_id).where(
        col(Deadline.status) == "active", col(Deadline.due_on) >= (today or before.date())
    )
    result = await session.exec(
        select(User.id)
        .where(
            col(User.telegram_id).is_not(None),
            col(User.telegram_id).not_in(staff or {0}),
            func.coalesce(col(User.last_seen_at), col(User.created_at)) < before,
            col(User.id).not_in(waiting_for_reminder),
        )
        .limit(limit)
    )
    return [i for i in result.all() if i is not None]


async def lock_person(*, session: AsyncSession, user_id: int) -> User | None:
    result = await session.exec(
        select(User)
        .where(col(User.id) == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return result.first()
