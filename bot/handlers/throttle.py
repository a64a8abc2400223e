"""Group -3: a person who floods the bot gets one polite notice, then silence for a while.

It runs before the person is looked up, so a dropped update costs no database work, and it keeps
nothing but a moving window per sender (in memory, at most `limit` times per sender, senders quiet
for a window forgotten), so memory stays bounded whatever one person sends. Coordinators are
never throttled. Each instance counts on its own: behind several webhook instances a flood is
spread and each part is bounded.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.handlers.base import AppContext, AppType

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60.0


class MovingWindow:
    """At most `limit` hits per key in any `seconds`. It runs on every update, so it is a few
    dictionary operations: no thread, no lock (the event loop is the only caller), and a sweep
    of senders quiet for a whole window at most once per window. (The `limits` library used
    before started a timer thread on every hit and walked every key in it.)"""

    def __init__(
        self,
        limit: int,
        seconds: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.seconds, self._clock = limit, seconds, clock
        self._hits: dict[int, deque[float]] = {}
        self._next_sweep = clock() + seconds

    def hit(self, key: int) -> bool:
        """Count one hit; False (and not counted) when the key is over its limit."""
        now = self._clock()
        if now >= self._next_sweep:
            self._sweep(now)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque(maxlen=self.limit)
        cutoff = now - self.seconds
        while hits and hits[0] <= cutoff:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True

    def __len__(self) -> int:
        return len(self._hits)

    def _sweep(self, now: float) -> None:
        cutoff = now - self.seconds
        self._hits = {key: hits for key, hits in self._hits.items() if hits and hits[-1] > cutoff}
        self._next_sweep = now + self.seconds


class FloodGate:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._updates = MovingWindow(per_minute, clock=clock)
        self._notices = MovingWindow(1, clock=clock)

    def admit(self, user_id: int) -> bool:
        return self._updates.hit(user_id)

    def first_notice(self, user_id: int) -> bool:
        return self._notices.hit(user_id)


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
