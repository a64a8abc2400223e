"""/deadlines: add a deadline (its kind, a short label for "other", its date by buttons or typed
in the person's format), list, open (the card with its checklist), change the date, delete; the
reminders' renderer; the "remind me" button under the FAQ answers named in faq/deadlines.yaml.

The flow's step travels in the buttons (the deadline's id, the year, the month); a typed label or
date waits on the person's row (`bot/pending.py`). Every id is re-checked against the person."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.deadline_file import KINDS
from bot.deadlines import LABEL_LIMIT, clean_label, date_example, latest_date, parse_typed_date
from bot.delivery.kinds import Kind
from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers import deadline_views as views
from bot.handlers.base import AppContext, AppType, Keyboard, button, pressed, show
from bot.handlers.delivery import Outgoing, Skip, kick, reachable, register_kind
from bot.handlers.privacy import add_consent_step, ask_consent
from bot.services import Services
from storage.models import EventKind, Outbox

LABEL = "deadline_label"
DATE = "deadline_date"
EXAMPLE_DAYS_AHEAD = 120  # the example date shown in "type it like …"


def remind_rows(context: AppContext, topic_id: str) -> Keyboard:
    """Under an FAQ answer about a permit, a job change or protection: "remind me"."""
    kind = context.services.deadlines.rules().kind_for_topic(topic_id)
    if kind is None:
        return []
    return [[button(context.t("deadline-remind-button"), cd.DlKind(kind))]]


async def on_deadlines(update: Update, context: AppContext) -> None:
    if context.person is None or await ask_consent(update, context, "deadlines"):
        return
    await show_list(update, context)


async def show_list(update: Update, context: AppContext) -> None:
    person = context.person
    if person is None:
        return
    rows = await context.services.deadlines.listing(person.id)
    text, keyboard = views.listing(context.services, context.locale, rows)
    await show(update, context, [text], keyboard)


async def start_kind(update: Update, context: AppContext, kind: str) -> None:
    person = context.person
    if person is None or kind not in KINDS:
        await show_list(update, context)
        return
    if await ask_consent(update, context, f"deadline-{kind}"):
        return
    deadline_id = await context.services.deadlines.start(person, kind)
    if kind == "other":
        await awaiting.expect(context, LABEL, deadline=deadline_id)
        await show(update, context, [context.t("deadline-ask-label", limit=LABEL_LIMIT)], [])
        return
    await ask_date(update, context, deadline_id)


async def ask_date(update: Update, context: AppContext, deadline_id: int) -> None:
    """The year buttons, and "or type it like 31.12.2027"; the typed date waits on the row."""
    person = context.person
    deadline = await context.services.deadlines.own(deadline_id, person.id) if person else None
    if deadline is None:
        await show(update, context, [context.t("deadline-missing")], [])
        return
    await awaiting.expect(context, DATE, deadline=deadline_id)
    text, rows = views.year_picker(context.services, context.locale, deadline, _example(context))
    await show(update, context, [text], rows)


def _example(context: AppContext) -> str:
    day = context.services.deadlines.today() + dt.timedelta(days=EXAMPLE_DAYS_AHEAD)
    return date_example(day, context.locale)


async def on_label(update: Update, context: AppContext, pending: dict[str, object]) -> None:
    message, person = update.effective_message, context.person
    deadline_id = pending.get("deadline")
    if message is None or person is None or not isinstance(deadline_id, int):
        return
    label = clean_label(message.text)
    if label is None:
        await awaiting.expect(context, LABEL, deadline=deadline_id)
        await message.reply_text(context.t("deadline-label-bad", limit=LABEL_LIMIT))
        return
    if not await context.services.deadlines.set_label(deadline_id, person.id, label):
        await message.reply_text(context.t("deadline-missing"))
        return
    await ask_date(update, context, deadline_id)


async def on_typed_date(update: Update, context: AppContext, pending: dict[str, object]) -> None:
    message, person = update.effective_message, context.person
    deadline_id = pending.get("deadline")
    if message is None or person is None or not isinstance(deadline_id, int):
        return
    day = parse_typed_date(message.text or "", context.locale)
    if day is None:
        await awaiting.expect(context, DATE, deadline=deadline_id)
        text = context.t("deadline-date-unreadable", example=_example(context))
        await message.reply_text(text)
        return
    await save_date(update, context, deadline_id, day)


async def save_date(update: Update, context: AppContext, deadline_id: int, day: object) -> None:
    person = context.person
    if person is None or not isinstance(day, dt.date):
        return
    saved = await context.services.deadlines.set_date(deadline_id, person, day)
    if not saved.ok:
        if saved.problem in ("past", "far"):
            await awaiting.expect(context, DATE, deadline=deadline_id)
        key = {"past": "deadline-date-past", "far": "deadline-date-far"}.get(
            saved.problem or "", "deadline-missing"
        )
        await show(update, context, [context.t(key, example=_example(context))], [])
        return
    await awaiting.forget(context)
    tz = context.services.settings.tz
    later = [p for p in saved.reminders if p.due_at > context.services.clock.now()]
    dates = ", ".join(
        context.services.translator.format_date(
            p.due_at.astimezone(tz).date(), context.locale, fmt="medium"
        )
        for p in later
    )
    text = context.t(
        "deadline-saved",
        date=context.services.translator.format_date(day, context.locale, fmt="long"),
    )
    text += "\n" + (
        context.t("deadline-saved-reminders", dates=dates)
        if dates
        else context.t("deadline-saved-no-more")
    )
    rows = [[button(context.t("deadline-list-button"), cd.DlList())]]
    await show(update, context, [text], rows)
    kick(context)  # after the confirmation: a late entry's one collapsed reminder goes out now


async def open_card(update: Update, context: AppContext, deadline_id: int) -> None:
    person = context.person
    deadline = await context.services.deadlines.own(deadline_id, person.id) if person else None
    if deadline is None or deadline.due_on is None:
        await show_list(update, context)
        return
    text, rows = views.card(context.services, context.locale, deadline, reminder=False)
    await show(update, context, [text], rows)


async def on_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    person = context.person
    if press is None or person is None:
        return
    services = context.services
    match press:
        case cd.DlKind(kind=kind):
            await start_kind(update, context, kind)
        case cd.DlNew():
            if not await ask_consent(update, context, "deadlines"):
                rows = views.kind_rows(services, context.locale)
                await show(update, context, [context.t("deadline-pick-kind")], rows)
        case cd.DlEdit(deadline_id=deadline_id):
            await ask_date(update, context, deadline_id)
        case (
            cd.DlYear(deadline_id=deadline_id, year=year)
            | cd.DlMonth(deadline_id=deadline_id, year=year)
        ):
            deadline = await services.deadlines.own(deadline_id, person.id)
            today = services.deadlines.today()
            if deadline is None or not today.year <= year <= latest_date(today).year:
                await show_list(update, context)  # someone else's, deleted, or a forged year
                return
            await awaiting.expect(context, DATE, deadline=deadline_id)  # typing still works
            if isinstance(press, cd.DlMonth) and 1 <= press.month <= 12:
                text, rows = views.day_picker(services, context.locale, deadline, year, press.month)
            else:
                text, rows = views.month_picker(services, context.locale, deadline, year)
            await show(update, context, [text], rows)
        case cd.DlDay(deadline_id=deadline_id, day=day):
            await save_date(update, context, deadline_id, day)
        case cd.DlOpen(deadline_id=deadline_id):
            await open_card(update, context, deadline_id)
        case cd.DlTick(deadline_id=deadline_id, step=step):
            deadline = await services.deadlines.toggle(deadline_id, person.id, step)
            if deadline is None:
                await show_list(update, context)
                return
            reminder = update.callback_query is not None and _is_reminder(update)
            text, rows = views.card(services, context.locale, deadline, reminder=reminder)
            await show(update, context, [text], rows)
        case cd.DlDelete(deadline_id=deadline_id):
            rows = [
                [button(context.t("deadline-delete-yes"), cd.DlDeleteOk(deadline_id))],
                [button(context.t("deadline-delete-no"), cd.DlOpen(deadline_id))],
            ]
            await show(update, context, [context.t("deadline-delete-question")], rows)
        case cd.DlDeleteOk(deadline_id=deadline_id):
            await services.deadlines.delete(deadline_id, person)
            rows = [[button(context.t("deadline-list-button"), cd.DlList())]]
            await show(update, context, [context.t("deadline-deleted")], rows)
        case _:  # the list, or anything old or malformed
            await show_list(update, context)


def _is_reminder(update: Update) -> bool:
    """A tick pressed under a reminder keeps the reminder's title."""
    message = update.callback_query.message if update.callback_query else None
    text = getattr(message, "text", None) or ""
    return text.startswith("⏰")


async def render_reminder(services: Services, row: Outbox) -> Outgoing | Skip:
    """Read when it is sent: a deadline deleted or moved meanwhile sends nothing."""
    loaded = await services.deadlines.with_person(row.ref_id or 0)
    if loaded is None:
        return Skip("skipped")
    deadline, user = loaded
    chat_id = reachable(user)
    if chat_id is None or deadline.due_on is None:
        return Skip("skipped")
    if deadline.due_on < services.deadlines.today():
        return Skip("too_late")
    text, rows = views.card(services, user.language, deadline, reminder=True)
    event = {
        "kind": EventKind.DEADLINE_REMINDER_SENT,
        "user_key": user.user_key,
        "language": user.language,
        "source": deadline.kind,
    }
    return Outgoing(chat_id, text, rows, event=event)


def register(app: AppType) -> None:
    app.add_handler(CommandHandler("deadlines", on_deadlines, filters=filters.ChatType.PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=cd.pattern(cd.DEADLINE)))
    awaiting.add_consumer(app, LABEL, on_label)
    awaiting.add_consumer(app, DATE, on_typed_date)
    register_kind(app, Kind.DEADLINE, render_reminder, waking_hours=True)
    add_consent_step(app, "deadlines", show_list)
    for kind in KINDS:

        async def continue_with(update: Update, context: AppContext, kind: str = kind) -> None:
            await start_kind(update, context, kind)

        add_consent_step(app, f"deadline-{kind}", continue_with)
