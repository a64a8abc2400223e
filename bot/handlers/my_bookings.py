"""/mybookings: the person's bookings with Cancel / Move, and their answer to a place held for
them from a waiting list. Every id from a button is checked against the database and the person."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.booking.desk import Outcome, Status
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, AppType, Keyboard, button, pressed, show
from bot.handlers.booking import announce, explain_failure
from bot.handlers.booking_messages import made_from, send_calendar
from bot.handlers.booking_steps import home_rows, show_days, show_times
from bot.handlers.booking_views import (
    booking_details,
    course_sessions,
    day_label,
    service_name,
    session_lines,
    time_label,
    when,
)
from bot.handlers.delivery import kick
from storage.models import BookingStatus


# -- my bookings: list, cancel, move -------------------------------------------------------------
async def show_my_bookings(update: Update, context: AppContext) -> None:
    person = context.person
    if person is None:
        return
    services = context.services
    upcoming = [
        (b, s)
        for b, s in await services.desk.upcoming(person.id)
        if b.status != BookingStatus.OFFERED
    ]
    waiting = await services.desk.waiting_places(person.id)
    if not upcoming and not waiting:
        book_rows = [
            [button(context.t("booking-book-button"), cd.BookStart())],
            *home_rows(context),
        ]
        await show(update, context, [context.t("booking-my-none")], book_rows)
        return
    lines = [context.t("booking-my-title", count=len(upcoming) + len(waiting))]
    rows: Keyboard = []
    for booking, slot in upcoming:
        status = context.t(f"booking-status-{booking.status}")
        sessions = await course_sessions(services, slot)
        if len(sessions) > 1:  # a course: every date, in the person's locale
            name = service_name(services, context.locale, booking.service_id)
            lines.append(f"• {escape(name)} — {escape(status)}")
            lines.append(
                context.t(
                    "booking-course-sessions",
                    count=len(sessions),
                    sessions=session_lines(services, context.locale, sessions),
                )
            )
            rows.append(
                [button(f"{context.t('booking-cancel')} {name}"[:60], cd.MyCancel(booking.id or 0))]
            )
            continue
        label = (
            f"{service_name(services, context.locale, booking.service_id)}, "
            f"{when(services, context.locale, slot.starts_at)}"
        )
        lines.append(f"• {escape(label)} — {escape(status)}")
        local_day = slot.starts_at.astimezone(services.settings.tz).date()
        short = (
            f"{day_label(services, context.locale, local_day)} "
            f"{time_label(services, context.locale, slot.starts_at)}"
        )
        row = [button(f"{context.t('booking-cancel')} {short}", cd.MyCancel(booking.id or 0))]
        service = services.catalog.get(booking.service_id)
        if service is not None and not service.is_group:
            row.append(button(f"{context.t('booking-move')} {short}", cd.MyMove(booking.id or 0)))
        rows.append(row)
    for place, slot, position in waiting:
        label = (
            f"{service_name(services, context.locale, slot.service_id)}, "
            f"{when(services, context.locale, slot.starts_at)}"
        )
        status = context.t("booking-status-waiting", position=position)
        lines.append(f"• {escape(label)} — {escape(status)}")
        local_day = slot.starts_at.astimezone(services.settings.tz).date()
        day = day_label(services, context.locale, local_day)
        leave = f"{context.t('booking-leave-waitlist')} {day}"
        rows.append([button(leave, cd.MyLeave(place.id or 0))])
    rows += home_rows(context)
    await show(update, context, ["\n".join(lines)], rows)


async def on_my_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    person = context.person
    if press is None or person is None:
        return
    services = context.services
    # Every id is checked against the person: a decision (cancel, move to) in its own unit of
    # work, under its lock, with no read before it; what only shows, by a read.
    match press:
        case cd.MyLeave(waiting_id=waiting_id):  # a waiting-list place
            left = await services.desk.leave_waitlist(user_id=person.id, waiting_id=waiting_id)
            text = context.t("booking-left-waitlist" if left else "booking-gone")
            await show(update, context, [text], home_rows(context))
        case cd.MyCancelConfirm(booking_id=booking_id):
            await cancel_booking(update, context, booking_id)
        case cd.MyMoveTo(booking_id=booking_id, slot_id=slot_id):
            await move_booking(update, context, booking_id, slot_id)
        case cd.MyCancel(booking_id=booking_id):
            await ask_to_cancel(update, context, booking_id)
        case cd.MyMove() | cd.MyMoveFrom() | cd.MyMoveDay() | cd.MyMoveDayFrom():
            await show_move_picker(update, context, press)
        case _:  # MyList, or anything old or malformed
            await show_my_bookings(update, context)


async def show_move_picker(
    update: Update,
    context: AppContext,
    press: cd.MyMove | cd.MyMoveFrom | cd.MyMoveDay | cd.MyMoveDayFrom,
) -> None:
    """The days or times to move a booking to: they need only its service (and that it can
    still be moved)."""
    person = context.person
    booking_id = press.booking_id
    service = (
        await context.services.desk.movable_service(person.id, booking_id)
        if person is not None
        else None
    )
    if service is None:  # another person's booking, or one cancelled: change nothing
        await explain_failure(update, context, Outcome(Status.GONE))
        return
    match press:
        case cd.MyMove():
            await show_days(update, context, service, move_booking=booking_id)
        case cd.MyMoveFrom(day=day):
            await show_days(update, context, service, move_booking=booking_id, start=day)
        case cd.MyMoveDay(day=day):
            await show_times(update, context, service, day, move_booking=booking_id)
        case cd.MyMoveDayFrom(day=day, start=start):
            await show_times(
                update, context, service, day, move_booking=booking_id, start=start.moment()
            )


async def ask_to_cancel(update: Update, context: AppContext, booking_id: int) -> None:
    """ "Cancel this?" with the booking's details, if it is the person's own and still active."""
    person, services = context.person, context.services
    owned = await services.desk.owned(person.id, booking_id) if person is not None else None
    if owned is None:  # another person's booking, or one already cancelled: change nothing
        await explain_failure(update, context, Outcome(Status.GONE))
        return
    booking, slot = owned
    sessions = await course_sessions(services, slot)
    text = context.t(
        "booking-cancel-question",
        details=booking_details(services, context.locale, booking, slot, sessions),
    )
    rows = [
        [button(context.t("booking-cancel-yes"), cd.MyCancelConfirm(booking_id))],
        [button(context.t("booking-keep"), cd.MyList())],
    ]
    await show(update, context, [text], rows)


async def cancel_booking(update: Update, context: AppContext, booking_id: int) -> None:
    person = context.person
    if person is None:
        return
    outcome = await context.services.desk.cancel(
        booking_id=booking_id, user_id=person.id, sends_itself=True
    )
    if not outcome.ok:
        await explain_failure(update, context, outcome)
        return
    assert outcome.booking is not None and outcome.slot is not None
    rows = [[button(context.t("booking-book-button"), cd.BookStart())], *home_rows(context)]
    await show(update, context, [context.t("booking-cancelled")], rows)
    # The centre's notice (or, with a place offered to the next person waiting, a round).
    kick(context, outcome.sends, await made_from(context.services, outcome))
    await send_calendar(
        context,
        person.telegram_id,
        outcome.booking,
        outcome.slot,
        locale=context.locale,
        cancelled=True,
    )


async def move_booking(update: Update, context: AppContext, booking_id: int, slot_id: int) -> None:
    person = context.person
    if person is None:
        return
    services = context.services
    outcome = await services.desk.move(
        booking_id=booking_id, user_id=person.id, new_slot_id=slot_id, sends_itself=True
    )
    if not outcome.ok:
        await explain_failure(update, context, outcome, move_booking=booking_id)
        return
    await announce(update, context, outcome, "booking-moved")


# -- waiting-list offers -------------------------------------------------------------------------
async def on_offer_button(update: Update, context: AppContext) -> None:
    press = await pressed(update, context)
    person = context.person
    if press is None or person is None:
        return
    if not isinstance(press, cd.OfferYes | cd.OfferNo):
        await explain_failure(update, context, Outcome(Status.GONE))
        return
    services = context.services
    outcome = await services.desk.answer_offer(
        booking_id=press.booking_id,
        user_id=person.id,
        accept=isinstance(press, cd.OfferYes),
        sends_itself=True,
    )
    if outcome.status == Status.GONE:
        await explain_failure(update, context, outcome)
        return
    assert outcome.booking is not None and outcome.slot is not None
    if outcome.ok:
        await announce(update, context, outcome, "booking-done")
        return
    await show(update, context, [context.t("booking-offer-declined")], home_rows(context))
    kick(context)  # the place goes to the next person waiting


def register(app: AppType) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("mybookings", show_my_bookings, filters=private))
    app.add_handler(CallbackQueryHandler(on_my_button, pattern=cd.pattern(cd.MY)))
    app.add_handler(CallbackQueryHandler(on_offer_button, pattern=cd.pattern(cd.OFFER)))
