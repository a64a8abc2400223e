"""What the coordinator sees while writing an announcement: the preview per language (saying
which readers get nothing) and the controls (topics, Register slot, Send)."""

from __future__ import annotations

from html import escape

from bot.announcements import LANGUAGES, TOPICS, Announcements, readers_of, texts_of, topics_of
from bot.handlers import callback_data as cd
from bot.handlers.base import Keyboard, button
from bot.handlers.booking_views import service_name, when
from bot.services import Services
from storage.models import Announcement

SLOTS_SHOWN = 8


def preview_parts(services: Services, row: Announcement) -> list[str]:
    locale, tr = services.settings.coordinator_language, services.translator
    texts = texts_of(row)
    parts = []
    for language in LANGUAGES:
        readers = ", ".join(tr.language_name(r) for r in readers_of(language))
        if language in texts:
            head = tr.t(locale, "announce-preview-language", language=readers)
            parts.append(f"{head}\n\n{texts[language]}")
        else:
            parts.append(tr.t(locale, "announce-preview-empty", language=readers))
    return parts


async def coordinator_controls(
    services: Services, desk: Announcements, row: Announcement
) -> tuple[str, Keyboard]:
    locale, t = services.settings.coordinator_language, services.translator.t
    chosen = topics_of(row)
    names = ", ".join(t(locale, f"announce-topic-{topic}") for topic in chosen)
    register = t(locale, "announce-no-register")
    if row.register_slot_id is not None:
        slot = await services.desk.slot(row.register_slot_id)
        if slot is not None:
            register = escape(
                f"{service_name(services, locale, slot.service_id)}, "
                f"{when(services, locale, slot.starts_at)}"
            )
    text = t(
        locale,
        "announce-controls",
        topics=names or t(locale, "announce-no-topics"),
        count=await desk.recipients_now(row) if chosen else 0,
        register=register,
    )
    a = row.id or 0
    rows: Keyboard = [
        [
            button(
                t(
                    locale,
                    "subscriptions-on" if topic in chosen else "subscriptions-off",
                    topic=t(locale, f"announce-topic-{topic}"),
                ),
                cd.AnnTopic(a, topic),
            )
        ]
        for topic in TOPICS
    ]
    rows.append([button(t(locale, "announce-add-register"), cd.AnnSlots(a))])
    rows.append([button(t(locale, "announce-send"), cd.AnnSend(a))])
    return text, rows


async def slot_rows(services: Services, announcement_id: int) -> Keyboard:
    """Upcoming open slots of group services (a course, an event), to carry a Register button."""
    locale, t = services.settings.coordinator_language, services.translator.t
    groups = [service.id for service in services.catalog.services.values() if service.is_group]
    found = await services.desk.open_slots(groups)
    rows: Keyboard = [
        [
            button(
                f"{service_name(services, locale, s.service_id)}, "
                f"{when(services, locale, s.starts_at)}",
                cd.AnnSlot(announcement_id, s.id or 0),
            )
        ]
        for s in found[:SLOTS_SHOWN]
    ]
    rows.append([button(t(locale, "announce-no-register"), cd.AnnSlot(announcement_id, 0))])
    return rows
