"""Upgrading in the middle of a week loses no reminder: rows written by the old outbox schema
(0002, one booking per row) are sent after `db upgrade` by the new sender."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import ManualClock
from bot.config import Settings
from bot.handlers.delivery import deliver_due
from storage.db import MIGRATIONS_DIR, Database, alembic_config
from storage.models import Outbox
from storage.schema_version import head_revision
from tests.booking_support import booking_settings, local, rows, says
from tests.conftest import REPO, another_instance, empty_database

SLOT_START = local(2026, 12, 3, 16, 0)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


async def old_person(connection: AsyncConnection, person: int, now: dt.datetime) -> None:
    """A person as every schema since 0001 holds one (plain SQL: the models are the newest),
    Telegram id 5100 + `person`."""
    await connection.execute(
        text(
            "INSERT INTO users (id, telegram_id, user_key, language, language_chosen,"
            " display_name, active, created_at) VALUES (:id, :tg, :key, 'sl', false, 'Test',"
            " true, :now)"
        ),
        {"id": person, "tg": 5100 + person, "key": f"k{person}", "now": now},
    )


async def old_slot(connection: AsyncConnection, service: str) -> None:
    """Slot 1 of `service` at SLOT_START, full (one place, booked), as every schema holds it."""
    await connection.execute(
        text(
            "INSERT INTO slots (id, service_id, starts_at, ends_at, capacity, booked, status,"
            " origin) VALUES (1, :service, :start, :end, 1, 1, 'open', 'schedule')"
        ),
        {"service": service, "start": SLOT_START, "end": SLOT_START + dt.timedelta(minutes=45)},
    )


async def test_pending_reminders_of_the_old_schema_are_sent_after_upgrade(settings: Settings):
    url = settings.effective_database_url
    await empty_database(url)
    db = Database(url)
    try:
        await db.downgrade("0002")
        async with db.engine.begin() as connection:
            now = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
            await old_person(connection, 1, now)  # Telegram id 5101
            await old_slot(connection, "consultation")
            await connection.execute(
                text(
                    "INSERT INTO bookings (id, user_id, slot_id, service_id, status, sequence,"
                    " created_at, updated_at) VALUES (1, 1, 1, 'consultation', 'confirmed', 0,"
                    " :now, :now)"
                ),
                {"now": now},
            )
            for due in (SLOT_START - dt.timedelta(hours=24), SLOT_START - dt.timedelta(hours=2)):
                await connection.execute(
                    text(
                        "INSERT INTO outbox (kind, booking_id, due_at, status, attempts)"
                        " VALUES ('reminder', 1, :due, 'pending', 0)"
                    ),
                    {"due": due},
                )
        await db.upgrade()  # what `arrival-desk db upgrade` and every start do
    finally:
        await db.dispose()

    clock = ManualClock(SLOT_START - dt.timedelta(hours=24) + dt.timedelta(minutes=1))
    bot, running = await another_instance(settings, clock)  # nothing emptied
    async with running:
        carried = await rows(bot, Outbox, kind="reminder")
        assert [(r.ref_id, r.user_id, r.status) for r in carried] == [(1, 1, "pending")] * 2
        await deliver_due(bot.app)
        (sent,) = bot.api.sent("sendMessage", chat_id=5101)
        assert says(sent.text, bot, "sl", "booking-reminder", details="")
        assert [r.status for r in await rows(bot, Outbox, kind="reminder")] == ["sent", "pending"]
    await empty_database(url)  # rows with ids given by hand: the sequences never saw them


async def test_the_migrations_make_the_tables_and_indexes_the_models_describe(database_url: str):
    """Alembic's own comparison of the migrated database with the models finds nothing to add,
    drop or change (tables, columns, indexes such as migration 0013's)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    await empty_database(database_url)
    db = Database(database_url)
    try:
        async with db.engine.connect() as connection:
            differences = await connection.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), SQLModel.metadata)
            )
    finally:
        await db.dispose()
    assert differences == []


async def test_places_doubled_on_a_waiting_list_before_0014_keep_the_earliest(settings: Settings):
    """Migration 0014 makes one place per person and slot unique; places doubled by the old
    race are closed first (the earliest stays in line), or the index could not be made."""
    url = settings.effective_database_url
    await empty_database(url)
    db = Database(url)
    try:
        await db.downgrade("0013")
        now = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
        async with db.engine.begin() as connection:
            for person in (1, 2):
                await old_person(connection, person, now)
            await old_slot(connection, "course")
            places = [(1, 1, "waiting"), (2, 1, "waiting"), (3, 2, "waiting"), (4, 1, "left")]
            for place, person, status in places:
                await connection.execute(
                    text(
                        "INSERT INTO waiting_list (id, user_id, slot_id, status, created_at)"
                        " VALUES (:id, :person, 1, :status, :now)"
                    ),
                    {"id": place, "person": person, "status": status, "now": now},
                )
        await db.upgrade()
        async with db.engine.begin() as connection:
            found = await connection.execute(
                text("SELECT id, status FROM waiting_list ORDER BY id")
            )
            assert [tuple(row) for row in found] == [
                (1, "waiting"),
                (2, "left"),  # the double of place 1
                (3, "waiting"),
                (4, "left"),
            ]
    finally:
        await db.dispose()
        await empty_database(url)  # rows with ids given by hand: the sequences never saw them


def test_the_newest_revision_is_read_from_the_files_as_alembic_reads_it():
    from alembic.script import ScriptDirectory

    alembic_head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head_revision(MIGRATIONS_DIR / "versions") == alembic_head


def test_a_history_that_is_not_plain_is_left_to_alembic(tmp_path: Path):
    def revision(folder: Path, name: str, revises: str | None) -> None:
        folder.mkdir(exist_ok=True)
        down = f'"{revises}"' if revises else "None"
        (folder / f"{name}.py").write_text(
            f'revision: str = "{name}"\ndown_revision: str | None = {down}\n', encoding="utf-8"
        )

    for name, revises in (("a1", None), ("b2", "a1"), ("c3", "a1")):  # two heads
        revision(tmp_path / "branched", name, revises)
    assert head_revision(tmp_path / "branched") is None
    revision(tmp_path / "odd", "a1", None)
    (tmp_path / "odd" / "b2.py").write_text("revision = make_id()\n", encoding="utf-8")
    assert head_revision(tmp_path / "odd") is None
    revision(tmp_path / "linear", "a1", None)
    revision(tmp_path / "linear", "b2", "a1")
    assert head_revision(tmp_path / "linear") == "b2"


def test_a_start_on_the_newest_schema_does_not_load_alembic(database_url: str):
    """Every start upgrades; at the newest schema already, the process never imports Alembic
    (~190 ms of the start and ~11 MB kept for good)."""
    asyncio.run(empty_database(database_url))  # migrated to the newest, rows emptied
    program = (
        "import asyncio, sys; from storage.db import Database\n"
        "async def main():\n"
        "    db = Database(sys.argv[1])\n"
        "    await db.upgrade()\n"
        "    await db.dispose()\n"
        "asyncio.run(main()); print('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, database_url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False", "Alembic was loaded for nothing"
