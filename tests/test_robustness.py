"""Hostile input, a failing Bot API, blocked users and broken replies: the bot keeps answering,
apologises in the person's language, and the interaction log holds no message text or Telegram id.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel, select

from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call
from bot.config import Settings
from bot.handlers import callback_data as cd
from storage.models import Event, User
from tests.conftest import BotHarness, start_harness


# -- helpers ----------------------------------------------------------------------------------
def normal_answers(bot: BotHarness, locale: str) -> set[str]:
    """What the bot says to anything a person types or sends: the menu, a search answer, or the
    answer to a command."""
    name = bot.services.translator.language_name(locale)
    return {
        bot.t(locale, "menu-title"),
        bot.t(locale, "search-nothing"),
        bot.t(locale, "start-welcome", language=name),
        bot.t(locale, "help-text"),
        bot.t(locale, "language-choose"),
        *(bot.t(locale, "search-results", count=n) for n in range(1, 20)),
    }


def messages_to(calls: list[Call], chat_id: int) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.chat_id == chat_id]


def visible_texts(calls: list[Call]) -> list[str]:
    return [c.text for c in calls if c.method in ("sendMessage", "editMessageText")]


async def stored_user(bot: BotHarness, telegram_id: int) -> User:
    async with bot.services.db.session() as session:
        return (await session.exec(select(User).where(User.telegram_id == telegram_id))).one()


def media_payload(user: SimulatedUser, **media: Any) -> dict[str, Any]:
    payload = user.message_payload("placeholder")
    del payload["message"]["text"]
    payload["message"].update(media)
    return payload


# -- hostile text -----------------------------------------------------------------------------
HOSTILE_TEXTS = {
    "html": "<b>x</b><script>alert(1)</script>&amp; <a href='javascript:x'>y</a>",
    "rtl-marks": "\u202e\u200fpermit\u202c",
    "nul-bytes": "a\x00b",
    "emoji": "🙂🇺🇦🇷🇸👩‍👩‍👧‍👦 ❤️‍🔥",
    "long": "permit " * 571 + "abc",  # 4000 characters
    "whitespace": " \t \n ",
    "zero-width": "\u200b\u200c\u200d\ufeff",
    "format-chars": "%s %(name)s {0} {$language} { -brand }",
    "slash-only": "/",
    "unknown-command": "/definitely_not_a_command@arrival_desk_bot extra",
}


@pytest.mark.parametrize("text", HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS.keys())
async def test_hostile_text_gets_a_normal_answer(bot: BotHarness, text: str):
    assert len(HOSTILE_TEXTS["long"]) == 4000
    user = bot.user(4100, language_code="uk")
    calls = await user.send(text)

    sent = messages_to(calls, user.chat_id)
    assert len(sent) == 1
    assert sent[0].text in normal_answers(bot, "uk")
    assert sent[0].buttons, "the person always gets buttons to go on with"
    assert bot.t("uk", "common-error") not in visible_texts(calls)


@pytest.mark.parametrize(
    "media",
    [
        {"photo": [{"file_id": "ph1", "file_unique_id": "u1", "width": 90, "height": 90}]},
        {
            "photo": [{"file_id": "ph2", "file_unique_id": "u2", "width": 90, "height": 90}],
            "caption": "",
        },
        {
            "sticker": {
                "file_id": "st1",
                "file_unique_id": "u3",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"location": {"latitude": 46.05, "longitude": 14.5}},
    ],
    ids=["photo", "photo-empty-caption", "sticker", "location"],
)
async def test_non_text_message_gets_the_menu(bot: BotHarness, media: dict[str, Any]):
    user = bot.user(4101, language_code="sl")
    calls = await user.feed(media_payload(user, **media))

    sent = messages_to(calls, user.chat_id)
    assert [c.text for c in sent] == [bot.t("sl", "menu-title")]
    assert bot.t("sl", "menu-language-button") in sent[0].button_texts()


_example_user_ids = itertools.count(500_000)


@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
async def test_any_text_gets_an_answer_and_never_the_apology(
    bot: BotHarness, caplog: pytest.LogCaptureFixture, text: str
):
    user = bot.user(next(_example_user_ids), language_code="en")
    with caplog.at_level(logging.ERROR):
        calls = await user.send(text)

    assert len(messages_to(calls, user.chat_id)) >= 1
    assert bot.t("en", "common-error") not in visible_texts(calls)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


# -- every button answers ---------------------------------------------------------------------
async def test_every_button_after_a_search_miss_gets_an_answer(bot: BotHarness):
    user = bot.user(4150, language_code="en")
    calls = await user.send("qwxz zzkq")
    assert [c.text for c in messages_to(calls, user.chat_id)] == [bot.t("en", "search-nothing")]
    buttons = [b for row in messages_to(calls, user.chat_id)[0].buttons for b in row]

    silent = []
    for button in buttons:
        await user.send("qwxz zzkq")  # a fresh keyboard each time
        pressed = await user.press_data(button["callback_data"])
        answered = any(c.method == "answerCallbackQuery" for c in pressed)
        if not answered or not visible_texts(pressed):
            silent.append(button["text"])
    assert silent == [], "buttons that leave the person waiting"


# -- the Bot API failing ----------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["bad_request", "network", "retry_after", "forbidden"])
async def test_failing_set_my_commands_does_not_stop_start_up(settings: Settings, kind: str):
    harness, context = await start_harness(settings)
    harness.api.fail_next(kind, method="setMyCommands")
    async with context:
        user = harness.user(4200, language_code="en")
        calls = await user.send("/start")
        name = harness.services.translator.language_name("en")
        assert [c.text for c in messages_to(calls, user.chat_id)] == [
            harness.t("en", "start-welcome", language=name)
            + "\n\n"
            + harness.t("en", "privacy-first-contact")
        ]


async def test_blocked_user_is_marked_inactive_then_active_when_they_write_again(bot: BotHarness):
    user = bot.user(4300, language_code="sr")
    await user.send("/start")
    assert (await stored_user(bot, user.user_id)).active is True

    bot.api.blocked_chats.add(user.chat_id)
    calls = await user.send("/help")  # must not raise
    assert messages_to(calls, user.chat_id) == []
    assert (await stored_user(bot, user.user_id)).active is False

    bot.api.blocked_chats.discard(user.chat_id)
    calls = await user.send("/help")
    assert [c.text for c in messages_to(calls, user.chat_id)] == [bot.t("sr", "help-text")]
    assert (await stored_user(bot, user.user_id)).active is True


async def test_failed_reply_is_followed_by_an_apology_in_the_users_language(bot: BotHarness):
    user = bot.user(4400, language_code="uk")
    await user.send("/start")
    bot.api.fail_next("network", method="sendMessage")

    calls = await user.send("/help")

    assert [c.text for c in messages_to(calls, user.chat_id)] == [bot.t("uk", "common-error")]
    assert bot.t("uk", "common-error") != bot.t("en", "common-error")


async def test_apology_that_fails_too_is_given_up_quietly(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
):
    user = bot.user(4401, language_code="sl")
    await user.send("/start")
    bot.api.fail_next("network", method="sendMessage", times=2)

    with caplog.at_level(logging.WARNING, logger="bot.errors"):
        calls = await user.send("/help")

    assert messages_to(calls, user.chat_id) == []
    assert any("apology" in r.getMessage() for r in caplog.records)
    # The next message is answered normally.
    calls = await user.send("/help")
    assert [c.text for c in messages_to(calls, user.chat_id)] == [bot.t("sl", "help-text")]


async def test_refused_edit_falls_back_to_a_new_message(bot: BotHarness):
    user = bot.user(4402, language_code="sl")
    await user.send("/start")
    content = bot.services.faq.content
    topic = content.roots[0]
    title = content.translation(topic, "sl").title
    bot.api.fail_next("bad_request", method="editMessageText")

    calls = await user.press(title, exact=True)

    sent = messages_to(calls, user.chat_id)
    assert len(sent) == 1 and sent[0].text.startswith(f"<b>{title}</b>")
    assert bot.t("sl", "faq-home") in sent[0].button_texts()
    assert bot.t("sl", "common-error") not in visible_texts(calls)


# -- the interaction log --------------------------------------------------------------------
async def test_interaction_log_holds_no_message_text_and_no_telegram_id(bot: BotHarness):
    secret = "Zorana passport QX7741 lives at Ulica 12"
    user = bot.user(987654321, language_code="sr", first_name="Zorana")
    await user.send("/start")
    await user.send(secret)
    await user.send("dozvola za boravak")
    await user.press_data(cd.FaqOpen(bot.services.faq.content.roots[0].id).encode())

    async with bot.services.db.session() as session:
        events = (await session.exec(select(Event))).all()
        row = (await session.exec(select(User).where(User.telegram_id == user.user_id))).one()
        dump = []
        for table in SQLModel.metadata.sorted_tables:
            dump += [
                str(value) for r in (await session.exec(sa_select(table))).all() for value in r
            ]

    assert len(events) >= 4
    assert {e.user_key for e in events} == {row.user_key}
    assert str(user.user_id) not in row.user_key
    for event in events:
        values = [str(v) for v in event.model_dump().values()]
        assert str(user.user_id) not in values
        assert not any(word in value for value in values for word in ("QX7741", "Ulica", "dozvola"))
    assert not any("QX7741" in value for value in dump), "the typed text is stored somewhere"
