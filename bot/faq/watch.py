"""Has anything under the content folders changed? A cheap fingerprint of names, sizes and times."""

from __future__ import annotations

from pathlib import Path

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(*places: Path) -> Fingerprint:
    """Folders are walked; a file (the services file) counts by itself."""
    entries: list[tuple[str, int, int]] = []
    for place in places:
        paths = sorted(place.rglob("*")) if place.is_dir() else [place]
        for path in paths:
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the next check sees the final state
                continue
            if path.is_file():
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)
