"""One row of the benchmark table and how the table is printed: every bench section returns rows.

A section module (e.g. `bench/updates.py`) exposes `async def measure(options) -> list[Row]`;
`bench/run.py` calls each and prints one table, so one command gives the whole picture.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    section: str  # e.g. "per update", "year of data", "start-up", "reminders"
    name: str  # what was measured, e.g. "FAQ navigation p50"
    value: str  # the measurement with its unit, e.g. "412 µs (6.1×)"
    target: str = ""  # the goal, e.g. "≤ 8×"; empty when only reported
    ok: bool | None = None  # None: nothing to compare with


def render(rows: list[Row]) -> str:
    """A Markdown table (it also reads well in a terminal), ready to paste into bench/README.md."""
    header = ["section", "measure", "value", "target", "ok"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        mark = "" if row.ok is None else ("yes" if row.ok else "**no**")
        lines.append(f"| {row.section} | {row.name} | {row.value} | {row.target} | {mark} |")
    return "\n".join(lines)
