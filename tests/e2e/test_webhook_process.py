"""End-to-end: `arrival-desk run --webhook` as a real process; the emulator posts the updates."""

from __future__ import annotations

import html
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from bot.faq.loader import load_faq
from bot.faq.model import FaqContent
from tests.web_support import start_payload

from .emulator_client import Emulator, Message
from .scenes import arrival_desk, menu_then_first_topic, stops_cleanly

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="node is not on PATH; the Bot API emulator needs Node 20"
)

REPO = Path(__file__).resolve().parents[2]
WEBHOOK_PATH = "/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
UK_USER, FORGED_USER, HOSTILE_USER = 3001, 3002, 3003
HOSTILE_TEXT = "<b>x</b>\u202e" + "€" * 3000
# Callback data no button of the bot carries, within Telegram's 64 bytes: an unknown kind, and
# the FAQ's own kind with a topic that does not exist.
GARBAGE_BUTTONS = ("\u202e<script>x</script>", "faq:open:\u202e<b>../../etc</b>")

T = TypeVar("T")


class WebhookBot:
    def __init__(
        self, emu: Emulator, proc: subprocess.Popen[bytes], log: Path, port: int, secret: str
    ) -> None:
        self.emu, self.proc, self.log, self.secret = emu, proc, log, secret
        self.url = f"http://127.0.0.1:{port}"
        # Loopback only: no proxy from the environment.
        self.http = httpx.Client(base_url=self.url, timeout=10, trust_env=False)

    @property
    def endpoint(self) -> str:
        return self.url + WEBHOOK_PATH

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> httpx.Response | None:
        """None while nothing listens on the port."""
        try:
            return self.http.get(path)
        except httpx.TransportError:
            return None

    def post_update(self, update: dict[str, Any], secret: str | None) -> int:
        """An update posted straight to the webhook, as anyone on the network could."""
        headers = {} if secret is None else {SECRET_HEADER: secret}
        return self.http.post(WEBHOOK_PATH, json=update, headers=headers).status_code

    def wait_until(self, condition: Callable[[], T], what: str, timeout: float) -> T:
        """Poll ``condition`` until it returns something true; fail if the bot exits first."""
        deadline = time.monotonic() + timeout
        while True:
            code = self.proc.poll()
            if code is not None:
                pytest.fail(f"the bot exited with code {code} while waiting for {what}")
            result = condition()
            if result:
                return result
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {timeout} s")
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[WebhookBot]:
    emu = Emulator().start()
    log = tmp_path / "bot.log"
    port = free_port()
    secret = secrets.token_urlsafe(32)  # A-Z a-z 0-9 _ -, as Telegram accepts
    env = emu.process_env(
        tmp_path / "data",
        WEBHOOK_URL=f"http://127.0.0.1:{port}",
        WEBHOOK_PATH=WEBHOOK_PATH,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        WEBHOOK_SECRET=secret,
        WEBHOOK_REGISTER="true",
    )
    try:
        with arrival_desk(["run", "--webhook"], env, log) as proc:
            webhook_bot = WebhookBot(emu, proc, log, port, secret)
            try:
                yield webhook_bot
            finally:
                webhook_bot.http.close()
    finally:
        emu.stop()


def press_on_topic(
    emu: Emulator, user_id: int, topic_id: str, topic_text: str, data: str, menu: list[str]
) -> Message:
    """Open a topic (its answer shows ``topic_text``), press a button with ``data`` on that
    answer, and return the message once it shows the ``menu`` buttons; the press is answered."""
    message_id = emu.press(user_id, f"faq:open:{topic_id}")
    emu.wait_for(
        user_id, lambda m: m["message_id"] == message_id and topic_text in (m["text"] or "")
    )
    answered = len(emu.callback_answers())
    emu.press(user_id, data, message_id=message_id)
    shown = emu.wait_for(
        user_id, lambda m: m["message_id"] == message_id and set(menu) <= set(Emulator.labels(m))
    )
    assert len(emu.callback_answers()) > answered, f"the button {data!r} was not answered"
    return shown


def duplicates_counted(bot: WebhookBot) -> float:
    response = bot.get("/metrics")
    assert response is not None and response.status_code == 200, "/metrics does not answer"
    for line in response.text.splitlines():
        if line.startswith("arrival_updates_duplicate_total "):
            return float(line.split()[1])
    raise AssertionError("/metrics has no arrival_updates_duplicate_total")


def test_webhook_mode_answers_users_refuses_forgeries_and_stops_cleanly(bot: WebhookBot) -> None:
    emu = bot.emu
    content: FaqContent = load_faq(REPO / "faq")[0]
    roots = content.roots
    uk_titles = [content.translation(topic, "uk").title for topic in roots]
    en_titles = [content.translation(topic, "en").title for topic in roots]
    assert uk_titles, "the repository's FAQ has no top-level topics"

    # 1. At start the bot registers its webhook with Telegram (URL, secret, update kinds), and
    # /healthz answers 200 once the server listens (the wait includes start-up).
    url = bot.wait_until(lambda: emu.webhook_info()["url"], "setWebhook from the bot", 60)
    assert url == bot.endpoint
    info = emu.webhook_info()
    assert info["has_custom_certificate"] is False and info["pending_update_count"] == 0
    assert {"message", "callback_query"} <= set(info.get("allowed_updates") or []), info
    registered = emu.registered_webhook()
    assert registered is not None and registered.get("secret_token") == bot.secret, (
        "the bot did not register its WEBHOOK_SECRET as the webhook's secret_token"
    )
    health = bot.wait_until(lambda: bot.get("/healthz"), "answer from /healthz", 30)
    assert health is not None and health.status_code == 200, health and health.text
    assert health.json()["status"] == "ok", health.text

    # 2. /start delivered by webhook: the main menu in Ukrainian; a topic button edits it.
    _menu, pressed = menu_then_first_topic(emu, UK_USER, content, timeout=10)
    first = roots[0]

    # 3. Forged posts, without the secret header or with a wrong secret: 403 (no reply: step 6).
    forged = start_payload(10**9, FORGED_USER, language_code="uk")
    assert bot.post_update(forged, secret=None) == 403
    wrong = bot.secret[:-1] + ("A" if bot.secret[-1] != "A" else "B")  # same length, one differs
    assert bot.post_update(forged, secret=wrong) == 403
    assert bot.post_update(forged, secret="") == 403

    # 4. Telegram re-posts an update whose webhook call timed out: 200, and handled once. Proof
    # of "once": after the re-post, the next update's reply is the only new message.
    emu.send_text(UK_USER, "/help", language_code="uk")
    help_reply = emu.wait_for(  # the help text above the menu: the reply's last message
        UK_USER,
        lambda m: m["message_id"] > pressed and set(uk_titles) <= set(Emulator.labels(m)),
        timeout=10,
    )
    before = emu.bot_messages(UK_USER)
    assert emu.redeliver_last() == 200
    emu.send_text(UK_USER, "/start", language_code="uk")
    marker = emu.wait_for(UK_USER, lambda m: m["message_id"] > help_reply["message_id"], timeout=10)
    after = emu.bot_messages(UK_USER)
    assert [m["message_id"] for m in after] == [m["message_id"] for m in before] + [
        marker["message_id"]
    ], f"the re-posted /help was answered again: {[m['text'][:60] for m in after]}"
    assert set(uk_titles) <= set(Emulator.labels(marker))
    assert duplicates_counted(bot) == 1

    # 5. Hostile but authenticated: HTML, a right-to-left override and 3000 multi-byte characters
    # get an answer with a way on; a button the bot never sent, pressed on a topic's answer, is
    # answered and turns that message back into the menu.
    emu.send_text(HOSTILE_USER, HOSTILE_TEXT, language_code="en")
    reply = emu.wait_for(HOSTILE_USER, lambda m: bool(m["text"]), timeout=10)
    apology = f"a reply without a way on (the error apology?): {reply['text']!r}"
    assert Emulator.labels(reply), apology
    en_bold_title = f"<b>{html.escape(content.translation(first, 'en').title, quote=False)}</b>"
    for garbage in GARBAGE_BUTTONS:
        shown = press_on_topic(emu, HOSTILE_USER, first.id, en_bold_title, garbage, en_titles)
        assert "\u202e" not in (shown["text"] or ""), "the garbage was echoed back"

    # 6. The forged updates were never handled.
    assert emu.bot_messages(FORGED_USER) == [], "a forged update was answered"

    # 7. SIGTERM: the server drains, the Application stops, the process exits 0.
    log = stops_cleanly(bot.proc, bot.log_text, emu.token, timeout=15)
    assert emu.token.split(":", 1)[0] not in log  # nor the bot id half
    assert bot.secret not in log
    assert HOSTILE_TEXT[:20] not in log, "a message text was logged"
