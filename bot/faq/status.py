"""Per topic and language: present, missing or stale, and when it was reviewed."""

from __future__ import annotations

from dataclasses import dataclass

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
