"""Two pollers on one token (issue #8, item 10).

Telegram answers every getUpdates of a second poller with 409 Conflict. Before, each one was
logged at ERROR with a traceback, over and over; now `arrival-desk run` says it once, in one line
without a traceback naming the cause, and exits with a non-zero code.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from bot.botapi.standin import StandinBotApi
from bot.cli import run_polling
from bot.config import Settings
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
        raise TimeoutError("polling did not stop on 409 Conflict")

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
