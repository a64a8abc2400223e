"""Prometheus metrics of one Application, in a registry of its own (tests and several apps in one
process do not mix), and the Bot API request wrapper that counts every call in one place."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from telegram.constants import UpdateType
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.handlers import callback_data as cd

UPDATE_KINDS = frozenset(str(kind) for kind in UpdateType)
# Seconds; an update that waits on the database or Telegram lands in the upper buckets.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LATENESS_BUCKETS = (1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600)
API_METHOD = re.compile(r"[A-Za-z]{1,40}")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.updates = Counter("arrival_updates", "Updates handled, by kind", ["kind"], registry=r)
        self.duplicates = Counter(
            "arrival_updates_duplicate", "Updates delivered again and not handled", registry=r
        )
        self.update_seconds = Histogram(
            "arrival_update_seconds", "Time to handle one update", buckets=LATENCY_BUCKETS,
            registry=r,
        )  # fmt: skip
        self.api_calls = Counter(
            "arrival_bot_api_calls", "Bot API calls, by method", ["method"], registry=r
        )
        self.api_errors = Counter(
            "arrival_bot_api_errors",
            "Bot API calls that failed, by method and kind (rate_limited, forbidden, "
            "bad_request, conflict, http_NNN, timeout, network)",
            ["method", "kind"],
            registry=r,
        )
        self.api_rate_limited = Counter(
            "arrival_bot_api_429", "Bot API calls answered 429 Too Many Requests", registry=r
        )
        self.outbox_due = Gauge(
            "arrival_outbox_due_rows", "Outbox rows due and not sent yet, by kind", ["kind"],
            registry=r,
        )  # fmt: skip
        self.events_waiting = Gauge(
            "arrival_events_waiting",
            "Events held to be written with the next batch (growing: the database refuses them)",
            registry=r,
        )
        self.outbox_sent = Counter(
            "arrival_outbox_sent", "Outbox rows sent, by kind", ["kind"], registry=r
        )
        self.outbox_failed = Counter(
            "arrival_outbox_failed",
            "Outbox rows that failed for good, by kind and reason (blocked, bad_request, gave_up)",
            ["kind", "reason"],
            registry=r,
        )
        self.outbox_retried = Counter(
            "arrival_outbox_retried", "Outbox sends put off to retry, by kind", ["kind"],
            registry=r,
        )  # fmt: skip
        self.outbox_lateness = Histogram(
            "arrival_outbox_lateness_seconds",
            "How long after its due time a row went out, by kind",
            ["kind"],
            buckets=LATENESS_BUCKETS,
            registry=r,
        )
        self.coordinator_actions = Counter(
            "arrival_coordinator_actions",
            "Commands and button presses by coordinators, by action",
            ["action"],
            registry=r,
        )
        self.last_update_at: datetime | None = None

    # -- updates ---------------------------------------------------------------------------
    def update_handled(
        self,
        payload: dict[str, Any],
        seconds: float,
        *,
        coordinators: frozenset[int],
        commands: frozenset[str] = frozenset(),
    ) -> None:
        kind = next((k for k in payload if k in UPDATE_KINDS), "other")
        self.updates.labels(kind=kind).inc()
        self.update_seconds.observe(seconds)
        self.last_update_at = datetime.now(UTC)
        action = coordinator_action(payload.get(kind), coordinators, commands)
        if action is not None:
            self.coordinator_actions.labels(action=action).inc()

    # -- the outbox (called by the one sender) ---------------------------------------------
    def outbox_result(
        self, kind: str, status: str, *, reason: str | None, late_seconds: float
    ) -> None:
        if status == "sent":
            self.outbox_sent.labels(kind=kind).inc()
            self.outbox_lateness.labels(kind=kind).observe(max(late_seconds, 0.0))
        elif status == "failed":
            self.outbox_failed.labels(kind=kind, reason=_failure_reason(reason)).inc()
        elif status == "pending":
            self.outbox_retried.labels(kind=kind).inc()

    def set_outbox_due(self, due: dict[str, int]) -> None:
        self.outbox_due.clear()
        for kind, count in due.items():
            self.outbox_due.labels(kind=kind).set(count)

    def render(self) -> bytes:
        return generate_latest(self.registry)


def coordinator_action(
    body: Any, coordinators: frozenset[int], commands: frozenset[str]
) -> str | None:
    """What a coordinator did (one of the bot's `commands`, a button's 'feature:action' that
    parses), or None. Anything else is "other": a typed or forged value never becomes a label
    of its own, so the label set stays the bot's own few."""
    if not isinstance(body, dict):
        return None
    sender = body.get("from")
    if not isinstance(sender, dict) or sender.get("id") not in coordinators:
        return None
    if isinstance(body.get("data"), str):  # a button press
        action = cd.parse(body["data"])
        return f"{action.FEATURE}:{action.ACTION}" if action is not None else "other"
    text = body.get("text")
    if isinstance(text, str) and text.startswith("/"):
        words = text[1:].split(maxsplit=1)
        command = words[0].split("@")[0] if words else ""
        return command if command in commands else "other"
    return None


def _failure_reason(reason: str | None) -> str:
    if reason in ("blocked", "gave_up"):
        return reason
    return "bad_request"


def _error_kind(status: int) -> str:
    return {429: "rate_limited", 403: "forbidden", 400: "bad_request", 409: "conflict"}.get(
        status, f"http_{status}"
    )


class MeteredRequest(BaseRequest):
    """Every Bot API call passes here (the bot's one request object): counted by method, its
    failures by kind. Wraps PTB's HTTPXRequest or the stand-in."""

    def __init__(self, inner: BaseRequest, metrics: Metrics) -> None:
        self.inner = inner
        self.metrics = metrics

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        api_method = name if API_METHOD.fullmatch(name) else "other"
        self.metrics.api_calls.labels(method=api_method).inc()
        try:
            status, body = await self.inner.do_request(
                url,
                method,
                request_data,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
            )
        except TimedOut:
            self.metrics.api_errors.labels(method=api_method, kind="timeout").inc()
            raise
        except NetworkError:
            self.metrics.api_errors.labels(method=api_method, kind="network").inc()
            raise
        if status >= 300:
            self.metrics.api_errors.labels(method=api_method, kind=_error_kind(status)).inc()
            if status == 429:
                self.metrics.api_rate_limited.inc()
        return status, body
