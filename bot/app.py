"""build_application(): the only place that builds the Application and registers handlers."""

from __future__ import annotations

import gc
import logging
from typing import Any

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot import polling_guard
from bot.booking.catalog import load_catalog
from bot.booking.desk import BookingDesk, DeskRules
from bot.botapi import plain
from bot.botapi.ratelimit import RateLimiter
from bot.clock import Clock
from bot.config import Settings
from bot.deadlines import Deadlines
from bot.delivery.outbox import Delivery
from bot.event_log import EventLog
from bot.faq.library import FaqLibrary
from bot.faq.terms import use_dictionaries_in
from bot.handlers import (
    announcements,
    ask,
    booking,
    booking_messages,
    content,
    coordinator,
    course,
    deadlines,
    delivery,
    errors,
    faq,
    gaps,
    language,
    my_bookings,
    privacy,
    reports,
    search,
    start,
    survey,
    throttle,
)
from bot.handlers.base import AppContext, AppType
from bot.i18n import Translator
from bot.indicators.spec import load_indicators
from bot.pending import PendingInputs
from bot.people import People, load_or_create_secret
from bot.privacy import Privacy
from bot.relays import Relays
from bot.services import Services
from bot.surveys import Surveys
from bot.web.metrics import MeteredRequest, Metrics
from storage.db import Database

log = logging.getLogger(__name__)

OFFLINE_TOKEN = "0:offline-stand-in"
FREEZE_HEAP = "freeze_heap"  # bot_data: freeze the heap once started (`build_application`)
COMMANDS = (
    "start",
    "book",
    "mybookings",
    "deadlines",
    "ask",
    "subscriptions",
    "language",
    "privacy",
    "help",
)
# setMyCommands takes ISO 639-1 codes: Serbian Latin readers are reached through these codes.
COMMAND_LANGUAGE_CODES = {"sr-Latn": ("hr", "bs")}


def build_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    translator = Translator.from_dir(settings.locales_dir, default_locale=settings.default_language)
    use_dictionaries_in(settings.lemma_cache_dir)
    library = FaqLibrary(settings.faq_dir, default_language=settings.default_language)
    library.reload()
    catalog, problems = load_catalog(settings.services_file)
    for problem in problems:
        log.warning("services file: %s", problem.format())
    indicators, indicator_problems = load_indicators(settings.indicators_file, catalog=catalog)
    for problem in indicator_problems:
        log.warning("indicators file: %s", problem.format())
    clock = clock or Clock()
    db = Database(settings.effective_database_url)
    event_log = EventLog(db)
    services = Services(
        settings=settings,
        db=db,
        translator=translator,
        faq=library,
        clock=clock,
        user_key_secret=load_or_create_secret(settings.user_key_secret, settings.data_dir),
        catalog=catalog,
        desk=None,  # type: ignore[arg-type]  # set just below
        delivery=Delivery(db, clock, lease_seconds=settings.outbox_lease_seconds),
        surveys=Surveys(db, clock, answer_days=settings.survey_answer_days),
        privacy=None,  # type: ignore[arg-type]  # set below, with the desk
        pending=PendingInputs(db, clock),
        relays=Relays(db, clock),
        people=None,  # type: ignore[arg-type]  # set below, with the secret
        event_log=event_log,
        indicators=indicators,
    )
    rules = DeskRules(
        reminder_hours=settings.reminder_hours,
        cutoff_hours=settings.cancel_cutoff_hours,
        horizon_days=settings.booking_days_ahead,
        offer_hours=settings.waitlist_offer_hours,
        survey_delay_hours=settings.survey_delay_hours,
        bookings_per_service=settings.bookings_per_service,
    )
    # The desk reads the catalog through the services, so a live reload reaches it too.
    services.desk = BookingDesk(
        db,
        lambda: services.catalog,
        settings.tz,
        clock,
        rules,
        send_lease=services.delivery.lease,
    )
    services.privacy = Privacy(db, clock, services.desk, event_log)
    services.people = People(db, clock, services.user_key_secret)
    services.deadlines = Deadlines(db, clock, settings.tz, settings.faq_dir)
    return services


async def publish_commands(app: AppType) -> None:
    """The command list in every language; optional, so a Bot API without it is not fatal."""
    services: Services = app.bot_data["services"]
    translator = services.translator
    try:
        for locale in translator.locales:
            commands = [BotCommand(c, translator.t(locale, f"command-{c}")) for c in COMMANDS]
            for code in COMMAND_LANGUAGE_CODES.get(locale, (locale,)):
                await app.bot.set_my_commands(commands, language_code=code)
        default = services.settings.default_language
        await app.bot.set_my_commands(
            [BotCommand(c, translator.t(default, f"command-{c}")) for c in COMMANDS]
        )
    except TelegramError as exc:
        log.warning("setMyCommands failed (%s); continuing without a command list", exc)


async def _post_init(app: AppType) -> None:
    services: Services = app.bot_data["services"]
    await services.db.upgrade()
    await services.desk.sync_slots()
    await publish_commands(app)
    if app.bot_data.get(FREEZE_HEAP):
        # What is loaded by now (content, search index, dictionaries, ~230,000 objects) lives
        # as long as the process. Frozen, the cyclic collector no longer walks it: a full
        # collection, which Python starts now and then as objects pile up, stalled the event
        # loop for 100-150 ms; it now walks only what came later (bench/README.md).
        gc.freeze()


async def _post_init_polling(app: AppType) -> None:
    if await polling_guard.claim(app):  # else stopped before any getUpdates or migration
        await _post_init(app)


async def _post_shutdown(app: AppType) -> None:
    services: Services = app.bot_data["services"]
    await polling_guard.release(app)
    await services.event_log.flush()  # what waits, before the database closes
    await services.db.dispose()


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    services: Services | None = None,
    clock: Clock | None = None,
    rate_limit: bool = True,
    metrics: Metrics | None = None,
    webhook: bool = False,
    polling: bool = False,
    freeze_heap: bool = False,
) -> AppType:
    """`metrics`: count every Bot API call (bot/web/metrics.py); `webhook`: no Updater, the
    web server feeds updates (bot/web/server.py); `polling`: `run_polling` follows, so check
    first that nothing else serves the token (bot/polling_guard.py); `freeze_heap`: the process
    is this bot's alone (the CLI), so what start-up loaded is frozen for the garbage collector."""
    services = services or build_services(settings, clock=clock)
    plain.quiet_typed_twin_warning()
    builder: Any = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token or OFFLINE_TOKEN)
        .base_url(settings.telegram_api_url)
        .base_file_url(settings.telegram_api_url.removesuffix("/bot") + "/file/bot")
        .context_types(ContextTypes(context=AppContext))
        .defaults(Defaults(tzinfo=settings.tz))
        .post_init(_post_init_polling if polling else _post_init)
        .post_shutdown(_post_shutdown)
    )
    if rate_limit and settings.telegram_rate_limit:
        # Telegram allows ~30 messages/s overall and ~1/s per chat; retry_after is honoured.
        builder = builder.rate_limiter(
            RateLimiter(overall_max_rate=settings.telegram_messages_per_second, max_retries=3)
        )
    if metrics is not None:
        # The one place every Bot API call passes through, counted by method and failure.
        builder = builder.request(
            MeteredRequest(request or HTTPXRequest(connection_pool_size=256), metrics)
        )
        if request is not None:
            builder = builder.get_updates_request(request)
    elif request is not None:
        builder = builder.request(request).get_updates_request(request)
    if webhook:
        builder = builder.updater(None)
    app: AppType = builder.build()
    app.bot_data["services"] = services
    app.bot_data[FREEZE_HEAP] = freeze_heap
    if metrics is not None:
        app.bot_data["metrics"] = metrics  # the sender counts outbox rows in it

    # Order matters: group -3 drops floods before any database work, group -2 resolves the
    # person and group -1 drops a stale "waiting for your text" before any feature handler runs;
    # within group 0 the first matching handler wins, so specific handlers come before the
    # catch-all text and button ones.
    throttle.register(app)
    start.register_gate(app)
    start.register(app)
    language.register(app)
    content.register(app, interval_seconds=settings.content_reload_seconds)
    faq.register(app)
    booking.register(app)
    my_bookings.register(app)
    coordinator.register(app)
    reports.register(app)  # /report, its period buttons, the monthly post (a REPORT outbox kind)
    booking_messages.register(app)  # renderers of the booking kinds of outbox rows
    survey.register(app)
    deadlines.register(app)  # /deadlines, its buttons and typed dates, the DEADLINE reminders
    course.register(app)  # /course, the nudge after two absences in a row (COURSE_NUDGE rows)
    # /subscriptions, /announce, unsubscribe and Register under announcements, the queueing job
    announcements.register(app, interval_seconds=settings.outbox_poll_seconds)
    privacy.register(app)
    delivery.register(app, interval_seconds=settings.outbox_poll_seconds)
    gaps.register(app)  # /gaps for coordinators, the daily purge of old gaps
    ask.register(app)  # before search: a reply to a relayed answer continues the thread
    search.register(app)  # any other private text is a question
    start.register_fallback(app)  # last: whatever nothing else handled
    errors.register(app)
    return app
