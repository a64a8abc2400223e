"""`arrival-desk …`: parse arguments, call one function, print.

Errors are one line and an exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot import logsafety
from bot.cli_faq import CommandError, add_faq_commands
from bot.cli_report import add_report_command
from bot.config import ConfigError, Settings, load_settings
from bot.faq.terms import use_dictionaries_in
from bot.instance_lock import DatabaseInUse, single_instance

if TYPE_CHECKING:
    from telegram.request import BaseRequest

log = logging.getLogger("bot")

EXIT_CONFIG = 2
EXIT_DATABASE_IN_USE = 4  # another process runs on the same SQLite file


def _setup_logging(settings: Settings) -> None:
    logsafety.configure(
        settings.log_level,
        token=settings.telegram_bot_token,
        log_payloads=settings.log_payloads,
    )


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    if not settings.telegram_bot_token:
        print("TELEGRAM_BOT_TOKEN is not set: starting the offline chat instead.", file=sys.stderr)
        return cmd_chat(settings, args)
    webhook = bool(getattr(args, "webhook", False) or settings.webhook_url)
    delete_webhook = bool(getattr(args, "delete_webhook", False))
    if webhook and delete_webhook:
        print(
            "configuration error: --delete-webhook is for long polling, not webhook mode",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    if webhook and not (settings.webhook_url and settings.webhook_secret):
        print(
            "configuration error: webhook mode needs WEBHOOK_URL (the public base URL) and "
            "WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    try:
        with single_instance(settings.effective_database_url):
            _setup_logging(settings)
            if webhook:
                return run_webhook(settings)
            return run_polling(settings, delete_webhook=delete_webhook)
    except DatabaseInUse as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATABASE_IN_USE


def run_webhook(settings: Settings, *, request: BaseRequest | None = None) -> int:
    """The web server until SIGTERM/SIGINT; 0 after a graceful stop."""
    from bot.web.server import serve

    return asyncio.run(serve(settings, request=request))


def run_polling(
    settings: Settings, *, request: BaseRequest | None = None, delete_webhook: bool = False
) -> int:
    """Long polling until stopped; the exit code says why it stopped (0: a signal).
    `delete_webhook`: poll even if a webhook is set for the token (it is deleted)."""
    from bot import polling_guard
    from bot.app import build_application
    from bot.handlers.errors import EXIT_CODE

    app = build_application(settings, request=request, polling=True, freeze_heap=True)
    app.bot_data[polling_guard.DELETE_WEBHOOK] = delete_webhook
    log.info("starting long polling against %s", settings.telegram_api_url)
    # bootstrap_retries=-1: keep retrying (with backoff) while the Bot API cannot be reached.
    app.run_polling(bootstrap_retries=-1, close_loop=False)
    return int(app.bot_data.get(EXIT_CODE, 0))


def cmd_chat(settings: Settings, _args: argparse.Namespace) -> int:
    from bot.chat import chat

    logging.basicConfig(level=logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(chat(settings))
    return 0


def cmd_db_upgrade(settings: Settings, _args: argparse.Namespace) -> int:
    from storage.db import Database

    async def upgrade() -> None:
        db = Database(settings.effective_database_url)
        try:
            await db.upgrade()
        finally:
            await db.dispose()

    asyncio.run(upgrade())
    print("database is up to date")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="arrival-desk",
        description="Arrival Desk: a multilingual Telegram front desk for migrant workers.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run", help="run the bot (long polling or --webhook); offline chat without a token"
    )
    run.add_argument(
        "--webhook",
        action="store_true",
        help="serve Telegram's webhook, /healthz and /metrics (WEBHOOK_* settings) instead of "
        "long polling; implied by WEBHOOK_URL",
    )
    run.add_argument(
        "--delete-webhook",
        action="store_true",
        help="long polling even if a webhook is set for the token: it is deleted, and "
        "instances in webhook mode get nothing more (stop them first)",
    )
    run.set_defaults(handler=cmd_run)
    chat = commands.add_parser("chat", help="chat with the bot in this terminal, offline")
    chat.set_defaults(handler=cmd_chat)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="apply all database migrations")
    upgrade.set_defaults(handler=cmd_db_upgrade)
    add_faq_commands(commands)
    add_report_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    use_dictionaries_in(settings.lemma_cache_dir)  # read by whichever command needs them
    handler: Callable[[Settings, argparse.Namespace], int] = args.handler
    try:
        return handler(settings, args)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
