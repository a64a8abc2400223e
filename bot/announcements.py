"""Announcements by topic: people subscribe to topics; a coordinator writes an announcement once
per language and sends it to the subscribers of its topics. No Telegram imports.

Delivery is one outbox row per recipient, queued in chunks by whichever instance gets there
first (a conditional UPDATE on the announcement's cursor, and a unique key per announcement and
person), so a restart continues and nobody gets it twice. Stopping cancels the rows not sent.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.booking import rules
from bot.booking.desk import BookingDesk
from bot.booking.outcome import Outcome, Status
from bot.clock import Clock
from bot.delivery import outbox
from bot.delivery.kinds import Kind
from bot.i18n import SERBIAN_LATIN, to_serbian_latin
from bot.text import cut_html
from storage.db import Database
from storage.models import Announcement, EventKind, User
from storage.repos import announcements as repo
from storage.repos import events

TOPICS = ("courses", "consultations", "events", "work")
LANGUAGES = ("uk", "sr", "sl", "en")  # the order a coordinator types them in
CHUNK = 250  # recipients queued per transaction
MAX_TEXT = 3500  # leaves room for the buttons' sake and the Serbian Latin version


def readers_of(language: str) -> list[str]:
    """The interface languages that read an announcement written in `language`."""
    return [language, SERBIAN_LATIN] if language == "sr" else [language]


def texts_of(announcement: Announcement) -> dict[str, str]:
    try:
        value = json.loads(announcement.texts or "{}")
    except ValueError:
        return {}
    return {k: v for k, v in value.items() if k in LANGUAGES and isinstance(v, str) and v}


def topics_of(announcement: Announcement) -> list[str]:
    return [t for t in announcement.topics.split(",") if t in TOPICS]


def text_for(announcement: Announcement, locale: str) -> str | None:
    """What a reader of `locale` gets, or None: a language left empty is not sent."""
    texts = texts_of(announcement)
    if locale == SERBIAN_LATIN:
        return to_serbian_latin(texts["sr"]) if "sr" in texts else None
    return texts.get(locale)


def reader_languages(announcement: Announcement) -> list[str]:
    return [r for language in texts_of(announcement) for r in readers_of(language)]


@dataclass(frozen=True)
class Progress:
    sent: int
    blocked: int
    failed: int
    cancelled: int
    to_go: int

    @property
    def key(self) -> str:
        return f"{self.sent}/{self.blocked}/{self.failed}/{self.cancelled}/{self.to_go}"


class Announcements:
    def __init__(self, db: Database, clock: Clock, desk: BookingDesk) -> None:
        self.db = db
        self.clock = clock
        self.desk = desk

    # -- subscriptions ---------------------------------------------------------------------
    async def topics(self, user_id: int) -> set[str]:
        async with self.db.reading() as session:
            return await repo.topics_of(session=session, user_id=user_id)

    async def toggle(self, user_id: int, topic: str) -> set[str]:
        """Subscribe or unsubscribe; returns the topics afterwards."""
        if topic not in TOPICS:
            return await self.topics(user_id)
        async with self.db.brief() as session:
            if not await repo.unsubscribe(session=session, user_id=user_id, topic=topic):
                try:
                    await repo.subscribe(
                        session=session, user_id=user_id, topic=topic, now=self.clock.now()
                    )
                except IntegrityError:  # a double tap: it is there already
                    await session.rollback()
            await session.commit()
        return await self.topics(user_id)

    async def unsubscribe(self, *, user_id: int, user_key: str, language: str, topic: str) -> bool:
        async with self.db.brief() as session:
            removed = await repo.unsubscribe(session=session, user_id=user_id, topic=topic)
            if removed:
                await self._event(session, EventKind.UNSUBSCRIBED, user_key, language, topic)
            await session.commit()
        return removed

    # -- writing one -----------------------------------------------------------------------
    async def draft(self, author_id: int) -> Announcement:
        async with self.db.session() as session:
            row = await repo.add(
                session=session,
                announcement=Announcement(author_id=author_id, created_at=self.clock.now()),
            )
            await session.commit()
        return row

    async def get(self, announcement_id: int) -> Announcement | None:
        async with self.db.reading() as session:
            return await repo.get(session=session, announcement_id=announcement_id)

    async def edit_draft(
        self,
        announcement_id: int,
        *,
        language: str | None = None,
        text: str | None = None,
        topic: str | None = None,
        register_slot_id: int | None = None,
        clear_register: bool = False,
    ) -> Announcement | None:
        """Change a draft (a text, a topic toggled, the Register slot); None if not a draft."""
        async with self.db.session() as session:
            row = await repo.get(session=session, announcement_id=announcement_id)
            if row is None or row.status != "draft":
                return None
            if language in LANGUAGES:
                texts = texts_of(row)
                texts[language] = cut_html((text or "").strip(), MAX_TEXT)  # Telegram HTML
                row.texts = json.dumps(texts, ensure_ascii=False)
            if topic in TOPICS:
                chosen = topics_of(row)
                chosen = [t for t in chosen if t != topic] if topic in chosen else [*chosen, topic]
                row.topics = ",".join(t for t in TOPICS if t in chosen)
            if register_slot_id is not None or clear_register:
                row.register_slot_id = register_slot_id
            session.add(row)
            await session.commit()
            await session.refresh(row)
            return row

    async def recipients_now(self, row: Announcement) -> int:
        async with self.db.session() as session:
            return await repo.count_recipients_after(
                session=session,
                topics=topics_of(row),
                languages=reader_languages(row),
                after_user_id=0,
            )

    async def start(self, announcement_id: int, *, chat_id: int) -> bool:
        """draft → sending, once, if it has a text and a topic."""
        row = await self.get(announcement_id)
        if row is None or not texts_of(row) or not topics_of(row):
            return False
        async with self.db.session() as session:
            started = await repo.change_status(
                session=session,
                announcement_id=announcement_id,
                old="draft",
                new="sending",
                progress_chat_id=chat_id,
            )
            await session.commit()
        return started

    async def set_progress_message(self, announcement_id: int, message_id: int) -> None:
        async with self.db.session() as session:
            row = await repo.get(session=session, announcement_id=announcement_id)
            if row is not None:
                row.progress_message_id = message_id
                session.add(row)
                await session.commit()

    async def stop(self, announcement_id: int) -> bool:
        """sending → stopped, once; the rows not sent yet are cancelled in the same unit."""
        async with self.db.session() as session:
            stopped = await repo.change_status(
                session=session, announcement_id=announcement_id, old="sending", new="stopped"
            )
            if stopped:
                await outbox.cancel(session, ref_id=announcement_id, kinds=(Kind.ANNOUNCEMENT,))
            await session.commit()
        return stopped

    # -- delivering it ---------------------------------------------------------------------
    async def sending(self) -> list[Announcement]:
        async with self.db.session() as session:
            return await repo.with_status(session=session, statuses=("sending",))

    async def unfinished(self) -> list[Announcement]:
        """Sending, or ended without its summary posted yet."""
        async with self.db.session() as session:
            rows = await repo.with_status(session=session, statuses=("sending", "done", "stopped"))
        return [r for r in rows if r.finished_at is None]

    def first_send(self) -> dt.datetime:
        """When a message queued now may go out: now, or at night the next morning (the
        booking desk's waking hours): news never wakes anyone."""
        return rules.in_waking_hours(self.clock.now(), self.desk.tz, self.desk.rules)

    async def queue_chunk(self, announcement_id: int) -> int:
        """Queue the next CHUNK recipients (an outbox row each) in one transaction, due at
        `first_send`; 0 when all are queued, another instance queued this chunk, or it is no
        longer sending."""
        due = self.first_send()
        async with self.db.session() as session:
            row = await repo.get(session=session, announcement_id=announcement_id)
            if row is None or row.status != "sending" or row.queued_all:
                return 0
            cursor = row.queued_up_to
            user_ids = await repo.next_recipients(
                session=session,
                topics=topics_of(row),
                languages=reader_languages(row),
                after_user_id=cursor,
                limit=CHUNK,
            )
            done = len(user_ids) < CHUNK
            new_cursor = max(user_ids, default=cursor)
            if not await repo.advance_cursor(
                session=session,
                announcement_id=announcement_id,
                old=cursor,
                new=new_cursor,
                done=done,
            ):
                await session.rollback()
                return 0
            try:
                await repo.add_recipients(
                    session=session, announcement_id=announcement_id, user_ids=user_ids
                )
                for user_id in user_ids:
                    await outbox.enqueue(
                        session,
                        Kind.ANNOUNCEMENT,
                        due_at=due,
                        user_id=user_id,
                        ref_id=announcement_id,
                    )
                await session.commit()
            except IntegrityError:  # queued already by another instance
                await session.rollback()
                return 0
        return len(user_ids)

    async def progress(self, row: Announcement) -> Progress:
        async with self.db.session() as session:
            counts = await repo.outcome_counts(
                session=session, announcement_id=row.id or 0, kind=Kind.ANNOUNCEMENT
            )
            later = 0
            if row.status == "sending" and not row.queued_all:
                later = await repo.count_recipients_after(
                    session=session,
                    topics=topics_of(row),
                    languages=reader_languages(row),
                    after_user_id=row.queued_up_to,
                )

        def total(status: str, result: str | None = None, *, other: bool = False) -> int:
            return sum(
                n
                for (s, r), n in counts.items()
                if s == status and (result is None or (r != result if other else r == result))
            )

        return Progress(
            sent=total("sent"),
            blocked=total("failed", "blocked"),
            failed=total("failed", "blocked", other=True),
            cancelled=total("cancelled") + total("skipped"),
            to_go=total("pending") + later,
        )

    async def finish_if_done(self, row: Announcement) -> bool:
        """sending → done once everything is queued and nothing is pending."""
        if row.status != "sending" or not row.queued_all:
            return False
        if (await self.progress(row)).to_go:
            return False
        async with self.db.session() as session:
            finished = await repo.change_status(
                session=session, announcement_id=row.id or 0, old="sending", new="done"
            )
            await session.commit()
        return finished

    async def claim_summary(self, row: Announcement) -> bool:
        """The end: the first instance to mark it writes the summary row for the coordinator."""
        async with self.db.session() as session:
            first = await repo.mark_finished(
                session=session, announcement_id=row.id or 0, now=self.clock.now()
            )
            if first and row.progress_chat_id is not None:
                await outbox.enqueue(
                    session,
                    Kind.ANNOUNCEMENT_SUMMARY,
                    due_at=self.clock.now(),
                    chat_id=row.progress_chat_id,
                    ref_id=row.id,
                )
            await session.commit()
        return first

    async def progress_changed(self, announcement_id: int, progress: Progress) -> bool:
        async with self.db.session() as session:
            changed = await repo.set_progress_shown(
                session=session, announcement_id=announcement_id, shown=progress.key
            )
            await session.commit()
        return changed

    async def for_recipient(
        self, announcement_id: int, user_id: int
    ) -> tuple[Announcement, User, list[str]] | None:
        """The announcement, the person and which of its topics they still follow."""
        async with self.db.reading() as session:
            row = await repo.get(session=session, announcement_id=announcement_id)
            user = await session.get(User, user_id)
            if row is None or user is None:
                return None
            mine = await repo.topics_of(session=session, user_id=user_id)
        return row, user, [t for t in topics_of(row) if t in mine]

    async def register(
        self, *, announcement_id: int, user_id: int, user_key: str, language: str
    ) -> Outcome:
        """ "Register" under an event's announcement: the ordinary booking of that group slot."""
        row = await self.get(announcement_id)
        if row is None or row.register_slot_id is None or row.status == "draft":
            return Outcome(Status.GONE)
        outcome = await self.desk.book(user_id=user_id, slot_id=row.register_slot_id)
        if outcome.status == Status.OK:
            async with self.db.brief() as session:
                await self._event(
                    session,
                    EventKind.ANNOUNCEMENT_REGISTERED,
                    user_key,
                    language,
                    service_id=outcome.slot.service_id if outcome.slot else None,
                )
                await session.commit()
        return outcome

    async def _event(
        self,
        session: AsyncSession,
        kind: str,
        user_key: str,
        language: str,
        topic: str | None = None,
        *,
        service_id: str | None = None,
    ) -> None:
        await events.record(
            session=session,
            kind=kind,
            user_key=user_key,
            language=language,
            topic_id=topic,
            service_id=service_id,
            at=self.clock.now(),
        )
