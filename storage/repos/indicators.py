"""Counting queries for the indicators: aggregates computed by the database (SQLite or
PostgreSQL), never every row loaded into Python.

One person is one `user_key`: events carry it, bookings reach it through their user row. After an
erasure the person's events and user row share a fresh random key, so they still count once.
Coordinators (by Telegram id) are left out: staff trying the bot are not migrants served.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, exists, func, literal, or_, union
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    HOLDING_BOOKING,
    Attendance,
    AttendanceStatus,
    Booking,
    BookingStatus,
    CourseSession,
    Event,
    EventKind,
    Slot,
    SlotStatus,
    SurveyAnswer,
    User,
)

GROUP, ONE_TO_ONE = "group", "one-to-one"
NOT_TAKEN = (BookingStatus.OFFERED, BookingStatus.EXPIRED)  # a held place never became a booking


@dataclass(frozen=True)
class Scope:
    """What to count: a UTC half-open interval [start, end) and optional filters."""

    start: datetime
    end: datetime
    service_id: str | None = None
    service_kind: str | None = None  # one-to-one / group, told apart by the slot having sessions
    language: str | None = None  # "sr" also matches "sr-Latn"
    staff_ids: tuple[int, ...] = ()  # Telegram ids of coordinators, left out of every count


def _in(column: Any, scope: Scope) -> ColumnElement[bool]:
    return and_(column >= scope.start, column < scope.end)


def _language(column: Any, scope: Scope) -> ColumnElement[bool]:
    if scope.language is None:
        return literal(True)
    return or_(column == scope.language, column.like(scope.language + "-%"))


def _not_staff_user(scope: Scope) -> ColumnElement[bool]:
    if not scope.staff_ids:
        return literal(True)
    # A forgotten person has no Telegram id; NOT IN would drop them.
    return or_(col(User.telegram_id).is_(None), col(User.telegram_id).not_in(scope.staff_ids))


def _not_staff_key(scope: Scope) -> ColumnElement[bool]:
    if not scope.staff_ids:
        return literal(True)
    staff = select(User.user_key).where(col(User.telegram_id).in_(scope.staff_ids))
    return col(Event.user_key).not_in(staff)


def _service(scope: Scope) -> ColumnElement[bool]:
    """Filters on the booking's service and kind (bookings must be in the query)."""
    conditions: list[ColumnElement[bool]] = []
    if scope.service_id is not None:
        conditions.append(col(Booking.service_id) == scope.service_id)
    if scope.service_kind is not None:
        has_sessions = exists().where(col(CourseSession.slot_id) == col(Booking.slot_id))
        conditions.append(has_sessions if scope.service_kind == GROUP else ~has_sessions)
    return and_(literal(True), *conditions)


def _person(scope: Scope) -> ColumnElement[bool]:
    return and_(_not_staff_user(scope), _language(User.language, scope))


def _events(kind: str, scope: Scope) -> ColumnElement[bool]:
    return and_(
        col(Event.kind) == kind,
        _in(Event.created_at, scope),
        _not_staff_key(scope),
        _language(Event.language, scope),
    )


async def _scalar(session: AsyncSession, query: Any) -> int:
    return int((await session.exec(query)).one() or 0)


async def _pairs(session: AsyncSession, query: Any) -> dict[Any, int]:
    return {key: int(value or 0) for key, value in (await session.exec(query)).all()}


# -- people at the centre -------------------------------------------------------------------------
def _attended(scope: Scope) -> Any:
    """user_key of everyone marked present at a meeting or session in the period."""
    return (
        select(User.user_key)
        .select_from(Attendance)
        .join(Booking, col(Booking.id) == col(Attendance.booking_id))
        .join(User, col(User.id) == col(Booking.user_id))
        .where(
            col(Attendance.status) == AttendanceStatus.PRESENT,
            _in(Attendance.session_start, scope),
            _service(scope),
            _person(scope),
        )
    )


def _booked(scope: Scope) -> Any:
    """user_key of everyone who made a booking in the period (a lapsed offer is not one)."""
    return (
        select(User.user_key)
        .select_from(Booking)
        .join(User, col(User.id) == col(Booking.user_id))
        .where(
            _in(Booking.created_at, scope),
            col(Booking.status).not_in(NOT_TAKEN),
            _service(scope),
            _person(scope),
        )
    )


def _asked_a_person(scope: Scope) -> Any:
    return select(Event.user_key).where(_events(EventKind.CONSULTATION_CONTACT, scope))


async def people_attended(*, session: AsyncSession, scope: Scope) -> int:
    keys = _attended(scope).subquery()
    return await _scalar(session, select(func.count(distinct(keys.c.user_key))))


async def people_used_consultation(*, session: AsyncSession, scope: Scope) -> int:
    """Booked a one-to-one service or asked a person (a question is not about one service, so
    it counts only without a service filter)."""
    parts = [_booked(scope)]
    if scope.service_id is None:
        parts.append(_asked_a_person(scope))
    keys = union(*parts).subquery()
    return await _scalar(session, select(func.count(distinct(keys.c.user_key))))


def _served(scope: Scope) -> Any:
    """Anyone who booked, was marked present or asked a person in the period."""
    parts = [_booked(scope), _attended(scope)]
    if scope.service_id is None and scope.service_kind is None:
        parts.append(_asked_a_person(scope))
    return union(*parts).subquery()


async def people_served(*, session: AsyncSession, scope: Scope) -> int:
    keys = _served(scope)
    return await _scalar(session, select(func.count(distinct(keys.c.user_key))))


async def people_served_by_region(*, session: AsyncSession, scope: Scope) -> dict[str | None, int]:
    keys = _served(scope)
    query = (
        select(User.region, func.count(distinct(keys.c.user_key)))
        .select_from(keys)
        .outerjoin(User, col(User.user_key) == keys.c.user_key)
        .group_by(User.region)
    )
    return await _pairs(session, query)


async def course_completions(*, session: AsyncSession, scope: Scope) -> tuple[int, int]:
    """(people who attended more than half of a course's sessions, people enrolled) over the
    courses whose last session falls in the period. Enrolled: a booking still held, or one
    with at least one Present mark."""
    sessions = (
        select(
            CourseSession.slot_id,
            func.count().label("total"),
            func.max(CourseSession.starts_at).label("last"),
        )
        .group_by(col(CourseSession.slot_id))
        .subquery()
    )
    present = func.sum(case((col(Attendance.status) == AttendanceStatus.PRESENT, 1), else_=0))
    per_booking = (
        select(
            col(Booking.user_id).label("user_id"),
            col(Booking.status).label("status"),
            sessions.c.total,
            present.label("present"),
        )
        .select_from(Booking)
        .join(sessions, sessions.c.slot_id == col(Booking.slot_id))
        .join(Slot, col(Slot.id) == col(Booking.slot_id))
        .join(User, col(User.id) == col(Booking.user_id))
        .outerjoin(Attendance, col(Attendance.booking_id) == col(Booking.id))
        .where(
            sessions.c.last >= scope.start,
            sessions.c.last < scope.end,
            col(Slot.status) != SlotStatus.CANCELLED,
            _service(scope),
            _person(scope),
        )
        .group_by(col(Booking.id), col(Booking.user_id), col(Booking.status), sessions.c.total)
        .subquery()
    )
    people = func.count(distinct(per_booking.c.user_id))
    completed = await _scalar(
        session, select(people).where(per_booking.c.present * 2 > per_booking.c.total)
    )
    enrolled = await _scalar(
        session,
        select(people).where(
            or_(per_booking.c.status.in_(HOLDING_BOOKING), per_booking.c.present > 0)
        ),
    )
    return completed, enrolled


# -- satisfaction and attendance ------------------------------------------------------------------
async def survey_counts(*, session: AsyncSession, scope: Scope) -> tuple[int, int, int]:
    """(asked, answered, satisfied: 4 or 5) for surveys asked in the period."""
    query = (
        select(
            func.count(),
            func.sum(case((col(SurveyAnswer.score).is_not(None), 1), else_=0)),
            func.sum(case((col(SurveyAnswer.score) >= 4, 1), else_=0)),
        )
        .select_from(SurveyAnswer)
        .join(Booking, col(Booking.id) == col(SurveyAnswer.booking_id))
        .join(User, col(User.id) == col(SurveyAnswer.user_id))
        .where(_in(SurveyAnswer.asked_at, scope), _service(scope), _person(scope))
    )
    asked, answered, satisfied = (await session.exec(query)).one()
    return int(asked or 0), int(answered or 0), int(satisfied or 0)


async def attendance_marks(*, session: AsyncSession, scope: Scope) -> tuple[int, int]:
    """(all marks, no-show marks) for meetings and sessions in the period."""
    query = (
        select(
            func.count(),
            func.sum(case((col(Attendance.status) == AttendanceStatus.NO_SHOW, 1), else_=0)),
        )
        .select_from(Attendance)
        .join(Booking, col(Booking.id) == col(Attendance.booking_id))
        .join(User, col(User.id) == col(Booking.user_id))
        .where(_in(Attendance.session_start, scope), _service(scope), _person(scope))
    )
    marks, no_show = (await session.exec(query)).one()
    return int(marks or 0), int(no_show or 0)


async def bookings_by_status(*, session: AsyncSession, scope: Scope) -> dict[str, int]:
    query = (
        select(Booking.status, func.count())
        .select_from(Booking)
        .join(User, col(User.id) == col(Booking.user_id))
        .where(_in(Booking.created_at, scope), _service(scope), _person(scope))
        .group_by(col(Booking.status))
    )
    return await _pairs(session, query)


# -- reach and information ------------------------------------------------------------------------
async def people_by_source(*, session: AsyncSession, scope: Scope) -> tuple[int, dict[str, int]]:
    where = and_(_events(EventKind.START, scope), col(Event.source).is_not(None))
    people = func.count(distinct(col(Event.user_key)))
    total = await _scalar(session, select(people).where(where))
    by_source = await _pairs(
        session, select(Event.source, people).where(where).group_by(col(Event.source))
    )
    return total, by_source


async def people_by_event_source(
    *, session: AsyncSession, scope: Scope, kind: str
) -> tuple[int, dict[str, int]]:
    """Distinct people with an event of `kind` in the period, and per its `source` (for
    `deadline_reminder_sent`: the kind of deadline)."""
    where = _events(kind, scope)
    people = func.count(distinct(col(Event.user_key)))
    total = await _scalar(session, select(people).where(where))
    by_source = await _pairs(
        session, select(Event.source, people).where(where).group_by(col(Event.source))
    )
    return total, {str(key or "-"): n for key, n in by_source.items()}


async def faq_views(*, session: AsyncSession, scope: Scope) -> dict[tuple[str, str], int]:
    query = (
        select(Event.topic_id, Event.language, func.count())
        .where(_events(EventKind.FAQ_VIEW, scope))
        .group_by(col(Event.topic_id), col(Event.language))
    )
    rows = (await session.exec(query)).all()
    return {(topic or "-", language): int(count) for topic, language, count in rows}


async def events_by_language(*, session: AsyncSession, scope: Scope, kind: str) -> dict[str, int]:
    query = (
        select(Event.language, func.count())
        .where(_events(kind, scope))
        .group_by(col(Event.language))
    )
    return await _pairs(session, query)


async def new_people(*, session: AsyncSession, scope: Scope) -> int:
    query = (
        select(func.count()).select_from(User).where(_in(User.created_at, scope), _person(scope))
    )
    return await _scalar(session, query)


async def first_contact(*, session: AsyncSession, staff_ids: tuple[int, ...]) -> datetime | None:
    """When the first person (not staff) wrote to the bot: the start of "since the start"."""
    scope = Scope(datetime.min, datetime.max, staff_ids=staff_ids)
    result = await session.exec(select(func.min(User.created_at)).where(_not_staff_user(scope)))
    return result.one()
