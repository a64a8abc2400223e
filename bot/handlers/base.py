"""What every feature's handlers share: the typed context, the person, translation, sending.

The direct answers to an update are sent here (`send_html`, `send_text`, `show`); everything the
bot starts on its own goes through the outbox and its one sender (`bot/handlers/delivery.py`)."""

from __future__ import annotations

import logging
from typing import Any

from telegram import (
    CallbackQuery,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import Application, CallbackContext, ExtBot

from bot.botapi import plain
from bot.botapi.plain import Button
from bot.handlers import callback_data as cd
from bot.people import Person
from bot.services import Services

log = logging.getLogger(__name__)


class AppContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """One context per update (PTB reuses it across handler groups), so group -1 can leave the
    resolved person here for the feature handlers of group 0. Error handlers get a new one."""

    person: Person | None = None

    @property
    def services(self) -> Services:
        services: Services = self.bot_data["services"]
        return services

    def t(self, message_id: str, **args: Any) -> str:
        return self.services.translator.t(self.locale, message_id, **args)

    @property
    def locale(self) -> str:
        if self.person is not None:
            return self.person.locale
        return self.services.settings.default_language


AppType = Application[ExtBot[None], AppContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any]

Keyboard = list[list[Button]]


def button(text: str, action: cd.Action) -> Button:
    """An inline button carrying a typed action (encoded in ≤ 64 bytes)."""
    return Button(text, action.encode())


def markup(rows: Keyboard) -> InlineKeyboardMarkup | None:
    """The keyboard as PTB's object, for PTB's typed methods (`reply_text` on staff commands);
    our answers and the sender pass it as plain JSON instead (`bot/botapi/plain.py`)."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.callback_data) for b in row] for row in rows]
    )


async def acknowledge(
    query: CallbackQuery, text: str | None = None, *, alert: bool = False
) -> None:
    """answerCallbackQuery, best effort: the spinner stopping is not worth failing the action
    for (an old query, or a Bot API server that lacks the method)."""
    try:
        await query.answer(text, show_alert=alert)
    except TelegramError as exc:
        log.debug("answerCallbackQuery failed: %s", type(exc).__name__)


async def pressed(update: Update, context: AppContext) -> cd.Action | None:
    """Answer a button press (stops the client's spinner) and return its typed action.

    None when there is no callback or no resolved person; data that does not parse (old,
    forged, another version's) gives `cd.Malformed()`."""
    query = update.callback_query
    if query is None or context.person is None:
        return None
    await acknowledge(query)
    return cd.parse(query.data) or cd.Malformed()


async def send_html(
    context: AppContext, chat_id: int, text: str, rows: Keyboard | None = None
) -> int | None:
    """An HTML answer without link previews; the new message's id."""
    return await plain.send_html(context.bot, chat_id, text, rows or [])


async def send_text(
    context: AppContext,
    chat_id: int,
    text: str,
    *,
    reply_to: int | None = None,
    force_reply: bool = False,
) -> Message:
    """A plain-text answer (no HTML): under the message `reply_to`, or with `force_reply` so the
    next message answers it (a group bot in privacy mode receives replies to itself)."""
    return await context.bot.send_message(
        chat_id,
        text,
        reply_parameters=ReplyParameters(reply_to) if reply_to is not None else None,
        reply_markup=ForceReply() if force_reply else None,
    )


async def edit_in_place(message: Message, text: str | None, rows: Keyboard) -> bool:
    """Edit a message the bot sent (text None: only its buttons); False when the server
    refused, so the caller sends anew rather than lose the answer (a message too old to edit,
    a server that cannot edit)."""
    try:
        await plain.edit_html(message.get_bot(), message.chat_id, message.message_id, text, rows)
    except TimedOut:
        raise  # the edit may have gone through: sending it again could show it twice
    except (BadRequest, NetworkError) as exc:
        return "not modified" in str(exc).lower()  # a double tap: nothing to do
    return True


async def show(update: Update, context: AppContext, parts: list[str], rows: Keyboard) -> None:
    """Edit the pressed message in place (no flooding), else send; extra parts follow as new
    messages and the keyboard goes on the last part."""
    chat = update.effective_chat
    if chat is None:
        return
    query = update.callback_query
    first, rest = parts[0], parts[1:]
    first_rows = rows if not rest else []
    message = query.message if query is not None else None
    if not (isinstance(message, Message) and await edit_in_place(message, first, first_rows)):
        await send_html(context, chat.id, first, first_rows)
    for index, part in enumerate(rest):
        await send_html(context, chat.id, part, rows if index == len(rest) - 1 else [])
