"""Per topic and language: present, missing or stale, and when it was reviewed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.faq.model import SERBIAN_LATIN, FaqContent

PRESENT, MISSING, STALE = "present", "missing", "stale"


@dataclass(frozen=True)
class TopicStatus:
    topic_id: str
    reviewed: str
    languages: dict[str, str]  # language -> present / missing / stale

    @property
    def complete(self) -> bool:
        return all(state == PRESENT for state in self.languages.values())


def content_status(content: FaqContent, languages: list[str]) -> list[TopicStatus]:
    rows: list[TopicStatus] = []
    for topic in content.tree_order():
        states: dict[str, str] = {}
        for language in (lang for lang in languages if lang != SERBIAN_LATIN):
            if language not in topic.translations:
                states[language] = MISSING
            else:
                states[language] = STALE if topic.is_stale(language) else PRESENT
        rows.append(
            TopicStatus(topic.id, topic.reviewed.isoformat() if topic.reviewed else "—", states)
        )
    return rows


@dataclass(frozen=True)
class OverdueTopic:
    topic_id: str
    reviewed: date
    due: date


def overdue_topics(content: FaqContent, *, today: date, default_months: int) -> list[OverdueTopic]:
    """Topics whose review has expired (a topic's review_months, else the default), in menu
    order; they are still shown to people, with a note that they are being re-checked."""
    found: list[OverdueTopic] = []
    for topic in content.tree_order():
        due = topic.review_due(default_months)
        if topic.reviewed is not None and due is not None and today > due:
            found.append(OverdueTopic(topic.id, topic.reviewed, due))
    return found


def overdue_lines(overdue: list[OverdueTopic]) -> list[str]:
    """One line per topic, the same in every language: "cv · 2026-01-10 → 2026-07-10"."""
    return [f"{o.topic_id} · {o.reviewed.isoformat()} → {o.due.isoformat()}" for o in overdue]
