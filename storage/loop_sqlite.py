"""aiosqlite's connection, run on the event loop's own thread: for SQLAlchemy's async engine
on a SQLite file, for units of work and reads that must never wait for a lock (see
`Database.brief` and `Database.reading`).

aiosqlite hands every call (cursor, execute, fetch, close, commit) to a thread of its own and
waits for the answer: four hand-offs a statement, ~500 µs of CPU where SQLite itself needs
~5-50 µs (bench/README.md). Here the same calls run at once, so SQLAlchemy's async layer,
its ORM and every repository work unchanged. That is only safe for calls that never wait:
the connection's busy timeout is 0, so SQLite answers "locked" at once instead of blocking
the loop, and the caller takes the write lock first (BEGIN IMMEDIATE), before anything is
changed, and goes through aiosqlite's thread instead when it is refused.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Generator
from typing import Any

import aiosqlite


class _AtOnce:
    """Stands in for aiosqlite's queue to its thread: SQLAlchemy's `isolation_level` setter puts
    a call there and awaits its future; here the call runs as it is put."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:  # handed to the awaiting caller, as aiosqlite does
            if future is not None and not future.done():
                future.set_exception(error)
        else:
            if future is not None and not future.done():
                future.set_result(result)


class LoopThreadConnection(aiosqlite.Connection):
    """aiosqlite's interface without its thread: every call runs on the caller's thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _AtOnce()  # type: ignore[assignment]

    @property
    def driver(self) -> sqlite3.Connection | None:
        """The `sqlite3` connection itself, for a statement run by the driver directly inside
        this connection's transaction (`storage.db.within`): on the loop's thread, as every
        call here is."""
        return self._connection

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    async def _connect(self) -> LoopThreadConnection:
        if self._connection is None:
            self._connection = self._connector()
        return self

    def __await__(self) -> Generator[Any, None, LoopThreadConnection]:
        return self._connect().__await__()  # no thread to start

    def stop(self) -> None:
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        self.stop()


def connector(path: str) -> Callable[[], Awaitable[LoopThreadConnection]]:
    """An `async_creator` for `create_async_engine`: connections to the SQLite file at `path`."""

    async def create() -> LoopThreadConnection:
        # isolation_level None: the driver opens no transactions itself (BEGIN IMMEDIATE does).
        return await LoopThreadConnection(
            lambda: sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        )

    return create
