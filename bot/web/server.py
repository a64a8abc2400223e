"""Webhook mode: a small Starlette app served by uvicorn (as in python-telegram-bot's
custom-webhook example), because it also serves /healthz and /metrics.

- POST WEBHOOK_PATH: Telegram's secret header is required (constant-time compare, else 403);
  a body over 1 MiB gets 413, read no further; an update id some instance already took is
  answered 200 and not handled again; the update is handled before the answer, so an update in
  flight is an open request. A body that is not an update python-telegram-bot can read is
  dropped (200: Telegram would only send it again), and the id of an update the flood gate
  drops is not written down.
- SIGTERM or SIGINT: new requests get 503, the ones in flight finish, then the Application
  stops (jobs and background sends finish), and the process exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeGuard

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import CommandHandler

from bot import polling_guard
from bot.config import Settings
from bot.handlers.base import AppType
from bot.handlers.errors import EXIT_ANOTHER_POLLER
from bot.handlers.throttle import would_drop
from bot.runtime import running
from bot.services import Services
from bot.web.handled import first_delivery, purge_old
from bot.web.metrics import Metrics
from storage.repos import outbox as outbox_repo

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# What the bot handles; Telegram sends nothing else (no polls, reactions, inline queries).
ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "my_chat_member")
HEALTH_DB_TIMEOUT = 3.0
# Telegram's updates are a few kilobytes (a 4,096-character text and its entities at most).
MAX_BODY_BYTES = 1 << 20
GRACEFUL_SECONDS = 30  # in-flight updates get this long after SIGTERM
PURGE_JOB = "handled-updates-purge"


async def _body_within(request: Request, limit: int) -> bytes | None:
    """The request's body, or None past `limit` bytes: read no further than that, whatever the
    sender declares or streams (memory stays bounded even with a leaked secret)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _is_update_id(value: object) -> TypeGuard[int]:
    """An integer the handled-updates table can hold (a signed 64-bit column)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


class WebhookApp:
    """The ASGI app around one running Application."""

    def __init__(
        self,
        app: AppType,
        metrics: Metrics,
        *,
        is_stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.services: Services = app.bot_data["services"]
        settings = self.services.settings
        self.secret = settings.webhook_secret.encode()
        self.coordinators = settings.coordinator_ids
        self.commands = frozenset(  # the commands the bot answers: the metrics' action labels
            command
            for handlers in app.handlers.values()
            for handler in handlers
            if isinstance(handler, CommandHandler)
            for command in handler.commands
        )
        self.is_stopping = is_stopping
        self.asgi = Starlette(
            routes=[
                Route(settings.webhook_path, self.webhook, methods=["POST"]),
                Route("/healthz", self.healthz, methods=["GET"]),
                Route("/metrics", self.prometheus, methods=["GET"]),
            ]
        )

    async def webhook(self, request: Request) -> Response:
        if self.is_stopping():
            return Response(status_code=503)  # another instance (or Telegram's retry) takes it
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not self.secret or not hmac.compare_digest(given, self.secret):
            return Response(status_code=403)
        body = await _body_within(request, MAX_BODY_BYTES)
        if body is None:
            return Response(status_code=413)
        try:
            payload = json.loads(body)
        except ValueError:  # not JSON, or not UTF-8
            return Response(status_code=400)
        update_id = payload.get("update_id") if isinstance(payload, dict) else None
        if not _is_update_id(update_id):
            return Response(status_code=400)
        started = time.perf_counter()
        try:
            update = Update.de_json(payload, self.app.bot)
        except Exception:  # any shape python-telegram-bot cannot read (a field of the wrong type)
            # A 4xx would make Telegram re-post it for a day; it cannot get better. Nothing of
            # the body is logged: it is a person's message.
            log.error("update %s could not be read; dropped", update_id)
            return Response(status_code=200)
        services = self.services
        # A flood's dropped update costs no database work: the id is written down only for an
        # update the flood gate lets through (the gate itself counts it in `process_update`).
        if not would_drop(update, self.app.bot_data, services) and not await first_delivery(
            services.db, update_id=update_id, now=services.clock.now()
        ):
            self.metrics.duplicates.inc()
            return Response(status_code=200)
        await self.app.process_update(update)  # handler errors go to the error handler
        self.metrics.update_handled(
            payload,
            time.perf_counter() - started,
            coordinators=self.coordinators,
            commands=self.commands,
        )
        return Response(status_code=200)

    async def healthz(self, _request: Request) -> Response:
        due = await self._outbox_due() if await self._database_reachable() else None
        database = due is not None
        last = self.metrics.last_update_at
        stopping = self.is_stopping()
        body = {
            "status": "stopping" if stopping else ("ok" if database else "database_unreachable"),
            "database": database,
            "last_update_at": last.isoformat() if last else None,
            "outbox_due": sum(due.values()) if due is not None else None,
            "events_waiting": self.services.event_log.waiting,
        }
        return JSONResponse(body, status_code=200 if database and not stopping else 503)

    async def prometheus(self, _request: Request) -> Response:
        if await self._database_reachable():
            due = await self._outbox_due()
            if due is not None:
                self.metrics.set_outbox_due(due)
        self.metrics.events_waiting.set(self.services.event_log.waiting)
        return Response(self.metrics.render(), media_type=CONTENT_TYPE_LATEST)

    async def _database_reachable(self) -> bool:
        async def ping() -> None:
            async with self.services.db.session() as session:
                await session.exec(text("SELECT 1"))  # type: ignore[call-overload]

        try:
            await asyncio.wait_for(ping(), timeout=HEALTH_DB_TIMEOUT)
        except Exception as exc:  # any driver error or the timeout: not reachable
            log.warning("health check: database unreachable (%s)", type(exc).__name__)
            return False
        return True

    async def _outbox_due(self) -> dict[str, int] | None:
        """Due rows by kind; None when the database answers but cannot be used."""
        try:
            async with self.services.db.session() as session:
                now = self.services.clock.now()
                return await outbox_repo.due_by_kind(session=session, now=now)
        except SQLAlchemyError as exc:
            log.warning("health check: outbox not readable (%s)", type(exc).__name__)
            return None


async def purge_job(context: Any) -> int | None:
    services: Services = context.bot_data["services"]
    now = services.clock.now()
    day = now.astimezone(services.settings.tz).date().isoformat()
    return await purge_old(services.db, now=now, day=day)


def register_purge(app: AppType) -> None:
    """Daily, in every instance; a daily_sends claim lets one of them do it."""
    if app.job_queue is not None:
        import datetime as dt

        app.job_queue.run_daily(
            purge_job,
            time=dt.time(3, 45, tzinfo=app.bot_data["services"].settings.tz),
            name=PURGE_JOB,
        )


async def register_webhook(app: AppType, settings: Settings) -> None:
    await app.bot.set_webhook(
        url=settings.webhook_endpoint,
        secret_token=settings.webhook_secret,
        allowed_updates=list(ALLOWED_UPDATES),
        max_connections=40,
    )
    log.info("webhook registered with Telegram")


@contextlib.contextmanager
def _signals_end_quietly() -> Iterator[None]:
    """uvicorn catches SIGTERM/SIGINT, shuts down gracefully, then re-raises the signal to the
    handler that was there before it: make that a no-op so the process exits 0, not -15."""
    previous = {s: signal.signal(s, lambda *_: None) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


async def serve(settings: Settings, *, request: Any = None) -> int:
    from bot.app import build_application

    metrics = Metrics()
    app = build_application(
        settings, request=request, metrics=metrics, webhook=True, freeze_heap=True
    )
    server: uvicorn.Server | None = None
    web = WebhookApp(app, metrics, is_stopping=lambda: server is not None and server.should_exit)
    config = uvicorn.Config(
        web.asgi,
        host=settings.webhook_listen,
        port=settings.webhook_port,
        lifespan="off",  # the Application is started around the server, below
        access_log=False,  # request lines would carry nothing useful and cost time
        log_level="warning",
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
    )
    server = uvicorn.Server(config)
    register_purge(app)
    async with running(app):
        if settings.webhook_register and await polling_guard.poller_running(app):
            return EXIT_ANOTHER_POLLER
        with _signals_end_quietly():
            serving = asyncio.create_task(server.serve())
            # Telegram is told where to post only once the port answers: an update posted
            # before would be refused and come again only after Telegram's retry delay.
            while not server.started and not serving.done():
                await asyncio.sleep(0.02)
            try:
                if server.started and settings.webhook_register:
                    await register_webhook(app, settings)
            except BaseException:
                server.should_exit = True  # stop serving, then say why (one line, exit 1)
                await serving
                raise
            if server.started:
                log.info(
                    "webhook mode: listening on %s:%s%s",
                    settings.webhook_listen,
                    settings.webhook_port,
                    settings.webhook_path,
                )
            await serving
        log.info("stopping: updates in flight are done; finishing jobs and sends")
    return 0 if server.started else 1
