"""Reminders through a rate-limited Bot API: 10,000 due reminders, once with no refusals and once
with 1 % of sends answered 429 `retry_after`; the achieved rate as a share of the allowed one,
duplicates and losses.

    python -m bench.reminders [--reminders 10000] [--rate 200] [--database-url …]

Telegram allows a bot about 30 messages a second; 10,000 at that pace take five and a half
minutes, so the bench scales the clock the simple way: the stand-in allows `--rate` messages a
second (default 200, a bucket of one second's worth, refilled continuously) and the bot is told
the same limit (`TELEGRAM_MESSAGES_PER_SECOND`). Past the limit the stand-in answers 429 with
`retry_after` 1 s, as Telegram does. The bot runs as in production: started Application, rate
limiter, the outbox job (`OUTBOX_POLL_SECONDS` as configured) and its lease.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram.request import RequestData

from bench.scratch import scratch_space
from bench.table import Row
from bench.year_of_data import Loader
from bot.botapi.standin import StandinBotApi, _error
from storage.db import Database
from storage.models import Booking, Outbox, Slot, User

REPO = Path(__file__).resolve().parent.parent
SECTION = "reminders"
CHAT0 = 5 * 10**9


class LimitedBotApi(StandinBotApi):
    """The stand-in with Telegram's flood control: a bucket of `rate` messages refilled at `rate`
    a second (429, retry_after 1 when empty), and optionally a share of sends refused 429 at
    random, as Telegram does now and then for one chat."""

    def __init__(self, rate: float, random_429: float = 0.0, seed: int = 13) -> None:
        super().__init__()
        self.rate = rate
        self.tokens = rate
        self.refilled = time.monotonic()
        self.random_429 = random_429
        self.rng = random.Random(seed)
        self.accepted: list[tuple[float, int]] = []  # (when, chat) of every accepted message
        self.limit_429 = 0  # refused because the bot went over the limit
        self.injected_429 = 0  # refused at random

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if not url.endswith("/sendMessage"):
            return await super().do_request(url, method, request_data)
        now = time.monotonic()
        self.tokens = min(self.rate, self.tokens + (now - self.refilled) * self.rate)
        self.refilled = now
        if self.tokens < 1:
            self.limit_429 += 1
            return 429, _error(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        self.tokens -= 1
        if self.random_429 and self.rng.random() < self.random_429:
            self.injected_429 += 1
            return 429, _error(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        chat = int((request_data.parameters if request_data else {}).get("chat_id", 0))
        self.accepted.append((now, chat))
        return await super().do_request(url, method, request_data)


async def fill_due(url: str, count: int, now: dt.datetime) -> None:
    """`count` people, each with one confirmed consultation in the coming weeks and its
    reminder due a minute ago."""
    db = Database(url)
    await db.upgrade()
    try:
        async with db.engine.begin() as connection:
            loader = Loader(connection, postgres=not db.is_sqlite)
            user0, slot0 = await loader.next_id(User), await loader.next_id(Slot)
            booking0 = await loader.next_id(Booking)
            starts = [now + dt.timedelta(days=3, minutes=7 * i + 3) for i in range(count)]
            await loader.put(
                User,
                (
                    {
                        "id": user0 + i,
                        "telegram_id": CHAT0 + i,
                        "user_key": f"rem-{user0 + i}",
                        "language": ("uk", "sr", "sl", "en")[i % 4],
                        "language_chosen": True,
                        "display_name": "",
                        "active": True,
                        "created_at": now,
                    }
                    for i in range(count)
                ),
            )
            await loader.put(
                Slot,
                (
                    {
                        "id": slot0 + i,
                        "service_id": "consultation",
                        "starts_at": starts[i],
                        "ends_at": starts[i] + dt.timedelta(minutes=45),
                        "capacity": 1,
                        "booked": 1,
                        "status": "open",
                        "origin": "coordinator",
                    }
                    for i in range(count)
                ),
            )
            await loader.put(
                Booking,
                (
                    {
                        "id": booking0 + i,
                        "user_id": user0 + i,
                        "slot_id": slot0 + i,
                        "service_id": "consultation",
                        "status": "confirmed",
                        "sequence": 0,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(count)
                ),
            )
            await loader.put(
                Outbox,
                (
                    {
                        "kind": "reminder",
                        "ref_id": booking0 + i,
                        "user_id": user0 + i,
                        "status": "pending",
                        "attempts": 0,
                        "due_at": now - dt.timedelta(minutes=1),
                    }
                    for i in range(count)
                ),
            )
            await loader.reset_sequences()
    finally:
        await db.dispose()


async def outbox_counts(db: Database) -> dict[str, int]:
    from sqlalchemy import func, select

    async with db.engine.connect() as connection:
        rows = await connection.execute(
            select(Outbox.status, func.count()).group_by(Outbox.status)  # type: ignore[arg-type]
        )
        return {str(status): int(n) for status, n in rows}


async def run_once(url: str, count: int, rate: float, random_429: float, work: Path) -> dict:
    """Fill, start the bot, wait until nothing is pending (or a time limit), count."""
    from bot.app import build_application, build_services
    from bot.config import Settings
    from bot.runtime import running

    await fill_due(url, count, dt.datetime.now(dt.UTC))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=work / "data",
        database_url=url,
        faq_dir=REPO / "faq",
        services_file=REPO / "faq" / "services.yaml",
        indicators_file=REPO / "faq" / "indicators.yaml",
        locales_dir=REPO / "locales",
        user_key_secret="bench-only-secret",
        content_reload_seconds=3600,
        telegram_messages_per_second=rate,
    )
    api = LimitedBotApi(rate, random_429)
    services = build_services(settings)
    app = build_application(settings, request=api, services=services)
    limit = 3 * count / rate + 30
    started, cpu = time.monotonic(), time.process_time()
    async with running(app):
        while time.monotonic() - started < limit:
            await asyncio.sleep(0.5)
            if (await outbox_counts(services.db)).get("pending", 0) == 0:
                break
    cpu = time.process_time() - cpu  # all threads (the SQLite driver's too)
    counts = await outbox_counts(services.db)
    chats = [chat for _when, chat in api.accepted]
    times = [when for when, _chat in api.accepted]
    span = (times[-1] - times[0]) if len(times) > 1 else float("inf")
    return {
        "sent": len(chats),
        "share": (len(chats) - 1) / span / rate if len(times) > 1 else 0.0,
        "seconds": span,
        "duplicates": len(chats) - len(set(chats)),
        "losses": count - len(set(chats)),
        "limit_429": api.limit_429,
        "injected_429": api.injected_429,
        "outbox": counts,
        "cpu_ms": 1000 * cpu / max(len(chats), 1),
    }


async def measure(options: Any) -> list[Row]:
    count = int(getattr(options, "reminders", 0) or 10_000)
    rate = float(getattr(options, "rate", 0) or 200)
    base_url = getattr(options, "database_url", "") or ""
    rows = []
    for label, share_429, target in (("no 429s", 0.0, 0.95), ("1 % answered 429", 0.01, 0.70)):
        work = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
        url = base_url or f"sqlite:///{work / 'reminders.db'}"
        if base_url:
            await empty(url)
        try:
            result = await run_once(url, count, rate, share_429, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        good = result["share"] >= target and result["duplicates"] == 0 and result["losses"] == 0
        rows.append(
            Row(
                SECTION,
                f"{count:,} due reminders, {label}",
                f"{100 * result['share']:.0f} % of {rate:.0f}/s ({result['seconds']:.1f} s); "
                f"duplicates {result['duplicates']}, losses {result['losses']}; "
                f"429s over the limit {result['limit_429']}, injected {result['injected_429']}; "
                f"CPU {result['cpu_ms']:.1f} ms a message",
                f"≥ {100 * target:.0f} %, 0 duplicates, 0 losses",
                good,
            )
        )
        print(json.dumps({label: result}), flush=True)
    return rows


async def empty(url: str) -> None:
    """A shared PostgreSQL database: start from empty tables."""
    from sqlalchemy import text
    from sqlmodel import SQLModel

    db = Database(url)
    try:
        await db.upgrade()
        tables = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
        async with db.engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await db.dispose()


def main() -> None:
    from bench.table import render

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--database-url", default="", help="PostgreSQL (emptied!) or SQLite")
    with scratch_space():
        print(render(asyncio.run(measure(parser.parse_args()))))


if __name__ == "__main__":
    main()
