"""`Database.alone` runs its statements through the driver itself (`storage/prepared.py`):
`sqlite3` on a SQLite file, asyncpg on PostgreSQL. Every statement it runs must store and read
back exactly what SQLAlchemy would. The same steps go through both ways (on two copies of one
SQLite database; one after the other on PostgreSQL); what they return and what the tables hold
afterwards (byte for byte on SQLite) must be the same."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import bindparam, insert, inspect, select, text

from storage.db import Database
from storage.models import Booking, Outbox, Slot, User
from storage.prepared import Prepared, field_defaults
from storage.repos import booking, events, gaps, handled, outbox, slots, users
from tests.conftest import empty_database, migrated_sqlite_template

NOW = datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=UTC)
Run = Callable[..., Awaitable[Any]]


def _seed() -> dict[str, list[dict[str, Any]]]:
    person = {
        "telegram_id": 7_000_000_001,
        "user_key": "k" * 16,
        "language": "sr-Latn",
        "language_chosen": True,
        "display_name": "Ана „Ања“ Петровић",
        "active": True,
        "created_at": NOW - timedelta(days=40),
        "last_seen_at": NOW - timedelta(minutes=3),
        "consent_at": None,
    }
    day = NOW.replace(hour=8, minute=0, second=0, microsecond=0)
    free = [
        {
            "service_id": "consultation",
            "starts_at": day + timedelta(days=d, minutes=45 * m),
            "ends_at": day + timedelta(days=d, minutes=45 * m + 40),
            "capacity": 1,
            "booked": (d + m) % 3 == 0,  # some full
            "status": "open",
        }
        for d in range(1, 4)
        for m in range(5)
    ]
    due = [
        {"kind": "reminder", "user_id": 1, "payload": '{"a": "ć"}', "due_at": NOW - timedelta(s)}
        for s in (5, 60, 3600)
    ]
    booked = {
        "user_id": 1,
        "slot_id": 2,
        "service_id": "consultation",
        "status": "pending",
        "note": "Потрібна довідка, ‘дуже’ <важливо>",
        "interpreter": "uk",
        "notice_message_id": 9_000_000_001,
        "offer_expires_at": NOW + timedelta(hours=2),
        "created_at": NOW - timedelta(hours=1),
        "updated_at": NOW,
    }
    return {"users": [person], "slots": free, "outbox": due, "bookings": [booked]}


async def _steps(run: Run) -> list[Any]:
    """Every statement function `alone` runs, with what each returns."""
    seen: list[Any] = []
    row = await run(users.read_by_telegram_id, telegram_id=7_000_000_001)
    seen.append(row._asdict())
    seen.append(await run(users.read_by_telegram_id, telegram_id=5))  # nobody: None
    await run(users.set_awaiting_alone, user_id=row.id, kind="note", data='{"x": 1}', until=NOW)
    seen.append((await run(users.read_by_telegram_id, telegram_id=7_000_000_001))._asdict())
    seen.append(await run(users.take_awaiting_alone, user_id=row.id, kind="note"))
    seen.append(await run(users.take_awaiting_alone, user_id=row.id, kind="note"))  # taken
    await run(events.record_alone, kind="faq_view", user_key="k" * 16, language="uk", at=NOW)
    await run(
        events.record_alone,
        kind="booked",
        user_key="k" * 16,
        language="sr-Latn",
        at=NOW.astimezone(),  # another offset: stored as UTC
        topic_id="permit",
        source="poster",
        service_id="consultation",
    )
    held_back = [  # a person's event, and one whose key nobody has (left out)
        events.event_values(kind="start", user_key=row.user_key, language="uk", at=NOW),
        events.event_values(kind="help", user_key="gone" * 16, language="sl", at=NOW),
    ]
    await run(events.record_if_known, rows=held_back)
    await run(gaps.add, text="kako da <b>produžim</b> 'vizu'", language="sr-Latn", at=NOW)
    claimed = await run(outbox.claim_due, now=NOW, lease=timedelta(minutes=5), limit=2)
    seen.append([r.model_dump() for r in claimed])
    await run(outbox.finish_alone, outbox_id=claimed[0].id, status="sent", now=NOW, why=None)
    await run(outbox.retry_at_alone, outbox_id=claimed[1].id, at=NOW, why="network")
    seen.append((await run(slots.read_slot, slot_id=2))._asdict())
    seen.append(await run(slots.read_slot, slot_id=999))
    window = {"service_id": "consultation", "after": NOW, "before": NOW + timedelta(days=3)}
    seen.append(await run(slots.bookable_slots, **window))
    seen.append(await run(slots.bookable_slots, **window, most=4))
    seen.append(await run(slots.free_day_bounds, **window))
    shown = await run(booking.booking_with_person, booking_id=1)
    seen.append([item.model_dump() for item in shown])
    seen.append(await run(booking.booking_with_person, booking_id=999))
    # The writes a unit of work sends through the driver too (`within`), each read back
    newcomer = {
        **field_defaults(User),
        "telegram_id": 7_000_000_002,
        "user_key": "n" * 32,
        "language": "uk",
        "display_name": "Олена <b>",
        "created_at": NOW,
        "last_seen_at": NOW,
    }
    seen.append(await run(users.insert_person, values=newcomer))  # True
    seen.append(await run(users.insert_person, values=newcomer))  # False: there already
    seen.append(await run(users.set_consent, person=row.id, at=NOW))  # True
    seen.append(await run(users.set_consent, person=row.id, at=NOW))  # False: given already
    made = {
        **field_defaults(Booking),
        "user_id": row.id,
        "slot_id": 3,
        "service_id": "consultation",
        "note": "«примітка» <i>",
        "created_at": NOW,
        "updated_at": NOW,
    }
    seen.append((await run(booking.insert_booking, values=made)).model_dump())
    # The statements a unit of work of statement functions (`Database.atomic`) adds
    await run(users.set_unreachable, user_id=row.id)
    await run(outbox.postpone, outbox_id=claimed[1].id, until=NOW + timedelta(hours=8))
    seen.append(await run(handled.take, update_id=9_000_000_123, now=NOW))  # True
    seen.append(await run(handled.take, update_id=9_000_000_123, now=NOW))  # False: taken
    return seen


async def _database(path: Path) -> Database:
    shutil.copyfile(await migrated_sqlite_template(), path)
    return await _seeded(Database(f"sqlite:///{path}"))


async def _seeded(db: Database) -> Database:
    async with db.engine.begin() as connection:
        await connection.execute(insert(User.__table__), _seed()["users"])  # type: ignore[attr-defined]
        await connection.execute(insert(Slot.__table__), _seed()["slots"])  # type: ignore[attr-defined]
        await connection.execute(insert(Outbox.__table__), _seed()["outbox"])  # type: ignore[attr-defined]
        await connection.execute(insert(Booking.__table__), _seed()["bookings"])  # type: ignore[attr-defined]
    return db


def _through_sqlalchemy(db: Database) -> Run:
    """`alone`'s way before this module: the statement on a SQLAlchemy connection."""

    async def run(statement: Callable[..., Any], **params: Any) -> Any:
        async with db.single() as connection:
            return await connection.run_sync(statement, **params)

    return run


def _stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables the steps touch, as SQLite holds them (times are text there)."""
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in (
                *("users", "events", "search_gaps", "outbox", "slots", "bookings"),
                "handled_updates",
            )
        }


async def test_the_driver_and_sqlalchemy_store_and_read_the_same(tmp_path: Path) -> None:
    direct, through = await _database(tmp_path / "a.db"), await _database(tmp_path / "b.db")
    assert direct.driver() is not None
    sent: list[str] = []
    direct.driver().set_trace_callback(sent.append)  # type: ignore[union-attr]

    try:
        expected = await _steps(_through_sqlalchemy(through))
        found = await _steps(direct.alone)
    finally:
        await direct.dispose()
        await through.dispose()
    assert len(sent) >= 15  # every step went to the driver itself
    assert found == expected
    assert found[0]["last_seen_at"].tzinfo is not None  # aware times, as everywhere
    assert found[3] is True and found[4] is False
    assert _stored(tmp_path / "a.db") == _stored(tmp_path / "b.db")


async def test_a_booking_shown_from_one_row_is_the_one_the_orm_loads(database_url: str) -> None:
    """`booking_with_person` makes its three objects from one row without SQLAlchemy's ORM
    (`detached`): every field as the ORM would load it, and none of them in a session."""
    await empty_database(database_url)
    db = await _seeded(Database(database_url))
    try:
        shown = await db.alone(booking.booking_with_person, booking_id=1)
        async with db.session() as session:
            loaded = (
                await session.get(Booking, 1),
                await session.get(Slot, 2),
                await session.get(User, 1),
            )
    finally:
        await db.dispose()
    assert shown is not None and all(item is not None for item in loaded)
    assert [item.model_dump() for item in shown] == [
        item.model_dump()  # type: ignore[union-attr]
        for item in loaded
    ]
    assert shown[0].offer_expires_at == NOW + timedelta(hours=2)  # aware, converted
    assert shown[2].display_name == "Ана „Ања“ Петровић"
    assert all(inspect(item).transient for item in shown)  # in no session: never written
    shown[0].status = "confirmed"  # an ordinary object otherwise
    assert shown[0].model_dump()["status"] == "confirmed"


def test_a_statement_it_cannot_run_as_is_is_refused_when_first_used() -> None:
    users_table = User.__table__  # type: ignore[attr-defined]
    expanding = Prepared(
        select(users_table.c.id).where(users_table.c.id.in_(bindparam("ids", expanding=True)))
    )
    with pytest.raises(ValueError, match="not a fixed statement"):
        expanding.for_sqlite({"ids": [1, 2]})


def test_a_missing_value_is_an_error_not_a_null() -> None:
    statement = Prepared(text("SELECT :a AS a, :b AS b"))
    assert statement.for_sqlite({"a": 1, "b": None})[1] == [1, None]
    with pytest.raises(KeyError, match="'b'"):
        statement.for_sqlite({"a": 1})


async def test_asyncpg_and_sqlalchemy_store_and_read_the_same(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("asyncpg itself: PostgreSQL")
    outcomes = []
    for direct in (False, True):
        await empty_database(database_url)  # ids start again at 1
        db = await _seeded(Database(database_url))
        try:
            found = await _steps(db.alone if direct else _through_sqlalchemy(db))
            async with db.engine.connect() as connection:
                stored = {
                    table: list(
                        (await connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))).all()
                    )
                    for table in ("users", "events", "search_gaps", "outbox", "slots", "bookings")
                }
        finally:
            await db.dispose()
        outcomes.append((found, stored))
    (expected, expected_rows), (found, rows) = outcomes
    assert found == expected
    assert found[0]["last_seen_at"].tzinfo is not None
    assert found[3] is True and found[4] is False
    assert rows == expected_rows and len(rows["events"]) == 3  # the unknown key left out
