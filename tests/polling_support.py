"""What the polling tests share: a token of the real shape, "said once", a poller stopped at
its first getUpdates, and the lock held by "another process". Their `settings` (with the
token) is each module's own; `deadline` is in tests/conftest.py."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from bot.botapi.standin import BOT_USER, Call, StandinBotApi
from storage.polling_lock import PollingLock

BOT_ID = int(BOT_USER["id"])
# A made-up token of the real shape (built here so no token-like literal sits in the repo).
TOKEN = "7312894405:" + "AAHk3nW9pQ_xZr8LmT2vY" + "c5-bD1eFgH4jKs"


def stop_at_first_poll(api: StandinBotApi) -> None:
    """Ctrl+C once the first getUpdates is asked (once: a second one would cut the shutdown)."""

    async def before_call(call: Call) -> None:
        if call.method == "getUpdates" and len(api.sent("getUpdates")) == 1:
            os.kill(os.getpid(), signal.SIGINT)

    api.before_call = before_call


def said_once(caplog: pytest.LogCaptureFixture, level: int) -> str:
    """The one record at `level` or above: one line, no traceback, and no token in the log."""
    loud = [r for r in caplog.records if r.levelno >= level]
    assert len(loud) == 1, [r.getMessage() for r in loud]
    (said,) = loud
    assert said.exc_info is None and not said.exc_text, "one line, no traceback"
    assert TOKEN not in caplog.text
    return said.getMessage()


@contextmanager
def held_elsewhere(url: str) -> Iterator[Callable[[], None]]:
    """The lock held by 'another process' (a thread with a loop of its own) until the block
    ends; yields the function that takes it, for a test to call when it wants."""
    taken, done = threading.Event(), threading.Event()

    async def hold() -> None:
        holder = PollingLock(url, BOT_ID)
        assert await holder.acquire()
        taken.set()
        await asyncio.to_thread(done.wait, 30)
        await holder.release()

    holder = threading.Thread(target=asyncio.run, args=(hold(),))

    def take() -> None:
        holder.start()
        assert taken.wait(10), "the other process took the lock"

    try:
        yield take
    finally:
        done.set()
        if holder.is_alive():
            holder.join(10)


async def someone_polls(url: str, bot_id: int) -> bool:
    """What a webhook instance asks at its start (read from `pg_locks`)."""
    return await PollingLock(url, bot_id).held_elsewhere()
