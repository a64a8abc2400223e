"""Our own messages sent to the Bot API as plain JSON, the reply left as JSON.

python-telegram-bot's typed methods (`send_message`, `edit_message_text`) turn every keyboard
into `TelegramObject`s, serialise them back to JSON and parse the sent or edited message into a
`Message`: about 40 % of the CPU of an FAQ button press (bench/README.md), for objects nobody
reads: our keyboards are plain data and only a new message's id is ever used.
`Bot.do_api_request` is PTB's public way to call a method by name; the call still goes through
the same request object, rate limiter, errors and metrics as the typed methods."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, NamedTuple

from telegram import Bot, InputFile
from telegram.constants import ParseMode
from telegram.ext import ExtBot
from telegram.warnings import PTBUserWarning

SEND, EDIT, EDIT_MARKUP = "sendMessage", "editMessageText", "editMessageReplyMarkup"
SEND_DOCUMENT = "sendDocument"


class Button(NamedTuple):
    """An inline button: its label and its callback data (≤ 64 bytes)."""

    text: str
    callback_data: str


Rows = Sequence[Sequence[Button]]


def quiet_typed_twin_warning() -> None:
    """`do_api_request` warns that these methods have typed twins; choosing the plain call is the
    point here. Idempotent (the warnings module drops a filter added twice)."""
    warnings.filterwarnings(
        "ignore",
        message=rf"Please use 'Bot\.({SEND}|{EDIT}|{EDIT_MARKUP}|{SEND_DOCUMENT})'",
        category=PTBUserWarning,
    )


def wire_markup(rows: Rows) -> dict[str, Any] | None:
    if not rows:
        return None
    return {
        "inline_keyboard": [
            [{"text": b.text, "callback_data": b.callback_data} for b in row] for row in rows
        ]
    }


async def call(bot: Bot, method: str, fields: dict[str, Any], rate_limit_args: Any = None) -> Any:
    """One Bot API call; the reply as JSON (a dict, or True). Errors are PTB's (BadRequest …).
    `rate_limit_args` reach the application's rate limiter (an `ExtBot` only)."""
    api_kwargs = {key: value for key, value in fields.items() if value is not None}
    if rate_limit_args is not None and isinstance(bot, ExtBot):
        return await bot.do_api_request(
            method, api_kwargs=api_kwargs, rate_limit_args=rate_limit_args
        )
    return await bot.do_api_request(method, api_kwargs=api_kwargs)


_NO_PREVIEW = {"is_disabled": True}


async def send_html(
    bot: Bot,
    chat_id: int,
    text: str,
    rows: Rows = (),
    *,
    reply_to: int | None = None,
    rate_limit_args: Any = None,
) -> int | None:
    """sendMessage with HTML and no link preview; the new message's id (None if the server did
    not say)."""
    fields = {
        "chat_id": chat_id,
        "text": text,
        "parse_mode": ParseMode.HTML.value,
        "link_preview_options": _NO_PREVIEW,
        "reply_markup": wire_markup(rows),
        "reply_parameters": (
            {"message_id": reply_to, "allow_sending_without_reply": True}
            if reply_to is not None
            else None
        ),
    }
    reply = await call(bot, SEND, fields, rate_limit_args)
    message_id = reply.get("message_id") if isinstance(reply, dict) else None
    return message_id if isinstance(message_id, int) else None


async def edit_html(bot: Bot, chat_id: int, message_id: int, text: str | None, rows: Rows) -> None:
    """editMessageText (HTML, no link preview), or only the buttons when `text` is None."""
    target = {"chat_id": chat_id, "message_id": message_id, "reply_markup": wire_markup(rows)}
    if text is None:
        await call(bot, EDIT_MARKUP, target)
        return
    await call(
        bot,
        EDIT,
        {
            **target,
            "text": text,
            "parse_mode": ParseMode.HTML.value,
            "link_preview_options": _NO_PREVIEW,
        },
    )


async def send_file(bot: Bot, chat_id: int, filename: str, data: bytes, caption: str) -> None:
    """sendDocument of a file made here (a booking's .ics): the sent message is not read."""
    document = InputFile(data, filename=filename)
    await call(bot, SEND_DOCUMENT, {"chat_id": chat_id, "document": document, "caption": caption})
