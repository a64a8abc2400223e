"""One statement outside any unit of work (`Database.alone`): on a SQLite file it runs at once
on the event loop's thread, on the `sqlite3` driver's own connection, and never waits there; a
write that finds the lock taken goes through the async engine and waits for it. Each statement
happens once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import Integer, text
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.prepared import Prepared, Runner

_INSERT = Prepared(text("INSERT INTO t (id) VALUES (:value)"))
_IDS = Prepared(text("SELECT id FROM t ORDER BY id").columns(id=Integer()))
_SEVEN = Prepared(text("SELECT 7 AS seven").columns(seven=Integer()))


def _insert(connection: Runner, *, value: int) -> None:
    _INSERT.count(connection, {"value": value})


def _ids(connection: Runner) -> list[int]:
    return [row.id for row in _IDS.rows(connection, {})]


def _seven(connection: Runner) -> int:
    return int(_SEVEN.first(connection, {}).seven)


async def _database(tmp_path: Path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'd.db'}")
    async with db.engine.begin() as connection:
        await connection.execute(text("PRAGMA journal_mode=WAL"))
        await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
        await connection.execute(text("INSERT INTO t (id) VALUES (1)"))
    return db


def _count_inline(db: Database) -> list[str]:
    seen: list[str] = []
    driver = db.driver()
    assert driver is not None
    driver.set_trace_callback(lambda sql: seen.append(sql.split()[0]))
    return seen


async def test_a_free_database_runs_the_statement_at_once(tmp_path: Path) -> None:
    db = await _database(tmp_path)
    try:
        inline = _count_inline(db)
        await db.alone(_insert, value=2)
        assert await db.alone(_ids) == [1, 2]
        assert inline == ["INSERT", "SELECT"]  # on the driver's connection, not aiosqlite's
    finally:
        await db.dispose()


async def test_a_write_waits_for_a_unit_of_work_without_blocking_the_loop(tmp_path: Path) -> None:
    db = await _database(tmp_path)
    try:
        inline = _count_inline(db)
        async with db.session() as writer:  # BEGIN IMMEDIATE: holds SQLite's write lock
            await (await writer.connection()).execute(text("INSERT INTO t (id) VALUES (2)"))
            # A read goes beside the writer (WAL) and sees only what is committed.
            assert await asyncio.wait_for(db.alone(_ids), 2) == [1]
            waiting = asyncio.create_task(db.alone(_insert, value=3))
            await asyncio.sleep(0.3)  # the loop is free meanwhile: this sleep ends
            assert not waiting.done()  # refused at once inline, now waiting for the lock
            await writer.commit()
        await asyncio.wait_for(waiting, 5)
        assert await db.alone(_ids) == [1, 2, 3]  # written once, after the unit of work
        assert inline.count("INSERT") == 1  # the refused try, which changed nothing
    finally:
        await db.dispose()


async def test_other_errors_are_not_retried(tmp_path: Path) -> None:
    db = await _database(tmp_path)
    try:
        with pytest.raises(IntegrityError):
            await db.alone(_insert, value=1)  # the id is taken: an error, not a lock
        assert await db.alone(_ids) == [1]
    finally:
        await db.dispose()


async def test_in_memory_and_postgresql_go_through_sqlalchemy(database_url: str) -> None:
    memory = Database("sqlite:///:memory:")
    try:
        assert memory.driver() is None
        assert await memory.alone(_seven) == 7
    finally:
        await memory.dispose()
    db = Database(database_url)
    try:
        assert (db.driver() is None) == (not db.is_sqlite)
        assert await db.alone(_seven) == 7
    finally:
        await db.dispose()


async def test_a_connection_the_server_dropped_is_replaced(database_url: str) -> None:
    """PostgreSQL restarted (or an administrator ended the session) while a pooled connection
    was idle: the next statement still runs, on a new connection."""
    db = Database(database_url)
    if db.is_sqlite:
        await db.dispose()
        pytest.skip("a server that drops connections: PostgreSQL")

    backend_pid = Prepared(text("SELECT pg_backend_pid() AS pid").columns(pid=Integer()))

    def backend(connection: Runner) -> int:
        return int(backend_pid.first(connection, {}).pid)

    try:
        first = await db.alone(backend)
        async with db.engine.connect() as other:  # only that connection: tests share the server
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        await asyncio.sleep(0.2)
        second = await db.alone(backend)
        assert second != first
    finally:
        await db.dispose()
