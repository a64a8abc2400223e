"""The satisfaction question after an attended consultation or a course's last session: a 1–5
scale as buttons, then an optional short comment. Asked once per booking, answered once."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.delivery.kinds import Kind
from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, button, pressed, show
from bot.handlers.booking_messages import to_person
from bot.handlers.booking_views import service_name
from bot.handlers.delivery import Outgoing, Skip, register_kind
from bot.services import Services
from bot.surveys import SCORES, Answer
from bot.text import clean_text
from storage.models import HOLDING_BOOKING, Outbox

COMMENT = "survey_comment"


async def render_survey(services: Services, row: Outbox) -> Outgoing | Skip:
    found = await to_person(services, row)
    if found is None or found[0].status not in HOLDING_BOOKING:
        return Skip("skipped")
    booking, slot, user, chat_id = found
    locale = user.language
    text = services.translator.t(
        locale, "survey-question", service=escape(service_name(services, locale, slot.service_id))
    )
    rows: Keyboard = [[button(str(n), cd.SurveyScore(booking.id or 0, n)) for n in SCORES]]

    async def asked(_message_ids: list[int]) -> None:
        await services.surveys.asked(
            booking_id=booking.id or 0, user=user, service_id=slot.service_id
        )

    return Outgoing(chat_id, text, rows, after_sent=asked)


async def on_survey_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    person = context.person
    if press is None or person is None:
        return
    if not isinstance(press, cd.SurveyScore):  # skip, or anything old or malformed
        await show(update, context, [context.t("survey-thanks")], [])
        return
    answer = await context.services.surveys.answer(
        booking_id=press.booking_id,
        user_id=person.id,
        user_key=person.user_key,
        language=person.locale,
        score=press.score,
    )
    if answer != Answer.COUNTED:  # late, repeated, out of range or someone else's: no change
        closed = answer == Answer.CLOSED
        await show(
            update, context, [context.t("survey-closed" if closed else "survey-already")], []
        )
        return
    await awaiting.expect(context, COMMENT, booking=press.booking_id)
    skip = [[button(context.t("survey-skip"), cd.SurveySkip(press.booking_id))]]
    await show(update, context, [context.t("survey-thanks-comment")], skip)


async def on_comment(update: Update, context: AppContext, pending: dict[str, object]) -> None:
    message = update.effective_message
    person = context.person
    booking_id = pending.get("booking")
    if message is None or person is None or not message.text or not isinstance(booking_id, int):
        return
    await context.services.surveys.comment(
        booking_id=booking_id, user_id=person.id, text=clean_text(message.text).strip()
    )
    await message.reply_text(context.t("survey-thanks"))


def register(app: AppType) -> None:
    app.add_handler(CallbackQueryHandler(on_survey_button, pattern=cd.pattern(cd.SURVEY)))
    awaiting.add_consumer(app, COMMENT, on_comment)
    register_kind(app, Kind.SURVEY, render_survey, waking_hours=True)
