"""`arrival-desk chat`: the same bot in a terminal, with coordinators included out of the box."""

from __future__ import annotations

import io
import re
from pathlib import Path

from bot.chat import chat
from bot.i18n import Translator
from tests.conftest import REPO, empty_database, make_settings


async def run_chat(tmp_path: Path, database_url: str, script: str) -> str:
    settings = make_settings(
        tmp_path,
        database_url,
        coordinator_ids=frozenset(),
        coordinator_chat_id=None,
        content_reload_seconds=0,
    )
    await empty_database(settings.effective_database_url)  # PostgreSQL is shared between tests
    lines: list[str] = []
    await chat(settings, stdin=io.StringIO(script), out=lines.append)
    return "\n".join(lines)


async def test_a_question_reaches_the_offline_coordinator_and_the_answer_comes_back(
    tmp_path: Path, database_url: str
):
    script = "/ask\nhow do I change my employer?\n/as 9001\n/reply Come on Tuesday.\n/quit\n"
    shown = await run_chat(tmp_path, database_url, script)
    assert "bot → chat 9001:" in shown
    assert "how do I change my employer?" in shown
    assert "bot → chat 1001:" in shown and "Come on Tuesday." in shown


async def test_numbers_press_the_buttons_on_screen(tmp_path: Path, database_url: str):
    shown = await run_chat(tmp_path, database_url, "1\n/quit\n")
    assert "[1] " in shown
    assert "bot (edited):" in shown  # the first menu button opened a topic in place


class _Script:
    """Terminal input decided step by step from what the chat has printed so far (a button's
    number is only known once it is on screen)."""

    def __init__(self, lines: list[str], steps: list[object]) -> None:
        self.lines, self.steps = lines, list(steps)

    def readline(self) -> str:
        if not self.steps:
            return "/quit\n"
        step = self.steps.pop(0)
        return (step(self.lines) if callable(step) else str(step)) + "\n"


def press(label: str):  # type: ignore[no-untyped-def]
    def choose(lines: list[str]) -> str:
        screen = "\n".join(lines)
        found = re.findall(rf"\[(\d+)\] {re.escape(label)}", screen)
        assert found, f"no button {label!r} on screen:\n{screen[-1500:]}"
        return found[-1]

    return choose


def press_first(lines: list[str]) -> str:
    latest = lines[-1]
    found = re.findall(r"\[(\d+)\] ", latest)
    assert found, latest
    return found[0]


async def test_a_press_that_only_changes_the_buttons_is_shown(tmp_path: Path, database_url: str):
    """A coordinator presses Decline: the message keeps its text and gets the reasons as buttons;
    the terminal shows that change instead of nothing."""
    settings = make_settings(
        tmp_path,
        database_url,
        coordinator_ids=frozenset(),
        coordinator_chat_id=None,
        content_reload_seconds=0,
    )
    await empty_database(settings.effective_database_url)  # PostgreSQL is shared between tests
    t = Translator.from_dir(REPO / "locales").t
    lines: list[str] = []
    steps: list[object] = [
        "/book",
        press_first,  # the service
        press_first,  # a day
        press_first,  # a time
        press(t("en", "booking-skip-topic")),
        press(t("en", "booking-interpreter-no")),
        press(t("en", "booking-confirm")),
        "/as 9001",
        press(t("sl", "co-decline")),
    ]
    await chat(settings, stdin=_Script(lines, steps), out=lines.append)  # type: ignore[arg-type]

    shown = lines[-1]
    assert shown.startswith("bot (buttons changed):")
    assert "#" in shown, "the booking notice's text is shown again"
    assert t("sl", "co-reason-unavailable") in shown
    assert re.search(rf"\[\d+\] {re.escape(t('sl', 'co-reason-unavailable'))}", shown)
