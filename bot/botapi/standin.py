"""An in-process Bot API: a `BaseRequest` that answers like Telegram and records every call.

It is PTB's one supported seam for faking the network (`ApplicationBuilder().request(...)`), used by
the tests and by `arrival-desk chat`. It keeps the messages it "sent" so edits return real messages,
and it can be told to fail the next calls (429 with retry_after, 403 blocked, network error).
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 700000001,
    "is_bot": True,
    "first_name": "Arrival Desk",
    "username": "arrival_desk_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

MESSAGE_METHODS = {"sendMessage", "sendDocument", "sendPhoto"}
EDIT_METHODS = {"editMessageText", "editMessageReplyMarkup"}
TEXT_LIMIT = 4096  # characters after entity parsing, as Telegram counts them
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


_TAG = re.compile(r"<[^>]*>")


def visible_length(text: str, parse_mode: str | None) -> int:
    """What Telegram measures: the text without HTML tags, entities decoded, trimmed."""
    if parse_mode == "HTML":
        text = unescape(_TAG.sub("", text))
    return len(text.strip())


def _refused_length(text: str, parse_mode: str | None) -> str | None:
    """Why Telegram would refuse a text's length (empty, too long), or None. Tags and entities
    only shorten a text, so one of at most TEXT_LIMIT characters that starts with a visible
    character is fine without measuring it (the stand-in's work is not the bot's, and the bench
    runs every message through it)."""
    start = text.lstrip()[:1]
    if len(text) <= TEXT_LIMIT and start and (parse_mode != "HTML" or start not in "<&"):
        return None
    length = visible_length(text, parse_mode)
    if length == 0:
        return "Bad Request: message text is empty"
    if length > TEXT_LIMIT:
        return "Bad Request: message is too long"
    return None


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    result: Any = None  # what the stand-in answered (the message, for sends and edits)

    @property
    def message_id(self) -> int | None:
        """The id of the message this call sent or edited."""
        if isinstance(self.result, dict) and "message_id" in self.result:
            return int(self.result["message_id"])
        value = self.params.get("message_id")
        return int(value) if value is not None else None

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return list(markup.get("inline_keyboard", []))

    def button_texts(self) -> list[str]:
        return [button["text"] for row in self.buttons for button in row]


@dataclass
class _Failure:
    method: str | None
    kind: str  # "retry_after", "forbidden", "network", "bad_request", "null_result"
    chat_id: int | None
    remaining: int
    retry_after: int = 1


class StandinBotApi(BaseRequest):
    """Answers the Bot API methods the bot uses with well-formed results."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._message_ids = itertools.count(1000)
        self._failures: list[_Failure] = []
        self.blocked_chats: set[int] = set()
        # Awaited before each call is answered: a test can make the Bot API slow (move a clock)
        # or let something else happen while a call is in flight.
        self.before_call: Callable[[Call], Awaitable[None]] | None = None
        # True: getUpdates answers 409 Conflict, as when another process polls with the token.
        self.polling_conflict = False
        self.webhook_url = ""  # set by setWebhook, cleared by deleteWebhook, as on Telegram
        self.refused: list[Call] = []  # calls answered with an error Telegram would give

    # -- BaseRequest -----------------------------------------------------------------------
    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files: dict[str, tuple[str, bytes]] = {}
        if request_data is not None and request_data.contains_files:
            for name, value in request_data.multipart_data.items():
                filename, content = value[0], value[1]
                raw = content if isinstance(content, bytes) else content.read()
                files[name] = (str(filename), raw)
        call = Call(api_method, params, files)
        if self.before_call is not None:
            await self.before_call(call)
        failure = self._take_failure(call)
        if failure is not None:
            return self._fail(failure)
        if call.chat_id is not None and call.chat_id in self.blocked_chats:
            return 403, _error(403, "Forbidden: bot was blocked by the user")
        if api_method == "getUpdates" and self.polling_conflict:
            self.refused.append(call)
            return 409, _error(409, CONFLICT)
        refusal = _refuse_text(call)
        if refusal is not None:
            self.refused.append(call)
            return 400, _error(400, refusal)
        self.calls.append(call)
        call.result = self._answer(call)
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    # -- what a test or the chat REPL uses ------------------------------------------------------
    def fail_next(
        self,
        kind: str,
        *,
        method: str | None = None,
        chat_id: int | None = None,
        times: int = 1,
        retry_after: int = 1,
    ) -> None:
        self._failures.append(_Failure(method, kind, chat_id, times, retry_after))

    def sent(self, method: str | None = None, *, chat_id: int | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if (method is None or c.method == method) and (chat_id is None or c.chat_id == chat_id)
        ]

    def outgoing(self, chat_id: int | None = None) -> list[Call]:
        """Messages sent or edited (what a person would see), oldest first."""
        return [
            c
            for c in self.calls
            if c.method in MESSAGE_METHODS | EDIT_METHODS
            and (chat_id is None or c.chat_id == chat_id)
        ]

    def clear(self) -> None:
        self.calls.clear()

    # -- internals -------------------------------------------------------------------------
    def _take_failure(self, call: Call) -> _Failure | None:
        for failure in self._failures:
            if failure.method not in (None, call.method):
                continue
            if failure.chat_id is not None and failure.chat_id != call.chat_id:
                continue
            failure.remaining -= 1
            if failure.remaining <= 0:
                self._failures.remove(failure)
            return failure
        return None

    @staticmethod
    def _fail(failure: _Failure) -> tuple[int, bytes]:
        if failure.kind == "network":
            raise NetworkError("stand-in: connection reset")
        if failure.kind == "retry_after":
            return 429, _error(429, "Too Many Requests", {"retry_after": failure.retry_after})
        if failure.kind == "null_result":  # what some emulators answer to edits
            return 200, json.dumps({"ok": True, "result": None}).encode()
        if failure.kind == "forbidden":
            return 403, _error(403, "Forbidden: bot was blocked by the user")
        if failure.kind == "chat_not_found":
            return 400, _error(400, "Bad Request: chat not found")
        return 400, _error(400, "Bad Request: stand-in refused the call")

    def _answer(self, call: Call) -> Any:
        if call.method == "getMe":
            return BOT_USER
        if call.method in MESSAGE_METHODS:
            return self._store_message(call)
        if call.method in EDIT_METHODS:
            key = (int(call.params.get("chat_id", 0)), int(call.params.get("message_id", 0)))
            message = self.messages.get(key)
            if message is None:
                return True
            if "text" in call.params:
                message["text"] = call.params["text"]
            message["edit_date"] = int(time.time())
            if "reply_markup" in call.params:
                message["reply_markup"] = call.params["reply_markup"]
            else:
                message.pop("reply_markup", None)
            return message
        if call.method == "getUpdates":
            return []
        if call.method == "setWebhook":
            self.webhook_url = str(call.params.get("url", ""))
        if call.method == "deleteWebhook":
            self.webhook_url = ""
        if call.method == "getWebhookInfo":
            return {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": 0,
            }
        if call.method == "getMyCommands":
            return []
        if call.method == "getChat":
            chat_id = int(call.params.get("chat_id", 0))
            return {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        return True

    def _store_message(self, call: Call) -> dict[str, Any]:
        chat_id = int(call.params.get("chat_id", 0))
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if call.method == "sendMessage":
            message["text"] = call.params.get("text", "")
        else:
            kind = "document" if call.method == "sendDocument" else "photo"
            filename = next(iter(call.files.values()), ("file", b""))[0]
            message[kind] = (
                {
                    "file_id": f"file-{message['message_id']}",
                    "file_unique_id": "u",
                    "file_name": filename,
                }
                if kind == "document"
                else [{"file_id": "p", "file_unique_id": "u", "width": 1, "height": 1}]
            )
            if "caption" in call.params:
                message["caption"] = call.params["caption"]
        markup = call.params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            # Telegram keeps only an inline keyboard on a message (not ForceReply and the like).
            message["reply_markup"] = markup
        self.messages[(chat_id, message["message_id"])] = message
        return message


def _refuse_text(call: Call) -> str | None:
    """Telegram's answer to a text it will not send: empty, or over 4096 characters."""
    if call.method not in ("sendMessage", "editMessageText"):
        return None
    return _refused_length(str(call.params.get("text", "")), call.params.get("parse_mode"))


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> bytes:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return json.dumps(body).encode()
