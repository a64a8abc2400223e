"""The YAML staff edit is read through libyaml where PyYAML has it (`bot.staff_yaml.safe_load`):
the same data as PyYAML's own parser for every shipped file, and a refused text still explained
in PyYAML's words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.faq.loader import split_front_matter
from bot.staff_yaml import safe_load

REPO = Path(__file__).resolve().parent.parent


def _yaml_texts() -> list[tuple[str, str]]:
    """Every YAML text of the shipped content: the .yaml files and each answer's front matter."""
    texts = []
    for path in sorted((REPO / "faq").rglob("*")):
        if path.suffix == ".yaml":
            texts.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8")))
        elif path.suffix == ".md":
            split = split_front_matter(path.read_text(encoding="utf-8"))
            if split is not None:
                texts.append((str(path.relative_to(REPO)), split[0]))
    return texts


def test_libyaml_is_what_reads_the_content_here() -> None:
    assert getattr(yaml, "CSafeLoader", None) is not None, "PyYAML without libyaml: slower"


def test_every_shipped_file_reads_the_same_as_through_pyyamls_own_parser() -> None:
    texts = _yaml_texts()
    assert len(texts) > 200
    for name, text in texts:
        assert safe_load(text) == yaml.safe_load(text), name


@pytest.mark.parametrize(
    "text",
    ["title: a: b\n", "title: 'open\nnext: 1\n", "a:\n\t- b\n", "- a\n b: c\n"],
)
def test_a_refused_text_raises_pyyamls_own_error(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError) as raised:
        safe_load(text)
    assert str(raised.value) == str(expected.value)


def test_only_the_safe_constructor() -> None:
    with pytest.raises(yaml.YAMLError):
        safe_load("!!python/object/apply:os.system ['true']\n")
