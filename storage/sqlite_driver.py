"""SQLite through aiosqlite in one trip to its thread per statement.

SQLAlchemy's aiosqlite adapter makes four trips to the driver's thread for every statement (open
a cursor, execute, fetch, close), each a queue hand-off and an event-loop wake-up: most of the
CPU a short query costs. `OneTripConnection` is aiosqlite's own connection whose cursors do the
four steps in one trip and hand back the rows, description, rowcount and last row id. Same
thread, same sqlite3 connection, same transactions; only the hand-offs are fewer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import aiosqlite
from sqlalchemy.engine import make_url

_Outcome = tuple[Any, int, int | None, list[Any]]


class OneTripCursor:
    """Quacks like `aiosqlite.Cursor` for what SQLAlchemy's adapter uses."""

    arraysize = 1

    def __init__(self, connection: OneTripConnection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: list[Any] = []

    async def __aenter__(self) -> OneTripCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        return None

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> OneTripCursor:
        connection = self._connection
        outcome = await connection._execute(_run, connection._conn, sql, parameters)
        self._take(outcome)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> OneTripCursor:
        connection = self._connection
        outcome = await connection._execute(_run_many, connection._conn, sql, parameters)
        self._take(outcome)
        return self

    def _take(self, outcome: _Outcome) -> None:
        self.description, self.rowcount, self.lastrowid, self._rows = outcome

    async def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = size or self.arraysize
        rows, self._rows = self._rows[:count], self._rows[count:]
        return rows

    async def close(self) -> None:
        self._rows = []


def _run(connection: sqlite3.Connection, sql: str, parameters: Any) -> _Outcome:
    """In the driver's thread: the whole statement, cursor closed before returning."""
    cursor = connection.cursor()
    try:
        if parameters is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


def _run_many(connection: sqlite3.Connection, sql: str, parameters: Any) -> _Outcome:
    cursor = connection.cursor()
    try:
        cursor.executemany(sql, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class OneTripConnection(aiosqlite.Connection):
    def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)


def one_trip_creator(url: str) -> Any:
    """`create_async_engine(..., async_creator=…)` for a SQLite URL: the connect arguments
    SQLAlchemy would give aiosqlite, on a `OneTripConnection`."""
    from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite

    args, kwargs = SQLiteDialect_aiosqlite().create_connect_args(make_url(url))
    database = args[0] if args else kwargs.pop("database")

    async def connect() -> OneTripConnection:
        connection = OneTripConnection(lambda: sqlite3.connect(database, **kwargs), 64)
        connection._thread.daemon = True  # as SQLAlchemy does: never keeps the process alive
        return await connection

    return connect
