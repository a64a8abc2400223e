"""Who is writing (group -2), pending input (group -1), /start with deep links, /help, a person
blocking or unblocking the bot, fallbacks."""

from __future__ import annotations

from functools import partial

from telegram import ChatMember, Message, Update
from telegram.constants import ChatType
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.faq.deeplink import parse_start_payload
from bot.greetings import is_greeting
from bot.handlers import awaiting
from bot.handlers.base import AppContext, AppType, acknowledge
from bot.handlers.faq import show_menu, show_topic
from bot.handlers.language import offer_picker_if_guessed
from storage.models import EventKind


async def resolve_person(update: Update, context: AppContext) -> None:
    """Group -2: find or create the user and their language before any feature runs."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    services = context.services
    context.person = await services.people.resolve(
        telegram_id=user.id,
        language=partial(services.translator.negotiate, user.language_code),
        display_name=user.full_name,
        is_coordinator=services.settings.is_coordinator(user.id),
    )


async def forget_pending_input(update: Update, context: AppContext) -> None:
    """A button press or a command means the person moved on: a question the bot asked earlier
    (a booking note, a question for the centre) no longer waits for their next text."""
    message = update.effective_message
    if update.callback_query is not None or (
        message is not None and message.text and message.text.startswith("/")
    ):
        await awaiting.forget(context)


async def on_blocked_or_back(update: Update, context: AppContext) -> None:
    """Telegram says at once when a person blocks the bot (or unblocks it): nothing more is sent
    to them until they are back, rather than each reminder meeting a 403 first."""
    change = update.my_chat_member
    # Every field checked: a forged update may lack any of them (PTB leaves them None).
    chat = change.chat if change is not None else None
    member = change.new_chat_member if change is not None else None
    sender = change.from_user if change is not None else None
    if chat is None or chat.type != ChatType.PRIVATE or member is None or sender is None:
        return
    gone = member.status in (ChatMember.BANNED, ChatMember.LEFT)
    await context.services.people.set_active(sender.id, not gone)


async def on_start(update: Update, context: AppContext) -> None:
    person = context.person
    if person is None or update.effective_message is None:
        return
    payload = parse_start_payload(context.args[0] if context.args else None)
    await context.services.record_event(
        kind=EventKind.START,
        user_key=person.user_key,
        language=person.locale,
        topic_id=payload.topic_id,
        source=payload.source,
    )
    if not (payload.topic_id and await show_topic(update, context, payload.topic_id)):
        language = context.services.translator.language_name(person.locale, in_sentence=True)
        greeting = context.t("start-welcome", language=language)
        if person.is_new:  # first contact: what we store and why, in two lines
            greeting += "\n\n" + context.t("privacy-first-contact")
        if payload.topic_id:
            greeting = context.t("faq-topic-missing") + "\n\n" + greeting
        await show_menu(update, context, greeting=greeting)
    # Telegram's first message to a bot is always /start: first contact is here.
    await offer_picker_if_guessed(update, context)


class _Greeting(filters.MessageFilter):
    """A text that is only a greeting ("привіт", "zdravo", "dober dan")."""

    def filter(self, message: Message) -> bool:
        return bool(message.text) and is_greeting(message.text or "")


async def on_greeting(update: Update, context: AppContext) -> None:
    """Greet back with the menu; a search would find no topic and say "sorry"."""
    person = context.person
    if person is None:
        return
    if await awaiting.consume(update, context):
        return  # "hello" as the note or question the bot asked for belongs to that feature
    await context.services.record_event(
        kind=EventKind.GREETING, user_key=person.user_key, language=person.locale
    )
    await show_menu(update, context, greeting=context.t("greeting-reply"))


async def on_help(update: Update, context: AppContext) -> None:
    person = context.person
    if person is None:
        return
    await context.services.record_event(
        kind=EventKind.HELP, user_key=person.user_key, language=person.locale
    )
    text = context.t("help-text")
    if person.is_coordinator:  # their commands too, in their own language
        text += "\n\n" + context.t("co-help")
    await show_menu(update, context, greeting=text)


async def on_other(update: Update, context: AppContext) -> None:
    """Stickers, photos, unknown commands: the menu, so nobody is left without an answer."""
    person = context.person
    if person is None:
        return
    await context.services.record_event(
        kind=EventKind.OTHER, user_key=person.user_key, language=person.locale
    )
    await show_menu(update, context, greeting=context.t("menu-title"))


async def on_unknown_button(update: Update, context: AppContext) -> None:
    """A button no feature knows (an old version's, or forged): answer it, show the menu."""
    query = update.callback_query
    if query is None:
        return
    await acknowledge(query)
    if context.person is not None:
        await show_menu(update, context)


def register_gate(app: AppType) -> None:
    app.add_handler(TypeHandler(Update, resolve_person), group=-2)
    app.add_handler(TypeHandler(Update, forget_pending_input), group=-1)


def register(app: AppType) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(ChatMemberHandler(on_blocked_or_back, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CommandHandler("start", on_start, filters=private))
    app.add_handler(CommandHandler("help", on_help, filters=private))
    # Before the search and the reply handlers; a reply to a relayed answer stays a reply.
    greeting = private & filters.TEXT & ~filters.COMMAND & ~filters.REPLY & _Greeting()
    app.add_handler(MessageHandler(greeting, on_greeting))


def register_fallback(app: AppType) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL, on_other))
    app.add_handler(CallbackQueryHandler(on_unknown_button))
