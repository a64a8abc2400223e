"""What every coordinator handler shares: who may act, where coordinator output may go, which
language it is written in, and the name a decision is signed with.

One language rule for staff output: whatever is posted to the coordinator chat is in
COORDINATOR_LANGUAGE (several coordinators read it); what a coordinator gets in their own private
chat is in that coordinator's own language.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ChatType

from bot.handlers.base import AppContext
from bot.text import clean_text

log = logging.getLogger(__name__)

NAME_LIMIT = 64  # the column that keeps it


def is_coordinator(context: AppContext) -> bool:
    return context.person is not None and context.person.is_coordinator


def log_refusal(what: str, chat_type: str | None) -> None:
    """A non-coordinator tried a coordinator's command or button: say so without who, where or
    what they wrote (only the kind of thing refused and the kind of chat)."""
    log.warning(
        "coordinator %s refused: the sender is not a coordinator (%s chat)", what, chat_type
    )


def staff_locale(context: AppContext, chat_id: int | None) -> str:
    """The coordinator chat's language there; the coordinator's own language elsewhere."""
    settings = context.services.settings
    if chat_id is None or chat_id == settings.coordinator_chat_id or context.person is None:
        return settings.coordinator_language
    return context.person.locale


def staff_t(context: AppContext, chat_id: int | None, message_id: str, **args: object) -> str:
    return context.services.translator.t(staff_locale(context, chat_id), message_id, **args)


def signed_by(update: Update) -> str:
    """A coordinator's first name, as decisions and answers are signed (never a Telegram id)."""
    user = update.effective_user
    name = clean_text(user.first_name if user is not None else "").strip()
    return name[:NAME_LIMIT] or "—"


def staff_chat(context: AppContext, message: Message) -> bool:
    """Coordinator output (names, times) goes only to the coordinator chat or a coordinator's
    own private chat, never into some group a coordinator also happens to be in."""
    chat = message.chat
    if chat.id == context.services.settings.coordinator_chat_id:
        return True
    return (
        chat.type == ChatType.PRIVATE
        and message.from_user is not None
        and (chat.id == message.from_user.id)
    )


async def coordinator_message(update: Update, context: AppContext) -> Message | None:
    """The command's message if a coordinator sent it where coordinator output may go; everyone
    else is told it is not theirs (in their own language). Checked in every handler."""
    message = update.effective_message
    if message is None:
        return None
    if not is_coordinator(context):
        log_refusal("command", message.chat.type)
        await message.reply_text(context.t("coordinator-only"))
        return None
    if not staff_chat(context, message):
        # Silence in that chat; the log says what was refused, not who or where.
        log.warning(
            "coordinator command ignored in a %s chat that is not the staff chat", message.chat.type
        )
        return None
    return message
