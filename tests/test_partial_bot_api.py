"""A Bot API server that lacks or refuses some methods (emulators, self-hosted servers) must not
cost a person their answer or their booking."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    bookings_of,
    local,
    quick_book,
    slot_at,
)
from tests.conftest import BotHarness


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


def texts(calls) -> list[str]:
    return [c.text for c in calls if c.method in ("sendMessage", "editMessageText")]


async def test_a_failing_callback_answer_still_shows_the_topic(bot: BotHarness):
    user = bot.user(5101, language_code="sl")
    await user.send("/start")
    bot.api.fail_next("network", method="answerCallbackQuery")
    calls = await user.press_data("faq:open:residence-permit")
    title = bot.services.faq.content.translation(
        bot.services.faq.content.topics["residence-permit"], "sl"
    ).title
    assert any(title in text for text in texts(calls))
    assert bot.t("sl", "common-error") not in texts(calls)


async def test_a_refused_edit_sends_the_answer_as_a_new_message(bot: BotHarness):
    user = bot.user(5102, language_code="uk")
    await user.send("/start")
    bot.api.fail_next("bad_request", method="editMessageText")
    calls = await user.press_data("faq:open:cv")
    sent = [c for c in calls if c.method == "sendMessage"]
    title = bot.services.faq.content.translation(bot.services.faq.content.topics["cv"], "uk").title
    assert len(sent) == 1 and title in sent[0].text


async def test_a_failing_calendar_file_does_not_undo_or_spoil_the_booking(bot: BotHarness):
    user = bot.user(5103, language_code="uk")
    slot = await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16))
    bot.api.fail_next("network", method="sendDocument")
    calls = await quick_book(user, slot.id)
    assert [b.status for b in await bookings_of(bot, 5103)] == ["pending"]
    assert bot.t("uk", "common-error") not in texts(calls)
    assert not bot.api.sent("sendDocument", chat_id=5103)


async def test_an_edit_answered_with_null_counts_as_done(bot: BotHarness):
    """Some emulators answer editMessageText with `result: null`: no apology, no second copy."""
    user = bot.user(5104, language_code="sr")
    await user.send("/start")
    bot.api.fail_next("null_result", method="editMessageText")
    calls = await user.press_data("faq:open:marriage")
    assert bot.t("sr", "common-error") not in texts(calls)
    assert not [c for c in calls if c.method == "sendMessage"]
