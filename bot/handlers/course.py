"""Course follow-up at the Telegram boundary: the nudge after two absences in a row (an outbox
kind), its "I'll come" / "I can't continue" buttons, and the coordinators' /course view."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import course_followup
from bot.booking.outcome import Status
from bot.delivery.kinds import Kind
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, button, pressed, show
from bot.handlers.booking_messages import to_person
from bot.handlers.booking_views import service_name, when
from bot.handlers.coordinator import coordinator_message
from bot.handlers.delivery import Outgoing, Skip, kick, register_kind
from bot.services import Services
from storage.models import HOLDING_BOOKING, EventKind, Outbox


async def render_nudge(services: Services, row: Outbox) -> Outgoing | Skip:
    found = await to_person(services, row)
    if found is None or found[0].status not in HOLDING_BOOKING:
        return Skip("skipped")
    booking, slot, user, chat_id = found
    starts = [start for start, _ in await services.desk.sessions(slot.id or 0)]
    upcoming = course_followup.next_session(starts, services.clock.now())
    if upcoming is None:
        return Skip("dropped")  # the course is over: nothing left to come to
    locale, t = user.language, services.translator.t
    text = t(
        locale,
        "course-nudge",
        course=escape(service_name(services, locale, slot.service_id)),
        when=escape(when(services, locale, upcoming)),
    )
    booking_id = booking.id or 0
    rows: Keyboard = [
        [button(t(locale, "course-nudge-come"), cd.CourseCome(booking_id))],
        [button(t(locale, "course-nudge-stop"), cd.CourseStop(booking_id))],
    ]
    event = {
        "kind": EventKind.NUDGE_SENT,
        "user_key": user.user_key,
        "language": locale,
        "service_id": slot.service_id,
    }
    return Outgoing(chat_id, text, rows, event=event)


async def on_course_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    person = context.person
    if press is None or person is None:
        return
    services = context.services
    match press:
        case cd.CourseCome(booking_id=booking_id):
            owned = await services.desk.owned(person.id, booking_id)
            if owned is None:
                await show(update, context, [context.t("course-nudge-gone")], [])
                return
            await services.record_event(
                kind=EventKind.NUDGE_COME,
                user_key=person.user_key,
                language=person.locale,
                service_id=owned[1].service_id,
            )
            await show(update, context, [context.t("course-nudge-see-you")], [])
        case cd.CourseStop(booking_id=booking_id):
            # The person's own answer to our question: the cancellation cutoff (meant for
            # changes just before a meeting) does not bind it, so it goes like a staff cancel.
            if await services.desk.owned(person.id, booking_id) is None:
                await show(update, context, [context.t("course-nudge-gone")], [])
                return
            outcome = await services.desk.cancel(
                booking_id=booking_id, user_id=person.id, by_staff=True
            )
            if outcome.status != Status.OK or outcome.slot is None:
                await show(update, context, [context.t("course-nudge-gone")], [])
                return
            await services.record_event(
                kind=EventKind.NUDGE_STOP,
                user_key=person.user_key,
                language=person.locale,
                service_id=outcome.slot.service_id,
            )
            await show(update, context, [context.t("course-nudge-stopped")], [])
            kick(context)  # the freed place is offered to the first person waiting
        case _:
            await show(update, context, [context.t("course-nudge-gone")], [])


async def on_course(update: Update, context: AppContext) -> None:
    message = await coordinator_message(update, context)
    if message is None:
        return
    services = context.services
    locale, t = services.settings.coordinator_language, services.translator.t
    courses = await course_followup.standings(services.db, services.clock.now())
    if not courses:
        await message.reply_text(t(locale, "course-view-none"))
        return
    for course in courses:
        lines = [
            t(
                locale,
                "course-view-title",
                course=escape(service_name(services, locale, course.slot.service_id)),
                start=escape(when(services, locale, course.slot.starts_at)),
            )
        ]
        for on_track in (True, False):
            people = [p for p in course.people if p.on_track == on_track]
            lines.append(t(locale, "course-view-on-track" if on_track else "course-view-at-risk"))
            lines.extend(
                t(
                    locale,
                    "course-view-person",
                    name=escape(p.first_name),
                    present=p.present,
                    absent=p.absent,
                    ahead=p.ahead,
                    total=p.total,
                )
                for p in people
            )
            if not people:
                lines.append(t(locale, "course-view-nobody"))
        await message.reply_text("\n".join(lines), parse_mode=ParseMode.HTML)


def register(app: AppType) -> None:
    app.add_handler(CallbackQueryHandler(on_course_button, pattern=cd.pattern(cd.COURSE)))
    app.add_handler(CommandHandler("course", on_course))
    register_kind(app, Kind.COURSE_NUDGE, render_nudge, waking_hours=True)
