"""Announcements by topic at the Telegram boundary: subscribing with buttons, a coordinator
writing once per language (English left empty), previewing, picking a topic and sending to
1,000 subscribers through a stand-in that answers some sends 429 and some 403, interrupted by a
restart (a second Application on the same database continues): each subscriber gets it once, in
their language, and the coordinator's summary adds up. Unsubscribe and Register from the
message itself."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call, StandinBotApi
from bot.config import Settings
from bot.handlers.announcements import announce_tick
from bot.handlers.delivery import deliver_due, wait_for_deliveries
from bot.i18n import to_serbian_latin
from storage.models import Booking, Outbox, Subscription, User
from tests.booking_support import booking_settings, course_slot, events_of, local, rows
from tests.conftest import BotHarness, another_instance, start_harness

TEXTS = {
    "uk": "Нова зустріч: вечір знайомств у пʼятницю.",
    "sr": "Ново вече упознавања у петак.",
    "sl": "Nov večer spoznavanja v petek.",
}
FIRST_ID = 200_000


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


def reader_language(n: int) -> str:
    return ("uk", "sr", "sl", "sr-Latn", "en")[n % 5] if n % 10 else "uk"


async def add_subscribers(bot: BotHarness, count: int) -> None:
    """People who subscribed earlier (the buttons are tested below): written in one go."""
    now = bot.clock.now()
    async with bot.services.db.session() as session:
        users = [
            User(
                telegram_id=FIRST_ID + n,
                user_key=f"k{n:06d}",
                language=reader_language(n),
                language_chosen=True,
                consent_at=now,
                created_at=now,
            )
            for n in range(count)
        ]
        session.add_all(users)
        await session.flush()
        session.add_all(
            [Subscription(user_id=u.id or 0, topic="events", created_at=now) for u in users]
        )
        await session.commit()


def announcement_calls(api: StandinBotApi) -> list[Call]:
    return [c for c in api.sent("sendMessage") if c.chat_id is not None and c.chat_id >= FIRST_ID]


async def write_and_send(bot: BotHarness, co: SimulatedUser, texts: dict[str, str]) -> list[Call]:
    """/announce: typed per language in turn (uk, sr, sl, en); a missing one is skipped."""
    locale = bot.services.settings.coordinator_language
    calls = await co.send("/announce")
    for language in ("uk", "sr", "sl", "en"):
        if language in texts:
            calls += await co.send(texts[language])
        else:
            calls += await co.press(bot.t(locale, "announce-skip"), exact=True)
    return calls


async def test_an_announcement_reaches_a_thousand_once_through_429_403_and_a_restart(
    settings: Settings,
):
    harness, context = await start_harness(settings)
    bot, clock = harness, harness.clock
    async with context:
        # One person subscribes with the buttons (the consent gate is off in these tests).
        olha = bot.user(7001, language_code="uk")
        await olha.send("/subscriptions")
        await olha.press(bot.t("uk", "announce-topic-events"))
        assert bot.t("uk", "subscriptions-on", topic=bot.t("uk", "announce-topic-events")) in (
            olha.last_buttons()
        )
        await add_subscribers(bot, 1000)

        co = bot.coordinator()
        locale = bot.services.settings.coordinator_language
        calls = await write_and_send(bot, co, TEXTS)
        shown = [c.text for c in calls if c.method in ("sendMessage", "editMessageText")]
        english = bot.services.translator.language_name("en")
        empty = bot.t(locale, "announce-preview-empty", language=english)
        assert empty in shown, "the preview says English readers get nothing"
        await co.press(
            bot.t(locale, "subscriptions-off", topic=bot.t(locale, "announce-topic-events"))
        )
        readers = sum(1 for n in range(1000) if reader_language(n) != "en") + 1  # and Olha
        assert f"{readers}" in co.last_text(), "the controls count who would receive it"

        blocked = {FIRST_ID + n for n in range(3, 1000, 37)}
        bot.api.blocked_chats |= blocked
        for n in range(1, 1000, 41):
            bot.api.fail_next("retry_after", chat_id=FIRST_ID + n, retry_after=5)
        # The instance dies in the middle of a send (its process is killed): the 100th send to
        # a subscriber never returns, and everything this instance was doing stops there.
        sends = 0
        stuck = asyncio.Event()

        async def die_midway(call: Call) -> None:
            nonlocal sends
            if call.method == "sendMessage" and (call.chat_id or 0) >= FIRST_ID:
                sends += 1
                if sends >= 100:
                    stuck.set()
                    await asyncio.Event().wait()  # never answers

        bot.api.before_call = die_midway
        # Send: the first chunk is queued and its sends start at once, in the background.
        press = asyncio.create_task(co.press(bot.t(locale, "announce-send"), exact=True))
        await asyncio.wait_for(stuck.wait(), timeout=60)
        tasks = [press, *bot.app.bot_data.get("delivery_tasks", ())]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        first_api = bot.api
    assert 0 < len(announcement_calls(first_api)) < 1000

    # A second Application on the same database carries on after the dead one's lease.
    second, context = await another_instance(settings, clock)
    async with context:
        second.api.blocked_chats |= blocked
        for _ in range(20):
            clock.advance(dt.timedelta(minutes=6))
            await announce_tick(second.app)
            await deliver_due(second.app)
            await wait_for_deliveries(second.app)
            summary_rows = await rows(second, Outbox, kind="announcement_summary")
            if [r for r in summary_rows if r.status == "sent"]:
                break
        summaries = [
            c.text
            for api in (first_api, second.api)
            for c in api.sent("sendMessage", chat_id=co.chat_id)
        ]

    received: dict[int, list[str]] = {}
    for api in (first_api, second.api):
        for call in announcement_calls(api):
            received.setdefault(call.chat_id or 0, []).append(call.text)
    expected = {FIRST_ID + n for n in range(1000) if reader_language(n) != "en"} - blocked
    assert set(received) == expected, "everyone who reads uk, sr, sl or sr-Latn, no one else"
    assert all(len(texts) == 1 for texts in received.values()), "nobody gets it twice"
    for n in (0, 1, 2, 3 + 37, 13):
        chat = FIRST_ID + n
        if chat in received:
            language = reader_language(n)
            text = TEXTS["sr"] if language.startswith("sr") else TEXTS[language]
            text = to_serbian_latin(text) if language == "sr-Latn" else text
            assert text in received[chat][0], (language, received[chat][0])
    final = bot.t(
        locale,
        "announce-summary",
        sent=len(expected) + 1,  # and Olha
        blocked=len(blocked & {FIRST_ID + n for n in range(1000) if reader_language(n) != "en"}),
        failed=0,
        cancelled=0,
    )
    assert final in summaries
    assert summaries.count(final) == 1
    assert len(await events_of(second, "announcement_delivered")) == len(expected) + 1


async def test_unsubscribe_and_register_from_the_message(bot: BotHarness):
    ana = bot.user(7101, language_code="sl")
    await ana.send("/subscriptions")
    await ana.press(bot.t("sl", "announce-topic-courses"))
    slot = await course_slot(bot)
    co = bot.coordinator()
    locale = bot.services.settings.coordinator_language
    await write_and_send(bot, co, {"sl": "Nov tečaj slovenščine."})
    await co.press(
        bot.t(locale, "subscriptions-off", topic=bot.t(locale, "announce-topic-courses"))
    )
    await co.press(bot.t(locale, "announce-add-register"), exact=True)
    await co.press_data(f"ann:slot:{co_announcement(co)}:{slot.id}")
    await co.press(bot.t(locale, "announce-send"), exact=True)
    await announce_tick(bot.app)
    await deliver_due(bot.app)
    assert "Nov tečaj slovenščine." in ana.last_text()

    await ana.press(bot.t("sl", "announce-register"), exact=True)
    (booking,) = await rows(bot, Booking, slot_id=slot.id)
    assert booking.status == "pending"
    assert len(await events_of(bot, "announcement_registered")) == 1

    await ana.press(
        bot.t("sl", "announce-unsubscribe", topic=bot.t("sl", "announce-topic-courses"))
    )
    assert ana.last_text() == bot.t(
        "sl", "announce-unsubscribed", topic=bot.t("sl", "announce-topic-courses")
    )
    assert await rows(bot, Subscription) == []
    assert len(await events_of(bot, "unsubscribed")) == 1

    # The next announcement on that topic does not reach her.
    before = len(bot.api.sent("sendMessage", chat_id=ana.chat_id))
    await write_and_send(bot, co, {"sl": "Še en tečaj."})
    await co.press(
        bot.t(locale, "subscriptions-off", topic=bot.t(locale, "announce-topic-courses"))
    )
    await co.press(bot.t(locale, "announce-send"), exact=True)
    await announce_tick(bot.app)
    await deliver_due(bot.app)
    assert len(bot.api.sent("sendMessage", chat_id=ana.chat_id)) == before


def co_announcement(co: SimulatedUser) -> int:
    data: Any = co._latest_with_keyboard()["reply_markup"]["inline_keyboard"][0][0]
    return int(str(data["callback_data"]).split(":")[2])


async def test_stop_cancels_what_is_not_sent_and_the_summary_says_so(bot: BotHarness):
    await add_subscribers(bot, 3)
    co = bot.coordinator()
    locale = bot.services.settings.coordinator_language
    await write_and_send(bot, co, {"uk": "Текст.", "sr": "Текст.", "sl": "Besedilo."})
    await co.press(bot.t(locale, "subscriptions-off", topic=bot.t(locale, "announce-topic-events")))
    bot.api.fail_next("retry_after", chat_id=FIRST_ID + 1, retry_after=30)
    bot.api.fail_next("retry_after", chat_id=FIRST_ID + 2, retry_after=30)
    await co.press(bot.t(locale, "announce-send"), exact=True)
    assert [c.chat_id for c in announcement_calls(bot.api)] == [FIRST_ID]  # two wait for a retry

    await co.press(bot.t(locale, "announce-stop"), exact=True)
    bot.clock.advance(dt.timedelta(hours=1))
    await announce_tick(bot.app)
    await deliver_due(bot.app)
    assert [c.chat_id for c in announcement_calls(bot.api)] == [FIRST_ID], "nothing after Stop"
    summary = bot.t(locale, "announce-summary", sent=1, blocked=0, failed=0, cancelled=2)
    assert co.last_text() == summary


async def test_an_announcement_sent_at_night_waits_for_the_morning(bot: BotHarness):
    """News never wakes anyone: Send at night queues it for the morning and says so; the
    recipients get it at the start of waking hours, once."""
    await add_subscribers(bot, 3)
    co = bot.coordinator()
    locale = bot.services.settings.coordinator_language
    bot.clock.set(local(2026, 12, 1, 22, 40))
    await write_and_send(bot, co, {"uk": "Текст.", "sr": "Текст.", "sl": "Besedilo."})
    await co.press(bot.t(locale, "subscriptions-off", topic=bot.t(locale, "announce-topic-events")))
    calls = await co.press(bot.t(locale, "announce-send"), exact=True)
    morning = bot.services.desk.rules.day_starts
    first = local(2026, 12, 2, morning.hour, morning.minute)
    when = bot.services.translator.format_local_datetime(first, locale, bot.services.settings.tz)
    said = [c.text for c in calls if c.chat_id == co.chat_id]
    assert bot.t(locale, "announce-started-morning", when=when) in said
    await announce_tick(bot.app)
    await deliver_due(bot.app)
    assert announcement_calls(bot.api) == [], "nobody woken at night"

    bot.clock.set(first - dt.timedelta(minutes=1))
    await deliver_due(bot.app)
    assert announcement_calls(bot.api) == []
    bot.clock.set(first)
    await announce_tick(bot.app)
    await deliver_due(bot.app)
    await deliver_due(bot.app)
    assert sorted(c.chat_id for c in announcement_calls(bot.api)) == [
        FIRST_ID + n for n in range(3)
    ]
