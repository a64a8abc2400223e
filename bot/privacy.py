"""What the bot stores about a person: show it (/mydata), erase it (/forget, retention).

Erasure keeps every count already reported: the person's events, bookings, attendance and
answers stay, re-keyed to a fresh random key on an anonymous row, so they still count as one
person, but nothing links them to the Telegram id any more (not even the keyed hash of it).
What identifies the person goes: Telegram id, name, notes (a draft too), comments,
relayed-message links, messages not sent yet. The region of origin (one of six world regions)
stays on the anonymous row, so that counts by region do not move. No Telegram imports.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

from bot.booking.desk import BookingDesk
from bot.clock import Clock
from bot.event_log import EventLog
from bot.people import Person
from storage.db import Database
from storage.models import ACTIVE_BOOKING, Booking, BookingStatus, EventKind, User
from storage.prepared import Runner
from storage.repos import events, users
from storage.repos import privacy as repo

PURGE_BATCH = 100


@dataclass(frozen=True)
class Forgotten:
    cancelled: int  # future bookings cancelled (the centre is told; places go to the list)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _awaiting(user: User) -> dict[str, Any] | None:
    """What the bot waits for the person to type, with what they typed for it so far (a booking
    note kept as a draft), even when expired: it is stored until replaced or erased."""
    if user.awaiting_kind is None:
        return None
    data = json.loads(user.awaiting_data) if user.awaiting_data else {}
    return {"kind": user.awaiting_kind, "data": data, "until": _iso(user.awaiting_until)}


class Privacy:
    def __init__(self, db: Database, clock: Clock, desk: BookingDesk, event_log: EventLog) -> None:
        self.db = db
        self.clock = clock
        self.desk = desk
        self.event_log = event_log  # written first: what the person just did is theirs too

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about this person, and nothing about anyone else."""
        await self.event_log.flush()
        async with self.db.session() as session:
            user = await session.get(User, user_id)
            if user is None:
                return {}
            bookings = await repo.bookings_with_slots(session=session, user_id=user_id)
            marks = await repo.attendance_of(session=session, user_id=user_id)
            waiting = await repo.waiting_of(session=session, user_id=user_id)
            answers = await repo.answers_of(session=session, user_id=user_id)
            relays = await repo.relays_of(session=session, user_id=user_id)
            pending = await repo.pending_sends_of(session=session, user_id=user_id)
            deadlines = await repo.deadlines_of(session=session, user_id=user_id)
            subscriptions = await repo.subscriptions_of(session=session, user_id=user_id)
            logged = await repo.events_of(session=session, user_key=user.user_key)
        return {
            "person": {
                "telegram_id": user.telegram_id,
                "name": user.display_name,
                "language": user.language,
                "first_contact": _iso(user.created_at),
                "last_seen": _iso(user.last_seen_at),
                "consent_given": _iso(user.consent_at),
                "region_of_origin": user.region,
            },
            "bookings": [
                {
                    "service": booking.service_id,
                    "starts_at": _iso(slot.starts_at),
                    "status": booking.status,
                    "topic": booking.topic_id,
                    "note": booking.note,
                    "decline_note": booking.decline_note,
                    "interpreter": booking.interpreter,
                    "booked_at": _iso(booking.created_at),
                }
                for booking, slot in bookings
            ],
            "attendance": [
                {"session_start": _iso(m.session_start), "status": m.status} for m in marks
            ],
            "waiting_lists": [{"since": _iso(w.created_at), "status": w.status} for w in waiting],
            "survey_answers": [
                {"service": a.service_id, "score": a.score, "comment": a.comment} for a in answers
            ],
            "questions_to_the_centre": [{"sent_at": _iso(r.created_at)} for r in relays],
            "deadlines": [
                {
                    "kind": d.kind,
                    "label": d.label,
                    "date": d.due_on.isoformat() if d.due_on else None,
                    "steps_ticked": [n + 1 for n in range(31) if d.ticked >> n & 1],
                    "added_at": _iso(d.created_at),
                }
                for d in deadlines
            ],
            "announcement_topics": [
                {"topic": s.topic, "since": _iso(s.created_at)} for s in subscriptions
            ],
            "messages_scheduled": [
                {"kind": row.kind, "due_at": _iso(row.due_at)} for row in pending
            ],
            "activity": [
                {"kind": e.kind, "at": _iso(e.created_at), "topic": e.topic_id} for e in logged
            ],
            "text_the_bot_waits_for": _awaiting(user),
        }

    async def forget(self, user_id: int, *, counted: bool = True) -> Forgotten:
        """Cancel the person's future bookings (each as the centre would), then erase.
        `counted=False` erases without a `forgotten` event: for a row made by a stale press."""
        await self.event_log.flush()  # so that the erasure moves them to the new key too
        now = self.clock.now()
        cancelled = 0
        for booking in await self._future_bookings(user_id, now):
            if booking.status == BookingStatus.OFFERED:
                await self.desk.answer_offer(
                    booking_id=booking.id or 0, user_id=user_id, accept=False
                )
            else:
                outcome = await self.desk.cancel(
                    booking_id=booking.id or 0, user_id=None, by_staff=True
                )
                cancelled += outcome.ok
        async with self.db.session() as session:
            # Locked and read fresh: a double tap (or two instances) erases once, and the events
            # and the row end up under the same key.
            user = await repo.lock_person(session=session, user_id=user_id)
            if user is None or user.forgotten_at is not None:
                return Forgotten(cancelled)
            new_key = secrets.token_hex(16)  # random: no secret can recompute it
            await repo.erase(session=session, user=user, new_key=new_key, now=now)
            if counted:
                await events.record(
                    session=session,
                    kind=EventKind.FORGOTTEN,
                    user_key=new_key,
                    language=user.language,
                    at=now,
                )
            await session.commit()
        return Forgotten(cancelled)

    async def purge_inactive(self, *, days: int, staff: frozenset[int] = frozenset()) -> int:
        """Retention: erase the personal data of people not seen for `days` (same code as
        /forget); the centre's own staff are not purged. Returns how many were erased."""
        before = self.clock.now() - dt.timedelta(days=days)
        erased = 0
        while True:
            async with self.db.session() as session:
                ids = await repo.inactive_since(
                    session=session,
                    before=before,
                    limit=PURGE_BATCH,
                    staff=staff,
                    today=self.clock.now().date(),
                )
            for user_id in ids:
                await self.forget(user_id)
            erased += len(ids)
            if len(ids) < PURGE_BATCH:
                return erased

    async def _future_bookings(self, user_id: int, now: dt.datetime) -> list[Booking]:
        async with self.db.reading() as session:
            rows = await repo.bookings_with_slots(session=session, user_id=user_id)
        return [b for b, s in rows if b.status in ACTIVE_BOOKING and s.ends_at > now]

    async def set_region(self, user_id: int, region: str | None) -> None:
        async with self.db.brief() as session:
            user = await session.get(User, user_id)
            if user is not None:
                user.region = region
                session.add(user)
                await session.commit()

    async def give_consent(self, person: Person) -> None:
        """Consent and its event in one unit of work (the person's update waits for it)."""
        await self.db.atomic(
            _consent_given,
            person=person.id,
            user_key=person.user_key,
            language=person.locale,
            at=self.clock.now(),
        )

    async def refuse_consent(self, person: Person) -> None:
        """Only the event: one statement, no unit of work around it."""
        await self.db.alone(
            events.record_alone,
            kind=EventKind.CONSENT_REFUSED,
            user_key=person.user_key,
            language=person.locale,
            at=self.clock.now(),
        )


def _consent_given(
    connection: Runner, *, person: int, user_key: str, language: str, at: dt.datetime
) -> None:
    """Consent, and its event only if this statement gave it: a double tap, or two instances
    at once, record both once (a conditional UPDATE decides)."""
    if users.set_consent(connection, person=person, at=at):
        events.record_alone(
            connection, kind=EventKind.CONSENT_GIVEN, user_key=user_key, language=language, at=at
        )
