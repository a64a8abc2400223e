"""A brief unit of work (`Database.brief`) and a read (`Database.reading`): on a SQLite file they
run on the event loop's own thread and never wait there. A brief unit refused the write lock
goes through aiosqlite's thread and waits for it without blocking the loop; whatever happens,
its change is made once or not at all."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database


async def _database(url: str) -> Database:
    db = Database(url)
    _ = db.autocommit  # made on first use: made now, so that it gets the function below
    for engine in db.engines():
        # thread_id(): the thread that really runs SQLite's statements.
        event.listen(getattr(engine, "sync_engine", engine), "connect", _thread_function)
    async with db.engine.begin() as connection:
        await connection.execute(text("DROP TABLE IF EXISTS brief_t"))
        await connection.execute(text("CREATE TABLE brief_t (id INTEGER PRIMARY KEY)"))
        await connection.execute(text("INSERT INTO brief_t (id) VALUES (1)"))
    return db


def _thread_function(dbapi_connection: Any, _record: Any) -> None:
    if hasattr(dbapi_connection, "create_function"):  # SQLite; PostgreSQL has no such hook
        dbapi_connection.create_function("thread_id", 0, threading.get_ident)


async def _run(session: AsyncSession, sql: str, **params: Any) -> Any:
    return await (await session.connection()).execute(text(sql), params)


async def _thread_of(session: AsyncSession) -> int:
    return int((await _run(session, "SELECT thread_id()")).scalar_one())


async def _ids_in(session: AsyncSession) -> list[int]:
    return [row[0] for row in await _run(session, "SELECT id FROM brief_t ORDER BY id")]


async def _ids(db: Database) -> list[int]:
    async with db.reading() as session:
        return await _ids_in(session)


async def _insert(session: AsyncSession, value: int) -> None:
    await _run(session, "INSERT INTO brief_t (id) VALUES (:v)", v=value)


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> Any:
    db = await _database(f"sqlite:///{tmp_path / 'd.db'}")
    yield db
    await db.dispose()


async def test_a_free_database_runs_the_unit_and_reads_on_the_loops_thread(
    sqlite_db: Database,
) -> None:
    loop_thread = threading.get_ident()
    async with sqlite_db.brief() as session:
        assert await _thread_of(session) == loop_thread
        await _insert(session, 2)
        await session.commit()
    async with sqlite_db.reading() as reader:
        assert await _thread_of(reader) == loop_thread
    async with sqlite_db.session() as ordinary:  # an ordinary unit of work: aiosqlite's thread
        assert await _thread_of(ordinary) != loop_thread
    assert await _ids(sqlite_db) == [1, 2]


async def test_refused_the_lock_it_waits_on_another_thread_and_the_loop_runs_on(
    sqlite_db: Database,
) -> None:
    loop_thread = threading.get_ident()
    threads: list[int] = []

    async def brief_insert() -> None:
        async with sqlite_db.brief() as session:
            threads.append(await _thread_of(session))
            await _insert(session, 3)
            await session.commit()

    async with sqlite_db.session() as writer:  # BEGIN IMMEDIATE: holds SQLite's write lock
        await _insert(writer, 2)
        # A read goes beside the writer at once (WAL) and sees only what is committed.
        assert await asyncio.wait_for(_ids(sqlite_db), 2) == [1]
        waiting = asyncio.create_task(brief_insert())
        await asyncio.sleep(0.3)  # the loop is free meanwhile: this sleep ends
        assert not waiting.done()  # refused at once on the loop's thread, waiting elsewhere
        await writer.commit()
    await asyncio.wait_for(waiting, 5)
    assert threads and threads[0] != loop_thread
    assert await _ids(sqlite_db) == [1, 2, 3]  # each change made once


async def test_a_failed_unit_leaves_nothing_and_frees_the_lock(sqlite_db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with sqlite_db.brief() as session:
            await _insert(session, 2)
            raise RuntimeError("the handler failed half-way")
    # The lock is free again: the next unit runs at once on the loop's thread.
    async with sqlite_db.brief() as session:
        assert await _thread_of(session) == threading.get_ident()
        await _insert(session, 4)
        await session.commit()
    assert await _ids(sqlite_db) == [1, 4]


async def test_many_brief_units_at_once_each_happen_once(sqlite_db: Database) -> None:
    """Units started together (people pressing at the same moment) with an ordinary unit of
    work in between holding the lock: some run on the loop's thread, some wait on aiosqlite's;
    every row is written exactly once."""

    async def one(value: int) -> None:
        async with sqlite_db.brief() as session:
            await _insert(session, value)
            await asyncio.sleep(0)  # hand the loop to the others mid-unit
            await session.commit()

    async def ordinary(value: int) -> None:
        async with sqlite_db.session() as session:
            await _insert(session, value)
            await asyncio.sleep(0.01)
            await session.commit()

    await asyncio.wait_for(
        asyncio.gather(*(one(v) for v in range(10, 40)), ordinary(5), ordinary(6)), 20
    )
    assert await _ids(sqlite_db) == [1, 5, 6, *range(10, 40)]


async def test_elsewhere_brief_is_an_ordinary_unit_of_work(database_url: str) -> None:
    """In-memory SQLite and PostgreSQL: the same unit of work as `session`, same outcome."""
    for url in ("sqlite:///:memory:", database_url):
        db = await _database(url)
        try:
            async with db.brief() as session:
                await _insert(session, 2)
                await session.commit()
            with pytest.raises(RuntimeError):
                async with db.brief() as session:
                    await _insert(session, 3)
                    raise RuntimeError("rolled back")
            async with db.session() as session:
                assert await _ids_in(session) == [1, 2]
        finally:
            async with db.engine.begin() as connection:
                await connection.execute(text("DROP TABLE IF EXISTS brief_t"))
            await db.dispose()
