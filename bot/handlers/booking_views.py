"""How bookings read in a message, in any locale.

Shared by the texts for migrants, for coordinators and from jobs.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.booking.catalog import Service
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, Keyboard, button
from bot.services import Services
from storage.models import Booking, Slot, User


def when(services: Services, locale: str, moment: dt.datetime) -> str:
    return services.translator.format_local_datetime(moment, locale, services.settings.tz)


def day_label(services: Services, locale: str, day: dt.date) -> str:
    return services.translator.format_day_short(day, locale)


def time_label(services: Services, locale: str, moment: dt.datetime) -> str:
    return services.translator.format_time(moment, locale, services.settings.tz)


def service_name(services: Services, locale: str, service_id: str) -> str:
    service = services.catalog.get(service_id)
    return service.name(locale) if service else service_id


def place(service: Service | None) -> str:
    if service is None or not service.address:
        return "—"
    text = escape(service.address)
    if service.map_url:
        text = f'<a href="{escape(service.map_url, quote=True)}">{text}</a>'
    return text


def topic_title(services: Services, locale: str, topic_id: str | None) -> str:
    if not topic_id:
        return "—"
    topic = services.faq.content.get(topic_id)
    return escape(services.faq.content.translation(topic, locale).title) if topic else "—"


def booking_details(services: Services, locale: str, booking: Booking, slot: Slot) -> str:
    """What, when, where: the lines every booking message repeats."""
    service = services.catalog.get(booking.service_id)
    return services.translator.t(
        locale,
        "booking-details",
        service=escape(service_name(services, locale, booking.service_id)),
        when=escape(when(services, locale, slot.starts_at)),
        place=place(service),
    )


def coordinator_summary(
    services: Services,
    booking: Booking,
    slot: Slot,
    user: User,
    message_id: str,
    *,
    old: dt.datetime | None = None,
) -> str:
    """One notification line block for the coordinator chat, in the coordinators' language
    (`old`: the time before a move)."""
    locale = services.settings.coordinator_language
    translator = services.translator
    return translator.t(
        locale,
        message_id,
        old=escape(when(services, locale, old)) if old is not None else "—",
        name=escape(user.display_name or "—"),
        language=escape(translator.language_name(user.language)),
        service=escape(service_name(services, locale, booking.service_id)),
        when=escape(when(services, locale, slot.starts_at)),
        topic=topic_title(services, locale, booking.topic_id),
        note=escape(booking.note or "—"),
        booking=booking.id or 0,
    )


def my_booking_rows(context: AppContext, booking: Booking) -> Keyboard:
    """Cancel (and Move, for one-to-one services) under a booking, then Home."""
    rows: Keyboard = [[button(context.t("booking-cancel"), cd.MyCancel(booking.id or 0))]]
    service = context.services.catalog.get(booking.service_id)
    if service is not None and not service.is_group:
        rows[0].append(button(context.t("booking-move"), cd.MyMove(booking.id or 0)))
    rows.append([button(context.t("faq-home"), cd.FaqHome())])
    return rows
