"""`arrival-desk chat`: the same bot in a terminal, with coordinators included out of the box."""

from __future__ import annotations

import io
from pathlib import Path

from bot.chat import chat
from tests.conftest import make_settings


async def run_chat(tmp_path: Path, database_url: str, script: str) -> str:
    settings = make_settings(
        tmp_path,
        database_url,
        coordinator_ids=frozenset(),
        coordinator_chat_id=None,
        content_reload_seconds=0,
    )
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
