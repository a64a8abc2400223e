"""The FAQ as loaded: topics in a tree, one translation per language."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SERBIAN_LATIN = "sr-Latn"


@dataclass(frozen=True)
class Source:
    title: str  # as written in topic.yaml: the page's own title, often English or Slovenian
    url: str
    titles: dict[str, str] = field(default_factory=dict, hash=False)  # language -> title

    def title_in(self, language: str) -> str:
        """The title in the reader's language when staff gave one, else the original title."""
        return self.titles.get(language) or self.title


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Aug + 6 months → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Translation:
    language: str
    title: str
    keywords: tuple[str, ...]
    updated: date | None
    body: str  # Markdown
    path: Path
    derived: bool = False  # made by transliteration, not written by staff


@dataclass
class Topic:
    id: str
    parent: str | None
    order: int
    source_language: str
    reviewed: date | None
    sources: list[Source]
    translations: dict[str, Translation] = field(default_factory=dict)
    path: Path | None = None
    legal: bool = True  # legal orientation: the answer ends with "not legal advice"
    review_months: int | None = None  # how long a review holds; None: the default for all

    def review_due(self, default_months: int) -> date | None:
        """The day after which the answer counts as overdue for review."""
        if self.reviewed is None:
            return None
        return add_months(self.reviewed, self.review_months or default_months)

    def review_overdue(self, today: date, default_months: int) -> bool:
        due = self.review_due(default_months)
        return due is not None and today > due

    def is_stale(self, language: str) -> bool:
        """A translation last edited before the source language's text changed."""
        source = self.translations.get(self.source_language)
        translation = self.translations.get(language)
        if source is None or translation is None or translation is source:
            return False
        if source.updated is None or translation.updated is None:
            return False
        return translation.updated < source.updated


@dataclass
class FaqContent:
    topics: dict[str, Topic]
    default_language: str = "en"

    @property
    def roots(self) -> list[Topic]:
        return self.children(None)

    def children(self, topic_id: str | None) -> list[Topic]:
        kids = [t for t in self.topics.values() if t.parent == topic_id]
        return sorted(kids, key=lambda t: (t.order, t.id))

    def get(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def translation(self, topic: Topic, language: str) -> Translation:
        """The user's language, else the default, else the source language, else any."""
        for candidate in (language, self.default_language, "en", topic.source_language):
            if candidate in topic.translations:
                return topic.translations[candidate]
        return next(iter(topic.translations.values()))

    def tree_order(self) -> list[Topic]:
        """Every topic, depth first, siblings by their order: the order of the menus."""
        ordered: list[Topic] = []

        def visit(parent: str | None) -> None:
            for child in self.children(parent):
                if child not in ordered:
                    ordered.append(child)
                    visit(child.id)

        visit(None)
        return ordered

    def ancestors(self, topic_id: str) -> list[str]:
        chain: list[str] = []
        current = self.topics.get(topic_id)
        while current is not None and current.parent and current.parent not in chain:
            chain.append(current.parent)
            current = self.topics.get(current.parent)
        return chain
