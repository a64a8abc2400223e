"""What the bot waits for a person to type next (a booking note, a question for the centre, a
survey comment), kept on the person's row with an expiry: any instance understands the next
message, and a restart forgets nothing. Taking it is one conditional UPDATE, so a message
handled twice (a retried webhook, two instances) is consumed once. No Telegram imports."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Protocol

from bot.clock import Clock
from storage.db import Database
from storage.repos import users

EXPIRES_AFTER = dt.timedelta(hours=2)
DRAFT_SUFFIX = "-draft"  # kept across button presses (a note waiting for its booking)


@dataclass(frozen=True)
class Pending:
    kind: str
    data: dict[str, Any]
    until: dt.datetime

    @property
    def is_draft(self) -> bool:
        return self.kind.endswith(DRAFT_SUFFIX)


class AwaitingFields(Protocol):
    awaiting_kind: str | None
    awaiting_data: str | None
    awaiting_until: dt.datetime | None


def pending_of(user: AwaitingFields, now: dt.datetime) -> Pending | None:
    """The person's pending input, if any and not expired."""
    if user.awaiting_kind is None or user.awaiting_until is None or user.awaiting_until <= now:
        return None
    try:
        data = json.loads(user.awaiting_data or "{}")
    except ValueError:
        data = {}
    return Pending(user.awaiting_kind, data if isinstance(data, dict) else {}, user.awaiting_until)


class PendingInputs:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # Each is one UPDATE on an autocommit connection (atomic by itself; the take is
    # conditional, so the database decides who took it): no BEGIN/COMMIT round trips.
    async def expect(self, user_id: int, kind: str, data: dict[str, Any]) -> Pending:
        pending = Pending(kind, data, self.clock.now() + EXPIRES_AFTER)
        await self.db.alone(
            users.set_awaiting_alone,
            user_id=user_id,
            kind=kind,
            data=json.dumps(data, ensure_ascii=False),
            until=pending.until,
        )
        return pending

    async def clear(self, user_id: int) -> None:
        await self.db.alone(
            users.set_awaiting_alone, user_id=user_id, kind=None, data=None, until=None
        )

    async def take(self, user_id: int, kind: str) -> bool:
        return await self.db.alone(users.take_awaiting_alone, user_id=user_id, kind=kind)
