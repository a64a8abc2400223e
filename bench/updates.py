"""Per-update cost: a bare python-telegram-bot echo bot and Arrival Desk, side by side.

    python bench/updates.py [--quick] [--year] [--database-url postgresql://…]

Both Applications run in one process and one event loop, each behind its own instance of the
in-process Bot API stand-in (no network). Simulated people go through what people do: `/start`,
FAQ navigation (topic, sub-question, back, home), typed questions in every language of the
question sets, the booking steps (service, day, time, topic or a typed note, confirm) and the
coordinator's Confirm on the notice the booking caused. Every update fed to Arrival Desk is fed,
unchanged, to the echo bot right after it (same noise for both); the echo bot answers a text with
the same text and a button press with `answerCallbackQuery`.

A measurement is `Application.process_update` plus the background sends the update started (the
coordinator notice after a booking): the work one update costs. Building the `Update` from JSON
is left out for both. The first people are a warm-up and not counted. Ratios divide by the echo
bot's p50 for the same kind of update (a message, or a button press).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import itertools
import os
import pstats
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from telegram import Update  # noqa: E402
from telegram.ext import (  # noqa: E402
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bench.scratch import scratch_space  # noqa: E402
from bench.table import Row  # noqa: E402
from bot.app import OFFLINE_TOKEN, build_application, build_services  # noqa: E402
from bot.botapi.simulator import SimulatedUser  # noqa: E402
from bot.botapi.standin import StandinBotApi  # noqa: E402
from bot.clock import ManualClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.faq.quality import load_set  # noqa: E402
from bot.handlers.delivery import wait_for_deliveries  # noqa: E402
from bot.runtime import running  # noqa: E402
from storage import models  # noqa: E402, F401  # every table, for TRUNCATE
from storage.db import Database  # noqa: E402

# A Tuesday morning in winter, as in the tests: the schedule below has free times ahead.
NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
COORDINATOR_ID = 9001
COORDINATOR_CHAT_ID = -100500
LANGUAGES = ("uk", "sr", "sl", "en")
PEOPLE = {"quick": (6, 30), "full": (20, 200)}  # (warm-up, measured)
SLOW_MS = 50.0


@dataclass(frozen=True)
class Kind:
    label: str
    update: str  # "message" or "callback": which echo p50 it is compared with
    target: float | None  # the ratio to reach, None when only the 50 ms limit applies


KINDS = {
    "start": Kind("/start", "message", None),
    "faq": Kind("FAQ navigation", "callback", 8.0),
    "question": Kind("typed question", "message", 10.0),
    "service": Kind("booking: service", "callback", 15.0),
    "day": Kind("booking: day", "callback", 15.0),
    "time": Kind("booking: time", "callback", 15.0),
    "topic": Kind("booking: topic", "callback", 15.0),
    "note": Kind("booking: typed note", "message", 15.0),
    "interpreter": Kind("booking: interpreter", "callback", 15.0),
    "confirm": Kind("booking: confirm", "callback", 15.0),
    "co-confirm": Kind("coordinator confirm", "callback", None),
    "my": Kind("/mybookings", "message", 15.0),
    "cancel-ask": Kind("cancel: are you sure", "callback", 15.0),
    "cancel": Kind("booking: cancel", "callback", 15.0),
    "move-day": Kind("move: day", "callback", 15.0),
    "move-time": Kind("move: time", "callback", 15.0),
    "move": Kind("booking: move", "callback", 15.0),
    "book": Kind("/book", "message", 15.0),
    "consent": Kind("consent (once per person)", "callback", None),
}


def bench_services_file(folder: Path) -> Path:
    """The shipped services with consultations every day, 08:00–20:00: enough free times for
    every simulated person (the shipped file has four a day, two days a week)."""
    data = yaml.safe_load((REPO / "faq" / "services.yaml").read_text(encoding="utf-8"))
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for service in data["services"]:
        if service["id"] == "consultation":
            service["hours"] = [
                {"day": d, "from": "08:00", "to": "20:00", "every": 45} for d in days
            ]
            service["closed"] = []
    path = folder / "services-bench.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def bench_settings(folder: Path, database_url: str) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": "",
        "data_dir": folder / "data",
        "database_url": database_url or f"sqlite:///{folder / 'bench.db'}",
        "faq_dir": REPO / "faq",
        "locales_dir": REPO / "locales",
        "services_file": bench_services_file(folder),
        "coordinator_ids": frozenset({COORDINATOR_ID}),
        "coordinator_chat_id": COORDINATOR_CHAT_ID,
        "user_key_secret": "bench-only-secret",
        # Periodic jobs would land inside measurements at random; one person's many updates
        # are not a flood (the throttle still runs on every update).
        "content_reload_seconds": 0,
        "outbox_poll_seconds": 3600,
        "flood_messages_per_minute": 1_000_000,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def echo_application(api: StandinBotApi) -> Application[Any, Any, Any, Any, Any, Any]:
    """The yardstick: the smallest python-telegram-bot bot that answers both kinds of update."""

    async def echo(update: Update, _context: Any) -> None:
        if update.message is not None and update.message.text:
            await update.message.reply_text(update.message.text)

    async def answer(update: Update, _context: Any) -> None:
        if update.callback_query is not None:
            await update.callback_query.answer()

    app = ApplicationBuilder().token(OFFLINE_TOKEN).request(api).get_updates_request(api).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(answer))
    return app


@dataclass
class Sample:
    cpu: float  # µs of CPU in this process (every thread: the SQLite driver's too)
    wall: float  # µs on the clock


def timed() -> tuple[int, int]:
    return time.process_time_ns(), time.perf_counter_ns()


def since(start: tuple[int, int]) -> Sample:
    cpu, wall = timed()
    return Sample((cpu - start[0]) / 1000, (wall - start[1]) / 1000)


class Bench:
    """Feeds updates to both bots and keeps the timings per kind."""

    def __init__(self, app: Any, api: StandinBotApi, echo: Any, echo_api: StandinBotApi) -> None:
        self.app, self.api, self.echo, self.echo_api = app, api, echo, echo_api
        self.samples: dict[str, list[Sample]] = defaultdict(list)
        self.echo_samples: dict[str, list[Sample]] = defaultdict(list)
        self.measuring = False
        self.latest: dict[int, dict[str, Any]] = {}  # chat → the newest bot message with buttons
        self.profile: set[str] = set()  # kinds whose measured updates are profiled
        # CPU time, not the clock: on a shared machine the clock counts other processes' turns.
        self.profiler = cProfile.Profile(time.process_time)
        self.statements: dict[str, list[int]] = defaultdict(list)  # SQL statements per update
        self.executed = 0  # counted by `count_statements`, when asked for
        self.counting = False
        self.begun = 0  # units of work (SQLite's BEGIN IMMEDIATE; PostgreSQL's are not seen)
        self.units: dict[str, list[int]] = defaultdict(list)
        self.show_statements = False  # print them too (one person's, with --statements)

    def count_statements(self, *engines: Any, driver: sqlite3.Connection | None = None) -> None:
        """Count every statement sent to the database (every engine: units of work, the
        autocommit one and, on SQLite, those on the loop's thread, and the `sqlite3` connection
        of `Database.alone`), so `--statements` can print how many round trips each kind costs."""

        def counted(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            self.executed += 1
            if statement.startswith("BEGIN"):
                self.begun += 1
            if self.show_statements:
                print("   SQL", " ".join(statement.split())[:160], file=sys.stderr)

        self.counting = True
        for engine in engines:
            event.listen(getattr(engine, "sync_engine", engine), "before_cursor_execute", counted)
        if driver is not None:  # `Database.alone`'s statements go to the driver directly
            driver.set_trace_callback(lambda statement: counted(None, None, statement))

    async def feed(self, kind: str, payload: dict[str, Any]) -> list[Any]:
        before = len(self.api.calls)
        update = Update.de_json(payload, self.app.bot)
        profiling = self.measuring and kind in self.profile
        if profiling:
            self.profiler.enable()
        executed, begun = self.executed, self.begun
        start = timed()
        await self.app.process_update(update)
        await wait_for_deliveries(self.app)
        sample = since(start)
        if self.measuring and self.counting:
            self.statements[kind].append(self.executed - executed)
            self.units[kind].append(self.begun - begun)
            if self.show_statements:
                print(f"-- {kind}: {self.executed - executed} statements", file=sys.stderr)
        if profiling:
            self.profiler.disable()
        calls = self.api.calls[before:]
        echo_update = Update.de_json(payload, self.echo.bot)
        start = timed()
        await self.echo.process_update(echo_update)
        echo_sample = since(start)
        if self.measuring:
            self.samples[kind].append(sample)
            self.echo_samples[KINDS[kind].update].append(echo_sample)
        for call in calls:
            if isinstance(call.result, dict) and call.result.get("reply_markup"):
                self.latest[int(call.result["chat"]["id"])] = call.result
        if len(self.api.calls) > 2000:  # keep the stand-in's memory flat on long runs
            self.api.calls.clear()
            self.echo_api.calls.clear()
        return calls

    def buttons(self, chat_id: int) -> list[str]:
        markup = self.latest[chat_id].get("reply_markup") or {}
        return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]

    def pick(self, chat_id: int, prefix: str, index: int = 0) -> str:
        found = [d for d in self.buttons(chat_id) if d.startswith(prefix)]
        if not found:
            raise LookupError(f"no button {prefix!r} in chat {chat_id}: {self.buttons(chat_id)}")
        return found[index % len(found)]

    async def text(self, kind: str, user: SimulatedUser, text: str) -> list[Any]:
        return await self.feed(kind, user.message_payload(text))

    async def press(self, kind: str, user: SimulatedUser, prefix: str, index: int = 0) -> list[Any]:
        data = self.pick(user.chat_id, prefix, index)
        return await self.feed(kind, user.callback_payload(data, self.latest[user.chat_id]))


def questions() -> list[str]:
    """Typed questions in every language of the sets, answered and unanswered, interleaved."""
    asked = [q["q"] for name in ("in-scope", "specific", "out-of-scope") for q in load_set(name)]
    return asked[::3] + asked[1::3] + asked[2::3]


async def one_person(bench: Bench, number: int, asked: itertools.cycle[str]) -> None:
    """What one person does, start to booking; the coordinator confirms the booking."""
    language = LANGUAGES[number % len(LANGUAGES)]
    user = SimulatedUser(bench.app, bench.api, 100_000 + number, language_code=language)
    chat = user.chat_id
    await bench.text("start", user, "/start")
    await bench.press("faq", user, "faq:open:", number)  # a main topic
    if any(d.startswith("faq:open:") for d in bench.buttons(chat)):
        await bench.press("faq", user, "faq:open:", number)  # one of its sub-questions
    await bench.press("faq", user, "faq:home")
    for _ in range(3):
        await bench.text("question", user, next(asked))
    await bench.text("book", user, "/book")
    if any(d.startswith("privacy:agree") for d in bench.buttons(chat)):
        await bench.press("consent", user, "privacy:agree")  # once per person, not timed
    await bench.press("service", user, "book:svc:consultation")
    await bench.press("day", user, "book:day:", number // 16)  # spread people over the days
    await bench.press("time", user, "book:slot:", number)
    slot_buttons = [d for d in bench.buttons(chat) if d.startswith("book:tp:")]
    if number % 2:
        await bench.text("note", user, "Потрібна довідка для роботодавця, прийду з другом.")
    else:
        await bench.press("topic", user, "book:tp:", number % max(1, len(slot_buttons) - 1))
    if any(d.startswith("book:ip:") for d in bench.buttons(chat)):  # a consultation asks
        await bench.press("interpreter", user, "book:ip:", number % 4)  # mostly "no"
    calls = await bench.feed("confirm", bench_confirm_payload(bench, user))
    notice = [c for c in calls if c.chat_id == COORDINATOR_CHAT_ID and c.method == "sendMessage"]
    if not notice:
        raise RuntimeError(f"booking of person {number} sent no coordinator notice")
    coordinator = SimulatedUser(
        bench.app, bench.api, COORDINATOR_ID, language_code="sl", chat_id=COORDINATOR_CHAT_ID
    )
    data = next(d for d in _data_of(notice[-1].result) if d.startswith("co:ok:"))
    await bench.feed("co-confirm", coordinator.callback_payload(data, notice[-1].result))
    await change_booking(bench, number, user)


async def change_booking(bench: Bench, number: int, user: SimulatedUser) -> None:
    """Then the person opens their bookings and cancels (half of them) or moves theirs."""
    await bench.text("my", user, "/mybookings")
    if number % 2 == 0:
        await bench.press("cancel-ask", user, "my:cancel:")
        calls = await bench.press("cancel", user, "my:cancelok:")
    else:
        await bench.press("move-day", user, "my:move:")
        await bench.press("move-time", user, "my:mday:", 1)
        calls = await bench.press("move", user, "my:mto:", number + 1)
    # Each ends with a calendar file: the meeting taken out, or moved.
    if not any(call.method == "sendDocument" for call in calls):
        raise RuntimeError(f"person {number}'s booking was not changed: {calls}")


def bench_confirm_payload(bench: Bench, user: SimulatedUser) -> dict[str, Any]:
    data = bench.pick(user.chat_id, "book:ok:")
    return user.callback_payload(data, bench.latest[user.chat_id])


def _data_of(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(us: float) -> str:
    return f"{us / 1000:.1f} ms" if us >= 1000 else f"{us:.0f} µs"


def rows_from(bench: Bench, section: str) -> list[Row]:
    """Ratios compare CPU per update (steady on a shared machine); the 50 ms limit is on the
    clock (what a person waits for)."""
    echo_cpu = {k: percentile([s.cpu for s in v], 0.5) for k, v in bench.echo_samples.items()}
    echo_cpu99 = {k: percentile([s.cpu for s in v], 0.99) for k, v in bench.echo_samples.items()}
    rows = []
    for kind, samples in sorted(bench.echo_samples.items(), key=lambda i: i[0] != "message"):
        wall = [s.wall for s in samples]
        value = (
            f"CPU {ms(echo_cpu[kind])} / {ms(echo_cpu99[kind])}; clock "
            f"{ms(percentile(wall, 0.5))} / {ms(percentile(wall, 0.99))} ({len(samples)} updates)"
        )
        rows.append(Row(section, f"echo bot, a {kind}", value))
    for key, kind in KINDS.items():
        samples = bench.samples.get(key)
        if not samples:
            continue
        cpus = [s.cpu for s in samples]
        cpu, cpu99 = percentile(cpus, 0.5), percentile(cpus, 0.99)
        wall = [s.wall for s in samples]
        p50, p99 = percentile(wall, 0.5), percentile(wall, 0.99)
        ratio, ratio99 = cpu / echo_cpu[kind.update], cpu99 / echo_cpu99[kind.update]
        limit = f"p99 ≤ {SLOW_MS:g} ms"
        target = f"≤ {kind.target:g}×, {limit}" if kind.target else limit
        ok = p99 / 1000 <= SLOW_MS and (kind.target is None or ratio <= kind.target)
        value = (
            f"CPU {ms(cpu)} ({ratio:.1f}×) / {ms(cpu99)} ({ratio99:.1f}×); "
            f"clock {ms(p50)} / {ms(p99)}"
        )
        rows.append(Row(section, kind.label, value, target, ok))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    rows.append(Row(section, "machine load (1, 5, 15 min)", load))
    return rows


async def prepare_database(url: str, year: bool) -> None:
    """The bench's own database starts empty, or filled with a year of data."""
    db = Database(url)
    try:
        await db.upgrade()
        if not db.is_sqlite:
            tables = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
            async with db.engine.begin() as connection:
                await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await db.dispose()
    if year:
        await fill_year(url)


async def fill_year(url: str, *, scale: float = 1.0) -> None:
    """A year of data (issue #13's sizes, times `scale`) ending at the bench's clock."""
    from bench.year_of_data import fill  # written on the scale branch

    n = int(100_000 * scale)
    for seed in range(13, 18):
        try:
            await fill(url, people=n, events=10 * n, slots=n, pending=n, now=NOW, seed=seed)
            return
        except IntegrityError:
            # The filler draws each group's 25 people at random and may draw one twice (likelier
            # with fewer people); it runs as one transaction, so nothing is left: draw again.
            print(f"year of data: seed {seed} drew someone twice; again", file=sys.stderr)
    raise RuntimeError("bench/year_of_data.py: no seed gave a consistent year")


async def measure(options: Any) -> list[Row]:
    quick = bool(getattr(options, "quick", False))
    year = bool(getattr(options, "year", False))
    database_url = str(getattr(options, "database_url", "") or "")
    warm_up, measured = PEOPLE["quick" if quick else "full"]
    folder = Path(tempfile.mkdtemp(prefix="updates-bench-"))
    filled = str(getattr(options, "year_database_url", "") or "") if year else ""
    settings = bench_settings(folder, filled or database_url)
    if not filled:  # else bench/run.py filled it once for every section
        await prepare_database(settings.effective_database_url, year)
    api, echo_api = StandinBotApi(), StandinBotApi()
    services = build_services(settings, clock=ManualClock(NOW))
    app = build_application(settings, request=api, services=services, rate_limit=False)
    echo = echo_application(echo_api)
    bench = Bench(app, api, echo, echo_api)
    bench.profile = set(filter(None, str(getattr(options, "profile", "") or "").split(",")))
    if getattr(options, "statements", False):
        _ = services.db.autocommit  # made on first use: made now, so that it is counted
        bench.count_statements(*services.db.engines(), driver=services.db.driver())
    asked = itertools.cycle(questions())
    async with running(app), running(echo):
        for number in range(warm_up + measured):
            bench.measuring = number >= warm_up
            bench.show_statements = bench.counting and number == warm_up + 1
            await one_person(bench, number, asked)
    if bench.profile:
        stats = pstats.Stats(bench.profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(r"/(bot|storage)/", 50)
        stats.sort_stats("tottime").print_stats(40)
    if bench.statements:
        for kind, counts in bench.statements.items():
            print(
                f"SQL statements per update, {kind}: p50 {percentile(counts, 0.5):g}, "
                f"max {max(counts)}; units of work p50 {percentile(bench.units[kind], 0.5):g}",
                file=sys.stderr,
            )
    section = "year of data" if year else "per update"
    return rows_from(bench, section)


def main() -> None:
    from bench.table import render

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--year", action="store_true")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--profile", default="", help="cProfile these kinds, e.g. faq,confirm")
    parser.add_argument("--statements", action="store_true", help="count SQL statements per kind")
    with scratch_space():
        print(render(asyncio.run(measure(parser.parse_args()))))


if __name__ == "__main__":
    main()
