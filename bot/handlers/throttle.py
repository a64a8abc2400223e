"""Group -3: a person who floods the bot gets one polite notice, then silence for a while.

It runs before the person is looked up, so a dropped update costs no database work, and it keeps
nothing but a moving window per sender (the `limits` library, in memory, expiring by itself), so
memory stays bounded whatever one person sends. Coordinators are never throttled. Each instance
counts on its own: behind several webhook instances a flood is spread and each part is bounded.
"""

from __future__ import annotations

import logging

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.handlers.base import AppContext, AppType

log = logging.getLogger(__name__)

NOTICES = RateLimitItemPerMinute(1)


class FloodGate:
    def __init__(self, per_minute: int) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._updates = RateLimitItemPerMinute(per_minute)

    def admit(self, user_id: int) -> bool:
        return self._limiter.hit(self._updates, "update", str(user_id))

    def first_notice(self, user_id: int) -> bool:
        return self._limiter.hit(NOTICES, "notice", str(user_id))


async def throttle(update: Update, context: AppContext) -> None:
    user = update.effective_user
    if user is None:
        return
    services = context.services
    gate: FloodGate = context.bot_data["flood_gate"]
    if services.settings.is_coordinator(user.id) or gate.admit(user.id):
        return
    message = update.effective_message
    if message is not None and update.message is not None and gate.first_notice(user.id):
        locale = services.translator.negotiate(user.language_code)
        try:
            await message.reply_text(services.translator.t(locale, "flood-notice"))
        except TelegramError as exc:
            log.warning("flood notice not sent: %s", type(exc).__name__)
    raise ApplicationHandlerStop


def register(app: AppType) -> None:
    settings = app.bot_data["services"].settings
    app.bot_data["flood_gate"] = FloodGate(settings.flood_messages_per_minute)
    app.add_handler(TypeHandler(Update, throttle), group=-3)
