"""An FAQ answer as Telegram messages: title, body, reviewed date, sources, disclaimer."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from bot.faq.model import Topic, Translation
from bot.faq.render import TELEGRAM_LIMIT, TopicUrl, markdown_to_html, split_message


@dataclass(frozen=True)
class AnswerLabels:
    reviewed: str  # already formatted with the date, e.g. "Reviewed: 20 November 2026"
    sources: str
    disclaimer: str  # "not legal advice": only under topics marked legal
    overdue: str | None = None  # "being re-checked": only when the review has expired


def compose_answer(
    topic: Topic,
    translation: Translation,
    labels: AnswerLabels,
    *,
    limit: int = TELEGRAM_LIMIT,
    topic_url: TopicUrl | None = None,
) -> list[str]:
    # Source titles follow the language of the answer shown (which may be a fallback).
    links = "\n".join(
        f'• <a href="{escape(s.url, quote=True)}">'
        f"{escape(s.title_in(translation.language), quote=False)}</a>"
        for s in topic.sources
    )
    footer = [f"<i>{escape(labels.reviewed, quote=False)}</i>"]
    if labels.overdue:
        footer.append(escape(labels.overdue, quote=False))
    if links:
        footer.append(f"{escape(labels.sources, quote=False)}\n{links}")
    if topic.legal:
        footer.append(f"<i>{escape(labels.disclaimer, quote=False)}</i>")
    html = "\n\n".join(
        [
            f"<b>{escape(translation.title, quote=False)}</b>",
            markdown_to_html(translation.body, topic_url),
            *footer,
        ]
    )
    return split_message(html, limit)
