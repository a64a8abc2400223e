"""One long-polling process per bot token on a PostgreSQL database.

Telegram tells a second poller only by answering 409 to whichever getUpdates the other one cut
off, so two pollers started within seconds of each other cannot tell who came first (both may
stop). On one PostgreSQL database the database decides instead: a poller holds a session
advisory lock keyed on its bot's id, on a connection of its own, for as long as it polls; a
second one finds it taken and stops before its first getUpdates. The server releases the lock
when that connection ends, however the process ends (a crash, a kill, a lost network).
It also releases it when the connection alone ends (the server restarted, a firewall dropped an
idle connection) while the process polls on: so the poller checks now and then that it still
holds it (`kept`), takes it again on a new connection if it is free, and stops if another
poller took it meanwhile.

On SQLite there is nothing to hold: one process runs per database file (`bot.instance_lock`).
Webhook instances never take it: several of them on one token is the point of webhook mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Literal

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from storage.db import async_url

# The lock's first key ("ariv" in ASCII); the second is a hash of the bot's id. Two int4 keys
# never meet the migrations' one bigint key (PostgreSQL keeps the two forms apart).
POLLING_LOCK_CLASS = 0x61726976
Kept = Literal["held", "again", "lost", "unknown"]
CHECK_TIMEOUT_SECONDS = 10.0  # a check that hangs (a network gone quiet) counts as unreachable

log = logging.getLogger(__name__)


class PollingLock:
    def __init__(self, database_url: str, bot_id: int) -> None:
        self.url = async_url(database_url)
        self.bot_id = bot_id
        self._engine: AsyncEngine | None = None
        self._held: AsyncConnection | None = None

    @property
    def on_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    async def acquire(self) -> bool:
        """True if this process may poll (the lock is now ours, or the database is SQLite)."""
        if self.on_sqlite or self._held is not None:
            return True
        # NullPool: closing the connection really closes it, and so releases the lock.
        self._engine = create_async_engine(self.url, poolclass=NullPool, hide_parameters=True)
        connection = await self._engine.connect()
        taken = await connection.scalar(
            text("SELECT pg_try_advisory_lock(:class, hashtext(:bot))"),
            {"class": POLLING_LOCK_CLASS, "bot": str(self.bot_id)},
        )
        await connection.commit()  # the session lock outlives the transaction it was taken in
        if taken:
            self._held = connection
            return True
        await self.release(connection)
        return False

    async def held_elsewhere(self) -> bool:
        """Whether a poller holds the lock for this bot on this database: webhook instances ask
        before they set a webhook, which would cut it off. Read from `pg_locks`, not tried:
        taking the lock even for a moment could turn away a poller starting at that moment."""
        if self.on_sqlite:
            return False
        engine = create_async_engine(self.url, poolclass=NullPool, hide_parameters=True)
        try:
            async with engine.connect() as connection:
                # Two int4 keys: the first is `classid`, the second `objid`, `objsubid` is 2.
                found = await connection.scalar(
                    text(
                        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                        " AND granted AND objsubid = 2 AND classid = :class"
                        " AND objid = hashtext(:bot)::oid AND database ="
                        " (SELECT oid FROM pg_database WHERE datname = current_database()))"
                    ),
                    {"class": POLLING_LOCK_CLASS, "bot": str(self.bot_id)},
                )
                return bool(found)
        finally:
            await engine.dispose()

    async def kept(self) -> Kept:
        """While polling, now and then: is the lock still ours? "held"; "again" (its
        connection had ended, and it was free to take on a new one); "lost" (another process
        holds it now); "unknown" (the database cannot be asked: ask again later)."""
        if self.on_sqlite:
            return "held"
        try:
            return await asyncio.wait_for(self._kept(), CHECK_TIMEOUT_SECONDS)
        except (SQLAlchemyError, OSError, TimeoutError) as exc:
            log.debug("polling lock not checked: %s", type(exc).__name__)
            await self._forget()
            return "unknown"

    async def _kept(self) -> Kept:
        held = self._held
        if held is not None:
            try:
                await held.scalar(text("SELECT 1"))  # a live session still holds its lock
                await held.commit()
                return "held"
            except SQLAlchemyError:  # the connection ended, and the lock with it
                await self._forget()
        return "again" if await self.acquire() else "lost"

    async def _forget(self) -> None:
        """Drop a connection that may be dead (closing it may fail too)."""
        held, self._held = self._held, None
        if held is not None:
            with contextlib.suppress(SQLAlchemyError, OSError):
                await held.invalidate()
        await self.release()

    async def release(self, connection: AsyncConnection | None = None) -> None:
        connection = connection or self._held
        self._held = None
        if connection is not None:
            await connection.close()
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None
