"""The interpreter step of booking a consultation (after the topic): no, a language button, or
another language typed by the person; and the draft a booking waits with (a typed note, a typed
language), kept on the person's row until Confirm (`bot/pending.py`)."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.handlers import awaiting
from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext, Keyboard, button, show
from bot.handlers.booking_views import INTERPRETER_LANGUAGES
from bot.pending import DRAFT_SUFFIX

NOTE_LIMIT = 300
NOTE_DRAFT = "booking-note" + DRAFT_SUFFIX  # a typed note (and language) waiting for its booking
INTERPRETER_LIMIT = 40  # characters of a typed language name
INTERPRETER_INPUT = "booking-interpreter"


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word (with "…" when something was cut)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


async def show_interpreter(
    update: Update,
    context: AppContext,
    slot_id: int,
    topic: str,
    *,
    note: str | None = None,
    shortened: bool = False,
) -> None:
    """A consultation: does the person need an interpreter, and for which language?"""
    lines = []
    if note:
        lines.append(context.t("booking-note-line", note=escape(note)))
    if shortened:
        lines.append(context.t("booking-note-shortened", limit=NOTE_LIMIT))
    lines.append(context.t("booking-interpreter-question"))
    translator = context.services.translator
    languages = [
        button(translator.language_name(code), cd.BookInterpreter(slot_id, topic, code))
        for code in INTERPRETER_LANGUAGES
    ]
    rows: Keyboard = [
        [button(context.t("booking-interpreter-no"), cd.BookInterpreter(slot_id, topic, cd.NONE))],
        languages,
        [button(context.t("booking-interpreter-other"), cd.BookInterpreterOther(slot_id, topic))],
        [
            button(context.t("faq-back"), cd.BookSlot(slot_id)),
            button(context.t("faq-home"), cd.FaqHome()),
        ],
    ]
    await show(update, context, ["\n\n".join(lines)], rows)


async def ask_interpreter_language(
    update: Update, context: AppContext, slot_id: int, topic: str
) -> None:
    """Another language: the person types its name (a note typed before rides along)."""
    draft = draft_for(context, slot_id)
    await awaiting.expect(
        context, INTERPRETER_INPUT, slot=slot_id, topic=topic, note=draft.get("note")
    )
    rows = [
        [
            button(context.t("faq-back"), cd.BookTopic(slot_id, topic)),
            button(context.t("faq-home"), cd.FaqHome()),
        ]
    ]
    text = context.t("booking-interpreter-type", limit=INTERPRETER_LIMIT)
    await show(update, context, [text], rows)


def draft_for(context: AppContext, slot_id: int) -> dict[str, object]:
    """The note (and typed interpreter language) waiting for this slot's booking, if any."""
    person = context.person
    pending = person.awaiting if person is not None else None
    if pending is None or pending.kind != NOTE_DRAFT or pending.data.get("slot") != slot_id:
        return {}
    return pending.data


def resolve_interpreter(context: AppContext, slot_id: int, code: str) -> str | None:
    """What a button's interpreter code means: a language code, the typed name, or nobody."""
    if code in INTERPRETER_LANGUAGES:
        return code
    typed = draft_for(context, slot_id).get("interpreter") if code == cd.TYPED else None
    return typed if isinstance(typed, str) and typed else None
