"""Events recorded a moment after their update and written together (bot/event_log.py).

An update adds its event and answers; the events go to the database in one unit of work when
the oldest is old enough, a batch is full, the timer runs out, or the bot stops. Readers in the
process (a report, /mydata, /forget) write what waits first. An event whose person was
forgotten meanwhile (on another instance) is not written under the old key.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select
from telegram import Update

from bot import event_log
from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from storage.db import Database
from storage.models import Event, EventKind, User
from storage.repos import events
from tests.conftest import BotHarness, make_settings, start_harness, twin
from tests.report_support import person as report_person
from tests.report_support import report_settings


async def unflushed(person: SimulatedUser, text: str) -> None:
    """An update handled as in production: nothing written for it afterwards (the simulator's
    `feed` writes what waits, for the other tests)."""
    await person.app.process_update(Update.de_json(person.message_payload(text), person.app.bot))


async def stored(db: Database, kind: str = EventKind.START) -> list[Event]:
    async with db.session() as session:
        found = await session.exec(select(Event).where(Event.kind == kind).order_by(col(Event.id)))
        return list(found.all())


@pytest.fixture
def only_when_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """No age, batch size or timer writes the events: only what a test does."""
    monkeypatch.setattr(event_log, "WAIT_SECONDS", 3600.0)
    monkeypatch.setattr(event_log, "LATEST_SECONDS", 3600.0)


async def test_updates_answer_at_once_and_their_events_follow_together(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(event_log, "WAIT_SECONDS", 3600.0)
    monkeypatch.setattr(event_log, "LATEST_SECONDS", 1.0)  # five updates take far less
    people = [bot.user(7100 + n, language_code="uk") for n in range(5)]
    for person in people:
        await unflushed(person, "/start")
    assert len(bot.api.sent("sendMessage")) == 5, "each answered"
    assert await stored(bot.services.db) == [], "nothing written yet"

    await asyncio.sleep(1.5)  # the timer's turn
    written = await stored(bot.services.db)
    assert len(written) == 5 and {e.language for e in written} == {"uk"}
    assert len({e.user_key for e in written}) == 5


async def test_the_update_that_finds_the_oldest_event_old_enough_writes_them(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(event_log, "LATEST_SECONDS", 3600.0)
    monkeypatch.setattr(event_log, "WAIT_SECONDS", 0.0)
    await unflushed(bot.user(7201), "/start")
    assert len(await stored(bot.services.db)) == 1


async def test_the_update_that_fills_a_batch_writes_it(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, only_when_told: None
):
    monkeypatch.setattr(event_log, "BATCH", 3)
    await unflushed(bot.user(7301), "/start")
    await unflushed(bot.user(7302), "/start")
    assert await stored(bot.services.db) == []
    await unflushed(bot.user(7303), "/start")
    assert len(await stored(bot.services.db)) == 3


async def test_a_stop_writes_what_waits(settings: Settings, only_when_told: None):
    harness, running = await start_harness(settings)
    async with running:
        await unflushed(harness.user(7401), "/start")
        await unflushed(harness.user(7402), "/help")
    db = Database(settings.effective_database_url)
    try:
        assert len(await stored(db)) == 1 and len(await stored(db, EventKind.HELP)) == 1
    finally:
        await db.dispose()


async def test_a_database_that_fails_keeps_the_events_and_only_the_timer_tries_again(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    monkeypatch.setattr(event_log, "WAIT_SECONDS", 0.0)  # every update would write
    monkeypatch.setattr(event_log, "LATEST_SECONDS", 3600.0)
    failures = [OperationalError("INSERT", {}, Exception("the server is restarting"))]
    write = events.record_if_known

    def once_away(connection, *, rows):
        if failures:
            raise failures.pop()
        write(connection, rows=rows)

    monkeypatch.setattr(event_log.events, "record_if_known", once_away)
    await unflushed(bot.user(7501), "/start")  # its write is refused: kept
    assert bot.api.sent("sendMessage", chat_id=7501), "the update went on"
    assert "events not written yet (OperationalError); trying again" in caplog.text
    await unflushed(bot.user(7502), "/start")  # no update tries while it is away
    assert await stored(bot.services.db) == [] and bot.services.event_log.waiting == 2
    await bot.services.event_log.flush()  # what the timer does
    assert len(await stored(bot.services.db)) == 2
    assert "events written again" in caplog.text


def test_values_too_long_for_their_columns_are_cut():
    values = events.event_values(kind="start", user_key="k" * 64, language="uk", at=None)  # type: ignore[arg-type]
    fitted = events.fitted({**values, "source": "s" * 300, "topic_id": "t" * 65})
    assert fitted["source"] == "s" * 64 and fitted["topic_id"] == "t" * 64
    assert fitted["user_key"] == "k" * 64 and fitted["created_at"] is None


async def test_mydata_holds_what_the_person_has_just_done(bot: BotHarness, only_when_told: None):
    person = bot.user(7601, language_code="sl")
    await unflushed(person, "/start")
    await unflushed(person, "/help")
    calls = await person.send("/mydata")
    ((_name, raw),) = next(c for c in calls if c.method == "sendDocument").files.values()
    kinds = [e["kind"] for e in json.loads(raw)["activity"]]
    assert kinds[:2] == [EventKind.START, EventKind.HELP]


async def test_a_report_counts_what_this_instance_has_not_written_yet(
    tmp_path: Path, database_url: str, only_when_told: None
):
    settings = report_settings(tmp_path, database_url)
    harness, running = await start_harness(settings)
    async with running:
        for user_id in (5001, 5015):
            await unflushed(
                report_person(harness, user_id), "/start faq-residence-permit--factory-a"
            )
        assert await stored(harness.services.db) == []
        coordinator = harness.coordinator()
        await coordinator.send("/report 2026-11-01 2026-12-31")
        summary = harness.api.sent("sendMessage", chat_id=coordinator.chat_id)[-1].text
    assert "<i>factory-a: 2</i>" in summary, summary  # by-source: from the events


async def test_an_event_waiting_for_a_person_forgotten_on_another_instance_is_not_written(
    tmp_path: Path, database_url: str, only_when_told: None
):
    from tests.conftest import another_instance

    settings = make_settings(tmp_path, database_url)
    first, first_running = await start_harness(settings)
    async with first_running:
        second, second_running = await another_instance(settings, first.clock)
        async with second_running:
            person = first.user(7701, language_code="uk")
            await person.send("/start")  # written: the person exists
            await unflushed(person, "/help")  # waits on the first instance
            async with first.services.db.session() as session:
                old_key = (await session.exec(select(User.user_key))).one()
            elsewhere = twin(second, person)
            await elsewhere.send("/forget")
            await elsewhere.press_data("privacy:forgetok")
            await first.services.event_log.flush()
            async with first.services.db.session() as session:
                left = (await session.exec(select(Event).where(Event.user_key == old_key))).all()
                kinds = (await session.exec(select(Event.kind))).all()
    assert left == [], "nothing under the key of a forgotten person"
    assert EventKind.HELP not in kinds and EventKind.START in kinds, kinds
