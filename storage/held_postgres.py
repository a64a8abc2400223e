"""`Database.alone` on PostgreSQL: its statements go to asyncpg itself, on one connection this
process holds.

Through SQLAlchemy's async engine one such statement cost ~250 µs of CPU (its pool, its
asyncpg adapter, an execution context and a result), asyncpg's own `fetch` on a held connection
~70 µs (bench/README.md, sixth round); every update reads its person and most record an event
this way. The statement functions stay synchronous: they run in SQLAlchemy's greenlet bridge
(`greenlet_spawn`), where `storage.prepared.Prepared` awaits asyncpg for them.

One connection, one statement at a time (asyncpg runs one operation per connection): each
takes a fraction of a millisecond, and units of work have the engine's pool to themselves. A
connection the server dropped (a restart, an administrator's `pg_terminate_backend`) is
replaced and the statement sent once more: one that died while idle sent nothing; one cut in
the middle of the statement leaves its outcome unknown either way (at worst an event counted
twice, or rows a lost claim leased waiting for their lease to end)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.util import greenlet_spawn

from storage.prepared import AsyncpgRunner, sqlalchemy_error

T = TypeVar("T")

GONE = (  # the connection is gone: replace it
    asyncpg.exceptions.PostgresConnectionError,  # ConnectionDoesNotExistError …
    asyncpg.exceptions.InterfaceError,  # "connection is closed"
    asyncpg.exceptions.AdminShutdownError,  # terminated while the statement ran
    ConnectionError,
)


class HeldConnection:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._held: AsyncConnection | None = None
        self._runner: AsyncpgRunner | None = None
        self._turn: asyncio.Lock | None = None

    async def run(self, statement: Callable[..., T], /, **params: Any) -> T:
        if self._turn is None:
            self._turn = asyncio.Lock()
        async with self._turn:
            try:
                return await self._once(statement, params)
            except GONE:
                await self.close(invalidate=True)  # the pool must not hand it out again
            return await self._once(statement, params)

    async def _once(self, statement: Callable[..., T], params: dict[str, Any]) -> T:
        runner = await self._connection()
        try:
            result: T = await greenlet_spawn(statement, runner, **params)
        except GONE:
            raise  # `run` replaces the connection
        except asyncpg.exceptions.PostgresError as error:
            raise sqlalchemy_error(error) from error
        return result

    async def _connection(self) -> AsyncpgRunner:
        if self._runner is None:
            # From the autocommit engine's pool: its connect arguments, and no transaction.
            self._held = await self.engine.connect()
            raw = await self._held.get_raw_connection()
            self._runner = AsyncpgRunner(raw.driver_connection)
        return self._runner

    async def close(self, *, invalidate: bool = False) -> None:
        held, self._held, self._runner = self._held, None, None
        if held is not None:
            if invalidate:
                await held.invalidate()
            await held.close()
