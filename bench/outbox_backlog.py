"""How the reminder outbox behaves with a large backlog (default 100,000 pending reminders).

    python bench/outbox_backlog.py [--rows 100000] [--database-url postgresql://…]

Fills a fresh database with people, slots, bookings and pending reminders (most due in the
future, one batch due now), then measures what a bot start and one outbox tick cost. The point:
start-up and memory do not grow with the backlog, because reminders are rows, not scheduler jobs.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from bot.booking.catalog import Catalog
from bot.booking.desk import BookingDesk, DeskRules
from bot.clock import ManualClock
from bot.delivery.outbox import Delivery
from storage.db import Database
from storage.models import Booking, Outbox, Slot, User

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: bench/ itself is on the path
    sys.path.insert(0, str(REPO))

from bench.scratch import scratch_space  # noqa: E402

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
CHUNK = 5000


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def fill(db: Database, rows: int, due_now: int) -> None:
    async with db.engine.begin() as connection:
        for start in range(0, rows, CHUNK):
            ids = range(start + 1, min(rows, start + CHUNK) + 1)
            await connection.execute(
                insert(User),
                [
                    {
                        "id": i,
                        "telegram_id": 10**9 + i,
                        "user_key": f"k{i}",
                        "language": "uk",
                        "language_chosen": False,
                        "display_name": "",
                        "active": True,
                        "created_at": NOW,
                    }
                    for i in ids
                ],
            )
            await connection.execute(
                insert(Slot),
                [
                    {
                        "id": i,
                        "service_id": "consultation",
                        "starts_at": NOW + dt.timedelta(days=2, minutes=i),
                        "ends_at": NOW + dt.timedelta(days=2, minutes=i + 45),
                        "capacity": 1,
                        "booked": 1,
                        "status": "open",
                        "origin": "schedule",
                    }
                    for i in ids
                ],
            )
            await connection.execute(
                insert(Booking),
                [
                    {
                        "id": i,
                        "user_id": i,
                        "slot_id": i,
                        "service_id": "consultation",
                        "status": "confirmed",
                        "sequence": 0,
                        "created_at": NOW,
                        "updated_at": NOW,
                    }
                    for i in ids
                ],
            )
            await connection.execute(
                insert(Outbox),
                [
                    {
                        "kind": "reminder",
                        "ref_id": i,
                        "user_id": i,
                        "status": "pending",
                        "attempts": 0,
                        "due_at": NOW - dt.timedelta(minutes=1)
                        if i <= due_now
                        else NOW + dt.timedelta(days=1, minutes=i),
                    }
                    for i in ids
                ],
            )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="outbox-bench-"))
    db = Database(args.database_url or f"sqlite:///{folder / 'bench.db'}")
    await db.upgrade()
    started = time.perf_counter()
    await fill(db, args.rows, due_now=50)
    print(f"filled {args.rows:,} pending reminders in {time.perf_counter() - started:.1f} s")

    memory_before = rss_mb()
    desk = BookingDesk(db, Catalog, dt.UTC, ManualClock(NOW), DeskRules())  # type: ignore[arg-type]
    started = time.perf_counter()
    await desk.sync_slots()  # what start-up does with bookings (no services: nothing to create)
    print(
        f"start-up work: {1000 * (time.perf_counter() - started):.1f} ms, "
        f"memory growth {rss_mb() - memory_before:.1f} MB"
    )
    delivery = Delivery(db, ManualClock(NOW), lease_seconds=300)
    started = time.perf_counter()
    claimed = await delivery.claim(limit=50)
    print(
        f"one outbox claim: {len(claimed)} due of {args.rows:,} pending in "
        f"{1000 * (time.perf_counter() - started):.1f} ms"
    )
    started = time.perf_counter()
    again = await delivery.claim(limit=50)
    print(
        f"next claim (nothing due): {len(again)} rows in "
        f"{1000 * (time.perf_counter() - started):.1f} ms"
    )
    await db.dispose()


if __name__ == "__main__":
    with scratch_space():
        asyncio.run(main())
