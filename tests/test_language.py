"""Languages at the Telegram boundary: first contact, /language, the stored choice, restarts."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlmodel import select

from bot.app import COMMANDS, build_application, build_services
from bot.botapi.standin import StandinBotApi
from bot.clock import ManualClock
from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.runtime import running
from storage.models import User
from tests.conftest import START_TIME, BotHarness, start_harness

# Telegram's language_code of a new user → the locale they should be greeted in.
FIRST_CONTACT = [
    ("uk", "uk"),
    ("sr", "sr"),
    ("hr", "sr-Latn"),
    ("sl", "sl"),
    ("en", "en"),
    ("ru", "en"),  # not served: DEFAULT_LANGUAGE (en in the test settings)
]


def language_name(bot: BotHarness, locale: str) -> str:
    return bot.services.translator.language_name(locale)


def welcome(bot: BotHarness, locale: str) -> str:
    return bot.t(locale, "start-welcome", language=language_name(bot, locale))


async def stored_user(bot: BotHarness, telegram_id: int) -> User:
    async with bot.services.db.session() as session:
        user = (await session.exec(select(User).where(User.telegram_id == telegram_id))).one()
    return user


@asynccontextmanager
async def restarted(settings: Settings) -> AsyncIterator[BotHarness]:
    """A new Application on the same database, without emptying it.

    (conftest.start_harness truncates every table on PostgreSQL, which would hide a lost choice.)
    """
    api = StandinBotApi()
    services = build_services(settings, clock=ManualClock(START_TIME))
    app = build_application(settings, request=api, services=services, rate_limit=False)
    async with running(app):
        yield BotHarness(app, api, services, services.clock)  # type: ignore[arg-type]


# -- first contact ----------------------------------------------------------------------------
@pytest.mark.parametrize(("language_code", "locale"), FIRST_CONTACT)
async def test_new_user_is_welcomed_in_the_negotiated_language(
    bot: BotHarness, language_code: str, locale: str
):
    user = bot.user(3100, language_code=language_code, first_name="Oksana")
    calls = await user.send("/start")

    sent = [c for c in calls if c.method == "sendMessage"]
    assert [c.chat_id for c in sent] == [user.chat_id]
    assert sent[0].text == welcome(bot, locale)
    assert bot.t(locale, "menu-language-button") in sent[0].button_texts()
    if locale != "en":  # a missing translation would silently fall back to English
        assert sent[0].text != bot.t("en", "start-welcome", language=language_name(bot, locale))

    row = await stored_user(bot, user.user_id)
    assert (row.language, row.language_chosen) == (locale, False)


# -- /language --------------------------------------------------------------------------------
async def test_language_command_shows_every_language_with_the_current_one_ticked(bot: BotHarness):
    user = bot.user(3200, language_code="uk")
    await user.send("/start")
    calls = await user.send("/language")

    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1
    assert sent[0].text == bot.t("uk", "language-choose")
    labels = sent[0].button_texts()
    assert sorted(label.removeprefix("✓ ") for label in labels) == sorted(
        language_name(bot, locale) for locale in SUPPORTED_LANGUAGES
    )
    assert [label for label in labels if label.startswith("✓ ")] == [
        "✓ " + language_name(bot, "uk")
    ]


async def test_language_button_in_the_menu_opens_the_picker_in_place(bot: BotHarness):
    user = bot.user(3201, language_code="sl")
    await user.send("/start")
    calls = await user.press(bot.t("sl", "menu-language-button"), exact=True)

    edits = [c for c in calls if c.method == "editMessageText"]
    assert [c.text for c in edits] == [bot.t("sl", "language-choose")]
    assert language_name(bot, "uk") in edits[0].button_texts()


@pytest.mark.parametrize("target", SUPPORTED_LANGUAGES)
async def test_choosing_a_language_answers_and_keeps_writing_in_it(bot: BotHarness, target: str):
    start_code = "uk" if target == "en" else "en"
    user = bot.user(3300, language_code=start_code)
    await user.send("/language")

    calls = await user.press(language_name(bot, target), exact=True)
    edits = [c for c in calls if c.method == "editMessageText"]
    assert len(edits) == 1, "the picker message is edited in place"
    assert edits[0].text == bot.t(target, "language-set", language=language_name(bot, target))
    assert bot.t(target, "menu-language-button") in edits[0].button_texts()

    # Later answers stay in the chosen language, whatever the Telegram app says.
    calls = await user.send("/help")
    assert [c.text for c in calls if c.method == "sendMessage"] == [bot.t(target, "help-text")]
    user.language_code = "sl" if target != "sl" else "uk"
    calls = await user.send("/start")
    assert [c.text for c in calls if c.method == "sendMessage"] == [welcome(bot, target)]

    row = await stored_user(bot, user.user_id)
    assert (row.language, row.language_chosen) == (target, True)


async def test_forged_language_button_changes_nothing(bot: BotHarness):
    user = bot.user(3301, language_code="uk")
    await user.send("/language")
    calls = await user.press_data("lang:set:de")

    texts = [c.text for c in calls if c.method in ("editMessageText", "sendMessage")]
    assert texts == [bot.t("uk", "language-choose")]
    row = await stored_user(bot, user.user_id)
    assert (row.language, row.language_chosen) == ("uk", False)


async def test_chosen_language_survives_a_restart(settings: Settings):
    first, context = await start_harness(settings)
    async with context:
        user = first.user(3400, language_code="en")
        await user.send("/language")
        await user.press(language_name(first, "sl"), exact=True)

    async with restarted(settings) as second:
        user = second.user(3400, language_code="en")
        calls = await user.send("/start")
        assert [c.text for c in calls if c.method == "sendMessage"] == [welcome(second, "sl")]
        row = await stored_user(second, 3400)
        assert (row.language, row.language_chosen) == ("sl", True)


# -- the command menu ---------------------------------------------------------------------------
async def test_command_menu_is_published_in_every_language(bot: BotHarness):
    published: dict[str | None, list[dict[str, str]]] = {}
    for call in bot.api.sent("setMyCommands"):
        commands = call.params["commands"]
        published[call.params.get("language_code")] = (
            json.loads(commands) if isinstance(commands, str) else commands
        )

    def expected(locale: str) -> list[dict[str, str]]:
        return [{"command": c, "description": bot.t(locale, f"command-{c}")} for c in COMMANDS]

    # Telegram knows no "sr-Latn": Croatian and Bosnian apps get the Serbian Latin descriptions.
    codes = {
        "uk": "uk",
        "sr": "sr",
        "sl": "sl",
        "en": "en",
        "hr": "sr-Latn",
        "bs": "sr-Latn",
        None: "en",
    }
    assert {code: published.get(code) for code in codes} == {
        code: expected(locale) for code, locale in codes.items()
    }
