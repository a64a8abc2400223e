"""Webhook mode in-process (issue #13, items 1 and 2): the secret, each update handled once
(also across two Applications on one database), /healthz, /metrics, the daily purge, and the
one-process-per-SQLite-file lock."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot import event_log
from bot.botapi.simulator import SimulatedUser
from bot.cli import EXIT_CONFIG, EXIT_DATABASE_IN_USE, cmd_run
from bot.clock import ManualClock
from bot.config import Settings
from bot.delivery.kinds import Kind
from bot.delivery.outbox import enqueue
from bot.handlers.delivery import deliver_due
from bot.instance_lock import DatabaseInUse, single_instance
from bot.web.handled import first_delivery, purge_old
from tests.conftest import (
    COORDINATOR_CHAT_ID,
    COORDINATOR_ID,
    START_TIME,
    empty_database,
    make_settings,
)
from tests.web_support import SECRET, WebInstance, metric, web_instance

TOKEN = "123456:" + "made-up-for-tests"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(
        tmp_path, database_url, webhook_secret=SECRET, webhook_url="https://bot.test"
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START_TIME)


@pytest.fixture
async def one(settings: Settings, clock: ManualClock) -> AsyncIterator[WebInstance]:
    await empty_database(settings.effective_database_url)
    instance, context = web_instance(settings, clock)
    async with context:
        yield instance


def person(instance: WebInstance, user_id: int = 1001) -> SimulatedUser:
    return SimulatedUser(instance.app, instance.api, user_id, language_code="en")


async def add_alerts(instance: WebInstance, *, due: int, later: int = 0) -> None:
    services = instance.web.services
    now = services.clock.now()
    async with services.db.session() as session:
        for n in range(due + later):
            when = now - timedelta(minutes=2) if n < due else now + timedelta(hours=1)
            payload = {"errors": [f"alert-{n}"], "count": 1}
            await enqueue(session, Kind.CONTENT_ALERT, due_at=when, payload=payload)
        await session.commit()


async def test_the_secret_header_is_required(one: WebInstance):
    user = person(one)
    assert await one.post(user.message_payload("/start"), secret=None) == 403
    assert await one.post(user.message_payload("/start"), secret="wrong") == 403
    assert await one.post(user.message_payload("/start"), secret=SECRET[:-1]) == 403
    assert one.api.sent("sendMessage") == [], "a refused request is not handled"

    assert await one.post(user.message_payload("/start")) == 200
    assert one.api.sent("sendMessage", chat_id=1001), "the accepted /start is answered"


async def test_a_malformed_body_is_refused_without_handling(one: WebInstance):
    async with one.client() as client:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        assert (await client.post("/telegram", content=b"{", headers=headers)).status_code == 400
        bad = await client.post("/telegram", json={"update_id": "7"}, headers=headers)
        assert bad.status_code == 400
    assert not one.api.sent("sendMessage"), "nothing was handled"


async def test_an_update_delivered_twice_is_handled_once(one: WebInstance):
    payload = person(one).message_payload("/start")
    assert await one.post(payload) == 200
    answers = len(one.api.sent("sendMessage", chat_id=1001))
    assert answers >= 1

    assert await one.post(payload) == 200, "Telegram must not retry it again"
    assert len(one.api.sent("sendMessage", chat_id=1001)) == answers
    text = one.metrics.render().decode()
    assert metric(text, "arrival_updates_duplicate_total") == 1
    assert metric(text, "arrival_updates_total", kind="message") == 1


async def test_two_instances_on_one_database_handle_a_redelivered_update_once(
    settings: Settings, clock: ManualClock
):
    await empty_database(settings.effective_database_url)
    a, context_a = web_instance(settings, clock)
    b, context_b = web_instance(settings, clock)
    async with context_a, context_b:
        payload = person(a).message_payload("/start")
        codes = await asyncio.gather(a.post(payload), b.post(payload))
        assert codes == [200, 200]
        answered = [i for i in (a, b) if i.api.sent("sendMessage", chat_id=1001)]
        assert len(answered) == 1, "exactly one instance answered"
        duplicates = sum(
            metric(i.metrics.render().decode(), "arrival_updates_duplicate_total") for i in (a, b)
        )
        assert duplicates == 1


async def test_healthz_reports_database_last_update_and_backlog(
    one: WebInstance, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(event_log, "LATEST_SECONDS", 3600.0)  # held until the test writes it
    async with one.client() as client:
        first = await client.get("/healthz")
        assert first.status_code == 200
        assert first.json() == {
            "status": "ok",
            "database": True,
            "last_update_at": None,
            "outbox_due": 0,
            "events_waiting": 0,
        }
        await add_alerts(one, due=2, later=1)
        assert await one.post(person(one).message_payload("/start")) == 200
        body = (await client.get("/healthz")).json()
        assert body["events_waiting"] == 1, "the /start held a moment (bot/event_log.py)"
        assert metric((await client.get("/metrics")).text, "arrival_events_waiting") == 1
        await one.app.bot_data["services"].event_log.flush()
        assert (await client.get("/healthz")).json()["events_waiting"] == 0
    assert body["outbox_due"] == 2, "the row due in an hour is not backlog"
    assert body["last_update_at"] is not None


async def test_healthz_is_503_when_the_database_is_unreachable_or_stopping(
    tmp_path: Path, clock: ManualClock
):
    # A real driver against a closed port: nothing listens on 127.0.0.1:9.
    settings = make_settings(
        tmp_path, "postgresql://nobody:none@127.0.0.1:9/none", webhook_secret=SECRET
    )
    instance, _never_started = web_instance(settings, clock)
    async with instance.client() as client:
        health = await client.get("/healthz")
        scrape = await client.get("/metrics")
        assert health.status_code == 503
        assert health.json()["status"] == "database_unreachable"
        assert health.json()["database"] is False
        assert scrape.status_code == 200, "metrics still answer without the database"

        instance.web.is_stopping = lambda: True  # SIGTERM arrived
        stopping = await client.get("/healthz")
        assert stopping.status_code == 503 and stopping.json()["status"] == "stopping"
    assert await instance.post({"update_id": 1, "message": {}}) == 503
    assert instance.api.calls == [], "nothing was handled"
    await instance.web.services.db.dispose()


async def test_metrics_move_with_updates_sends_and_429s(one: WebInstance, clock: ManualClock):
    async def scrape() -> str:
        async with one.client() as client:
            response = await client.get("/metrics")
        assert response.status_code == 200
        return response.text

    before = await scrape()
    assert metric(before, "arrival_updates_total", kind="message") == 0
    assert metric(before, "arrival_update_seconds_count") == 0

    assert await one.post(person(one).message_payload("/start")) == 200
    coordinator = SimulatedUser(one.app, one.api, COORDINATOR_ID, language_code="sl")
    assert await one.post(coordinator.message_payload("/agenda")) == 200
    after = await scrape()
    assert metric(after, "arrival_updates_total", kind="message") == 2
    assert metric(after, "arrival_update_seconds_count") == 2
    assert metric(after, "arrival_coordinator_actions_total", action="agenda") == 1
    assert metric(after, "arrival_coordinator_actions_total", action="start") == 0
    # A typed or forged value is "other", never a label of its own.
    for forged in ("/zzzz", "/agenda_x", "/a" * 12):
        assert await one.post(coordinator.message_payload(forged)) == 200
    notice = one.api.sent("sendMessage", chat_id=COORDINATOR_ID)[-1].result
    assert await one.post(coordinator.callback_payload("zz:yy:1", notice)) == 200
    labels = await scrape()
    assert metric(labels, "arrival_coordinator_actions_total", action="other") == 4
    assert "zzzz" not in labels and "zz:yy" not in labels and "agenda_x" not in labels
    assert metric(after, "arrival_bot_api_calls_total", method="sendMessage") >= 2

    await add_alerts(one, due=1)
    one.api.fail_next("retry_after", method="sendMessage", retry_after=5)
    assert await deliver_due(one.app) == 0
    throttled = await scrape()
    assert metric(throttled, "arrival_bot_api_429_total") == 1
    assert metric(throttled, "arrival_bot_api_errors_total", method="sendMessage",
                  kind="rate_limited") == 1  # fmt: skip
    assert metric(throttled, "arrival_outbox_retried_total", kind="content_alert") == 1
    assert metric(throttled, "arrival_outbox_due_rows", kind="content_alert") == 1

    clock.advance(timedelta(minutes=2))  # past the retry backoff
    assert await deliver_due(one.app) == 1
    sent = await scrape()
    assert metric(sent, "arrival_outbox_sent_total", kind="content_alert") == 1
    assert metric(sent, "arrival_outbox_lateness_seconds_count", kind="content_alert") == 1
    # Due 2 minutes before the first try, sent 2 minutes later: between 3 and 5 minutes late.
    assert metric(sent, "arrival_outbox_lateness_seconds_bucket", kind="content_alert",
                  le="300.0") == 1  # fmt: skip
    assert metric(sent, "arrival_outbox_lateness_seconds_bucket", kind="content_alert",
                  le="60.0") == 0  # fmt: skip
    assert metric(sent, "arrival_outbox_due_rows", kind="content_alert") == 0
    assert one.api.sent("sendMessage", chat_id=COORDINATOR_CHAT_ID)

    # A network error is retried; a chat that blocked the bot fails the row for good.
    await add_alerts(one, due=1)
    one.api.fail_next("network", method="sendMessage")
    assert await deliver_due(one.app) == 0
    clock.advance(timedelta(minutes=2))
    one.api.fail_next("forbidden", method="sendMessage")
    assert await deliver_due(one.app) == 0
    failed = await scrape()
    assert metric(failed, "arrival_bot_api_errors_total", method="sendMessage",
                  kind="network") == 1  # fmt: skip
    assert metric(failed, "arrival_bot_api_errors_total", method="sendMessage",
                  kind="forbidden") == 1  # fmt: skip
    assert metric(failed, "arrival_outbox_failed_total", kind="content_alert",
                  reason="blocked") == 1  # fmt: skip


async def test_handled_update_ids_are_purged_once_a_day(one: WebInstance, clock: ManualClock):
    db = one.web.services.db
    old = clock.now() - timedelta(days=3)
    assert await first_delivery(db, update_id=111, now=old)
    assert await first_delivery(db, update_id=222, now=clock.now())
    assert not await first_delivery(db, update_id=111, now=clock.now())

    assert await purge_old(db, now=clock.now(), day="2026-12-01") == 1
    assert await purge_old(db, now=clock.now(), day="2026-12-01") is None, "once a day"
    assert await first_delivery(db, update_id=111, now=clock.now()), "forgotten after 2 days"
    assert not await first_delivery(db, update_id=222, now=clock.now()), "recent ones stay"


def test_one_process_per_sqlite_file(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'data' / 'bot.db'}"
    # The second instance starts while the first runs.
    with (
        single_instance(url),
        pytest.raises(DatabaseInUse, match="PostgreSQL"),
        single_instance(url),
    ):
        pass
    with single_instance(url):  # released when the first one ended
        pass
    postgres = "postgresql://arrival@127.0.0.1/none"
    with single_instance(postgres), single_instance(postgres):
        pass  # PostgreSQL takes several instances


def test_run_refuses_a_second_instance_on_one_sqlite_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'bot.db'}", telegram_bot_token=TOKEN)
    with single_instance(settings.effective_database_url):  # the first instance
        code = cmd_run(settings, argparse.Namespace(webhook=False))
    assert code == EXIT_DATABASE_IN_USE
    said = capsys.readouterr().err
    assert "already running on the SQLite database" in said and "PostgreSQL" in said


def test_webhook_mode_needs_url_and_secret(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'b.db'}", telegram_bot_token=TOKEN)
    assert cmd_run(settings, argparse.Namespace(webhook=True)) == EXIT_CONFIG
    assert "WEBHOOK_SECRET" in capsys.readouterr().err
