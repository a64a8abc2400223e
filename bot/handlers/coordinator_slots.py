"""Closing a slot: after a decline because nobody is available ("close it?") and with
/cancelslot N ("are you sure?", naming how many people will be told). Yes goes through the
desk's one cancel-slot path: everyone booked is told in their language, with a calendar update.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ParseMode

from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, acknowledge, button, markup, send_html, show
from bot.handlers.booking_views import service_name, when
from bot.handlers.delivery import kick
from bot.handlers.staff_base import coordinator_message, staff_locale
from storage.models import Slot


async def offer_to_close(context: AppContext, chat_id: int, slot: Slot, locale: str) -> None:
    """Declined because nobody is available: the time would stay bookable, so ask."""
    services = context.services
    open_slot, others = await services.desk.slot_headcount(slot.id or 0)
    if open_slot is None:
        return
    t = services.translator.t
    slot_id = open_slot.id or 0
    text = t(
        locale,
        "co-close-slot-ask",
        slot=slot_id,
        when=escape(when(services, locale, open_slot.starts_at)),
        count=others,
    )
    rows = [
        [
            button(t(locale, "co-close-slot-yes", slot=slot_id), cd.CoCloseSlot(slot_id)),
            button(t(locale, "co-close-slot-no"), cd.CoKeepSlot(slot_id)),
        ]
    ]
    await send_html(context, chat_id, text, rows)


async def on_cancel_slot(update: Update, context: AppContext) -> None:
    """/cancelslot <slot number>: first "are you sure", naming how many people will be told."""
    message = await coordinator_message(update, context)
    if message is None:
        return
    services = context.services
    locale = staff_locale(context, message.chat_id)
    t = services.translator.t
    args = context.args or []
    slot_id = cd.as_id(args[0]) if args else None
    if slot_id is None:
        await message.reply_text(t(locale, "co-cancelslot-usage"))
        return
    slot, count = await services.desk.slot_headcount(slot_id)
    if slot is None:
        await message.reply_text(t(locale, "co-slot-gone", slot=slot_id))
        return
    text = t(
        locale,
        "co-cancelslot-ask",
        slot=slot_id,
        service=escape(service_name(services, locale, slot.service_id)),
        when=escape(when(services, locale, slot.starts_at)),
        count=count,
    )
    rows = [
        [
            button(t(locale, "co-cancelslot-yes", slot=slot_id), cd.CoCloseSlot(slot_id)),
            button(t(locale, "co-cancelslot-no"), cd.CoKeepSlot(slot_id)),
        ]
    ]
    await message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup(rows))


async def close_slot(update: Update, context: AppContext, slot_id: int, *, close: bool) -> None:
    """Yes: the slot is cancelled and everyone booked on it is told (in their language, with a
    calendar update); No: nothing changes. The buttons go either way."""
    services, query, chat = context.services, update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    await acknowledge(query)
    locale = staff_locale(context, chat.id)
    t = services.translator.t
    if not close:
        await show(update, context, [t(locale, "co-slot-kept", slot=slot_id)], [])
        return
    outcome, affected = await services.desk.cancel_slot(slot_id)
    if not outcome.ok:
        await show(update, context, [t(locale, "co-slot-gone", slot=slot_id)], [])
        return
    kick(context)
    text = t(locale, "co-cancelslot-ok", count=len(affected))
    if outcome.waiting_told:
        text += " " + t(locale, "co-cancelslot-waiting-told", count=outcome.waiting_told)
    await show(update, context, [text], [])
