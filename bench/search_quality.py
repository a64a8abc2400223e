"""How well typed questions find their FAQ topic, on the three sets in tests/data, with every miss.

    python bench/search_quality.py [--faq-dir faq] [--data-dir tests/data]
                                   [--part all|base|tune|holdout|fresh|fresh2] [--lang uk] [--quiet]

- in scope: top-1 and top-3, a sub-question of the expected topic counts as a hit;
- specific: top-1 must be exactly the expected sub-question;
- out of scope: the share of questions that get no topic at all.
`--part tune` / `--part holdout` split every set (every 4th question is held out) so the search
can be tuned on one part and judged on the other; `--part fresh` / `fresh2` are questions written
later (before the third / fourth round) and kept out of both (`base` = tune + holdout).
tests/test_search_quality.py holds the targets.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.faq.library import FaqLibrary  # noqa: E402
from bot.faq.quality import DATA_DIR, PARTS, SETS, evaluate, load_set  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq-dir", type=Path, default=REPO / "faq")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--part", choices=PARTS, default="all")
    parser.add_argument("--lang", help="only this language")
    parser.add_argument("--quiet", action="store_true", help="figures only, no misses")
    args = parser.parse_args(argv)

    library = FaqLibrary(args.faq_dir)
    for problem in library.reload().errors:
        print(f"content error: {problem.format()}", file=sys.stderr)

    for name in SETS:
        items = load_set(name, args.data_dir, part=args.part)
        if args.lang:
            items = [item for item in items if item["lang"] == args.lang]
        result = evaluate(name, items, library.index.search, library.content)
        second = "top-3" if name == "in-scope" else ""
        first = {"in-scope": "top-1", "specific": "exact", "out-of-scope": "none"}[name]
        print(f"== {name} ({args.part})")
        print(f"{'language':<9} {'asked':>5} {first:>7} {second:>7}")
        rows = [*result.per_language.items(), ("all", result.total())]
        for language, tally in rows:
            if not tally.asked:
                continue
            three = f"{tally.top3 / tally.asked:>7.3f}" if second else ""
            print(f"{language:<9} {tally.asked:>5} {tally.first / tally.asked:>7.3f} {three}")
        misses = result.total().misses
        if misses and not args.quiet:
            print("misses:")
            print("\n".join(f"  {miss}" for miss in misses))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
