"""Waiting lists: a freed group place is held for the first person waiting, for a limited time;
accepting, declining or letting it lapse passes it on."""

from __future__ import annotations

import datetime as dt
import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.booking import rules
from bot.booking.desk_base import DeskBase
from bot.booking.outcome import Outcome, Status
from bot.delivery import outbox
from bot.delivery.kinds import Kind
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
from storage.repos import booking as repo
from storage.repos import waiting as waiting_repo

log = logging.getLogger(__name__)


class Waitlist(DeskBase):
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

    async def join_waitlist(self, *, user_id: int, slot_id: int) -> Outcome:
        now = self.clock.now()
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

    async def _offer_next(
        self, session: AsyncSession, slot: Slot, now: dt.datetime
    ) -> Outcome | None:
        """Hold a freed group place for the first person waiting, for a limited time."""
        service = self.catalog.get(slot.service_id)
        if service is None or not service.is_group or slot.status != SlotStatus.OPEN:
            return None
        while True:
            waiting = await repo.first_waiting(session=session, slot_id=slot.id or 0)
            if waiting is None:
                return None
            user = await session.get(User, waiting.user_id)
            reachable = user is not None and user.active
            status = WaitingStatus.OFFERED if reachable else WaitingStatus.LEFT
            taken = await repo.take_turn(session=session, waiting_id=waiting.id or 0, status=status)
            if user is None or not taken or not reachable:
                continue
            # A course under way (a place freed after its first session, e.g. "cannot
            # continue"): the place is offered while sessions are ahead, until the next one.
            meetings = await repo.sessions_of(session=session, slot_id=slot.id or 0)
            ahead = [m.starts_at for m in meetings if m.starts_at > now]
            under_way = bool(ahead) and slot.starts_at <= now
            starts = min(ahead) if under_way else slot.starts_at
            if not await repo.take_place(
                session=session, slot_id=slot.id or 0, now=now, under_way=under_way
            ):
                return None
            expires = rules.offer_expires(starts, now, self.tz, self.rules)
            booking = await repo.add_booking(
                session=session,
                user_id=user.id or 0,
                slot_id=slot.id or 0,
                service_id=slot.service_id,
                status=BookingStatus.OFFERED,
                offer_expires_at=expires,
                created_at=now,
                updated_at=now,
            )
            await outbox.enqueue(session, Kind.OFFER_EXPIRY, due_at=expires, ref_id=booking.id)
            await self._tell_person(session, Kind.OFFER, booking, now)
            await self._event(
                session, EventKind.WAITLIST_OFFERED, user, service_id=slot.service_id, now=now
            )
            return Outcome(Status.OK, booking=booking, slot=slot, user=user)

    async def answer_offer(self, *, booking_id: int, user_id: int, accept: bool) -> Outcome:
        now = self.clock.now()
        async with self.db.brief() as session:
            loaded = await self._load_owned(session, booking_id, user_id, (BookingStatus.OFFERED,))
            expires = loaded[0].offer_expires_at if loaded else None
            if loaded is None or (expires is not None and expires <= now):
                return Outcome(Status.GONE)
            # The slot locked (after the booking, the usual order): a /cancelslot at this moment
            # either finds this booking when it has the slot, or is found to have run first.
            slot_now = await repo.lock_slot(session=session, slot_id=loaded[1].id or 0)
            if slot_now is None or slot_now.status != SlotStatus.OPEN:
                return Outcome(Status.GONE)  # cancelled meanwhile: the held place lapses unused
            booking, slot, user = loaded
            await outbox.cancel(session, ref_id=booking_id, kinds=(Kind.OFFER_EXPIRY, Kind.OFFER))
            if accept:
                booking.status, booking.updated_at, booking.offer_expires_at = (
                    BookingStatus.PENDING,
                    now,
                    None,
                )
                session.add(booking)
                await repo.settle_waiting(
                    session=session,
                    user_id=user_id,
                    slot_id=slot.id or 0,
                    status=WaitingStatus.DONE,
                )
                notice = self._notice(booking, "co-booked", now)
                await self._schedule_reminders(session, booking, slot, now, notice=notice)
                await self._event(
                    session, EventKind.BOOKED, user, service_id=slot.service_id, now=now
                )
                await session.commit()
                return Outcome(Status.OK, booking=booking, slot=slot, user=user)
            await self._drop_offer(session, booking, slot, user, now, EventKind.OFFER_DECLINED)
            await session.commit()
            return Outcome(Status.DECLINED, booking=booking, slot=slot, user=user)

    async def _drop_offer(
        self,
        session: AsyncSession,
        booking: Booking,
        slot: Slot,
        user: User,
        now: dt.datetime,
        kind: str,
    ) -> Outcome | None:
        booking.status, booking.updated_at = BookingStatus.EXPIRED, now
        session.add(booking)
        await repo.settle_waiting(
            session=session, user_id=user.id or 0, slot_id=slot.id or 0, status=WaitingStatus.LEFT
        )
        await repo.release_place(session=session, slot_id=slot.id or 0)
        await self._event(session, kind, user, service_id=slot.service_id, now=now)
        return await self._offer_next(session, slot, now)

    async def expire_offer(self, booking_id: int) -> None:
        """A held place lapsed (its outbox row fell due): pass it to the next person waiting."""
        now = self.clock.now()
        async with self.db.brief() as session:
            loaded = await self._load(session, booking_id)
            if loaded is None or loaded[0].status != BookingStatus.OFFERED:
                return  # answered meanwhile: nothing lapses
            booking, slot, user = loaded
            await self._drop_offer(session, booking, slot, user, now, EventKind.OFFER_EXPIRED)
            await session.commit()

    async def waiting_places(self, user_id: int) -> list[tuple[Waiting, Slot, int]]:
        async with self.db.brief() as session:
            return await repo.waiting_of_user(
                session=session, user_id=user_id, after=self.clock.now()
            )

    async def waiting_with_person(self, waiting_id: int) -> tuple[Waiting, Slot, User] | None:
        async with self.db.reading() as session:
            return await waiting_repo.waiting_with_person(session=session, waiting_id=waiting_id)

    async def leave_waitlist(self, *, user_id: int, waiting_id: int) -> bool:
        async with self.db.brief() as session:
            left = await repo.leave_waiting(session=session, user_id=user_id, waiting_id=waiting_id)
            await session.commit()
        return left
