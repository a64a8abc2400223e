"""Statements that `Database.alone` and `storage.db.within` run, prepared once: through the
database's driver itself (`sqlite3` on a SQLite file, asyncpg on PostgreSQL), or through
SQLAlchemy as usual.

Every update reads its person and records an event, and every picker reads once, each by one
statement. Through SQLAlchemy's execution machinery one such statement cost 80–120 µs of CPU in
the bot's process (bench/README.md, sixth round), the statement itself in SQLite 5–30 µs: the
rest is SQLAlchemy building an execution context and a result around a statement it has
already compiled and cached. A `Prepared` keeps what SQLAlchemy computes once (the SQL text of
its SQLite compiler, the order of the parameters, each bound value's and each result column's
type conversions, all through public methods of the statement's types) and applies it with the
driver directly. What is stored and what is read back is therefore exactly what SQLAlchemy
would store and read (tests/test_prepared.py compares both on every statement here).

A statement function (`Database.alone`, `within`) receives a `Runner`: the driver's connection
on a SQLite file, an `AsyncpgRunner` on PostgreSQL (the statement function is synchronous: it
runs in SQLAlchemy's own greenlet bridge, which awaits asyncpg for it), a SQLAlchemy
`Connection` anywhere else (in-memory SQLite, a SQLite file whose lock was taken, a unit of work
on aiosqlite's thread), and hands it to its `Prepared` statement, which picks the way."""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import asyncpg
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import class_mapper
from sqlalchemy.sql.expression import Executable
from sqlalchemy.sql.schema import Table
from sqlalchemy.util import await_only
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.loop_sqlite import LoopThreadConnection

Processor = Callable[[Any], Any] | None
# The dialect whose compiler renders a statement for each driver `alone` calls itself.
_DRIVER_DIALECTS: dict[str, Dialect] = {
    "sqlite": SQLiteDialect_pysqlite(),
    "postgresql": PGDialect_asyncpg(),  # type: ignore[no-untyped-call]
}
_MISSING = object()
Model = TypeVar("Model", bound=SQLModel)


class AsyncpgRunner:
    """An asyncpg connection, for statement functions that run inside SQLAlchemy's greenlet
    bridge (`Database.alone` on PostgreSQL)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection


Runner = Connection | sqlite3.Connection | AsyncpgRunner


def sqlalchemy_error(error: Exception) -> DBAPIError:
    """A driver's error (`sqlite3`, asyncpg) raised by a statement the driver ran itself, as
    SQLAlchemy would have raised it: an IntegrityError for a broken constraint, so callers
    handle both ways alike."""
    if isinstance(error, sqlite3.Error):
        wrapped = DBAPIError.instance(None, None, error, sqlite3.Error, hide_parameters=True)
        assert isinstance(wrapped, DBAPIError)  # a driver's error always is one
        return wrapped
    if isinstance(error, asyncpg.exceptions.IntegrityConstraintViolationError):
        return IntegrityError(None, None, error, hide_parameters=True)
    return DBAPIError(None, None, error, hide_parameters=True)


def driver_runner(connection: Connection) -> Runner:
    """What a statement function runs on inside a SQLAlchemy connection's transaction (called in
    SQLAlchemy's greenlet bridge, `AsyncConnection.run_sync`): the `sqlite3` connection of one
    that runs on the loop's thread, asyncpg's own connection once PostgreSQL says it is inside
    the transaction, else the SQLAlchemy connection itself, through which a `Prepared` runs as
    usual. SQLAlchemy's asyncpg adapter begins its transaction with the first statement sent
    through it, so a unit's first statement goes through SQLAlchemy: one sent past the adapter
    before that would run outside the unit of work (a PostgreSQL test caught exactly that)."""
    driver = connection.connection.driver_connection
    if isinstance(driver, LoopThreadConnection) and driver.driver is not None:
        return driver.driver
    if isinstance(driver, asyncpg.Connection) and driver.is_in_transaction():
        return AsyncpgRunner(driver)
    return connection


class _Compiled:
    """A statement as SQLAlchemy's compiler for one driver renders it (positional parameters:
    `?` for sqlite3, `$1` for asyncpg), and how to convert its values."""

    def __init__(self, statement: Any, columns: Sequence[str] | None, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=columns)
        if "POSTCOMPILE" in compiled.string:  # an expanding IN or a literal LIMIT: not handled
            raise ValueError(f"not a fixed statement: {compiled.string}")
        self.sql: str = compiled.string
        # (name, constant value or _MISSING, conversion) of each positional parameter, in order
        self.binds: list[tuple[str, Any, Processor]] = []
        for name in compiled.positiontup or ():
            bind = compiled.binds[name]
            constant = _MISSING if bind.required else bind.effective_value
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            self.binds.append((name, constant, processor))
        # A SELECT's columns, or what an INSERT or UPDATE returns (none: it returns no rows)
        returned = getattr(statement, "exported_columns", None)
        self.converted: list[tuple[int, Callable[[Any], Any]]] = []  # (column, conversion)
        self.row: Any = None
        if returned is not None and len(returned):
            self.row = namedtuple("Row", [column.key for column in returned])  # type: ignore[misc]
            for index, column in enumerate(returned):
                processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
                if processor is not None:  # most columns (text, integers) have none
                    self.converted.append((index, processor))

    def parameters(self, params: Mapping[str, Any]) -> list[Any]:
        values = []
        for name, constant, processor in self.binds:
            value = params.get(name, constant)
            if value is _MISSING:
                raise KeyError(f"no value for the parameter {name!r}")
            values.append(processor(value) if processor is not None else value)
        return values

    def rows(self, raw: Iterable[tuple[Any, ...]]) -> list[Any]:
        made = self.row._make
        found = []
        for row in raw:
            values = list(row)
            for index, processor in self.converted:
                values[index] = processor(values[index])
            found.append(made(values))
        return found


class Prepared:
    """One statement, optionally written per dialect (`{"sqlite": …, "postgresql": …}`), for
    `Database.alone`. `columns`: an INSERT's columns (those its VALUES name)."""

    def __init__(
        self,
        statement: Executable | Mapping[str, Executable],
        *,
        columns: Sequence[str] | None = None,
    ) -> None:
        self._by_dialect = dict(statement) if isinstance(statement, Mapping) else None
        self._statement = statement if self._by_dialect is None else None
        self._columns = list(columns) if columns is not None else None
        self._compiled: dict[str, _Compiled] = {}  # by dialect, on first use

    def statement(self, dialect: str) -> Executable:
        """The statement SQLAlchemy runs on this dialect's connections."""
        if self._by_dialect is not None:
            return self._by_dialect[dialect]
        assert self._statement is not None
        return self._statement  # type: ignore[return-value]

    def _for(self, dialect: str) -> _Compiled:
        compiled = self._compiled.get(dialect)
        if compiled is None:  # once per process and dialect
            compiled = self._compiled[dialect] = _Compiled(
                self.statement(dialect), self._columns, _DRIVER_DIALECTS[dialect]
            )
        return compiled

    def for_sqlite(self, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
        """The SQL text and the values the `sqlite3` driver is given."""
        compiled = self._for("sqlite")
        return compiled.sql, compiled.parameters(params)

    def rows(self, connection: Runner, params: Mapping[str, Any]) -> list[Any]:
        """The rows it returns (a SELECT, or RETURNING): each indexable, with the columns as
        attributes and `_asdict()`, as SQLAlchemy's rows are."""
        if isinstance(connection, sqlite3.Connection):
            cursor = connection.execute(*self.for_sqlite(params))
            return self._for("sqlite").rows(cursor.fetchall())
        if isinstance(connection, AsyncpgRunner):
            compiled = self._for("postgresql")
            found = await_only(
                connection.connection.fetch(compiled.sql, *compiled.parameters(params))
            )
            return compiled.rows(tuple(record) for record in found)
        statement = self.statement(connection.dialect.name)
        return list(connection.execute(statement, params))

    def first(self, connection: Runner, params: Mapping[str, Any]) -> Any:
        found = self.rows(connection, params)
        return found[0] if found else None

    def many(self, connection: Runner, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run a write once per row of values (an executemany); nothing is read back."""
        if not rows:
            return
        if isinstance(connection, sqlite3.Connection):
            compiled = self._for("sqlite")
            connection.executemany(compiled.sql, [compiled.parameters(row) for row in rows])
            return
        if isinstance(connection, AsyncpgRunner):
            compiled = self._for("postgresql")
            values = [compiled.parameters(row) for row in rows]
            await_only(connection.connection.executemany(compiled.sql, values))
            return
        connection.execute(self.statement(connection.dialect.name), list(rows))

    def count(self, connection: Runner, params: Mapping[str, Any]) -> int:
        """Run a write; how many rows it changed."""
        if isinstance(connection, sqlite3.Connection):
            return connection.execute(*self.for_sqlite(params)).rowcount
        if isinstance(connection, AsyncpgRunner):
            compiled = self._for("postgresql")
            status = await_only(
                connection.connection.execute(compiled.sql, *compiled.parameters(params))
            )
            return int(status.rsplit(" ", 1)[-1])  # "UPDATE 1", "INSERT 0 1"
        statement = self.statement(connection.dialect.name)
        return int(connection.execute(statement, params).rowcount)


def all_but_id(table: Table) -> list[str]:
    """The columns an INSERT names for a new row (the database gives the id)."""
    return [column.key for column in table.c if column.key != "id"]


def labelled(table: Table, prefix: str) -> list[Any]:
    """Every column of a table, each named `prefix` + its name: several tables' rows in one
    SELECT whose result columns all have distinct names (`detached` takes them apart)."""
    return [column.label(f"{prefix}{column.key}") for column in table.c]


def field_defaults(model: type[Any]) -> dict[str, Any]:
    """A table model's own field defaults (not those made by a factory, nor the id): what a
    row inserted from plain values holds where its maker says nothing."""
    return {
        name: field.default
        for name, field in model.model_fields.items()
        if name != "id" and not field.is_required() and field.default_factory is None
    }


def detached(model: type[Model], row: Any, prefix: str = "") -> Model:
    """A row read through a `Prepared` as the model's object, to show: made as SQLAlchemy's ORM
    makes a loaded object (its mapper's `class_manager.new_instance()`, then the values), without
    validation (they come from the database, converted by the columns' own types), in no
    session, so nothing done to it is ever written. The ORM's loading and identity map cost
    ~90 µs an object in the bot's process where this costs ~3 (bench/README.md)."""
    instance: Model = class_mapper(model).class_manager.new_instance()
    table: Table = model.__table__  # type: ignore[attr-defined]
    instance.__dict__.update({column.key: getattr(row, prefix + column.key) for column in table.c})
    return instance


_INSERTS: dict[str, Any] = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}


def insert_ignoring_conflicts(session: AsyncSession, table: Any) -> Any:
    """`INSERT … ON CONFLICT DO NOTHING` in the session's dialect (SQLite or PostgreSQL): for rows
    that two instances may write at once, where the second should quietly find the first's."""
    bind = session.bind
    postgres = bind is not None and bind.dialect.name == "postgresql"
    return _INSERTS["postgresql" if postgres else "sqlite"](table)


def inserts_ignoring_conflicts(table: Any) -> dict[str, Any]:
    """`insert_ignoring_conflicts(…).on_conflict_do_nothing()` for each dialect: the form a
    `Prepared` statement takes."""
    return {name: insert(table).on_conflict_do_nothing() for name, insert in _INSERTS.items()}
