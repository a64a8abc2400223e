"""Course follow-up: a participant marked absent at two consecutive sessions of their course gets
one friendly nudge; coordinators see who is on track to complete. No Telegram imports.

"Completed" is the completion indicator's rule (`storage/repos/indicators.py`): present at more
than half of the course's sessions. "On track" means that rule can still be met: the sessions
attended plus those still ahead are more than half of all sessions.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.booking import rules
from bot.booking.rules import DeskRules
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from storage.db import Database
from storage.models import HOLDING_BOOKING, AttendanceStatus, Booking, Slot
from storage.repos import announcements as course_repo
from storage.repos import booking as booking_repo
from storage.repos import outbox as outbox_repo


def two_absences_in_a_row(starts: list[dt.datetime], marks: dict[dt.datetime, str]) -> bool:
    """Whether two consecutive sessions (in time order) are both marked absent."""
    ordered = sorted(starts)
    return any(
        marks.get(a) == AttendanceStatus.NO_SHOW and marks.get(b) == AttendanceStatus.NO_SHOW
        for a, b in itertools.pairwise(ordered)
    )


def next_session(starts: list[dt.datetime], now: dt.datetime) -> dt.datetime | None:
    ahead = [s for s in starts if s > now]
    return min(ahead) if ahead else None


@dataclass(frozen=True)
class Standing:
    """One participant of one course, as the coordinator's /course view shows them."""

    first_name: str
    present: int
    absent: int
    ahead: int
    total: int

    @property
    def on_track(self) -> bool:
        return (self.present + self.ahead) * 2 > self.total


def standing(
    first_name: str, starts: list[dt.datetime], marks: dict[dt.datetime, str], now: dt.datetime
) -> Standing:
    return Standing(
        first_name=first_name,
        present=sum(1 for s in starts if marks.get(s) == AttendanceStatus.PRESENT),
        absent=sum(1 for s in starts if marks.get(s) == AttendanceStatus.NO_SHOW),
        ahead=sum(1 for s in starts if s > now),
        total=len(starts),
    )


def first_name(display_name: str) -> str:
    """Coordinators see first names only."""
    words = display_name.split()
    return words[0] if words else "—"


async def after_absence(
    session: AsyncSession,
    *,
    booking: Booking,
    slot: Slot,
    now: dt.datetime,
    tz: ZoneInfo,
    desk_rules: DeskRules,
) -> None:
    """Called in the unit of work that marks someone absent (the booking row is locked, so two
    coordinators marking at once write one nudge). At most one nudge per booking, and only if a
    session is still ahead to come to."""
    assert booking.id is not None
    if await outbox_repo.exists(session=session, ref_id=booking.id, kind=Kind.COURSE_NUDGE):
        return
    meetings = await booking_repo.sessions_of(session=session, slot_id=slot.id or 0)
    starts = [m.starts_at for m in meetings]
    if len(starts) < 2 or next_session(starts, now) is None:
        return
    await session.flush()  # the mark just written counts
    marks = {
        m.session_start: m.status
        for m in await booking_repo.attendance_for(session=session, booking_ids=[booking.id])
    }
    if not two_absences_in_a_row(starts, marks):
        return
    await outbox.enqueue(
        session,
        Kind.COURSE_NUDGE,
        due_at=rules.in_waking_hours(now, tz, desk_rules),
        user_id=booking.user_id,
        ref_id=booking.id,
    )


VIEW_BACK = dt.timedelta(days=60)  # courses with a session within this window either side
VIEW_AHEAD = dt.timedelta(days=60)


@dataclass(frozen=True)
class CourseStanding:
    slot: Slot
    people: list[Standing]


async def standings(db: Database, now: dt.datetime) -> list[CourseStanding]:
    """Per running course, every participant still holding a place, by first name."""
    async with db.session() as session:
        slots = await course_repo.courses_running(
            session=session, start=now - VIEW_BACK, end=now + VIEW_AHEAD
        )
        found = []
        for slot in slots:
            starts = [
                m.starts_at
                for m in await booking_repo.sessions_of(session=session, slot_id=slot.id or 0)
            ]
            pairs = await booking_repo.active_on_slots(session=session, slot_ids=[slot.id or 0])
            pairs = [(b, u) for b, u in pairs if b.status in HOLDING_BOOKING]
            marks = await booking_repo.attendance_for(
                session=session, booking_ids=[b.id or 0 for b, _ in pairs]
            )
            by_booking: dict[int, dict[dt.datetime, str]] = {}
            for mark in marks:
                by_booking.setdefault(mark.booking_id, {})[mark.session_start] = mark.status
            people = [
                standing(first_name(user.display_name), starts, by_booking.get(b.id or 0, {}), now)
                for b, user in pairs
            ]
            found.append(CourseStanding(slot, people))
    return found
