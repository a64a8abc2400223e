"""How well typed questions find their FAQ topic: top-1 and top-3 per language, and every miss.

    python bench/search_quality.py [--faq-dir faq] [--questions tests/data/search_questions.yaml]
                                   [--lang uk] [--all]

A hit is the expected topic or one of its sub-questions. Misses are questions whose first result is
not a hit; "(not in top 3)" marks the worse ones. Use it after editing keywords or the search:
tests/test_search_quality.py holds the overall targets (top-1 ≥ 0.80, top-3 ≥ 0.95).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from bot.faq.library import FaqLibrary  # noqa: E402

LANGUAGES = ("uk", "sr", "sr-Latn", "sl", "en")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq-dir", type=Path, default=REPO / "faq")
    parser.add_argument(
        "--questions", type=Path, default=REPO / "tests" / "data" / "search_questions.yaml"
    )
    parser.add_argument("--lang", help="only this language")
    parser.add_argument("--all", action="store_true", help="also list the questions that hit")
    args = parser.parse_args(argv)

    library = FaqLibrary(args.faq_dir)
    result = library.reload()
    for problem in result.errors:
        print(f"content error: {problem.format()}", file=sys.stderr)
    content = library.content
    questions = yaml.safe_load(args.questions.read_text(encoding="utf-8")) or []

    def is_hit(found: str, expected: str) -> bool:
        return found == expected or expected in content.ancestors(found)

    totals = {lang: [0, 0, 0] for lang in LANGUAGES}  # asked, top-1, top-3
    lines: list[tuple[str, str]] = []
    for item in questions:
        language = item["lang"]
        if args.lang and language != args.lang:
            continue
        hits = library.index.search(item["q"])
        found = [h.topic_id for h in hits]
        first = bool(found) and is_hit(found[0], item["topic"])
        top3 = any(is_hit(t, item["topic"]) for t in found[:3])
        row = totals.setdefault(language, [0, 0, 0])
        row[0] += 1
        row[1] += first
        row[2] += top3
        if not first or args.all:
            got = ", ".join(f"{h.topic_id} {h.score:.1f}" for h in hits) or "nothing"
            mark = "ok" if first else ("not first" if top3 else "not in top 3")
            lines.append(
                (
                    language,
                    f"  {item['q'][:100]!r}\n      expected {item['topic']}, got {got} ({mark})",
                )
            )

    print(f"{'language':<9} {'asked':>5} {'top-1':>7} {'top-3':>7}")
    asked = top1 = top3 = 0
    for language, (n, one, three) in totals.items():
        if not n:
            continue
        asked, top1, top3 = asked + n, top1 + one, top3 + three
        print(f"{language:<9} {n:>5} {one / n:>7.3f} {three / n:>7.3f}")
    if asked:
        print(f"{'all':<9} {asked:>5} {top1 / asked:>7.3f} {top3 / asked:>7.3f}")
    if lines:
        print("\nmisses:" if not args.all else "\nquestions:")
        for language in totals:
            own = [text for lang, text in lines if lang == language]
            if own:
                print(f"[{language}]")
                print("\n".join(own))
    return 0


if __name__ == "__main__":
    sys.exit(main())
