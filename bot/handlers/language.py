"""/language and the language picker; the choice is stored."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.handlers import callback_data as cd
from bot.handlers.base import (
    AppContext,
    AppType,
    Keyboard,
    acknowledge,
    button,
    send_html,
    show,
)
from bot.handlers.faq import show_menu
from storage.models import EventKind


def picker_rows(context: AppContext) -> Keyboard:
    """Every language, two a row, the current one ticked; Back returns to the menu."""
    translator = context.services.translator
    buttons = [
        button(
            ("✓ " if locale == context.locale else "") + translator.language_name(locale),
            cd.LangSet(locale),
        )
        for locale in translator.locales
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(context.t("faq-back"), cd.FaqHome())])
    return rows


async def offer_picker_if_guessed(update: Update, context: AppContext) -> None:
    """First contact in a language we only guessed (a Russian or Croatian phone, none at all):
    the picker at once, below the answer, so the person need not look for the 🌐 button."""
    person, user, chat = context.person, update.effective_user, update.effective_chat
    if person is None or user is None or chat is None or not person.is_new:
        return
    _, guessed = context.services.translator.negotiation(user.language_code)
    if not guessed:
        return
    name = context.services.translator.language_name(person.locale, in_sentence=True)
    await send_html(
        context, chat.id, context.t("language-guessed", language=name), picker_rows(context)
    )


async def on_language(update: Update, context: AppContext) -> None:
    query = update.callback_query
    if query is not None:
        await acknowledge(query)
    await show(update, context, [context.t("language-choose")], picker_rows(context))


async def on_set_language(update: Update, context: AppContext) -> None:
    query = update.callback_query
    person = context.person
    if query is None or person is None:
        return
    await acknowledge(query)
    press = cd.parse(query.data)
    services = context.services
    locale = press.locale if isinstance(press, cd.LangSet) else ""
    if locale not in services.translator.locales:
        await show(update, context, [context.t("language-choose")], picker_rows(context))
        return
    await services.people.set_language(person.telegram_id, locale)
    context.person = replace(person, locale=locale)
    await services.record_event(
        kind=EventKind.LANGUAGE_SET, user_key=person.user_key, language=locale
    )
    name = services.translator.language_name(locale, in_sentence=True)
    await show_menu(update, context, greeting=context.t("language-set", language=name))


def register(app: AppType) -> None:
    app.add_handler(CommandHandler("language", on_language, filters=filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(on_language, pattern=r"^lang:pick$"))
    app.add_handler(CallbackQueryHandler(on_set_language, pattern=r"^lang:set:"))
