"""Everything a handler needs, built once per Application. No Telegram imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.booking.catalog import Catalog
from bot.booking.desk import BookingDesk
from bot.clock import Clock
from bot.config import Settings
from bot.deadlines import Deadlines
from bot.delivery.outbox import Delivery
from bot.event_log import EventLog
from bot.faq.library import FaqLibrary
from bot.i18n import Translator
from bot.indicators.spec import IndicatorFile
from bot.pending import PendingInputs
from bot.people import People
from bot.privacy import Privacy
from bot.relays import Relays
from bot.surveys import Surveys
from storage.db import Database


@dataclass
class Services:
    settings: Settings
    db: Database
    translator: Translator
    faq: FaqLibrary
    clock: Clock
    user_key_secret: str
    catalog: Catalog
    desk: BookingDesk
    delivery: Delivery
    surveys: Surveys
    privacy: Privacy
    pending: PendingInputs
    relays: Relays
    people: People
    event_log: EventLog
    indicators: IndicatorFile = field(default_factory=IndicatorFile)  # faq/indicators.yaml
    deadlines: Deadlines = field(default=None)  # type: ignore[assignment]  # set by the builder

    async def record_event(self, **fields: Any) -> None:
        """An event outside any unit of work (fields: those of `events.event_values` but `at`),
        written with others a moment later (`bot/event_log.py`): most updates record one."""
        await self.event_log.add(at=self.clock.now(), **fields)
