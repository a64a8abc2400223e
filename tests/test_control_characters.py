"""NUL and other control characters from people (issue #8, item 6).

PostgreSQL cannot store U+0000: before the fix a first name with a NUL made every later update of
that person fail with `invalid byte sequence for encoding "UTF8": 0x00`. Text is cleaned where it
enters (bot/text.py: clean_text), so on both databases the person keeps being answered and
nothing stored, relayed or searched carries a control character.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel

from bot.config import Settings
from bot.text import clean_text
from storage.models import Booking
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    coordinator_posts,
    db_user,
    local,
    one,
    press_offered,
    slot_at,
)
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


async def stored_strings(bot: BotHarness) -> list[str]:
    import storage.models  # noqa: F401  (every table registered)

    found: list[str] = []
    async with bot.services.db.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in (await connection.execute(sa_select(table))).all():
                found += [value for value in row if isinstance(value, str)]
    return found


def test_clean_text_keeps_letters_newlines_and_tabs():
    assert clean_text("A\x00na\x07\x1b[31m\x7f\x85") == "Ana[31m"
    assert clean_text("line one\r\nline\ttwo\rthree") == "line one\nline\ttwo\nthree"
    assert clean_text("c\u030c") == "\u010d", "NFC: č typed as c + combining caron is one letter"
    assert clean_text("bad \ud800 surrogate") == "bad  surrogate"
    assert clean_text(None) == ""


async def test_a_name_and_a_note_with_nul_do_not_break_the_person(bot: BotHarness):
    error = bot.t("en", "common-error")
    person = bot.user(8201, language_code="en", first_name="A\x00na\x07")

    calls = await person.send("/start")
    assert calls and error not in [c.text for c in calls]
    assert (await db_user(bot, 8201)).display_name == "Ana"

    # A booking with a note full of control characters.
    slot = await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16, 0))
    await person.send("/book")
    await person.press_data(f"book:slot:{slot.id}")
    await person.send("need\x00 help\x07 with\x1b the\x9b form")
    assert "need help with the form" in person.last_text()
    await press_offered(person, f"book:ip:{slot.id}:-:-")  # no interpreter
    await press_offered(person, f"book:ok:{slot.id}:-")
    booking = await one(bot, Booking, slot_id=slot.id)
    assert booking.note == "need help with the form"
    assert "need help with the form" in coordinator_posts(bot)[-1].text

    # Later updates of the same person still work: a typed search, a question to a person.
    calls = await person.send("residence\x00 permit")
    assert calls and error not in [c.text for c in calls]
    await person.send("/ask")
    calls = await person.send("when\x00 is\x07 the office open?")
    (relayed,) = [c for c in calls if c.chat_id == COORDINATOR_CHAT_ID]
    assert "when is the office open?" in relayed.text
    assert [c.text for c in calls if c.chat_id == person.chat_id] == [bot.t("en", "ask-sent")]
    calls = await person.send("/mybookings")
    assert calls and error not in [c.text for c in calls]

    # The same person with an unchanged hostile name on every update, and nothing stored with
    # a control character anywhere.
    assert (await db_user(bot, 8201)).display_name == "Ana"
    for value in await stored_strings(bot):
        assert not CONTROL.search(value), repr(value)
    for call in bot.api.calls:
        assert not CONTROL.search(call.text.replace("\n", "")), repr(call.text)
