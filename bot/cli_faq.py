"""`arrival-desk faq …`: check, search, status and posters, for staff who are not programmers."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.faq.checker import check, served_languages
from bot.faq.library import FaqLibrary
from bot.faq.status import content_status, overdue_lines, overdue_topics
from bot.i18n import Translator


class CommandError(Exception):
    """A problem the person can fix; printed as one line, exit code 1."""


def _dirs(settings: Settings, args: argparse.Namespace) -> tuple[Path, Path]:
    return (args.faq_dir or settings.faq_dir, args.locales_dir or settings.locales_dir)


def cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    faq_dir, locales_dir = _dirs(settings, args)
    services_file = args.services_file or settings.services_file
    try:
        report, _ = check(
            faq_dir,
            locales_dir,
            today=dt.date.today(),
            services_file=services_file,
            default_language=settings.default_language,
            review_months=settings.review_months,
            compare_figures=True,
            indicators_file=args.indicators_file or settings.indicators_file,
        )
    except Exception as exc:  # whatever the damage, one line and exit 1, never a traceback
        raise CommandError(
            f"the content could not be checked ({type(exc).__name__}: {exc})"
        ) from None
    if args.json:
        print(
            json.dumps(
                {
                    "errors": [p.__dict__ for p in report.errors],
                    "warnings": [p.__dict__ for p in report.warnings],
                    "summary": {"errors": len(report.errors), "warnings": len(report.warnings)},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for line in report.lines():
            print(line)
        print(("FAILED: " if report.errors else "OK: ") + report.summary())
    return 1 if report.errors else 0


def cmd_search(settings: Settings, args: argparse.Namespace) -> int:
    faq_dir, _ = _dirs(settings, args)
    library = FaqLibrary(faq_dir, default_language=settings.default_language)
    library.reload()
    result = library.index.find(" ".join(args.query))
    hits = result.hits
    if args.json:
        level = result.level.value
        print(json.dumps([{"topic": h.topic_id, "score": h.score, "level": level} for h in hits]))
        return 0
    if not hits:
        print("no matching topic")
    else:
        print(f"confidence: {result.level.value} (coverage {result.coverage:.2f})")
    for hit in hits:
        topic = library.content.topics[hit.topic_id]
        title = library.content.translation(topic, args.lang).title
        print(f"{hit.score:8.2f}  {hit.topic_id}  ({title})")
    return 0


def cmd_gaps(settings: Settings, args: argparse.Namespace) -> int:
    from bot.search_gaps import gap_groups
    from storage.db import Database

    async def load() -> list[Any]:
        db = Database(settings.effective_database_url)
        try:
            await db.upgrade()
            return await gap_groups(db, now=dt.datetime.now(dt.UTC), days=args.days)
        finally:
            await db.dispose()

    groups = asyncio.run(load())
    if args.json:
        rows = [
            {
                "words": list(g.words),
                "language": g.language,
                "count": g.count,
                "examples": g.examples,
            }
            for g in groups
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not groups:
        print(f"no unanswered questions in the last {args.days} days")
    for group in groups:
        print(f"{group.count} × {' '.join(group.words)} ({group.language})")
        for example in group.examples:
            print(f"    {example}")
    return 0


def cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    faq_dir, locales_dir = _dirs(settings, args)
    library = FaqLibrary(faq_dir, default_language=settings.default_language)
    library.reload()
    languages = served_languages(locales_dir)
    rows = content_status(library.content, languages)
    width = max([len(r.topic_id) for r in rows] + [5])
    print(f"{'topic':<{width}}  {'reviewed':<10}  " + "  ".join(f"{lang:<7}" for lang in languages))
    for row in rows:
        states = "  ".join(f"{row.languages.get(lang, '-'):<7}" for lang in languages)
        print(f"{row.topic_id:<{width}}  {row.reviewed:<10}  {states}")
    complete = sum(r.complete for r in rows)
    print(f"{complete} of {len(rows)} topics complete in {', '.join(languages)}")
    overdue = overdue_topics(
        library.content, today=dt.date.today(), default_months=settings.review_months
    )
    if overdue:
        print(
            f"{len(overdue)} overdue for review (reviewed → due; default {settings.review_months} "
            "months, or the topic's review_months):"
        )
        for line in overdue_lines(overdue):
            print(f"  {line}")
    return 0


def cmd_poster(settings: Settings, args: argparse.Namespace) -> int:
    # Here, not at the top: every `arrival-desk run` imports this module, and the bot itself
    # never draws a poster (QR code and imaging libraries, ~4 MB kept for good).
    from bot.faq.poster import deep_link, render_poster

    faq_dir, locales_dir = _dirs(settings, args)
    username = args.bot or settings.bot_username
    if not username:
        raise CommandError(
            "the bot's username is needed for the link: set BOT_USERNAME or pass --bot"
        )
    library = FaqLibrary(faq_dir, default_language=settings.default_language)
    library.reload()
    topic = library.content.get(args.topic)
    if topic is None:
        raise CommandError(f"unknown topic '{args.topic}' (see `arrival-desk faq status`)")
    try:
        link = deep_link(username, topic.id, args.source)
    except ValueError as exc:
        raise CommandError(f"--source: {exc}") from None
    languages = served_languages(locales_dir)
    translator = Translator.from_dir(locales_dir, default_locale=settings.default_language)
    titles = list(
        dict.fromkeys(library.content.translation(topic, lang).title for lang in languages)
    )
    footer = list(dict.fromkeys(translator.t(lang, "poster-scan") for lang in languages))
    out = Path(args.out or f"poster-{topic.id}-{args.source}.png")
    image = render_poster(titles, link, footer)
    try:
        if out.suffix.lower() == ".pdf":
            image.save(out, "PDF", resolution=150.0)
        else:
            image.save(out, "PNG")
    except (OSError, ValueError) as exc:
        raise CommandError(f"cannot write {out}: {exc}") from None
    print(f"wrote {out} ({link})")
    return 0


def add_faq_commands(commands: Any) -> None:
    faq = commands.add_parser("faq", help="FAQ content: check, search, status, posters")
    sub = faq.add_subparsers(dest="faq_command", required=True, metavar="ACTION")

    def with_dirs(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("--faq-dir", type=Path, help="FAQ folder (default: FAQ_DIR or faq/)")
        parser.add_argument(
            "--locales-dir", type=Path, help="locales folder (default: LOCALES_DIR or locales/)"
        )
        return parser

    check_parser = with_dirs(
        sub.add_parser(
            "check", help="check FAQ and locale files; one line per problem, exit 1 on errors"
        )
    )
    check_parser.add_argument("--json", action="store_true", help="machine-readable output")
    check_parser.add_argument(
        "--services-file", type=Path, help="bookable services (default: SERVICES_FILE)"
    )
    check_parser.add_argument(
        "--indicators-file", type=Path, help="report indicators (default: INDICATORS_FILE)"
    )
    check_parser.set_defaults(handler=cmd_check)

    search = with_dirs(sub.add_parser("search", help="rank topics for a typed question"))
    search.add_argument("--lang", default="en", help="language for the titles shown (default en)")
    search.add_argument(
        "--json",
        action="store_true",
        help='print only [{"topic": ID, "score": N, "level": "answer" or "maybe"}, …], '
        "best first; [] when no topic answers it",
    )
    search.add_argument("query", nargs="+", help="the question, as a migrant would type it")
    search.set_defaults(handler=cmd_search)

    gaps = sub.add_parser(
        "gaps",
        help="typed questions without an answer (last 30 days, masked), grouped by main words",
    )
    gaps.add_argument(
        "--days", type=int, default=30, help="how far back (default 30, the most kept)"
    )
    gaps.add_argument(
        "--json", action="store_true", help='[{"words", "language", "count", "examples"}, …]'
    )
    gaps.set_defaults(handler=cmd_gaps)

    status = with_dirs(
        sub.add_parser(
            "status", help="per topic and language: present, missing or stale; reviewed date"
        )
    )
    status.set_defaults(handler=cmd_status)

    poster = with_dirs(
        sub.add_parser(
            "poster", help="a printable PNG or PDF with a QR code of the topic's deep link"
        )
    )
    poster.add_argument("topic", help="topic id, e.g. residence-permit")
    poster.add_argument(
        "--source",
        required=True,
        help="where the poster hangs, e.g. factory-a (letters, digits, - and _)",
    )
    poster.add_argument("--out", help="output file, .png or .pdf (default poster-TOPIC-SOURCE.png)")
    poster.add_argument("--bot", help="the bot's username (default: BOT_USERNAME)")
    poster.set_defaults(handler=cmd_poster)
