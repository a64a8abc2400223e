"""`arrival-desk report --from DATE --to DATE --format table|csv|xlsx|png|json [--out FILE]`."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.indicators.compute import Period, Report, compute_report
from bot.indicators.export import Labels, csv_bytes, file_stem, json_report, rich_table
from bot.indicators.periods import parse_period
from bot.indicators.spec import load_indicators

FORMATS = ("table", "csv", "xlsx", "png", "json")
BINARY = ("xlsx", "png")
EXIT_USAGE = 2


class ReportUsageError(Exception):
    """Bad dates or options: one line, exit code 2."""


async def _compute(settings: Settings, period: Period, language: str) -> Report:
    from bot.booking.catalog import load_catalog
    from bot.clock import Clock
    from storage.db import Database

    catalog, _ = load_catalog(settings.services_file)
    indicators, problems = load_indicators(settings.indicators_file, catalog=catalog)
    if problems:
        first = problems[0].format()
        raise ReportUsageError(
            f"the indicators file has {len(problems)} error(s), first: {first} "
            "(see `arrival-desk faq check`)"
        )
    db = Database(settings.effective_database_url)
    try:
        await db.upgrade()
        return await compute_report(
            db,
            indicators.indicators,
            period,
            tz=settings.tz,
            language=language,
            now=Clock().now(),
            staff_ids=settings.coordinator_ids,
        )
    finally:
        await db.dispose()


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    from bot.i18n import Translator

    period = parse_period(args.first, args.last)
    if period is None:
        print(
            f"error: --from and --to must be dates like 2026-01-31 (2000–2099), the first not "
            f"after the second, at most ten years apart (got {args.first!r} and {args.last!r})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    translator = Translator.from_dir(settings.locales_dir)
    if args.lang not in translator.locales:
        print(f"error: --lang must be one of {', '.join(translator.locales)}", file=sys.stderr)
        return EXIT_USAGE
    labels = Labels(translator, args.lang)
    min_cell = settings.report_min_cell if args.min_cell is None else args.min_cell
    try:
        report = asyncio.run(_compute(settings, period, args.lang))
    except ReportUsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    content = _render(report, labels, args.format, min_cell)
    if isinstance(content, str) and args.out is None:
        sys.stdout.write(content)
        return 0
    out: Path = args.out or Path(f"{file_stem(report)}.{args.format}")
    data = content.encode("utf-8") if isinstance(content, str) else content
    out.write_bytes(data)
    print(f"report written to {out}", file=sys.stderr)
    return 0


def _render(report: Report, labels: Labels, fmt: str, min_cell: int) -> str | bytes:
    if fmt == "json":
        return json.dumps(json_report(report, min_cell), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_bytes(report, min_cell).decode("utf-8-sig")
    if fmt == "table":
        return _table_text(report, labels, min_cell)
    from bot.indicators.files import png_bytes, xlsx_bytes

    return xlsx_bytes(report, labels, min_cell) if fmt == "xlsx" else png_bytes(report, labels)


def _table_text(report: Report, labels: Labels, min_cell: int) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    width = shutil.get_terminal_size((140, 40)).columns if sys.stdout.isatty() else 140
    Console(file=buffer, width=width, force_terminal=sys.stdout.isatty()).print(
        rich_table(report, labels, min_cell)
    )
    return buffer.getvalue()


def add_report_command(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="the funder's indicators for a period: table, csv, xlsx, png or json",
        description="Count the indicators of INDICATORS_FILE for a period (local dates in "
        "TIMEZONE, both included). Binary formats (xlsx, png) are written to --out or to "
        "report-FROM-TO.EXT.",
    )
    report.add_argument("--from", dest="first", required=True, help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="last", required=True, help="last day, YYYY-MM-DD")
    report.add_argument("--format", choices=FORMATS, default="table", help="default: table")
    report.add_argument("--out", type=Path, help="write to this file instead of the terminal")
    report.add_argument("--lang", default="en", help="language of names and labels (default en)")
    report.add_argument(
        "--min-cell",
        type=int,
        default=None,
        help="hide breakdown cells below this number (default: REPORT_MIN_CELL; 0 shows all)",
    )
    report.set_defaults(handler=cmd_report)
