"""Logs without personal data or the bot token. No Telegram imports.

- The token is in every Bot API URL (httpx, python-telegram-bot and their exceptions): a filter
  on the log handlers masks it in the message, the arguments and the formatted traceback.
- At DEBUG, python-telegram-bot logs every update and every API call with its text, httpx and
  httpcore every request, aiosqlite and SQLAlchemy every statement with its values and rows:
  these loggers stay at INFO or above unless LOG_PAYLOADS is set.
- A traceback is logged with its frames and exception types only: an exception's message can
  quote what a person typed or, from the database, the values of a row.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterable

MASK = "<bot-token>"
# What a Telegram bot token looks like (bot id, colon, 35 characters), in case one that is not
# the configured token (an old one, another bot's) turns up.
TOKEN_SHAPE = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}")
# Loggers that write update contents, message texts, URLs with the token or SQL (SQLAlchemy
# logs every statement at INFO, its result rows at DEBUG), and the level they are kept at.
# python-telegram-bot's INFO lines (started, stopped) are worth keeping.
PAYLOAD_LOGGERS = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "aiosqlite": logging.WARNING,
    "sqlalchemy.engine": logging.WARNING,
    "sqlalchemy.pool": logging.WARNING,
}


class TokenMask(logging.Filter):
    """Masks the bot token anywhere in a record; installed on handlers so that every record,
    from any logger, passes through it before it is written."""

    def __init__(self, tokens: Iterable[str] = ()) -> None:
        super().__init__()
        self.tokens = [t for t in tokens if t]

    def mask(self, text: str) -> str:
        for token in self.tokens:
            text = text.replace(token, MASK)
        return TOKEN_SHAPE.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()  # the message with its arguments, as it will be written
        masked = self.mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True


def configure(level: str, *, token: str = "", log_payloads: bool = False) -> TokenMask:
    """The process's logging: one format, the token mask on every root handler, payload
    loggers kept quiet. Returns the filter (a test can check it is installed)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    root.setLevel(level)
    mask = TokenMask([token])
    for handler in root.handlers:
        for old in [f for f in handler.filters if isinstance(f, TokenMask)]:
            handler.removeFilter(old)
        handler.addFilter(mask)
    for name, quiet in PAYLOAD_LOGGERS.items():  # never chattier than the configured level
        logging.getLogger(name).setLevel(logging.NOTSET if log_payloads else max(quiet, root.level))
    return mask


def safe_traceback(error: BaseException) -> str:
    """The traceback (frames, code lines, exception types of the whole chain) without any
    exception's message. A database error keeps its SQL statement, which holds placeholders,
    never values."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        cause = current.__cause__
        current = (
            cause
            if cause is not None
            else (None if current.__suppress_context__ else current.__context__)
        )
    lines: list[str] = []
    for exc in reversed(chain):
        if lines:
            lines.append("\nwhich led to:\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
        kind = type(exc)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message withheld)\n")
        # Safe details of a database error: the SQL (placeholders), SQLSTATE, constraint name.
        for detail in ("statement", "sqlstate", "constraint_name"):
            value = getattr(exc, detail, None)
            if isinstance(value, str) and value:
                lines.append(f"  {detail}: {' '.join(value.split())}\n")
    return "".join(lines).rstrip("\n")
