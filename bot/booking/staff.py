"""What coordinators do: confirm or decline, mark attendance, the agenda."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import course_followup
from bot.booking import rules
from bot.booking.outcome import AgendaItem, Outcome, PendingItem, Status
from bot.booking.waitlist import Waitlist
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from bot.delivery.outbox import NewRow
from storage.models import (
    HOLDING_BOOKING,
    AttendanceStatus,
    Booking,
    BookingStatus,
    EventKind,
    Slot,
    SlotStatus,
)
from storage.prepared import Runner
from storage.repos import booking as repo
from storage.repos import booking_changes as changes
from storage.repos import outbox as outbox_repo

log = logging.getLogger(__name__)


class StaffDesk(Waitlist):
    async def decide(
        self,
        *,
        booking_id: int,
        confirm: bool,
        reason: str | None = None,
        note: str | None = None,
        by: str | None = None,
        seen_slot: int | None = None,
        sends_itself: bool = False,
    ) -> Outcome:
        """Confirm or decline a pending booking, once: a second decision (another coordinator,
        another instance) gets DECIDED with the booking as the first one left it (and who).
        `seen_slot`: the slot the coordinator's notice showed; a booking moved since then is
        not confirmed (MOVED, with the booking as it is now)."""
        now, lease = self.clock.now(), self._lease(sends_itself)
        if confirm:  # the usual press: one conditional UPDATE decides it, in a unit of its own
            try:
                confirmed = await self.db.atomic(
                    self._confirm,
                    booking_id=booking_id,
                    by=by,
                    now=now,
                    seen_slot=seen_slot,
                    lease=lease,
                )
            except _Vanished:
                confirmed = None
            if confirmed is not None:
                return confirmed
        try:
            return await self.db.atomic(
                self._decline,
                booking_id=booking_id,
                confirm=confirm,
                reason=reason,
                note=note,
                by=by,
                seen_slot=seen_slot,
                now=now,
                lease=lease,
            )
        except _Vanished:
            return Outcome(Status.GONE)

    def _decline(
        self,
        connection: Runner,
        *,
        booking_id: int,
        confirm: bool,
        reason: str | None,
        note: str | None,
        by: str | None,
        seen_slot: int | None,
        now: dt.datetime,
        lease: dt.timedelta | None,
    ) -> Outcome:
        """A decline's unit of work, or why a press decides nothing (no longer pending, moved),
        the booking locked and read as it is now (statement functions: `Database.atomic`)."""
        loaded = changes.locked_booking(connection, booking_id=booking_id)
        if loaded is None:
            return Outcome(Status.GONE)
        booking, slot, user = loaded
        if booking.status != BookingStatus.PENDING:
            return Outcome(Status.DECIDED, booking=booking, slot=slot, user=user)
        if confirm and seen_slot is not None and booking.slot_id != seen_slot:
            return Outcome(Status.MOVED, booking=booking, slot=slot, user=user)
        if confirm:  # pending again since the first try (moved back meanwhile): confirm it now
            confirmed = self._confirm(
                connection, booking_id=booking_id, by=by, now=now, seen_slot=seen_slot, lease=lease
            )
            return confirmed or Outcome(Status.DECIDED, booking=booking, slot=slot, user=user)
        changes.change_booking(
            connection, booking, decided_by=by, decline_reason=reason, decline_note=note
        )
        offered = self._close(connection, booking, slot, user, now, BookingStatus.DECLINED)
        # A place offered to the next person is left to a round (the handler's `kick` runs one
        # when nothing comes back leased): the decision goes with it.
        decision = NewRow(Kind.DECISION, due_at=now, user_id=booking.user_id, ref_id=booking.id)
        sends = self._write(connection, [decision], now, None if offered else lease)
        return Outcome(Status.OK, booking=booking, slot=slot, user=user, sends=sends)

    def _confirm(
        self,
        connection: Runner,
        *,
        booking_id: int,
        by: str | None,
        now: dt.datetime,
        seen_slot: int | None = None,
        lease: dt.timedelta | None = None,
    ) -> Outcome | None:
        """Confirmed, told and logged (statement functions: `Database.atomic`); None if it no
        longer waits (decided, moved, gone): nothing was changed, and the caller reads why."""
        booking = repo.decide_pending(
            connection,
            booking_id=booking_id,
            status=BookingStatus.CONFIRMED,
            by=by,
            now=now,
            slot_id=seen_slot,
        )
        if booking is None:
            return None
        found = repo.slot_and_person(connection, slot_id=booking.slot_id, user_id=booking.user_id)
        if found is None:  # cannot be (foreign keys)
            raise _Vanished  # undoes the unit; the caller's read says it is gone
        slot, user = found
        decision = NewRow(Kind.DECISION, due_at=now, user_id=booking.user_id, ref_id=booking.id)
        sends = self._write(connection, [decision], now, lease)
        self._record(
            connection, kind=EventKind.CONFIRMED, user=user, service_id=slot.service_id, now=now
        )
        return Outcome(Status.OK, booking=booking, slot=slot, user=user, sends=sends)

    async def mark_attendance(
        self, *, booking_id: int, session_start: dt.datetime, present: bool
    ) -> Outcome:
        now = self.clock.now()
        async with self.db.brief() as session:
            loaded = await self._load(session, booking_id)
            if loaded is None or loaded[0].status not in HOLDING_BOOKING:
                return Outcome(Status.GONE)
            booking, slot, user = loaded
            meetings = [slot.starts_at] + [
                meeting.starts_at
                for meeting in await repo.sessions_of(session=session, slot_id=slot.id or 0)
            ]
            if session_start not in meetings:
                return Outcome(Status.GONE)  # an old or forged button: no meeting of this booking
            if not rules.may_mark_attendance(session_start, now):
                return Outcome(Status.TOO_EARLY)
            await repo.mark_attendance(
                session=session,
                booking_id=booking_id,
                session_start=session_start,
                status=AttendanceStatus.PRESENT if present else AttendanceStatus.NO_SHOW,
                now=now,
            )
            await self._event(
                session,
                EventKind.ATTENDED if present else EventKind.NO_SHOW,
                user,
                service_id=slot.service_id,
                now=now,
            )
            if present:
                await self._ask_how_it_went(session, booking, slot, now)
            else:  # two absences in a row: one friendly nudge (bot/course_followup.py)
                await course_followup.after_absence(
                    session, booking=booking, slot=slot, now=now, tz=self.tz, desk_rules=self.rules
                )
            await session.commit()
            return Outcome(Status.OK, booking=booking, slot=slot, user=user)

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
                if group_slot is not None and group_slot.status == SlotStatus.OPEN:
                    slots[meeting.slot_id] = group_slot
                    meetings.setdefault(meeting.slot_id, []).append(
                        (meeting.starts_at, meeting.ends_at)
                    )
            for slot in await repo.slots_between(session=session, start=start, end=end):
                if slot.status == SlotStatus.OPEN and slot.id not in slots:
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

    async def waiting_for_decision(self, limit: int) -> tuple[list[PendingItem], int]:
        """Bookings still waiting for a coordinator, soonest meeting first (at most `limit`),
        and how many there are in all. Meetings already over are left out."""
        now = self.clock.now()
        async with self.db.session() as session:
            found = await repo.pending_decisions(session=session, after=now)
        items = [PendingItem(booking=b, slot=s, user=u) for b, s, u in found]
        return items[:limit], len(items)

    async def slot_headcount(self, slot_id: int) -> tuple[Slot | None, int]:
        """An open slot and how many people cancelling it would tell (None: no such open slot)."""
        async with self.db.brief() as session:
            slot = await repo.get_slot(session=session, slot_id=slot_id)
            if slot is None or slot.status != SlotStatus.OPEN:
                return None, 0
            active = await repo.active_on_slots(session=session, slot_ids=[slot_id])
        return slot, len(active)

    @staticmethod
    def notice_posted(connection: Runner, message_ids: list[int], *, booking_id: int) -> None:
        """The coordinator-chat notice that carries this booking's Confirm / Decline, written
        in the same unit of work as the notice row's own result (a statement function)."""
        repo.notice_set(connection, booking=booking_id, message=message_ids[-1])

    async def claim_daily(self, kind: str, day: dt.date) -> bool:
        async with self.db.brief() as session:
            try:
                first = await repo.claim_daily(session=session, kind=kind, day=day.isoformat())
                await session.commit()
            except IntegrityError:
                return False
        return first

    async def _ask_how_it_went(
        self, session: AsyncSession, booking: Booking, slot: Slot, now: dt.datetime
    ) -> None:
        """Once per booking someone attended: the satisfaction question, after the last meeting
        (a course's last session), in waking hours. The booking is locked, so marks made at
        once by two coordinators write one row."""
        assert booking.id is not None
        if await outbox_repo.exists(session=session, ref_id=booking.id, kind=Kind.SURVEY):
            return
        meetings = await repo.sessions_of(session=session, slot_id=slot.id or 0)
        last_end = max((m.ends_at for m in meetings), default=slot.ends_at)
        await outbox.enqueue(
            session,
            Kind.SURVEY,
            due_at=rules.survey_due(last_end, now, self.tz, self.rules),
            user_id=booking.user_id,
            ref_id=booking.id,
        )


class _Vanished(Exception):
    """A confirmed booking whose slot or person is not there (foreign keys forbid it)."""
