"""How bookings read in a message, in any locale.

Shared by the texts for migrants, for coordinators and from jobs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from html import escape
from typing import NamedTuple, Protocol

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency

from bot.booking.catalog import Service
from bot.faq.model import Translation
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, Keyboard, button
from bot.i18n import babel_locale
from bot.services import Services
from storage.models import Booking, Slot, User
from storage.repos.slots import SlotView


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


class Asked(Protocol):
    """What a booking's lines show of it: a `Booking`, or one not made yet (`Draft`)."""

    @property
    def service_id(self) -> str: ...

    @property
    def interpreter(self) -> str | None: ...


class Draft(NamedTuple):
    """A booking about to be confirmed, as its lines show it (no ORM object to make)."""

    service_id: str
    interpreter: str | None


def booking_details(
    services: Services,
    locale: str,
    booking: Asked,
    slot: SlotView,
    sessions: list[dt.datetime] | None = None,
) -> str:
    """What, when, where: the lines every booking message repeats. A course with several
    sessions lists every date (`sessions`, from `course_sessions`); an interpreter asked for
    is named."""
    service = services.catalog.get(booking.service_id)
    name = escape(service_name(services, locale, booking.service_id))
    if sessions and len(sessions) > 1:
        text = services.translator.t(
            locale,
            "booking-details-course",
            service=name,
            count=len(sessions),
            sessions=session_lines(services, locale, sessions),
            place=place(service),
        )
    else:
        text = services.translator.t(
            locale,
            "booking-details",
            service=name,
            when=escape(when(services, locale, slot.starts_at)),
            place=place(service),
        )
    return text + interpreter_line(services, locale, booking)


def session_lines(services: Services, locale: str, sessions: list[dt.datetime]) -> str:
    return "\n".join(f"• {escape(when(services, locale, start))}" for start in sessions)


async def course_sessions(services: Services, slot: SlotView) -> list[dt.datetime]:
    """Every session start of a course or event slot (empty for a one-to-one slot)."""
    service = services.catalog.get(slot.service_id)
    if service is None or not service.is_group:
        return []
    return [start for start, _ in await services.desk.sessions(slot.id or 0)]


# Interpreter languages offered as buttons; any other is typed by the person.
INTERPRETER_LANGUAGES = ("uk", "sr", "ru")


def interpreter_name(locale: str, value: str) -> str:
    """A language code as the reader's language names it ("ruščina", "російська"); a typed
    language name as typed (escaped)."""
    if value in INTERPRETER_LANGUAGES:
        try:
            name = Locale.parse(value).get_display_name(babel_locale(locale, for_formats=False))
        except (UnknownLocaleError, ValueError):
            name = None
        return escape(name or value)
    return escape(value)


def interpreter_line(services: Services, locale: str, booking: Asked) -> str:
    """A line for the interpreter a booking asked for ("" when none)."""
    if not booking.interpreter:
        return ""
    return "\n" + services.translator.t(
        locale, "booking-interpreter-line", language=interpreter_name(locale, booking.interpreter)
    )


def price_text(services: Services, locale: str, service: Service | None) -> str:
    """The price for an HTML message (see `price_plain`)."""
    return escape(price_plain(services, locale, service))


def price_plain(services: Services, locale: str, service: Service | None) -> str:
    """The price as the reader's language writes it: "free", an amount formatted by Babel, or
    "ask the centre" when the services file does not say (a price is never guessed)."""
    price = service.price if service is not None else None
    if price is None:
        return services.translator.t(locale, "booking-price-ask")
    if price.amount is None:
        text = services.translator.t(locale, "booking-price-free")
    else:
        text = str(format_currency(price.amount, price.currency, locale=babel_locale(locale)))
    note = price.note(locale)
    return f"{text} — {note}" if note else text


# The FAQ topic that answers "what does it cost?": the bot adds every service and its price
# from the services file below the topic's first paragraph (see docs/services-format.md).
PRICES_TOPIC = "contact-prices"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#<>!|~])")


def _literal(text: str) -> str:
    """Text from the services file shown as written, not read as Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def with_price_list(services: Services, locale: str, translation: Translation) -> Translation:
    """The prices topic's text with the list of services and their prices, so a search for
    "is the course free?" lands on an answer that names each price (never one made up)."""
    items = "\n".join(
        f"- **{_literal(s.name(locale))}**: {_literal(price_plain(services, locale, s))}"
        for s in services.catalog.services.values()
    )
    if not items:
        return translation
    first, _, rest = translation.body.strip().partition("\n\n")
    body = "\n\n".join(part for part in (first, items, rest) if part)
    return replace(translation, body=body)


def coordinator_summary(
    services: Services,
    booking: Booking,
    slot: Slot,
    user: User,
    message_id: str,
    sessions: list[dt.datetime] | None = None,
    *,
    old: dt.datetime | None = None,
) -> str:
    """One notification line block for the coordinator chat, in the coordinators' language
    (`old`: the time before a move)."""
    locale = services.settings.coordinator_language
    translator = services.translator
    text = translator.t(
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
    if sessions and len(sessions) > 1:  # a course: every date, not only the first
        text += "\n" + translator.t(
            locale,
            "booking-course-sessions",
            count=len(sessions),
            sessions=session_lines(services, locale, sessions),
        )
    return text + interpreter_line(services, locale, booking)


def my_booking_rows(context: AppContext, booking: Booking) -> Keyboard:
    """Cancel (and Move, for one-to-one services) under a booking, then Home."""
    rows: Keyboard = [[button(context.t("booking-cancel"), cd.MyCancel(booking.id or 0))]]
    service = context.services.catalog.get(booking.service_id)
    if service is not None and not service.is_group:
        rows[0].append(button(context.t("booking-move"), cd.MyMove(booking.id or 0)))
    rows.append([button(context.t("faq-home"), cd.FaqHome())])
    return rows
