"""End-to-end smoke test: `arrival-desk run` as a real process against the Bot API emulator."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.faq.loader import load_faq
from bot.faq.model import FaqContent
from bot.i18n import Translator

from .emulator_client import Emulator
from .scenes import arrival_desk, menu_then_first_topic, stops_cleanly

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="node is not on PATH; the Bot API emulator needs Node 20"
)

REPO = Path(__file__).resolve().parents[2]
UK_USER, HR_USER, HOSTILE_USER = 2001, 2002, 2003
HOSTILE_TEXT = "<b>x</b>\u202e" + "€" * 3000
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


class BotProcess:
    def __init__(self, emu: Emulator, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.emu, self.proc, self.log = emu, proc, log

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[BotProcess]:
    emu = Emulator().start()
    log = tmp_path / "bot.log"
    try:
        with arrival_desk(["run"], emu.process_env(tmp_path / "data"), log) as proc:
            yield BotProcess(emu, proc, log)
    finally:
        emu.stop()


def test_run_answers_users_and_stops_cleanly(bot: BotProcess) -> None:
    emu = bot.emu
    content: FaqContent = load_faq(REPO / "faq")[0]

    # 1. The process answers /start with the main menu in Ukrainian (the wait includes start-up);
    # 2. pressing the first topic edits that message into the answer, the title in bold.
    menu_then_first_topic(emu, UK_USER, content, timeout=60)

    # 3. A deep link from a Croatian-language phone: the cv answer in Serbian Latin.
    cv_title = content.translation(content.topics["cv"], "sr-Latn").title
    translator = Translator.from_dir(REPO / "locales")
    own_names = {translator.language_name(locale) for locale in translator.locales}
    emu.send_text(HR_USER, "/start faq-cv", language_code="hr")
    answer = emu.wait_for(HR_USER, lambda m: cv_title in (m["text"] or ""), timeout=10)
    for message in emu.bot_messages(HR_USER):
        text = message["text"] or ""
        assert not CYRILLIC.search(text), f"Cyrillic in a Serbian Latin answer: {text[:300]!r}"
        # The language picker (shown at once: "hr" is a guess) names each language in its own
        # script; every other button must be Latin.
        labels = " ".join(
            label for label in Emulator.labels(message) if label.removeprefix("✓ ") not in own_names
        )
        assert not CYRILLIC.search(labels), f"Cyrillic on Serbian Latin buttons: {labels!r}"
    assert answer["parse_mode"] == "HTML"

    # 4. Hostile text (HTML, a right-to-left override, 3000 multi-byte characters) gets an answer.
    emu.send_text(HOSTILE_USER, HOSTILE_TEXT, language_code="en")
    reply = emu.wait_for(HOSTILE_USER, lambda m: bool(m["text"]), timeout=10)
    apology = f"a reply without a way on (the error apology?): {reply['text']!r}"
    assert Emulator.labels(reply), apology

    # 5. SIGTERM: PTB's run_polling stops gracefully and `arrival-desk run` returns 0.
    stops_cleanly(bot.proc, bot.log_text, emu.token, timeout=10)
