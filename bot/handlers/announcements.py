"""Announcements by topic at the Telegram boundary: /subscriptions (behind the consent gate),
the one-tap unsubscribe and "Register" under an announcement, the coordinator's /announce
(typed once per language, previewed, topics picked, sent, stoppable) and the job that queues
recipients in chunks and keeps the coordinator's progress message up to date."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.announcements import LANGUAGES, TOPICS, Announcements, Progress, text_for
from bot.booking.outcome import Status
from bot.delivery.kinds import Kind
from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers.announce_views import coordinator_controls, preview_parts, slot_rows
from bot.handlers.base import (
    AppContext,
    AppType,
    Keyboard,
    acknowledge,
    button,
    markup,
    pressed,
    send_html,
    show,
)
from bot.handlers.booking_views import service_name, when
from bot.handlers.coordinator import coordinator_message
from bot.handlers.delivery import Outgoing, Skip, kick, reachable, register_kind
from bot.handlers.privacy import add_consent_step, ask_consent
from bot.handlers.staff_base import log_refusal
from bot.services import Services
from bot.text import clean_text
from storage.models import EventKind, Outbox

log = logging.getLogger(__name__)

TEXT = "announce-text"
TICK_JOB = "announcements"
CHUNKS_PER_TICK = 8


def desk_of(services: Services) -> Announcements:
    return Announcements(services.db, services.clock, services.desk)


# -- people: subscriptions, unsubscribe, register ------------------------------------------
async def on_subscriptions(update: Update, context: AppContext) -> None:
    if context.person is None or await ask_consent(update, context, "subscriptions"):
        return
    await show_topics(update, context)


async def show_topics(update: Update, context: AppContext) -> None:
    person = context.person
    if person is None:
        return
    mine = await desk_of(context.services).topics(person.id)
    rows: Keyboard = [
        [
            button(
                context.t(
                    "subscriptions-on" if topic in mine else "subscriptions-off",
                    topic=context.t(f"announce-topic-{topic}"),
                ),
                cd.SubToggle(topic),
            )
        ]
        for topic in TOPICS
    ]
    await show(update, context, [context.t("subscriptions-intro")], rows)


async def on_subscribe_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    person, chat = context.person, update.effective_chat
    if press is None or person is None or chat is None:
        return
    match press:
        case cd.SubToggle(topic=topic) if topic in TOPICS:
            if await ask_consent(update, context, "subscriptions"):
                return
            await desk_of(context.services).toggle(person.id, topic)
            await show_topics(update, context)
        case cd.SubOff(topic=topic) if topic in TOPICS:
            # A new message: the announcement above stays readable.
            await desk_of(context.services).unsubscribe(
                user_id=person.id, user_key=person.user_key, language=person.locale, topic=topic
            )
            text = context.t("announce-unsubscribed", topic=context.t(f"announce-topic-{topic}"))
            await send_html(context, chat.id, text)
        case _:
            await show_topics(update, context)


async def register_from_announcement(
    update: Update, context: AppContext, announcement_id: int
) -> None:
    person, chat = context.person, update.effective_chat
    if person is None or chat is None:
        return
    if await ask_consent(update, context, "book"):  # booking stores data: consent first
        return
    outcome = await desk_of(context.services).register(
        announcement_id=announcement_id,
        user_id=person.id,
        user_key=person.user_key,
        language=person.locale,
    )
    if outcome.status == Status.OK and outcome.slot is not None:
        text = context.t(
            "announce-registered",
            course=escape(service_name(context.services, person.locale, outcome.slot.service_id)),
            when=escape(when(context.services, person.locale, outcome.slot.starts_at)),
        )
        kick(context)  # the centre hears of the booking
    elif outcome.status == Status.FULL:
        text = context.t("announce-register-full")
    elif outcome.status == Status.ALREADY:
        text = context.t("announce-register-already")
    else:
        text = context.t("announce-register-gone")
    await send_html(context, chat.id, text)


# -- the coordinator: /announce -----------------------------------------------------------
async def on_announce(update: Update, context: AppContext) -> None:
    message = await coordinator_message(update, context)
    person = context.person
    if message is None or person is None:
        return
    draft = await desk_of(context.services).draft(person.id)
    await ask_text(update, context, draft.id or 0, LANGUAGES[0])


async def ask_text(update: Update, context: AppContext, announcement_id: int, lang: str) -> None:
    services = context.services
    locale, t = services.settings.coordinator_language, services.translator.t
    await awaiting.expect(context, TEXT, a=announcement_id, lang=lang)
    text = t(
        locale,
        "announce-write",
        language=services.translator.language_name(lang),
        step=LANGUAGES.index(lang) + 1,
        steps=len(LANGUAGES),
    )
    rows = [[button(t(locale, "announce-skip"), cd.AnnSkip(announcement_id, lang))]]
    await show(update, context, [text], rows)


async def on_text(update: Update, context: AppContext, pending: dict[str, Any]) -> None:
    message = update.effective_message
    person = context.person
    announcement_id, lang = pending.get("a"), pending.get("lang")
    if message is None or person is None or not person.is_coordinator:
        return
    if not isinstance(announcement_id, int) or lang not in LANGUAGES or not message.text:
        return
    await desk_of(context.services).edit_draft(
        announcement_id, language=str(lang), text=clean_text(message.text_html)
    )
    await next_step(update, context, announcement_id, str(lang))


async def next_step(update: Update, context: AppContext, announcement_id: int, lang: str) -> None:
    index = LANGUAGES.index(lang)
    if index + 1 < len(LANGUAGES):
        await ask_text(update, context, announcement_id, LANGUAGES[index + 1])
        return
    row = await desk_of(context.services).get(announcement_id)
    chat = update.effective_chat
    if row is None or chat is None:
        return
    for part in preview_parts(context.services, row):
        await send_html(context, chat.id, part)
    text, rows = await coordinator_controls(context.services, desk_of(context.services), row)
    await send_html(context, chat.id, text, rows)


async def on_announce_button(update: Update, context: AppContext) -> None:
    query, person = update.callback_query, context.person
    if query is None or person is None:
        return
    press = cd.parse(query.data) or cd.Malformed()
    if isinstance(press, cd.AnnRegister):  # a person's button under an announcement
        await acknowledge(query)
        await register_from_announcement(update, context, press.announcement_id)
        return
    if not person.is_coordinator:  # every other button drafts or sends: staff only
        log_refusal("button", update.effective_chat.type if update.effective_chat else None)
        await acknowledge(query, context.t("coordinator-only"), alert=True)
        return
    await acknowledge(query)
    services, desk = context.services, desk_of(context.services)
    locale, t = services.settings.coordinator_language, services.translator.t
    match press:
        case cd.AnnSkip(announcement_id=a, language=lang) if lang in LANGUAGES:
            if await desk.edit_draft(a, language=lang, text="") is not None:
                await next_step(update, context, a, lang)
        case cd.AnnTopic(announcement_id=a, topic=topic):
            row = await desk.edit_draft(a, topic=topic)
            await refresh_controls(update, context, a if row else None)
        case cd.AnnSlots(announcement_id=a):
            rows = await slot_rows(services, a)
            await show(update, context, [t(locale, "announce-pick-slot")], rows)
        case cd.AnnSlot(announcement_id=a, slot_id=slot_id):
            row = await desk.edit_draft(
                a, register_slot_id=slot_id or None, clear_register=slot_id == 0
            )
            await refresh_controls(update, context, a if row else None)
        case cd.AnnSend(announcement_id=a):
            await start_sending(update, context, a)
        case cd.AnnStop(announcement_id=a):
            stopped = await desk.stop(a)
            await show(
                update, context, [t(locale, "announce-stopped" if stopped else "announce-gone")], []
            )
            await announce_tick(context)
        case _:
            await show(update, context, [t(locale, "announce-gone")], [])


async def refresh_controls(
    update: Update, context: AppContext, announcement_id: int | None
) -> None:
    services = context.services
    row = await desk_of(services).get(announcement_id) if announcement_id else None
    if row is None or row.status != "draft":
        locale = services.settings.coordinator_language
        await show(update, context, [services.translator.t(locale, "announce-gone")], [])
        return
    text, rows = await coordinator_controls(services, desk_of(services), row)
    await show(update, context, [text], rows)


async def start_sending(update: Update, context: AppContext, announcement_id: int) -> None:
    services, desk, chat = context.services, desk_of(context.services), update.effective_chat
    locale, t = services.settings.coordinator_language, services.translator.t
    if chat is None:
        return
    if not await desk.start(announcement_id, chat_id=chat.id):
        row = await desk.get(announcement_id)
        reason = "announce-not-ready" if row and row.status == "draft" else "announce-gone"
        await show(update, context, [t(locale, reason)], [])
        return
    first = desk.first_send()
    if first > services.clock.now():  # at night: queued now, sent from the morning on
        started = t(locale, "announce-started-morning", when=when(services, locale, first))
    else:
        started = t(locale, "announce-started")
    await show(update, context, [started], [])
    progress = await send_html(
        context,
        chat.id,
        t(locale, "announce-progress", sent=0, blocked=0, failed=0, togo=0),
        [[button(t(locale, "announce-stop"), cd.AnnStop(announcement_id))]],
    )
    if progress is not None:
        await desk.set_progress_message(announcement_id, progress)
    await desk.queue_chunk(announcement_id)  # the rest in the background job
    kick(context)


# -- delivery: the rows, the job, the progress --------------------------------------------
async def render_announcement(services: Services, row: Outbox) -> Outgoing | Skip:
    found = await desk_of(services).for_recipient(row.ref_id or 0, row.user_id or 0)
    if found is None:
        return Skip("dropped")
    announcement, user, topics = found
    chat_id = reachable(user)
    text = text_for(announcement, user.language)
    if announcement.status != "sending" or chat_id is None or text is None or not topics:
        return Skip("skipped")  # stopped, unreachable, no text in their language, unsubscribed
    locale, t = user.language, services.translator.t
    rows: Keyboard = []
    if announcement.register_slot_id is not None:
        rows.append([button(t(locale, "announce-register"), cd.AnnRegister(announcement.id or 0))])
    for topic in topics:
        label = t(locale, "announce-unsubscribe", topic=t(locale, f"announce-topic-{topic}"))
        rows.append([button(label, cd.SubOff(topic))])
    event = {
        "kind": EventKind.ANNOUNCEMENT_DELIVERED,
        "user_key": user.user_key,
        "language": locale,
    }
    return Outgoing(chat_id, t(locale, "announce-header") + "\n\n" + text, rows, event=event)


async def render_summary(services: Services, row: Outbox) -> Outgoing | Skip:
    announcement = await desk_of(services).get(row.ref_id or 0)
    if announcement is None or row.chat_id is None:
        return Skip("dropped")
    p = await desk_of(services).progress(announcement)
    locale = services.settings.coordinator_language
    text = services.translator.t(
        locale,
        "announce-summary",
        sent=p.sent,
        blocked=p.blocked,
        failed=p.failed,
        cancelled=p.cancelled,
    )
    return Outgoing(row.chat_id, text)


async def announce_tick(context: Any) -> None:
    """Queue the next chunks, finish what is done, edit each progress message when it changed.
    Any instance may run it at any time: every step is decided by the database."""
    services: Services = context.bot_data["services"]
    desk = desk_of(services)
    for row in await desk.sending():
        for _ in range(CHUNKS_PER_TICK):
            if not await desk.queue_chunk(row.id or 0):
                break
    for row in await desk.unfinished():
        await desk.finish_if_done(row)
        fresh = await desk.get(row.id or 0)
        if fresh is None:
            continue
        progress = await desk.progress(fresh)
        if fresh.status in ("done", "stopped"):
            await desk.claim_summary(fresh)  # the summary, once, through the outbox
        if await desk.progress_changed(fresh.id or 0, progress):
            await edit_progress(context.bot, services, fresh, progress)
    if await desk.sending() or await desk.unfinished():
        kick_app(context)


async def edit_progress(bot: Any, services: Services, row: Any, progress: Progress) -> None:
    if row.progress_chat_id is None or row.progress_message_id is None:
        return
    locale, t = services.settings.coordinator_language, services.translator.t
    text = t(
        locale,
        "announce-progress",
        sent=progress.sent,
        blocked=progress.blocked,
        failed=progress.failed,
        togo=progress.to_go,
    )
    stop = [[button(t(locale, "announce-stop"), cd.AnnStop(row.id or 0))]]
    try:
        await bot.edit_message_text(
            text,
            chat_id=row.progress_chat_id,
            message_id=row.progress_message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=None if row.status != "sending" else markup(stop),
        )
    except TelegramError as exc:  # too old, deleted, not modified: the summary still comes
        log.debug("progress not edited: %s", type(exc).__name__)


def kick_app(context: Any) -> None:
    application = getattr(context, "application", None)
    if application is not None:
        kick(context)


async def _tick_job(context: AppContext) -> None:
    await announce_tick(context)


def register(app: AppType, *, interval_seconds: float) -> None:
    app.add_handler(CallbackQueryHandler(on_subscribe_button, pattern=cd.pattern(cd.SUBSCRIBE)))
    app.add_handler(CallbackQueryHandler(on_announce_button, pattern=cd.pattern(cd.ANNOUNCE)))
    app.add_handler(CommandHandler("subscriptions", on_subscriptions))
    app.add_handler(CommandHandler("announce", on_announce))
    awaiting.add_consumer(app, TEXT, on_text)
    add_consent_step(app, "subscriptions", show_topics)
    # News never wakes anyone: a recipient's row found at night (the bot was down) waits too.
    register_kind(app, Kind.ANNOUNCEMENT, render_announcement, waking_hours=True)
    register_kind(app, Kind.ANNOUNCEMENT_SUMMARY, render_summary)
    if app.job_queue is not None:
        app.job_queue.run_repeating(_tick_job, interval=interval_seconds, first=2, name=TICK_JOB)
