from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import User


async def get_by_telegram_id(*, session: AsyncSession, telegram_id: int) -> User | None:
    result = await session.exec(select(User).where(User.telegram_id == telegram_id))
    return result.first()


async def get_by_key(*, session: AsyncSession, user_key: str) -> User | None:
    result = await session.exec(select(User).where(User.user_key == user_key))
    return result.first()


async def add(*, session: AsyncSession, user: User) -> User:
    session.add(user)
    await session.flush()
    return user


async def set_active(*, session: AsyncSession, telegram_id: int, active: bool) -> None:
    user = await get_by_telegram_id(session=session, telegram_id=telegram_id)
    if user is not None and user.active != active:
        user.active = active
        session.add(user)
