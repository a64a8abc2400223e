"""Reads outside units of work (`Database.reading`): a read never waits for a writer and sees
only what is committed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import text

from storage.db import Database


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
