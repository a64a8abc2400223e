"""The async engine and session factory, units of work and single statements, and Alembic
upgrades at start (SQLite's connection set-up: `storage.sqlite_setup`)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import asyncpg
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import greenlet_spawn
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.held_postgres import GONE as _GONE
from storage.held_postgres import HeldConnection
from storage.prepared import AsyncpgRunner, driver_runner, sqlalchemy_error
from storage.schema_version import head_revision, stored_revisions
from storage.sqlite_setup import (
    begin_immediate,
    on_loop_engine,
    refused,
    sqlite_inline_pragmas,
    sqlite_migration_pragmas,
    sqlite_pragmas,
)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# PostgreSQL advisory lock key held while migrating ("arrival" in ASCII): instances started
# together (two containers, each running `arrival-desk db upgrade`) take turns, and the second
# finds the schema at head instead of failing on a table the first has just created.
MIGRATION_LOCK = 0x617272697661

if TYPE_CHECKING:
    from alembic.config import Config

T = TypeVar("T")


def async_url(url: str) -> str:
    """Accept plain `sqlite:///` and `postgresql://` URLs and pick the asyncio drivers."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif parsed.drivername in ("postgresql", "postgresql+psycopg2", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def alembic_config(url: str) -> Config:
    from alembic.config import Config  # imported only when migrating (storage/schema_version.py)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


async def within(session: AsyncSession, statement: Callable[..., T], /, **params: Any) -> T:
    """Run `statement(runner, **params)`, a statement function as `Database.alone` takes (it
    sends `storage.prepared.Prepared` statements), inside the session's unit of work: on its
    connection, in its transaction. Where that connection runs on the loop's thread (a SQLite
    file's brief unit, which began with BEGIN IMMEDIATE) or is asyncpg's inside its transaction,
    the driver runs the statement itself: SQLAlchemy's execution machinery cost ~100 µs a
    statement in the bot's process (bench/README.md, seventh round); else SQLAlchemy does. The
    session's unflushed objects go first, as the ORM's autoflush would; its ORM objects do not
    see what the statement changed (use it for rows not loaded as such in the unit)."""
    if session.new or session.dirty or session.deleted:
        await session.flush()
    connection = await session.connection()
    try:
        return await connection.run_sync(_on_driver, statement, params)
    except (sqlite3.Error, asyncpg.exceptions.PostgresError) as error:
        raise sqlalchemy_error(error) from error


def _on_driver(connection: Connection, statement: Callable[..., T], params: dict[str, Any]) -> T:
    return statement(driver_runner(connection), **params)


class Database:
    def __init__(self, url: str) -> None:
        self.url = async_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        database = make_url(self.url).database if self.is_sqlite else None
        file = database if database and database != ":memory:" else None  # a SQLite file
        if file:
            Path(file).parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: errors and SQL logs show placeholders, never the values (Telegram
        # ids, names, notes) bound to them.
        self.engine: AsyncEngine = create_async_engine(
            self.url, pool_pre_ping=not self.is_sqlite, hide_parameters=True
        )
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", sqlite_pragmas)
            event.listen(self.engine.sync_engine, "begin", begin_immediate)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )
        self._autocommit: AsyncEngine | None = None
        self._readers: async_sessionmaker[AsyncSession] | None = None
        self._inline: Engine | None = None
        self._held: Any = None  # the pool's proxy of `driver()`, once made
        self._held_postgres: HeldConnection | None = None
        self._on_loop: AsyncEngine | None = None
        self._on_loop_readers: AsyncEngine | None = None
        self._brief: async_sessionmaker[AsyncSession] | None = None
        if file:
            # Units of work (`brief`) and reads (`reading`) on the loop's own thread.
            self._on_loop = on_loop_engine(self.url, file)
            event.listen(self._on_loop.sync_engine, "begin", begin_immediate)
            self._brief = async_sessionmaker(
                self._on_loop, class_=AsyncSession, expire_on_commit=False
            )
            self._on_loop_readers = on_loop_engine(
                self.url,
                file,
                isolation_level="AUTOCOMMIT",
                pool_reset_on_return=None,
                skip_autocommit_rollback=True,
            )
            self._readers = async_sessionmaker(
                self._on_loop_readers, class_=AsyncSession, expire_on_commit=False
            )
            self._inline = create_engine(
                make_url(self.url).set(drivername="sqlite+pysqlite"),
                hide_parameters=True,
                isolation_level="AUTOCOMMIT",
                pool_reset_on_return=None,
                skip_autocommit_rollback=True,
            )
            event.listen(self._inline, "connect", sqlite_inline_pragmas)

    def driver(self) -> sqlite3.Connection | None:
        """The `sqlite3` connection `alone` runs statements on at once (a SQLite file), else
        None: one for the process, used only on the event loop's thread, by statements that
        never await, so never by two at a time. Made on first use, from the inline engine's
        pool (which gives it the pragmas)."""
        if self._inline is None:
            return None
        if self._held is None:
            self._held = self._inline.raw_connection()
        driver: sqlite3.Connection = self._held.driver_connection
        return driver

    def engines(self) -> list[AsyncEngine | Engine]:
        """Every engine made so far (the bench counts the statements sent through them)."""
        found = [self.engine, self._autocommit, self._inline, self._on_loop, self._on_loop_readers]
        return [engine for engine in found if engine is not None]

    @property
    def autocommit(self) -> AsyncEngine:
        """Connections in autocommit, for one statement that needs no unit of work (a read, an
        insert that stands alone): no BEGIN and COMMIT round trips around it, and on SQLite no
        write lock for a read (WAL lets it read beside a writer). A single statement is atomic
        by itself. Made on first use; an in-memory SQLite database has only the one engine."""
        if self._autocommit is None:
            database = make_url(self.url).database if self.is_sqlite else None
            if self.is_sqlite and (not database or database == ":memory:"):
                self._autocommit = self.engine
            else:
                self._autocommit = create_async_engine(
                    self.url,
                    # No ping before each use (a round trip, ~150 µs of CPU): `alone` holds
                    # one of these and replaces it when found dead (storage/held_postgres.py);
                    # `reading()` sessions take theirs for one picker's reads.
                    pool_pre_ping=False,
                    hide_parameters=True,
                    isolation_level="AUTOCOMMIT",
                    pool_reset_on_return=None,  # no transaction is ever left to roll back
                    # nor when a connection closes: a ROLLBACK per use was a driver round trip
                    skip_autocommit_rollback=True,
                    pool_size=2,
                )
                if self.is_sqlite:
                    event.listen(self._autocommit.sync_engine, "connect", sqlite_pragmas)
        return self._autocommit

    @asynccontextmanager
    async def single(self) -> AsyncIterator[AsyncConnection]:
        """A connection for one statement outside any unit of work (see `autocommit`)."""
        async with self.autocommit.connect() as connection:
            yield connection
            if self.autocommit is self.engine:  # in-memory SQLite: its one engine begins
                await connection.commit()

    async def alone(self, statement: Callable[..., T], /, **params: Any) -> T:
        """Run `statement(connection, **params)`, which sends exactly one SQL statement, a
        `storage.prepared.Prepared` one, outside any unit of work (see `autocommit`): every
        update reads its person and records an event this way.

        On a SQLite file it runs at once, on the event loop's thread, on the `sqlite3` driver's
        own connection (`driver`): an indexed read or a one-row write costs 5–30 µs there,
        where aiosqlite's four hand-offs to its thread per statement cost ~500 µs of CPU and
        SQLAlchemy's execution ~80 µs more (bench/README.md).
        It never waits there (busy_timeout 0: WAL lets a read go beside a writer; a write that
        finds the lock taken fails before changing anything) and then goes through the async
        engine, whose thread waits for the lock. Only for one statement: a second one after a
        refused first could not be undone. On PostgreSQL it goes to asyncpg itself, on one
        connection the process holds (`storage/held_postgres.py`)."""
        if not self.is_sqlite:
            if self._held_postgres is None:
                self._held_postgres = HeldConnection(self.autocommit)
            return await self._held_postgres.run(statement, **params)
        driver = self.driver()
        if driver is not None:
            try:
                return statement(driver, **params)
            except sqlite3.Error as error:
                if not refused(error):  # as SQLAlchemy would raise it (IntegrityError …)
                    raise sqlalchemy_error(error) from error
        async with self.single() as connection:
            return await connection.run_sync(statement, **params)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session that only reads, to show something (a picker, a message being rendered):
        on the autocommit engine, so no BEGIN/COMMIT round trips and, on SQLite, no write lock
        for a read. Each statement sees the database as it is then; a change is decided in a
        unit of work (`session`), which reads again under its locks. Never write in it.
        On a SQLite file its reads run on the loop's thread, like `brief`'s: WAL lets a read
        go beside a writer without waiting."""
        if self._readers is None:
            self._readers = async_sessionmaker(
                self.autocommit, class_=AsyncSession, expire_on_commit=False
            )
        async with self._readers() as session:
            yield session

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: the caller commits once; anything unfinished is rolled back."""
        async with self._sessions() as session:
            yield session

    async def atomic(self, statements: Callable[..., T], /, **params: Any) -> T:
        """Run `statements(connection, **params)`, a statement function that sends several
        `storage.prepared.Prepared` statements (the way `within` takes one), as one unit of
        work: all of it is committed, or none (its error is raised as SQLAlchemy's).

        On a SQLite file it runs at once, on the event loop's thread, on the driver's own
        connection (`driver`, as `alone`), between BEGIN IMMEDIATE and COMMIT: ~10 µs around the
        statements where a `brief` session costs ~180 µs (SQLAlchemy's session, pool and
        greenlet bridge, bench/README.md). The lock is granted or refused at once (busy_timeout
        0); refused, the same function runs in an ordinary unit of work (`session`), whose
        thread waits for it. Nothing can run between its statements: they never await.

        On PostgreSQL it is asyncpg's own transaction on a connection of the autocommit pool,
        the statements sent by asyncpg (`AsyncpgRunner`), not SQLAlchemy's session; a pooled
        connection the server dropped is replaced and the unit run again (a connection dies
        with its transaction uncommitted, unless it died in the COMMIT itself: then, as for
        `alone`, the outcome is unknown and the unit may be done twice: a booking, a consent or
        a decision is refused the second time by its conditional statements and unique indexes,
        an event may be counted twice). In an in-memory SQLite database it is an ordinary unit
        of work."""
        if not self.is_sqlite:
            try:
                return await self._atomic_on_postgres(statements, params)
            except _GONE:  # the pool's connection was dead: `_atomic_on_postgres` dropped it
                return await self._atomic_on_postgres(statements, params)
        driver = self.driver()
        if driver is not None:
            try:
                driver.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                if not refused(error):
                    raise sqlalchemy_error(error) from error
            else:
                try:
                    result = statements(driver, **params)
                    driver.execute("COMMIT")
                except BaseException as error:
                    if driver.in_transaction:
                        driver.execute("ROLLBACK")
                    if isinstance(error, sqlite3.Error):
                        raise sqlalchemy_error(error) from error
                    raise
                return result
        async with self.session() as session:
            result = await within(session, statements, **params)
            await session.commit()
        return result

    async def _atomic_on_postgres(self, statements: Callable[..., T], params: dict[str, Any]) -> T:
        async with self.autocommit.connect() as connection:
            raw = await connection.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None  # a connection just taken from the pool
            try:
                async with driver.transaction():  # rolled back on any error, a cancel too
                    return await greenlet_spawn(statements, AsyncpgRunner(driver), **params)
            except BaseException as error:
                gone = isinstance(error, _GONE)
                if gone or driver.is_in_transaction():  # dropped, or its rollback cut short:
                    await connection.invalidate()  # never handed out again
                if isinstance(error, asyncpg.exceptions.PostgresError) and not gone:
                    raise sqlalchemy_error(error) from error
                raise

    @asynccontextmanager
    async def brief(self) -> AsyncIterator[AsyncSession]:
        """A unit of work like `session`, of a few indexed statements, that a person's update
        waits for (a booking, a coordinator's press, a person's first message).

        On a SQLite file it takes the write lock as it starts (BEGIN IMMEDIATE) on the event
        loop's own thread, and runs there: ~50 µs a statement instead of ~500 µs through
        aiosqlite's thread (`storage/loop_sqlite.py`). SQLite never makes it wait: the lock is
        granted or refused at once (busy_timeout 0); once held, WAL lets every later statement
        and the commit go without waiting. Refused (a unit of work elsewhere holds the lock),
        it is an ordinary `session`, whose thread waits. Not for long work (a fan-out, a sync,
        a report): nothing else on the loop runs until it ends."""
        if self._brief is not None:
            session = self._brief()
            try:
                await session.connection()  # BEGIN IMMEDIATE now, before anything is changed
            except OperationalError as error:
                await session.close()
                if not refused(error.orig):
                    raise
            else:
                async with session:
                    yield session
                return
        async with self.session() as session:
            yield session

    async def upgrade(self) -> None:
        """To the newest schema; already there (the usual start), without loading Alembic."""
        head = head_revision(MIGRATIONS_DIR / "versions")
        if head is not None and await stored_revisions(self.autocommit) == [head]:
            return
        from alembic import command

        await self._migrate(command.upgrade, "head")

    async def downgrade(self, revision: str) -> None:
        from alembic import command

        await self._migrate(command.downgrade, revision)

    async def _migrate(self, step: Any, revision: str) -> None:
        engine = self.engine
        if self.is_sqlite:
            # Alembic changes a SQLite table by copying it; with foreign keys enforced, copying a
            # table that others refer to (users) fails. Migrations run on a connection of their
            # own with enforcement off, and the result is checked before it is committed.
            engine = create_async_engine(self.url)
            event.listen(engine.sync_engine, "connect", sqlite_migration_pragmas)
            event.listen(engine.sync_engine, "begin", begin_immediate)
        try:
            async with engine.begin() as connection:
                if not self.is_sqlite:  # SQLite: BEGIN IMMEDIATE already serialises
                    await connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                    )
                await connection.run_sync(self._migrate_sync, step, revision)
        finally:
            if engine is not self.engine:
                await engine.dispose()

    def _migrate_sync(self, connection: Connection, step: Any, revision: str) -> None:
        from alembic.runtime.migration import MigrationContext

        config = alembic_config(self.url)
        config.attributes["connection"] = connection
        before = MigrationContext.configure(connection).get_current_revision()
        step(config, revision)
        after = MigrationContext.configure(connection).get_current_revision()
        # The check reads every reference of every table (seconds with a year of data): only
        # when a migration actually ran.
        if self.is_sqlite and after != before:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left {len(broken)} broken references")

    async def dispose(self) -> None:
        for engine in (self._on_loop, self._on_loop_readers):
            if engine is not None:
                await engine.dispose()
        if self._held is not None:
            self._held.close()
            self._held = None
        if self._held_postgres is not None:
            await self._held_postgres.close()
            self._held_postgres = None
        if self._inline is not None:
            self._inline.dispose()
        if self._autocommit is not None and self._autocommit is not self.engine:
            await self._autocommit.dispose()
        await self.engine.dispose()
