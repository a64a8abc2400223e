"""Questions without an answer, kept for staff: masked, without a user key, grouped for /gaps and
`arrival-desk faq gaps`, purged after 30 days once a day across instances."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.botapi.simulator import SimulatedUser
from bot.cli import main as cli_main
from bot.faq.gaps import MAX_GAP_CHARS, group_gaps, mask
from bot.handlers.gaps import purge_job
from storage.models import SearchGap
from tests.conftest import COORDINATOR_ID, BotHarness

UNANSWERED = "tell me a funny joke, 12 times! +386 41 123 456 ivan.k@gmail.com"


async def gap_rows(bot: BotHarness) -> list[SearchGap]:
    async with bot.services.db.session() as session:
        return list((await session.exec(select(SearchGap).order_by(SearchGap.id))).all())  # type: ignore[arg-type]


def sent_to(user: SimulatedUser, calls: list) -> list[str]:
    return [c.text for c in calls if c.method == "sendMessage" and c.chat_id == user.chat_id]


# -- masking (pure) ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("call 041 123 456", "call [phone]"),
        ("+386 (1) 234-5678 please", "[phone] please"),
        ("mail ana.b+x@gmail.com now", "mail [email] now"),
        ("room 12, EMŠO 0101990500123", "room ##, EMŠO [phone]"),
        ("see https://x.si/a?b=1 ok", "see [link] ok"),
        ("line\x00one\nline\ttwo\u200b", "line one line two"),
    ],
)
def test_mask_hides_digits_emails_phones_and_control_characters(typed: str, kept: str):
    assert mask(typed) == kept


def test_mask_caps_the_length():
    assert len(mask("word " * 500)) == MAX_GAP_CHARS


def test_groups_share_main_words_and_language_most_frequent_first():
    groups = group_gaps(
        [
            ("en", "what is the weather tomorrow"),
            ("en", "weather in Postojna tomorrow"),
            ("en", "tomorrow weather please"),
            ("uk", "яка погода завтра"),
            ("uk", "яка погода в неділю"),
            ("en", "recipe for pancakes"),
        ]
    )
    first = groups[0]
    assert (first.language, first.count) == ("en", 3)
    assert "weather" in first.words and "tomorrow" in first.words
    ukrainian = next(g for g in groups if g.language == "uk")
    assert ukrainian.count == 2 and "погода" not in ukrainian.words  # folded: pogoda
    assert "pogoda" in ukrainian.words
    assert [g.count for g in groups] == sorted((g.count for g in groups), reverse=True)


# -- at the Telegram boundary -----------------------------------------------------------------
async def test_an_unanswered_question_is_kept_masked_and_without_any_user_key(bot: BotHarness):
    user = bot.user(4100, language_code="en")
    answered = bot.user(4101, language_code="en")
    texts = sent_to(user, await user.send(UNANSWERED))
    assert texts == [bot.t("en", "search-nothing")]
    await answered.send("how do I get health insurance")

    rows = await gap_rows(bot)
    assert len(rows) == 1, "only the question without an answer is kept"
    row = rows[0]
    assert row.language == "en"
    assert row.text == "tell me a funny joke, ## times! [phone] [email]"
    assert set(row.model_dump()) == {"id", "asked_at", "language", "text"}, "no user key column"
    assert row.asked_at == bot.clock.now()


async def test_greetings_and_junk_without_words_are_not_kept(bot: BotHarness):
    user = bot.user(4105, language_code="uk")
    for text in ("привіт", "ok", "дякую", "???", "12345"):
        await user.send(text)
    assert await gap_rows(bot) == []


async def test_a_miss_shows_ask_a_person_once(bot: BotHarness):
    user = bot.user(4110, language_code="uk")
    calls = await user.send("яка завтра погода в Любляні")
    reply = next(c for c in calls if c.method == "sendMessage" and c.chat_id == user.chat_id)
    assert reply.text == bot.t("uk", "search-nothing")
    assert reply.button_texts().count(bot.t("uk", "search-ask-person")) == 1


async def test_coordinator_sees_gaps_grouped_by_main_words_and_language(bot: BotHarness):
    for index, text in enumerate(
        ["what's the weather tomorrow", "weather tomorrow in Koper", "tell me a joke"]
    ):
        await bot.user(4200 + index, language_code="en").send(text)
    await bot.user(4210, language_code="uk").send("розкажи анекдот")

    coordinator = bot.coordinator()
    [text] = sent_to(coordinator, await coordinator.send("/gaps"))
    locale = bot.services.settings.coordinator_language
    assert text.startswith(bot.t(locale, "search-gaps-title", days=30))
    lines = text.splitlines()
    weather = next(i for i, line in enumerate(lines) if "weather" in line)
    assert lines[weather].startswith("2 ×") and "(en)" in lines[weather]
    assert any(line.startswith("1 ×") and "(uk)" in line for line in lines)
    joke = next(i for i, line in enumerate(lines) if "joke" in line and "×" in line)
    assert weather < joke, "most frequent first"

    in_group = bot.coordinator(in_group=True)
    assert sent_to(in_group, await in_group.send("/gaps")), "the coordinator chat gets it too"


async def test_gaps_are_not_for_anyone_else(bot: BotHarness):
    await bot.user(4300, language_code="en").send("tell me a joke")
    stranger = bot.user(4301, language_code="en")
    assert sent_to(stranger, await stranger.send("/gaps")) == []
    # A coordinator in some other group chat: the questions stay in the coordinators' chats.
    elsewhere = SimulatedUser(bot.app, bot.api, COORDINATOR_ID, language_code="sl", chat_id=-777)
    assert sent_to(elsewhere, await elsewhere.send("/gaps")) == []


async def test_gaps_older_than_30_days_are_purged_once_a_day(bot: BotHarness):
    await bot.user(4400, language_code="en").send("tell me a joke")
    bot.clock.advance(timedelta(days=20))
    await bot.user(4401, language_code="en").send("recipe for pancakes")
    bot.clock.advance(timedelta(days=11))  # the first is now 31 days old, the second 11

    assert await purge_job(bot.app) == 1
    assert [row.text for row in await gap_rows(bot)] == ["recipe for pancakes"]
    assert await purge_job(bot.app) is None, "once a day, across instances"
    bot.clock.advance(timedelta(days=20))
    assert await purge_job(bot.app) == 1
    assert await gap_rows(bot) == []


async def test_cli_lists_the_gaps(bot: BotHarness, monkeypatch, capsys):
    await bot.user(4500, language_code="en").send("tell me a joke")
    await bot.user(4501, language_code="en").send("a joke please")
    settings = bot.services.settings
    monkeypatch.setenv("DATABASE_URL", settings.effective_database_url)
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    # The CLI runs its own event loop, as it does from a shell.
    assert await asyncio.to_thread(cli_main, ["faq", "gaps", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["count"] == 2 and listed[0]["language"] == "en"
    assert "joke" in listed[0]["words"]
    assert await asyncio.to_thread(cli_main, ["faq", "gaps"]) == 0
    assert "2 × joke (en)" in capsys.readouterr().out
