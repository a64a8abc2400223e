"""The report as files a coordinator forwards: an .xlsx workbook (openpyxl) and a PNG chart
(matplotlib, headless Agg backend). Both take the same numbers as the table and the CSV."""

from __future__ import annotations

import io

from bot.indicators.compute import Report
from bot.indicators.export import Labels, breakdown_text, method_rows

SHEETS = ("Indicators", "Monthly", "Method")


def xlsx_bytes(report: Report, labels: Labels, min_cell: int = 0) -> bytes:
    """Sheet Indicators (Indicator | Goal | Result | Unit | Breakdown | Comments), sheet Monthly
    (people served per month), sheet Method (definitions, period, generated, hidden cells).
    Goal and Result are numbers in their cells, so the funder's spreadsheet can add them up."""
    # Imported when a report is made, not at start: openpyxl and matplotlib cost ~50 MB of
    # resident memory and a second of start-up for a file asked for a few times a month.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEETS[0]
    sheet.append(
        [
            labels("report-col-indicator"),
            labels("report-col-goal"),
            labels("report-col-result"),
            labels("report-col-unit"),
            labels("report-col-breakdown"),
            labels("report-col-comments"),
            "id",
        ]
    )
    for indicator in report.indicators:
        sheet.append(
            [
                indicator.name,
                indicator.goal,
                indicator.result,
                labels("report-unit-" + indicator.unit),
                breakdown_text(indicator, labels, min_cell),
                indicator.comment,
                indicator.id,
            ]
        )
    monthly = book.create_sheet(SHEETS[1])
    monthly.append([labels("report-col-month"), labels("report-col-people-served")])
    for month, count in report.monthly:
        monthly.append([month, count])
    method = book.create_sheet(SHEETS[2])
    method.append([labels("report-col-what"), labels("report-col-how")])
    for row in method_rows(report, labels, min_cell):
        method.append(list(row))
    for each in (sheet, monthly, method):
        for cell in each[1]:
            cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (48, 10, 10, 10, 40, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    method.column_dimensions["A"].width = 28
    method.column_dimensions["B"].width = 100
    for row in (*sheet.iter_rows(min_row=2), *method.iter_rows(min_row=2)):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def png_bytes(report: Report, labels: Labels) -> bytes:
    """Goal and result side by side per indicator that has either, and the monthly trend of
    people served. Totals only: nothing in the chart can be a small cell."""
    from matplotlib.figure import Figure  # see xlsx_bytes: only when a report is made
    from matplotlib.ticker import MaxNLocator

    charted = [i for i in report.indicators if i.goal is not None or i.result is not None]
    height = 2.5 + 0.45 * max(len(charted), 1) + 3.0
    # A Figure without pyplot: no global state, safe in a worker thread, no display needed.
    figure = Figure(figsize=(12, height))
    bars, trend = figure.subplots(2, 1, gridspec_kw={"height_ratios": [max(len(charted), 1), 6]})
    positions = list(range(len(charted)))
    goals = [float(i.goal or 0) for i in charted]
    results = [float(i.result or 0) for i in charted]
    bar_height = 0.38
    bars.barh(
        [p + bar_height / 2 for p in positions],
        goals,
        bar_height,
        label=labels("report-col-goal"),
        color="#b0bec5",
    )
    bars.barh(
        [p - bar_height / 2 for p in positions],
        results,
        bar_height,
        label=labels("report-col-result"),
        color="#1e88e5",
    )
    for position, indicator in zip(positions, charted, strict=True):
        suffix = " %" if indicator.unit == "percent" else ""
        for value, offset in (
            (indicator.goal, bar_height / 2),
            (indicator.result, -bar_height / 2),
        ):
            if value is not None:
                bars.text(float(value), position + offset, f" {value:g}{suffix}", va="center")
    bars.set_yticks(positions, [_short(i.name) for i in charted])
    bars.invert_yaxis()
    bars.margins(x=0.12)  # room for the value written after the longest bar
    bars.legend(loc="lower right")
    bars.set_title(
        labels(
            "report-title",
            first=report.period.first.isoformat(),
            last=report.period.last.isoformat(),
        )
    )
    months = [month for month, _ in report.monthly]
    served = [count for _, count in report.monthly]
    trend.plot(months, served, marker="o", color="#43a047")
    trend.fill_between(months, served, alpha=0.15, color="#43a047")
    trend.set_title(labels("report-chart-trend"))
    trend.set_ylim(bottom=0, top=max([*served, 1]) * 1.15)
    trend.yaxis.set_major_locator(MaxNLocator(integer=True))  # people come whole
    trend.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=110)
    return out.getvalue()


def _short(name: str, limit: int = 55) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
