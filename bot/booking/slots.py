"""The slot schedule: slots follow the services file; coordinators add and cancel slots; free
times for the pickers."""

from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.booking import rules
from bot.booking.desk_base import DeskBase
from bot.booking.outcome import Outcome, Status
from bot.booking.schedule import PlannedSlot, planned_slots
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from storage.models import (
    ACTIVE_BOOKING,
    Booking,
    BookingStatus,
    CourseSession,
    EventKind,
    Slot,
    SlotStatus,
    User,
)
from storage.repos import booking as repo
from storage.repos import waiting as waiting_repo

log = logging.getLogger(__name__)


@lru_cache(maxsize=8192)  # a window's day bounds repeat for everyone opening the day picker
def _local_day(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    return moment.astimezone(tz).date()


CANCEL_SLOT_ATTEMPTS = 5


class SlotSchedule(DeskBase):
    async def sync_slots(self) -> int:
        """Make the slots of the next weeks match the services file; returns how many are new.

        Several instances may do this at once: the loser of an insert race tries once more and
        then finds the other's rows."""
        try:
            return await self._sync_slots()
        except IntegrityError:
            return await self._sync_slots()

    async def _sync_slots(self) -> int:
        now = self.clock.now()
        today = now.astimezone(self.tz).date()
        created = 0
        async with self.db.session() as session:
            for service in self.catalog.services.values():
                plan = planned_slots(service, self.tz, today=today, days=self.rules.horizon_days)
                if not service.is_group:
                    await self._withdraw_unplanned(session, service.id, plan, now)
                plan = [p for p in plan if p.ends_at > now]
                # One query for the whole plan: a year of slots is never read one by one.
                known = await repo.slots_starting_at(
                    session=session, service_id=service.id, starts=[p.starts_at for p in plan]
                )
                for planned in plan:
                    existing = known.get(planned.starts_at)
                    if existing is not None:
                        if service.is_group:
                            await self._update_group(
                                session, existing, planned.capacity, planned.sessions
                            )
                        continue
                    await repo.add_slot(
                        session=session,
                        slot=Slot(
                            service_id=service.id,
                            starts_at=planned.starts_at,
                            ends_at=planned.ends_at,
                            capacity=planned.capacity,
                            origin=planned.origin,
                        ),
                        sessions=planned.sessions,
                    )
                    created += 1
            await session.commit()
        return created

    async def _withdraw_unplanned(
        self, session: AsyncSession, service_id: str, plan: list[PlannedSlot], now: dt.datetime
    ) -> None:
        """A day closed or hours changed after slots were made: free slots that are no longer
        in the file are withdrawn. Booked ones stay (staff cancel them with /cancelslot, which
        tells the people), and so do slots coordinators added from Telegram."""
        planned = {p.starts_at for p in plan}
        for slot in await repo.withdrawable_slots(
            session=session, service_id=service_id, after=now
        ):
            if slot.starts_at not in planned:
                slot.status = SlotStatus.WITHDRAWN
                session.add(slot)

    async def _update_group(
        self,
        session: AsyncSession,
        slot: Slot,
        capacity: int,
        sessions: tuple[tuple[dt.datetime, dt.datetime], ...],
    ) -> None:
        """Staff changed a course's capacity or added dates: follow the file (never below the
        places already taken)."""
        if slot.capacity != capacity:
            slot.capacity = max(capacity, slot.booked)
            session.add(slot)
        known = {s.starts_at for s in await repo.sessions_of(session=session, slot_id=slot.id or 0)}
        for starts_at, ends_at in sessions:
            if starts_at not in known:
                session.add(
                    CourseSession(slot_id=slot.id or 0, starts_at=starts_at, ends_at=ends_at)
                )

    async def add_slot(self, service_id: str, local_start: dt.datetime) -> Outcome:
        """A coordinator adds a one-off slot."""
        service = self.catalog.get(service_id)
        if service is None or service.is_group:
            return Outcome(Status.UNKNOWN_SERVICE)
        starts_at = local_start.replace(tzinfo=self.tz).astimezone(dt.UTC)
        if starts_at <= self.clock.now():
            return Outcome(Status.IN_PAST)
        async with self.db.session() as session:
            if await repo.find_slot(session=session, service_id=service_id, starts_at=starts_at):
                return Outcome(Status.EXISTS)
            slot = await repo.add_slot(
                session=session,
                slot=Slot(
                    service_id=service_id,
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(minutes=service.duration),
                    origin="coordinator",
                ),
            )
            await session.commit()
            return Outcome(Status.OK, slot=slot)

    async def cancel_slot(self, slot_id: int) -> tuple[Outcome, list[Outcome]]:
        """A coordinator cancels a slot; every active booking on it is cancelled too, its open
        offers end and its waiting list closes (each person told once)."""
        now = self.clock.now()
        for _ in range(CANCEL_SLOT_ATTEMPTS):
            async with self.db.session() as session:
                # Bookings (and open offers) before the slot: the lock order of every other
                # booking change, so an offer's Yes on another instance waits or is waited for.
                active = await repo.active_on_slots(
                    session=session, slot_ids=[slot_id], lock=True, statuses=ACTIVE_BOOKING
                )
                slot = await repo.lock_slot(session=session, slot_id=slot_id)
                if slot is None or slot.status != SlotStatus.OPEN:
                    return Outcome(Status.GONE), []
                # A booking made (or moved here, or offered) while we waited for the slot was
                # not among those locked: it would stay on a cancelled slot, its person never
                # told. Start again, so that it is locked (and told) too; with the slot locked,
                # no new one.
                now_there = await repo.active_on_slots(
                    session=session, slot_ids=[slot_id], statuses=ACTIVE_BOOKING
                )
                if {b.id for b, _ in now_there} == {b.id for b, _ in active}:
                    return await self._cancel_locked_slot(session, slot, active, now)
                await session.rollback()
        raise RuntimeError("slot kept changing while it was being cancelled; try again")

    async def _cancel_locked_slot(
        self,
        session: AsyncSession,
        slot: Slot,
        active: list[tuple[Booking, User]],
        now: dt.datetime,
    ) -> tuple[Outcome, list[Outcome]]:
        slot.status = SlotStatus.CANCELLED
        session.add(slot)
        affected: list[Outcome] = []
        for booking, user in active:
            offer = booking.status == BookingStatus.OFFERED
            booking.status, booking.updated_at = BookingStatus.CANCELLED, now
            booking.sequence += 1
            session.add(booking)
            assert booking.id is not None
            await outbox.cancel(
                session, ref_id=booking.id, kinds=(Kind.REMINDER, Kind.OFFER_EXPIRY, Kind.OFFER)
            )
            if offer:  # never a booking: told with the waiting list below, no event
                continue
            await self._tell_person(session, Kind.SLOT_CANCELLED, booking, now)
            await self._event(
                session, EventKind.CANCELLED, user, service_id=slot.service_id, now=now
            )
            affected.append(Outcome(Status.OK, booking=booking, slot=slot, user=user))
        closed = await waiting_repo.close_for_cancelled_slot(session=session, slot_id=slot.id or 0)
        for waiting, held_offer in closed:
            await outbox.enqueue(
                session,
                Kind.WAITLIST_CANCELLED,
                due_at=now,
                user_id=waiting.user_id,
                ref_id=waiting.id,
                payload={"offer": True} if held_offer else None,
            )
        await session.commit()
        return Outcome(Status.OK, slot=slot, waiting_told=len(closed)), affected

    async def slot(self, slot_id: int) -> repo.SlotView | None:
        """A slot to show (read only: a change is decided in a unit of work)."""
        return await self.db.alone(repo.read_slot, slot_id=slot_id)

    async def available_days(
        self, service_id: str, *, start: dt.date | None = None, most: int | None = None
    ) -> list[dt.date]:
        """Local days of the bookable window with a free time (from `start` on, if given; the
        first `most`, if given: the database then stops after as many days)."""
        earliest, latest = rules.bookable_window(self.clock.now(), self.rules)
        if start is not None:
            midnight = dt.datetime.combine(start, dt.time(0), tzinfo=self.tz).astimezone(dt.UTC)
            earliest = max(earliest, midnight - dt.timedelta(microseconds=1))
        bounds = await self.db.alone(
            repo.free_day_bounds,
            service_id=service_id,
            after=earliest,
            before=latest,
            # each UTC day with a free time gives at least one local day, and later UTC days
            # never an earlier local day: `most` of them hold the first `most` local days
            days=most if most is not None else 1000,
        )
        days = sorted({_local_day(moment, self.tz) for moment in bounds})
        return days[:most] if most is not None else days

    async def free_slots(
        self,
        service_id: str,
        day: dt.date | None = None,
        *,
        most: int | None = None,
        start: dt.datetime | None = None,
    ) -> list[repo.FreeTime]:
        """Free open slots of the bookable window (of one local day, if given; from `start` on,
        if given; the first `most`, if given): the database filters full slots and the window,
        so a year of full slots costs nothing here."""
        earliest, latest = rules.bookable_window(self.clock.now(), self.rules)
        if start is not None:
            earliest = max(earliest, start - dt.timedelta(microseconds=1))
        if day is not None:
            day_start = dt.datetime.combine(day, dt.time(0), tzinfo=self.tz).astimezone(dt.UTC)
            day_end = dt.datetime.combine(
                day + dt.timedelta(days=1), dt.time(0), tzinfo=self.tz
            ).astimezone(dt.UTC)
            earliest = max(earliest, day_start - dt.timedelta(microseconds=1))
            latest = min(latest, day_end)
        return await self.db.alone(
            repo.bookable_slots, service_id=service_id, after=earliest, before=latest, most=most
        )

    async def group_slot(self, service_id: str) -> Slot | None:
        """The upcoming series of a group service (its one slot), full or not."""
        async with self.db.reading() as session:
            return await repo.next_open_slot(
                session=session, service_id=service_id, after=self.clock.now()
            )

    async def open_slots(self, service_ids: list[str]) -> list[Slot]:
        """Upcoming open slots of these services (full or not), soonest first."""
        now = self.clock.now()
        found: list[Slot] = []
        async with self.db.reading() as session:
            for service_id in service_ids:
                slots = await repo.slots_of_service(
                    session=session, service_id=service_id, after=now
                )
                found.extend(s for s in slots if s.status == SlotStatus.OPEN)
        return sorted(found, key=lambda s: s.starts_at)

    async def sessions(self, slot_id: int) -> list[tuple[dt.datetime, dt.datetime]]:
        async with self.db.reading() as session:
            rows = await repo.sessions_of(session=session, slot_id=slot_id)
            if rows:
                return [(r.starts_at, r.ends_at) for r in rows]
            slot = await repo.get_slot(session=session, slot_id=slot_id)
        return [(slot.starts_at, slot.ends_at)] if slot else []

    async def alternatives(self, slot: Slot) -> list[repo.FreeTime]:
        """Other free times of the same service (never the one just refused or taken)."""
        found = await self.free_slots(slot.service_id, most=4)  # the slot itself may be free
        return [s for s in found if s.id != slot.id][:3]
