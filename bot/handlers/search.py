"""Typed questions: the answer's topics as buttons, "maybe one of these" when the search is not
sure, or an honest "no answer" with a way to a person and the menu (the question is then kept,
masked and without any user key, for staff: see bot/search_gaps.py)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.faq.confidence import Confidence
from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, button, show
from bot.handlers.faq import menu_rows
from bot.search_gaps import record_gap
from bot.text import clean_text
from storage.models import EventKind

RESULT_TEXT = {Confidence.ANSWER: "search-results", Confidence.MAYBE: "search-maybe"}


async def on_question(update: Update, context: AppContext) -> None:
    person = context.person
    message = update.effective_message
    if person is None or message is None or not message.text:
        return
    if await awaiting.consume(update, context):
        return  # it answered a question the bot asked (a booking note, a question to the centre)
    services = context.services
    library = services.faq
    result = library.index.find(clean_text(message.text))
    hits = result.hits
    # The log keeps which topic answered, never what was typed.
    await services.record_event(
        kind=EventKind.SEARCH if hits else EventKind.SEARCH_MISS,
        user_key=person.user_key,
        language=person.locale,
        topic_id=hits[0].topic_id if hits else None,
    )
    ask = button(context.t("search-ask-person"), cd.AskStart())
    if not hits:
        await record_gap(
            services.db, text=message.text, language=person.locale, now=services.clock.now()
        )
        # "Ask a person" once, on top; the menu without its own copy of it.
        menu = [
            [b for b in row if b.callback_data != ask.callback_data] for row in menu_rows(context)
        ]
        await show(update, context, [context.t("search-nothing")], [[ask], *filter(None, menu)])
        return
    content = library.content
    rows: Keyboard = []
    for hit in hits:
        topic = content.get(hit.topic_id)
        if topic is not None:
            rows.append(
                [button(content.translation(topic, person.locale).title, cd.FaqOpen(topic.id))]
            )
    rows.append([button(context.t("faq-home"), cd.FaqHome()), ask])
    text = context.t(RESULT_TEXT[result.level], count=len(rows) - 1)
    await show(update, context, [text], rows)


def register(app: AppType) -> None:
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(private_text, on_question))
