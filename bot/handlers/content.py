"""Live content: a repeating job picks up edited FAQ and locale files; /faqstatus for coordinators.

A broken edit never goes live: the bot keeps the last good content and tells the coordinator chat,
once per broken version, what the checker found.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import CommandHandler

from bot.booking.catalog import Catalog as ServiceCatalog
from bot.booking.catalog import load_catalog
from bot.config import Settings
from bot.deadline_file import FILE_NAME as DEADLINES_FILE
from bot.deadline_file import DeadlineRules, load_deadline_rules
from bot.delivery.kinds import Kind
from bot.delivery.outbox import payload_of
from bot.faq.checker import check, served_languages
from bot.faq.model import FaqContent
from bot.faq.status import OverdueTopic, content_status, overdue_lines, overdue_topics
from bot.faq.watch import Fingerprint, fingerprint
from bot.handlers.base import AppContext, AppType
from bot.handlers.delivery import Outgoing, Skip, deliver_due, register_kind
from bot.handlers.staff_base import coordinator_message, staff_locale
from bot.i18n import Catalog, build_catalog
from bot.indicators.spec import IndicatorFile, load_indicators
from bot.services import Services
from storage.models import Outbox

log = logging.getLogger(__name__)

RELOAD_JOB = "content-reload"
OVERDUE_JOB = "faq-overdue-weekly"
OVERDUE_CLAIM = "faq-overdue"
MAX_LINES_SHOWN = 15


@dataclass
class ReloadState:
    seen: Fingerprint = ()
    reported: set[str] = field(default_factory=set)


@dataclass
class ReloadOutcome:
    changed: bool
    accepted: bool = False
    error_lines: list[str] = field(default_factory=list)


@dataclass
class _Loaded:
    errors: list[str]
    content: FaqContent
    catalog: Catalog | None
    services: ServiceCatalog
    indicators: IndicatorFile
    deadlines: DeadlineRules


def _load(
    faq_dir: Path,
    locales_dir: Path,
    services_file: Path,
    indicators_file: Path,
    today: dt.date,
    default_language: str,
) -> _Loaded:
    report, content = check(
        faq_dir,
        locales_dir,
        today=today,
        services_file=services_file,
        default_language=default_language,
        indicators_file=indicators_file,
    )
    catalog = build_catalog(locales_dir) if not report.errors else None
    errors = [p.format() for p in sorted(report.errors, key=lambda p: (p.file, p.line))]
    return _Loaded(
        errors,
        content,
        catalog,
        load_catalog(services_file)[0],
        load_indicators(indicators_file)[0],
        load_deadline_rules(faq_dir / DEADLINES_FILE)[0],
    )


async def reload_content(context: AppContext) -> ReloadOutcome:
    """Check the folders; publish a good version, report a broken one once."""
    services = context.services
    settings = services.settings
    state: ReloadState = context.bot_data.setdefault("reload_state", ReloadState())
    current = _fingerprint(settings)
    if current == state.seen:
        return ReloadOutcome(changed=False)
    state.seen = current
    today = services.clock.now().astimezone(settings.tz).date()
    # Parsing and indexing take a moment: off the event loop, so updates keep flowing.
    try:
        loaded = await asyncio.to_thread(
            _load,
            settings.faq_dir,
            settings.locales_dir,
            settings.services_file,
            settings.indicators_file,
            today,
            settings.default_language,
        )
    except Exception as exc:  # damage the checker did not foresee must not stop the bot
        log.exception("content check failed")
        loaded = _Loaded(
            [f"content could not be checked: {type(exc).__name__}"],
            services.faq.content,
            None,
            services.catalog,
            services.indicators,
            services.deadlines.rules(),
        )
    errors = loaded.errors
    if not errors and loaded.catalog is not None:
        await asyncio.to_thread(services.faq.publish, loaded.content)
        services.translator.catalog = loaded.catalog
        services.catalog = loaded.services
        services.indicators = loaded.indicators
        services.deadlines.publish(loaded.deadlines)
        await services.desk.sync_slots()
        state.reported.clear()  # the same mistake made again later is news again
        log.info("content reloaded: %d topics", len(loaded.content.topics))
        return ReloadOutcome(changed=True, accepted=True)
    digest = hashlib.sha256("\n".join(errors).encode()).hexdigest()
    if digest not in state.reported:
        state.reported.add(digest)
        await _tell_coordinators(context, errors, version=f"{state.seen}{digest}")
    log.warning("content has %d errors; still serving the last good version", len(errors))
    return ReloadOutcome(changed=True, accepted=False, error_lines=errors)


def _fingerprint(settings: Settings) -> Fingerprint:
    return fingerprint(
        settings.faq_dir, settings.locales_dir, settings.services_file, settings.indicators_file
    )


async def _tell_coordinators(context: AppContext, errors: list[str], *, version: str) -> None:
    """Once per broken version (its files and findings) across instances, through the outbox.
    A job, not an update: it may wait for the send."""
    services = context.services
    if services.settings.coordinator_chat_id is None:
        return
    key = hashlib.sha256(version.encode()).hexdigest()
    payload = {"errors": errors[:MAX_LINES_SHOWN], "count": len(errors)}
    if await services.delivery.enqueue_once(
        Kind.CONTENT_ALERT, claim="content-alert", key=key, payload=payload
    ):
        await deliver_due(context)


async def render_alert(services: Services, row: Outbox) -> Outgoing | Skip:
    chat_id = services.settings.coordinator_chat_id
    payload = payload_of(row)
    errors, count = payload.get("errors"), payload.get("count")
    if chat_id is None or not isinstance(errors, list) or not isinstance(count, int):
        return Skip("dropped")
    text = services.translator.t(
        services.settings.coordinator_language,
        "content-broken",
        count=count,
        shown=min(count, MAX_LINES_SHOWN),
    )
    shown = "\n".join(escape(str(line)) for line in errors)
    return Outgoing(chat_id, f"{text}\n\n<code>{shown}</code>")


async def _reload_job(context: AppContext) -> None:
    await reload_content(context)


async def on_faq_status(update: Update, context: AppContext) -> None:
    message = await coordinator_message(update, context)
    if message is None:
        return
    services = context.services
    locale = staff_locale(context, message.chat_id)

    def t(message_id: str, **args: object) -> str:
        return services.translator.t(locale, message_id, **args)

    languages = served_languages(services.settings.locales_dir)
    rows = content_status(services.faq.content, languages)
    lines = [
        f"{escape(row.topic_id)} · {row.reviewed} · "
        + " ".join(f"{lang}:{t('content-state-' + state)}" for lang, state in row.languages.items())
        for row in rows
        if not row.complete
    ]
    complete = sum(row.complete for row in rows)
    header = t("content-status", complete=complete, total=len(rows))
    overdue = _overdue(services)
    if overdue:
        lines += ["", t("content-overdue", count=len(overdue))]
        lines += [escape(line) for line in overdue_lines(overdue)]
    await message.reply_text("\n".join([header, *lines]), parse_mode=ParseMode.HTML)


def _overdue(services: Services) -> list[OverdueTopic]:
    today = services.clock.now().astimezone(services.settings.tz).date()
    return overdue_topics(
        services.faq.content, today=today, default_months=services.settings.review_months
    )


async def send_overdue_reviews(context: Any) -> bool:
    """The weekly list of topics overdue for review, to the coordinator chat in its language;
    once per day across instances (the first to claim it sends). True when sent."""
    services: Services = context.bot_data["services"]
    settings = services.settings
    if settings.coordinator_chat_id is None or not _overdue(services):
        return False
    today = services.clock.now().astimezone(settings.tz).date()
    if not await services.delivery.enqueue_once(
        Kind.REVIEW_LIST, claim=OVERDUE_CLAIM, key=today.isoformat()
    ):
        return False
    await deliver_due(context)
    return True


async def render_review_list(services: Services, row: Outbox) -> Outgoing | Skip:
    overdue = _overdue(services)
    chat_id = services.settings.coordinator_chat_id
    if chat_id is None or not overdue:
        return Skip("dropped")
    text = services.translator.t(
        services.settings.coordinator_language, "content-overdue-weekly", count=len(overdue)
    )
    shown = "\n".join(escape(line) for line in overdue_lines(overdue))
    return Outgoing(chat_id, f"{text}\n\n{shown}")


def register(app: AppType, *, interval_seconds: float) -> None:
    app.add_handler(CommandHandler("faqstatus", on_faq_status))
    register_kind(app, Kind.CONTENT_ALERT, render_alert)
    register_kind(app, Kind.REVIEW_LIST, render_review_list)
    settings = app.bot_data["services"].settings
    # What build_services loaded is the starting point: only later edits trigger a reload.
    app.bot_data["reload_state"] = ReloadState(seen=_fingerprint(settings))
    if app.job_queue is not None:
        # PTB counts weekdays from Sunday (0); REVIEW_WEEKDAY counts from Monday like Python.
        app.job_queue.run_daily(
            send_overdue_reviews,
            time=settings.agenda_time.replace(tzinfo=settings.tz),
            days=((settings.review_weekday + 1) % 7,),
            name=OVERDUE_JOB,
        )
    if app.job_queue is not None and interval_seconds > 0:
        app.job_queue.run_repeating(
            _reload_job, interval=interval_seconds, first=interval_seconds, name=RELOAD_JOB
        )
