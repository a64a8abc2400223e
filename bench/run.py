"""The whole benchmark in one command, one table.

    python bench/run.py [--quick] [--year] [--database-url postgresql://…] [--only updates,…]

Calls `measure(options)` of every section module present in bench/ (per update; start-up and
reminders where they exist) and prints their rows as one Markdown table (bench/README.md).
`--quick`: fewer people and rows, about a minute. `--year`: a year of data (bench/year_of_data.py,
filled once into `--database-url` or a temporary SQLite file): the per-update section again on
it, in a process of its own (`measured_apart`). Start-up is measured on a year of data
(skipped by `--quick` without `--year`). Reminders run last: on PostgreSQL they empty the
database first.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.scratch import scratch_space  # noqa: E402
from bench.table import Row, render  # noqa: E402

SECTIONS = ("updates", "startup", "reminders")  # in this order; a missing module is skipped


def available(only: set[str]) -> list[Any]:
    modules = []
    for name in SECTIONS:
        if only and name not in only:
            continue
        if not (REPO / "bench" / f"{name}.py").exists():
            print(f"bench/{name}.py not present: skipped", file=sys.stderr)
            continue
        modules.append(importlib.import_module(f"bench.{name}"))
    return modules


async def year_database(options: argparse.Namespace) -> str:
    """One database with a year of data for every section that wants it, filled once (about a
    minute on PostgreSQL, a few on SQLite). Always the full year: the filler is not made for
    smaller sizes (at a tenth it draws someone twice for a group)."""
    from bench.updates import fill_year, prepare_database

    url = options.database_url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-year-'))}/y.db"
    started = time.perf_counter()
    await prepare_database(url, year=False)
    await fill_year(url)
    print(f"year of data filled in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return url


async def run(options: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    if options.quick:
        options.reminders = options.reminders or 1000  # bench/reminders.py: 10,000 by default
    for module in available(set(filter(None, options.only.split(",")))):
        started = time.perf_counter()
        print(f"running {module.__name__} …", file=sys.stderr)
        if module.__name__ == "bench.updates":
            # On an empty database first, then (with --year) the same updates on a year of data.
            rows += await module.measure(argparse.Namespace(**{**vars(options), "year": False}))
            if options.year:
                options.year_database_url = await year_database(options)
                rows += measured_apart(module.__name__, options)
        elif module.__name__ == "bench.startup":
            # Start-up is measured with a year of data, filled once here; --quick alone skips it.
            if options.quick and not options.year:
                print("bench.startup: skipped with --quick (add --year)", file=sys.stderr)
                continue
            options.year_database_url = options.year_database_url or await year_database(options)
            rows += await module.measure(options)
        else:
            rows += await module.measure(options)
        print(f"{module.__name__}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return rows


def measured_apart(module_name: str, options: argparse.Namespace) -> list[Row]:
    """A section's `measure` in a process of its own, started afresh like the first section's.
    Run second in the same process, the per-update section on a year of data found the first
    one's caches warm (the search's word cache: the same typed questions at half their cost)
    and its objects still about (every other kind 5-10 % slower); apart, both start alike."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(_measure, module_name, options, tempfile.gettempdir()).result()


def _measure(module_name: str, options: argparse.Namespace, scratch: str) -> list[Row]:
    tempfile.tempdir = scratch  # the run's one folder (bench/scratch.py), in this process too
    module = importlib.import_module(module_name)
    rows: list[Row] = asyncio.run(module.measure(options))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    parser.add_argument("--year", action="store_true", help="also on a year of data")
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--only", default="", help="comma-separated sections, e.g. updates")
    parser.add_argument("--profile", default="", help="updates: cProfile these kinds, e.g. faq")
    parser.add_argument(
        "--statements", action="store_true", help="updates: SQL statements per kind"
    )
    parser.add_argument("--reminders", type=int, default=0, help="reminders: how many are due")
    options = parser.parse_args()
    options.year_database_url = ""
    with scratch_space():  # every section's files, removed at the end
        print(render(asyncio.run(run(options))))


if __name__ == "__main__":
    main()
