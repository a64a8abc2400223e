"""The FAQ content the bot serves, swapped whole on a reload so readers never see half an edit."""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from bot.faq.loader import Problem, load_faq
from bot.faq.model import FaqContent
from bot.faq.search import SearchIndex

log = logging.getLogger(__name__)

# Loading and indexing the FAQ takes about a second of CPU. Content that has not changed since a
# recent load (a reload after a touch, a second Application in the same process, each test of
# the suite) reuses what was built: the content and its index are never changed once built.
_BUILT: OrderedDict[tuple[str, str, str], tuple[FaqContent, list[Problem], SearchIndex]] = (
    OrderedDict()
)
_BUILT_KEPT = 4


def fingerprint(faq_dir: Path) -> str:
    """A hash of every file the loader reads (topic folders: topic.yaml and the answers)."""
    digest = hashlib.sha256()
    if faq_dir.is_dir():
        for path in sorted(faq_dir.glob("*/*")):
            if path.is_file() and not path.parent.name.startswith("."):
                digest.update(str(path.relative_to(faq_dir)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_and_index(
    faq_dir: Path, default_language: str
) -> tuple[FaqContent, list[Problem], SearchIndex]:
    key = (str(faq_dir.resolve()), default_language, fingerprint(faq_dir))
    if key in _BUILT:
        _BUILT.move_to_end(key)
        return _BUILT[key]
    content, problems = load_faq(faq_dir, default_language=default_language)
    built = (content, problems, SearchIndex(content))
    if fingerprint(faq_dir) == key[2]:  # not edited while it was being read
        _BUILT[key] = built
        if len(_BUILT) > _BUILT_KEPT:
            _BUILT.popitem(last=False)
    return built


@dataclass
class LoadResult:
    accepted: bool
    errors: list[Problem]


class FaqLibrary:
    def __init__(self, faq_dir: Path, *, default_language: str = "en") -> None:
        self.faq_dir = faq_dir
        self.default_language = default_language
        self.content = FaqContent({}, default_language)
        self.index = SearchIndex(self.content)

    def reload(self) -> LoadResult:
        """Load the folder; keep serving the last good content when the new one has errors."""
        content, problems, index = load_and_index(self.faq_dir, self.default_language)
        errors = [p for p in problems if p.severity == "error"]
        if errors and self.content.topics:
            log.warning("FAQ has %d errors; keeping the last good content", len(errors))
            return LoadResult(accepted=False, errors=errors)
        self.publish(content, index)
        return LoadResult(accepted=True, errors=errors)

    def publish(self, content: FaqContent, index: SearchIndex | None = None) -> None:
        # The index is built before the swap, so a reader sees old content with the old index
        # or new content with the new one, never a mix.
        index = index or SearchIndex(content)
        self.content, self.index = content, index
