"""How the bot's SQLite connections are set up: their pragmas, the engine whose connections run
on the event loop's thread, the write lock a unit of work takes as it starts, and what a refusal
to take it looks like (`storage.db` uses them)."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage import loop_sqlite
from storage.prepared import driver_runner, sqlalchemy_error


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers work while one writer commits; busy_timeout waits instead of failing.
    # The driver must not open transactions itself: `begin_immediate` does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit survives the
    # process being killed (the outbox's exactly-once), only an OS crash or power cut may undo
    # the last ones, and the database stays consistent. Per-commit fsyncs cost ~6 ms each.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def sqlite_inline_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The event loop's own connection (see `Database.alone`): it never waits for a lock.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=0")
    cursor.execute("PRAGMA journal_mode=WAL")  # already so, unless this connection came first
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def on_loop_engine(url: str, file: str, **options: Any) -> AsyncEngine:
    """An async engine whose SQLite connections run on the event loop's thread and never wait
    for a lock (`storage/loop_sqlite.py`)."""
    engine = create_async_engine(
        url, async_creator=loop_sqlite.connector(file), hide_parameters=True, **options
    )
    event.listen(engine.sync_engine, "connect", sqlite_inline_pragmas)
    return engine


def refused(error: BaseException | None) -> bool:
    """SQLite refused at once because another connection holds the lock it needs."""
    code = getattr(error, "sqlite_errorcode", None)
    return (
        isinstance(error, sqlite3.OperationalError)
        and code is not None
        and ((code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED))
    )


def sqlite_migration_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.close()


def begin_immediate(connection: Connection) -> None:
    # Take SQLite's write lock when a unit of work starts, not half-way through it: a transaction
    # that read first and writes later could otherwise fail at once with "database is locked"
    # when another one wrote meanwhile. Waiting (busy_timeout) replaces failing.
    driver = driver_runner(connection)
    if isinstance(driver, sqlite3.Connection):  # on the loop's thread (`brief`): the driver
        try:  # at once, not SQLAlchemy's execution of a statement (~40 µs a unit of work)
            driver.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:  # refused: as SQLAlchemy raises it, `brief` falls back
            raise sqlalchemy_error(error) from error
        return
    connection.exec_driver_sql("BEGIN IMMEDIATE")
