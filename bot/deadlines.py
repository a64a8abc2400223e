"""Permit and procedure deadlines: the person adds a date of a known kind, the bot reminds them
at the offsets in `faq/deadlines.yaml` (at a daytime local hour), each reminder with the steps
for that kind as a checklist. No Telegram imports; `now` comes from the application clock.

Reminders are outbox rows (kind `deadline`, ref: the deadline), written in the same transaction
as the date and cancelled in the same transaction as a change of date, a deletion or `/forget`.
Offsets already passed when the date is entered become ONE row due at once, never a burst.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, get_date_format, parse_date

from bot.clock import Clock
from bot.deadline_file import FILE_NAME, DeadlineRules, load_deadline_rules
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from bot.i18n import babel_locale
from bot.people import Person
from bot.text import clean_text
from storage.db import Database
from storage.models import Deadline, EventKind, User
from storage.repos import deadlines as repo
from storage.repos import events

SEND_TIME = dt.time(10, 0)  # reminders arrive at 10:00 in the centre's time zone
LABEL_LIMIT = 40  # characters of an "other" deadline's own label
YEARS_AHEAD = 5  # a date further ahead than this is a typing mistake
_THREE_NUMBERS = re.compile(r"\d+\D+\d+\D+\d+")


# -- pure rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    due_at: dt.datetime  # UTC
    offsets: tuple[int, ...]  # the offsets this one message covers (several when collapsed)


def plan(
    due_on: dt.date,
    offsets: tuple[int, ...],
    *,
    now: dt.datetime,
    tz: ZoneInfo,
    send_time: dt.time = SEND_TIME,
) -> list[Planned]:
    """One reminder per offset at `send_time` local on the day `offset` days before; those
    already past become a single reminder due now (a late entry gets one message)."""
    passed: list[int] = []
    future: list[Planned] = []
    for offset in sorted(set(offsets), reverse=True):
        local = dt.datetime.combine(due_on - dt.timedelta(days=offset), send_time, tzinfo=tz)
        moment = local.astimezone(dt.UTC)
        if moment <= now:
            passed.append(offset)
        else:
            future.append(Planned(moment, (offset,)))
    return ([Planned(now, tuple(passed))] if passed else []) + future


def date_problem(day: dt.date, today: dt.date) -> str | None:
    """Why a date cannot be a deadline: 'past', 'far' (more than ~5 years ahead), or None."""
    if day < today:
        return "past"
    if day > latest_date(today):
        return "far"
    return None


def latest_date(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def parse_typed_date(text: str, locale: str) -> dt.date | None:
    """A date typed in the person's locale format (31.12.2027, 31. 12. 2027, 31/12/2027) or
    ISO (2027-12-31); None for anything that is not three numbers making a real date."""
    text = clean_text(text).strip()
    if len(text) > 40 or not _THREE_NUMBERS.search(text):
        return None
    try:
        return parse_date(text, locale=babel_locale(locale))
    except (ValueError, IndexError, LookupError):
        return None


def date_example(day: dt.date, locale: str) -> str:
    """The locale's short date with a four-digit year: how to type a date ("31.12.2027")."""
    where = babel_locale(locale)
    pattern = str(get_date_format("short", locale=where).pattern)
    pattern = re.sub(r"y+", "y", pattern)
    return str(format_date(day, format=pattern, locale=where))


def days_left(due_on: dt.date, today: dt.date) -> int:
    return (due_on - today).days


def is_ticked(ticked: int, step: int) -> bool:
    return bool(ticked >> step & 1)


def clean_label(text: str | None) -> str | None:
    """The person's label for an "other" deadline: one line, trimmed; None when empty or long."""
    label = " ".join(clean_text(text).split())
    if not label or len(label) > LABEL_LIMIT:
        return None
    return label


# -- the service ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    ok: bool
    problem: str | None = None  # 'past', 'far', 'missing' (not theirs, deleted)
    added: bool = False  # a new deadline, not a new date for an old one
    reminders: tuple[Planned, ...] = ()


class Deadlines:
    def __init__(self, db: Database, clock: Clock, tz: ZoneInfo, faq_dir: Path) -> None:
        self.db = db
        self.clock = clock
        self.tz = tz
        self.path = faq_dir / FILE_NAME
        self._rules: DeadlineRules | None = None

    def rules(self) -> DeadlineRules:
        """The staff file as read at start, or as the last content reload that found no mistake
        published it (`publish`): an edit goes live with the FAQ's, a broken one never does.
        Read on every FAQ answer, so no look at the file here."""
        if self._rules is None:
            self._rules = load_deadline_rules(self.path)[0]
        return self._rules

    def publish(self, rules: DeadlineRules) -> None:
        self._rules = rules

    def today(self) -> dt.date:
        return self.clock.now().astimezone(self.tz).date()

    async def start(self, person: Person, kind: str) -> int:
        """A draft of this kind; the person then gives its label (other) and date."""
        async with self.db.brief() as session:
            row = await repo.add_draft(
                session=session, user_id=person.id, kind=kind, now=self.clock.now()
            )
            await session.commit()
            return row.id or 0

    async def own(self, deadline_id: int, user_id: int) -> Deadline | None:
        async with self.db.reading() as session:
            row = await repo.get(session=session, deadline_id=deadline_id)
        return row if row is not None and row.user_id == user_id else None

    async def with_person(self, deadline_id: int) -> tuple[Deadline, User] | None:
        """A deadline and its person, read when its reminder is sent."""
        async with self.db.reading() as session:
            deadline = await repo.get(session=session, deadline_id=deadline_id)
            user = await session.get(User, deadline.user_id) if deadline else None
        return (deadline, user) if deadline is not None and user is not None else None

    async def listing(self, user_id: int) -> list[Deadline]:
        async with self.db.reading() as session:
            return await repo.active_of(session=session, user_id=user_id)

    async def set_label(self, deadline_id: int, user_id: int, label: str) -> bool:
        async with self.db.brief() as session:
            row = await repo.lock_own(session=session, deadline_id=deadline_id, user_id=user_id)
            if row is None:
                return False
            row.label, row.updated_at = label, self.clock.now()
            session.add(row)
            await session.commit()
        return True

    async def set_date(self, deadline_id: int, person: Person, day: dt.date) -> Saved:
        """Add (a draft) or move (an active one): the date, its reminders and the event in one
        unit of work; the old date's reminders that had not gone out are cancelled."""
        problem = date_problem(day, self.today())
        if problem is not None:
            return Saved(False, problem)
        now = self.clock.now()
        async with self.db.brief() as session:
            row = await repo.lock_own(session=session, deadline_id=deadline_id, user_id=person.id)
            if row is None:
                return Saved(False, "missing")
            offsets = self.rules().rule(row.kind).offsets
            if row.status == repo.ACTIVE and row.due_on == day:  # a double tap: saved already
                return Saved(True, reminders=tuple(plan(day, offsets, now=now, tz=self.tz)))
            added = repo.set_date(row, due_on=day, now=now)
            session.add(row)
            await outbox.cancel(session, ref_id=deadline_id, kinds=(Kind.DEADLINE,))
            reminders = plan(day, offsets, now=now, tz=self.tz)
            for planned in reminders:
                await outbox.enqueue(
                    session,
                    Kind.DEADLINE,
                    due_at=planned.due_at,
                    user_id=person.id,
                    ref_id=deadline_id,
                    payload={"offsets": list(planned.offsets)},
                )
            if added:
                await events.record(
                    session=session,
                    kind=EventKind.DEADLINE_ADDED,
                    user_key=person.user_key,
                    language=person.locale,
                    source=row.kind,
                    at=now,
                )
            await session.commit()
        return Saved(True, added=added, reminders=tuple(reminders))

    async def delete(self, deadline_id: int, person: Person) -> bool:
        """The deadline and its pending reminders go; False when it was not there (twice)."""
        now = self.clock.now()
        async with self.db.brief() as session:
            row = await repo.lock_own(session=session, deadline_id=deadline_id, user_id=person.id)
            if row is None:
                return False
            await outbox.cancel(session, ref_id=deadline_id, kinds=(Kind.DEADLINE,))
            if row.status == repo.ACTIVE:
                await events.record(
                    session=session,
                    kind=EventKind.DEADLINE_DELETED,
                    user_key=person.user_key,
                    language=person.locale,
                    source=row.kind,
                    at=now,
                )
            await session.delete(row)
            await session.commit()
        return True

    async def toggle(self, deadline_id: int, user_id: int, step: int) -> Deadline | None:
        """Tick or untick one step (under the row's lock: two taps flip it twice, not lose one)."""
        if not 0 <= step < 31:
            return None
        async with self.db.brief() as session:
            row = await repo.lock_own(session=session, deadline_id=deadline_id, user_id=user_id)
            if row is None or row.status != repo.ACTIVE:
                return None
            row.ticked ^= 1 << step
            session.add(row)
            await session.commit()
            await session.refresh(row)
        return row

    async def next_reminder(self, deadline_id: int) -> dt.datetime | None:
        async with self.db.reading() as session:
            rows = await repo.pending_reminders(
                session=session, deadline_id=deadline_id, kind=Kind.DEADLINE
            )
        return rows[0].due_at if rows else None
