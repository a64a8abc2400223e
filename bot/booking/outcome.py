"""What a booking operation did, for the Telegram layer to turn into messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from storage.models import Booking, Outbox, Slot, User
from storage.repos.slots import Timed


class Status(StrEnum):
    """An operation's result; handlers map each to a message."""

    OK = "ok"
    FULL = "full"  # no place left (alternatives offered)
    GONE = "gone"  # no such booking or slot for this person, or no longer possible
    ALREADY = "already"  # the person holds this slot already
    ALREADY_WAITING = "already_waiting"
    LIMIT = "limit"  # the person already holds as many of this service as one may
    TOO_LATE = "too_late"  # past the cancellation cutoff
    DECIDED = "decided"  # another coordinator decided first
    DECLINED = "declined"  # an offer was declined
    UNKNOWN_SERVICE = "unknown_service"
    IN_PAST = "in_past"
    EXISTS = "exists"
    TOO_EARLY = "too_early"  # attendance of a meeting that has not started
    MOVED = "moved"  # a notice's decision, but the booking has moved since that notice


@dataclass
class Outcome:
    """What an operation did, with the rows it touched."""

    status: Status
    booking: Booking | None = None
    slot: Slot | None = None
    user: User | None = None
    alternatives: Sequence[Timed] = field(default_factory=list)
    waiting_told: int = 0  # a cancelled slot: people on its waiting list told it is closed
    # Its outbox rows due now, written already leased: its handler sends them (`kick`).
    sends: tuple[Outbox, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == Status.OK


@dataclass
class AgendaItem:
    booking: Booking
    user: User
    slot: Slot
    starts_at: dt.datetime
    ends_at: dt.datetime
    attendance: str | None


@dataclass
class PendingItem:
    """A booking waiting for a coordinator's confirmation (the /pending list)."""

    booking: Booking
    slot: Slot
    user: User
