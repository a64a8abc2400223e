"""Ask a person at the centre: a migrant's question goes to the coordinator chat; a coordinator's
reply to that post comes back to the migrant in a thread. Both go out through the outbox (kinds
`question` and `answer`, rendered here); only message ids are kept once they are sent."""

from __future__ import annotations

from html import escape

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.delivery.kinds import Kind
from bot.delivery.outbox import payload_of
from bot.handlers import awaiting, search
from bot.handlers import callback_data as cd
from bot.handlers.base import (
    AppContext,
    AppType,
    acknowledge,
    button,
    send_html,
    send_text,
    show,
)
from bot.handlers.delivery import Outgoing, Skip, kick, reachable, register_kind
from bot.handlers.privacy import add_consent_step, ask_consent
from bot.handlers.staff_base import signed_by, staff_t
from bot.services import Services
from bot.text import clean_text
from storage.models import Outbox


async def on_ask(update: Update, context: AppContext) -> None:
    """The button or /ask: invite the person to write; their next text is the question."""
    query = update.callback_query
    person = context.person
    if person is None:
        return
    if query is not None:
        await acknowledge(query)
    home = [[button(context.t("faq-home"), cd.FaqHome())]]
    if context.services.settings.coordinator_chat_id is None:  # nobody would read it
        await show(update, context, [context.t("ask-unavailable")], home)
        return
    if await ask_consent(update, context, "ask"):
        return
    press = cd.parse(query.data) if query is not None else None
    relay_id = press.relay_id if isinstance(press, cd.AskReply) else None
    thread = None
    if relay_id is not None:
        thread = await context.services.relays.thread_of(relay_id, person.id)
    await awaiting.expect(context, "ask", thread=thread)
    chat = update.effective_chat
    if relay_id is not None and chat is not None:
        # Under the centre's answer: the answer stays, the prompt is a new message.
        await send_html(context, chat.id, context.t("ask-write"), home)
        return
    await show(update, context, [context.t("ask-write")], home)


async def post_question(update: Update, context: AppContext, pending: dict[str, object]) -> None:
    message = update.effective_message
    person = context.person
    services = context.services
    if message is None or person is None or not message.text:
        return
    if services.settings.coordinator_chat_id is None:
        await message.reply_text(context.t("ask-unavailable"))
        return
    user = await services.desk.person(person.id)
    if user is None:
        return
    thread = pending.get("thread")
    await services.relays.ask(
        user=user, text=clean_text(message.text), thread=thread if isinstance(thread, int) else None
    )
    kick(context)
    await message.reply_text(context.t("ask-sent"))


async def render_question(services: Services, row: Outbox) -> Outgoing | Skip:
    """The question in the coordinator chat, in the coordinators' language; the person's words
    escaped and never cut (long ones go in parts)."""
    chat_id = services.settings.coordinator_chat_id
    user = await services.desk.person(row.user_id or 0)
    payload = payload_of(row)
    text, thread = payload.get("text"), payload.get("thread")
    if chat_id is None or user is None or not isinstance(text, str):
        return Skip("dropped")
    translator, locale = services.translator, services.settings.coordinator_language
    html = translator.t(
        locale,
        "co-question-followup" if thread else "co-question",
        name=escape(user.display_name or "—", quote=False),
        language=escape(translator.language_name(user.language), quote=False),
        text=escape(text, quote=False),
    )

    async def remember(message_ids: list[int]) -> None:  # a reply to any part answers it
        await services.relays.posted(user_id=user.id or 0, coordinator_message_ids=message_ids)

    reply_to = thread if isinstance(thread, int) else None
    return Outgoing(chat_id, html, reply_to=reply_to, after_sent=remember)


async def render_answer(services: Services, row: Outbox) -> Outgoing | Skip:
    """The centre's answer to the person, in their language, with "write back"."""
    user = await services.desk.person(row.user_id or 0)
    chat_id = reachable(user)
    text = payload_of(row).get("text")
    thread = await services.relays.thread_of(row.ref_id or 0, row.user_id or 0)
    if user is None or chat_id is None or not isinstance(text, str) or thread is None:
        return Skip("skipped")
    translator = services.translator
    html = translator.t(user.language, "ask-answer", text=escape(text, quote=False))
    rows = [[button(translator.t(user.language, "ask-write-back"), cd.AskReply(row.ref_id or 0))]]

    async def remember(message_ids: list[int]) -> None:  # a reply to any part writes back
        await services.relays.posted(
            user_id=user.id or 0, coordinator_message_ids=[thread], user_message_ids=message_ids
        )

    return Outgoing(chat_id, html, rows, after_sent=remember)


async def on_coordinator_reply(update: Update, context: AppContext) -> None:
    """A reply in the coordinator chat to a question post goes back to the person who asked."""
    message = update.effective_message
    person = context.person
    if message is None or message.reply_to_message is None or not message.text:
        return
    if person is None or not person.is_coordinator:
        return  # other members of the chat may talk; only coordinators answer migrants
    services = context.services
    question = message.reply_to_message.message_id
    found = await services.relays.asker_of(question)
    if found is None or found[1].telegram_id is None:
        if message.chat.type == "private":  # a coordinator's own chat: an ordinary reply
            await on_private_reply(update, context)
        else:  # a reply to what the bot asked a coordinator (a decline reason)
            await awaiting.consume(update, context)
        return
    name = signed_by(update)
    await services.relays.answer(relay=found[0], text=clean_text(message.text), by=name)
    kick(context)
    # Under the question, so a second coordinator sees it is taken care of.
    answered = staff_t(context, message.chat_id, "co-question-answered", name=name)
    await send_text(context, message.chat_id, answered, reply_to=question)


async def on_private_reply(update: Update, context: AppContext) -> None:
    """A migrant answering (Telegram "reply") a relayed answer continues the thread."""
    message = update.effective_message
    person = context.person
    if message is None or person is None:
        return
    original: Message | None = message.reply_to_message
    if original is not None:
        thread = await context.services.relays.thread_of_reply(person.id, original.message_id)
        if thread is not None:
            await post_question(update, context, {"thread": thread})
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
    add_consent_step(app, "ask", on_ask)
    register_kind(app, Kind.QUESTION, render_question)
    register_kind(app, Kind.ANSWER, render_answer)
