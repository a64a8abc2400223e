"""Steps the end-to-end tests take in more than one mode (polling, webhook)."""

from __future__ import annotations

import contextlib
import html
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.faq.model import FaqContent

from .emulator_client import REPO, Emulator, Message


@contextlib.contextmanager
def arrival_desk(
    args: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """`arrival-desk …` as a process of its own, its output in `log`; killed if it still runs
    at the end, then its log printed (pytest shows that only when the test fails)."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", *args],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        print("---- bot log ----\n" + log.read_text(encoding="utf-8", errors="replace"))


def menu_then_first_topic(
    emu: Emulator, user_id: int, content: FaqContent, *, timeout: float
) -> tuple[Message, int]:
    """/start in Ukrainian gets the main menu (waiting up to `timeout`, start-up included);
    pressing the first topic edits that message into its answer, the title in bold. Returns
    the menu and the pressed message's id."""
    uk_titles = [content.translation(topic, "uk").title for topic in content.roots]
    assert uk_titles, "the repository's FAQ has no top-level topics"
    emu.send_text(user_id, "/start", language_code="uk")
    menu = emu.wait_for(
        user_id, lambda m: set(uk_titles) <= set(Emulator.labels(m)), timeout=timeout
    )
    assert menu["reply_markup"].get("inline_keyboard"), "the menu is not an inline keyboard"
    first = content.roots[0]
    bold_title = f"<b>{html.escape(content.translation(first, 'uk').title, quote=False)}</b>"
    pressed = emu.press(user_id, f"faq:open:{first.id}", language_code="uk")
    assert pressed == menu["message_id"]
    emu.wait_for(
        user_id,
        lambda m: m["message_id"] == pressed and bold_title in (m["text"] or ""),
        timeout=10,
    )
    return menu, pressed


def stops_cleanly(
    proc: subprocess.Popen[bytes], log: Callable[[], str], token: str, *, timeout: float
) -> str:
    """SIGTERM: exit code 0 within `timeout`, no traceback and neither the token nor its secret
    half in the log, which is returned for further checks."""
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the bot did not exit within {timeout} s of SIGTERM")
    text = log()
    assert code == 0, f"exit code {code} after SIGTERM"
    assert "Traceback" not in text
    assert token not in text
    assert token.split(":", 1)[1] not in text  # not even the secret half
    return text
