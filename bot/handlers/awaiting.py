"""A feature that asked the person to type something (a note, a question, a comment) gets their
next text. The question asked is kept in the database (`bot/pending.py`), so whichever instance
receives the answer understands it, and a restart forgets nothing until it expires."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from telegram import Update

from bot.handlers.base import AppContext, AppType

TextConsumer = Callable[[Update, AppContext, dict[str, Any]], Awaitable[None]]


async def expect(context: AppContext, kind: str, **data: Any) -> None:
    person = context.person
    if person is None:
        return
    pending = await context.services.pending.expect(person.id, kind, data)
    context.person = replace(person, awaiting=pending)


async def forget(context: AppContext) -> None:
    """The person moved on (a button, a command): stop waiting for their text. A draft (a note
    typed for a booking not yet confirmed) stays until the booking takes it."""
    person = context.person
    if person is None or person.awaiting is None or person.awaiting.is_draft:
        return
    await context.services.pending.clear(person.id)
    context.person = replace(person, awaiting=None)


async def take(context: AppContext, kind: str) -> dict[str, Any] | None:
    """The pending input of this kind, removed (once, whichever instance asks)."""
    person = context.person
    if person is None or person.awaiting is None or person.awaiting.kind != kind:
        return None
    if not await context.services.pending.take(person.id, kind):
        return None
    data = person.awaiting.data
    context.person = replace(person, awaiting=None)
    return data


def add_consumer(app: AppType, kind: str, consumer: TextConsumer) -> None:
    app.bot_data.setdefault("text_consumers", {})[kind] = consumer


async def consume(update: Update, context: AppContext) -> bool:
    """Give the text to the feature waiting for it; False when nobody waits."""
    person = context.person
    pending = person.awaiting if person is not None else None
    consumer = context.bot_data.get("text_consumers", {}).get(pending.kind) if pending else None
    if pending is None or consumer is None:
        return False
    data = await take(context, pending.kind)
    if data is None:
        return False  # another instance took it first
    await consumer(update, context, data)
    return True
