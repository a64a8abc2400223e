"""Waiting lists: a freed group place is held for the first person waiting, for a limited time;
accepting, declining or letting it lapse passes it on."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.exc import IntegrityError

from bot.booking import rules
from bot.booking.desk_base import DeskBase
from bot.booking.outcome import Outcome, Status
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from bot.delivery.outbox import NewRow
from storage.models import (
    Booking,
    BookingStatus,
    EventKind,
    Slot,
    SlotStatus,
    User,
    Waiting,
    WaitingStatus,
)
from storage.prepared import Runner
from storage.repos import booking as repo
from storage.repos import booking_changes as changes
from storage.repos import outbox as outbox_repo
from storage.repos import waiting as waiting_repo

log = logging.getLogger(__name__)


class Waitlist(DeskBase):
    def _close(
        self,
        connection: Runner,
        booking: Booking,
        slot: Slot,
        user: User,
        now: dt.datetime,
        status: str,
    ) -> Outcome | None:
        """Cancel or decline: free the place, stop its reminders, log it, offer the place to
        the first person waiting. Returns that offer, if one was made. A statement function."""
        changes.change_booking(
            connection, booking, new_sequence=True, status=status, updated_at=now
        )
        repo.released(connection, slot_id=slot.id or 0)
        outbox_repo.cancel_rows(
            connection, ref_id=booking.id or 0, kinds=(Kind.REMINDER, Kind.OFFER_EXPIRY)
        )
        self._record(connection, kind=status, user=user, service_id=slot.service_id, now=now)
        return self._offer_next(connection, slot, now)

    async def join_waitlist(self, *, user_id: int, slot_id: int) -> Outcome:
        now = self.clock.now()
        try:
            async with self.db.brief() as session:
                found = await self._open_slot_for(session, user_id, slot_id, now)
                if isinstance(found, Outcome):
                    return found
                slot, user = found
                if await repo.waiting_entry(session=session, user_id=user_id, slot_id=slot_id):
                    return Outcome(Status.ALREADY_WAITING, slot=slot)
                await repo.add_waiting(session=session, user_id=user_id, slot_id=slot_id, now=now)
                await self._event(
                    session, EventKind.WAITLIST_JOINED, user, service_id=slot.service_id, now=now
                )
                await session.commit()
                return Outcome(Status.OK, slot=slot, user=user)
        except IntegrityError:  # the same person's other tap, on another instance, won the race:
            return Outcome(Status.ALREADY_WAITING)  # the unique index kept them in line once

    def _offer_next(self, connection: Runner, slot: Slot, now: dt.datetime) -> Outcome | None:
        """Hold a freed group place for the first person waiting, for a limited time. A
        statement function."""
        service = self.catalog.get(slot.service_id)
        if service is None or not service.is_group or slot.status != SlotStatus.OPEN:
            return None
        while True:
            waiting = waiting_repo.first_in_line(connection, slot_id=slot.id or 0)
            if waiting is None:
                return None
            user = changes.person(connection, user_id=waiting.user_id)
            reachable = user is not None and user.active
            # Booked a place of this slot meanwhile (the centre added one): in, not waiting.
            booked = changes.holds_place(connection, user_id=waiting.user_id, slot_id=slot.id)
            status = (
                WaitingStatus.DONE
                if booked
                else (WaitingStatus.OFFERED if reachable else WaitingStatus.LEFT)
            )
            taken = waiting_repo.turn_taken(connection, waiting_id=waiting.id, status=status)
            if user is None or not taken or not reachable or booked:
                continue
            # A course under way (a place freed after its first session, e.g. "cannot
            # continue"): the place is offered while sessions are ahead, until the next one.
            ahead = [at for at in repo.session_starts(connection, slot_id=slot.id or 0) if at > now]
            under_way = bool(ahead) and slot.starts_at <= now
            starts = min(ahead) if under_way else slot.starts_at
            if not repo.took(connection, under_way=under_way, slot=slot.id or 0, now=now):
                return None
            expires = rules.offer_expires(starts, now, self.tz, self.rules)
            booking = repo.insert_booking(
                connection,
                values={
                    "user_id": user.id,
                    "slot_id": slot.id,
                    "service_id": slot.service_id,
                    "status": BookingStatus.OFFERED,
                    "offer_expires_at": expires,
                    "created_at": now,
                    "updated_at": now,
                },
            )
            offer = NewRow(Kind.OFFER, due_at=now, user_id=booking.user_id, ref_id=booking.id)
            lapse = NewRow(Kind.OFFER_EXPIRY, due_at=expires, ref_id=booking.id)
            outbox.write_all(connection, [lapse, offer])
            self._record(
                connection,
                kind=EventKind.WAITLIST_OFFERED,
                user=user,
                service_id=slot.service_id,
                now=now,
            )
            return Outcome(Status.OK, booking=booking, slot=slot, user=user)

    async def answer_offer(
        self, *, booking_id: int, user_id: int, accept: bool, sends_itself: bool = False
    ) -> Outcome:
        return await self.db.atomic(
            self._answer_offer,
            booking_id=booking_id,
            user_id=user_id,
            accept=accept,
            now=self.clock.now(),
            lease=self._lease(sends_itself),
        )

    def _answer_offer(
        self,
        connection: Runner,
        *,
        booking_id: int,
        user_id: int,
        accept: bool,
        now: dt.datetime,
        lease: dt.timedelta | None,
    ) -> Outcome:
        """The answer's unit of work (statement functions: `Database.atomic`)."""
        loaded = self._locked(connection, booking_id, user_id, (BookingStatus.OFFERED,))
        expires = loaded[0].offer_expires_at if loaded else None
        if loaded is None or (expires is not None and expires <= now):
            return Outcome(Status.GONE)
        # The slot locked (after the booking, the usual order): a /cancelslot at this moment
        # either finds this booking when it has the slot, or is found to have run first.
        slot_now = changes.locked_slot(connection, slot_id=loaded[1].id or 0)
        if slot_now is None or slot_now.status != SlotStatus.OPEN:
            return Outcome(Status.GONE)  # cancelled meanwhile: the held place lapses unused
        booking, slot, user = loaded
        outbox_repo.cancel_rows(
            connection, ref_id=booking_id, kinds=(Kind.OFFER_EXPIRY, Kind.OFFER)
        )
        if accept:
            changes.change_booking(
                connection,
                booking,
                status=BookingStatus.PENDING,
                updated_at=now,
                offer_expires_at=None,
            )
            waiting_repo.settled(
                connection, user_id=user_id, slot_id=slot.id or 0, status=WaitingStatus.DONE
            )
            notice = self._notice(booking, "co-booked", now)
            sends = self._schedule_reminders(
                connection, booking, slot, now, notice=notice, lease=lease
            )
            self._record(
                connection, kind=EventKind.BOOKED, user=user, service_id=slot.service_id, now=now
            )
            return Outcome(Status.OK, booking=booking, slot=slot, user=user, sends=sends)
        self._drop_offer(connection, booking, slot, user, now, EventKind.OFFER_DECLINED)
        return Outcome(Status.DECLINED, booking=booking, slot=slot, user=user)

    def _drop_offer(
        self,
        connection: Runner,
        booking: Booking,
        slot: Slot,
        user: User,
        now: dt.datetime,
        kind: str,
    ) -> Outcome | None:
        changes.change_booking(connection, booking, status=BookingStatus.EXPIRED, updated_at=now)
        waiting_repo.settled(
            connection, user_id=user.id or 0, slot_id=slot.id or 0, status=WaitingStatus.LEFT
        )
        repo.released(connection, slot_id=slot.id or 0)
        self._record(connection, kind=kind, user=user, service_id=slot.service_id, now=now)
        return self._offer_next(connection, slot, now)

    async def expire_offer(self, booking_id: int) -> None:
        """A held place lapsed (its outbox row fell due): pass it to the next person waiting."""
        await self.db.atomic(self._expire_offer, booking_id=booking_id, now=self.clock.now())

    def _expire_offer(self, connection: Runner, *, booking_id: int, now: dt.datetime) -> None:
        loaded = changes.locked_booking(connection, booking_id=booking_id)
        if loaded is None or loaded[0].status != BookingStatus.OFFERED:
            return  # answered meanwhile: nothing lapses
        booking, slot, user = loaded
        self._drop_offer(connection, booking, slot, user, now, EventKind.OFFER_EXPIRED)

    async def waiting_places(self, user_id: int) -> list[tuple[Waiting, Slot, int]]:
        return await self.db.alone(repo.waiting_of_user, user_id=user_id, after=self.clock.now())

    async def waiting_with_person(self, waiting_id: int) -> tuple[Waiting, Slot, User] | None:
        async with self.db.reading() as session:
            return await waiting_repo.waiting_with_person(session=session, waiting_id=waiting_id)

    async def leave_waitlist(self, *, user_id: int, waiting_id: int) -> bool:
        async with self.db.brief() as session:
            left = await repo.leave_waiting(session=session, user_id=user_id, waiting_id=waiting_id)
            await session.commit()
        return left
