"""One bot process per SQLite file: SQLite has one writer and no row locks across processes,
so several instances need PostgreSQL. An exclusive `flock` on a file next to the database is
held while the bot runs; the kernel releases it when the process ends, however it ends."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url


class DatabaseInUse(Exception):
    """Another bot process runs on this SQLite file; the message says what to do."""


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


@contextmanager
def single_instance(database_url: str) -> Iterator[None]:
    """Hold the lock while the body runs; refuse at once if another process holds it."""
    path = sqlite_path(database_url)
    if path is None:  # PostgreSQL: as many instances as you like
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseInUse(
                f"another arrival-desk is already running on the SQLite database {path}. "
                "SQLite serves one instance; to run several instances, use PostgreSQL "
                "(DATABASE_URL=postgresql://user:password@host/dbname)."
            ) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
