"""Ask a consultant: a migrant's question goes to the coordinator chat; a coordinator's reply to
that post comes back to the migrant in a thread. Only the message ids are stored, never the text.
"""

from __future__ import annotations

from html import escape

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.handlers import awaiting, search
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, acknowledge, button, send_long_html, show
from bot.text import clean_text
from storage.models import Relay, User
from storage.repos import booking as repo


async def on_ask(update: Update, context: AppContext) -> None:
    """The button or /ask: invite the person to write; their next text is the question."""
    query = update.callback_query
    person = context.person
    if person is None:
        return
    if query is not None:
        await acknowledge(query)
    home = [[button(context.t("faq-home"), cd.FAQ, "home")]]
    if context.services.settings.coordinator_chat_id is None:  # nobody would read it
        await show(update, context, [context.t("ask-unavailable")], home)
        return
    data = cd.decode(query.data) if query is not None else None
    thread = None
    relay_id = cd.as_id(data.value) if data is not None and data.action == "reply" else None
    if relay_id is not None:
        async with context.services.db.session() as session:
            relay = await session.get(Relay, relay_id)
        if relay is not None and relay.user_id == person.id:  # never another person's thread
            thread = relay.coordinator_message_id
    await awaiting.expect(context, "ask", thread=thread)
    await show(update, context, [context.t("ask-write")], home)


async def post_question(update: Update, context: AppContext, pending: dict[str, object]) -> None:
    message = update.effective_message
    person = context.person
    services = context.services
    chat_id = services.settings.coordinator_chat_id
    if message is None or person is None or not message.text:
        return
    if chat_id is None:
        await message.reply_text(context.t("ask-unavailable"))
        return
    locale = services.settings.coordinator_language
    thread = pending.get("thread")
    # Up to 4,096 characters, escaped (5 times longer with "&"): split, never cut.
    text = services.translator.t(
        locale,
        "co-question-followup" if thread else "co-question",
        name=escape(clean_text(person.display_name) or "—", quote=False),
        language=escape(services.translator.language_name(person.locale), quote=False),
        text=escape(clean_text(message.text), quote=False),
    )
    try:
        posted = await send_long_html(
            context, chat_id, text, reply_to=thread if isinstance(thread, int) else None
        )
    except TelegramError:
        await message.reply_text(context.t("ask-unavailable"))
        return
    async with services.db.session() as session:
        for post in posted:  # a coordinator may answer by replying to any part
            await repo.add_relay(
                session=session,
                relay=Relay(
                    user_id=person.id,
                    coordinator_message_id=post.message_id,
                    created_at=services.clock.now(),
                ),
            )
        await session.commit()
    await services.record_event(
        kind="consultation_contact", user_key=person.user_key, language=person.locale
    )
    await message.reply_text(context.t("ask-sent"))


async def on_coordinator_reply(update: Update, context: AppContext) -> None:
    """A reply in the coordinator chat to a question post goes back to the person who asked."""
    message = update.effective_message
    person = context.person
    if message is None or message.reply_to_message is None or not message.text:
        return
    services = context.services
    if person is None or not person.is_coordinator:
        return  # other members of the chat may talk; only coordinators answer migrants
    async with services.db.session() as session:
        relay = await repo.relay_by_coordinator_message(
            session=session, message_id=message.reply_to_message.message_id
        )
        user = await session.get(User, relay.user_id) if relay else None
    if relay is None or user is None or user.telegram_id is None:
        if message.chat.type == "private":  # a coordinator's own chat: an ordinary reply
            await on_private_reply(update, context)
        return
    translator = services.translator
    text = translator.t(
        user.language, "ask-answer", text=escape(clean_text(message.text), quote=False)
    )
    rows = [[button(translator.t(user.language, "ask-write-back"), cd.ASK, "reply", relay.id or 0)]]
    try:
        sent = await send_long_html(context, user.telegram_id, text, rows)
    except TelegramError:
        await message.reply_text(
            translator.t(services.settings.coordinator_language, "co-relay-failed")
        )
        return
    async with services.db.session() as session:
        for part in sent:  # the person may write back by replying to any part
            await repo.add_relay(
                session=session,
                relay=Relay(
                    user_id=user.id or 0,
                    coordinator_message_id=relay.coordinator_message_id,
                    user_message_id=part.message_id,
                    created_at=services.clock.now(),
                ),
            )
        await session.commit()


async def on_private_reply(update: Update, context: AppContext) -> None:
    """A migrant answering (Telegram "reply") a relayed answer continues the thread."""
    message = update.effective_message
    person = context.person
    if message is None or person is None:
        return
    original: Message | None = message.reply_to_message
    if original is not None:
        async with context.services.db.session() as session:
            relay = await repo.relay_by_user_message(
                session=session, user_id=person.id, message_id=original.message_id
            )
        if relay is not None:
            await post_question(update, context, {"thread": relay.coordinator_message_id})
            return
    await search.on_question(update, context)


def register(app: AppType) -> None:
    private = filters.ChatType.PRIVATE
    replies = filters.REPLY & filters.TEXT & ~filters.COMMAND
    app.add_handler(CommandHandler("ask", on_ask, filters=private))
    app.add_handler(CallbackQueryHandler(on_ask, pattern=cd.pattern(cd.ASK)))
    chat_id = app.bot_data["services"].settings.coordinator_chat_id
    if chat_id is not None:
        # First: the coordinator chat may be a group or one coordinator's private chat.
        app.add_handler(MessageHandler(filters.Chat(chat_id) & replies, on_coordinator_reply))
    app.add_handler(MessageHandler(private & replies, on_private_reply))
    awaiting.add_consumer(app, "ask", post_question)
