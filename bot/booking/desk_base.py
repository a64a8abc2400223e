"""What every part of the booking desk shares: the database, the catalog, the clock, the rules,
loading a booking (locked), recording events and writing outbox rows in the same unit of work."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.booking import rules
from bot.booking.catalog import Catalog
from bot.booking.outcome import Outcome, Status
from bot.booking.rules import DeskRules
from bot.clock import Clock
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from bot.delivery.outbox import NewRow
from storage.db import Database, within
from storage.models import ACTIVE_BOOKING, Booking, Outbox, Slot, SlotStatus, User
from storage.prepared import Runner
from storage.repos import booking as repo
from storage.repos import booking_changes as changes
from storage.repos import events
from storage.repos import outbox as outbox_repo

log = logging.getLogger(__name__)


class DeskBase:
    def __init__(
        self,
        db: Database,
        catalog: Callable[[], Catalog],
        tz: ZoneInfo,
        clock: Clock,
        rules: DeskRules,
        *,
        send_lease: dt.timedelta | None = None,
    ) -> None:
        self.db = db
        self._catalog = catalog
        self.tz = tz
        self.clock = clock
        self.rules = rules
        # The outbox lease, for a change whose caller sends its rows itself (`sends_itself`).
        self.send_lease = send_lease

    @property
    def catalog(self) -> Catalog:
        return self._catalog()

    async def _event(
        self, session: AsyncSession, kind: str, user: User, *, service_id: str, now: dt.datetime
    ) -> None:
        await within(session, self._record, kind=kind, user=user, service_id=service_id, now=now)

    @staticmethod
    def _record(
        connection: Runner, *, kind: str, user: User, service_id: str, now: dt.datetime
    ) -> None:
        """The person's event about a service: a statement function (`Database.atomic`)."""
        events.record_alone(
            connection,
            kind=kind,
            user_key=user.user_key,
            language=user.language,
            at=now,
            service_id=service_id,
        )

    def _lease(self, sends_itself: bool) -> dt.timedelta | None:
        """An operation's `sends_itself=True`: its caller (a handler the person waits on) sends
        the rows due now that the change writes, `kick(context, outcome.sends)`, so they are
        written already leased to it. Otherwise they wait for a claim, like any other row."""
        return self.send_lease if sends_itself else None

    @staticmethod
    def _write(
        connection: Runner, rows: list[NewRow], now: dt.datetime, lease: dt.timedelta | None
    ) -> tuple[Outbox, ...]:
        """A change's outbox rows; with a `lease` (`_lease`), those due now come back leased,
        for `Outcome.sends`. A statement function."""
        if lease is None:
            outbox.write_all(connection, rows)
            return ()
        return tuple(outbox.write_leased(connection, rows, now=now, lease=lease))

    def _schedule_reminders(
        self,
        connection: Runner,
        booking: Booking,
        slot: Slot,
        now: dt.datetime,
        *,
        notice: NewRow | None = None,
        lease: dt.timedelta | None = None,
    ) -> tuple[Outbox, ...]:
        """The booking's new reminders, and the centre's `notice` of the change; those of its
        old time go first (a booking made now writes its reminders in `MigrantDesk._book`).
        Returns the rows to send now (`_write`). A statement function."""
        assert booking.id is not None
        outbox_repo.cancel_rows(connection, ref_id=booking.id, kinds=(Kind.REMINDER,))
        rows = self._reminders(booking, slot, now)
        return self._write(connection, [*rows, *([notice] if notice else [])], now, lease)

    def _reminders(self, booking: Booking, slot: Slot, now: dt.datetime) -> list[NewRow]:
        return [
            NewRow(Kind.REMINDER, due_at=due, user_id=booking.user_id, ref_id=booking.id)
            for due in rules.reminder_times(slot.starts_at, now, self.rules)
        ]

    @staticmethod
    def _notice(
        booking: Booking, event: str, now: dt.datetime, *, moved_from: dt.datetime | None = None
    ) -> NewRow:
        """A notice in the coordinator chat, sent after this unit of work commits (a move
        carries the old time: the booking row only knows the new one)."""
        payload = {"event": event}
        if moved_from is not None:
            payload["old"] = moved_from.isoformat()
        return NewRow(Kind.BOOKING_NOTICE, due_at=now, ref_id=booking.id, payload=payload)

    @staticmethod
    async def _tell_person(
        session: AsyncSession, kind: Kind, booking: Booking, now: dt.datetime
    ) -> None:
        row = NewRow(kind, due_at=now, user_id=booking.user_id, ref_id=booking.id)
        await outbox.enqueue_all(session, [row])  # a Core INSERT: no ORM object, no id read back

    def _too_late(self, slot: Slot, now: dt.datetime) -> bool:
        return rules.too_late(slot.starts_at, now, self.rules)

    async def _load(
        self, session: AsyncSession, booking_id: int
    ) -> tuple[Booking, Slot, User] | None:
        # `_locked`'s read in a session's unit of work (attendance): two instances (or a
        # double tap) changing one booking take turns and the second sees the first's result.
        return await within(session, changes.locked_booking, booking_id=booking_id)

    @staticmethod
    def _locked(
        connection: Runner,
        booking_id: int,
        user_id: int | None,
        statuses: tuple[str, ...] = ACTIVE_BOOKING,
    ) -> tuple[Booking, Slot, User] | None:
        """The booking locked and read fresh (`changes.locked_booking`), if it is in one of
        `statuses` and belongs to `user_id` (None: staff). A statement function."""
        loaded = changes.locked_booking(connection, booking_id=booking_id)
        if loaded is None or not is_theirs(loaded[0], user_id, statuses):
            return None
        return loaded

    async def booking_with_person(self, booking_id: int) -> tuple[Booking, Slot, User] | None:
        """To show (read only: a change is decided in a unit of work)."""
        return await self.db.alone(repo.booking_with_person, booking_id=booking_id)

    async def _open_slot_for(
        self, session: AsyncSession, user_id: int, slot_id: int, now: dt.datetime
    ) -> tuple[Slot, User] | Outcome:
        """The slot and person, if the slot can still be booked and they have not booked it."""
        slot = await repo.get_slot(session=session, slot_id=slot_id)
        user = await session.get(User, user_id)
        if slot is None or user is None or not self._bookable(slot, now):
            return Outcome(Status.GONE, slot=slot)
        if await within(session, changes.holds_place, user_id=user_id, slot_id=slot_id):
            return Outcome(Status.ALREADY, slot=slot)
        return slot, user

    @staticmethod
    def _bookable(slot: Slot, now: dt.datetime) -> bool:
        return slot.status == SlotStatus.OPEN and slot.starts_at > now

    async def person(self, user_id: int) -> User | None:
        async with self.db.reading() as session:
            return await session.get(User, user_id)


def is_theirs(booking: Booking, user_id: int | None, statuses: tuple[str, ...]) -> bool:
    """In one of `statuses` and the person's own (`user_id` None: staff, anyone's). Ids come
    from buttons, so another person's booking must look like no booking at all."""
    return booking.status in statuses and (user_id is None or booking.user_id == user_id)
