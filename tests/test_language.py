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
    ("sl", "sl"),
    ("en", "en"),
    ("sl-SI", "sl"),  # a served language in a region is still that language, not a guess
]
# Languages we only guess: the welcome in the guess, then the picker at once.
GUESSED_CONTACT = [
    ("ru", "uk"),  # many Ukrainians and Moldovans keep their phones in Russian
    ("be", "uk"),
    ("hr", "sr-Latn"),
    ("de", "en"),  # not served: DEFAULT_LANGUAGE (en in the test settings)
    (None, "en"),
]


def language_name(bot: BotHarness, locale: str) -> str:
    return bot.services.translator.language_name(locale)


def in_sentence(bot: BotHarness, locale: str) -> str:
    return bot.services.translator.language_name(locale, in_sentence=True)


def welcome(bot: BotHarness, locale: str) -> str:
    return bot.t(locale, "start-welcome", language=in_sentence(bot, locale))


def first_welcome(bot: BotHarness, locale: str) -> str:
    """The welcome on first contact: with two lines on what is stored and why."""
    return welcome(bot, locale) + "\n\n" + bot.t(locale, "privacy-first-contact")


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
    assert sent[0].text == first_welcome(bot, locale)
    assert bot.t(locale, "menu-language-button") in sent[0].button_texts()
    if locale != "en":  # a missing translation would silently fall back to English
        assert sent[0].text != bot.t("en", "start-welcome", language=in_sentence(bot, locale))

    row = await stored_user(bot, user.user_id)
    assert (row.language, row.language_chosen) == (locale, False)


@pytest.mark.parametrize(("language_code", "locale"), GUESSED_CONTACT)
async def test_a_guessed_language_shows_the_picker_at_once(
    bot: BotHarness, language_code: str | None, locale: str
):
    user = bot.user(3110, language_code=language_code, first_name="Oksana")
    calls = await user.send("/start")

    sent = [c for c in calls if c.method == "sendMessage"]
    assert [c.text for c in sent] == [
        first_welcome(bot, locale),
        bot.t(locale, "language-guessed", language=in_sentence(bot, locale)),
    ]
    picker = sent[1].button_texts()
    assert "✓ " + language_name(bot, locale) in picker
    assert language_name(bot, "sl") in picker or locale == "sl"
    assert picker[-1] == bot.t(locale, "faq-back")

    # Choosing from it is remembered; the next /start has no picker.
    await user.press(language_name(bot, "sr"), exact=True)
    calls = await user.send("/start")
    assert [c.text for c in calls if c.method == "sendMessage"] == [welcome(bot, "sr")]
    row = await stored_user(bot, user.user_id)
    assert (row.language, row.language_chosen) == ("sr", True)


async def test_a_guessed_language_kept_with_back_shows_the_menu_and_no_picker_again(
    bot: BotHarness,
):
    user = bot.user(3111, language_code="ru")
    await user.send("/start")
    calls = await user.press(bot.t("uk", "faq-back"), exact=True)

    edits = [c for c in calls if c.method == "editMessageText"]
    assert [c.text for c in edits] == [bot.t("uk", "menu-title")]
    assert bot.t("uk", "menu-language-button") in edits[0].button_texts()
    calls = await user.send("/start")
    assert [c.text for c in calls if c.method == "sendMessage"] == [welcome(bot, "uk")]


async def test_a_deep_link_from_a_guessed_language_shows_the_answer_then_the_picker(
    bot: BotHarness,
):
    user = bot.user(3112, language_code="ru")
    calls = await user.send("/start faq-cv")

    sent = [c for c in calls if c.method == "sendMessage"]
    title = bot.services.faq.content.translation(bot.services.faq.content.topics["cv"], "uk").title
    assert title in sent[0].text
    assert sent[-1].text == bot.t("uk", "language-guessed", language=in_sentence(bot, "uk"))


# -- /language --------------------------------------------------------------------------------
async def test_language_command_shows_every_language_with_the_current_one_ticked(bot: BotHarness):
    user = bot.user(3200, language_code="uk")
    await user.send("/start")
    calls = await user.send("/language")

    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1
    assert sent[0].text == bot.t("uk", "language-choose")
    labels = sent[0].button_texts()
    assert sorted(label.removeprefix("✓ ") for label in labels[:-1]) == sorted(
        language_name(bot, locale) for locale in SUPPORTED_LANGUAGES
    )
    assert [label for label in labels if label.startswith("✓ ")] == [
        "✓ " + language_name(bot, "uk")
    ]
    assert labels[-1] == bot.t("uk", "faq-back")


async def test_back_on_the_picker_returns_to_the_menu_in_place(bot: BotHarness):
    user = bot.user(3202, language_code="sr")
    await user.send("/start")
    await user.press(bot.t("sr", "menu-language-button"), exact=True)
    calls = await user.press(bot.t("sr", "faq-back"), exact=True)

    edits = [c for c in calls if c.method == "editMessageText"]
    assert [c.text for c in edits] == [bot.t("sr", "menu-title")]
    assert not [c for c in calls if c.method == "sendMessage"]
    row = await stored_user(bot, user.user_id)
    assert (row.language, row.language_chosen) == ("sr", False)


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
    assert edits[0].text == bot.t(target, "language-set", language=in_sentence(bot, target))
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
