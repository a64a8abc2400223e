"""The FAQ content the bot serves, swapped whole on a reload so readers never see half an edit."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from bot.faq.loader import Problem, load_faq
from bot.faq.model import FaqContent
from bot.faq.search import SearchIndex

log = logging.getLogger(__name__)


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
        content, problems = load_faq(self.faq_dir, default_language=self.default_language)
        errors = [p for p in problems if p.severity == "error"]
        if errors and self.content.topics:
            log.warning("FAQ has %d errors; keeping the last good content", len(errors))
            return LoadResult(accepted=False, errors=errors)
        self.publish(content)
        return LoadResult(accepted=True, errors=errors)

    def publish(self, content: FaqContent) -> None:
        # The index is built before the swap, so a reader sees old content with the old index
        # or new content with the new one, never a mix.
        index = SearchIndex(content)
        self.content, self.index = content, index
