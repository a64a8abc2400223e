"""Compute the indicators of the staff-edited file for a period. No Telegram imports.

A period is two local dates in the centre's time zone, both included. Every number comes from
the database (events, bookings, attendance, survey answers), counted there by
`storage/repos/indicators.py`; nothing typed by hand enters a report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.indicators.spec import IndicatorSpec
from storage.db import Database
from storage.models import EventKind
from storage.repos import indicators as repo
from storage.repos.indicators import GROUP, ONE_TO_ONE, Scope

Number = int | float
NOT_GIVEN = "not_given"  # people who did not say their region


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date  # included

    def bounds(self, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) in UTC: local midnight of the first day to local midnight after the last."""
        start = dt.datetime.combine(self.first, dt.time(0), tzinfo=tz)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)

    def months(self) -> list[Period]:
        """The calendar months the period touches, each cut to the period."""
        found: list[Period] = []
        first = self.first
        while first <= self.last:
            following = (first.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
            found.append(Period(first, min(self.last, following - dt.timedelta(days=1))))
            first = following
        return found


@dataclass
class Indicator:
    id: str
    definition: str
    name: str
    goal: Number | None
    result: Number | None  # None: nothing to compute it from (a share of no answers)
    unit: str
    breakdown: dict[str, Number] | None
    comment: str


@dataclass
class Report:
    period: Period
    indicators: list[Indicator]
    monthly: list[tuple[str, int]]  # ("2026-12", people served that month)
    generated_at: dt.datetime
    language: str
    timezone: str


# Breakdowns that count people (or their questions) by region, language, source or month: cells
# below the threshold could point at one person, so exports meant to leave the centre hide them.
SMALL_CELL_DEFINITIONS = frozenset(
    {
        "people_by_region",
        "people_by_source",
        "faq_views",
        "questions_answered",
        "questions_unanswered",
        "new_people",
    }
)


def shown_breakdown(indicator: Indicator, min_cell: int) -> dict[str, Number | str] | None:
    """The breakdown as an export meant to leave the centre shows it: cells 1…min_cell-1 as
    "<min_cell". Totals (the result) are never hidden."""
    if indicator.breakdown is None:
        return None
    if min_cell <= 1 or indicator.definition not in SMALL_CELL_DEFINITIONS:
        return dict(indicator.breakdown)
    return {
        key: (f"<{min_cell}" if 0 < value < min_cell else value)
        for key, value in indicator.breakdown.items()
    }


def hidden_cells(report: Report, min_cell: int) -> list[str]:
    """Which cells an export hides, for the Method sheet: "indicator-id: key"."""
    hidden = []
    for indicator in report.indicators:
        shown = shown_breakdown(indicator, min_cell) or {}
        hidden += [
            f"{indicator.id}: {key}" for key, value in shown.items() if isinstance(value, str)
        ]
    return hidden


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


Computer = Callable[[AsyncSession, Scope, Period, dt.tzinfo], Awaitable[tuple[Any, Any]]]


async def _attended(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    return await repo.people_attended(session=session, scope=scope), None


async def _used(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    return await repo.people_used_consultation(session=session, scope=scope), None


async def _completions(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    completed, enrolled = await repo.course_completions(session=session, scope=scope)
    return completed, {"enrolled": enrolled, "completed": completed}


async def _satisfied(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    asked, answered, satisfied = await repo.survey_counts(session=session, scope=scope)
    breakdown: dict[str, Number] = {"asked": asked, "answered": answered, "satisfied": satisfied}
    rate = _percent(answered, asked)
    if rate is not None:
        breakdown["response_rate"] = rate
    return _percent(satisfied, answered), breakdown


async def _regions(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    counts = await repo.people_served_by_region(session=session, scope=scope)
    breakdown: dict[str, Number] = {}
    for region, count in counts.items():
        key = region or NOT_GIVEN
        breakdown[key] = breakdown.get(key, 0) + count
    return sum(breakdown.values()), dict(sorted(breakdown.items()))


async def _sources(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    total, by_source = await repo.people_by_source(session=session, scope=scope)
    return total, dict(sorted(by_source.items()))


async def _reminded(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    total, by_kind = await repo.people_by_event_source(
        session=session, scope=scope, kind=EventKind.DEADLINE_REMINDER_SENT
    )
    return total, dict(sorted(by_kind.items()))


async def _faq_views(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    counts = await repo.faq_views(session=session, scope=scope)
    breakdown = {f"{topic}/{language}": n for (topic, language), n in sorted(counts.items())}
    return sum(counts.values()), breakdown


def _events_by_language(kind: str) -> Computer:
    async def compute(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
        counts = await repo.events_by_language(session=session, scope=scope, kind=kind)
        return sum(counts.values()), dict(sorted(counts.items()))

    return compute


async def _nudges(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    """Nudges sent after two absences in a row, and how people answered them."""
    counts = {
        name: sum((await repo.events_by_language(session=session, scope=scope, kind=kind)).values())
        for name, kind in (
            ("sent", EventKind.NUDGE_SENT),
            ("will_come", EventKind.NUDGE_COME),
            ("stopped", EventKind.NUDGE_STOP),
        )
    }
    return counts["sent"], counts


async def _bookings(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    counts = await repo.bookings_by_status(session=session, scope=scope)
    return sum(counts.values()), dict(sorted(counts.items()))


async def _no_show(session: AsyncSession, scope: Scope, *_: Any) -> tuple[Any, Any]:
    marks, no_show = await repo.attendance_marks(session=session, scope=scope)
    return _percent(no_show, marks), {"marks": marks, "no_show": no_show}


async def _new_people(
    session: AsyncSession, scope: Scope, period: Period, tz: dt.tzinfo
) -> tuple[Any, Any]:
    breakdown: dict[str, Number] = {}
    for month in period.months():
        start, end = month.bounds(tz)
        monthly = Scope(start, end, language=scope.language, staff_ids=scope.staff_ids)
        breakdown[month.first.strftime("%Y-%m")] = await repo.new_people(
            session=session, scope=monthly
        )
    return sum(breakdown.values()), breakdown


COMPUTERS: dict[str, Computer] = {
    "people_attended_consultation": _attended,
    "people_used_consultation": _used,
    "course_completions": _completions,
    "participants": _attended,
    "satisfied_share": _satisfied,
    "people_by_region": _regions,
    "people_by_source": _sources,
    "faq_views": _faq_views,
    "questions_answered": _events_by_language(EventKind.SEARCH),
    "questions_unanswered": _events_by_language(EventKind.SEARCH_MISS),
    "bookings_by_status": _bookings,
    "no_show_rate": _no_show,
    "new_people": _new_people,
    "people_reminded_of_deadline": _reminded,
    "course_nudges": _nudges,
    "announcements_delivered": _events_by_language(EventKind.ANNOUNCEMENT_DELIVERED),
    "announcement_registrations": _events_by_language(EventKind.ANNOUNCEMENT_REGISTERED),
    "unsubscribes": _events_by_language(EventKind.UNSUBSCRIBED),
}
FIXED_KIND = {
    "people_attended_consultation": ONE_TO_ONE,
    "people_used_consultation": ONE_TO_ONE,
    "course_completions": GROUP,
}


def _scope(
    spec: IndicatorSpec, start: dt.datetime, end: dt.datetime, staff: tuple[int, ...]
) -> Scope:
    return Scope(
        start,
        end,
        service_id=spec.filters.service,
        service_kind=FIXED_KIND.get(spec.definition, spec.filters.service_kind),
        language=spec.filters.language,
        staff_ids=staff,
    )


async def compute_report(
    db: Database,
    specs: list[IndicatorSpec],
    period: Period,
    *,
    tz: dt.tzinfo,
    language: str,
    now: dt.datetime,
    staff_ids: frozenset[int] = frozenset(),
) -> Report:
    start, end = period.bounds(tz)
    staff = tuple(sorted(staff_ids))
    indicators: list[Indicator] = []
    async with db.session() as session:
        for spec in specs:
            result, breakdown = await COMPUTERS[spec.definition](
                session, _scope(spec, start, end, staff), period, tz
            )
            indicators.append(
                Indicator(
                    id=spec.id,
                    definition=spec.definition,
                    name=spec.name(language),
                    goal=_whole(spec.goal),
                    result=result,
                    unit=spec.unit,
                    breakdown=breakdown,
                    comment=spec.comment(language),
                )
            )
        monthly = []
        for month in period.months():
            month_start, month_end = month.bounds(tz)
            served = await repo.people_served(
                session=session, scope=Scope(month_start, month_end, staff_ids=staff)
            )
            monthly.append((month.first.strftime("%Y-%m"), served))
    return Report(period, indicators, monthly, now.astimezone(tz), language, str(tz))


def _whole(goal: float | None) -> Number | None:
    return int(goal) if goal is not None and goal.is_integer() else goal


async def first_contact_date(
    db: Database, *, tz: dt.tzinfo, staff_ids: frozenset[int] = frozenset()
) -> dt.date | None:
    async with db.session() as session:
        first = await repo.first_contact(session=session, staff_ids=tuple(sorted(staff_ids)))
    return first.astimezone(tz).date() if first is not None else None
