"""`/start` payloads: `faq-<topic>` or `faq-<topic>--<source tag>` (Telegram allows A-Z a-z 0-9 _ -,
at most 64 characters)."""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = "faq-"
SOURCE_SEPARATOR = "--"
MAX_PAYLOAD = 64
_SOURCE_TAG = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


@dataclass(frozen=True)
class StartPayload:
    topic_id: str | None
    source: str | None


def parse_start_payload(payload: str | None) -> StartPayload:
    if not payload or len(payload) > MAX_PAYLOAD:
        return StartPayload(None, None)
    rest = payload
    if rest.startswith(PREFIX):
        rest = rest[len(PREFIX) :]
        topic, _, source = rest.partition(SOURCE_SEPARATOR)
        return StartPayload(topic or None, source if _SOURCE_TAG.match(source or "") else None)
    if rest.startswith("src" + SOURCE_SEPARATOR):
        source = rest[len("src" + SOURCE_SEPARATOR) :]
        return StartPayload(None, source if _SOURCE_TAG.match(source) else None)
    return StartPayload(None, None)


def make_start_payload(topic_id: str | None, source: str | None = None) -> str:
    head = f"{PREFIX}{topic_id}" if topic_id else "src"
    payload = f"{head}{SOURCE_SEPARATOR}{source}" if source else head
    if len(payload) > MAX_PAYLOAD or (source is not None and not _SOURCE_TAG.match(source)):
        raise ValueError("the deep link payload must be at most 64 characters of A-Z a-z 0-9 _ -")
    return payload


@dataclass(frozen=True)
class TopicLinks:
    """A link in content to another topic, as a deep link into the bot. Compares by value, so
    rendered answers can be cached per bot (`render.markdown_to_html`)."""

    username: str

    def __call__(self, topic_id: str) -> str:
        return f"https://t.me/{self.username}?start={make_start_payload(topic_id)}"
