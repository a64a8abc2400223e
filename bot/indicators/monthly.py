"""The previous month's report, posted to the coordinator chat on the first of each month, once
across instances: the first instance to claim the day writes one outbox row (kind REPORT) in the
same transaction, and the one sender posts it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError

from bot.delivery import outbox
from bot.delivery.kinds import Kind
from bot.indicators.compute import Period
from bot.indicators.periods import previous_month
from storage.db import Database
from storage.repos import daily as repo

DAILY_KIND = "monthly-report"


def due_period(local_now: dt.datetime, post_at: dt.time) -> Period | None:
    """Last month, when it is the first of the month and past the posting time; else None."""
    if local_now.day != 1 or local_now.time() < post_at:
        return None
    return previous_month(local_now.date())


async def schedule_monthly_report(
    db: Database, *, now: dt.datetime, tz: dt.tzinfo, post_at: dt.time
) -> bool:
    """True if this call claimed today and wrote the row; False if it is not the day or the time,
    or another instance (or an earlier run today) already did."""
    local_now = now.astimezone(tz)
    period = due_period(local_now, post_at)
    if period is None:
        return False
    async with db.session() as session:
        try:
            if not await repo.claim_daily(
                session=session, kind=DAILY_KIND, day=local_now.date().isoformat()
            ):
                return False
            await outbox.enqueue(
                session,
                Kind.REPORT,
                due_at=now,
                payload={"from": period.first.isoformat(), "to": period.last.isoformat()},
            )
            await session.commit()
        except IntegrityError:  # the other instance committed its claim first
            return False
    return True
