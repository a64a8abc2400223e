"""Helpers for the property-based abuse tests (tests/test_abuse.py): update shapes as Telegram
sends them, hostile values, a check of Telegram's HTML, a footprint of one person's rows, and a
log handler that catches what the error handler logs."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
import time
from dataclasses import fields
from typing import Any, get_type_hints

from hypothesis import strategies as st
from sqlmodel import col, select

from bot.botapi.standin import Call
from bot.handlers import callback_data as cd
from bot.handlers.delivery import wait_for_deliveries
from storage.models import Attendance, Booking, Event, Outbox, Relay, SurveyAnswer, User, Waiting
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness

# -- what people send ----------------------------------------------------------------------------
# Every value a person controls carries this: if it ever reaches an HTML message unescaped, the
# message contains it literally (escaped, it reads "&lt;b&gt;Zq").
MARK = "<b>Zq"
HOSTILE_SNIPPETS = [
    "<b>",
    "</b>",
    "<a href='javascript:x'>",
    "</pre>",
    "&",
    "&amp;",
    "&#0;",
    "<",
    ">",
    "{ $name }",
    "%s",
    "\u202e",
    "\x00",
    "🇺🇦",
    "",
]
snippet = st.sampled_from(HOSTILE_SNIPPETS)
free_text = st.text(max_size=40)


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """Text a person types or is called: random, with HTML and the marker in it."""
    parts = [draw(snippet), draw(free_text), MARK, draw(free_text), draw(snippet)]
    return "".join(parts)


COMMANDS = [
    "start",
    "help",
    "book",
    "mybookings",
    "ask",
    "language",
    "privacy",
    "mydata",
    "forget",
    "agenda",
    "addslot",
    "cancelslot",
    "faqstatus",
    "gaps",
    "report",
]
COMMAND_ARGS = st.one_of(
    st.just(""),
    st.text(max_size=30),
    st.sampled_from(
        [
            "consultation 2026-12-10 10:00",
            "course 2026-12-01 16:00",
            "consultation 9999-12-31 23:59",
            "consultation 2026-02-30 25:61",
            "today",
            "tomorrow",
            "2026-12-01",
            "0001-01-01",
            "2026-01-01 2026-06-30",
            "2026-06-30 2026-01-01",
            "1",
            "-1",
            "99999999999999999999",
            "１２",
            "faq-residence-permit",
            "faq-nonexistent--poster",
            "faq-" + "x" * 80,
        ]
    ),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)
SUFFIXES = st.sampled_from(["", "", "@arrival_desk_bot", "@another_bot"])


def words(*extra: str) -> st.SearchStrategy[str]:
    known = ["consultation", "course", "p", "n", "-", "uk", "sr", "sr-Latn", "sl", "en", "xx"]
    return st.one_of(
        st.sampled_from([*known, *extra]),
        st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True),
        st.text(max_size=8),
    )


def hostile_callback_data(ids: list[int], stamps: list[int], extra_words: list[str]):
    """Well-formed `feature:action:fields` of every known action, filled with other people's
    ids, out-of-range numbers and odd words; plus random strings."""
    id_values = st.one_of(
        st.sampled_from(ids).map(str),
        st.integers(min_value=0, max_value=10**9).map(str),
        st.sampled_from(["-1", "01", "1e3", "１", "", "999999999999", "0x1"]),
    )
    stamp_values = st.one_of(
        st.sampled_from(stamps).map(str), st.integers(min_value=-1, max_value=10**12).map(str)
    )
    day_values = st.one_of(
        st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: f"{d:%Y%m%d}"),
        st.sampled_from(["20261301", "00000000", "2026120", "202612011"]),
    )
    by_type: dict[Any, st.SearchStrategy[str]] = {
        int: id_values,
        cd.Stamp: stamp_values,
        str: words(*extra_words),
        dt.date: day_values,
    }

    @st.composite
    def well_formed(draw: st.DrawFn) -> str:
        action = draw(st.sampled_from(sorted(cd.Action._known.values(), key=str)))
        hints = get_type_hints(action)
        values = [draw(by_type[hints[f.name]]) for f in fields(action)]  # type: ignore[arg-type]
        return ":".join([action.FEATURE, action.ACTION, *values])

    return st.one_of(well_formed(), well_formed(), st.text(max_size=70))


# -- update shapes ---------------------------------------------------------------------------------
_ids = itertools.count(10_000_000)
ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


def next_id() -> int:
    return next(_ids)


def person(user_id: int, name: str, *, language_code: str | None = "uk") -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": name or "-"}
    if language_code:
        user["language_code"] = language_code
    return user


def chat_of(kind: str, user: dict[str, Any]) -> dict[str, Any]:
    if kind == "private":
        return {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    if kind == "group":
        return {"id": -4242, "type": "group", "title": MARK}
    if kind == "supergroup":
        return {"id": -1004242, "type": "supergroup", "title": MARK}
    if kind == "staff":  # the coordinator chat, where a volunteer may be a member too
        return {"id": COORDINATOR_CHAT_ID, "type": "supergroup", "title": "Coordinators"}
    return {"id": -1008888, "type": "channel", "title": MARK}


def entities_for(text: str) -> list[dict[str, Any]]:
    if not text.startswith("/"):
        return []
    command = text.split(maxsplit=1)[0] if text.split() else text
    return [{"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}]


def media(kind: str, *, other: dict[str, Any]) -> dict[str, Any]:
    file = {"file_id": "f" + str(next_id()), "file_unique_id": "u"}
    return {
        "photo": {"photo": [{**file, "width": 90, "height": 90}], "caption": MARK},
        "sticker": {
            "sticker": {
                **file,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        },
        "voice": {"voice": {**file, "duration": 3}},
        "document": {"document": {**file, "file_name": MARK + ".pdf"}, "caption": "/forget"},
        "location": {"location": {"latitude": 46.05, "longitude": 14.5}},
        "contact": {
            "contact": {
                "phone_number": "+38640123456",
                "first_name": MARK,
                "user_id": other["id"],
            }
        },
        "poll": {
            "poll": {
                "id": str(next_id()),
                "question": MARK,
                "options": [{"text": "a", "voter_count": 0, "persistent_id": "o1"}],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
                "allows_revoting": False,
                "members_only": False,
            }
        },
    }[kind]


def message(
    *,
    chat: dict[str, Any],
    sender: dict[str, Any] | None,
    text: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"message_id": next_id(), "date": int(time.time()), "chat": chat}
    if sender is not None:
        body["from"] = sender
    if chat["type"] == "channel" or (sender is not None and sender["id"] == ANONYMOUS_ADMIN["id"]):
        body["sender_chat"] = {k: chat[k] for k in ("id", "type", "title")}
    if text is not None:
        body["text"] = text
        if entities := entities_for(text):
            body["entities"] = entities
    body.update(extra or {})
    return body


def callback(
    sender: dict[str, Any], data: str, where: dict[str, Any] | None, *, inaccessible: bool = False
) -> dict[str, Any]:
    query: dict[str, Any] = {
        "id": str(next_id()),
        "from": sender,
        "chat_instance": "ci",
        "data": data,
    }
    if where is None:
        query["inline_message_id"] = "inline-" + str(next_id())
    elif inaccessible:
        query["message"] = {"chat": where, "message_id": next_id(), "date": 0}
    else:
        query["message"] = message(chat=where, sender=BOT_SENDER, text=MARK + " menu")
    return query


BOT_SENDER = {"id": 700000001, "is_bot": True, "first_name": "Arrival Desk"}


# -- checking what the bot sent -----------------------------------------------------------------
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-spoiler",
    "span",
    "tg-emoji",
}
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=(?:\"[^\"]*\"|'[^']*'))?)*)\s*>"
)
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")


def html_problem(text: str) -> str | None:
    """Why Telegram would refuse (or misread) this text as parse_mode HTML; None if it is fine:
    only its tags, balanced, and every other `<` and `&` escaped."""
    stack: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "<":
            match = _TAG.match(text, index)
            if match is None or match.group(2).lower() not in ALLOWED_TAGS:
                return f"unescaped '<' at {index}: {text[index : index + 20]!r}"
            name = match.group(2).lower()
            if match.group(1):
                if not stack or stack.pop() != name:
                    return f"unbalanced </{name}> at {index}"
            else:
                stack.append(name)
            index = match.end()
            continue
        if char == "&" and _ENTITY.match(text, index) is None:
            return f"unescaped '&' at {index}: {text[index : index + 12]!r}"
        index += 1
    return f"unclosed <{stack[-1]}>" if stack else None


def unsafe_html(calls: list[Call]) -> list[str]:
    """Problems in the HTML messages among these calls (texts, edits, captions)."""
    found = []
    for call in calls:
        if call.params.get("parse_mode") != "HTML":
            continue
        text = call.text
        problem = html_problem(text)
        if problem is None and MARK in text:
            problem = "a person's value in the message unescaped"
        if problem is not None:
            found.append(f"{call.method}: {problem}\n{text[:300]!r}")
    return found


class ErrorLog(logging.Handler):
    """Catches every ERROR (or worse) record: the error handler's "update N failed", PTB's own."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> ErrorLog:
        logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *_: object) -> None:
        logging.getLogger().removeHandler(self)


async def feed(bot: BotHarness, payload: dict[str, Any]) -> list[Call]:
    from telegram import Update

    before = len(bot.api.calls)
    payload = {"update_id": next_id(), **payload}
    await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    await wait_for_deliveries(bot.app)
    return bot.api.calls[before:]


# -- one person's rows ----------------------------------------------------------------------------
async def footprint(bot: BotHarness, telegram_id: int) -> list[Any]:
    """Everything stored about one person (last_seen_at aside), in a comparable form."""
    async with bot.services.db.session() as session:
        user = (await session.exec(select(User).where(User.telegram_id == telegram_id))).one()
        uid = user.id
        bookings = (await session.exec(select(Booking).where(Booking.user_id == uid))).all()
        booking_ids = [b.id for b in bookings]
        tables: list[Any] = [
            {k: v for k, v in user.model_dump().items() if k != "last_seen_at"},
            [b.model_dump() for b in bookings],
        ]
        for model, column in (
            (Waiting, Waiting.user_id),
            (Outbox, Outbox.user_id),
            (Relay, Relay.user_id),
            (SurveyAnswer, SurveyAnswer.user_id),
        ):
            found = await session.exec(select(model).where(column == uid))
            tables.append([r.model_dump() for r in found.all()])
        attendance = await session.exec(
            select(Attendance).where(col(Attendance.booking_id).in_(booking_ids))
        )
        tables.append([a.model_dump() for a in attendance.all()])
        events = await session.exec(select(Event).where(Event.user_key == user.user_key))
        tables.append(len(events.all()))
    return tables
