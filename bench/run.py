"""The whole benchmark in one command, one table.

    python bench/run.py [--quick] [--year] [--database-url postgresql://…] [--only updates,…]

Calls `measure(options)` of every section module present in bench/ (per update; start-up and
reminders where they exist) and prints their rows as one Markdown table (bench/README.md).
`--quick`: fewer people and rows, about a minute. `--year`: the per-update section again on a
database filled with a year of data (bench/year_of_data.py).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

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


async def run(options: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    for module in available(set(filter(None, options.only.split(",")))):
        started = time.perf_counter()
        print(f"running {module.__name__} …", file=sys.stderr)
        if module.__name__ == "bench.updates":
            # On an empty database first, then (with --year) the same updates on a year of data.
            rows += await module.measure(argparse.Namespace(**{**vars(options), "year": False}))
            if options.year:
                rows += await module.measure(options)
        else:
            rows += await module.measure(options)
        print(f"{module.__name__}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    parser.add_argument("--year", action="store_true", help="also on a year of data")
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--only", default="", help="comma-separated sections, e.g. updates")
    parser.add_argument("--profile", default="", help="updates: cProfile these kinds, e.g. faq")
    options = parser.parse_args()
    print(render(asyncio.run(run(options))))


if __name__ == "__main__":
    main()
