"""The polling lock while a poller polls, and webhook instances beside a poller (issue #13).

A session advisory lock ends with its connection: PostgreSQL restarted, or a firewall dropped the
idle connection, and the lock was gone while the process polled on, so a second poller could
start beside it. The poller now checks now and then: it takes the lock again if it is free, and
stops if another process took it. A webhook instance does not set a webhook (which would cut a
poller off) while a process polls the token on the same database.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot import polling_guard
from bot.botapi.standin import Call, StandinBotApi
from bot.cli import run_polling
from bot.config import Settings
from bot.handlers.errors import EXIT_ANOTHER_POLLER
from bot.web.server import serve
from storage.db import async_url
from storage.polling_lock import POLLING_LOCK_CLASS, PollingLock
from tests.conftest import make_settings
from tests.polling_support import BOT_ID, TOKEN, held_elsewhere, said_once, someone_polls


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url, telegram_bot_token=TOKEN)


pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="the lock is PostgreSQL's (SQLite: a file lock)"
)


async def end_the_lock_connection(url: str) -> None:
    """What a restarted server or a dropped connection does to the poller's lock."""
    engine = create_async_engine(async_url(url), poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            ended = await connection.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_locks"
                    " WHERE locktype = 'advisory' AND objsubid = 2 AND classid = :class"
                    " AND objid = hashtext(:bot)::oid"
                ),
                {"class": POLLING_LOCK_CLASS, "bot": str(BOT_ID)},
            )
        assert ended == 1, "the poller's lock connection"
    finally:
        await engine.dispose()


@pytest.fixture
def poller(
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    deadline: None,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[str, StandinBotApi]:
    """The database's URL and a stand-in for a poller that checks its lock every 0.2 s."""
    monkeypatch.setattr(polling_guard, "LOCK_CHECK_SECONDS", 0.2)
    caplog.set_level(logging.INFO)
    return settings.effective_database_url, StandinBotApi()


def test_a_poller_whose_lock_connection_ended_takes_the_lock_again(
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    poller: tuple[str, StandinBotApi],
):
    url, api = poller
    seen: list[str] = []

    async def before_call(call: Call) -> None:
        if call.method != "getUpdates" or "stopped" in seen:
            return
        if not seen:
            await end_the_lock_connection(url)
            assert not await someone_polls(url, BOT_ID), "the lock went with its connection"
            seen.append("ended")
        elif await someone_polls(url, BOT_ID):
            seen.append("stopped")
            os.kill(os.getpid(), signal.SIGINT)
        else:
            await asyncio.sleep(0.05)  # the check comes every 0.2 s

    api.before_call = before_call
    assert run_polling(settings, request=api) == 0
    assert seen == ["ended", "stopped"], "the lock was held again while it polled"
    said = said_once(caplog, logging.WARNING)
    assert said == "the polling lock's database connection had ended; the lock is taken again"
    assert not asyncio.run(someone_polls(url, BOT_ID)), "released when it stopped"


def test_a_poller_whose_lock_another_took_meanwhile_stops(
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    poller: tuple[str, StandinBotApi],
):
    url, api = poller
    with held_elsewhere(url) as another_poller_starts:

        async def before_call(call: Call) -> None:
            if call.method == "getUpdates" and len(api.sent("getUpdates")) == 1:
                await end_the_lock_connection(url)
                await asyncio.to_thread(another_poller_starts)

        api.before_call = before_call
        code = run_polling(settings, request=api)
        assert asyncio.run(someone_polls(url, BOT_ID)), "the other one polls on"
    assert code == EXIT_ANOTHER_POLLER
    said = said_once(caplog, logging.WARNING)
    assert said.startswith("another instance took the polling lock for this bot token"), said


def test_a_webhook_instance_does_not_cut_off_a_poller(
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    deadline: None,
):
    webhook = settings.model_copy(
        update={"webhook_url": "https://bot.example.org", "webhook_secret": "s" * 32}
    )
    url = settings.effective_database_url
    api = StandinBotApi()
    caplog.set_level(logging.INFO)
    with held_elsewhere(url) as a_poller_runs:
        a_poller_runs()
        code = asyncio.run(serve(webhook, request=api))
    assert code == EXIT_ANOTHER_POLLER
    assert not api.sent("setWebhook"), "the poller keeps the token"
    said = said_once(caplog, logging.ERROR)
    assert said.startswith("an instance is polling with this bot token on this database"), said

    assert not asyncio.run(someone_polls(url, BOT_ID)), "nobody polls once the poller stopped"


async def test_a_database_that_does_not_answer_is_asked_again_later():
    """Nothing listens there: the poller polls on and asks again at the next check."""
    lock = PollingLock("postgresql://arrival:arrival@127.0.0.1:9/arrival", BOT_ID)
    assert await lock.kept() == "unknown"
    assert await lock.kept() == "unknown"
