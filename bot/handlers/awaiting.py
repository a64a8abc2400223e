"""A feature that asked the person to type something (a note, a question) gets their next text.

Kept in `user_data` (memory): a restart forgets the question asked, and the person's next text
is then treated as a search, which is a safe fallback.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update

from bot.handlers.base import AppContext, AppType

KEY = "awaiting"
TextConsumer = Callable[[Update, AppContext, dict[str, Any]], Awaitable[None]]


def expect(context: AppContext, kind: str, **data: Any) -> None:
    if context.user_data is not None:
        context.user_data[KEY] = {"kind": kind, **data}


def forget(context: AppContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(KEY, None)


def add_consumer(app: AppType, kind: str, consumer: TextConsumer) -> None:
    app.bot_data.setdefault("text_consumers", {})[kind] = consumer


async def consume(update: Update, context: AppContext) -> bool:
    """Give the text to the feature waiting for it; False when nobody waits."""
    if context.user_data is None:
        return False
    pending = context.user_data.pop(KEY, None)
    if not pending:
        return False
    consumer = context.bot_data.get("text_consumers", {}).get(pending["kind"])
    if consumer is None:
        return False
    await consumer(update, context, pending)
    return True
