"""How well the search does on the three question sets in tests/data (shared by the bench and the
tests, so both count the same way).

- in scope (`search_questions.yaml`): the expected topic, or one of its sub-questions, first (top-1)
  or among the three offered (top-3);
- specific (`search_questions_specific.yaml`): exactly the expected sub-question first;
- out of scope (`search_questions_out_of_scope.yaml`): no topic offered at all ("maybe" buttons
  count as a topic offered).

Every set can be split in two for honest tuning: the "tune" part (3 of every 4 questions) is looked
at while adjusting the search, the "holdout" part (every 4th question) only to report. Questions
marked `part: fresh` (or `fresh2`) were written later, before a round of tuning, and are in
neither: they are the "fresh" ("fresh2") part, judged only after it ("base" is tune and holdout
together, the sets before them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.faq.model import FaqContent

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "tests" / "data"
SETS = {
    "in-scope": "search_questions.yaml",
    "specific": "search_questions_specific.yaml",
    "out-of-scope": "search_questions_out_of_scope.yaml",
}
LANGUAGES = ("uk", "ru", "sr", "sr-Latn", "sl", "en")
HOLDOUT_EVERY = 4
PARTS = ("all", "base", "tune", "holdout", "fresh", "fresh2")
FRESH = ("fresh", "fresh2")  # written after a round of tuning, in the order of the rounds


def load_set(name: str, data_dir: Path = DATA_DIR, *, part: str = "all") -> list[dict[str, Any]]:
    items = yaml.safe_load((data_dir / SETS[name]).read_text(encoding="utf-8")) or []
    if part == "all":
        return list(items)
    if part in FRESH:
        return [q for q in items if q.get("part") == part]
    base = [q for q in items if q.get("part") not in FRESH]  # so the tune/holdout split stays put
    if part == "base":
        return base
    holdout = part == "holdout"
    return [q for i, q in enumerate(base) if (i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1) == holdout]


@dataclass
class Tally:
    asked: int = 0
    first: int = 0  # in scope: top-1; specific: exact top-1; out of scope: no topic
    top3: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass
class SetResult:
    name: str
    per_language: dict[str, Tally]

    def total(self) -> Tally:
        total = Tally()
        for tally in self.per_language.values():
            total.asked += tally.asked
            total.first += tally.first
            total.top3 += tally.top3
            total.misses += tally.misses
        return total

    def rate(self, attribute: str = "first") -> float:
        total = self.total()
        return getattr(total, attribute) / total.asked if total.asked else 0.0


Search = Callable[[str], list[Any]]  # question → hits (topic_id, score), best first; [] for none


def evaluate(
    name: str, items: list[dict[str, Any]], search: Search, content: FaqContent
) -> SetResult:
    def under(found: str, expected: str) -> bool:
        return found == expected or expected in content.ancestors(found)

    result = SetResult(name, {})
    for item in items:
        hits = search(str(item["q"]))
        found = [hit.topic_id for hit in hits]
        tally = result.per_language.setdefault(item["lang"], Tally())
        tally.asked += 1
        if name == "out-of-scope":
            good = near = not found
            expected = "no topic"
        elif name == "specific":
            good = bool(found) and found[0] == item["topic"]
            near = item["topic"] in found[:3]
            expected = item["topic"]
        else:
            good = bool(found) and under(found[0], item["topic"])
            near = any(under(topic, item["topic"]) for topic in found[:3])
            expected = item["topic"]
        tally.first += good
        tally.top3 += near
        if not good:
            got = ", ".join(f"{h.topic_id} {h.score:.1f}" for h in hits) or "nothing"
            mark = "" if name == "out-of-scope" else (" (not first)" if near else " (not in top 3)")
            tally.misses.append(
                f"[{item['lang']}] {item['q'][:90]!r}: want {expected}, got {got}{mark}"
            )
    return result
