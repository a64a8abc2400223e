"""Messages a booking event causes, sent from handlers and jobs alike: to the coordinator chat,
to the person (in their own language), calendar files and waiting-list offers."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from telegram import InputFile
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot.booking.desk import Outcome
from bot.booking.ics import booking_calendar
from bot.handlers import callback_data as cd
from bot.handlers.base import Keyboard, button, markup
from bot.handlers.booking_views import booking_details, coordinator_summary, service_name, when
from bot.services import Services
from storage.models import Booking, Slot
from storage.repos import users

log = logging.getLogger(__name__)


async def safe_send(context: Any, chat_id: int, text: str, rows: Keyboard | None = None) -> bool:
    """Send; a person who blocked the bot is marked inactive, other failures are logged."""
    services: Services = context.bot_data["services"]
    try:
        await context.bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup(rows or []),
            disable_web_page_preview=True,
        )
        return True
    except Forbidden:
        async with services.db.session() as session:
            await users.set_active(session=session, telegram_id=chat_id, active=False)
            await session.commit()
    except TelegramError as exc:
        log.warning("could not send to a chat: %s", type(exc).__name__)
    return False


async def notify(context: Any, outcome: Outcome, message_id: str, *, buttons: bool = True) -> None:
    """One message per booking event in the coordinator chat, with one-tap actions."""
    services: Services = context.bot_data["services"]
    chat_id = services.settings.coordinator_chat_id
    if chat_id is None or outcome.booking is None or outcome.slot is None or outcome.user is None:
        return
    text = coordinator_summary(services, outcome.booking, outcome.slot, outcome.user, message_id)
    rows: Keyboard = []
    if buttons and outcome.booking.status == "pending":
        locale = services.settings.coordinator_language
        booking_id = outcome.booking.id or 0
        rows = [
            [
                button(
                    services.translator.t(locale, "co-confirm"), cd.COORDINATOR, "ok", booking_id
                ),
                button(
                    services.translator.t(locale, "co-decline"), cd.COORDINATOR, "no", booking_id
                ),
            ]
        ]
    await safe_send(context, chat_id, text, rows)


async def send_calendar(
    context: Any,
    chat_id: int,
    booking: Booking,
    slot: Slot,
    *,
    locale: str,
    cancelled: bool = False,
) -> None:
    """The .ics file: same UID for the booking's life, SEQUENCE grows, CANCEL when cancelled."""
    services: Services = context.bot_data["services"]
    service = services.catalog.get(booking.service_id)
    try:
        data = calendar_bytes(services, locale, booking, slot, cancelled=cancelled)
    except (ValueError, OverflowError) as exc:  # a time no calendar can hold: skip the file
        log.warning("calendar file not built: %s", type(exc).__name__)
        return
    caption = services.translator.t(
        locale, "booking-calendar-cancelled" if cancelled else "booking-calendar"
    )
    try:
        await context.bot.send_document(
            chat_id,
            InputFile(data, filename=f"{service.id if service else 'booking'}.ics"),
            caption=caption,
        )
    except TelegramError as exc:  # the booking stands; the calendar file is a convenience
        log.warning("calendar file not sent: %s", type(exc).__name__)


def calendar_bytes(
    services: Services, locale: str, booking: Booking, slot: Slot, *, cancelled: bool
) -> bytes:
    service = services.catalog.get(booking.service_id)
    return booking_calendar(
        booking_id=booking.id or 0,
        sequence=booking.sequence,
        summary=service_name(services, locale, booking.service_id),
        location=service.address if service else "",
        description=services.translator.t(locale, "booking-calendar-description"),
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        tz=services.settings.tz,
        now=services.clock.now(),
        cancelled=cancelled,
    )


async def send_offer(context: Any, offer: Outcome) -> None:
    """Tell the first person waiting that a place is held for them (in their language)."""
    if offer.booking is None or offer.slot is None or offer.user is None:
        return
    services: Services = context.bot_data["services"]
    locale = offer.user.language
    translator = services.translator
    expires = offer.booking.offer_expires_at or offer.slot.starts_at
    text = translator.t(
        locale,
        "booking-offer",
        details=booking_details(services, locale, offer.booking, offer.slot),
        until=escape(when(services, locale, expires)),
    )
    rows = [
        [
            button(
                translator.t(locale, "booking-offer-accept"), cd.OFFER, "yes", offer.booking.id or 0
            ),
            button(
                translator.t(locale, "booking-offer-decline"), cd.OFFER, "no", offer.booking.id or 0
            ),
        ]
    ]
    await safe_send(context, offer.user.telegram_id, text, rows)
