"""What coordinators read about a decision: a booking's notice and its buttons, the decline
reasons, the signed verdict, and the shared `/pending` list (`coordinator_desk.py` acts on them)."""

from __future__ import annotations

from html import escape

from bot.booking.outcome import PendingItem
from bot.handlers import callback_data as cd
from bot.handlers.base import Keyboard, button
from bot.handlers.booking_views import coordinator_summary, service_name, topic_title, when
from bot.services import Services
from storage.models import Booking, BookingStatus, Slot, User

DECLINE_REASONS = ("unavailable", "other-service", "need-documents", "duplicate")
OTHER = "other"  # the coordinator types the reason
PENDING_SHOWN = 10  # bookings listed at once, soonest first (two buttons each)
NOTICE, LIST = "notice", "list"  # where a decision was started


# -- texts ---------------------------------------------------------------------------------------
def reason_label(services: Services, locale: str, booking: Booking) -> str:
    """The decline reason as coordinators read it (a typed reason as typed, escaped)."""
    if booking.decline_reason == OTHER:
        return f"“{escape(booking.decline_note or '—')}”"
    return escape(services.translator.t(locale, f"co-reason-{booking.decline_reason}"))


def verdict(services: Services, locale: str, booking: Booking) -> str:
    """What happened to the booking and who did it."""
    t = services.translator.t
    name = escape(booking.decided_by or "—")
    if booking.status == BookingStatus.CONFIRMED:
        return t(locale, "co-signed-confirmed", name=name)
    if booking.status == BookingStatus.DECLINED:
        reason = reason_label(services, locale, booking)
        return t(locale, "co-signed-declined", name=name, reason=reason)
    return f"<b>{escape(t(locale, f'co-status-{booking.status}'))}</b>"


def already_decided(services: Services, locale: str, booking: Booking) -> str:
    t = services.translator.t
    if booking.status in (BookingStatus.CONFIRMED, BookingStatus.DECLINED):
        return t(locale, f"co-already-{booking.status}", name=booking.decided_by or "—")
    return t(locale, "co-already-changed", status=t(locale, f"co-status-{booking.status}"))


def notice_text(services: Services, booking: Booking, slot: Slot, user: User) -> str:
    """A decided notice: the booking and the signed verdict (the coordinator chat's language)."""
    locale = services.settings.coordinator_language
    summary = coordinator_summary(services, booking, slot, user, "co-booked")
    return f"{summary}\n\n{verdict(services, locale, booking)}"


def notice_rows(services: Services, booking_id: int, slot_id: int) -> Keyboard:
    """A notice's Confirm names the slot it shows (`CoConfirmAt`)."""
    t, locale = services.translator.t, services.settings.coordinator_language
    return [
        [
            button(t(locale, "co-confirm"), cd.CoConfirmAt(booking_id, slot_id)),
            button(t(locale, "co-decline"), cd.CoDecline(booking_id)),
        ]
    ]


def reason_rows(services: Services, locale: str, booking_id: int, view: str) -> Keyboard:
    t = services.translator.t
    choose = cd.CoReason if view == NOTICE else cd.CoListReason
    rows = [
        [button(t(locale, f"co-reason-{r}"), choose(booking_id, r))]
        for r in (*DECLINE_REASONS, OTHER)
    ]
    rows.append([button(t(locale, "co-reasons-back"), cd.CoReasonsBack(booking_id, view))])
    return rows


def pending_line(services: Services, locale: str, item: PendingItem) -> str:
    translator = services.translator
    booking = item.booking
    return translator.t(
        locale,
        "co-pending-line",
        booking=booking.id or 0,
        when=escape(when(services, locale, item.slot.starts_at)),
        service=escape(service_name(services, locale, booking.service_id)),
        slot=item.slot.id or 0,
        name=escape(item.user.display_name or "—"),
        language=escape(translator.language_name(item.user.language)),
        topic=topic_title(services, locale, booking.topic_id),
        note=escape(booking.note or "—"),
    )


async def pending_view(services: Services, locale: str) -> tuple[str, Keyboard]:
    """The shared list of bookings waiting for a decision, with Confirm / Decline each."""
    t = services.translator.t
    items, total = await services.desk.waiting_for_decision(PENDING_SHOWN)
    lines = [t(locale, "co-pending-title", count=total)]
    rows: Keyboard = []
    for item in items:
        booking_id = item.booking.id or 0
        lines += ["", pending_line(services, locale, item)]
        rows.append(
            [
                button(
                    t(locale, "co-pending-confirm", booking=booking_id),
                    cd.CoListConfirm(booking_id),
                ),
                button(
                    t(locale, "co-pending-decline", booking=booking_id),
                    cd.CoListDecline(booking_id),
                ),
            ]
        )
    if total > len(items):
        lines += ["", t(locale, "co-pending-more", more=total - len(items))]
    rows.append([button(t(locale, "co-pending-refresh"), cd.CoList())])
    return "\n".join(lines), rows
