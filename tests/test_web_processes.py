"""`arrival-desk run --webhook` as real processes against a Bot API over HTTP (issue #13):
a graceful SIGTERM with an update in flight, and two instances on one PostgreSQL database
sending each of 1,000 due outbox rows exactly once while one of them is killed (SIGKILL)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from bot.delivery.kinds import Kind
from bot.delivery.outbox import enqueue
from storage.db import Database
from tests.conftest import COORDINATOR_CHAT_ID, REPO, empty_database
from tests.web_support import SECRET, ApiCall, HttpBotApi, start_payload

TOKEN = "123456:" + "made-up-for-process-tests"
ROWS = 1000
KILL_AFTER = 100  # the killed instance's sends before it dies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Instance:
    def __init__(
        self, name: str, proc: subprocess.Popen[bytes], port: int, log: Path, api: HttpBotApi
    ) -> None:
        self.name, self.proc, self.port, self.log, self.api = name, proc, port, log, api

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_healthy(self, timeout: float = 120.0) -> None:
        """Until /healthz answers and the webhook is registered: the port answers first (so
        Telegram's first post is never refused), setWebhook comes after it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"{self.name} exited early:\n{self.log_text()}"
            if self._answers_health() and self._registered():
                return
            time.sleep(0.1)
        raise AssertionError(f"{self.name} never became healthy:\n{self.log_text()}")

    def _registered(self) -> bool:
        return any(c.instance == self.name for c in self.api.sent("setWebhook"))

    def _answers_health(self) -> bool:
        try:
            return httpx.get(self.url + "/healthz", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def api() -> Iterator[HttpBotApi]:
    server = HttpBotApi().start()
    yield server
    server.stop()


@pytest.fixture
def launch(tmp_path: Path, api: HttpBotApi, database_url: str) -> Iterator[object]:
    started: list[Instance] = []

    def start(name: str, **extra: str) -> Instance:
        port = free_port()
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": api.base_url(name),
            "TELEGRAM_RATE_LIMIT": "false",  # the stand-in does not limit
            "DATABASE_URL": database_url,
            "DATA_DIR": str(tmp_path / "data"),
            "FAQ_DIR": str(REPO / "faq"),
            "LOCALES_DIR": str(REPO / "locales"),
            "USER_KEY_SECRET": "test-only-secret",
            "COORDINATOR_CHAT_ID": str(COORDINATOR_CHAT_ID),
            "COORDINATOR_IDS": "",
            "DEFAULT_LANGUAGE": "en",
            "CONTENT_RELOAD_SECONDS": "0",
            "WEBHOOK_URL": f"http://127.0.0.1:{port}",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
            "WEBHOOK_SECRET": SECRET,
            "LOG_LEVEL": "INFO",
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
            **extra,
        }
        log = tmp_path / f"{name}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--webhook"],
                cwd=REPO,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        instance = Instance(name, proc, port, log, api)
        started.append(instance)
        return instance

    yield start
    for instance in started:
        if instance.proc.poll() is None:
            instance.proc.kill()
            instance.proc.wait(timeout=10)
        print(f"---- {instance.name} log ----\n{instance.log_text()}")


def post_update(instance: Instance, payload: dict[str, object]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    response = httpx.post(instance.url + "/telegram", json=payload, headers=headers, timeout=30)
    return response.status_code


def test_sigterm_finishes_the_update_in_flight_and_exits_0(api: HttpBotApi, launch, database_url):
    asyncio.run(empty_database(database_url))
    in_flight, release = threading.Event(), threading.Event()

    def hold_answers(call: ApiCall) -> bool:
        if call.method == "sendMessage" and call.params.get("chat_id") == "4242":
            in_flight.set()
            release.wait(timeout=20)  # Telegram is slow to answer this one
        return True

    api.on_call = hold_answers
    bot = launch("a")
    bot.wait_healthy()
    registered = api.sent("setWebhook")
    assert registered and registered[0].params["secret_token"] == SECRET

    codes: list[int] = []
    poster = threading.Thread(target=lambda: codes.append(post_update(bot, start_payload(1, 4242))))
    poster.start()
    assert in_flight.wait(timeout=30), bot.log_text()
    bot.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)  # the server has stopped taking updates by now
    try:
        refused = post_update(bot, start_payload(2, 4343))
    except httpx.TransportError:
        refused = 503  # the listening socket is closed: the same to Telegram
    assert refused == 503
    release.set()
    poster.join(timeout=30)

    assert bot.proc.wait(timeout=30) == 0, bot.log_text()
    assert codes == [200], "the update in flight was finished and acknowledged"
    answered = [c for c in api.sent() if c.params.get("chat_id") == "4242"]
    assert answered, "its answer went out"
    assert not [c for c in api.sent() if c.params.get("chat_id") == "4343"]
    assert "Traceback" not in bot.log_text()


async def add_due_rows(database_url: str, count: int) -> None:
    db = Database(database_url)
    try:
        async with db.session() as session:
            due = datetime.now(UTC) - timedelta(minutes=1)
            for n in range(count):
                payload = {"errors": [f"row-{n}"], "count": 1}
                await enqueue(session, Kind.CONTENT_ALERT, due_at=due, payload=payload)
            await session.commit()
    finally:
        await db.dispose()


async def outbox_state(database_url: str) -> tuple[dict[str, int], int]:
    """Rows by status, and how many were sent on a second or later claim (taken over)."""
    db = Database(database_url)
    try:
        async with db.engine.connect() as connection:
            rows = await connection.execute(text("SELECT status, count(*) FROM outbox GROUP BY 1"))
            statuses = {str(s): int(n) for s, n in rows.all()}
            again = await connection.execute(
                text("SELECT count(*) FROM outbox WHERE status = 'sent' AND attempts > 1")
            )
            return statuses, int(again.scalar_one())
    finally:
        await db.dispose()


def row_number(call: ApiCall) -> str:
    return str(call.params.get("text", "")).split("row-")[1].split("<")[0]


def test_two_instances_send_each_row_once_while_one_is_killed(
    api: HttpBotApi, launch, database_url: str
):
    if database_url.startswith("sqlite"):
        pytest.skip("several instances need PostgreSQL (SQLite: one instance per file)")
    asyncio.run(empty_database(database_url))
    # A short lease so the killed instance's rows are taken over soon; quiet logs.
    tuning = {"OUTBOX_POLL_SECONDS": "0.2", "OUTBOX_LEASE_SECONDS": "2", "LOG_LEVEL": "WARNING"}
    a, b = launch("a", **tuning), launch("b", **tuning)
    a.wait_healthy()
    b.wait_healthy()
    sends_of_a = Counter[str]()

    def kill_a_mid_way(call: ApiCall) -> bool:
        if call.instance != "a" or call.method != "sendMessage":
            return True
        sends_of_a["n"] += 1
        if sends_of_a["n"] <= KILL_AFTER:
            return True
        if a.proc.poll() is None:
            a.proc.kill()  # SIGKILL while this request is on the wire, rows still leased
        return False  # never acted on: it died before Telegram took it

    api.on_call = kill_a_mid_way
    started = time.monotonic()
    asyncio.run(add_due_rows(database_url, ROWS))

    deadline = time.monotonic() + 120
    while len(api.sent()) < ROWS and time.monotonic() < deadline:  # cheap: the stand-in's list
        assert b.proc.poll() is None, b.log_text()
        time.sleep(0.2)
    took = time.monotonic() - started
    while time.monotonic() < deadline:  # the last "sent" marks follow the last answers
        statuses, taken_over = asyncio.run(outbox_state(database_url))
        if statuses.get("sent", 0) == ROWS:
            break
        time.sleep(0.2)

    assert a.proc.wait(timeout=10) == -signal.SIGKILL
    assert statuses == {"sent": ROWS}, statuses
    texts = Counter(row_number(call) for call in api.sent())
    assert set(texts) == {str(n) for n in range(ROWS)}, "every row went out"
    assert [n for n, times in texts.items() if times > 1] == [], "and none twice"
    by_instance = Counter(c.instance for c in api.sent())
    assert by_instance["a"] == KILL_AFTER and by_instance["b"] == ROWS - KILL_AFTER
    assert taken_over >= 1, "rows the killed instance had claimed were sent by the other"
    print(f"{ROWS} rows in {took:.1f} s; {taken_over} taken over from the killed instance")
    b.proc.send_signal(signal.SIGTERM)
    assert b.proc.wait(timeout=30) == 0


# -- item 8: real processes, a slow Bot API, two instances --------------------------------------
SLOW_ROWS = 12


def test_two_processes_with_a_slow_bot_api_send_each_row_once(
    api: HttpBotApi, launch, database_url: str
):
    """Each send takes a quarter of the lease (the issue: 4 s sends against a 2-minute lease
    that a batch of 50 outlived); both instances poll all the time. No row goes out twice."""
    if database_url.startswith("sqlite"):
        pytest.skip("several instances need PostgreSQL (SQLite: one instance per file)")
    asyncio.run(empty_database(database_url))
    tuning = {"OUTBOX_POLL_SECONDS": "0.2", "OUTBOX_LEASE_SECONDS": "2", "LOG_LEVEL": "WARNING"}
    a, b = launch("a", **tuning), launch("b", **tuning)
    a.wait_healthy()
    b.wait_healthy()

    def slow(call: ApiCall) -> bool:
        if call.method == "sendMessage":
            time.sleep(0.5)  # the stand-in serves each request in its own thread
        return True

    api.on_call = slow
    started = time.monotonic()
    asyncio.run(add_due_rows(database_url, SLOW_ROWS))
    deadline = time.monotonic() + 90
    statuses: dict[str, int] = {}
    while time.monotonic() < deadline:
        statuses, _ = asyncio.run(outbox_state(database_url))
        if statuses.get("sent", 0) == SLOW_ROWS:
            break
        time.sleep(0.3)

    assert statuses == {"sent": SLOW_ROWS}, statuses
    print(f"{SLOW_ROWS} slow rows in {time.monotonic() - started:.1f} s")
    texts = Counter(row_number(call) for call in api.sent())
    assert set(texts) == {str(n) for n in range(SLOW_ROWS)}, "every row went out"
    assert [n for n, times in texts.items() if times > 1] == [], "and none twice"
    for instance in (a, b):
        instance.proc.send_signal(signal.SIGTERM)
        assert instance.proc.wait(timeout=30) == 0, instance.log_text()
        assert "Traceback" not in instance.log_text()
