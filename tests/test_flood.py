"""Floods (issue #13, item 3): one polite notice, then silence with no database work per dropped
update; the flood gate's memory bounded whatever one person or a crowd sends."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from telegram import Update

from bot.config import Settings
from bot.handlers.throttle import FloodGate
from tests.abuse_support import callback, chat_of, feed, message, person
from tests.booking_support import booking_settings
from tests.conftest import BotHarness

LIMIT = 20


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url, flood_messages_per_minute=LIMIT)


@contextmanager
def sql_statements(bot: BotHarness) -> Iterator[list[str]]:
    """Every SQL statement the application's engine runs inside the block."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    engine = bot.services.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    # The repeating jobs (outbox, content) would touch the database on their own schedule.
    scheduler = bot.app.job_queue.scheduler
    scheduler.pause()
    try:
        yield seen
    finally:
        scheduler.resume()
        event.remove(engine, "before_cursor_execute", record)


async def test_a_flood_gets_one_notice_then_silence_without_database_work(bot: BotHarness):
    flooder = bot.user(8001, language_code="sr")
    for n in range(LIMIT):
        assert await flooder.send(f"питање {n}"), "within the limit every message is answered"

    with sql_statements(bot) as statements:
        calls = []
        for n in range(300):
            calls += await flooder.send(f"питање {n}")
        own_chat = chat_of("private", person(8001, "Flood"))
        sender = person(8001, "Flood", language_code="sr")
        for n in range(100):
            calls += await feed(
                bot, {"callback_query": callback(sender, f"faq:open:{n}", own_chat)}
            )
            edited = message(chat=own_chat, sender=sender, text="/book")
            calls += await feed(bot, {"edited_message": {**edited, "edit_date": 1}})

    assert statements == [], "a dropped update must not touch the database"
    assert [(c.method, c.text) for c in calls] == [("sendMessage", bot.t("sr", "flood-notice"))]
    # Someone else is answered at once; the flooder again once the minute is over.
    assert await bot.user(8002, language_code="sl").send("/help")
    bot.clock.advance(dt.timedelta(minutes=2, seconds=1))
    answer = await flooder.send("/help")
    assert [c.text for c in answer if c.method == "sendMessage"] == [bot.t("sr", "help-text")]


async def test_thousands_of_updates_from_one_person_keep_one_small_entry(bot: BotHarness):
    sender = person(8101, "Flood", language_code="uk")
    chat = chat_of("private", sender)
    gate: FloodGate = bot.app.bot_data["flood_gate"]
    updates = [
        Update.de_json(
            {"update_id": n, "message": message(chat=chat, sender=sender, text="x")}, bot.app.bot
        )
        for n in range(2_000)
    ]
    with sql_statements(bot) as statements:
        for update in updates:
            await bot.app.process_update(update)

    assert len(gate) == 1
    assert len(statements) < 40 * LIMIT, "only the admitted updates did database work"
    notices = bot.api.sent("sendMessage", chat_id=8101)
    assert len(notices) == LIMIT + 1


def test_the_gate_remembers_a_bounded_number_of_senders_in_bounded_memory():
    gate = FloodGate(per_minute=60, max_tracked=1_000)
    now = 1_800_000_000.0
    tracemalloc.start()
    try:
        for sender in range(1_000):  # warm: the gate full
            gate.admit(sender, now)
        baseline = tracemalloc.get_traced_memory()[0]
        for sender in range(1_000, 6_000):  # 5,000 new people
            gate.admit(sender, now)
        for n in range(5_000):  # and one person sending 5,000 updates
            gate.admit(42, now + n / 1_000)
            gate.first_notice(42, now + n / 1_000)
        grown = tracemalloc.get_traced_memory()[0] - baseline
    finally:
        tracemalloc.stop()

    assert len(gate) == 1_000
    assert grown < 64_000, f"the gate grew by {grown} bytes at its cap"
    # The person who flooded is the most recent and still held back; the oldest were forgotten.
    assert not gate.admit(42, now + 5)
    assert gate.admit(1_000, now + 5)


def test_the_gate_counts_a_sliding_minute():
    gate = FloodGate(per_minute=3)
    assert [gate.admit(1, t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert not gate.admit(1, 30)
    assert gate.admit(1, 61)  # the previous minute's three weigh a little less than three
    assert not gate.admit(1, 62)
    assert gate.admit(1, 100)  # two thirds of the previous window have passed
    assert [gate.first_notice(1, t) for t in (100, 110, 161)] == [True, False, True]
    assert gate.admit(2, 3), "another person has their own count"
    assert gate.admit(1, -50) in (True, False), "a clock set back does not break it"
