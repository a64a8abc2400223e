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
    disclaimer: str


def compose_answer(
    topic: Topic,
    translation: Translation,
    labels: AnswerLabels,
    *,
    limit: int = TELEGRAM_LIMIT,
    topic_url: TopicUrl | None = None,
) -> list[str]:
    links = "\n".join(
        f'• <a href="{escape(s.url, quote=True)}">{escape(s.title, quote=False)}</a>'
        for s in topic.sources
    )
    footer = [f"<i>{escape(labels.reviewed, quote=False)}</i>"]
    if links:
        footer.append(f"{escape(labels.sources, quote=False)}\n{links}")
    footer.append(f"<i>{escape(labels.disclaimer, quote=False)}</i>")
    html = "\n\n".join(
        [
            f"<b>{escape(translation.title, quote=False)}</b>",
            markdown_to_html(translation.body, topic_url),
            *footer,
        ]
    )
    return split_message(html, limit)
