"""A computed report as the funder sees it: the seed reports' table (Indicator | Goal | Result |
Comments) drawn with rich or as Telegram HTML, CSV, an .xlsx workbook, a PNG chart and JSON.

Words come from `locales/<lang>/reports.ftl` through `Labels`; numbers are never rounded away
and small breakdown cells are hidden only where the threshold says (`min_cell`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from bot.i18n import FALLBACK_LOCALE, Translator
from bot.indicators.compute import Indicator, Number, Report, hidden_cells, shown_breakdown
from bot.indicators.spec import PERCENT

if TYPE_CHECKING:
    from rich.table import Table

TELEGRAM_LIMIT = 4000  # a message holds 4096 characters; leave room for the header
CSV_COLUMNS = ("id", "definition", "name", "goal", "result", "unit", "breakdown", "comment")


@dataclass(frozen=True)
class Labels:
    """Report words in one language."""

    translator: Translator
    locale: str

    def __call__(self, message_id: str, **args: Any) -> str:
        return self.translator.t(self.locale, message_id, **args)

    def key(self, key: str) -> str:
        """A breakdown key in words when the catalogue has it (regions, statuses, languages)."""
        message_id = "report-key-" + key.replace("_", "-")
        bundles = self.translator.catalog.bundles
        for locale in (self.locale, FALLBACK_LOCALE):
            bundle = bundles.get(locale)
            if bundle is not None and bundle.has_message(message_id):
                return self(message_id)
        return key


def number(value: Number | str | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value  # a hidden small cell, "<5"
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{shown} %" if unit == PERCENT else shown


def breakdown_text(indicator: Indicator, labels: Labels, min_cell: int) -> str:
    shown = shown_breakdown(indicator, min_cell)
    if not shown:
        return ""
    unit_of = {"response_rate": PERCENT}
    return ", ".join(
        f"{labels.key(key)}: {number(value, unit_of.get(key, ''))}" for key, value in shown.items()
    )


def _period_title(report: Report, labels: Labels) -> str:
    return labels(
        "report-title",
        first=report.period.first.isoformat(),
        last=report.period.last.isoformat(),
    )


# -- rich (the command line) ----------------------------------------------------------------------
def rich_table(report: Report, labels: Labels, min_cell: int = 0) -> Table:
    from rich.table import Table  # the command line's table: not loaded by the bot

    table = Table(title=_period_title(report, labels), show_lines=True)
    for column in ("indicator", "goal", "result", "comments"):
        table.add_column(labels(f"report-col-{column}"), overflow="fold")
    for indicator in report.indicators:
        detail = breakdown_text(indicator, labels, min_cell)
        comment = "\n".join(part for part in (detail, indicator.comment) if part)
        table.add_row(
            indicator.name,
            number(indicator.goal, indicator.unit),
            number(indicator.result, indicator.unit),
            comment,
        )
    return table


# -- Telegram HTML ---------------------------------------------------------------------------------
def html_parts(report: Report, labels: Labels, min_cell: int = 0) -> list[str]:
    """The table as short HTML blocks (escaped), cut into messages under Telegram's limit."""
    blocks = []
    for indicator in report.indicators:
        line = labels(
            "report-line",
            name=escape(indicator.name),
            goal=number(indicator.goal, indicator.unit),
            result=number(indicator.result, indicator.unit),
        )
        detail = breakdown_text(indicator, labels, min_cell)
        if detail:
            line += f"\n<i>{escape(detail)}</i>"
        blocks.append(line)
    served = ", ".join(f"{month}: {count}" for month, count in report.monthly)
    blocks.append(labels("report-monthly-line", months=escape(served)))
    parts = [f"<b>{escape(_period_title(report, labels))}</b>"]
    for block in blocks:
        if len(parts[-1]) + len(block) + 2 > TELEGRAM_LIMIT:
            parts.append(block)
        else:
            parts[-1] += "\n\n" + block
    return parts


# -- CSV and JSON -------------------------------------------------------------------------------
def _breakdown_cell(indicator: Indicator, min_cell: int) -> str:
    shown = shown_breakdown(indicator, min_cell)
    return "; ".join(f"{key}={number(value)}" for key, value in (shown or {}).items())


def csv_bytes(report: Report, min_cell: int = 0) -> bytes:
    """One row per indicator; fixed column names so a spreadsheet formula survives a language
    change. Breakdown cells are `key=value; key=value`. UTF-8 with BOM, so Excel reads Cyrillic."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for indicator in report.indicators:
        writer.writerow(
            (
                indicator.id,
                indicator.definition,
                indicator.name,
                number(indicator.goal) if indicator.goal is not None else "",
                number(indicator.result) if indicator.result is not None else "",
                indicator.unit,
                _breakdown_cell(indicator, min_cell),
                indicator.comment,
            )
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def json_report(report: Report, min_cell: int = 0) -> dict[str, Any]:
    """The object documented in docs/indicators.md."""
    return {
        "from": report.period.first.isoformat(),
        "to": report.period.last.isoformat(),
        "indicators": [
            {
                "id": indicator.id,
                "definition": indicator.definition,
                "name": indicator.name,
                "goal": indicator.goal,
                "result": indicator.result,
                "unit": indicator.unit,
                "breakdown": shown_breakdown(indicator, min_cell),
            }
            for indicator in report.indicators
        ],
    }


def file_stem(report: Report) -> str:
    return f"report-{report.period.first.isoformat()}-{report.period.last.isoformat()}"


def method_rows(report: Report, labels: Labels, min_cell: int) -> list[tuple[str, str]]:
    """What the Method sheet says: period, time of generation, what one person is, each
    definition used, and which small numbers were hidden."""
    hidden = hidden_cells(report, min_cell)
    rows = [
        (labels("report-method-period"), f"{report.period.first} – {report.period.last}"),
        (
            labels("report-method-generated"),
            report.generated_at.isoformat(timespec="seconds") + f" ({report.timezone})",
        ),
        (labels("report-method-person"), labels("report-method-person-text")),
        (
            labels("report-method-hidden"),
            labels("report-method-hidden-text", threshold=min_cell, cells=", ".join(hidden))
            if hidden
            else labels("report-method-hidden-none", threshold=min_cell),
        ),
    ]
    used = dict.fromkeys(indicator.definition for indicator in report.indicators)
    for definition in used:
        rows.append((definition, labels("report-def-" + definition.replace("_", "-"))))
    return rows
