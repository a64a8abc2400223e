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
from pathlib import Path

import pytest

from bot import polling_guard
from bot.botapi.standin import Call, StandinBotApi
from bot.cli import main, run_polling
from bot.config import Settings
from bot.handlers import errors
from bot.handlers.errors import EXIT_ANOTHER_POLLER
from storage.polling_lock import PollingLock
from tests.conftest import make_settings
from tests.polling_support import BOT_ID, TOKEN, held_elsewhere, said_once, stop_at_first_poll


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url, telegram_bot_token=TOKEN)


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


def test_a_webhook_set_for_the_token_stops_polling_before_it_deletes_it(
    settings: Settings, caplog: pytest.LogCaptureFixture, deadline: None
):
    """run_polling would delete the webhook the production instances serve: it must not start."""
    caplog.set_level(logging.INFO)
    api = StandinBotApi()
    api.webhook_url = "https://desk.example.org/telegram"

    code = run_polling(settings, request=api)

    assert code == EXIT_ANOTHER_POLLER
    assert api.webhook_url == "https://desk.example.org/telegram", "the webhook is left alone"
    assert not api.sent("deleteWebhook") and not api.sent("getUpdates")
    said = said_once(caplog, logging.ERROR)
    assert "a webhook is set for this bot token (at desk.example.org)" in said
    assert "arrival-desk run --delete-webhook" in said, "it says how to go on"


def test_delete_webhook_moves_the_token_to_polling(
    settings: Settings, caplog: pytest.LogCaptureFixture, deadline: None
):
    caplog.set_level(logging.INFO)
    api = StandinBotApi()
    api.webhook_url = "https://desk.example.org/telegram"

    stop_at_first_poll(api)

    assert run_polling(settings, request=api, delete_webhook=True) == 0
    assert api.webhook_url == "" and api.sent("getUpdates"), "the webhook went; it polled"
    said = said_once(caplog, logging.WARNING)
    assert said == "deleting the webhook set for this bot token (at desk.example.org), as asked"


def test_delete_webhook_is_refused_in_webhook_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("WEBHOOK_SECRET", "a-secret")
    monkeypatch.setenv("WEBHOOK_URL", "https://desk.example.org")

    assert main(["run", "--webhook", "--delete-webhook"]) == 2
    assert "--delete-webhook is for long polling" in capsys.readouterr().err


def test_without_a_webhook_polling_starts_as_before(settings: Settings, deadline: None):
    api = StandinBotApi()

    stop_at_first_poll(api)

    assert run_polling(settings, request=api) == 0
    methods = [call.method for call in api.calls]
    assert methods.index("getWebhookInfo") < methods.index("deleteWebhook"), methods
    assert api.sent("getUpdates")


def test_a_bot_api_without_getwebhookinfo_delays_polling_a_little_and_says_so(
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    deadline: None,
    monkeypatch: pytest.MonkeyPatch,
):
    """An emulator that lacks the method (or a network down since getMe): asked three times,
    then polling starts with a warning, rather than never."""
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(polling_guard, "RETRY_DELAYS", (0.01, 0.01))
    api = StandinBotApi()
    api.fail_next("network", method="getWebhookInfo", times=3)

    stop_at_first_poll(api)

    assert run_polling(settings, request=api) == 0
    assert api.sent("getUpdates"), "it polls"
    warned = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warned[-1] == "could not ask the Bot API for a webhook (NetworkError); polling anyway"
    assert len(warned) == 3, warned


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="the lock is PostgreSQL's (SQLite: a file lock)"
)
def test_a_second_poller_on_one_postgresql_database_stops_before_polling(
    settings: Settings, caplog: pytest.LogCaptureFixture, deadline: None
):
    """Two pollers started together both met 409s and could both stop; on one PostgreSQL
    database the one that polls holds a lock and the other stops before its first getUpdates."""
    url = settings.effective_database_url
    first = StandinBotApi()
    held_while_polling: list[bool] = []

    async def before_call(call: Call) -> None:
        if call.method != "getUpdates" or held_while_polling:
            return
        second = PollingLock(url, BOT_ID)  # what a second process asks for at its start
        held_while_polling.append(not await second.acquire())
        await second.release()
        os.kill(os.getpid(), signal.SIGINT)

    first.before_call = before_call
    assert run_polling(settings, request=first) == 0
    assert held_while_polling == [True], "the polling process holds the lock"

    # The first process, still polling, holds the lock (on a thread of its own: run_polling
    # wants the main thread for its signal handlers).
    with held_elsewhere(url) as first_polls:
        first_polls()
        caplog.set_level(logging.INFO)
        second = StandinBotApi()
        code = run_polling(settings, request=second)
    polled = bool(second.sent("getUpdates") or second.sent("deleteWebhook"))
    assert code == EXIT_ANOTHER_POLLER
    assert not polled, "the second one stopped before deleteWebhook and getUpdates"
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(loud) == 1, [r.getMessage() for r in loud]
    assert "another instance is polling with this bot token on this database" in (
        loud[0].getMessage()
    )

    async def free_after_both() -> bool:
        lock = PollingLock(url, BOT_ID)
        try:
            return await lock.acquire()
        finally:
            await lock.release()

    assert asyncio.run(free_after_both()), "a stopped poller leaves the lock free"
