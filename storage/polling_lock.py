"""One long-polling process per bot token on a PostgreSQL database.

Telegram tells a second poller only by answering 409 to whichever getUpdates the other one cut
off, so two pollers started within seconds of each other cannot tell who came first (both may
stop). On one PostgreSQL database the database decides instead: a poller holds a session
advisory lock keyed on its bot's id, on a connection of its own, for as long as it polls; a
second one finds it taken and stops before its first getUpdates. The server releases the lock
when that connection ends, however the process ends (a crash, a kill, a lost network).

On SQLite there is nothing to hold: one process runs per database file (`bot.instance_lock`).
Webhook instances never take it: several of them on one token is the point of webhook mode.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from storage.db import async_url

# The lock's first key ("ariv" in ASCII); the second is a hash of the bot's id. Two int4 keys
# never meet the migrations' one bigint key (PostgreSQL keeps the two forms apart).
POLLING_LOCK_CLASS = 0x61726976


class PollingLock:
    def __init__(self, database_url: str, bot_id: int) -> None:
        self.url = async_url(database_url)
        self.bot_id = bot_id
        self._engine: AsyncEngine | None = None
        self._held: AsyncConnection | None = None

    async def acquire(self) -> bool:
        """True if this process may poll (the lock is now ours, or the database is SQLite)."""
        if self.url.startswith("sqlite") or self._held is not None:
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

    async def release(self, connection: AsyncConnection | None = None) -> None:
        connection = connection or self._held
        self._held = None
        if connection is not None:
            await connection.close()
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None
