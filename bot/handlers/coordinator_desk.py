"""Coordinators' decisions, from a booking's notice or from the shared `/pending` list: Confirm,
Decline with a reason (Back; a typed "other reason"; "nobody is available" offers to close the
slot), each signed with the coordinator's first name; and closing a slot after an "are you sure"
that says how many people will be told.

The domain decides once (a locked booking row): a second coordinator, or a second instance,
gets "already confirmed by <name>" and nobody is told twice. What coordinators read (notices,
reasons, verdicts, the `/pending` list) is built in `coordinator_views.py`.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.booking.outcome import Outcome, PendingItem, Status
from bot.handlers import awaiting, coordinator_slots
from bot.handlers.base import (
    AppContext,
    AppType,
    acknowledge,
    edit_in_place,
    markup,
    send_text,
    show,
)
from bot.handlers.booking_messages import made_from
from bot.handlers.booking_views import when
from bot.handlers.coordinator_views import (
    LIST,
    NOTICE,
    OTHER,
    already_decided,
    notice_rows,
    notice_text,
    pending_line,
    pending_view,
    reason_rows,
    verdict,
)
from bot.handlers.delivery import kick
from bot.handlers.staff_base import (
    coordinator_message,
    is_coordinator,
    signed_by,
    staff_locale,
)
from bot.text import clean_text
from storage.models import Booking, BookingStatus, Slot, User

log = logging.getLogger(__name__)

REASON_LIMIT = 200  # characters of a typed reason (the column holds 200)
TYPED_REASON = "co-decline-reason"  # the pending-input kind


# -- /pending ------------------------------------------------------------------------------------
async def on_pending(update: Update, context: AppContext) -> None:
    message = await coordinator_message(update, context)
    if message is None:
        return
    text, rows = await pending_view(context.services, staff_locale(context, message.chat_id))
    await message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup(rows))


async def show_pending(update: Update, context: AppContext) -> None:
    chat = update.effective_chat
    locale = staff_locale(context, chat.id if chat else None)
    text, rows = await pending_view(context.services, locale)
    await show(update, context, [text], rows)


# -- deciding ------------------------------------------------------------------------------------
async def edit_notice(context: AppContext, booking: Booking, slot: Slot, user: User) -> None:
    """The booking's notice in the coordinator chat shows the verdict and loses its buttons,
    wherever the decision was made. Best effort: the decision stands without it."""
    services = context.services
    chat_id = services.settings.coordinator_chat_id
    if chat_id is None or booking.notice_message_id is None:
        return
    try:
        await context.bot.edit_message_text(
            notice_text(services, booking, slot, user),
            chat_id=chat_id,
            message_id=booking.notice_message_id,
            parse_mode=ParseMode.HTML,
        )
    except TelegramError as exc:  # too old to edit, deleted, or already showing it
        log.debug("notice not edited: %s", type(exc).__name__)


async def record_decision(
    update: Update,
    context: AppContext,
    booking_id: int,
    *,
    confirm: bool,
    reason: str | None = None,
    note: str | None = None,
    seen: int | None = None,
) -> Outcome:
    """Decide once, signed; a later press hears who decided first, and a Confirm on a notice
    whose booking has moved since (`seen`: the slot it showed) hears the new time instead.
    The notice is edited and the person is told (from the outbox, in their language)."""
    services = context.services
    query, chat = update.callback_query, update.effective_chat
    locale = staff_locale(context, chat.id if chat else None)
    outcome = await services.desk.decide(
        booking_id=booking_id,
        confirm=confirm,
        reason=reason,
        note=note,
        by=signed_by(update),
        seen_slot=seen,
        sends_itself=True,
    )
    booking, slot, user = outcome.booking, outcome.slot, outcome.user
    if query is not None:
        late = outcome.status == Status.DECIDED and booking is not None
        text = already_decided(services, locale, booking) if late and booking else None
        if outcome.status == Status.MOVED and slot is not None:
            late, text = (
                True,
                services.translator.t(
                    locale, "co-notice-moved", when=when(services, locale, slot.starts_at)
                ),
            )
        await acknowledge(query, text, alert=late)
    if booking is None or slot is None or user is None:
        return outcome
    if outcome.ok:
        await edit_notice(context, booking, slot, user)
        kick(context, outcome.sends, await made_from(services, outcome))
        if not confirm and reason == "unavailable" and chat is not None:
            await coordinator_slots.offer_to_close(context, chat.id, slot, locale)
    return outcome


async def decide_from(
    update: Update,
    context: AppContext,
    booking_id: int,
    view: str,
    *,
    confirm: bool,
    reason: str | None = None,
    seen: int | None = None,
) -> None:
    """A press on a notice or on the /pending list: decide, then redraw what was pressed."""
    outcome = await record_decision(
        update, context, booking_id, confirm=confirm, reason=reason, seen=seen
    )
    if view == LIST:
        await show_pending(update, context)
        return
    booking, slot, user = outcome.booking, outcome.slot, outcome.user
    if booking is None or slot is None or user is None:
        return
    query = update.callback_query
    pressed = query.message if query is not None else None
    if outcome.status == Status.MOVED and isinstance(pressed, Message):
        await edit_in_place(pressed, None, [])  # it shows an old time: the newer notice decides
        return
    same = isinstance(pressed, Message) and pressed.message_id == booking.notice_message_id
    if booking.notice_message_id is not None and (outcome.ok or not same):
        return  # its notice was just edited; an old button elsewhere leaves that message be
    await show(update, context, [notice_text(context.services, booking, slot, user)], [])


async def _still_pending(
    context: AppContext, query: CallbackQuery, locale: str, booking_id: int
) -> tuple[Booking, Slot, User] | None:
    """The booking, its slot and person if it still waits for a decision (the press is
    answered); otherwise the press is answered with who decided it, and None."""
    services = context.services
    loaded = await services.desk.booking_with_person(booking_id)
    if loaded is not None and loaded[0].status == BookingStatus.PENDING:
        await acknowledge(query)
        return loaded
    note = already_decided(services, locale, loaded[0]) if loaded else None
    await acknowledge(query, note, alert=note is not None)
    return None


async def show_reasons(update: Update, context: AppContext, booking_id: int, view: str) -> None:
    services, query, chat = context.services, update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    locale = staff_locale(context, chat.id)
    loaded = await _still_pending(context, query, locale, booking_id)
    if loaded is None:
        if view == LIST:
            await show_pending(update, context)
        return
    rows = reason_rows(services, locale, booking_id, view)
    pressed = query.message if isinstance(query.message, Message) else None
    if view == NOTICE:
        if pressed is None or not await edit_in_place(pressed, None, rows):
            await show(update, context, [pressed.text_html if pressed else "…"], rows)
        return
    booking, slot, user = loaded
    item = PendingItem(booking=booking, slot=slot, user=user)
    text = services.translator.t(locale, "co-pending-choose-reason", booking=booking_id)
    await show(update, context, [f"{text}\n\n{pending_line(services, locale, item)}"], rows)


async def reasons_back(update: Update, context: AppContext, booking_id: int, view: str) -> None:
    query = update.callback_query
    if query is None:
        return
    await acknowledge(query)
    if view == LIST:
        await show_pending(update, context)
        return
    loaded = await context.services.desk.booking_with_person(booking_id)
    if loaded is None:
        return
    booking, slot, user = loaded
    if booking.status != BookingStatus.PENDING:
        await show(update, context, [notice_text(context.services, booking, slot, user)], [])
        return
    pressed = query.message if isinstance(query.message, Message) else None
    if pressed is not None:
        rows = notice_rows(context.services, booking_id, booking.slot_id)
        await edit_in_place(pressed, None, rows)


# -- a typed reason ------------------------------------------------------------------------------
async def ask_typed_reason(update: Update, context: AppContext, booking_id: int, view: str) -> None:
    """ "Other reason": the coordinator's next message (any instance) is the reason."""
    services, query, chat = context.services, update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    locale = staff_locale(context, chat.id)
    loaded = await _still_pending(context, query, locale, booking_id)
    if loaded is None:
        return
    pressed = query.message if isinstance(query.message, Message) else None
    await awaiting.expect(
        context,
        TYPED_REASON,
        booking=booking_id,
        view=view,
        chat=chat.id,
        message=pressed.message_id if pressed else None,
    )
    prompt = services.translator.t(
        locale,
        "co-reason-prompt",
        booking=booking_id,
        limit=REASON_LIMIT,
        language=services.translator.language_name(loaded[2].language, in_sentence=True),
    )
    # A reply, so a group bot in privacy mode receives the answer too.
    await send_text(context, chat.id, prompt, force_reply=True)


async def on_typed_reason(update: Update, context: AppContext, data: dict[str, Any]) -> None:
    message, chat = update.effective_message, update.effective_chat
    booking_id = data.get("booking")
    if message is None or chat is None or not isinstance(booking_id, int):
        return
    if not is_coordinator(context):
        return
    services = context.services
    locale = staff_locale(context, chat.id)
    text = " ".join(clean_text(message.text).split())
    if len(text) > REASON_LIMIT or not text:
        await awaiting.expect(context, TYPED_REASON, **data)  # still waiting for it
        await message.reply_text(
            services.translator.t(
                locale, "co-reason-too-long", length=len(text), limit=REASON_LIMIT
            )
        )
        return
    outcome = await record_decision(
        update, context, booking_id, confirm=False, reason=OTHER, note=text
    )
    booking = outcome.booking
    if booking is None:
        return
    if outcome.status == Status.DECIDED:
        await message.reply_text(already_decided(services, locale, booking))
        return
    await message.reply_html(verdict(services, locale, booking))
    await redraw(context, data, locale)


async def redraw(context: AppContext, data: dict[str, Any], locale: str) -> None:
    """After a typed reason, the list the decline started from shows what is left."""
    chat_id, message_id = data.get("chat"), data.get("message")
    if data.get("view") != LIST or not isinstance(chat_id, int) or not isinstance(message_id, int):
        return  # a notice: record_decision has edited it
    text, rows = await pending_view(context.services, locale)
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup(rows),
        )
    except TelegramError as exc:
        log.debug("pending list not redrawn: %s", type(exc).__name__)


async def on_staff_text(update: Update, context: AppContext) -> None:
    """A coordinator's plain text in the coordinator chat: the reason the bot asked for, if any."""
    if is_coordinator(context):
        await awaiting.consume(update, context)


def register(app: AppType) -> None:
    """/pending, /cancelslot and the typed reason; the buttons are routed by `coordinator.py`."""
    app.add_handler(CommandHandler("pending", on_pending))
    app.add_handler(CommandHandler("cancelslot", coordinator_slots.on_cancel_slot))
    awaiting.add_consumer(app, TYPED_REASON, on_typed_reason)
    chat_id = app.bot_data["services"].settings.coordinator_chat_id
    if chat_id is not None:
        # Plain texts in a group coordinator chat (replies go through `ask.py`, which hands a
        # reply that is not an answer to a question on to the same consumer).
        plain = filters.TEXT & ~filters.COMMAND & ~filters.REPLY & ~filters.ChatType.PRIVATE
        app.add_handler(MessageHandler(filters.Chat(chat_id) & plain, on_staff_text))
