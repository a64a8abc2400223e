"""One report for the centre's settings: compute it, then render the files a coordinator gets.
No Telegram imports; the handlers and the CLI call these."""

from __future__ import annotations

from bot.indicators.compute import Period, Report, compute_report
from bot.indicators.export import Labels, csv_bytes, file_stem
from bot.indicators.files import png_bytes, xlsx_bytes
from bot.services import Services


async def make_report(services: Services, period: Period, *, locale: str) -> Report:
    settings = services.settings
    await services.event_log.flush()  # what this instance has not written yet counts too
    return await compute_report(
        services.db,
        services.indicators.indicators,
        period,
        tz=settings.tz,
        language=locale,
        now=services.clock.now(),
        staff_ids=settings.coordinator_ids,
    )


def report_files(report: Report, labels: Labels, min_cell: int) -> list[tuple[str, bytes]]:
    """(file name, content): the chart, the workbook and the CSV. CPU work: run it in a thread."""
    stem = file_stem(report)
    return [
        (f"{stem}.png", png_bytes(report, labels)),
        (f"{stem}.xlsx", xlsx_bytes(report, labels, min_cell)),
        (f"{stem}.csv", csv_bytes(report, min_cell)),
    ]
