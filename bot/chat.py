"""`arrival-desk chat`: talk to the real bot in the terminal, offline, through the stand-in.

Bot messages are shown as plain text with their buttons numbered; typing a number presses one.
Messages the bot sends to another chat (the coordinator's) are shown too, marked with the chat.
Terminal commands (not sent to the bot): /as <user-id>, /lang <code>, /reply <text>, /quit.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Callable
from html import unescape
from typing import TextIO

from bot.app import build_application
from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call, StandinBotApi
from bot.config import Settings
from bot.runtime import running

DEFAULT_MIGRANT_ID = 1001
OFFLINE_COORDINATOR_ID = 9001
# A press that only changes a message's buttons (Confirm → "✓ confirmed") is shown too, or the
# person at the terminal would see nothing happen.
VISIBLE_METHODS = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument")
INTRO = """Offline chat with Arrival Desk (no Telegram needed).
Type as a user would; a number presses a button on the screen.
  /as <user-id>   become another person ({coordinator} is a coordinator)
  /lang <code>    their Telegram language (uk, sr, hr, sl, en, …)
  /reply <text>   answer the bot's last message with Telegram's "reply" (coordinators use it)
  /quit           leave
"""


def html_to_terminal(html: str) -> str:
    text = re.sub(r'<a href="([^"]*)">(.*?)</a>', r"\2 <\1>", html, flags=re.S)
    text = re.sub(r"</?(b|i|u|s|code|pre|blockquote)>", "", text)
    return unescape(text)


Pressable = tuple[str, int | None]  # callback data and the message it sits on


def render(call: Call, numbered: list[Pressable] | None, *, to: int | None = None) -> str:
    """One bot message as terminal text. Its buttons are numbered (appended to `numbered`) when
    the person on screen can press them, else shown with a dash."""
    header = {
        "editMessageText": " (edited)",
        "editMessageReplyMarkup": " (buttons changed)",
        "sendDocument": " (file)",
    }.get(call.method, "")
    target = f" → chat {to}" if to is not None else ""
    text = call.text
    if call.method == "editMessageReplyMarkup":  # the message keeps its text: show it again
        text = str(call.result.get("text") or "") if isinstance(call.result, dict) else ""
    lines = [f"bot{target}{header}:", html_to_terminal(text)]
    if call.method == "editMessageReplyMarkup" and not call.buttons:
        lines.append("(no buttons now)")
    if call.method == "sendDocument":
        lines += [f"  📎 {name}" for name, _ in call.files.values()]
    for row in call.buttons:
        cells = []
        for button in row:
            if numbered is None:
                cells.append(f"[-] {button['text']}")
                continue
            numbered.append((str(button.get("callback_data", "")), call.message_id))
            cells.append(f"[{len(numbered)}] {button['text']}")
        lines.append("   ".join(cells))
    return "\n".join(lines)


def offline_settings(settings: Settings) -> Settings:
    """Without configured coordinators, user 9001 is one and their chat is the coordinator chat,
    so staff can try the whole flow offline."""
    if settings.coordinator_ids:
        return settings
    return settings.model_copy(
        update={
            "coordinator_ids": frozenset({OFFLINE_COORDINATOR_ID}),
            "coordinator_chat_id": settings.coordinator_chat_id or OFFLINE_COORDINATOR_ID,
        }
    )


async def chat(
    settings: Settings, stdin: TextIO = sys.stdin, out: Callable[[str], None] = print
) -> None:
    settings = offline_settings(settings)
    api = StandinBotApi()
    app = build_application(settings, request=api, rate_limit=False)
    people: dict[int, SimulatedUser] = {}

    def person(user_id: int, language: str | None) -> SimulatedUser:
        if user_id not in people:
            people[user_id] = SimulatedUser(
                app, api, user_id, language_code=language, first_name=f"User {user_id}"
            )
        return people[user_id]

    current = person(DEFAULT_MIGRANT_ID, "en")
    buttons: list[Pressable] = []

    def show(calls: list[Call]) -> None:
        visible = [c for c in calls if c.method in VISIBLE_METHODS]
        if any(c.buttons and c.chat_id == current.chat_id for c in visible):
            buttons.clear()  # numbers always refer to the newest buttons on screen
        for call in visible:
            mine = call.chat_id == current.chat_id
            out(render(call, buttons if mine else None, to=None if mine else call.chat_id) + "\n")

    async with running(app):
        out(INTRO.format(coordinator=", ".join(map(str, sorted(settings.coordinator_ids)))))
        show(await current.send("/start"))
        while line := (await asyncio.to_thread(stdin.readline)):
            line = line.strip()
            command, _, argument = line.partition(" ")
            if not line:
                continue
            if command in ("/quit", "/exit"):
                break
            if command == "/as":
                if not argument.lstrip("-").isdigit():
                    out("usage: /as <numeric user id>")
                    continue
                current = person(int(argument), current.language_code)
                out(f"(you are now user {current.user_id})")
                latest = [m for (c, _), m in sorted(api.messages.items()) if c == current.chat_id]
                if latest:  # what this person last saw, with buttons to press
                    params = {**latest[-1], "chat_id": current.chat_id}
                    show([Call("sendMessage", params, result=latest[-1])])
                continue
            if command == "/lang":
                current.language_code = argument or None
                out(f"(Telegram language of user {current.user_id}: {current.language_code})")
                continue
            if command == "/reply":
                latest = [m for (c, _), m in sorted(api.messages.items()) if c == current.chat_id]
                if not latest or not argument:
                    out("usage: /reply <text> (answers the bot's last message in this chat)")
                    continue
                show(await current.send(argument, reply_to=latest[-1]["message_id"]))
                continue
            if line.isdigit() and 1 <= int(line) <= len(buttons):
                data, message_id = buttons[int(line) - 1]
                show(await current.press_data(data, message_id))
                continue
            show(await current.send(line))
