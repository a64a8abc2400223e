"""Reading a YAML file that staff edit (services, indicators): one clear line for text that is
not UTF-8, a YAML syntax error with its line, or a file without the list it must hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Report = Callable[[int, str], None]  # (line, message)


def read_list(path: Path, key: str, add: Report) -> tuple[str, list[Any]] | None:
    """The file's text and its `key:` list, or None after reporting why not."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        add(1, "not UTF-8 text: save the file with UTF-8 encoding")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        add(mark.line + 1 if mark else 1, f"YAML syntax error: {getattr(exc, 'problem', '')}")
        return None
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        article = "an" if key[:1] in "aeiou" else "a"
        add(1, f"expected {article} '{key}:' list")
        return None
    return text, items
