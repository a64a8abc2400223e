"""/report in Telegram: coordinators only, only where coordinator output may go; period buttons or
typed dates; the table, the chart, the workbook and the CSV. The monthly post: once, even with two
instances on one database."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageStat
from sqlmodel import col, select

from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from bot.delivery.kinds import Kind
from bot.handlers.reports import post_monthly_report
from bot.indicators.compute import Period
from bot.indicators.monthly import due_period
from bot.indicators.periods import PERIOD_CODES, parse_period, period_for
from storage.models import DailySend, Outbox
from tests.booking_support import local, quick_book
from tests.conftest import (
    COORDINATOR_CHAT_ID,
    COORDINATOR_ID,
    BotHarness,
)
from tests.report_support import person, report_settings

OTHER_GROUP = -100777


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return report_settings(tmp_path, database_url)


def report_calls(bot: BotHarness, chat_id: int) -> dict[str, list]:
    return {
        method: bot.api.sent(method, chat_id=chat_id)
        for method in ("sendMessage", "sendPhoto", "sendDocument")
    }


async def some_usage(bot: BotHarness) -> None:
    """Two people in December: one books a consultation, both read an answer."""
    bot.clock.set(local(2026, 12, 1, 9))
    await bot.services.desk.sync_slots()
    for user_id in (5001, 5015):
        await person(bot, user_id).send("/start faq-residence-permit--factory-a")
    async with bot.services.db.session() as session:
        from storage.models import Slot

        slot = (
            await session.exec(
                select(Slot).where(Slot.service_id == "consultation").order_by(col(Slot.starts_at))
            )
        ).first()
    assert slot is not None
    await quick_book(person(bot, 5001), slot.id or 0)


async def test_report_is_refused_to_migrants_and_silent_in_other_chats(bot):
    await some_usage(bot)
    migrant = person(bot, 5001)
    calls = await migrant.send("/report")
    assert [c.text for c in calls if c.method == "sendMessage"] == [bot.t("uk", "coordinator-only")]
    forged = await migrant.press_data("report:period:all")
    (answer,) = [c for c in forged if c.method == "answerCallbackQuery"]
    assert answer.params.get("show_alert") in (True, "true", "True")
    assert not [c for c in forged if c.method in ("sendMessage", "sendPhoto", "sendDocument")]
    elsewhere = SimulatedUser(
        bot.app, bot.api, COORDINATOR_ID, language_code="sl", chat_id=OTHER_GROUP
    )
    assert await elsewhere.send("/report") == []
    assert await elsewhere.send("/report 2026-12-01 2026-12-31") == []
    old_button = {"message_id": 1, "date": 0, "chat": elsewhere._chat(), "text": "…"}
    pressed = await elsewhere.feed(elsewhere.callback_payload("report:period:month", old_button))
    assert [c.method for c in pressed] == ["answerCallbackQuery"]
    assert "text" not in pressed[0].params  # nothing said in that group
    files = [next(iter(c.files.values()))[0] for c in bot.api.sent("sendDocument")]
    assert files == ["consultation.ics"]  # the booking's calendar file, no report


async def test_period_buttons_give_the_table_the_chart_the_workbook_and_the_csv(bot):
    await some_usage(bot)
    coordinator = bot.coordinator()  # their private chat
    await coordinator.send("/report")
    offered = [
        b["callback_data"]
        for row in coordinator._latest_with_keyboard()["reply_markup"]["inline_keyboard"]
        for b in row
    ]
    assert offered == [f"report:period:{code}" for code in PERIOD_CODES]
    assert all(len(data.encode()) <= 64 for data in offered)
    assert coordinator.last_text() == bot.t("sl", "report-choose")
    bot.clock.set(local(2026, 12, 20, 9))
    await coordinator.press_data("report:period:month")
    sent = report_calls(bot, coordinator.chat_id)
    summary = sent["sendMessage"][-1].text
    assert bot.t("sl", "report-title", first="2026-12-01", last="2026-12-20") in summary
    assert "by-source (sl)" in summary and "<b>2</b>" in summary  # two people through posters
    names = [next(iter(c.files.values()))[0] for c in sent["sendDocument"]]
    stem = "report-2026-12-01-2026-12-20"
    assert names == [f"{stem}.png", f"{stem}.xlsx", f"{stem}.csv"]
    assert sent["sendDocument"][0].text == bot.t("sl", "report-files-caption")
    chart = next(iter(sent["sendDocument"][0].files.values()))[1]
    image = Image.open(io.BytesIO(chart)).convert("L")
    assert ImageStat.Stat(image).var[0] > 100
    xlsx = next(iter(sent["sendDocument"][1].files.values()))[1]
    book = load_workbook(io.BytesIO(xlsx))
    results = {row[6]: row[2] for row in book["Indicators"].iter_rows(min_row=2, values_only=True)}
    assert results["by-source"] == 2 and results["consultation-reached"] == 1
    csv_text = next(iter(sent["sendDocument"][2].files.values()))[1].decode("utf-8-sig")
    assert "by-source,people_by_source" in csv_text and "factory-a=2" in csv_text


async def test_typed_dates_in_the_coordinator_chat_and_bad_dates(bot):
    await some_usage(bot)
    chat = bot.coordinator(in_group=True)
    await chat.send("/report 2026-12-01 2026-12-31")
    sent = report_calls(bot, COORDINATOR_CHAT_ID)
    assert any(
        bot.t("sl", "report-title", first="2026-12-01", last="2026-12-31") in c.text
        for c in sent["sendMessage"]
    )
    assert len(sent["sendDocument"]) == 3
    for wrong in ("/report 2026-12-31 2026-12-01", "/report 2026-02-30 2026-03-01", "/report x"):
        calls = await chat.send(wrong)
        assert [c.text for c in calls if c.method == "sendMessage"] == [bot.t("sl", "report-usage")]
    assert len(bot.api.sent("sendDocument", chat_id=COORDINATOR_CHAT_ID)) == 3


def test_periods_of_the_buttons():
    today = dt.date(2026, 5, 17)
    assert period_for("month", today, None).first == dt.date(2026, 5, 1)
    last = period_for("last-month", today, None)
    assert (last.first, last.last) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert period_for("quarter", today, None).first == dt.date(2026, 4, 1)
    assert period_for("year", today, None).first == dt.date(2026, 1, 1)
    assert period_for("all", today, dt.date(2025, 9, 3)).first == dt.date(2025, 9, 3)
    assert period_for("last-month", dt.date(2027, 1, 1), None).first == dt.date(2026, 12, 1)
    assert period_for("forged", today, None) is None
    assert parse_period("2026-01-01", "2026-06-30") == Period(
        dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    )
    for wrong in (
        ("2026-06-30", "2026-01-01"),
        ("0001-01-01", "0001-01-02"),
        ("2001-01-01", "2099-01-01"),
        ("2026-1-1", "x"),
    ):
        assert parse_period(*wrong) is None, wrong


def test_the_monthly_report_is_due_on_the_first_after_the_agenda_time():
    at = dt.time(7, 30)
    due = due_period(dt.datetime(2027, 1, 1, 8, 0), at)
    assert due is not None and (due.first, due.last) == (
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 31),
    )
    assert due_period(dt.datetime(2027, 1, 1, 7, 0), at) is None
    assert due_period(dt.datetime(2027, 1, 2, 8, 0), at) is None


async def test_the_monthly_report_is_posted_once_with_two_instances(pair):
    first, second = pair
    await some_usage(first)
    first.clock.set(local(2027, 1, 1, 8))
    posted = await asyncio.gather(post_monthly_report(first.app), post_monthly_report(second.app))
    assert sorted(posted) == [False, True]
    # Later runs that day, on either instance, post nothing more.
    first.clock.set(local(2027, 1, 1, 15))
    assert await post_monthly_report(first.app) is False
    assert await post_monthly_report(second.app) is False
    header = first.t("sl", "report-monthly-post", first="2026-12-01", last="2026-12-31")
    posts = [
        c
        for bot in pair
        for c in bot.api.sent("sendMessage", chat_id=COORDINATOR_CHAT_ID)
        if header in c.text
    ]
    assert len(posts) == 1
    assert first.t("sl", "report-title", first="2026-12-01", last="2026-12-31") in posts[0].text
    documents = [
        c for bot in pair for c in bot.api.sent("sendDocument", chat_id=COORDINATOR_CHAT_ID)
    ]
    assert sorted(next(iter(c.files.values()))[0] for c in documents) == [
        "report-2026-12-01-2026-12-31.csv",
        "report-2026-12-01-2026-12-31.png",
        "report-2026-12-01-2026-12-31.xlsx",
    ]
    async with first.services.db.session() as session:
        claims = (
            await session.exec(select(DailySend).where(DailySend.kind == "monthly-report"))
        ).all()
        rows = (await session.exec(select(Outbox).where(Outbox.kind == Kind.REPORT))).all()
    assert [c.day for c in claims] == ["2027-01-01"]
    assert [r.status for r in rows] == ["sent"]
    # Not on the second of the month.
    first.clock.set(local(2027, 1, 2, 9))
    assert await post_monthly_report(first.app) is False
