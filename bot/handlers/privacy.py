"""/privacy (what is stored, why, how long, who sees it), /mydata (a JSON file of everything
stored about the person), /forget (erase, with a confirmation and a receipt), the optional region
of origin, and the daily retention purge."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from telegram import InputFile, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, button, pressed, show
from bot.handlers.delivery import kick
from bot.services import Services
from storage.models import Region

RETENTION_JOB = "retention"


def privacy_rows(context: AppContext) -> Keyboard:
    return [
        [button(context.t("privacy-mydata-button"), cd.PrivacyExport())],
        [button(context.t("privacy-region-button"), cd.PrivacyRegionMenu())],
        [button(context.t("privacy-forget-button"), cd.PrivacyForget())],
    ]


async def on_privacy(update: Update, context: AppContext) -> None:
    if context.person is None:
        return
    text = context.t("privacy-text", days=context.services.settings.retention_days)
    await show(update, context, [text], privacy_rows(context))


async def on_mydata(update: Update, context: AppContext) -> None:
    person, chat = context.person, update.effective_chat
    if person is None or chat is None:
        return
    data = await context.services.privacy.export(person.id)
    raw = json.dumps(data, ensure_ascii=False, indent=2).encode()
    try:
        await context.bot.send_document(
            chat.id,
            InputFile(raw, filename="my-data.json"),
            caption=context.t("privacy-mydata-caption"),
        )
    except TelegramError:
        await show(update, context, [context.t("common-error")], [])


async def on_forget(update: Update, context: AppContext) -> None:
    if context.person is None:
        return
    rows = [
        [button(context.t("privacy-forget-yes"), cd.PrivacyForgetConfirm())],
        [button(context.t("privacy-forget-keep"), cd.PrivacyKeep())],
    ]
    await show(update, context, [context.t("privacy-forget-question")], rows)


async def forget_now(update: Update, context: AppContext) -> None:
    person = context.person
    if person is None:
        return
    # A person met for the first time by this very press: the other instance (or an earlier tap)
    # has erased them already and this row was made just now: erase it again, counted once.
    forgotten = await context.services.privacy.forget(person.id, counted=not person.is_new)
    kick(context)  # the centre hears of cancelled bookings; freed places go to the list
    await show(update, context, [context.t("privacy-forgotten", count=forgotten.cancelled)], [])


async def ask_region(update: Update, context: AppContext) -> None:
    rows: Keyboard = [
        [button(context.t(f"region-{r.value.replace('_', '-')}"), cd.PrivacyRegion(r.value))]
        for r in Region
    ]
    rows.append([button(context.t("privacy-region-skip"), cd.PrivacyRegion("-"))])
    await show(update, context, [context.t("privacy-region-question")], rows)


async def on_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    person = context.person
    if press is None or person is None:
        return
    regions = {r.value for r in Region} | {"-"}
    match press:
        case cd.PrivacyExport():
            await on_mydata(update, context)
        case cd.PrivacyForget():
            await on_forget(update, context)
        case cd.PrivacyForgetConfirm():
            await forget_now(update, context)
        case cd.ConsentYes(step=step):
            await agree(update, context, step)
        case cd.ConsentNo():
            await refuse(update, context)
        case cd.PrivacyRegionMenu() | cd.PrivacyRegion() if not has_consent(context):
            await ask_consent(update, context, "region")
        case cd.PrivacyRegionMenu():
            await ask_region(update, context)
        case cd.PrivacyRegion(region=region) if region in regions:
            await context.services.privacy.set_region(person.id, None if region == "-" else region)
            await show(update, context, [context.t("privacy-region-saved")], privacy_rows(context))
        case _:  # "about", "keep", or anything old or malformed
            await on_privacy(update, context)


async def purge_inactive(context: Any) -> int:
    """Once a day across instances: erase people not seen for RETENTION_DAYS."""
    services: Services = context.bot_data["services"]
    today = services.clock.now().astimezone(services.settings.tz).date()
    if not await services.desk.claim_daily("retention", today):
        return 0
    return await services.privacy.purge_inactive(
        days=services.settings.retention_days, staff=services.settings.coordinator_ids
    )


async def _retention_job(context: AppContext) -> None:
    await purge_inactive(context)


def register(app: AppType) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("privacy", on_privacy, filters=private))
    app.add_handler(CommandHandler("mydata", on_mydata, filters=private))
    app.add_handler(CommandHandler("forget", on_forget, filters=private))
    app.add_handler(CallbackQueryHandler(on_button, pattern=cd.pattern(cd.PRIVACY)))
    add_consent_step(app, "region", ask_region)
    if app.job_queue is not None:
        settings = app.bot_data["services"].settings
        app.job_queue.run_daily(
            _retention_job,
            time=settings.agenda_time.replace(tzinfo=settings.tz),
            name=RETENTION_JOB,
        )


# -- consent, asked once at the first need ------------------------------------------------------
NextStep = Callable[[Update, AppContext], Awaitable[None]]


def add_consent_step(app: AppType, name: str, step: NextStep) -> None:
    """What to continue with once the person agrees (`book`, `ask`…)."""
    app.bot_data.setdefault("consent_steps", {})[name] = step


def has_consent(context: AppContext) -> bool:
    person = context.person
    if person is None:
        return False
    return person.has_consented or not context.services.settings.consent_in_bot


async def ask_consent(update: Update, context: AppContext, step: str) -> bool:
    """True when the person must first agree (the question is shown, with Yes / No)."""
    if has_consent(context):
        return False
    rows = [
        [button(context.t("consent-yes"), cd.ConsentYes(step))],
        [button(context.t("consent-no"), cd.ConsentNo())],
        [button(context.t("consent-more"), cd.PrivacyAbout())],
    ]
    await show(update, context, [context.t("consent-question")], rows)
    return True


async def agree(update: Update, context: AppContext, step_name: str) -> None:
    person = context.person
    if person is None:
        return
    await context.services.privacy.give_consent(person)
    context.person = replace(person, has_consented=True)
    steps: dict[str, NextStep] = context.bot_data.get("consent_steps", {})
    step = steps.get(step_name)
    if step is not None:
        await step(update, context)
    else:
        await show(update, context, [context.t("consent-thanks")], [])


async def refuse(update: Update, context: AppContext) -> None:
    person = context.person
    if person is None:
        return
    await context.services.privacy.refuse_consent(person)
    contact = [[button(context.t("consent-contact"), cd.FaqOpen("contact"))]]
    await show(update, context, [context.t("consent-refused")], contact)
