"""The booking desk: every booking operation as one unit of work (one transaction, one commit).

It takes `now` from the application clock and returns what happened; the Telegram layer decides
what to send. The database enforces capacity (see `storage.repos.booking.take_place`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.booking.catalog import Catalog
from bot.booking.schedule import PlannedSlot, planned_slots
from bot.clock import Clock
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from storage.db import Database
from storage.models import ACTIVE_BOOKING, Booking, CourseSession, Slot, User
from storage.repos import booking as repo
from storage.repos import events

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeskRules:
    reminder_hours: tuple[float, ...] = (24.0, 2.0)
    cutoff_hours: float = 2.0  # migrants cannot cancel or move later than this before the start
    horizon_days: int = 21
    offer_hours: float = 12.0  # how long a freed group place is held for the first person waiting


@dataclass
class Outcome:
    """What an operation did. `status` is a short word the handlers map to a message."""

    status: str
    booking: Booking | None = None
    slot: Slot | None = None
    user: User | None = None
    offer: Outcome | None = None  # a freed place offered to the next person waiting
    alternatives: list[Slot] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class BookingDesk:
    def __init__(
        self,
        db: Database,
        catalog: Callable[[], Catalog],
        tz: ZoneInfo,
        clock: Clock,
        rules: DeskRules,
    ) -> None:
        self.db = db
        self._catalog = catalog
        self.tz = tz
        self.clock = clock
        self.rules = rules

    @property
    def catalog(self) -> Catalog:
        return self._catalog()

    # -- helpers -------------------------------------------------------------------------------
    async def _event(
        self, session: AsyncSession, kind: str, user: User, *, service_id: str, now: dt.datetime
    ) -> None:
        await events.record(
            session=session,
            kind=kind,
            user_key=user.user_key,
            language=user.language,
            at=now,
            service_id=service_id,
        )

    async def _schedule_reminders(
        self, session: AsyncSession, booking: Booking, slot: Slot, now: dt.datetime
    ) -> None:
        assert booking.id is not None
        await outbox.cancel(session, ref_id=booking.id, kinds=(Kind.REMINDER,))
        for hours in self.rules.reminder_hours:
            due = slot.starts_at - dt.timedelta(hours=hours)
            if due > now:
                await outbox.enqueue(
                    session, Kind.REMINDER, due_at=due, user_id=booking.user_id, ref_id=booking.id
                )

    @staticmethod
    async def _tell_centre(
        session: AsyncSession, booking: Booking, event: str, now: dt.datetime
    ) -> None:
        """A notice in the coordinator chat, sent after this unit of work commits."""
        await outbox.enqueue(
            session, Kind.BOOKING_NOTICE, due_at=now, ref_id=booking.id, payload={"event": event}
        )

    @staticmethod
    async def _tell_person(
        session: AsyncSession, kind: Kind, booking: Booking, now: dt.datetime
    ) -> None:
        await outbox.enqueue(session, kind, due_at=now, user_id=booking.user_id, ref_id=booking.id)

    async def _close(
        self,
        session: AsyncSession,
        booking: Booking,
        slot: Slot,
        user: User,
        now: dt.datetime,
        status: str,
    ) -> Outcome | None:
        """Cancel or decline: free the place, stop its reminders, log it, offer the place to
        the first person waiting. Returns that offer, if one was made."""
        booking.status, booking.updated_at = status, now
        booking.sequence += 1  # calendars learn of the change
        session.add(booking)
        await repo.release_place(session=session, slot_id=slot.id or 0)
        await outbox.cancel(
            session, ref_id=booking.id or 0, kinds=(Kind.REMINDER, Kind.OFFER_EXPIRY)
        )
        await self._event(session, status, user, service_id=slot.service_id, now=now)
        return await self._offer_next(session, slot, now)

    @staticmethod
    async def _end(session: AsyncSession, *keep: Slot) -> None:
        """Roll back now, keeping `keep` readable: the write lock is released before another
        session looks for alternatives, and a rollback would otherwise expire the objects."""
        for item in keep:
            session.expunge(item)
        await session.rollback()

    def _too_late(self, slot: Slot, now: dt.datetime) -> bool:
        return slot.starts_at - now < dt.timedelta(hours=self.rules.cutoff_hours)

    async def _load(
        self, session: AsyncSession, booking_id: int
    ) -> tuple[Booking, Slot, User] | None:
        # Locked: every state change of a booking goes through here, so two instances (or a
        # double tap) changing one booking take turns and the second sees the first's result.
        booking = await repo.lock_booking(session=session, booking_id=booking_id)
        if booking is None:
            return None
        slot = await repo.get_slot(session=session, slot_id=booking.slot_id)
        user = await session.get(User, booking.user_id)
        if slot is None or user is None:
            return None
        return booking, slot, user

    async def _load_owned(
        self,
        session: AsyncSession,
        booking_id: int,
        user_id: int | None,
        statuses: tuple[str, ...] = ACTIVE_BOOKING,
    ) -> tuple[Booking, Slot, User] | None:
        """The booking if it is in one of `statuses` and belongs to `user_id` (None: staff).
        Ids come from buttons, so another person's booking must look like no booking at all."""
        loaded = await self._load(session, booking_id)
        if loaded is None or loaded[0].status not in statuses:
            return None
        if user_id is not None and loaded[0].user_id != user_id:
            return None
        return loaded

    # -- schedule ------------------------------------------------------------------------------
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
                for planned in plan:
                    if planned.ends_at <= now:
                        continue
                    existing = await repo.find_slot(
                        session=session, service_id=service.id, starts_at=planned.starts_at
                    )
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
        for slot in await repo.slots_of_service(session=session, service_id=service_id, after=now):
            if (
                slot.status == "open"
                and slot.origin != "coordinator"
                and slot.booked == 0
                and slot.starts_at not in planned
            ):
                slot.status = "withdrawn"
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
            return Outcome("unknown_service")
        starts_at = local_start.replace(tzinfo=self.tz).astimezone(dt.UTC)
        if starts_at <= self.clock.now():
            return Outcome("in_past")
        async with self.db.session() as session:
            if await repo.find_slot(session=session, service_id=service_id, starts_at=starts_at):
                return Outcome("exists")
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
            return Outcome("ok", slot=slot)

    async def cancel_slot(self, slot_id: int) -> tuple[Outcome, list[Outcome]]:
        """A coordinator cancels a slot; every active booking on it is cancelled too."""
        now = self.clock.now()
        async with self.db.session() as session:
            # Bookings before the slot: the lock order of every other booking change.
            active = await repo.active_on_slots(session=session, slot_ids=[slot_id], lock=True)
            slot = await repo.lock_slot(session=session, slot_id=slot_id)
            if slot is None or slot.status != "open":
                return Outcome("gone"), []
            slot.status = "cancelled"
            session.add(slot)
            affected: list[Outcome] = []
            for booking, user in active:
                booking.status, booking.updated_at = "cancelled", now
                booking.sequence += 1
                session.add(booking)
                assert booking.id is not None
                await outbox.cancel(
                    session, ref_id=booking.id, kinds=(Kind.REMINDER, Kind.OFFER_EXPIRY)
                )
                await self._tell_person(session, Kind.SLOT_CANCELLED, booking, now)
                await self._event(session, "cancelled", user, service_id=slot.service_id, now=now)
                affected.append(Outcome("ok", booking=booking, slot=slot, user=user))
            await session.commit()
            return Outcome("ok", slot=slot), affected

    async def available_days(self, service_id: str) -> list[dt.date]:
        slots = await self.free_slots(service_id)
        return sorted({s.starts_at.astimezone(self.tz).date() for s in slots})

    async def free_slots(self, service_id: str, day: dt.date | None = None) -> list[Slot]:
        now = self.clock.now()
        earliest = now + dt.timedelta(hours=self.rules.cutoff_hours)
        latest = now + dt.timedelta(days=self.rules.horizon_days + 1)
        async with self.db.session() as session:
            slots = await repo.bookable_slots(
                session=session, service_id=service_id, after=earliest, before=latest
            )
        free = [s for s in slots if s.booked < s.capacity]
        if day is not None:
            free = [s for s in free if s.starts_at.astimezone(self.tz).date() == day]
        return free

    async def group_slot(self, service_id: str) -> Slot | None:
        """The upcoming series of a group service (its one slot), full or not."""
        async with self.db.session() as session:
            slots = await repo.slots_of_service(
                session=session, service_id=service_id, after=self.clock.now()
            )
        open_slots = sorted((s for s in slots if s.status == "open"), key=lambda s: s.starts_at)
        return open_slots[0] if open_slots else None

    async def sessions(self, slot_id: int) -> list[tuple[dt.datetime, dt.datetime]]:
        async with self.db.session() as session:
            rows = await repo.sessions_of(session=session, slot_id=slot_id)
            if rows:
                return [(r.starts_at, r.ends_at) for r in rows]
            slot = await repo.get_slot(session=session, slot_id=slot_id)
        return [(slot.starts_at, slot.ends_at)] if slot else []

    # -- migrant operations --------------------------------------------------------------------
    async def _open_slot_for(
        self, session: AsyncSession, user_id: int, slot_id: int, now: dt.datetime
    ) -> tuple[Slot, User] | Outcome:
        """The slot and person, if the slot can still be booked and they have not booked it."""
        slot = await repo.get_slot(session=session, slot_id=slot_id)
        user = await session.get(User, user_id)
        if slot is None or user is None or slot.status != "open" or slot.starts_at <= now:
            return Outcome("gone", slot=slot)
        if await repo.active_booking(session=session, user_id=user_id, slot_id=slot_id):
            return Outcome("already", slot=slot)
        return slot, user

    async def book(
        self, *, user_id: int, slot_id: int, topic_id: str | None = None, note: str | None = None
    ) -> Outcome:
        now = self.clock.now()
        async with self.db.session() as session:
            found = await self._open_slot_for(session, user_id, slot_id, now)
            if isinstance(found, Outcome):
                return found
            slot, user = found
            if not await repo.take_place(session=session, slot_id=slot_id, now=now):
                await self._end(session, slot)
                return Outcome("full", slot=slot, alternatives=await self.alternatives(slot))
            try:
                booking = await repo.add_booking(
                    session=session,
                    booking=Booking(
                        user_id=user_id,
                        slot_id=slot_id,
                        service_id=slot.service_id,
                        topic_id=topic_id,
                        note=(note or None) and note[:300],
                        created_at=now,
                        updated_at=now,
                    ),
                )
                await self._schedule_reminders(session, booking, slot, now)
                await self._tell_centre(session, booking, "co-booked", now)
                await self._event(session, "booked", user, service_id=slot.service_id, now=now)
                await session.commit()
            except IntegrityError:  # the same person twice at once (a double tap): the unique
                await self._end(session, slot)  # index said no, and the place is given back
                return Outcome("already")
            await session.refresh(slot)
            return Outcome("ok", booking=booking, slot=slot, user=user)

    async def alternatives(self, slot: Slot) -> list[Slot]:
        """Other free times of the same service (never the one just refused or taken)."""
        return [s for s in await self.free_slots(slot.service_id) if s.id != slot.id][:3]

    async def upcoming(self, user_id: int) -> list[tuple[Booking, Slot]]:
        async with self.db.session() as session:
            return await repo.upcoming_for_user(
                session=session, user_id=user_id, now=self.clock.now()
            )

    async def owned(self, user_id: int, booking_id: int) -> tuple[Booking, Slot] | None:
        """The booking if it belongs to this user and is still active (never trust callbacks)."""
        async with self.db.session() as session:
            loaded = await self._load_owned(session, booking_id, user_id)
        return (loaded[0], loaded[1]) if loaded else None

    async def cancel(
        self, *, booking_id: int, user_id: int | None, by_staff: bool = False
    ) -> Outcome:
        """Cancel; `user_id` must own the booking unless staff cancel it."""
        now = self.clock.now()
        async with self.db.session() as session:
            loaded = await self._load_owned(session, booking_id, user_id)
            if loaded is None:
                return Outcome("gone")
            booking, slot, user = loaded
            if not by_staff and self._too_late(slot, now):
                return Outcome("too_late", booking=booking, slot=slot, user=user)
            offer = await self._close(session, booking, slot, user, now, "cancelled")
            await self._tell_centre(session, booking, "co-cancelled", now)
            await session.commit()
            return Outcome("ok", booking=booking, slot=slot, user=user, offer=offer)

    async def move(self, *, booking_id: int, user_id: int, new_slot_id: int) -> Outcome:
        now = self.clock.now()
        async with self.db.session() as session:
            loaded = await self._load_owned(session, booking_id, user_id, ("pending", "confirmed"))
            if loaded is None:
                return Outcome("gone")
            booking, old_slot, user = loaded
            if self._too_late(old_slot, now):
                return Outcome("too_late", booking=booking, slot=old_slot, user=user)
            new_slot = await repo.get_slot(session=session, slot_id=new_slot_id)
            if (
                new_slot is None
                or new_slot.service_id != booking.service_id
                or new_slot.id == old_slot.id
            ):
                return Outcome("gone", booking=booking, slot=old_slot, user=user)
            if not await self._swap_places(session, old_slot.id or 0, new_slot_id, now):
                await self._end(session, new_slot)
                return Outcome(
                    "full", slot=new_slot, alternatives=await self.alternatives(new_slot)
                )
            # The same booking (and calendar UID) moves; SEQUENCE tells calendars it changed.
            booking.slot_id, booking.status, booking.updated_at = new_slot_id, "pending", now
            booking.sequence += 1
            session.add(booking)
            await self._schedule_reminders(session, booking, new_slot, now)
            await self._tell_centre(session, booking, "co-moved", now)
            await self._event(session, "moved", user, service_id=booking.service_id, now=now)
            await session.commit()
            await session.refresh(new_slot)
            return Outcome("ok", booking=booking, slot=new_slot, user=user, alternatives=[old_slot])

    @staticmethod
    async def _swap_places(
        session: AsyncSession, old_slot_id: int, new_slot_id: int, now: dt.datetime
    ) -> bool:
        """Take a place on the new slot and give back the old one, touching the two slot rows
        in id order so that two moves in opposite directions cannot deadlock. False: the new
        slot is full (the caller rolls back, which also undoes a release already made)."""
        if old_slot_id < new_slot_id:
            await repo.release_place(session=session, slot_id=old_slot_id)
            return await repo.take_place(session=session, slot_id=new_slot_id, now=now)
        if not await repo.take_place(session=session, slot_id=new_slot_id, now=now):
            return False
        await repo.release_place(session=session, slot_id=old_slot_id)
        return True

    async def join_waitlist(self, *, user_id: int, slot_id: int) -> Outcome:
        now = self.clock.now()
        async with self.db.session() as session:
            found = await self._open_slot_for(session, user_id, slot_id, now)
            if isinstance(found, Outcome):
                return found
            slot, user = found
            if await repo.waiting_entry(session=session, user_id=user_id, slot_id=slot_id):
                return Outcome("already_waiting", slot=slot)
            await repo.add_waiting(session=session, user_id=user_id, slot_id=slot_id, now=now)
            await self._event(session, "waitlist_joined", user, service_id=slot.service_id, now=now)
            await session.commit()
            return Outcome("ok", slot=slot, user=user)

    async def _offer_next(
        self, session: AsyncSession, slot: Slot, now: dt.datetime
    ) -> Outcome | None:
        """Hold a freed group place for the first person waiting, for a limited time."""
        service = self.catalog.get(slot.service_id)
        if service is None or not service.is_group or slot.status != "open":
            return None
        while True:
            waiting = await repo.first_waiting(session=session, slot_id=slot.id or 0)
            if waiting is None:
                return None
            user = await session.get(User, waiting.user_id)
            waiting.status = "offered" if user is not None and user.active else "left"
            session.add(waiting)
            if user is None or not user.active:
                continue
            if not await repo.take_place(session=session, slot_id=slot.id or 0, now=now):
                return None
            expires = min(now + dt.timedelta(hours=self.rules.offer_hours), slot.starts_at)
            booking = await repo.add_booking(
                session=session,
                booking=Booking(
                    user_id=user.id or 0,
                    slot_id=slot.id or 0,
                    service_id=slot.service_id,
                    status="offered",
                    offer_expires_at=expires,
                    created_at=now,
                    updated_at=now,
                ),
            )
            await outbox.enqueue(session, Kind.OFFER_EXPIRY, due_at=expires, ref_id=booking.id)
            await self._tell_person(session, Kind.OFFER, booking, now)
            await self._event(
                session, "waitlist_offered", user, service_id=slot.service_id, now=now
            )
            return Outcome("ok", booking=booking, slot=slot, user=user)

    async def answer_offer(self, *, booking_id: int, user_id: int, accept: bool) -> Outcome:
        now = self.clock.now()
        async with self.db.session() as session:
            loaded = await self._load_owned(session, booking_id, user_id, ("offered",))
            expires = loaded[0].offer_expires_at if loaded else None
            if loaded is None or (expires is not None and expires <= now):
                return Outcome("gone")
            booking, slot, user = loaded
            await outbox.cancel(session, ref_id=booking_id, kinds=(Kind.OFFER_EXPIRY, Kind.OFFER))
            if accept:
                booking.status, booking.updated_at, booking.offer_expires_at = "pending", now, None
                session.add(booking)
                await repo.settle_waiting(
                    session=session, user_id=user_id, slot_id=slot.id or 0, status="done"
                )
                await self._schedule_reminders(session, booking, slot, now)
                await self._tell_centre(session, booking, "co-booked", now)
                await self._event(session, "booked", user, service_id=slot.service_id, now=now)
                await session.commit()
                return Outcome("ok", booking=booking, slot=slot, user=user)
            offer = await self._drop_offer(session, booking, slot, user, now, "offer_declined")
            await session.commit()
            return Outcome("declined", booking=booking, slot=slot, user=user, offer=offer)

    async def _drop_offer(
        self,
        session: AsyncSession,
        booking: Booking,
        slot: Slot,
        user: User,
        now: dt.datetime,
        kind: str,
    ) -> Outcome | None:
        booking.status, booking.updated_at = "expired", now
        session.add(booking)
        await repo.settle_waiting(
            session=session, user_id=user.id or 0, slot_id=slot.id or 0, status="left"
        )
        await repo.release_place(session=session, slot_id=slot.id or 0)
        await self._event(session, kind, user, service_id=slot.service_id, now=now)
        return await self._offer_next(session, slot, now)

    # -- coordinator operations ----------------------------------------------------------------
    async def decide(self, *, booking_id: int, confirm: bool, reason: str | None = None) -> Outcome:
        now = self.clock.now()
        async with self.db.session() as session:
            loaded = await self._load(session, booking_id)
            if loaded is None:
                return Outcome("gone")
            booking, slot, user = loaded
            if booking.status != "pending":
                return Outcome("decided", booking=booking, slot=slot, user=user)
            if confirm:
                booking.status, booking.updated_at = "confirmed", now
                session.add(booking)
                await self._tell_person(session, Kind.DECISION, booking, now)
                await self._event(session, "confirmed", user, service_id=slot.service_id, now=now)
                await session.commit()
                return Outcome("ok", booking=booking, slot=slot, user=user)
            booking.decline_reason = reason
            offer = await self._close(session, booking, slot, user, now, "declined")
            await self._tell_person(session, Kind.DECISION, booking, now)
            await session.commit()
            return Outcome("ok", booking=booking, slot=slot, user=user, offer=offer)

    async def mark_attendance(
        self, *, booking_id: int, session_start: dt.datetime, present: bool
    ) -> Outcome:
        now = self.clock.now()
        async with self.db.session() as session:
            loaded = await self._load(session, booking_id)
            if loaded is None or loaded[0].status not in ("pending", "confirmed"):
                return Outcome("gone")
            booking, slot, user = loaded
            await repo.mark_attendance(
                session=session,
                booking_id=booking_id,
                session_start=session_start,
                status="present" if present else "no_show",
                now=now,
            )
            await self._event(
                session,
                "attended" if present else "no_show",
                user,
                service_id=slot.service_id,
                now=now,
            )
            await session.commit()
            return Outcome("ok", booking=booking, slot=slot, user=user)

    async def agenda(self, day: dt.date) -> list[AgendaItem]:
        """Every booking with a meeting on this local day, in time order."""
        start = dt.datetime.combine(day, dt.time(0), tzinfo=self.tz).astimezone(dt.UTC)
        end = dt.datetime.combine(
            day + dt.timedelta(days=1), dt.time(0), tzinfo=self.tz
        ).astimezone(dt.UTC)
        async with self.db.session() as session:
            meetings: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
            slots: dict[int, Slot] = {}
            # Group slots meet on their sessions; one-to-one slots are their own meeting.
            for meeting in await repo.sessions_between(session=session, start=start, end=end):
                group_slot = await repo.get_slot(session=session, slot_id=meeting.slot_id)
                if group_slot is not None and group_slot.status == "open":
                    slots[meeting.slot_id] = group_slot
                    meetings.setdefault(meeting.slot_id, []).append(
                        (meeting.starts_at, meeting.ends_at)
                    )
            for slot in await repo.slots_between(session=session, start=start, end=end):
                if slot.status == "open" and slot.id not in slots:
                    slots[slot.id or 0] = slot
                    meetings[slot.id or 0] = [(slot.starts_at, slot.ends_at)]
            pairs = await repo.active_on_slots(session=session, slot_ids=list(slots))
            marks = await repo.attendance_for(
                session=session, booking_ids=[b.id or 0 for b, _ in pairs]
            )
        marked = {(m.booking_id, m.session_start): m.status for m in marks}
        items = [
            AgendaItem(
                booking=booking,
                user=user,
                slot=slots[booking.slot_id],
                starts_at=s,
                ends_at=e,
                attendance=marked.get((booking.id or 0, s)),
            )
            for booking, user in pairs
            for s, e in meetings.get(booking.slot_id, [])
        ]
        return sorted(items, key=lambda item: (item.starts_at, item.booking.id or 0))

    # -- what the outbox asks about a booking -----------------------------------------------------
    async def expire_offer(self, booking_id: int) -> None:
        """A held place lapsed (its outbox row fell due): pass it to the next person waiting."""
        now = self.clock.now()
        async with self.db.session() as session:
            loaded = await self._load(session, booking_id)
            if loaded is None or loaded[0].status != "offered":
                return  # answered meanwhile: nothing lapses
            booking, slot, user = loaded
            await self._drop_offer(session, booking, slot, user, now, "offer_expired")
            await session.commit()

    async def reminder_due(self, booking_id: int) -> tuple[Booking, Slot, User] | str:
        """The booking a reminder is about, or why the reminder should not go out."""
        now = self.clock.now()
        loaded = await self.booking_with_person(booking_id)
        if loaded is None:
            return "dropped"
        booking, slot, user = loaded
        if booking.status not in ("pending", "confirmed") or slot.status != "open":
            return "cancelled"
        if slot.starts_at <= now:
            return "dropped"  # missed while the bot was down, and it is too late now
        if not user.active:
            return "skipped"
        return loaded

    async def booking_with_person(self, booking_id: int) -> tuple[Booking, Slot, User] | None:
        async with self.db.session() as session:
            booking = await repo.get_booking(session=session, booking_id=booking_id)
            if booking is None:
                return None
            slot = await repo.get_slot(session=session, slot_id=booking.slot_id)
            user = await session.get(User, booking.user_id)
        return (booking, slot, user) if slot is not None and user is not None else None

    async def schedule_agenda(self, day: dt.date) -> bool:
        """The day's agenda for the coordinator chat, once across instances: the first caller
        marks the day and writes the outbox row in one transaction."""
        async with self.db.session() as session:
            try:
                if not await repo.claim_daily(
                    session=session, kind="morning-agenda", day=day.isoformat()
                ):
                    return False
                await outbox.enqueue(
                    session, Kind.AGENDA, due_at=self.clock.now(), payload={"day": day.isoformat()}
                )
                await session.commit()
            except IntegrityError:
                return False
        return True

    async def claim_daily(self, kind: str, day: dt.date) -> bool:
        async with self.db.session() as session:
            try:
                first = await repo.claim_daily(session=session, kind=kind, day=day.isoformat())
                await session.commit()
            except IntegrityError:
                return False
        return first


@dataclass
class AgendaItem:
    booking: Booking
    user: User
    slot: Slot
    starts_at: dt.datetime
    ends_at: dt.datetime
    attendance: str | None
