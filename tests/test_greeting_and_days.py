"""Small things people feel: a greeting is greeted back with the menu (not "no answer"), and the
day buttons of booking read as each language writes a short date (CLDR's own pattern)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.config import Settings
from bot.handlers import callback_data as cd
from tests.booking_support import CONSULTATION, booking_settings
from tests.conftest import BotHarness

GREETINGS = [
    ("uk", "привіт"),
    ("uk", "Добрий день!"),
    ("uk", "добрый день"),  # Russian, typed by a Ukrainian speaker
    ("sr", "здраво"),
    ("sr", "Zdravo 👋"),
    ("sl", "dober dan"),
    ("sl", "Živjo, pozdravljeni"),
    ("en", "Hello!"),
    ("en", "hi there"),
]


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


@pytest.mark.parametrize(("locale", "text"), GREETINGS)
async def test_a_greeting_is_answered_with_a_greeting_and_the_menu(
    bot: BotHarness, locale: str, text: str
):
    user = bot.user(5100, language_code=locale)
    await user.send("/start")
    calls = await user.send(text)

    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert sent.text == bot.t(locale, "greeting-reply")
    assert sent.text != bot.t(locale, "search-nothing")
    content = bot.services.faq.content
    for topic in content.roots:
        assert content.translation(topic, locale).title in sent.button_texts()
    assert bot.t(locale, "menu-language-button") in sent.button_texts()


async def test_a_greeting_with_a_question_is_still_searched(bot: BotHarness):
    user = bot.user(5101, language_code="uk")
    calls = await user.send("Добрий день, як поміняти роботодавця і не втратити дозвіл")

    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert sent.text != bot.t("uk", "greeting-reply")
    assert cd.FaqOpen("job-change").encode() in [
        b["callback_data"] for row in sent.buttons for b in row
    ]


async def test_a_greeting_typed_as_the_asked_for_text_goes_to_that_feature(bot: BotHarness):
    """ "hello" typed after /ask is the question for the centre, not small talk."""
    user = bot.user(5102, language_code="en")
    await user.send("/ask")
    calls = await user.send("hello")

    assert not [c for c in calls if c.text == bot.t("en", "greeting-reply")]
    relayed = bot.api.sent("sendMessage", chat_id=bot.services.settings.coordinator_chat_id)
    assert relayed and "hello" in relayed[-1].text


# The harness clock: Tue 2026-12-01. The test services offer consultations on Tue and Thu.
DAY_LABELS = {
    "en": "Thu 3 Dec",
    "sl": "čet., 3. dec.",
    "uk": "чт, 3 груд.",
    "sr": "чет 3. дец",
    "sr-Latn": "čet 3. dec",
}


@pytest.mark.parametrize("locale", sorted(DAY_LABELS))
async def test_day_buttons_use_the_languages_own_short_date(bot: BotHarness, locale: str):
    code = "sr-Latn" if locale == "sr-Latn" else locale
    user = bot.user(5200, language_code=code)
    await user.send("/book")
    service = bot.services.catalog.get(CONSULTATION)
    assert service is not None
    await user.press(service.name(locale), exact=True)

    _, data = user.find_button(DAY_LABELS[locale], exact=True)
    assert data == cd.BookDay(CONSULTATION, dt.date(2026, 12, 3)).encode()
