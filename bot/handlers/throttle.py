"""Group -3: a person who floods the bot gets one polite notice, then silence for a while.

It runs before the person is looked up, so a dropped update costs no database work (in webhook
mode the route asks `would_drop` before it writes down the update's id). Each sender
has a sliding-window counter (two numbers and two times, on the application's clock so tests
can move it), and at most `MAX_TRACKED` senders are remembered, least recently seen forgotten
first: memory stays bounded whatever one person, or a crowd of new ones, sends. We keep our own
instead of the `limits` library's memory storage, which keeps a key for every sender it ever saw
and runs a timer thread. Coordinators are never throttled. Each instance counts on its own:
behind several webhook instances a flood is spread and each part is bounded.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.handlers.base import AppContext, AppType
from bot.services import Services

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60.0
# More people than a regional network hears from in a minute; forgetting the least recently
# seen beyond it only forgets a count that is about to expire anyway.
MAX_TRACKED = 20_000


@dataclass(slots=True)
class _Counter:
    start: float  # start of this sender's current one-minute window
    current: int = 0  # updates admitted in the current window
    previous: int = 0  # ... and in the window before it
    quiet_until: float = 0.0  # no second notice before this time


class FloodGate:
    """Per-sender sliding-window counts: the previous minute's count, weighted by how much of
    it still lies inside the last sixty seconds, plus this minute's."""

    def __init__(self, per_minute: int, *, max_tracked: int = MAX_TRACKED) -> None:
        self.per_minute = per_minute
        self.max_tracked = max_tracked
        self._senders: OrderedDict[int, _Counter] = OrderedDict()

    def __len__(self) -> int:
        return len(self._senders)

    def admit(self, user_id: int, now: float) -> bool:
        counter = self._counter(user_id, now)
        counter.start, counter.previous, counter.current = _rolled(counter, now)
        if self._full(now, counter.start, counter.previous, counter.current):
            return False  # a dropped update is not counted: slowing down lets them back in
        counter.current += 1
        return True

    def would_admit(self, user_id: int, now: float) -> bool:
        """What `admit` would say now, counting nothing (the webhook route asks before it
        writes down an update's id, so that a dropped update costs no database work)."""
        counter = self._senders.get(user_id)
        if counter is None:
            return True
        return not self._full(now, *_rolled(counter, now))

    def _full(self, now: float, start: float, previous: int, current: int) -> bool:
        weight = min(1.0, max(0.0, 1.0 - (now - start) / WINDOW_SECONDS))
        return previous * weight + current >= self.per_minute

    def first_notice(self, user_id: int, now: float) -> bool:
        """True once per minute of flooding: the moment to tell the person, politely."""
        counter = self._counter(user_id, now)
        if now < counter.quiet_until:
            return False
        counter.quiet_until = now + WINDOW_SECONDS
        return True

    def _counter(self, user_id: int, now: float) -> _Counter:
        counter = self._senders.get(user_id)
        if counter is None:
            counter = self._senders[user_id] = _Counter(start=now)
            while len(self._senders) > self.max_tracked:
                self._senders.popitem(last=False)
        else:
            self._senders.move_to_end(user_id)
        return counter


def _rolled(counter: _Counter, now: float) -> tuple[float, int, int]:
    """The counter's window start, previous and current counts as of `now`."""
    elapsed = now - counter.start
    if elapsed >= 2 * WINDOW_SECONDS:
        return now, 0, 0
    if elapsed >= WINDOW_SECONDS:
        return counter.start + WINDOW_SECONDS, counter.current, 0
    return counter.start, counter.previous, counter.current


def _gated(update: Update, services: Services) -> int | None:
    """The sender the gate counts: anyone but a coordinator (None: not counted)."""
    user = update.effective_user
    if user is None or services.settings.is_coordinator(user.id):
        return None
    return user.id


def would_drop(update: Update, bot_data: dict[Any, Any], services: Services) -> bool:
    """Whether `throttle` would drop this update now (nothing counted)."""
    sender = _gated(update, services)
    gate: FloodGate = bot_data["flood_gate"]
    return sender is not None and not gate.would_admit(sender, services.clock.now().timestamp())


async def throttle(update: Update, context: AppContext) -> None:
    services = context.services
    sender = _gated(update, services)
    if sender is None:
        return
    gate: FloodGate = context.bot_data["flood_gate"]
    now = services.clock.now().timestamp()
    if gate.admit(sender, now):
        return
    message = update.effective_message
    if message is not None and update.message is not None and gate.first_notice(sender, now):
        user = update.effective_user
        locale = services.translator.negotiate(user.language_code if user else None)
        try:
            await message.reply_text(services.translator.t(locale, "flood-notice"))
        except TelegramError as exc:
            log.warning("flood notice not sent: %s", type(exc).__name__)
    raise ApplicationHandlerStop


def register(app: AppType) -> None:
    settings = app.bot_data["services"].settings
    app.bot_data["flood_gate"] = FloodGate(settings.flood_messages_per_minute)
    app.add_handler(TypeHandler(Update, throttle), group=-3)
