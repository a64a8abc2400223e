"""Where a bench run keeps its files: one temporary folder for the whole run, removed at its end.

Every section makes its databases with `tempfile.mkdtemp` (a year of data is ~220 MB on
SQLite); pointing `tempfile.tempdir` at one folder for the run puts them all there, so nothing
is left behind however the run ends."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def scratch_space() -> Iterator[str]:
    previous = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="arrival-bench-") as folder:
        tempfile.tempdir = folder
        try:
            yield folder
        finally:
            tempfile.tempdir = previous
