"""Two pollers on one token (issue #8, item 10; issue #13).

Telegram answers 409 Conflict to the getUpdates that a newer one cut off. The newcomer (a 409
within its settling time) says so once, in one line without a traceback, and exits with code 3;
the process that was already polling logs one warning and keeps polling.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from bot.botapi.standin import Call, StandinBotApi
from bot.cli import run_polling
from bot.config import Settings
from bot.handlers import errors
from bot.handlers.errors import EXIT_ANOTHER_POLLER
from tests.conftest import make_settings

# A made-up token of the real shape (built here so no token-like literal sits in the repo).
TOKEN = "7312894405:" + "AAHk3nW9pQ_xZr8LmT2vY" + "c5-bD1eFgH4jKs"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url, telegram_bot_token=TOKEN)


@pytest.fixture
def deadline() -> Iterator[None]:
    """A process that never stops would hang the suite: fail after 30 s instead."""

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError("polling did not stop")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_another_poller_is_said_once_and_stops_the_process(
    settings: Settings, caplog: pytest.LogCaptureFixture, deadline: None
):
    caplog.set_level(logging.INFO)
    api = StandinBotApi()
    api.polling_conflict = True

    code = run_polling(settings, request=api)

    assert code == EXIT_ANOTHER_POLLER != 0
    assert api.sent("getUpdates") == [] and api.refused, "getUpdates met 409 Conflict"
    assert {c.method for c in api.refused} == {"getUpdates"}
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(loud) == 1, [r.getMessage() for r in loud]
    (said,) = loud
    assert "another instance is polling with this bot token" in said.getMessage()
    assert said.exc_info is None and not said.exc_text, "one line, no traceback"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r is not said]
    assert TOKEN not in caplog.text


def test_a_newcomer_does_not_stop_the_process_already_polling(
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    deadline: None,
    monkeypatch: pytest.MonkeyPatch,
):
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(errors, "SETTLING_SECONDS", 0.1)
    api = StandinBotApi()

    async def before_call(call: Call) -> None:
        if call.method != "getUpdates":
            return
        await asyncio.sleep(0.02)  # a (short) long poll
        if len(api.sent("getUpdates")) >= 20:  # 0.4 s and more: settled
            api.polling_conflict = True  # a newcomer cuts off this process's getUpdates
        if len(api.refused) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C: what stops it, not the 409s

    api.before_call = before_call

    code = run_polling(settings, request=api)

    assert code == 0
    assert len(api.refused) >= 2, "getUpdates is tried again after a 409"
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warned) == 1, [r.getMessage() for r in warned]
    (said,) = warned
    assert said.levelno == logging.WARNING
    assert "this one keeps polling and the other will stop" in said.getMessage()
    assert said.exc_info is None and not said.exc_text, "one line, no traceback"
    assert TOKEN not in caplog.text
