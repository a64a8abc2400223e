"""Long text from people is never swallowed (issue #8, item 3).

Fluent refuses a placeable over 2,500 characters and answers "{???}" for the whole message; an
HTML-escaped 4,096-character text full of "&" is 20,480 characters. In every locale (the
person's and the coordinators'): a question relayed to the coordinator chat, the coordinator's
reply relayed back, and a booking note shown to the coordinators arrive whole, escaped, split
into messages Telegram accepts (the stand-in refuses texts over 4,096 characters, as Telegram
does).
"""

from __future__ import annotations

import logging
import re
from html import escape, unescape
from pathlib import Path

import hypothesis
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.botapi.standin import TEXT_LIMIT, Call, _refused_length, visible_length
from bot.config import Settings
from bot.i18n import Translator
from storage.models import Booking, Relay
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    coordinator_posts,
    local,
    one,
    press_offered,
    rows,
    says,
    slot_at,
)
from tests.conftest import COORDINATOR_CHAT_ID, REPO, BotHarness, start_harness

# Telegram language codes that give each served locale (hr → Serbian Latin).
LANGUAGE_CODES = {"en": "en", "sl": "sl", "uk": "uk", "sr": "sr", "sr-Latn": "hr"}
NAME = "O'Neil & <Sons>"


def hostile(length: int = TEXT_LIMIT, seed: str = "Q") -> str:
    """The longest text Telegram accepts, full of what HTML and Fluent could choke on."""
    pattern = f"{seed}: don't & <b>won't</b> &amp; 'x' << && ' {{ $text }} "
    return (pattern * (length // len(pattern) + 1))[:length]


def shown_text(calls: list[Call]) -> str:
    """What a person reads across the parts: tags removed, entities decoded, parts joined."""
    return "".join(unescape(re.sub(r"<[^>]*>", "", c.text)) for c in calls)


def assert_deliverable(calls: list[Call]) -> None:
    assert calls
    for call in calls:
        assert "{???}" not in call.text
        assert 0 < visible_length(call.text, call.params.get("parse_mode")) <= TEXT_LIMIT
        assert len(call.text) <= TEXT_LIMIT, "even counted as HTML, every part fits"


@pytest.fixture(params=sorted(LANGUAGE_CODES))
def locale(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def settings(tmp_path: Path, database_url: str, locale: str) -> Settings:
    return booking_settings(tmp_path, database_url, coordinator_language=locale)


@pytest.fixture
async def bot(settings: Settings):
    harness, context = await start_harness(settings)
    async with context:
        yield harness


async def test_longest_question_and_reply_arrive_whole(
    bot: BotHarness, locale: str, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.WARNING, logger="bot.i18n")
    migrant = bot.user(8101, language_code=LANGUAGE_CODES[locale], first_name=NAME)
    question, answer = hostile(seed="Q"), hostile(seed="A")
    await migrant.send("/start")
    await migrant.press(bot.t(locale, "search-ask-person"), exact=True)

    calls = await migrant.send(question)

    assert [c.text for c in calls if c.chat_id == migrant.chat_id] == [bot.t(locale, "ask-sent")]
    posts = [c for c in calls if c.chat_id == COORDINATOR_CHAT_ID]
    assert_deliverable(posts)
    relayed = shown_text(posts)
    assert question in relayed and NAME in relayed
    whole = "\n\n".join(c.text for c in posts)
    assert says(whole, bot, locale, "co-question", name="", language="", text="")
    assert len(await rows(bot, Relay)) == len(posts), "a reply to any part finds the person"

    # The coordinator replies to a middle part: the whole answer reaches the person.
    middle = posts[len(posts) // 2].message_id
    calls = await bot.coordinator(in_group=True).send(answer, reply_to=middle)

    replies = [c for c in calls if c.chat_id == migrant.chat_id]
    assert_deliverable(replies)
    assert answer in shown_text(replies)
    assert [c.button_texts() for c in replies][-1] == [bot.t(locale, "ask-write-back")]
    assert all(not c.buttons for c in replies[:-1])
    assert not [r for r in caplog.records if r.name == "bot.i18n"], "Fluent reported no error"


async def test_longest_booking_note_reaches_the_coordinators(bot: BotHarness, locale: str):
    migrant = bot.user(8102, language_code=LANGUAGE_CODES[locale], first_name=NAME)
    start = local(2026, 12, 3, 16, 0)
    slot = await slot_at(bot, CONSULTATION, start)
    await migrant.send("/book")
    await migrant.press_data(f"book:slot:{slot.id}")
    note = hostile(seed="N")

    await migrant.send(note)
    shown = migrant.last_text()  # the note as kept, and why, above the interpreter question
    await press_offered(migrant, f"book:ip:{slot.id}:-:-")
    confirm = migrant.last_text()
    await press_offered(migrant, f"book:ok:{slot.id}:-")

    # A note is short by design (300 characters): cut after a whole word, the person sees
    # exactly what is kept and is told why.
    booking = await one(bot, Booking, slot_id=slot.id)
    assert booking.note and len(booking.note) <= 300 and booking.note.endswith("…")
    assert note.startswith(booking.note.removesuffix("…"))
    assert booking.note in unescape(shown) and booking.note in unescape(confirm)
    assert bot.t(locale, "booking-note-shortened", limit=300) in unescape(shown)
    (post,) = coordinator_posts(bot)
    assert_deliverable([post])
    assert booking.note in unescape(post.text) and NAME in unescape(post.text)


def test_a_long_argument_never_becomes_question_marks(caplog: pytest.LogCaptureFixture):
    """Straight at the translator: 20,480 escaped characters in one placeable, every locale."""
    translator = Translator.from_dir(REPO / "locales")
    text = escape(hostile(), quote=False)
    for locale in LANGUAGE_CODES:
        shown = translator.t(locale, "ask-answer", text=text)
        assert text in shown and "{???}" not in shown
    caplog.set_level(logging.WARNING, logger="bot.i18n")
    translator.t("en", "ask-answer")  # a missing argument: Fluent reports an error
    (record,) = [r for r in caplog.records if r.name == "bot.i18n"]
    assert "ask-answer" in record.getMessage() and "FluentReferenceError" in record.getMessage()


@hypothesis.settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&;/ \n\tč")), max_size=40)
    | st.builds(lambda n, c: c * n, st.integers(4090, 4100), st.sampled_from(["a", "<b>", "&"])),
    parse_mode=st.sampled_from([None, "HTML"]),
)
def test_the_stand_ins_quick_length_check_says_what_measuring_says(
    text: str, parse_mode: str | None
) -> None:
    """The stand-in skips measuring a short text that starts with a visible character: it
    refuses exactly the texts that measuring would (empty, or over Telegram's limit)."""
    length = visible_length(text, parse_mode)
    measured = None if 0 < length <= TEXT_LIMIT else ("empty" if length == 0 else "long")
    refused = _refused_length(text, parse_mode)
    assert (refused is None) == (measured is None)
    if refused is not None:
        assert ("empty" in refused) == (measured == "empty")
