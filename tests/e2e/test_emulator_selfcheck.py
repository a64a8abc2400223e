"""Self-check of the Bot API emulator harness with a tiny PTB 22 bot (not Arrival Desk itself)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from .emulator_client import Emulator

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="node is not on PATH; the Bot API emulator needs Node 20"
)

USER = 1001
WELCOME = "Welcome to the test bot. Pick one:"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


def build_app(emu: Emulator) -> Application:  # type: ignore[type-arg]
    return (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
        .build()
    )


@pytest.mark.asyncio
async def test_command_reply_and_button_edit(emu: Emulator) -> None:
    seen: list[Update] = []
    errors: list[BaseException] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        seen.append(update)
        keyboard = [
            [
                InlineKeyboardButton("Option A", callback_data="pick:a"),
                InlineKeyboardButton("Option B", callback_data="pick:b"),
            ]
        ]
        await update.message.reply_text(WELCOME, reply_markup=InlineKeyboardMarkup(keyboard))

    async def pick(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        seen.append(update)
        await query.answer("Saved")
        back = InlineKeyboardMarkup([[InlineKeyboardButton("Back", callback_data="back")]])
        await query.edit_message_text(f"You picked {query.data[-1].upper()}", reply_markup=back)

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(f"echo: {update.message.text}")

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        errors.append(context.error)

    app = build_app(emu)
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pick, pattern=r"^pick:"))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_error_handler(on_error)

    async with app:  # initialize(): getMe
        assert app.bot.username == "arrival_desk_test_bot"
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(drop_pending_updates=True)
        try:
            emu.send_text(USER, "/start", language_code="uk", first_name="Olena")
            reply = await emu.wait_for_async(USER, lambda m: m["text"] == WELCOME, timeout=10)
            assert emu.buttons(reply) == [["Option A", "Option B"]]

            pressed = emu.press(USER, "pick:b")
            assert pressed == reply["message_id"]
            edited = await emu.wait_for_async(
                USER, lambda m: m["message_id"] == pressed and m["text"] != WELCOME, timeout=10
            )
            assert edited["text"] == "You picked B"
            assert emu.buttons(edited) == [["Back"]]
            assert edited["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "back"
            assert [m["message_id"] for m in emu.bot_messages(USER)] == [pressed]  # edited in place
            assert [a.get("text") for a in emu.callback_answers()] == ["Saved"]

            emu.send_text(USER, "plain words")  # no entity: reaches a MessageHandler, not a command
            await emu.wait_for_async(USER, lambda m: m["text"] == "echo: plain words", timeout=10)
        finally:
            await app.updater.stop()
            await app.stop()

    assert errors == []
    command, callback = seen
    assert command.effective_user is not None and command.effective_user.language_code == "uk"
    assert command.effective_user.first_name == "Olena"
    assert callback.callback_query is not None
    message = callback.callback_query.message  # PTB parsed the message the button is on
    assert isinstance(message, Message) and message.message_id == pressed
    assert message.text == WELCOME and message.chat.id == USER


@pytest.mark.asyncio
async def test_methods_bots_commonly_call(emu: Emulator) -> None:
    app = build_app(emu)
    async with app:
        bot = app.bot
        assert await bot.set_my_commands([("start", "Start"), ("help", "Help")])
        assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
        assert await bot.set_my_commands([("start", "Почати")], language_code="uk")
        assert [c.description for c in await bot.get_my_commands(language_code="uk")] == ["Почати"]
        assert await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()
        assert await bot.send_chat_action(USER, "typing")
        assert await bot.set_chat_menu_button()
        assert await bot.delete_webhook()

        sent = await bot.send_message(USER, "<b>Report</b>", parse_mode="HTML")
        assert sent.text == "<b>Report</b>" and sent.date.year >= 2024 and sent.chat.id == USER
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("<b>Report</b>", chat_id=USER, message_id=sent.message_id)

        doc = await bot.send_document(USER, b"a;b\n1;2\n", filename="report.csv", caption="CSV")
        assert doc.document is not None and doc.document.file_name == "report.csv"
        assert doc.document.file_size == 8
        shown = emu.bot_messages(USER)[-1]
        assert shown["caption"] == "CSV" and shown["text"] is None

        assert await bot.delete_message(USER, sent.message_id)
        assert [m["message_id"] for m in emu.bot_messages(USER)] == [doc.message_id]

        with pytest.raises(NetworkError, match="sendVenue is not emulated"):
            await bot.send_venue(USER, 46.0, 14.5, "Office", "Street 1")
