"""The statements every update or every sender poll runs use the partial indexes made for them
on SQLite (migration 0007), even without statistics: a wrong plan costs nothing on an empty
database and tens of milliseconds with a year of data (bench/README.md, fourth round)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from storage.db import Database
from storage.prepared import Prepared, Runner
from storage.repos import outbox, slots
from tests.conftest import empty_database

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def _plan(statement: Prepared, params: dict[str, Any]) -> Any:
    """The plan of exactly what `Database.alone` sends the driver."""

    def explain(connection: Runner) -> str:
        assert isinstance(connection, sqlite3.Connection)  # a SQLite file: the driver's own
        sql, values = statement.for_sqlite(params)
        rows = connection.execute("EXPLAIN QUERY PLAN " + sql, values).fetchall()
        return " | ".join(str(row[-1]) for row in rows)

    return explain


async def _explain(tmp_path: Path, statement: Prepared, params: dict[str, Any]) -> str:
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    await empty_database(url)
    db = Database(url)
    try:
        return str(await db.alone(_plan(statement, params)))
    finally:
        await db.dispose()


async def test_the_senders_claim_reads_due_pending_rows_by_their_index(tmp_path: Path) -> None:
    plan = await _explain(
        tmp_path,
        outbox._CLAIM,
        {"now": NOW, "until": NOW + timedelta(minutes=5), "most": 50},
    )
    assert "ix_outbox_pending_due" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # not every pending row read, then sorted


async def test_the_pickers_read_free_slots_by_their_index(tmp_path: Path) -> None:
    window = {"service": "consultation", "after": NOW, "before": NOW + timedelta(days=35)}
    for statement in (slots._BOOKABLE, slots._DAY_BOUNDS):
        plan = await _explain(tmp_path, statement, {**window, "days": 15})
        assert "ix_slots_free_service_start" in plan, plan
        assert "SCAN slots" not in plan, plan  # every read of slots (each day's seeks) by it
