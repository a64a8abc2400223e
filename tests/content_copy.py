"""Copies of the repository's `faq/` and `locales/` for tests that damage or edit content.

The interface texts of some languages are not translated yet (booking, coordinator and a few common
messages; see tests/test_i18n.py). `faq check` counts every missing message as an error, and a live
reload refuses any version with errors, so a plain copy would never be accepted. `fill_untranslated`
gives the copy the English text for those messages, which is what the running bot shows anyway, so
the FAQ and locale tests start from a copy without errors and see only what they broke.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from fluent.syntax import FluentParser, ast

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ContentCopy:
    root: Path

    @property
    def faq(self) -> Path:
        return self.root / "faq"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def services(self) -> Path:
        return self.faq / "services.yaml"

    def topic(self, topic_id: str) -> Path:
        return self.faq / topic_id


def _entry_ids(folder: Path) -> set[str]:
    ids: set[str] = set()
    for path in folder.glob("*.ftl"):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message | ast.Term):
                ids.add(("-" if isinstance(entry, ast.Term) else "") + entry.id.name)
    return ids


def fill_untranslated(locales_dir: Path) -> None:
    """Append the English text of every message a language lacks, in the same-named file."""
    english = locales_dir / "en"
    for folder in sorted(p for p in locales_dir.iterdir() if p.is_dir() and p != english):
        have = _entry_ids(folder)
        for source in sorted(english.glob("*.ftl")):
            text = source.read_text(encoding="utf-8")
            missing = []
            for entry in FluentParser(with_spans=True).parse(text).body:
                if not isinstance(entry, ast.Message | ast.Term) or entry.span is None:
                    continue
                key = ("-" if isinstance(entry, ast.Term) else "") + entry.id.name
                if key not in have:
                    missing.append(text[entry.span.start : entry.span.end])
            if missing:
                target = folder / source.name
                old = target.read_text(encoding="utf-8") if target.exists() else ""
                target.write_text(old.rstrip("\n") + "\n\n" + "\n".join(missing) + "\n", "utf-8")


def copy_content(root: Path, *, source: Path = REPO) -> ContentCopy:
    """`root/faq` and `root/locales`, copied from `source` (the repository or another copy)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "faq", root / "faq")
    shutil.copytree(source / "locales", root / "locales")
    copy = ContentCopy(root)
    if source == REPO:
        fill_untranslated(copy.locales)
    return copy


def touch_later(path: Path) -> None:
    """A later modification time than anything the bot has seen (editors can write within one
    timestamp tick, and the reload compares sizes and times)."""
    stat = path.stat()
    later = max(stat.st_mtime_ns, max_mtime_ns(path.parent)) + 5_000_000_000
    os.utime(path, ns=(later, later))


def max_mtime_ns(folder: Path) -> int:
    return max((p.stat().st_mtime_ns for p in folder.rglob("*")), default=0)


def set_front_matter(path: Path, key: str, value: str) -> None:
    """Replace `key: …` in a translation's front matter (the first such line)."""
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(rf"(?m)^{re.escape(key)}:.*$", f"{key}: {value}", text, count=1)
    assert count == 1, f"{path} has no '{key}:' line"
    path.write_text(new, encoding="utf-8")
    touch_later(path)


def line_number(path: Path, prefix: str) -> int:
    """1-based number of the first line starting with `prefix`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"{path} has no line starting with {prefix!r}")
