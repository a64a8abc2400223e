"""Ask a person: a migrant's question goes to the coordinator chat with their language; a
coordinator's reply to that post comes back in the migrant's language with "Write back"; the
migrant's reply continues the thread. Only coordinators answer; no table keeps the text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel

from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call
from bot.config import Settings
from storage.models import Relay
from tests.booking_support import (
    booking_settings,
    coordinator_posts,
    data_of,
    db_user,
    events_of,
    rows,
    says,
)
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness

QUESTION = "Як продовжити дозвіл на проживання, якщо я змінив роботу?"
ANSWER = "Prinesite potni list in pogodbo o zaposlitvi v torek."
FOLLOW_UP = "Дякую! А чи потрібен переклад договору?"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


# -- local helpers ----------------------------------------------------------------------------
def message_id_in(bot: BotHarness, chat_id: int, call: Call) -> int:
    """The id the stand-in gave a message it sent (matched by chat and text)."""
    (message_id,) = [
        mid
        for (chat, mid), message in bot.api.messages.items()
        if chat == chat_id and message.get("text") == call.text
    ]
    return message_id


async def ask(bot: BotHarness, migrant: SimulatedUser, question: str = QUESTION) -> int:
    """Menu → "Ask a person" → type the question; returns the coordinator post's message id."""
    await migrant.send("/start")
    await migrant.press(bot.t("uk", "search-ask-person"), exact=True)
    assert migrant.last_text() == bot.t("uk", "ask-write")
    calls = await migrant.send(question)
    assert [c.text for c in calls if c.chat_id == migrant.chat_id] == [bot.t("uk", "ask-sent")]
    post = coordinator_posts(bot)[-1]
    return message_id_in(bot, COORDINATOR_CHAT_ID, post)


def replied_to(call: Call) -> int | None:
    """The message a sent message replies to (PTB sends it as reply_parameters)."""
    parameters = call.params.get("reply_parameters") or {}
    value = parameters.get("message_id", call.params.get("reply_to_message_id"))
    return int(value) if value not in (None, "") else None


def answers_to(bot: BotHarness, migrant: SimulatedUser) -> list[Call]:
    return [
        c
        for c in bot.api.sent("sendMessage", chat_id=migrant.chat_id)
        if says(c.text, bot, "uk", "ask-answer", text="")
    ]


async def stored_strings(bot: BotHarness) -> list[str]:
    """Every text value in every table."""
    import storage.models  # noqa: F401  (all tables registered)

    found: list[str] = []
    async with bot.services.db.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in (await connection.execute(sa_select(table))).all():
                found += [value for value in row if isinstance(value, str)]
    return found


# -- the relay --------------------------------------------------------------------------------
async def test_question_answer_and_write_back(bot: BotHarness):
    migrant = bot.user(8001, language_code="uk", first_name="Olena")
    post_id = await ask(bot, migrant)

    post = bot.api.messages[(COORDINATOR_CHAT_ID, post_id)]
    assert QUESTION in post["text"]
    assert bot.services.translator.language_name("uk") in post["text"]
    assert "Olena" in post["text"]
    (relay,) = await rows(bot, Relay)
    assert relay.coordinator_message_id == post_id

    # A coordinator answers by replying to the post: it reaches the migrant in Ukrainian.
    co = bot.coordinator(in_group=True)
    await co.send(ANSWER, reply_to=post_id)
    (answer,) = answers_to(bot, migrant)
    assert ANSWER in answer.text
    assert bot.t("uk", "ask-answer", text=ANSWER) == answer.text
    assert answer.button_texts() == [bot.t("uk", "ask-write-back")]
    (write_back,) = data_of(answer)
    assert write_back.startswith("ask:reply:")

    # The migrant replies to the answer: posted to the coordinator chat as a reply to the thread.
    answer_id = message_id_in(bot, migrant.chat_id, answer)
    calls = await migrant.send(FOLLOW_UP, reply_to=answer_id)
    (follow_up,) = [c for c in calls if c.chat_id == COORDINATOR_CHAT_ID]
    assert FOLLOW_UP in follow_up.text
    assert replied_to(follow_up) == post_id
    assert says(follow_up.text, bot, "sl", "co-question-followup", name="", language="", text="")

    # The "Write back" button does the same for the next typed text; the centre's answer stays
    # on screen (the prompt is a new message, never an edit of the answer).
    pressed = await migrant.press(bot.t("uk", "ask-write-back"), exact=True)
    assert [c for c in pressed if c.method == "editMessageText"] == []
    assert bot.api.messages[(migrant.chat_id, answer_id)]["text"] == answer.text
    calls = await migrant.send("Ще одне питання")
    (second,) = [c for c in calls if c.chat_id == COORDINATOR_CHAT_ID]
    assert replied_to(second) == post_id

    contacts = await events_of(bot, "consultation_contact")
    assert len(contacts) == 3
    assert {e.user_key for e in contacts} == {(await db_user(bot, 8001)).user_key}

    stored = "\n".join(await stored_strings(bot))
    for text in (QUESTION, ANSWER, FOLLOW_UP, "Ще одне питання"):
        assert text not in stored, "no table keeps what people wrote"


async def test_only_coordinators_answer(bot: BotHarness):
    migrant = bot.user(8002, language_code="uk")
    post_id = await ask(bot, migrant)
    member = SimulatedUser(bot.app, bot.api, 4343, language_code="sl", chat_id=COORDINATOR_CHAT_ID)

    calls = await member.send("Jaz bi odgovoril drugače", reply_to=post_id)

    assert [c for c in calls if c.chat_id == migrant.chat_id] == []
    assert answers_to(bot, migrant) == []
    assert len(await rows(bot, Relay)) == 1


async def test_a_reply_to_another_post_reaches_nobody(bot: BotHarness):
    migrant = bot.user(8003, language_code="uk")
    await ask(bot, migrant)
    co = bot.coordinator(in_group=True)
    await co.send("/agenda")
    agenda_id = max(mid for chat, mid in bot.api.messages if chat == COORDINATOR_CHAT_ID)

    calls = await co.send("To ni odgovor na vprašanje", reply_to=agenda_id)

    assert [c for c in calls if c.chat_id == migrant.chat_id] == []


async def test_a_migrant_cannot_write_into_another_persons_thread(bot: BotHarness):
    first = bot.user(8004, language_code="uk")
    first_post = await ask(bot, first)
    await bot.coordinator(in_group=True).send(ANSWER, reply_to=first_post)
    (relay, _answer_relay) = await rows(bot, Relay)
    intruder = bot.user(8005, language_code="uk")
    await intruder.send("/start")

    await intruder.press_data(f"ask:reply:{relay.id}")
    calls = await intruder.send("Чужа розмова")

    (posted,) = [c for c in calls if c.chat_id == COORDINATOR_CHAT_ID]
    assert replied_to(posted) is None, "a new question, not a reply in someone else's thread"
