"""Consent, asked once at the first need (booking, asking a person, the profile): Yes continues
where the person was going; No still leaves the FAQ and says how to reach the centre in person;
no button, old or forged, books without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from storage.models import EventKind
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    bookings_of,
    db_user,
    events_of,
    keyboard_data,
    local,
    slot_at,
)
from tests.conftest import BotHarness


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url, consent_in_bot=True)


async def test_yes_continues_to_booking_and_is_asked_once(bot: BotHarness):
    person = bot.user(9501, language_code="uk")
    calls = await person.send("/book")
    assert person.last_text() == bot.t("uk", "consent-question")
    assert "privacy:agree:book" in keyboard_data(person)
    assert not any(d.startswith("book:svc:") for d in keyboard_data(person))

    await person.press_data("privacy:agree:book")

    assert any(d.startswith("book:svc:") for d in keyboard_data(person)), calls
    assert (await db_user(bot, 9501)).consent_at == bot.clock.now()
    assert len(await events_of(bot, EventKind.CONSENT_GIVEN)) == 1
    await person.send("/book")
    assert person.last_text() != bot.t("uk", "consent-question")


async def test_no_leaves_the_faq_and_the_way_to_the_centre(bot: BotHarness):
    person = bot.user(9502, language_code="sl")
    await person.send("/book")
    await person.press_data("privacy:refuse")
    assert person.last_text() == bot.t("sl", "consent-refused")
    assert keyboard_data(person) == ["faq:open:contact"]
    assert (await db_user(bot, 9502)).consent_at is None
    # A forged confirmation books nothing: the question comes back.
    slot = await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16, 0))
    await person.press_data(f"book:ok:{slot.id}:-")
    assert await bookings_of(bot, 9502) == []
    assert person.last_text() == bot.t("sl", "consent-question")


async def test_the_region_needs_consent_too(bot: BotHarness):
    person = bot.user(9503, language_code="sr")
    await person.send("/privacy")
    await person.press_data("privacy:region:asia")
    assert person.last_text() == bot.t("sr", "consent-question")
    assert (await db_user(bot, 9503)).region is None
    await person.press_data("privacy:agree:region")
    assert person.last_text() == bot.t("sr", "privacy-region-question")
    await person.press_data("privacy:region:asia")
    assert (await db_user(bot, 9503)).region == "asia"
