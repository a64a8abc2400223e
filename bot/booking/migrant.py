"""What a person does with their bookings: book, cancel, move (each one unit of work)."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.exc import IntegrityError

from bot.booking.desk_base import is_theirs
from bot.booking.outcome import Outcome, Status
from bot.booking.slots import SlotSchedule
from bot.booking.waitlist import Waitlist
from storage.models import (
    ACTIVE_BOOKING,
    HOLDING_BOOKING,
    Booking,
    BookingStatus,
    EventKind,
    Slot,
    SlotStatus,
    User,
    WaitingStatus,
)
from storage.prepared import Runner, detached
from storage.repos import booking as repo
from storage.repos import booking_changes as changes
from storage.repos import users
from storage.repos import waiting as waiting_repo

log = logging.getLogger(__name__)


class MigrantDesk(Waitlist, SlotSchedule):
    async def book(
        self,
        *,
        user_id: int,
        slot_id: int,
        topic_id: str | None = None,
        note: str | None = None,
        interpreter: str | None = None,
        draft: str | None = None,
        sends_itself: bool = False,
    ) -> Outcome:
        """`draft`: the kind of pending input that holds `note` (a typed note waiting for this
        booking); it is taken in the same unit of work, so it is used once and kept if the
        booking fails. `sends_itself`: see `_lease`."""
        now = self.clock.now()
        try:
            return await self.db.atomic(
                self._book,
                user_id=user_id,
                slot_id=slot_id,
                topic_id=topic_id,
                note=note,
                interpreter=interpreter,
                draft=draft,
                now=now,
                lease=self._lease(sends_itself),
            )
        except IntegrityError:  # the same person twice at once (a double tap): the unique
            return Outcome(Status.ALREADY)  # index said no; the place was given back with it all
        except _Undone as undone:  # nothing kept (the place, the draft): say why
            if undone.outcome is not None:
                return undone.outcome
            return await self._why_not_taken(user_id, slot_id, now, person=undone.person)

    def _book(
        self,
        connection: Runner,
        *,
        user_id: int,
        slot_id: int,
        topic_id: str | None,
        note: str | None,
        interpreter: str | None,
        draft: str | None,
        now: dt.datetime,
        lease: dt.timedelta | None,
    ) -> Outcome:
        """The booking's unit of work, statement functions only (`Database.atomic`); raising
        `_Undone` undoes all of it."""
        # The person's row locked first (and read: the only read of the person here): their
        # own bookings are decided one at a time, so two taps on two times cannot both pass
        # the limit below.
        user = repo.locked_user(connection, user_id=user_id)
        if draft is not None and not users.take_awaiting_alone(
            connection, user_id=user_id, kind=draft
        ):
            note = None  # taken meanwhile (a double tap): the other booking has it
        # The place first (one conditional UPDATE that also reads the slot); a refusal below
        # gives it back with the rest of this unit of work.
        slot = repo.taken(connection, slot=slot_id, now=now)
        if slot is None or user is None:
            raise _Undone(person=user is not None)
        held = repo.active_slots(connection, person=user_id, service=slot.service_id, after=now)
        refused = self._refusal(held, slot)
        if refused is not None:
            raise _Undone(refused)
        booking = repo.insert_booking(
            connection,
            values={
                "user_id": user_id,
                "slot_id": slot_id,
                "service_id": slot.service_id,
                "topic_id": topic_id,
                "note": (note or None) and note[:300],
                "interpreter": (interpreter or None) and interpreter[:64],
                "created_at": now,
                "updated_at": now,
            },
        )
        notice = self._notice(booking, "co-booked", now)
        sends = self._write(connection, [*self._reminders(booking, slot, now), notice], now, lease)
        service = self.catalog.get(slot.service_id)
        if service is not None and service.is_group:  # booked in: no longer in line for it
            waiting_repo.settled(
                connection, user_id=user_id, slot_id=slot_id, status=WaitingStatus.DONE
            )
        self._record(
            connection, kind=EventKind.BOOKED, user=user, service_id=slot.service_id, now=now
        )
        # `slot` is as the conditional UPDATE left it (RETURNING): nothing shown uses more.
        return Outcome(Status.OK, booking=booking, slot=slot, user=user, sends=sends)

    async def _why_not_taken(
        self, user_id: int, slot_id: int, now: dt.datetime, *, person: bool
    ) -> Outcome:
        """Why no place was taken (read after the unit was undone): the slot is gone (or too
        late), the person holds it or their limit already, or it is full (with other times)."""
        async with self.db.reading() as session:
            slot = await repo.get_slot(session=session, slot_id=slot_id)
            if not person or slot is None or not self._bookable(slot, now):
                return Outcome(Status.GONE, slot=slot)
            held = await repo.active_slots_of_service(
                session=session, user_id=user_id, service_id=slot.service_id, after=now
            )
        refused = self._refusal(held, slot)
        if refused is not None:
            return refused
        return Outcome(Status.FULL, slot=slot, alternatives=await self.alternatives(slot))

    def _refusal(self, held: list[int], slot: Slot) -> Outcome | None:
        """The person holds this slot already (`held`: the slots of their active bookings of
        its service), or as many of its service as they may."""
        if slot.id in held:
            return Outcome(Status.ALREADY, slot=slot)
        if len(held) >= self.rules.bookings_per_service:
            return Outcome(Status.LIMIT, slot=slot)
        return None

    async def declined(self, user_id: int, booking_id: int) -> Booking | None:
        """A booking of this person the centre declined (to book another time with the same
        topic, note and interpreter); None for anyone else's or any other state."""
        async with self.db.reading() as session:
            booking = await repo.get_booking(session=session, booking_id=booking_id)
        if booking is None or booking.user_id != user_id:
            return None
        return booking if booking.status == BookingStatus.DECLINED else None

    async def upcoming(self, user_id: int) -> list[tuple[Booking, Slot]]:
        return await self.db.alone(repo.upcoming_for_user, user_id=user_id, now=self.clock.now())

    async def owned(self, user_id: int, booking_id: int) -> tuple[Booking, Slot] | None:
        """The booking if it belongs to this user and is still active, to show (never trust
        callbacks): read only, a change decides again in its own unit of work."""
        loaded = await self.booking_with_person(booking_id)
        if loaded is None or not is_theirs(loaded[0], user_id, ACTIVE_BOOKING):
            return None
        return loaded[0], loaded[1]

    async def movable_service(self, user_id: int, booking_id: int) -> str | None:
        """The service of this person's booking if it can be moved, to show the move's pickers
        (read only: the move decides again in its own unit of work)."""
        return await self.db.alone(changes.movable_service, booking_id=booking_id, user_id=user_id)

    async def cancel(
        self,
        *,
        booking_id: int,
        user_id: int | None,
        by_staff: bool = False,
        sends_itself: bool = False,
    ) -> Outcome:
        """Cancel; `user_id` must own the booking unless staff cancel it."""
        return await self.db.atomic(
            self._cancel,
            booking_id=booking_id,
            user_id=user_id,
            by_staff=by_staff,
            now=self.clock.now(),
            lease=self._lease(sends_itself),
        )

    def _cancel(
        self,
        connection: Runner,
        *,
        booking_id: int,
        user_id: int | None,
        by_staff: bool,
        now: dt.datetime,
        lease: dt.timedelta | None,
    ) -> Outcome:
        """The cancel's unit of work (statement functions: `Database.atomic`)."""
        loaded = self._locked(connection, booking_id, user_id)
        if loaded is None:
            return Outcome(Status.GONE)
        booking, slot, user = loaded
        if not by_staff and self._too_late(slot, now):
            return Outcome(Status.TOO_LATE, booking=booking, slot=slot, user=user)
        offered = self._close(connection, booking, slot, user, now, BookingStatus.CANCELLED)
        # A place offered to the next person is left to a round (the handler's `kick` runs one
        # when nothing comes back leased): the notice goes with it.
        notice = [self._notice(booking, "co-cancelled", now)]
        sends = self._write(connection, notice, now, None if offered else lease)
        return Outcome(Status.OK, booking=booking, slot=slot, user=user, sends=sends)

    async def move(
        self, *, booking_id: int, user_id: int, new_slot_id: int, sends_itself: bool = False
    ) -> Outcome:
        try:
            return await self.db.atomic(
                self._move,
                booking_id=booking_id,
                user_id=user_id,
                new_slot_id=new_slot_id,
                now=self.clock.now(),
                lease=self._lease(sends_itself),
            )
        except _Undone as undone:  # the new time is full: nothing kept; other times offered
            slot = undone.outcome.slot if undone.outcome else None
            if slot is None:
                return Outcome(Status.GONE)
            return Outcome(Status.FULL, slot=slot, alternatives=await self.alternatives(slot))

    def _move(
        self,
        connection: Runner,
        *,
        booking_id: int,
        user_id: int,
        new_slot_id: int,
        now: dt.datetime,
        lease: dt.timedelta | None,
    ) -> Outcome:
        """The move's unit of work (statement functions: `Database.atomic`); raising `_Undone`
        undoes all of it (a place already given back)."""
        loaded = self._locked(connection, booking_id, user_id, HOLDING_BOOKING)
        if loaded is None:
            return Outcome(Status.GONE)
        booking, old_slot, user = loaded
        if self._too_late(old_slot, now):
            return Outcome(Status.TOO_LATE, booking=booking, slot=old_slot, user=user)
        row = repo.read_slot(connection, slot_id=new_slot_id)
        new_slot = detached(Slot, row) if row is not None else None
        if (
            new_slot is None
            or new_slot.service_id != booking.service_id
            or new_slot.id == old_slot.id
        ):
            return Outcome(Status.GONE, booking=booking, slot=old_slot, user=user)
        if not self._swap_places(connection, old_slot.id or 0, new_slot_id, now):
            raise _Undone(Outcome(Status.FULL, slot=new_slot))
        # The same booking (and calendar UID) moves; SEQUENCE tells calendars it changed.
        changes.change_booking(
            connection,
            booking,
            new_sequence=True,
            slot_id=new_slot_id,
            status=BookingStatus.PENDING,
            updated_at=now,
        )
        notice = self._notice(booking, "co-moved", now, moved_from=old_slot.starts_at)
        sends = self._schedule_reminders(
            connection, booking, new_slot, now, notice=notice, lease=lease
        )
        self._record(
            connection, kind=EventKind.MOVED, user=user, service_id=booking.service_id, now=now
        )
        # `new_slot` as read before its place was taken: nothing shown uses the count.
        return Outcome(
            Status.OK,
            booking=booking,
            slot=new_slot,
            user=user,
            alternatives=[old_slot],
            sends=sends,
        )

    @staticmethod
    def _swap_places(
        connection: Runner, old_slot_id: int, new_slot_id: int, now: dt.datetime
    ) -> bool:
        """Take a place on the new slot and give back the old one, touching the two slot rows
        in id order so that two moves in opposite directions cannot deadlock. False: the new
        slot is full (the caller undoes its unit, and with it a release already made)."""
        if old_slot_id < new_slot_id:
            repo.released(connection, slot_id=old_slot_id)
            return repo.took(connection, slot=new_slot_id, now=now)
        if not repo.took(connection, slot=new_slot_id, now=now):
            return False
        repo.released(connection, slot_id=old_slot_id)
        return True

    async def reminder_due(self, booking_id: int) -> tuple[Booking, Slot, User] | str:
        """The booking a reminder is about, or why the reminder should not go out."""
        now = self.clock.now()
        loaded = await self.booking_with_person(booking_id)
        if loaded is None:
            return "dropped"
        booking, slot, user = loaded
        if booking.status not in HOLDING_BOOKING or slot.status != SlotStatus.OPEN:
            return "cancelled"
        if slot.starts_at <= now:
            return "dropped"  # missed while the bot was down, and it is too late now
        if not user.active:
            return "skipped"
        return loaded


class _Undone(Exception):
    """A booking refused inside its unit of work: raised so that the unit is undone (the place
    taken, the draft), carrying the refusal, or none when no place was taken (`person`: whether
    the person's row was there)."""

    def __init__(self, outcome: Outcome | None = None, *, person: bool = True) -> None:
        super().__init__()
        self.outcome = outcome
        self.person = person
