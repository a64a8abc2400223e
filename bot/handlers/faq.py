"""FAQ in Telegram: the main menu, topics and sub-questions as buttons, answers edited in place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.faq.answer import AnswerLabels, compose_answer
from bot.faq.deeplink import TopicLinks
from bot.faq.model import FaqContent, Topic
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, acknowledge, button, show
from bot.handlers.booking_views import PRICES_TOPIC, with_price_list
from bot.handlers.deadlines import remind_rows
from storage.models import EventKind

T = TypeVar("T")


def rendered(context: AppContext, key: tuple[Any, ...], build: Callable[[], T]) -> T:
    """A view built from content only (menus, answers): the same for everyone with the same
    language until a reload swaps the FAQ, the locales, the services or the deadlines file, so
    it is built once per instance and version (bot_data), not on every press (~20 % of one)."""
    services = context.services
    sources = (
        services.faq.content,
        services.translator.catalog,
        services.catalog,
        services.deadlines.rules(),
    )
    held: tuple[tuple[Any, ...], dict[tuple[Any, ...], Any]] | None = context.bot_data.get(
        "faq_views"
    )
    if held is None or any(a is not b for a, b in zip(held[0], sources, strict=True)):
        held = (sources, {})
        context.bot_data["faq_views"] = held
    views = held[1]
    if key not in views:
        views[key] = build()
    view: T = views[key]
    return view


def _copy(rows: Keyboard) -> Keyboard:
    return [list(row) for row in rows]  # callers may add rows; the held one stays as built


def menu_rows(context: AppContext) -> Keyboard:
    """The main menu: every top-level topic, then the language switch."""
    return _copy(rendered(context, ("menu", context.locale), lambda: _menu_rows(context)))


def _menu_rows(context: AppContext) -> Keyboard:
    content = context.services.faq.content
    rows: Keyboard = [
        [button(content.translation(topic, context.locale).title, cd.FaqOpen(topic.id))]
        for topic in content.roots
    ]
    rows.append(
        [
            button(context.t("booking-book-button"), cd.BookStart()),
            button(context.t("booking-my-button"), cd.MyList()),
        ]
    )
    rows.append(
        [
            button(context.t("search-ask-person"), cd.AskStart()),
            button(context.t("menu-language-button"), cd.LangPick()),
        ]
    )
    return rows


def topic_rows(context: AppContext, content: FaqContent, topic: Topic) -> Keyboard:
    key = ("rows", topic.id, context.locale)
    return _copy(rendered(context, key, lambda: _topic_rows(context, content, topic)))


def _topic_rows(context: AppContext, content: FaqContent, topic: Topic) -> Keyboard:
    rows: Keyboard = [
        [button(content.translation(child, context.locale).title, cd.FaqOpen(child.id))]
        for child in content.children(topic.id)
    ]
    back = (
        button(context.t("faq-back"), cd.FaqOpen(topic.parent))
        if topic.parent
        else button(context.t("faq-back"), cd.FaqHome())
    )
    actions = [button(context.t("search-ask-person"), cd.AskStart())]
    one_to_one = [s for s in context.services.catalog.services.values() if not s.is_group]
    if one_to_one:  # from an answer straight to booking a consultation about it
        actions.append(button(context.t("booking-book-button"), cd.BookService(one_to_one[0].id)))
    rows.append(actions)
    rows += remind_rows(context, topic.id)  # a permit, job or protection answer: "remind me"
    rows.append([back, button(context.t("faq-home"), cd.FaqHome())])
    return rows


def answer_parts(context: AppContext, content: FaqContent, topic: Topic) -> list[str]:
    services = context.services
    today = services.clock.now().astimezone(services.settings.tz).date()
    overdue = topic.review_overdue(today, services.settings.review_months)
    key = ("answer", topic.id, context.locale, overdue)
    return list(rendered(context, key, lambda: _answer_parts(context, content, topic, overdue)))


def _answer_parts(
    context: AppContext, content: FaqContent, topic: Topic, overdue: bool
) -> list[str]:
    translator = context.services.translator
    reviewed = (
        translator.format_date(topic.reviewed, context.locale, fmt="long")
        if topic.reviewed
        else "—"
    )
    services = context.services
    labels = AnswerLabels(
        reviewed=context.t("faq-reviewed", date=reviewed),
        sources=context.t("faq-sources"),
        disclaimer=context.t("faq-disclaimer"),
        overdue=context.t("faq-review-overdue") if overdue else None,
    )
    translation = content.translation(topic, context.locale)
    if topic.id == PRICES_TOPIC:  # the services' prices, from the services file
        translation = with_price_list(services, context.locale, translation)
    parts = compose_answer(topic, translation, labels, topic_url=TopicLinks(context.bot.username))
    children = content.children(topic.id)
    if children:
        parts[-1] += "\n\n" + context.t("faq-more-questions", count=len(children))
    return parts


async def show_menu(update: Update, context: AppContext, *, greeting: str | None = None) -> None:
    text = greeting or context.t("menu-title")
    await show(update, context, [text], menu_rows(context))


async def show_topic(update: Update, context: AppContext, topic_id: str) -> bool:
    """Show a topic; False when it does not exist (an old button or a wrong deep link)."""
    content = context.services.faq.content
    topic = content.get(topic_id)
    if topic is None:
        return False
    await show(
        update, context, answer_parts(context, content, topic), topic_rows(context, content, topic)
    )
    person = context.person
    if person is not None:
        await context.services.record_event(
            kind=EventKind.FAQ_VIEW,
            user_key=person.user_key,
            language=person.locale,
            topic_id=topic.id,
        )
    return True


async def on_faq_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    if query is None:
        return
    await acknowledge(query)
    press = cd.parse(query.data)
    if not isinstance(press, cd.FaqOpen):  # Home, or anything old or malformed
        await show_menu(update, context)
        return
    if not await show_topic(update, context, press.topic):
        await show_menu(update, context, greeting=context.t("faq-topic-missing"))


def register(app: AppType) -> None:
    app.add_handler(CallbackQueryHandler(on_faq_button, pattern=cd.pattern(cd.FAQ)))
