"""Ask-a-person threads: which coordinator-chat post belongs to which person's question."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Relay


async def add_relay(*, session: AsyncSession, relay: Relay) -> None:
    session.add(relay)


async def relay_by_coordinator_message(*, session: AsyncSession, message_id: int) -> Relay | None:
    result = await session.exec(select(Relay).where(Relay.coordinator_message_id == message_id))
    return result.first()


async def relay_by_user_message(
    *, session: AsyncSession, user_id: int, message_id: int
) -> Relay | None:
    result = await session.exec(
        select(Relay).where(Relay.user_id == user_id, Relay.user_message_id == message_id)
    )
    return result.first()


async def latest_relay(*, session: AsyncSession, user_id: int) -> Relay | None:
    result = await session.exec(
        select(Relay).where(Relay.user_id == user_id).order_by(col(Relay.id).desc()).limit(1)
    )
    return result.first()


async def mark_answered(
    *, session: AsyncSession, coordinator_message_id: int, by: str | None
) -> None:
    """Who answered the question posted as this coordinator-chat message (the latest answer)."""
    await session.exec(
        update(Relay)
        .where(col(Relay.coordinator_message_id) == coordinator_message_id)
        .values(answered_by=by)
    )
