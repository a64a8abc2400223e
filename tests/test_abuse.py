"""Abuse and bad input (issue #13, item 3), property-based: random text, commands, callback data
and update shapes from strangers, fed to the real Application through the stand-in. Properties:
no unhandled exception (nothing reaches the error log), nobody else's rows change, no person's
value reaches an HTML message unescaped. One Application per test; hypothesis reuses it.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.handlers.delivery import deliver_due
from storage.models import Booking, Outbox, Relay, Slot, User
from tests.abuse_support import (
    ANONYMOUS_ADMIN,
    BOT_SENDER,
    COMMAND_ARGS,
    COMMANDS,
    MARK,
    SUFFIXES,
    ErrorLog,
    callback,
    chat_of,
    feed,
    footprint,
    hostile_callback_data,
    hostile_text,
    media,
    message,
    next_id,
    person,
    unsafe_html,
)
from tests.booking_support import CONSULTATION, booking_settings, quick_book, rows
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness

VICTIM = 7001
STRANGERS = (7101, 7102, 7103)
LANGUAGES = ["uk", "sr", "hr", "sl", "en", "ru", "zz", None, "", "sr-Latn-RS", "ZH-hant", "x" * 40]
SHAPES = [
    "text",
    "command",
    "edited",
    "channel",
    "edited_channel",
    "anonymous_admin",
    "no_sender",
    "forwarded",
    "reply",
    "media",
    "inline_query",
    "callback",
    "callback",
    "callback",
    "chat_member",
    "bot_sender",
    "forum_topic",
    "other_kinds",
    "status",
]
CHATS = ["private", "private", "private", "group", "supergroup", "staff"]
MEDIA = ["photo", "sticker", "voice", "document", "location", "contact", "poll"]
# ABUSE_EXAMPLES=2000 for a long hunt on a developer's machine; CI runs the default.
EXAMPLES = int(os.environ.get("ABUSE_EXAMPLES", "100"))
FAST = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


@dataclass
class Scene:
    """A person with a pending consultation, a question to the centre and the coordinator's
    answer; everything in the database a stranger could aim at."""

    victim: dict[str, Any]
    ids: list[int]
    stamps: list[int]
    words: list[str]
    before: list[Any]


async def set_scene(bot: BotHarness) -> Scene:
    victim = bot.user(VICTIM, language_code="sr", first_name="Vesna")
    await victim.send("/start")
    slots = await rows(bot, Slot, service_id=CONSULTATION)
    await quick_book(victim, slots[0].id or 0)
    await victim.send("/ask")
    await victim.send("Where do I renew my permit?")
    await deliver_due(bot.app)
    (relay,) = await rows(bot, Relay)
    await bot.coordinator(in_group=True).send(
        "Come on Tuesday.", reply_to=relay.coordinator_message_id
    )
    await deliver_due(bot.app)
    ids = [
        *(b.id or 0 for b in await rows(bot, Booking)),
        *(s.id or 0 for s in slots[:6]),
        *(u.id or 0 for u in await rows(bot, User)),
        *(r.id or 0 for r in await rows(bot, Outbox)),
        relay.id or 0,
        relay.coordinator_message_id,
        *(m for (_, m) in bot.api.messages),
        VICTIM,
        0,
        1,
    ]
    stamps = [int(s.starts_at.timestamp()) for s in slots[:6]]
    topics = [t.id for t in bot.services.faq.content.roots[:5]]
    return Scene(
        victim={"id": VICTIM, "is_bot": False, "first_name": "Vesna", "language_code": "sr"},
        ids=ids,
        stamps=stamps,
        words=[*topics, "unavailable", "duplicate", "this-month", "europe", "asia"],
        before=await footprint(bot, VICTIM),
    )


@pytest.fixture
async def scene(bot: BotHarness) -> Scene:
    return await set_scene(bot)


def stranger_update(scene: Scene) -> st.SearchStrategy[dict[str, Any]]:
    """One update a stranger (never a coordinator) could cause, in any shape Telegram sends."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        sender = person(
            draw(st.sampled_from(STRANGERS)),
            draw(hostile_text()),
            language_code=draw(st.sampled_from(LANGUAGES)),
        )
        shape = draw(st.sampled_from(SHAPES))
        chat = chat_of(draw(st.sampled_from(CHATS)), sender)
        command = f"/{draw(st.sampled_from(COMMANDS))}{draw(SUFFIXES)} {draw(COMMAND_ARGS)}"
        text = draw(st.one_of(hostile_text(), st.just(command.strip())))
        match shape:
            case "text":
                return {"message": message(chat=chat, sender=sender, text=draw(hostile_text()))}
            case "command":
                return {"message": message(chat=chat, sender=sender, text=command.strip())}
            case "edited":
                body = message(chat=chat, sender=sender, text=text)
                return {"edited_message": {**body, "edit_date": int(time.time())}}
            case "channel" | "edited_channel":
                body = message(chat=chat_of("channel", sender), sender=None, text=text)
                return {"channel_post" if shape == "channel" else "edited_channel_post": body}
            case "anonymous_admin":
                group = chat_of("supergroup", sender)
                return {"message": message(chat=group, sender=ANONYMOUS_ADMIN, text=text)}
            case "no_sender":
                return {"message": message(chat=chat, sender=None, text=text)}
            case "forwarded":
                origin = {"type": "user", "date": int(time.time()), "sender_user": scene.victim}
                extra = {"forward_origin": origin, "forward_date": int(time.time())}
                return {"message": message(chat=chat, sender=sender, text=text, extra=extra)}
            case "reply":
                replied = message(chat=chat, sender=BOT_SENDER, text=MARK)
                replied["message_id"] = draw(st.sampled_from(scene.ids))
                extra = {"reply_to_message": replied}
                return {"message": message(chat=chat, sender=sender, text=text, extra=extra)}
            case "media":
                body = media(draw(st.sampled_from(MEDIA)), other=scene.victim)
                return {"message": message(chat=chat, sender=sender, extra=body)}
            case "inline_query":
                query = {"id": str(next_id()), "from": sender, "query": text[:256], "offset": ""}
                return {"inline_query": query}
            case "callback":
                data = draw(hostile_callback_data(scene.ids, scene.stamps, scene.words))
                where = draw(st.sampled_from([chat, chat, None]))
                return {
                    "callback_query": callback(
                        sender, data, where, inaccessible=draw(st.booleans())
                    )
                }
            case "bot_sender":  # another bot in a group the bot is in
                other_bot = {**sender, "is_bot": True}
                return {"message": message(chat=chat, sender=other_bot, text=text)}
            case "forum_topic":
                extra = {"message_thread_id": 77, "is_topic_message": True}
                group = {**chat_of("supergroup", sender), "is_forum": True}
                return {"message": message(chat=group, sender=sender, text=text, extra=extra)}
            case "status":
                extra = draw(
                    st.sampled_from(
                        [
                            {"new_chat_members": [sender, BOT_SENDER]},
                            {"left_chat_member": BOT_SENDER},
                            {"new_chat_title": MARK},
                            {"group_chat_created": True},
                            {"pinned_message": message(chat=chat, sender=None, text=MARK)},
                        ]
                    )
                )
                return {"message": message(chat=chat, sender=sender, extra=extra)}
            case "other_kinds":
                return draw(
                    st.sampled_from(
                        [
                            {
                                "chosen_inline_result": {
                                    "result_id": "1",
                                    "from": sender,
                                    "query": text[:50],
                                }
                            },
                            {
                                "poll_answer": {
                                    "poll_id": "1",
                                    "user": sender,
                                    "option_ids": [0],
                                    "option_persistent_ids": ["o1"],
                                }
                            },
                            {
                                "chat_join_request": {
                                    "chat": chat_of("supergroup", sender),
                                    "from": sender,
                                    "user_chat_id": sender["id"],
                                    "date": int(time.time()),
                                }
                            },
                            {
                                "callback_query": {
                                    "id": "g",
                                    "from": sender,
                                    "chat_instance": "ci",
                                    "game_short_name": "game",
                                }
                            },
                        ]
                    )
                )
            case _:
                group = chat_of("group", sender)
                member = {
                    "chat": group,
                    "from": sender,
                    "date": int(time.time()),
                    "old_chat_member": {"user": {**BOT_SENDER}, "status": "left"},
                    "new_chat_member": {"user": {**BOT_SENDER}, "status": "member"},
                }
                return {"my_chat_member": member}

    return build()


async def assert_harmless(bot: BotHarness, scene: Scene, payloads: list[dict[str, Any]]) -> None:
    with ErrorLog() as errors:
        calls = []
        for payload in payloads:
            calls += await feed(bot, payload)
    assert [r.getMessage()[:200] for r in errors.records] == []
    apologies = {bot.t(lang, "common-error") for lang in bot.services.translator.locales}
    assert not [c for c in calls if c.text in apologies]
    assert unsafe_html(calls) == []
    assert [c for c in calls if c.chat_id == VICTIM] == [], "a stranger made the bot write to them"
    assert await footprint(bot, VICTIM) == scene.before, "a stranger changed someone else's rows"


@FAST
@given(data=st.data())
async def test_strangers_sending_anything_break_nothing_and_touch_nobody_else(
    bot: BotHarness, scene: Scene, data: st.DataObject
):
    payloads = data.draw(st.lists(stranger_update(scene), min_size=1, max_size=3))
    await assert_harmless(bot, scene, payloads)


@FAST
@given(data=st.data())
async def test_forged_buttons_with_other_peoples_ids_change_nothing_of_theirs(
    bot: BotHarness, scene: Scene, data: st.DataObject
):
    stranger = person(data.draw(st.sampled_from(STRANGERS)), "<b>Zq&")
    chat = chat_of("private", stranger)
    presses = data.draw(
        st.lists(
            hostile_callback_data(scene.ids, scene.stamps, scene.words), min_size=1, max_size=4
        )
    )
    payloads = [{"callback_query": callback(stranger, d, chat)} for d in presses]
    await assert_harmless(bot, scene, payloads)


@hypothesis_settings(
    max_examples=max(EXAMPLES // 2, 10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_coordinator_commands_with_any_arguments_never_fail(
    bot: BotHarness, data: st.DataObject
):
    # Coordinators may change other people's bookings; here only errors and escaping count.
    command = data.draw(
        st.sampled_from(["agenda", "addslot", "cancelslot", "faqstatus", "gaps", "report"])
    )
    args = data.draw(st.one_of(COMMAND_ARGS, hostile_text()))
    coordinator = bot.coordinator(in_group=data.draw(st.booleans()))
    with ErrorLog() as errors:
        calls = await coordinator.send(f"/{command} {args}".strip())
    assert [r.getMessage()[:200] for r in errors.records] == []
    assert unsafe_html(calls) == []
    assert [c for c in calls if c.chat_id in (coordinator.chat_id, COORDINATOR_CHAT_ID)]


async def test_a_strangers_name_and_words_reach_the_coordinators_escaped(
    bot: BotHarness, scene: Scene
):
    """The doors through which a person's own text reaches HTML messages: their name on a
    booking notice, a question for the centre, a booking note."""
    name = "<b>Zq</b> & <a href='x'>"
    stranger = bot.user(STRANGERS[0], language_code="uk", first_name=name)
    await stranger.send("/start")
    slots = await rows(bot, Slot, service_id=CONSULTATION)
    calls = await quick_book(stranger, slots[-1].id or 0)
    calls += await stranger.send("/ask")
    calls += await stranger.send(f"{MARK} </pre> &#0; question")
    calls += await deliver_due_calls(bot)
    day = slots[-1].starts_at.astimezone(bot.services.settings.tz).date()
    agenda = await bot.coordinator(in_group=True).send(f"/agenda {day.isoformat()}")

    to_staff = [c for c in calls if c.chat_id == COORDINATOR_CHAT_ID]
    assert len(to_staff) >= 2, "a booking notice and the question"
    assert unsafe_html(calls + agenda) == []
    assert any("&lt;b&gt;Zq&lt;/b&gt; &amp;" in c.text for c in to_staff)
    assert any("&lt;b&gt;Zq&lt;/b&gt; &amp;" in c.text for c in agenda), "the agenda names them"


async def deliver_due_calls(bot: BotHarness) -> list[Any]:
    before = len(bot.api.calls)
    await deliver_due(bot.app)
    return bot.api.calls[before:]


def test_the_html_check_catches_what_telegram_refuses():
    from tests.abuse_support import html_problem

    assert html_problem('<b>ok</b> &amp; &lt;tag&gt; <a href="https://x">x</a>') is None
    assert html_problem("<b>Zq") is not None
    assert html_problem("a & b") is not None
    assert html_problem("<script>") is not None
    assert html_problem("<b><i>x</b></i>") is not None
    logging.getLogger(__name__).debug("checked")


# -- coordinator commands from others ------------------------------------------------------------
COORDINATOR_COMMANDS = [
    "/agenda",
    "/agenda tomorrow",
    "/addslot consultation 2026-12-10 10:00",
    "/cancelslot 1",
    "/faqstatus",
    "/gaps",
    "/report",
    "/report 2026-01-01 2026-06-30",
]


BUTTONS_OF_STAFF = (
    "co:ok:1",
    "co:no:1",
    "co:att:1:1796000000:p",
    "report:period:this-month",
    "ann:skip:1:uk",  # an announcement's draft and sending
    "ann:topic:1:work",
    "ann:slots:1",
    "ann:slot:1:1",
    "ann:send:1",
    "ann:stop:1",
)


async def test_coordinator_commands_from_others_are_refused_and_logged_without_personal_data(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
):
    name = "Milica Secretname"
    stranger = bot.user(8201, language_code="uk", first_name=name)
    await stranger.send("/start")
    slots_before = [s.model_dump() for s in await rows(bot, Slot)]
    in_group = bot.user(8201, language_code="uk", first_name=name)
    in_group.chat_id = -4242
    caplog.clear()

    answers = []
    with caplog.at_level(logging.INFO):
        for command in COORDINATOR_COMMANDS:
            for where in (stranger, in_group):
                calls = await where.send(command)
                answers += [c.text for c in calls if c.method == "sendMessage"]
        for data in BUTTONS_OF_STAFF:
            calls = await stranger.press_data(data, message_id=None)
            assert [c for c in calls if c.method == "answerCallbackQuery"]

    refused = bot.t("uk", "coordinator-only")
    assert set(answers) <= {refused} and answers, "others get one short refusal or nothing"
    assert [s.model_dump() for s in await rows(bot, Slot)] == slots_before
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 2 * len(COORDINATOR_COMMANDS) + len(BUTTONS_OF_STAFF)
    for record in caplog.records:
        logged = record.getMessage() + repr(record.args)
        for secret in ("8201", "Milica", "Secretname", "-4242", "2026-12-10", "2026-01-01"):
            assert secret not in logged, f"{secret!r} in the log: {logged[:200]}"
