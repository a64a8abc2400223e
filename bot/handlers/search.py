"""Typed questions: the best topics as buttons, or a friendly miss with a way to a person."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, button, show
from bot.handlers.faq import menu_rows
from bot.text import clean_text


async def on_question(update: Update, context: AppContext) -> None:
    person = context.person
    message = update.effective_message
    if person is None or message is None or not message.text:
        return
    if await awaiting.consume(update, context):
        return  # it answered a question the bot asked (a booking note, a question to the centre)
    library = context.services.faq
    hits = library.index.search(clean_text(message.text))
    # The log keeps which topic answered, never what was typed.
    await context.services.record_event(
        kind="search" if hits else "search_miss",
        user_key=person.user_key,
        language=person.locale,
        topic_id=hits[0].topic_id if hits else None,
    )
    if not hits:
        miss_rows = [[button(context.t("search-ask-person"), cd.ASK, "start")], *menu_rows(context)]
        await show(update, context, [context.t("search-nothing")], miss_rows)
        return
    content = library.content
    rows: Keyboard = []
    for hit in hits:
        topic = content.get(hit.topic_id)
        if topic is not None:
            rows.append(
                [button(content.translation(topic, person.locale).title, cd.FAQ, "open", topic.id)]
            )
    rows.append(
        [
            button(context.t("faq-home"), cd.FAQ, "home"),
            button(context.t("search-ask-person"), cd.ASK, "start"),
        ]
    )
    await show(update, context, [context.t("search-results", count=len(rows) - 1)], rows)


def register(app: AppType) -> None:
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(private_text, on_question))
