"""No personal data and no bot token in the logs (issue #8, item 7).

A scripted session (start, a typed question, a question to a person with a name and a phone
number, a booking with a note) with the root logger at DEBUG, the logging set up the way
`arrival-desk run` sets it up, one database error and one handler exception forced: no record
holds the Telegram id, the first name, the note, the question or the token.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import MessageHandler, filters

from bot import logsafety
from bot.cli import _setup_logging
from bot.config import Settings
from bot.handlers.base import AppContext
from storage.models import User
from tests.booking_support import CONSULTATION, booking_settings, local, press_offered, slot_at
from tests.conftest import start_harness

# A made-up token of the real shape (built here so no token-like literal sits in the repo).
TOKEN = "7312894405:" + "AAHk3nW9pQ_xZr8LmT2vY" + "c5-bD1eFgH4jKs"
TELEGRAM_ID = 731555901
FIRST_NAME = "Marjetka"
SEARCH = "Kje podaljšam dovoljenje Zlatorog"
QUESTION = "Sem Marjetka Novak, telefon 041 555 123, delodajalec mi ne plača"
NOTE = "Opomba: Zeleni Travnik 7788"
SECRETS = [
    str(TELEGRAM_ID),
    FIRST_NAME,
    "Zlatorog",
    "041 555 123",
    "Novak",
    "Zeleni Travnik",
    TOKEN,
    TOKEN.split(":")[1],
]


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url, telegram_bot_token=TOKEN, log_level="DEBUG")


@pytest.fixture
def logging_restored() -> Iterator[None]:
    """configure() changes process-wide logger levels and handler filters: put them back."""
    names = ["", *logsafety.PAYLOAD_LOGGERS]
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    for handler in logging.getLogger().handlers:
        for f in [f for f in handler.filters if isinstance(f, logsafety.TokenMask)]:
            handler.removeFilter(f)


async def database_error(update: Update, context: AppContext) -> None:
    """A second row for the same Telegram id: an IntegrityError whose parameters (and
    PostgreSQL's DETAIL) carry the id and the name."""
    user = update.effective_user
    assert user is not None
    async with context.services.db.session() as session:
        session.add(
            User(
                telegram_id=user.id,
                user_key="duplicate",
                language="sl",
                display_name=user.first_name,
                created_at=context.services.clock.now(),
            )
        )
        await session.commit()


async def handler_exception(update: Update, context: AppContext) -> None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    raise ValueError(f"cannot handle {message.text!r} from {user.first_name} ({user.id})")


def written(caplog: pytest.LogCaptureFixture) -> str:
    """Every record as the log handler writes it, tracebacks included."""
    return "\n".join(caplog.handler.format(r) for r in caplog.records)


async def test_a_scripted_session_logs_no_personal_data(
    settings: Settings, caplog: pytest.LogCaptureFixture, logging_restored: None
):
    caplog.set_level(logging.DEBUG)
    _setup_logging(settings)  # what `arrival-desk run` does
    caplog.set_level(logging.DEBUG)
    bot, running = await start_harness(settings)
    # Test-only handlers after the features (group 5): they fire on their own trigger words.
    bot.app.add_handler(MessageHandler(filters.Regex("^db-error"), database_error), group=5)
    bot.app.add_handler(MessageHandler(filters.Regex("^crash"), handler_exception), group=5)
    async with running:
        person = bot.user(TELEGRAM_ID, language_code="sl", first_name=FIRST_NAME)
        await person.send("/start")
        await person.send(SEARCH)
        await person.send("/ask")
        await person.send(QUESTION)
        posts = bot.api.sent("sendMessage", chat_id=bot.services.settings.coordinator_chat_id)
        assert any(QUESTION in c.text for c in posts), "the question did reach the coordinators"
        slot = await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16, 0))
        await person.send("/book")
        await person.press_data(f"book:slot:{slot.id}")
        await person.send(NOTE)
        await press_offered(person, f"book:ip:{slot.id}:-:-")  # no interpreter
        await press_offered(person, f"book:ok:{slot.id}:-")
        await person.send("db-error " + QUESTION)
        await person.send("crash " + NOTE)
        # The token where libraries put it: a request URL, an exception's message.
        logging.getLogger("httpx").warning("HTTP Request: POST https://x/bot%s/getMe", TOKEN)
        try:
            raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
        except ConnectionError:
            logging.getLogger("telegram.ext.Updater").exception("polling failed")

    log = written(caplog)
    errors = [r for r in caplog.records if r.name == "bot.errors" and r.levelno == logging.ERROR]
    assert len(errors) == 2, log
    db_failure, crash = (caplog.handler.format(r) for r in errors)
    assert "IntegrityError" in db_failure and "database_error" in db_failure, "a real traceback"
    assert "ValueError" in crash and "handler_exception" in crash
    assert logsafety.MASK in log, "the token was there to be masked"
    assert any(r.levelno == logging.DEBUG for r in caplog.records), "DEBUG was captured"
    for secret in SECRETS:
        assert secret not in log, f"{secret!r} is in the log"


def test_the_token_mask_covers_message_arguments_and_tracebacks():
    mask = logsafety.TokenMask([TOKEN])
    try:
        raise RuntimeError(f"url https://api.telegram.org/bot{TOKEN}/getUpdates")
    except RuntimeError as exc:
        record = logging.LogRecord(
            "httpx",
            logging.INFO,
            __file__,
            1,
            "GET %s",
            (f"/bot{TOKEN}/x",),
            (type(exc), exc, None),
        )
    assert mask.filter(record)
    shown = logging.Formatter().format(record)
    assert TOKEN not in shown and shown.count(logsafety.MASK) == 2
    # Another token-shaped string (an old token) is masked too.
    assert logsafety.MASK in mask.mask("123456789:" + "A" * 35)


def test_database_errors_hide_their_parameters(settings: Settings):
    from storage.db import Database

    db = Database(settings.effective_database_url)
    assert db.engine.sync_engine.hide_parameters
