"""Text from people, cleaned once where it enters the system. No Telegram imports.

PostgreSQL cannot store U+0000 in a text column ("invalid byte sequence for encoding UTF8"), so
one NUL in a first name would fail every later update of that person; other control characters
are invisible in messages and logs and make names look the same that are not. NFC makes the
same letters typed on different keyboards the same string (search, comparisons).
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, C1 controls, and lone surrogates (JSON can carry
# "\ud800"; no database driver can encode it).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str | None) -> str:
    """NFC, without control characters or lone surrogates (tab and newline stay; a CR becomes
    a newline)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


_HTML_PIECE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|&[#a-zA-Z0-9]+;|[^<&]+|[<&]")


def cut_html(html: str, limit: int) -> str:
    """Telegram HTML cut to at most `limit` characters without cutting a tag or an entity in
    half, and with the tags left open closed again (a cut inside "&amp;" or after "<b>" is a
    message Telegram refuses)."""
    if len(html) <= limit:
        return html
    kept: list[str] = []
    open_tags: list[str] = []
    used = 0
    for piece in _HTML_PIECE.finditer(html):
        text, closing, name = piece.group(0), piece.group(1), (piece.group(2) or "").lower()
        opens = [*open_tags, name] if name and not closing else open_tags
        closers = sum(len(t) + 3 for t in opens)  # the "</…>" the text kept would still need
        room = limit - used - closers
        if len(text) > room:
            if not name and text[0] not in "<&":  # plain text: keep what fits
                kept.append(text[: max(room, 0)])
            break
        kept.append(text)
        used += len(text)
        if name and closing and open_tags and open_tags[-1] == name:
            open_tags.pop()
        elif name and not closing:
            open_tags.append(name)
    return "".join(kept) + "".join(f"</{t}>" for t in reversed(open_tags))
