"""Reading a YAML file that staff edit (services, indicators): one clear line for text that is
not UTF-8, a YAML syntax error with its line, or a file without the list it must hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Report = Callable[[int, str], None]  # (line, message)
_LIBYAML = getattr(yaml, "CSafeLoader", None)  # PyYAML built with libyaml (its wheels are)


def safe_load(text: str) -> Any:
    """`yaml.safe_load`, through libyaml where PyYAML has it: the same safe constructor, ~5×
    faster to parse (the FAQ's files are read at every start and content reload). A text it
    refuses is read again by PyYAML's own parser, whose error messages the explanations for
    staff are written against."""
    if _LIBYAML is not None:
        try:
            return yaml.load(text, Loader=_LIBYAML)  # the safe loader, in C
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def read_list(path: Path, key: str, add: Report) -> tuple[str, list[Any]] | None:
    """The file's text and its `key:` list, or None after reporting why not."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        data = safe_load(text)
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
