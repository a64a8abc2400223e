"""Events that updates record outside any unit of work (a topic viewed, a question searched,
/start, a language chosen), written a few at a time instead of one commit per update.

Every update used to commit its own event: on PostgreSQL a synchronous commit (a round trip and
a WAL flush) per update, on SQLite a WAL commit (~40 µs of the ~290 µs of an FAQ press). Now an
update adds its event here and goes on; the events are written together by one executemany in
one unit of work once `WAIT_SECONDS` have passed since the oldest (by the update that finds them
that old, so under load no timer and no extra task is involved) or `BATCH` are waiting, and at
the latest `LATEST_SECONDS` after the first one, on a timer, when updates stop coming.

What this costs: a process killed outright (not stopped: a stop writes them) loses the events
of its last second at most; a decision never waits here (bookings, consents and answers write
their events in their own unit of work). Readers in this process (reports, /mydata, /forget)
call `flush` first; another instance's report misses at most a second of events. An event is
written only if a person still has its key (`storage.repos.events.record_if_known`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from storage.db import Database
from storage.repos import events

log = logging.getLogger(__name__)

BATCH = 100  # events in one executemany (a few ms on SQLite)
WAIT_SECONDS = 0.25  # an update that finds the oldest waiting event this old writes them all
LATEST_SECONDS = 1.0  # when no update comes to write them, the timer does
MOST_KEPT = 10_000  # while the database cannot be reached, at most this many wait


class EventLog:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._waiting: list[dict[str, Any]] = []
        self._oldest = 0.0  # monotonic time of the oldest waiting event
        self._timer: asyncio.TimerHandle | None = None
        self._writing: asyncio.Task[None] | None = None  # held, so it is not collected mid-write
        # One write at a time, in the order the events came: a stop's flush waits for the
        # timer's, and a timer's write that starts after it finds nothing left.
        self._lock = asyncio.Lock()
        # Since a write failed (the database away): only the timer tries again, not every
        # update, and it is said once, not once a second.
        self._away = False

    @property
    def waiting(self) -> int:
        """Events not written yet (for /healthz and /metrics)."""
        return len(self._waiting)

    async def add(self, **values: Any) -> None:
        """An event (`events.event_values`), written with the next batch."""
        now = time.monotonic()
        if not self._waiting:
            self._oldest = now
        if len(self._waiting) >= MOST_KEPT:
            return  # the database has been away a long while (said when it went)
        self._waiting.append(events.event_values(**values))
        if self._away:
            self._arm()
        elif len(self._waiting) >= BATCH or now - self._oldest >= WAIT_SECONDS:
            await self.flush()
        else:
            self._arm()

    async def flush(self) -> None:
        """Write every waiting event now (readers in this process, a stop, the timer)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        async with self._lock:
            while self._waiting:
                batch = self._waiting[:BATCH]
                try:
                    await self.db.atomic(events.record_if_known, rows=batch)
                except Exception as exc:  # the database is away: kept, and the update goes on
                    if not self._away:
                        log.warning(
                            "events not written yet (%s); trying again every %s s, keeping "
                            "at most %s",
                            type(exc).__name__,
                            LATEST_SECONDS,
                            MOST_KEPT,
                        )
                    self._away = True
                    self._arm()
                    return
                del self._waiting[: len(batch)]
                self._oldest = time.monotonic()
                if self._away:
                    self._away = False
                    log.warning("events written again")

    def _arm(self) -> None:
        if self._timer is None and self._waiting:
            self._timer = asyncio.get_running_loop().call_later(LATEST_SECONDS, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._writing = asyncio.get_running_loop().create_task(self.flush(), name="events")
