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
