"""Client for the Bot API emulator in emulator/launcher.js: start it, act as users, read replies.

Standard library only. Typical use with a PTB 22 Application running in the test's event loop::

    with Emulator() as emu:
        app = (ApplicationBuilder().token(emu.token).base_url(emu.base_url)
               .base_file_url(emu.base_file_url).build())
        ...  # start polling
        emu.send_text(1001, "/start")
        reply = await emu.wait_for_async(1001, lambda m: "Welcome" in (m["text"] or ""))
        emu.press(1001, "lang:uk")

Blocking calls (send_text, press, bot_messages) only talk to the emulator process over 127.0.0.1
and return at once, so they are fine inside async tests; waiting must use ``wait_for_async`` there,
because ``wait_for`` sleeps and would starve a bot that runs in the same event loop.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

EMULATOR_DIR = Path(__file__).resolve().parent / "emulator"
REPO = EMULATOR_DIR.parents[2]
# Shaped like a token so PTB accepts it; obviously not a real one.
FAKE_TOKEN = "123456:TEST-not-a-real-token"
# Never send loopback traffic through an HTTP proxy taken from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

Message = dict[str, Any]


class Emulator:
    """A telegram-test-api process patched for PTB 22, on a free port of 127.0.0.1."""

    def __init__(
        self, *, token: str = FAKE_TOKEN, store_timeout: int = 30, startup_timeout: float = 20.0
    ) -> None:
        self.token = token
        # Seconds the emulator keeps any record, bot messages included (see launcher.js).
        self.store_timeout = store_timeout
        self.startup_timeout = startup_timeout
        self.port: int | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> Emulator:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not on PATH: the Bot API emulator needs Node 20")
        self._ensure_node_modules()
        env = {**os.environ, "STORE_TIMEOUT": str(self.store_timeout), "EXIT_ON_STDIN_CLOSE": "1"}
        # Port 0: the launcher listens on a free port and reports it in its READY line. stderr is
        # inherited, so the emulator's warnings land in pytest's captured output. stdin stays open:
        # the emulator exits when it closes, i.e. when the test process dies without calling stop().
        self._proc = subprocess.Popen(
            [node, str(EMULATOR_DIR / "launcher.js"), "0"],
            cwd=EMULATOR_DIR,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._drain_stdout, args=(lines,), daemon=True)
        self._reader.start()
        try:
            line = lines.get(timeout=self.startup_timeout)
        except queue.Empty:
            self.stop()
            raise RuntimeError(f"emulator not READY within {self.startup_timeout} s") from None
        if not line.startswith("READY "):
            code = self._proc.wait(timeout=5)
            self._proc = None
            raise RuntimeError(f"emulator failed to start (exit code {code}); see its stderr above")
        self.port = int(line.split()[1])
        return self

    def _drain_stdout(self, lines: queue.Queue[str]) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        for line in self._proc.stdout:  # keeps reading so the pipe never fills up
            lines.put(line.strip())
        lines.put("EOF")

    @staticmethod
    def _ensure_node_modules() -> None:
        if (EMULATOR_DIR / "node_modules" / "telegram-test-api").is_dir():
            return
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(f"npm is not on PATH; run `npm ci` in {EMULATOR_DIR}")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=EMULATOR_DIR,
            check=True,
            timeout=600,
            stdout=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.terminate()  # SIGTERM: the launcher closes its server and exits 0
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdin:
            proc.stdin.close()
        if self._reader is not None:
            self._reader.join(timeout=2)  # it sees EOF once the process is gone
        if proc.stdout:
            proc.stdout.close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what PTB needs ----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the emulator is not running")
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: PTB appends the token and the method."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)`` (file downloads are not emulated)."""
        return f"{self.url}/file/bot"

    # -- simulated users ---------------------------------------------------------------------------
    def send_text(
        self,
        user_id: int,
        text: str,
        language_code: str = "en",
        first_name: str = "Test",
        username: str | None = None,
    ) -> None:
        """The user types ``text`` in their private chat with the bot; "/cmd ..." is a command."""
        user: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        if username:
            user["username"] = username
        message: dict[str, Any] = {
            "botToken": self.token,
            "from": user,
            "text": text,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": first_name},
        }
        if text.startswith("/"):  # what Telegram clients add; without it no CommandHandler matches
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            self._post("/sendCommand", message)
        else:
            self._post("/sendMessage", message)

    def press(
        self,
        user_id: int,
        callback_data: str,
        message_id: int | None = None,
        language_code: str = "en",
        first_name: str = "Test",
    ) -> int:
        """The user presses an inline button; returns the id of the message the button is on.

        Without ``message_id`` the newest bot message in the chat that has a button with this
        ``callback_data`` is used; it is an error if there is none (a real user could not press it).
        """
        if message_id is None:
            for msg in reversed(self.bot_messages(user_id)):
                if callback_data in _callback_datas(msg):
                    message_id = msg["message_id"]
                    break
            else:
                raise AssertionError(
                    f"no bot message in chat {user_id} has a button with data {callback_data!r}"
                )
        self._post(
            "/sendCallback",
            {
                "botToken": self.token,
                "data": callback_data,
                "from": {
                    "id": user_id,
                    "is_bot": False,
                    "first_name": first_name,
                    "language_code": language_code,
                },
                "message": {"message_id": message_id, "chat": {"id": user_id, "type": "private"}},
            },
        )
        return message_id

    # -- what the bot did --------------------------------------------------------------------------
    def bot_messages(self, chat_id: int) -> list[Message]:
        """Every message the bot sent to ``chat_id`` and did not delete, oldest first, as edited.

        Each is the bot's request plus ``message_id``: always ``text``, ``reply_markup`` (None when
        absent) and ``chat_id``; also ``caption``, ``document``, ``parse_mode``, ``edit_date``, ...
        """
        messages = []
        for record in self._post("/getUpdatesHistory", {"token": self.token}):
            body = record.get("message") or {}
            if "chat_id" not in body or str(body["chat_id"]) != str(chat_id):
                continue  # a user's update, or another chat
            messages.append(
                {
                    **body,
                    "chat_id": chat_id,
                    "message_id": record["messageId"],
                    "text": body.get("text"),
                    "reply_markup": body.get("reply_markup"),
                }
            )
        return sorted(messages, key=lambda m: m["message_id"])

    def callback_answers(self) -> list[dict[str, Any]]:
        """Every answerCallbackQuery call (callback_query_id, text, show_alert...), oldest first."""
        answers: list[dict[str, Any]] = self._post("/getCallbackAnswers", {"token": self.token})
        return answers

    # -- webhook mode ------------------------------------------------------------------------------
    def webhook_info(self) -> dict[str, Any]:
        """What ``getWebhookInfo`` tells the bot: ``url`` ("" when none is set),
        ``has_custom_certificate``, ``pending_update_count`` and ``allowed_updates`` if given."""
        info: dict[str, Any] = self._post(f"/bot{self.token}/getWebhookInfo", {})
        return info

    def registered_webhook(self) -> dict[str, Any] | None:
        """What the bot's ``setWebhook`` registered: ``url``, ``secret_token`` (which Telegram
        never shows) and ``allowed_updates``; None when no webhook is set."""
        webhook: dict[str, Any] | None = self._post("/getWebhook", {"token": self.token})
        return webhook

    def redeliver_last(self) -> int:
        """Post the last update delivered to the webhook again, unchanged (same ``update_id``), as
        Telegram does when a webhook call timed out; return the HTTP status the bot answered."""
        return int(self._post("/redeliverLastUpdate", {"token": self.token}))

    def process_env(self, data_dir: Path, **settings: str) -> dict[str, str]:
        """The environment of an `arrival-desk` process that talks to this emulator: the
        repository's content, a SQLite database in `data_dir`, no coordinators, English by
        default, loopback never through a proxy; `settings` add to it or replace."""
        return {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": self.token,
            "TELEGRAM_API_URL": self.base_url,
            "DATA_DIR": str(data_dir),
            "DATABASE_URL": f"sqlite:///{data_dir / 'arrival-desk.db'}",
            "FAQ_DIR": str(REPO / "faq"),
            "LOCALES_DIR": str(REPO / "locales"),
            "DEFAULT_LANGUAGE": "en",
            "COORDINATOR_IDS": "",
            "COORDINATOR_CHAT_ID": "",
            "LOG_LEVEL": "INFO",
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
            **settings,
        }

    @staticmethod
    def labels(message: Message) -> list[str]:
        """Every button label of a message, row after row."""
        return [label for row in Emulator.buttons(message) for label in row]

    @staticmethod
    def buttons(message: Message) -> list[list[str]]:
        """The labels of a message's keyboard (inline or reply), row by row."""
        markup = message.get("reply_markup") or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [[b if isinstance(b, str) else b["text"] for b in row] for row in rows]

    def wait_for(
        self, chat_id: int, predicate: Callable[[Message], bool], timeout: float = 5.0
    ) -> Message:
        """Block until a bot message in the chat satisfies ``predicate``; return the newest such.

        Only for bots running in another thread or process: use ``wait_for_async`` in async tests.
        """
        deadline = time.monotonic() + timeout
        while True:
            found = self._match(chat_id, predicate, deadline)
            if found is not None:
                return found
            time.sleep(0.02)

    async def wait_for_async(
        self, chat_id: int, predicate: Callable[[Message], bool], timeout: float = 5.0
    ) -> Message:
        """``wait_for`` that yields to the event loop between checks, so an in-loop bot can run."""
        deadline = time.monotonic() + timeout
        while True:
            found = self._match(chat_id, predicate, deadline)
            if found is not None:
                return found
            await asyncio.sleep(0.02)

    def _match(
        self, chat_id: int, predicate: Callable[[Message], bool], deadline: float
    ) -> Message | None:
        messages = self.bot_messages(chat_id)
        for msg in reversed(messages):
            if predicate(msg):
                return msg
        if time.monotonic() > deadline:
            seen = (
                "\n".join(
                    f"  #{m['message_id']}: {m['text'] or m.get('caption')!r} {self.buttons(m)}"
                    for m in messages
                )
                or "  (none)"
            )
            raise TimeoutError(f"no matching bot message in chat {chat_id}; the bot sent:\n{seen}")
        return None

    # -- transport ---------------------------------------------------------------------------------
    def _post(self, path: str, payload: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with _OPENER.open(request, timeout=10) as response:
            answer = json.load(response)
        if not answer.get("ok"):
            raise RuntimeError(f"emulator {path} failed: {answer}")
        return answer.get("result")


def _callback_datas(message: Message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b.get("callback_data") for row in markup.get("inline_keyboard", []) for b in row]
