"""A month of usage through Telegram updates, then every indicator against counts worked out by
hand (tests/report_support.py), in every export: JSON, CSV, the workbook, the chart. An erasure
changes no number; small cells are hidden only where the threshold says."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageStat
from sqlmodel import col, select

from bot.cli import _setup_logging, build_parser
from bot.cli_report import cmd_report
from bot.config import Settings
from bot.handlers.privacy import purge_inactive
from bot.indicators.build import make_report, report_files
from bot.indicators.compute import Period, Report, hidden_cells
from bot.indicators.export import Labels, csv_bytes, html_parts, json_report
from storage.models import SurveyAnswer, User
from tests.booking_support import everything_stored
from tests.conftest import REPO, BotHarness
from tests.report_support import EXPECTED, MONTHLY, person, report_settings, run_month

DECEMBER = Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31))


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return report_settings(tmp_path, database_url)


def results(report: Report) -> dict[str, tuple[object, object]]:
    return {i.id: (i.result, i.breakdown) for i in report.indicators}


async def december(bot: BotHarness, locale: str = "en") -> Report:
    return await make_report(bot.services, DECEMBER, locale=locale)


async def test_a_month_of_usage_gives_the_counts_worked_out_by_hand(
    bot, tmp_path, settings, caplog: pytest.LogCaptureFixture
):
    _setup_logging(settings)  # what `arrival-desk run` does: payload loggers stay quiet
    caplog.set_level(logging.DEBUG)
    booked = await run_month(bot)
    report = await december(bot)
    assert results(report) == EXPECTED
    assert report.monthly == MONTHLY
    assert {i.id: i.goal for i in report.indicators}["consultation-users"] == 15

    # The same numbers in the JSON, the CSV and the workbook.
    as_json = json_report(report)
    assert (as_json["from"], as_json["to"]) == ("2026-12-01", "2026-12-31")
    assert {i["id"]: (i["result"], i["breakdown"]) for i in as_json["indicators"]} == EXPECTED
    assert set(as_json["indicators"][0]) == {
        "id",
        "definition",
        "name",
        "goal",
        "result",
        "unit",
        "breakdown",
    }
    rows = list(csv.DictReader(io.StringIO(csv_bytes(report).decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == list(EXPECTED)
    for row in rows:
        result, breakdown = EXPECTED[row["id"]]
        assert float(row["result"]) == result
        parsed = dict(cell.split("=") for cell in row["breakdown"].split("; ")) if breakdown else {}
        assert {k: float(v) for k, v in parsed.items()} == (breakdown or {})
    labels = Labels(bot.services.translator, "sl")
    files = dict(report_files(await december(bot, "sl"), labels, 0))
    stem = "report-2026-12-01-2026-12-31"
    assert set(files) == {f"{stem}.png", f"{stem}.xlsx", f"{stem}.csv"}
    book = load_workbook(io.BytesIO(files[f"{stem}.xlsx"]))
    assert book.sheetnames == ["Indicators", "Monthly", "Method"]
    sheet = book["Indicators"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == [labels("report-col-indicator"), "Cilj", "Rezultat"]
    by_id = {row[6]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {key: by_id[key][2] for key in EXPECTED} == {k: v[0] for k, v in EXPECTED.items()}
    assert by_id["consultation-users"][0] == "consultation-users (sl)"  # the name in Slovenian
    assert [list(r) for r in book["Monthly"].iter_rows(min_row=2, values_only=True)] == [
        ["2026-12", 22]
    ]
    method = {row[0]: row[1] for row in book["Method"].iter_rows(min_row=2, values_only=True)}
    assert method[labels("report-method-period")] == "2026-12-01 – 2026-12-31"
    assert method["people_by_region"] == labels("report-def-people-by-region")
    assert method[labels("report-method-hidden")] == labels(
        "report-method-hidden-none", threshold=0
    )
    chart = Image.open(io.BytesIO(files[f"{stem}.png"])).convert("L")
    assert chart.size[0] > 800 and ImageStat.Stat(chart).var[0] > 100, "the chart is blank"

    # The Telegram summary holds the results, escaped, under Telegram's limit.
    parts = html_parts(report, Labels(bot.services.translator, "en"))
    assert all(len(part) <= 4096 for part in parts)
    assert "consultation-users (en)" in parts[0] and "<b>6</b>" in parts[0]

    # After the month: one person erases their data with /forget, then the retention purge
    # erases everyone not seen since; no number of the month moves.
    bot.clock.set(dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.UTC))
    async with bot.services.db.session() as session:
        erased = await session.get(User, booked["a"].user_id)
    assert erased is not None and erased.telegram_id is not None
    forgetting = person(bot, erased.telegram_id)
    # First what is stored about them: their two bookings, both answers, the comment and the
    # region they gave, and nothing about the other 23 people.
    exported = await forgetting.send("/mydata")
    ((_name, raw),) = next(c for c in exported if c.method == "sendDocument").files.values()
    mine = json.loads(raw)
    assert mine["person"]["region_of_origin"] == "asia"
    assert len(mine["bookings"]) == 2 and len(mine["attendance"]) == 2
    assert sorted((a["score"], a["comment"]) for a in mine["survey_answers"]) == [
        (4, None),
        (5, "Усе пояснили, дякую"),
    ]
    others = [str(i) for i in range(5002, 5025)] + [f"Person{i}" for i in range(5002, 5025)]
    assert not [trace for trace in others if trace in raw.decode()]
    await forgetting.send("/forget")
    await forgetting.press_data("privacy:forgetok")
    assert results(await december(bot)) == EXPECTED
    async with bot.services.db.session() as session:
        answers = {a.booking_id: a for a in (await session.exec(select(SurveyAnswer))).all()}
    # The erased person's comment is gone with them; their score still counts; others' stay.
    assert (answers[booked["a"].id].score, answers[booked["a"].id].comment) == (5, None)
    assert answers[booked["g"].id].comment == "I waited a long time at the door"
    stored = await everything_stored(bot)
    assert "Person5001" not in stored and "Усе пояснили" not in stored
    bot.clock.advance(dt.timedelta(days=bot.services.settings.retention_days + 1))
    assert await purge_inactive(bot.app) > 0
    assert results(await december(bot)) == EXPECTED
    async with bot.services.db.session() as session:
        left = (await session.exec(select(User).where(col(User.telegram_id).is_not(None)))).all()
    staff = bot.services.settings.coordinator_ids
    assert {u.telegram_id for u in left} <= staff, "only the centre's staff keep their id"
    # The whole month's logs, at DEBUG, hold none of the names or Telegram ids used.
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    for user_id in range(5001, 5025):
        # A whole number: real-time log lines (the scheduler's wake-ups) carry microseconds.
        assert f"Person{user_id}" not in logged
        assert not re.search(rf"(?<!\d){user_id}(?!\d)", logged), user_id
    for comment in ("Усе пояснили", "I waited a long time"):  # the survey comments typed
        assert comment not in logged


async def test_small_cells_are_hidden_in_exports_and_totals_never(bot, settings):
    await run_month(bot)
    report = await december(bot)
    shown = json_report(report, min_cell=5)
    by_id = {i["id"]: i for i in shown["indicators"]}
    assert by_id["by-region"]["result"] == 22  # the total stays
    assert by_id["by-region"]["breakdown"] == {
        "africa": "<5",
        "asia": "<5",
        "balkans": "<5",
        "not_given": 14,
        "other_europe": "<5",
        "south_america": "<5",
    }
    assert by_id["by-source"]["breakdown"] == {"factory-a": 6, "library": "<5"}
    assert by_id["no-show"]["breakdown"] == {"marks": 33, "no_show": 12}  # not a people cell
    assert "by-region: asia" in hidden_cells(report, 5)
    row = next(
        r
        for r in csv.DictReader(io.StringIO(csv_bytes(report, 5).decode("utf-8-sig")))
        if r["id"] == "by-source"
    )
    assert row["breakdown"] == "factory-a=6; library=<5"
    labels = Labels(bot.services.translator, "en")
    files = dict(report_files(report, labels, 5))
    book = load_workbook(io.BytesIO(files["report-2026-12-01-2026-12-31.xlsx"]))
    method = {row[0]: row[1] for row in book["Method"].iter_rows(min_row=2, values_only=True)}
    assert "by-source: library" in method["Small numbers"]
    assert "<5" in method["Small numbers"]
    # Off (the default): every number is shown.
    assert json_report(report)["indicators"][7]["breakdown"]["asia"] == 2


async def test_the_command_line_report_gives_the_same_json(
    bot, settings, tmp_path, capsys, monkeypatch
):
    await run_month(bot)
    env = {
        **os.environ,
        "DATABASE_URL": settings.effective_database_url,
        "SERVICES_FILE": str(settings.services_file),
        "INDICATORS_FILE": str(settings.indicators_file),
        "LOCALES_DIR": str(REPO / "locales"),
        "FAQ_DIR": str(REPO / "faq"),
        "COORDINATOR_IDS": ",".join(str(i) for i in settings.coordinator_ids),
        "TELEGRAM_BOT_TOKEN": "",
    }
    command = [sys.executable, "-m", "bot.cli", "report", "--from", "2026-12-01"]

    async def report(*args: str) -> subprocess.CompletedProcess[str]:
        # In a thread: the bot's jobs keep running meanwhile, as beside a real running bot (a
        # blocked event loop would keep one of them holding the SQLite write lock).
        return await asyncio.to_thread(
            subprocess.run,
            [*command, *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )

    done = await report("--to", "2026-12-31", "--format", "json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert {i["id"]: (i["result"], i["breakdown"]) for i in printed["indicators"]} == EXPECTED

    # The other formats and the errors through the same command, in-process (a subprocess
    # costs seconds); in a thread, like the subprocess above.
    async def in_process(*args: str, last: str = "2026-12-31") -> int:
        parsed = build_parser().parse_args(["report", "--from", "2026-12-01", "--to", last, *args])
        return await asyncio.to_thread(cmd_report, settings, parsed)

    capsys.readouterr()
    assert await in_process("--format", "json", last="2026-11-31") == 2
    bad = capsys.readouterr()
    assert bad.out == "" and len(bad.err.strip().splitlines()) == 1 and "--from" in bad.err
    monkeypatch.chdir(tmp_path)  # without --out a binary format is written here
    assert await in_process("--format", "xlsx") == 0
    assert "report-2026-12-01-2026-12-31.xlsx" in capsys.readouterr().err
    book = load_workbook(tmp_path / "report-2026-12-01-2026-12-31.xlsx")
    assert book["Monthly"]["B2"].value == 22
    assert await in_process("--format", "table", "--lang", "sl") == 0
    table = capsys.readouterr().out
    assert "consultation-users (sl)" in table and "Cilj" in table and "66.7" in table
    out = tmp_path / "december.csv"
    assert await in_process("--format", "csv", "--out", str(out)) == 0
    written = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert {r["id"]: float(r["result"]) for r in written} == {k: v[0] for k, v in EXPECTED.items()}
    out = tmp_path / "december.png"
    assert await in_process("--format", "png", "--out", str(out)) == 0
    chart = Image.open(out).convert("L")
    assert chart.size[0] > 800 and ImageStat.Stat(chart).var[0] > 100, "the chart is blank"
    out = tmp_path / "december.json"
    assert await in_process("--format", "json", "--out", str(out)) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == printed
