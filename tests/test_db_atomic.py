"""A unit of work made only of statement functions (`Database.atomic`): on a SQLite file it runs
at once on the event loop's thread, on the driver's own connection (refused the write lock, it
is an ordinary unit of work); on PostgreSQL it is asyncpg's own transaction. Whatever happens,
all of it is kept or none."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.util import await_only

from storage.db import Database
from storage.prepared import AsyncpgRunner, Prepared, Runner

_T = Table("atomic_t", MetaData(), Column("id", Integer, primary_key=True))
_ADD = Prepared(insert(_T), columns=("id",))


def add(connection: Runner, *, values: list[int], seen: list[Any] | None = None) -> int:
    """Insert the values one statement at a time; says which runner and thread ran them."""
    if seen is not None:
        seen.append((connection, threading.get_ident()))
    for value in values:
        _ADD.count(connection, {"id": value})
    return len(values)


def fail_after(connection: Runner, *, values: list[int]) -> None:
    add(connection, values=values)
    raise RuntimeError("the work failed half-way")


async def _database(url: str) -> Database:
    db = Database(url)
    async with db.engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS atomic_t"))
        await connection.execute(text("CREATE TABLE atomic_t (id INTEGER PRIMARY KEY)"))
        await connection.execute(text("INSERT INTO atomic_t (id) VALUES (1)"))
    return db


async def _ids(db: Database) -> list[int]:
    async with db.session() as session:
        rows = await (await session.connection()).execute(
            text("SELECT id FROM atomic_t ORDER BY id")
        )
        return [row[0] for row in rows]


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> Any:
    db = await _database(f"sqlite:///{tmp_path / 'd.db'}")
    yield db
    await db.dispose()


async def test_a_free_database_runs_it_at_once_on_the_drivers_connection(
    sqlite_db: Database,
) -> None:
    seen: list[Any] = []
    assert await sqlite_db.atomic(add, values=[2, 3], seen=seen) == 2
    ((runner, thread),) = seen
    assert isinstance(runner, sqlite3.Connection) and thread == threading.get_ident()
    assert not runner.in_transaction  # committed
    assert await _ids(sqlite_db) == [1, 2, 3]


async def test_a_broken_constraint_half_way_keeps_nothing_and_frees_the_lock(
    sqlite_db: Database,
) -> None:
    with pytest.raises(IntegrityError):  # as SQLAlchemy raises it: callers handle both alike
        await sqlite_db.atomic(add, values=[2, 1])  # 1 is there already
    with pytest.raises(RuntimeError):
        await sqlite_db.atomic(fail_after, values=[3])
    seen: list[Any] = []
    await sqlite_db.atomic(add, values=[4], seen=seen)  # the lock is free: at once again
    assert isinstance(seen[0][0], sqlite3.Connection)
    assert await _ids(sqlite_db) == [1, 4]


async def test_refused_the_lock_it_waits_on_another_thread_and_the_loop_runs_on(
    sqlite_db: Database,
) -> None:
    seen: list[Any] = []
    async with sqlite_db.session() as writer:  # BEGIN IMMEDIATE: holds SQLite's write lock
        await (await writer.connection()).execute(text("INSERT INTO atomic_t (id) VALUES (2)"))
        waiting = asyncio.create_task(sqlite_db.atomic(add, values=[3], seen=seen))
        await asyncio.sleep(0.3)  # the loop is free meanwhile: this sleep ends
        assert not waiting.done()  # refused at once on the loop's thread, waiting elsewhere
        await writer.commit()
    await asyncio.wait_for(waiting, 5)
    assert len(seen) == 1 and not isinstance(seen[0][0], sqlite3.Connection)
    assert await _ids(sqlite_db) == [1, 2, 3]  # each change made once


async def test_many_at_once_beside_ordinary_units_each_happen_once(sqlite_db: Database) -> None:
    async def ordinary(value: int) -> None:
        async with sqlite_db.session() as session:
            await (await session.connection()).execute(
                text("INSERT INTO atomic_t (id) VALUES (:v)"), {"v": value}
            )
            await asyncio.sleep(0.01)
            await session.commit()

    work = [sqlite_db.atomic(add, values=[v, v + 100]) for v in range(10, 40)]
    await asyncio.wait_for(asyncio.gather(*work, ordinary(5), ordinary(6)), 20)
    assert await _ids(sqlite_db) == [1, 5, 6, *range(10, 40), *range(110, 140)]


async def test_elsewhere_all_of_it_or_none_of_it_too(database_url: str) -> None:
    """In-memory SQLite (an ordinary unit of work) and PostgreSQL (asyncpg's own transaction
    on a connection of the autocommit pool): the same outcome."""
    for url in ("sqlite:///:memory:", database_url):
        db = await _database(url)
        try:
            seen: list[Any] = []
            assert await db.atomic(add, values=[2, 3], seen=seen) == 2
            if not db.is_sqlite:  # the statements go to asyncpg itself
                assert isinstance(seen[0][0], AsyncpgRunner)
            with pytest.raises(IntegrityError):
                await db.atomic(add, values=[4, 2])
            with pytest.raises(RuntimeError):
                await db.atomic(fail_after, values=[5])
            assert await _ids(db) == [1, 2, 3]
        finally:
            async with db.engine.begin() as connection:
                await connection.execute(text("DROP TABLE IF EXISTS atomic_t"))
            await db.dispose()


def backend(connection: Runner) -> int:
    assert isinstance(connection, AsyncpgRunner)
    return int(await_only(connection.connection.fetchval("SELECT pg_backend_pid()")))


async def test_on_postgresql_a_connection_the_server_dropped_is_replaced(
    database_url: str,
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's own transaction")
    db = await _database(database_url)
    try:
        first = await db.atomic(backend)
        async with db.engine.connect() as admin:  # as an administrator or a restart would
            await admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        await asyncio.sleep(0.2)
        seen: list[Any] = []
        assert await db.atomic(add, values=[2], seen=seen) == 1  # on a new connection
        assert await db.atomic(backend) != first
        assert await _ids(db) == [1, 2]
    finally:
        async with db.engine.begin() as connection:
            await connection.execute(text("DROP TABLE IF EXISTS atomic_t"))
        await db.dispose()


def add_then_wait(connection: Runner, *, values: list[int]) -> None:
    add(connection, values=values)
    if isinstance(connection, AsyncpgRunner):  # a unit still open when its task is cancelled
        await_only(asyncio.sleep(5))


async def test_on_postgresql_a_unit_cancelled_half_way_leaves_no_transaction_behind(
    database_url: str,
) -> None:
    """A task cancelled in the middle of a unit (a shutdown, a timeout): nothing of it is kept,
    and its connection is not handed to the next unit still inside that transaction (whose
    work would then never be committed)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's own transaction")
    db = await _database(database_url)
    try:
        for value in (5, 6):
            task = asyncio.create_task(db.atomic(add_then_wait, values=[value]))
            await asyncio.sleep(0.3)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
        await db.atomic(add, values=[7])
        await db.atomic(add, values=[8])
        assert await _ids(db) == [1, 7, 8]
    finally:
        async with db.engine.begin() as connection:
            await connection.execute(text("DROP TABLE IF EXISTS atomic_t"))
        await db.dispose()
