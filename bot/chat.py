"""`arrival-desk chat`: talk to the real bot in the terminal, offline, through the stand-in.

Bot messages are shown as plain text with their buttons numbered; typing a number presses one.
Terminal commands (not sent to the bot): /as <user-id>, /lang <code>, /quit.
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
VISIBLE_METHODS = ("sendMessage", "editMessageText", "sendDocument")
INTRO = (
    "Offline chat with Arrival Desk (no Telegram needed).\n"
    "Type as a user would; a number presses a button. /as <user-id> switches person,\n"
    "/lang <code> sets their Telegram language (uk, sr, hr, sl, en…), /quit leaves.\n"
)


def html_to_terminal(html: str) -> str:
    text = re.sub(r'<a href="([^"]*)">(.*?)</a>', r"\2 <\1>", html, flags=re.S)
    text = re.sub(r"</?(b|i|u|s|code|pre|blockquote)>", "", text)
    return unescape(text)


def render_call(call: Call, numbered: list[str]) -> str:
    """One bot message as terminal text; its buttons are appended to `numbered`."""
    header = {"editMessageText": "(edited)", "sendDocument": "(file)"}.get(call.method, "")
    lines = [f"bot {header}".rstrip() + ":", html_to_terminal(call.text)]
    if call.method == "sendDocument":
        lines += [f"  📎 {name}" for name, _ in call.files.values()]
    for row in call.buttons:
        cells = []
        for button in row:
            numbered.append(str(button.get("callback_data", "")))
            label = button["text"] + (f" <{button['url']}>" if "url" in button else "")
            cells.append(f"[{len(numbered)}] {label}")
        lines.append("   ".join(cells))
    return "\n".join(lines)


async def chat(
    settings: Settings, stdin: TextIO = sys.stdin, out: Callable[[str], None] = print
) -> None:
    api = StandinBotApi()
    app = build_application(settings, request=api, rate_limit=False)
    people: dict[int, SimulatedUser] = {}

    def person(user_id: int, language: str | None = "en") -> SimulatedUser:
        if user_id not in people:
            people[user_id] = SimulatedUser(
                app, api, user_id, language_code=language, first_name=f"User {user_id}"
            )
        return people[user_id]

    current = person(DEFAULT_MIGRANT_ID)
    buttons: list[str] = []
    async with running(app):
        out(INTRO)
        calls = await current.send("/start")
        while True:
            visible = [c for c in calls if c.method in VISIBLE_METHODS]
            if any(c.buttons for c in visible):
                buttons = []  # numbers always refer to the newest buttons on screen
            for call in visible:
                out(render_call(call, buttons) + "\n")
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                break
            line = line.strip()
            if not line:
                calls = []
                continue
            if line in ("/quit", "/exit"):
                break
            if line.startswith("/as "):
                target = line.split(maxsplit=1)[1]
                if not target.lstrip("-").isdigit():
                    out("usage: /as <numeric user id>")
                    calls = []
                    continue
                current = person(int(target), current.language_code)
                out(f"(you are now user {current.user_id})")
                calls = []
                continue
            if line.startswith("/lang"):
                parts = line.split(maxsplit=1)
                current.language_code = parts[1] if len(parts) > 1 else None
                out(f"(Telegram language of user {current.user_id}: {current.language_code})")
                calls = []
                continue
            if line.isdigit() and buttons and 1 <= int(line) <= len(buttons):
                calls = await current.press_data(buttons[int(line) - 1])
                continue
            calls = await current.send(line)
