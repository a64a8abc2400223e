"""Start-up with a year of data: time to ready, the longest event-loop stall at start-up and on a
content reload, idle and peak memory; and the same for a bare python-telegram-bot echo bot.

    python -m bench.startup [--year-database-url postgresql://…]

Each bot runs in a subprocess of its own (`--child arrival|echo`), so the bench process and its
imports do not count in the memory figures. Without `--year-database-url` a year of data is built
in a temporary SQLite file first (bench/year_of_data.py, about 30 s).

A watchdog task wakes every 5 ms and records how late it woke: the longest lateness is the longest
time no update could have been handled.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()  # before the heavy imports: a child's start-up counts them

from bench.scratch import scratch_space  # noqa: E402
from bench.table import Row  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TICK = 0.005
SECTION = "start-up"


class Watchdog:
    """The largest lateness of a task that asks to wake every 5 ms, per phase. Also the largest
    CPU time the loop's thread spent between two wake-ups: on a shared, busy machine the wall
    lateness includes time the OS gave to other processes, the CPU time does not."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.worst_cpu = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before, cpu = loop.time(), time.thread_time()
            await asyncio.sleep(TICK)
            self.worst = max(self.worst, loop.time() - before - TICK)
            self.worst_cpu = max(self.worst_cpu, time.thread_time() - cpu)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    def take(self) -> float:
        worst, self.worst = self.worst, 0.0
        self.last_cpu, self.worst_cpu = self.worst_cpu, 0.0
        return worst

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


def memory_mb() -> tuple[float, float]:
    """Resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            name, amount, _unit = line.split()
            values[name] = int(amount) / 1024
    return values["VmRSS:"], values["VmHWM:"]


def timed_full_collection() -> float:
    """Seconds of one full garbage collection, as Python starts now and then on its own (the
    event loop waits for it): a pause that grows with every object the collector walks."""
    import gc

    started = time.perf_counter()
    gc.collect()
    return time.perf_counter() - started


async def settle() -> None:
    """Let the first job-queue runs and the collector finish before memory is read."""
    import gc

    await asyncio.sleep(1.0)
    gc.collect()
    await asyncio.sleep(0.2)


async def child_arrival(database_url: str, work: Path, year_ends: str = "") -> dict[str, Any]:
    from bot.app import build_application, build_services
    from bot.botapi.standin import StandinBotApi
    from bot.clock import ManualClock
    from bot.config import Settings
    from bot.handlers.content import RELOAD_JOB

    imported = time.perf_counter() - STARTED
    faq = work / "faq"
    shutil.copytree(REPO / "faq", faq)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=work / "data",
        database_url=database_url,
        faq_dir=faq,
        services_file=faq / "services.yaml",
        indicators_file=faq / "indicators.yaml",
        locales_dir=REPO / "locales",
        coordinator_chat_id=-100500,
        user_key_secret="bench-only-secret",
        content_reload_seconds=3600,  # the bench triggers the one reload itself
    )
    watchdog = Watchdog()
    watchdog.start()
    # The bot starts where the year of data ends: the filler's pending rows are then ahead, as
    # written. On the wall clock, rows of a year that ended hours ago fell due, and the
    # sender's round through them landed in the reload's stall.
    clock = ManualClock(dt.datetime.fromisoformat(year_ends)) if year_ends else None
    services = build_services(settings, clock=clock)
    # As the CLI builds it: what start-up loaded is frozen for the garbage collector.
    app = build_application(settings, request=StandinBotApi(), services=services, freeze_heap=True)
    built = time.perf_counter() - STARTED
    watchdog.take()  # building is synchronous, before the bot takes any update
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    await app.start()
    ready = time.perf_counter() - STARTED
    ready_cpu = time.process_time()  # the machine may be shared: CPU time is steadier
    await asyncio.sleep(0.3)  # the jobs that run at once (outbox poll) belong to start-up
    stall_start = watchdog.take()
    stall_start_cpu = watchdog.last_cpu
    os.utime(next(faq.glob("*/en.md")))  # a staff edit: the next reload check sees a change
    started = time.perf_counter()
    await app.job_queue.get_jobs_by_name(RELOAD_JOB)[0].run(app)
    reload_seconds = time.perf_counter() - started
    stall_reload = watchdog.take()
    stall_reload_cpu = watchdog.last_cpu
    await settle()
    idle, peak = memory_mb()
    full_collection = timed_full_collection()
    await watchdog.stop()
    await app.stop()
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    return {
        "imports": imported,
        "built": built,
        "ready": ready,
        "ready_cpu": ready_cpu,
        "stall_start": stall_start,
        "stall_start_cpu": stall_start_cpu,
        "reload": reload_seconds,
        "stall_reload": stall_reload,
        "stall_reload_cpu": stall_reload_cpu,
        "idle_mb": idle,
        "peak_mb": peak,
        "full_collection": full_collection,
    }


async def child_echo() -> dict[str, Any]:
    from telegram import Update
    from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

    from bot.botapi.standin import StandinBotApi

    imported = time.perf_counter() - STARTED

    async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(update.effective_message.text or "")

    watchdog = Watchdog()
    watchdog.start()
    request = StandinBotApi()
    app = ApplicationBuilder().token("0:echo").request(request).get_updates_request(request).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    built = time.perf_counter() - STARTED
    watchdog.take()
    await app.initialize()
    await app.start()
    ready = time.perf_counter() - STARTED
    await asyncio.sleep(0.3)
    stall_start = watchdog.take()
    stall_start_cpu = watchdog.last_cpu
    await settle()
    idle, peak = memory_mb()
    full_collection = timed_full_collection()
    await watchdog.stop()
    await app.stop()
    await app.shutdown()
    return {
        "stall_start_cpu": stall_start_cpu,
        "imports": imported,
        "built": built,
        "ready": ready,
        "stall_start": stall_start,
        "idle_mb": idle,
        "peak_mb": peak,
        "full_collection": full_collection,
    }


def run_child(
    kind: str, database_url: str, year_ends: str = "", lemmas: Path | None = None
) -> dict[str, Any]:
    """`lemmas`: the search dictionaries' folder (LEMMA_CACHE_DIR; empty: a machine's first
    start, when a child of the bot makes them)."""
    command = [sys.executable, "-m", "bench.startup", "--child", kind]
    if database_url:
        command += ["--year-database-url", database_url, "--year-ends", year_ends]
    env = {**os.environ, **({"LEMMA_CACHE_DIR": str(lemmas)} if lemmas else {})}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} child failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


async def measure(options: Any) -> list[Row]:
    """Rows for the table; `options.year_database_url` (optional) names a database that already
    holds a year of data (bench/year_of_data.py), else one is built in a temporary SQLite file."""
    from bench.updates import NOW  # where bench/run.py's year of data ends

    url = getattr(options, "year_database_url", "") or ""
    if not url:
        from bench.year_of_data import fill

        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-year-')) / 'year.db'}"
        await fill(url, now=NOW)
    # A machine's first start makes the search dictionaries (bot/faq/dictionaries.py); every
    # later start, the one the target is about, reads them.
    lemmas = Path(tempfile.mkdtemp(prefix="bench-lemmas-"))
    first = await asyncio.to_thread(run_child, "arrival", url, NOW.isoformat(), lemmas)
    arrival = await asyncio.to_thread(run_child, "arrival", url, NOW.isoformat(), lemmas)
    echo = await asyncio.to_thread(run_child, "echo", "")

    def ms(value: float) -> str:
        return f"{1000 * value:.0f} ms"

    return [
        Row(
            SECTION,
            "start-up to ready, year of data (imports + build + start)",
            f"{arrival['ready']:.2f} s (CPU {arrival['ready_cpu']:.2f} s; imports "
            f"{arrival['imports']:.2f} s, build {arrival['built'] - arrival['imports']:.2f} s); "
            f"echo bot {echo['ready']:.2f} s",
            "< 3 s",
            arrival["ready"] < 3,
        ),
        Row(
            SECTION,
            "a machine's first start (the search dictionaries made once, by a child process)",
            f"{first['ready']:.2f} s (build {first['built'] - first['imports']:.2f} s); "
            f"idle memory {first['idle_mb']:.0f} MB",
        ),
        Row(
            SECTION,
            "longest event-loop stall at start-up",
            f"{ms(arrival['stall_start'])} (CPU {ms(arrival['stall_start_cpu'])}); "
            f"echo bot {ms(echo['stall_start'])} (CPU {ms(echo['stall_start_cpu'])})",
            "≤ 100 ms",
            arrival["stall_start"] <= 0.1,
        ),
        Row(
            SECTION,
            "longest event-loop stall on a content reload",
            f"{ms(arrival['stall_reload'])} (CPU {ms(arrival['stall_reload_cpu'])}; "
            f"reload took {ms(arrival['reload'])})",
            "≤ 100 ms",
            arrival["stall_reload"] <= 0.1,
        ),
        Row(
            SECTION,
            "a full garbage collection once started (the loop waits)",
            f"{ms(arrival['full_collection'])}; echo bot {ms(echo['full_collection'])}",
            "≤ 100 ms",
            arrival["full_collection"] <= 0.1,
        ),
        Row(
            SECTION,
            "idle memory (RSS)",
            f"{arrival['idle_mb']:.0f} MB; echo bot {echo['idle_mb']:.0f} MB",
            "< 200 MB",
            arrival["idle_mb"] < 200,
        ),
        Row(
            SECTION,
            "peak memory (RSS high-water mark)",
            f"{arrival['peak_mb']:.0f} MB; echo bot {echo['peak_mb']:.0f} MB",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year-database-url", default="")
    parser.add_argument("--year-ends", default="", help="the bot's clock (ISO), else the wall's")
    parser.add_argument("--child", choices=["arrival", "echo"], default=None)
    args = parser.parse_args()
    if args.child == "arrival":
        with tempfile.TemporaryDirectory(prefix="bench-startup-") as work:
            result = asyncio.run(child_arrival(args.year_database_url, Path(work), args.year_ends))
        print(json.dumps(result))
    elif args.child == "echo":
        print(json.dumps(asyncio.run(child_echo())))
    else:
        from bench.table import render

        with scratch_space():
            print(render(asyncio.run(measure(args))))


if __name__ == "__main__":
    main()
