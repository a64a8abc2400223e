"""Markdown → the HTML subset Telegram accepts, and splitting long text into messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from html import escape, unescape

from markdown_it import MarkdownIt
from markdown_it.token import Token

TELEGRAM_LIMIT = 4096
SAFE_LINK_SCHEMES = ("https://", "http://", "tg://", "mailto:")
TOPIC_LINK = "topic:"  # [text](topic:job-change) in content links to another topic

# Raw HTML in content is not interpreted: it is shown as text, escaped.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")

_INLINE_TAGS = {
    "strong_open": "<b>",
    "strong_close": "</b>",
    "em_open": "<i>",
    "em_close": "</i>",
    "s_open": "<s>",
    "s_close": "</s>",
}


TopicUrl = Callable[[str], str]  # topic id -> a link that opens it (a deep link into the bot)


def _inline(children: Sequence[Token], topic_url: TopicUrl | None = None) -> str:
    out: list[str] = []
    link_open = False
    for token in children:
        if token.type == "text":
            out.append(escape(token.content, quote=False))
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif token.type == "code_inline":
            out.append(f"<code>{escape(token.content, quote=False)}</code>")
        elif token.type in _INLINE_TAGS:
            out.append(_INLINE_TAGS[token.type])
        elif token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if href.startswith(TOPIC_LINK) and topic_url is not None:
                href = topic_url(href.removeprefix(TOPIC_LINK))
            link_open = href.startswith(SAFE_LINK_SCHEMES)
            if link_open:
                out.append(f'<a href="{escape(href, quote=True)}">')
        elif token.type == "link_close":
            if link_open:
                out.append("</a>")
            link_open = False
        elif token.type == "image":
            out.append(escape(token.content, quote=False))
        else:
            out.append(escape(token.content, quote=False))
    return "".join(out)


def markdown_to_html(markdown: str, topic_url: TopicUrl | None = None) -> str:
    """Paragraphs are separated by a blank line, which `split_message` relies on.

    Answers are shown far more often than they change: the result is remembered per body text
    and link maker (a reload brings new texts, so an edit is never served stale). Pass a
    `topic_url` that compares by value (e.g. `deeplink.TopicLinks`) for the cache to hit."""
    return _markdown_to_html_cached(markdown, topic_url)


@lru_cache(maxsize=1024)  # ~50 topics × 4 languages, a few kB each, with room for a reload
def _markdown_to_html_cached(markdown: str, topic_url: TopicUrl | None) -> str:
    out: list[str] = []
    lists: list[list[int]] = []  # per open list: [ordered (0/1), next number]
    for token in _markdown.parse(markdown):
        kind = token.type
        if kind == "inline":
            out.append(_inline(token.children or [], topic_url))
        elif kind == "paragraph_close":
            out.append("\n" if lists else "\n\n")
        elif kind == "heading_open":
            out.append("<b>")
        elif kind == "heading_close":
            out.append("</b>\n\n")
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1) or 1)
            lists.append([1 if kind == "ordered_list_open" else 0, start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                out.append("\n")
        elif kind == "list_item_open":
            ordered, number = lists[-1]
            indent = "   " * (len(lists) - 1)
            out.append(f"{indent}{number}. " if ordered else f"{indent}• ")
            lists[-1][1] += 1
        elif kind in ("fence", "code_block"):
            out.append(f"<pre>{escape(token.content.rstrip(), quote=False)}</pre>\n\n")
        elif kind == "blockquote_open":
            out.append("<blockquote>")
        elif kind == "blockquote_close":
            out[-1] = out[-1].rstrip("\n")
            out.append("</blockquote>\n\n")
        elif kind == "html_block":
            out.append(escape(token.content, quote=False) + "\n")
    return "".join(out).strip()


def _hard_split(block: str, limit: int) -> list[str]:
    """A single paragraph over the limit: split at line ends, then as plain text."""
    pieces: list[str] = []
    current = ""
    for line in block.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if len(line) <= limit:
            current = line
            continue
        # Tags cannot be cut safely, so a giant line is sent as escaped plain text.
        pieces.extend(_plain_pieces(unescape(re.sub(r"<[^>]+>", "", line)), limit))
        current = ""
    if current:
        pieces.append(current)
    return pieces


def _plain_pieces(plain: str, limit: int) -> list[str]:
    """Plain text as escaped pieces of at most `limit` characters each, cut after a space when
    there is one in the second half of the piece (escaping can make a character 5 long)."""
    pieces: list[str] = []
    start = 0
    while start < len(plain):
        end, size = start, 0
        while end < len(plain) and size + len(escape(plain[end], quote=False)) <= limit:
            size += len(escape(plain[end], quote=False))
            end += 1
        end = max(end, start + 1)  # a limit under 5 still makes progress
        if end < len(plain):
            space = plain.rfind(" ", start, end)
            if space > start + (end - start) // 2:
                end = space + 1
        piece = escape(plain[start:end], quote=False)
        if piece.strip():
            pieces.append(piece)
        start = end
    return pieces


def _blocks(html: str) -> list[str]:
    """Paragraphs, keeping a <pre> or <blockquote> that contains blank lines in one piece."""
    blocks: list[str] = []
    for piece in html.split("\n\n"):
        if blocks and any(
            blocks[-1].count(f"<{tag}>") > blocks[-1].count(f"</{tag}>")
            for tag in ("pre", "blockquote")
        ):
            blocks[-1] += "\n\n" + piece
        else:
            blocks.append(piece)
    return blocks


def split_message(html: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at paragraph boundaries so that every part fits in one Telegram message."""
    parts: list[str] = []
    current = ""
    for block in _blocks(html):
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        if len(block) <= limit:
            current = block
        else:
            parts.extend(_hard_split(block, limit))
            current = ""
    if current:
        parts.append(current)
    return parts or [""]
