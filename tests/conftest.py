"""Fixtures: the real Application on a real database, talking to the in-process Bot API stand-in.

SQLite (a fresh file per test) by default; set TEST_DATABASE_URL=postgresql://… to run the same
tests on PostgreSQL (tables are emptied between tests). The suite runs in parallel workers
(pytest-xdist, `-n` in pyproject.toml): on PostgreSQL each worker gets a database of its own,
`<name>_gw0`, `<name>_gw1`…, made on first use (the role needs CREATEDB; or run with `-n 0`).
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import os
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import hypothesis
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

from bot.app import build_application, build_services
from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import StandinBotApi
from bot.clock import ManualClock
from bot.config import Settings
from bot.faq import dictionaries
from bot.handlers.delivery import DELIVERY_JOB
from bot.runtime import running
from bot.services import Services
from storage.db import Database, async_url

# CI runs the property-based tests with fixed examples, so a run is repeatable and a red CI names
# a defect every time; elsewhere hypothesis draws new examples on every run.
hypothesis.settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis.settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
COORDINATOR_ID = 9001
COORDINATOR_CHAT_ID = -100500
# A Tuesday morning in winter (CET, UTC+1).
START_TIME = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def pytest_configure(config: pytest.Config) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        # The search's dictionaries, made once before the workers start (a machine's first use
        # makes them, bot/faq/dictionaries.py): no test pays for it against its own timeout.
        dictionaries.dictionaries(Settings(_env_file=None).lemma_cache_dir)
    shared = os.environ.get("TEST_DATABASE_URL")
    if worker and shared:
        # Set for this worker's process and for the processes its tests start (end-to-end runs).
        os.environ["TEST_DATABASE_URL"] = asyncio.run(worker_database(shared, worker))


async def worker_database(shared: str, worker: str) -> str:
    """The worker's own PostgreSQL database beside the shared one, created if missing."""
    url = make_url(async_url(shared))
    own = url.set(database=f"{url.database}_{worker}")
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            found = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own.database}
            )
            if not found:
                try:
                    await connection.execute(text(f'CREATE DATABASE "{own.database}"'))
                except DBAPIError as error:
                    raise pytest.UsageError(
                        f"parallel tests need a database per worker and {error.orig!s}: grant the "
                        "role CREATEDB, or run the tests in one process with `-n 0`"
                    ) from None
    finally:
        await engine.dispose()
    return own.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def ordinary_garbage_collector() -> Iterator[None]:
    """A test that runs the CLI's bot in this process (`run_polling`) freezes the heap, as the
    CLI does (bot/app.py): every test after it gets the ordinary collector back."""
    yield
    gc.unfreeze()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.db'}"


_SQLITE_TEMPLATE: dict[str, Path] = {}


async def migrated_sqlite_template() -> Path:
    """A SQLite file migrated to head once per test process; each test starts from a copy."""
    if "path" not in _SQLITE_TEMPLATE:
        folder = tempfile.mkdtemp(prefix="arrival-template-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)  # not one left per run
        path = Path(folder) / "head.db"
        db = Database(f"sqlite:///{path}")
        try:
            await db.upgrade()
        finally:
            await db.dispose()
        _SQLITE_TEMPLATE["path"] = path
    return _SQLITE_TEMPLATE["path"]


async def empty_database(url: str) -> None:
    """PostgreSQL is shared between tests: migrate once, then empty every table. A new SQLite
    file is a copy of one migrated once (the migrations themselves: tests/test_migrations.py)."""
    sqlite_file = make_url(url).database if url.startswith("sqlite") else None
    if sqlite_file and not Path(sqlite_file).exists():
        Path(sqlite_file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(await migrated_sqlite_template(), sqlite_file)
        return
    db = Database(url)
    try:
        await db.upgrade()
        if not db.is_sqlite:
            import storage.models  # noqa: F401

            tables = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
            async with db.engine.begin() as connection:
                await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await db.dispose()


def make_settings(tmp_path: Path, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": "",
        "data_dir": tmp_path / "data",
        "database_url": database_url,
        "faq_dir": REPO / "faq",
        "locales_dir": REPO / "locales",
        "coordinator_ids": frozenset({COORDINATOR_ID}),
        "coordinator_chat_id": COORDINATOR_CHAT_ID,
        "user_key_secret": "test-only-secret",
        "default_language": "en",
        # Most tests are about other things: tests/test_consent.py turns the consent step on,
        # tests/test_hardening.py the flood limit down.
        "consent_in_bot": False,
        "flood_messages_per_minute": 100_000,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url)


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


@dataclass
class BotHarness:
    app: Any
    api: StandinBotApi
    services: Services
    clock: ManualClock

    def user(
        self, user_id: int = 1001, *, language_code: str | None = "en", first_name: str = "Ivana"
    ) -> SimulatedUser:
        return SimulatedUser(
            self.app, self.api, user_id, language_code=language_code, first_name=first_name
        )

    def coordinator(self, *, in_group: bool = False) -> SimulatedUser:
        return SimulatedUser(
            self.app,
            self.api,
            COORDINATOR_ID,
            language_code="sl",
            first_name="Coordinator",
            chat_id=COORDINATOR_CHAT_ID if in_group else None,
        )

    def t(self, locale: str, message_id: str, **args: Any) -> str:
        return self.services.translator.t(locale, message_id, **args)


async def start_harness(settings: Settings) -> tuple[BotHarness, Any]:
    await empty_database(settings.effective_database_url)
    clock = ManualClock(START_TIME)
    api = StandinBotApi()
    services = build_services(settings, clock=clock)
    app = build_application(settings, request=api, services=services, rate_limit=False)
    return BotHarness(app, api, services, clock), running(app)


async def another_instance(settings: Settings, clock: ManualClock) -> tuple[BotHarness, Any]:
    """A second Application on the same database (as a second webhook instance would be): its
    own engine, stand-in and memory; the same clock. The database is not emptied."""
    api = StandinBotApi()
    services = build_services(settings, clock=clock)
    app = build_application(settings, request=api, services=services, rate_limit=False)
    return BotHarness(app, api, services, clock), running(app)


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[BotHarness]:
    harness, context = await start_harness(settings)
    async with context:
        if settings.outbox_poll_seconds >= 3600:
            # The test decides when rounds run: the start-up round, one real second in, would
            # otherwise meet whatever the test's clock says by then (a reminder due early).
            hold_the_poll(harness)
        yield harness


@pytest.fixture
async def pair(settings: Settings) -> AsyncIterator[tuple[BotHarness, BotHarness]]:
    """Two Applications on one database, as two webhook instances: races are tested on these
    (on PostgreSQL; SQLite's write lock serialises them)."""
    first, first_running = await start_harness(settings)
    async with first_running:
        second, second_running = await another_instance(settings, first.clock)
        async with second_running:
            yield first, second


def twin(bot: BotHarness, user: SimulatedUser) -> SimulatedUser:
    """The same Telegram person as seen by another instance."""
    return bot.user(user.user_id, language_code=user.language_code, first_name=user.first_name)


def hold_the_poll(*bots: BotHarness) -> None:
    """The outbox poll runs once a second after start; put it off, so that what a step sends is
    sent by that step's own kick (and shows in its calls), whatever the machine's load, and a
    round never meets a clock a story has moved on."""
    for harness in bots:
        for job in harness.app.job_queue.get_jobs_by_name(DELIVERY_JOB):
            job.job.modify(next_run_time=datetime.now(UTC) + timedelta(hours=1))
