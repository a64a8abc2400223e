"""/report for coordinators (in the coordinator chat or a coordinator's private chat): period
buttons or two typed dates, then the table, the chart, the workbook and the CSV. And the monthly
report, posted to the coordinator chat on the first of each month through the outbox."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from telegram import InputFile, Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.delivery.kinds import Kind
from bot.delivery.outbox import payload_of
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, acknowledge, button, markup, send_html
from bot.handlers.delivery import Outgoing, Skip, deliver_due, register_kind
from bot.handlers.staff_base import coordinator_message, log_refusal, staff_locale
from bot.indicators.build import make_report, report_files
from bot.indicators.compute import Period, first_contact_date
from bot.indicators.export import TELEGRAM_LIMIT, Labels, html_parts
from bot.indicators.monthly import schedule_monthly_report
from bot.indicators.periods import PERIOD_CODES, parse_period, period_for
from bot.services import Services
from storage.models import Outbox

log = logging.getLogger(__name__)

MONTHLY_JOB = "monthly-report"
MONTHLY_CHECK_SECONDS = 1800  # a restart on the first of the month still posts it


def _labels(services: Services, locale: str | None = None) -> Labels:
    """The coordinator chat's language, or the coordinator's own in their private chat."""
    return Labels(services.translator, locale or services.settings.coordinator_language)


def _today(services: Services) -> dt.date:
    return services.clock.now().astimezone(services.settings.tz).date()


async def on_report(update: Update, context: AppContext) -> None:
    """/report → period buttons; /report 2026-01-01 2026-06-30 → that period at once."""
    message = await coordinator_message(update, context)
    if message is None:
        return
    labels = _labels(context.services, staff_locale(context, message.chat_id))
    args = context.args or []
    if len(args) == 2:
        period = parse_period(args[0], args[1])
        if period is None:
            await message.reply_text(labels("report-usage"))
            return
        await send_report(context, message.chat_id, period)
        return
    if args:
        await message.reply_text(labels("report-usage"))
        return
    rows = [
        [button(labels(f"report-period-{code}"), cd.ReportPeriod(code))] for code in PERIOD_CODES
    ]
    await message.reply_text(labels("report-choose"), reply_markup=markup(rows))


def _staff_place(update: Update, context: AppContext) -> bool:
    """A press by a coordinator, in the coordinator chat or in their own private chat."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None or context.person is None:
        return False
    if not context.person.is_coordinator:
        return False
    if chat.id == context.services.settings.coordinator_chat_id:
        return True
    return chat.type == ChatType.PRIVATE and chat.id == query.from_user.id


async def on_report_button(update: Update, context: AppContext) -> None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    services = context.services
    if not _staff_place(update, context):
        is_staff = context.person is not None and context.person.is_coordinator
        if not is_staff:
            log_refusal("button", chat.type)
        # A coordinator in some other group hears nothing there (names never leak into it).
        await acknowledge(query, None if is_staff else context.t("coordinator-only"), alert=True)
        return
    await acknowledge(query)
    press = cd.parse(query.data)
    if not isinstance(press, cd.ReportPeriod):
        return
    first = await first_contact_date(
        services.db, tz=services.settings.tz, staff_ids=services.settings.coordinator_ids
    )
    period = period_for(press.code, _today(services), first)
    if period is not None:
        await send_report(context, chat.id, period)


async def send_report(context: AppContext, chat_id: int, period: Period) -> None:
    services = context.services
    labels = _labels(services, staff_locale(context, chat_id))
    if not services.indicators.indicators:
        await send_html(context, chat_id, labels("report-no-indicators"))
        return
    report = await make_report(services, period, locale=labels.locale)
    min_cell = services.settings.report_min_cell
    for part in html_parts(report, labels, min_cell):
        await send_html(context, chat_id, part)
    # As documents, the chart too: a photo would be recompressed and its small print blurred.
    files = await asyncio.to_thread(report_files, report, labels, min_cell)
    for index, (name, content) in enumerate(files):
        caption = labels("report-files-caption") if index == 0 else None
        await context.bot.send_document(chat_id, InputFile(content, filename=name), caption=caption)


# -- the monthly post -----------------------------------------------------------------------------
async def post_monthly_report(context: Any) -> bool:
    """On the first of the month (past AGENDA_TIME), once across instances: one outbox row."""
    services: Services = context.bot_data["services"]
    settings = services.settings
    if settings.coordinator_chat_id is None or not services.indicators.indicators:
        return False
    scheduled = await schedule_monthly_report(
        services.db, now=services.clock.now(), tz=settings.tz, post_at=settings.agenda_time
    )
    if scheduled:
        await deliver_due(context)
    return scheduled


async def render_report(services: Services, row: Outbox) -> Outgoing | Skip:
    chat_id = services.settings.coordinator_chat_id
    payload = payload_of(row)
    period = parse_period(str(payload.get("from")), str(payload.get("to")))
    if chat_id is None or period is None:
        return Skip("dropped")
    labels = _labels(services)
    report = await make_report(services, period, locale=labels.locale)
    min_cell = services.settings.report_min_cell
    header = labels(
        "report-monthly-post", first=period.first.isoformat(), last=period.last.isoformat()
    )
    text = "\n\n".join([header, *html_parts(report, labels, min_cell)])
    if len(text) > TELEGRAM_LIMIT:  # the files below hold every number
        text = "\n\n".join([header, html_parts(report, labels, min_cell)[0]])
    files = await asyncio.to_thread(report_files, report, labels, min_cell)
    return Outgoing(chat_id, text, documents=[(name, content, "") for name, content in files])


async def _monthly_job(context: AppContext) -> None:
    await post_monthly_report(context)


def register(app: AppType) -> None:
    app.add_handler(CommandHandler("report", on_report))
    app.add_handler(CallbackQueryHandler(on_report_button, pattern=cd.pattern(cd.REPORT)))
    register_kind(app, Kind.REPORT, render_report)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            _monthly_job,
            interval=MONTHLY_CHECK_SECONDS,
            first=MONTHLY_CHECK_SECONDS,
            name=MONTHLY_JOB,
        )
