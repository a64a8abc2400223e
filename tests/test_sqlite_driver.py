"""The SQLite driver that makes one trip to aiosqlite's thread per statement, and reads outside
units of work: the same results and errors as before, and a read never waits for a writer."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.sqlite_driver import OneTripConnection


async def test_one_trip_gives_rows_counts_ids_and_errors(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'd.db'}")
    try:
        async with db.engine.begin() as connection:
            raw = await connection.get_raw_connection()
            assert isinstance(raw.driver_connection, OneTripConnection)
            await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"))
            inserted = await connection.execute(text("INSERT INTO t (v) VALUES ('a')"))
            assert inserted.lastrowid == 1
            await connection.execute(
                text("INSERT INTO t (v) VALUES (:v)"), [{"v": "b"}, {"v": "c"}]
            )
            changed = await connection.execute(text("UPDATE t SET v = v || '!' WHERE id > 1"))
            assert changed.rowcount == 2
            rows = (await connection.execute(text("SELECT id, v FROM t ORDER BY id"))).all()
            assert [tuple(r) for r in rows] == [(1, "a"), (2, "b!"), (3, "c!")]
            first = (await connection.execute(text("SELECT v FROM t ORDER BY id"))).first()
            assert first is not None and first[0] == "a"
        with pytest.raises(IntegrityError):
            async with db.engine.begin() as connection:
                await connection.execute(text("INSERT INTO t (v) VALUES ('a')"))
        async with db.single() as connection:  # the failed unit left nothing behind
            count = (await connection.execute(text("SELECT count(*) FROM t"))).scalar_one()
        assert count == 3
    finally:
        await db.dispose()


async def test_a_read_does_not_wait_for_a_unit_of_work(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'd.db'}")
    try:
        async with db.engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
            await connection.execute(text("INSERT INTO t (id) VALUES (1)"))
        async with db.session() as writer:  # BEGIN IMMEDIATE: holds SQLite's write lock
            await (await writer.connection()).execute(text("INSERT INTO t (id) VALUES (2)"))
            async with db.reading() as reader:  # sees the committed row, not the pending one
                read = (await reader.connection()).execute(text("SELECT id FROM t"))
                rows = await asyncio.wait_for(read, 2)
                assert [r[0] for r in rows] == [1]
            await writer.commit()
        async with db.reading() as reader:
            count = await (await reader.connection()).execute(text("SELECT count(*) FROM t"))
            assert count.scalar_one() == 2
    finally:
        await db.dispose()
