"""Is the database's schema at the newest migration? Answered without Alembic.

Every start of the bot upgrades the schema, and nearly always there is nothing to do. Importing
Alembic alone costs ~190 ms of the start and ~11 MB that the process then keeps for good (its
migration scripts more), so the newest revision is read from the migration files' own
`revision` and `down_revision` lines and the database's from its `alembic_version` table; only
when they differ is Alembic loaded and run (`Database.upgrade`). Anything this reading does not
recognise (several heads, a file in another form) leaves the decision to Alembic.
`tests/test_migrations.py` checks it against Alembic's own reading of the same files.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

_REVISION = re.compile(r"^revision(?::[^=]*)?=\s*[\"'](\w+)[\"']", re.MULTILINE)
_REVISES = re.compile(r"^down_revision(?::[^=]*)?=\s*(?:None|[\"'](\w+)[\"'])", re.MULTILINE)


@functools.cache
def head_revision(versions: Path) -> str | None:
    """The one revision no other one revises; None when that is not plain to see."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in versions.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, revises = _REVISION.search(source), _REVISES.search(source)
        if revision is None or revises is None:
            return None
        revisions.add(revision.group(1))
        if revises.group(1):
            revised.add(revises.group(1))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


async def stored_revisions(engine: AsyncEngine) -> list[str]:
    """The revisions the database says it is at (none: a new database). `engine`: one in
    autocommit (`Database.autocommit`), so the read takes no write lock on SQLite."""
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
            return [str(row[0]) for row in rows]
    except DBAPIError:  # no such table yet
        return []
