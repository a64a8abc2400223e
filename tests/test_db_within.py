"""A statement function run inside a unit of work (`storage.db.within`): in that unit's
transaction whichever way it is sent (on a SQLite file's brief unit the `sqlite3` driver runs it
itself, elsewhere SQLAlchemy), committed or rolled back with the rest, its errors SQLAlchemy's,
and what the session holds unflushed written first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from storage.db import Database, within
from storage.models import Event, User
from storage.prepared import Prepared
from storage.repos import events, users
from tests.conftest import empty_database

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
EVENT = {"kind": "faq_view", "user_key": "k" * 16, "language": "uk", "at": NOW}


async def _database(url: str) -> Database:
    await empty_database(url)
    return Database(url)


async def _events(db: Database) -> int:
    async with db.reading() as session:
        return int((await session.exec(select(func.count()).select_from(Event))).one()[0])


async def test_committed_with_the_unit_and_rolled_back_with_it(database_url: str) -> None:
    db = await _database(database_url)
    try:
        async with db.brief() as session:
            await within(session, events.record_alone, **EVENT)
            await session.rollback()
        assert await _events(db) == 0
        async with db.brief() as session:
            await within(session, events.record_alone, **EVENT)
            await within(session, events.record_alone, **{**EVENT, "kind": "booked"})
            await session.commit()
        assert await _events(db) == 2
    finally:
        await db.dispose()


async def test_on_a_sqlite_file_the_driver_runs_it_in_the_brief_units_transaction(
    database_url: str,
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the loop's own SQLite connection")
    db = await _database(database_url)
    sent: list[str] = []
    try:
        async with db.brief() as session:
            raw = (await session.connection()).sync_connection.connection.driver_connection  # type: ignore[union-attr]
            raw.driver.set_trace_callback(sent.append)
            await within(session, events.record_alone, **EVENT)
            raw.driver.set_trace_callback(None)
            await session.rollback()
    finally:
        await db.dispose()
    assert [s.split()[0] for s in sent] == ["INSERT"]  # the driver's own, no BEGIN: the unit's
    assert await _events(Database(database_url)) == 0


async def test_a_broken_constraint_is_sqlalchemys_integrity_error(database_url: str) -> None:
    db = await _database(database_url)
    person = User(telegram_id=5, user_key="k" * 16, language="uk", created_at=NOW)
    try:
        async with db.brief() as session:
            session.add(person)  # unflushed: `within` writes it first
            taken = await within(session, users.take_awaiting_alone, user_id=1, kind="note")
            assert taken is False  # the row is there (flushed), its pending input is not
            with pytest.raises(IntegrityError):
                await within(session, _same_person_again)
            await session.rollback()
    finally:
        await db.dispose()


_INSERT_PERSON = Prepared(
    insert(User.__table__),  # type: ignore[attr-defined]
    columns=["telegram_id", "user_key", "language", "created_at"],
)


def _same_person_again(connection: Any) -> None:
    values = {"telegram_id": 5, "user_key": "k" * 16, "language": "uk", "created_at": NOW}
    _INSERT_PERSON.count(connection, values)


def _runner_kind(connection: Any) -> str:
    return type(connection).__name__


async def test_on_postgresql_asyncpg_runs_it_once_the_units_transaction_has_begun(
    database_url: str,
) -> None:
    """SQLAlchemy's adapter begins the transaction with the first statement sent through it:
    until then a statement goes through SQLAlchemy, after it asyncpg runs them itself, and a
    rollback undoes both."""
    if database_url.startswith("sqlite"):
        pytest.skip("asyncpg: PostgreSQL")
    db = await _database(database_url)
    try:
        async with db.brief() as session:
            assert await within(session, _runner_kind) == "Connection"  # nothing sent yet
            await within(session, events.record_alone, **EVENT)  # begins the transaction
            assert await within(session, _runner_kind) == "AsyncpgRunner"
            await within(session, events.record_alone, **{**EVENT, "kind": "booked"})
            await session.rollback()
        assert await _events(db) == 0  # both ways in the one transaction (committing: above)
    finally:
        await db.dispose()
