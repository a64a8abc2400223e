"""The one sender: every message the bot starts (not the direct answer to an update) is an outbox
row, rendered by the renderer its kind registered and sent here with one error policy.

- 403 (blocked, kicked): the row fails; a person is marked inactive and gets nothing more.
- 429: the row waits for Telegram's retry_after (and a backoff), then any instance retries it.
- 400 (chat not found, message too long…): the row fails with the reason recorded.
- network errors and timeouts: retried with a backoff of 1, 2, 4… minutes, at most 5 attempts.
Handlers write rows in their own unit of work, answer the person at once and `kick` the sender,
which runs as a background task: no update ever waits for a rate limit.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from telegram import InputFile
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.booking import rules
from bot.botapi import plain
from bot.botapi.ratelimit import SEND_ONCE
from bot.delivery.kinds import Kind
from bot.delivery.outbox import BATCH, Attempt, Then, rows_written
from bot.faq.render import split_message
from bot.handlers.base import AppContext, AppType, Keyboard
from bot.services import Services
from storage.models import Outbox, User

if TYPE_CHECKING:  # the sent row's unit of work, handed on to domain code; handlers open none
    from storage.prepared import Runner

log = logging.getLogger(__name__)

DELIVERY_JOB = "outbox"
LATEST_ONLY = (Kind.REMINDER, Kind.DEADLINE)  # of several due rows about one thing, send the last
TIME_BUDGET_SECONDS = 8.0
CONCURRENCY = 16  # sends in flight at once, to different chats


@dataclass
class Outgoing:
    """One message (and optionally a file after it) rendered from a row."""

    chat_id: int
    text: str
    rows: Keyboard = field(default_factory=list)
    document: tuple[str, bytes, str] | None = None  # file name, content, caption
    documents: list[tuple[str, bytes, str]] = field(default_factory=list)  # more files after it
    reply_to: int | None = None
    event: dict[str, Any] | None = None  # recorded once the message is accepted
    after_sent: Callable[[list[int]], Awaitable[None]] | None = None  # gets the new messages' ids
    # Written in the sent row's result's unit of work, given the new messages' ids: a statement
    # function (`storage.prepared`), run by `Database.atomic` with the row's own result
    with_result: Callable[[Runner, list[int]], None] | None = None


@dataclass(frozen=True)
class Skip:
    """Nothing to send for this row (cancelled meanwhile, too late, nobody to tell)."""

    status: str


Renderer = Callable[[Services, Outbox], Awaitable[Outgoing | Skip]]
Made = Mapping[int, Outgoing | Skip]  # messages already made, by outbox row id


def _morning_if_night(services: Services) -> datetime | None:
    """When waking hours start again, if it is night now (None: it is not)."""
    now = services.clock.now()
    morning = rules.in_waking_hours(now, services.settings.tz, services.desk.rules)
    return morning if morning > now else None


def register_kind(
    app: AppType, kind: Kind, renderer: Renderer, *, waking_hours: bool = False
) -> None:
    """`waking_hours`: a message that asks something of a person is never sent at night,
    whenever the sender gets to it (due in the evening, the bot down until 22:30): it waits,
    untouched and not counted as an attempt, for the morning."""
    app.bot_data.setdefault("renderers", {})[kind] = renderer
    if waking_hours:
        app.bot_data.setdefault("waking_hours_kinds", set()).add(kind)


async def send(bot: Any, outgoing: Outgoing) -> tuple[Attempt, list[int]]:
    """Send with the one policy; returns what happened and the new messages' ids. A text longer
    than one Telegram message goes in parts (keyboard on the last, the first replies to
    `reply_to`); once a part is out, a later failure does not send the row again."""
    parts = split_message(outgoing.text)
    sent: list[int] = []
    # With a rate limiter: paced, but a 429 comes straight back (the row waits, not everyone).
    once = SEND_ONCE if getattr(bot, "rate_limiter", None) else None
    for index, part in enumerate(parts):
        last, first = index == len(parts) - 1, index == 0
        try:
            message_id = await plain.send_html(
                bot,
                outgoing.chat_id,
                part,
                outgoing.rows if last else (),
                reply_to=outgoing.reply_to if first else None,
                rate_limit_args=once,
            )
        except TelegramError as exc:
            if sent:
                log.warning("part %s of %s not sent: %s", index + 1, len(parts), type(exc).__name__)
                return Attempt(sent=True), sent
            return _failed(exc), []
        if message_id is not None:
            sent.append(message_id)
    files = [outgoing.document] if outgoing.document is not None else []
    for filename, data, caption in [*files, *outgoing.documents]:
        try:
            await bot.send_document(
                outgoing.chat_id, InputFile(data, filename=filename), caption=caption
            )
        except TelegramError as exc:  # the message went; the file is a convenience
            log.warning("file not sent: %s", type(exc).__name__)
    return Attempt(sent=True), sent


def _with_result(outgoing: Outgoing, message_ids: list[int]) -> Then | None:
    then = outgoing.with_result
    if then is None or not message_ids:
        return None
    return lambda connection: then(connection, message_ids)


def _failed(exc: TelegramError) -> Attempt:
    if isinstance(exc, Forbidden):
        return Attempt(sent=False, blocked=True)
    if isinstance(exc, RetryAfter):
        wait = exc.retry_after
        seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
        return Attempt(sent=False, retry_after=float(seconds))
    if isinstance(exc, BadRequest):
        return Attempt(sent=False, failure=_reason(exc))
    log.warning("send failed, will retry: %s", type(exc).__name__)  # network, timeouts
    return Attempt(sent=False)


def _reason(exc: BadRequest) -> str:
    """A short, data-free reason for the row ('chat_not_found', 'message_is_too_long')."""
    words = "".join(c if c.isalnum() else " " for c in exc.message.lower()).split()
    return "_".join(words[:4])[:64] or "bad_request"


async def deliver_due(context: Any) -> int:
    """Work through what is due (in batches, for a limited time); returns messages sent.
    `context` is anything with `bot_data` and `bot` (a job's context, or the Application)."""
    sent, _more = await _deliver_round(context)
    return sent


async def _deliver_round(context: Any) -> tuple[int, bool]:
    """Batches until nothing is due or the time budget is spent; also says whether more may
    be due. Within a batch, rows to different chats go out concurrently (at most CONCURRENCY at
    once; the rate limiter paces them), rows to one chat one after another, in order. A send
    starts only with half a lease (minutes) left and is bounded by the Bot API timeouts (seconds;
    a 429 is not waited for), so its row is written long before another sender could claim it."""
    services: Services = context.bot_data["services"]
    delivery = services.delivery
    sent = 0
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    gate = _gate(context)
    while True:
        written = rows_written()
        batch = await delivery.claim()
        sent += await _deliver_batch(context, batch, gate)
        if len(batch) < BATCH and rows_written() == written:
            return sent, False  # all that was due is done, and nothing new was written
        if time.monotonic() > deadline:
            return sent, True


def _gate(context: Any) -> asyncio.Semaphore:
    # Concurrent sends need the rate limiter to pace them; without one (tests, a bare stand-in)
    # rows go one at a time, each written before the next is sent.
    return asyncio.Semaphore(CONCURRENCY if getattr(context.bot, "rate_limiter", None) else 1)


async def _deliver_batch(
    context: Any, batch: list[Outbox], gate: asyncio.Semaphore, made: Made | None = None
) -> int:
    """Claimed rows, oldest first: rows to different chats go out concurrently (`gate`), rows
    to one chat one after another, in order. Returns how many were sent. `made`: messages
    already made for some of the rows (by row id), sent as they are, without their renderer."""
    made = made or {}
    services: Services = context.bot_data["services"]
    renderers: dict[Kind, Renderer] = context.bot_data.get("renderers", {})
    # When two reminders of one booking (or one deadline) are both due (the bot was down), only
    # the latest is worth sending: never a burst.
    latest = {(r.kind, r.ref_id): r.id for r in batch if r.kind in LATEST_ONLY}
    by_chat: dict[tuple[str, int | None], list[Outbox]] = {}
    for row in batch:
        key = ("user", row.user_id) if row.user_id is not None else ("chat", row.chat_id)
        by_chat.setdefault(key, []).append(row)

    async def one_chat(rows: list[Outbox]) -> int:
        count = 0
        async with gate:
            for row in rows:
                key = (row.kind, row.ref_id)
                superseded = row.kind in LATEST_ONLY and latest.get(key) != row.id
                count += await _deliver(
                    context,
                    services,
                    renderers,
                    row,
                    superseded=superseded,
                    made=made.get(row.id or 0),
                )
        return count

    return sum(await asyncio.gather(*(one_chat(rows) for rows in by_chat.values())))


async def _deliver(
    context: Any,
    services: Services,
    renderers: dict[Kind, Renderer],
    row: Outbox,
    *,
    superseded: bool = False,
    made: Outgoing | Skip | None = None,
) -> int:
    renderer = (
        renderers.get(row.kind)  # type: ignore[call-overload]  # Kind is a str
        if made is None
        else _already(made)
    )
    if renderer is None:
        log.error("no renderer for outbox kind %r; row %s dropped", row.kind, row.id)
        await services.delivery.finish(row, "failed", result="unknown_kind")
        return 0
    if not superseded and row.kind in context.bot_data.get("waking_hours_kinds", ()):
        morning = _morning_if_night(services)
        if morning is not None:
            await services.delivery.postpone(row, morning)
            return 0
    outgoing = await renderer(services, row)
    if isinstance(outgoing, Skip) or superseded:
        await services.delivery.finish(row, getattr(outgoing, "status", "superseded"))
        return 0
    if not await services.delivery.still_mine(row):
        return 0  # slowed down past the lease: another instance has it now
    attempt, message_ids = await send(context.bot, outgoing)
    status = await services.delivery.record(
        row, attempt, event=outgoing.event, also=_with_result(outgoing, message_ids)
    )
    _count(context, services, row, status, attempt)
    if status != "sent":
        return 0
    if outgoing.after_sent is not None and message_ids:
        await outgoing.after_sent(message_ids)
    return 1


def _already(made: Outgoing | Skip) -> Renderer:
    async def render(_services: Services, _row: Outbox) -> Outgoing | Skip:
        return made

    return render


def _count(context: Any, services: Services, row: Outbox, status: str, attempt: Attempt) -> None:
    """Outbox metrics (webhook mode): sent, failed and retried rows by kind, and how late."""
    metrics = context.bot_data.get("metrics")
    if metrics is None:
        return
    due = row.due_at if row.due_at.tzinfo else row.due_at.replace(tzinfo=UTC)
    reason = "blocked" if attempt.blocked else (attempt.failure or "gave_up")
    late = (services.clock.now() - due).total_seconds()
    metrics.outbox_result(str(row.kind), status, reason=reason, late_seconds=late)


def reachable(user: User | None) -> int | None:
    """The chat of a person who still wants messages (not blocked, not forgotten)."""
    if user is None or not user.active or user.telegram_id is None:
        return None
    return user.telegram_id


def kick(context: Any, leased: Sequence[Outbox] = (), made: Made | None = None) -> None:
    """Send what is due now, in the background: the handler that wrote rows answers at once.
    `leased`: the rows its change wrote already claimed (`Outcome.sends`), sent as they are;
    without them, a round claims whatever is due. `made`: messages of some of those rows
    already made by the handler (`booking_messages.made_from`)."""
    _in_background(context.application, list(leased), made)


def _in_background(app: Any, leased: list[Outbox] | None = None, made: Made | None = None) -> None:
    tasks: set[asyncio.Task[Any]] = app.bot_data.setdefault("delivery_tasks", set())
    task = app.create_task(_deliver_on(app, leased or [], made), name="deliver-now")
    tasks.add(task)
    task.add_done_callback(tasks.discard)


async def _deliver_on(app: Any, leased: list[Outbox], made: Made | None = None) -> None:
    """A backlog larger than one round (a morning of reminders) goes on at once, not at the
    next poll: the rate limit, not the poll interval, sets the pace."""
    if leased:  # a change's own rows: nothing to claim, nothing else to look for
        await _deliver_batch(app, leased, _gate(app), made)
        return
    _sent, more = await _deliver_round(app)
    if more and app.running:
        _in_background(app)


async def wait_for_deliveries(app: Any) -> None:
    """Tests and the offline chat: let the background sends of the last update finish."""
    tasks: set[asyncio.Task[Any]] = app.bot_data.get("delivery_tasks", set())
    while tasks:
        await asyncio.gather(*list(tasks), return_exceptions=True)


async def _delivery_job(context: AppContext) -> None:
    # Tracked like a kick: the round may take the rows an update has just written, and whoever
    # waits for that update's sends (the offline chat, tests) must wait for this round too. It
    # runs inside the job, not as a task of its own, so the scheduler never starts the next
    # poll's round while this one is still sending.
    tasks: set[asyncio.Task[Any]] = context.application.bot_data.setdefault("delivery_tasks", set())
    task = asyncio.current_task()
    if task is not None:
        tasks.add(task)
    try:
        _sent, more = await _deliver_round(context)
    finally:
        if task is not None:
            tasks.discard(task)
    if more:
        _in_background(context.application)


def register(app: AppType, *, interval_seconds: float) -> None:
    if app.job_queue is not None:
        # first=1: what was missed while the bot was down goes out right after start.
        app.job_queue.run_repeating(
            _delivery_job, interval=interval_seconds, first=1, name=DELIVERY_JOB
        )
