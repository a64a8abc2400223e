"""Simulated Telegram users: build real updates, feed them to the Application, read the answers.

Used by `arrival-desk chat` and by the tests, so both exercise exactly the production handlers.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.botapi.standin import Call, StandinBotApi
from bot.handlers.delivery import wait_for_deliveries

_update_ids = itertools.count(1)
_incoming_message_ids = itertools.count(1)


class SimulatedUser:
    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        api: StandinBotApi,
        user_id: int,
        *,
        language_code: str | None = "en",
        first_name: str = "Test",
        chat_id: int | None = None,
    ) -> None:
        self.app = app
        self.api = api
        self.user_id = user_id
        self.language_code = language_code
        self.first_name = first_name
        self.chat_id = chat_id if chat_id is not None else user_id

    # -- building updates ------------------------------------------------------------------
    def _user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def _chat(self) -> dict[str, Any]:
        if self.chat_id == self.user_id:
            return {"id": self.chat_id, "type": "private", "first_name": self.first_name}
        return {"id": self.chat_id, "type": "supergroup", "title": "Coordinators"}

    def message_payload(self, text: str, *, reply_to: int | None = None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(_incoming_message_ids),
            "date": int(time.time()),
            "chat": self._chat(),
            "from": self._user(),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            original = self.api.messages.get((self.chat_id, reply_to))
            if original is not None:
                message["reply_to_message"] = original
        return {"update_id": next(_update_ids), "message": message}

    def callback_payload(self, data: str, message: dict[str, Any]) -> dict[str, Any]:
        return {
            "update_id": next(_update_ids),
            "callback_query": {
                "id": str(next(_update_ids)),
                "from": self._user(),
                "chat_instance": f"ci-{self.chat_id}",
                "message": message,
                "data": data,
            },
        }

    # -- acting ----------------------------------------------------------------------------
    async def feed(self, payload: dict[str, Any]) -> list[Call]:
        before = len(self.api.calls)
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        # What the update caused to be sent in the background (coordinator notices, offers)
        # belongs to what a person at a phone would see next.
        await wait_for_deliveries(self.app)
        await self.app.bot_data["services"].event_log.flush()  # tests read what it recorded
        return self.api.calls[before:]

    async def send(self, text: str, *, reply_to: int | None = None) -> list[Call]:
        return await self.feed(self.message_payload(text, reply_to=reply_to))

    async def press(self, label: str, *, exact: bool = False) -> list[Call]:
        """Press the button whose text contains `label` on the newest message that has one."""
        message, data = self.find_button(label, exact=exact)
        return await self.feed(self.callback_payload(data, message))

    async def press_data(self, data: str, message_id: int | None = None) -> list[Call]:
        """Send raw callback data (old or forged buttons) as if from a given message."""
        message = self._message(message_id) if message_id else self._latest_with_keyboard()
        return await self.feed(self.callback_payload(data, message))

    # -- reading ---------------------------------------------------------------------------
    def find_button(self, label: str, *, exact: bool = False) -> tuple[dict[str, Any], str]:
        for message in reversed(self._chat_messages()):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    text = button.get("text", "")
                    if (text == label) if exact else (label.lower() in text.lower()):
                        return message, str(button["callback_data"])
        raise LookupError(f"no button '{label}' in chat {self.chat_id}")

    def last_text(self) -> str:
        messages = self._chat_messages()
        return (
            str(messages[-1].get("text") or messages[-1].get("caption") or "") if messages else ""
        )

    def last_buttons(self) -> list[str]:
        return [
            button["text"]
            for row in (self._latest_with_keyboard().get("reply_markup") or {}).get(
                "inline_keyboard", []
            )
            for button in row
        ]

    def _chat_messages(self) -> list[dict[str, Any]]:
        return [m for (chat, _), m in sorted(self.api.messages.items()) if chat == self.chat_id]

    def _latest_with_keyboard(self) -> dict[str, Any]:
        for message in reversed(self._chat_messages()):
            if message.get("reply_markup"):
                return dict(message)
        raise LookupError(f"no message with buttons in chat {self.chat_id}")

    def _message(self, message_id: int) -> dict[str, Any]:
        return self.api.messages[(self.chat_id, message_id)]
