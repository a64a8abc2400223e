"""`arrival-desk faq check` on copies of the real content, damaged the ways staff damage files.

Each test breaks one thing and asserts the exact lines it adds (`file:line: language: message`),
the summary and the exit code. The copy is compared with the undamaged copy, so a problem already
in the repository's content shows up once, in test_undamaged_copy_passes, and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from bot.faq.checker import check, served_languages
from bot.faq.model import add_months
from bot.faq.render import markdown_to_html
from tests.content_copy import REPO, ContentCopy, copy_content, line_number

LEAF = "cv-translation"  # a sub-question without sub-questions: damage to it stays local
MISSING_FRONT_MATTER = (
    "the file must start with a '---' line, then title/keywords/updated, then '---'"
)
UNCLOSED_FRONT_MATTER = "the header is not closed: add a '---' line after title/keywords/updated"
# What the bot really does (DEFAULT_LANGUAGE is en in the tests): the English answer and title.
TRANSLATION_MISSING = (
    "translation missing: Slovenian readers see the English answer (en.md) instead, "
    "with its English title on the menu button"
)


@dataclass(frozen=True)
class Baseline:
    lines: list[str]
    errors: int
    warnings: int


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[ContentCopy, Baseline]:
    """One snapshot per module: content being edited right now cannot change under a test."""
    copy = copy_content(tmp_path_factory.mktemp("pristine"))
    report, content = check(
        copy.faq, copy.locales, today=dt.date.today(), services_file=copy.services
    )
    leaf = content.topics[LEAF]
    assert not content.children(LEAF) and set(leaf.translations) >= {"en", "sl", "sr", "uk"}
    assert served_languages(copy.locales) == ["en", "sl", "sr", "uk"]
    return copy, Baseline(report.lines(), len(report.errors), len(report.warnings))


@pytest.fixture
def content(tmp_path: Path, pristine: tuple[ContentCopy, Baseline]) -> ContentCopy:
    return copy_content(tmp_path / "content", source=pristine[0].root)


@pytest.fixture
def baseline(pristine: tuple[ContentCopy, Baseline]) -> Baseline:
    return pristine[1]


def run_check(content: ContentCopy, *extra: str) -> int:
    return main(
        [
            "faq",
            "check",
            "--faq-dir",
            str(content.faq),
            "--locales-dir",
            str(content.locales),
            "--services-file",
            str(content.services),
            *extra,
        ]
    )


def assert_check(
    capsys: pytest.CaptureFixture[str],
    content: ContentCopy,
    baseline: Baseline,
    *,
    errors: Sequence[str] = (),
    warnings: Sequence[str] = (),
) -> None:
    """Exactly these lines are new (errors first, each group sorted by file and line), the last
    line is the summary, and the exit code is 1 when there is any error."""
    code = run_check(content)
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert "Traceback" not in out.err
    new = [line for line in lines[:-1] if line not in baseline.lines]
    assert new == [*errors, *warnings], "\n".join(lines)
    total_errors = baseline.errors + len(errors)
    total_warnings = baseline.warnings + len(warnings)
    verdict = "FAILED" if total_errors else "OK"
    assert lines[-1] == f"{verdict}: {total_errors} error(s), {total_warnings} warning(s)"
    assert code == (1 if total_errors else 0)


def shown(content: ContentCopy, path: Path) -> str:
    return str(path.relative_to(content.root))


def test_undamaged_copy_passes(pristine: tuple[ContentCopy, Baseline]):
    """The repository's FAQ (with any untranslated interface text filled in from English)."""
    assert pristine[1].lines == [], "\n".join(pristine[1].lines)


# -- topic.yaml ---------------------------------------------------------------------------------
def test_yaml_syntax_error_in_topic_yaml_names_the_line(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    line = line_number(path, "reviewed:")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("reviewed: 2026-11-20", "reviewed: 2026-11-20 checked by: Ana"), "utf-8"
    )
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{shown(content, path)}:{line}: -: the value of 'reviewed' contains ': ': put the "
            'whole value in quotes (reviewed: "…")'
        ],
    )


def test_a_missing_colon_in_topic_yaml_names_its_line_and_key(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    line = line_number(path, "order:")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("order: ", "order ", 1), "utf-8")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{shown(content, path)}:{line}: -: a ':' is missing after 'order' (write 'order: …')"
        ],
    )


def test_a_tab_indent_in_topic_yaml_is_named(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    line = line_number(path, "    url:")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    url:", "\turl:", 1), "utf-8")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{shown(content, path)}:{line}: -: a tab is used to indent this line: indent with "
            "spaces"
        ],
    )


def test_legal_must_be_true_or_false(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nlegal: false" in text  # a CV topic is not legal orientation
    path.write_text(re.sub(r"(?m)^legal:.*$", "legal: maybe", text), "utf-8")
    line = line_number(path, "legal:")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{shown(content, path)}:{line}: -: 'legal' must be true (legal orientation: the "
            'answer ends with "not legal advice") or false (a CV tip, an address)'
        ],
    )


def test_review_months_must_be_a_whole_number(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed:", "review_months: half a year\nreviewed:", 1), "utf-8")
    line = line_number(path, "review_months:")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{shown(content, path)}:{line}: -: 'review_months' must be a whole number of months, "
            "e.g. 6 (or leave it out for the default)"
        ],
    )


def test_source_titles_per_language_are_checked(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    text = path.read_text(encoding="utf-8")
    url = next(ln.split("url:", 1)[1].strip() for ln in text.splitlines() if "url:" in ln)
    path.write_text(
        text.replace(
            f"url: {url}", f"url: {url}\n    title_uk: Переклад\n    title_de: Übersetzung", 1
        ),
        "utf-8",
    )
    line = line_number(path, f"    url: {url}")
    assert_check(
        capsys,
        content,
        baseline,
        warnings=[
            f"{shown(content, path)}:{line}: de: a source title for 'de', which is not a served "
            "language (expected one of: en, sl, sr, uk)"
        ],
    )


def test_unknown_parent(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("parent: cv", "parent: cv-translations"), "utf-8"
    )
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{shown(content, path)}:2: -: parent 'cv-translations' is not a known topic"],
    )


def test_duplicate_ids_in_two_folders(capsys, content, baseline):
    shutil.copytree(content.topic(LEAF), content.faq / f"{LEAF}-2")
    copy = f"faq/{LEAF}-2/topic.yaml"
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{copy}:1: -: duplicate topic id '{LEAF}'",
            f"{copy}:1: -: id '{LEAF}' must equal the folder name '{LEAF}-2'",
        ],
    )


def rename_topic(content: ContentCopy, new_id: str) -> Path:
    """A copy of the leaf topic under a new folder and id (same parent, same answers)."""
    folder = content.faq / new_id
    shutil.copytree(content.topic(LEAF), folder)
    path = folder / "topic.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"id: {LEAF}", f"id: {new_id}"), "utf-8"
    )
    return path


def test_id_with_double_hyphen_is_refused(capsys, content, baseline):
    """'--' separates the topic from the source tag in deep links (faq-<topic>--<source>)."""
    path = rename_topic(content, "cv--translation")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{shown(content, path)}:1: -: a topic id must not contain '--' (it separates "
            "deep-link tags)"
        ],
    )


def test_id_over_40_characters_is_refused(capsys, content, baseline):
    long_id = "cv-translation-of-certificates-and-diploma"  # 42
    assert len(long_id) > 40
    path = rename_topic(content, long_id)
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{shown(content, path)}:1: -: id '{long_id}' must be lowercase letters, digits and "
            "hyphens, at most 40"
        ],
    )


def test_id_of_exactly_40_characters_fits_every_button_and_link(capsys, content, baseline):
    longest = "cv-translation-of-certificates-diplomas1"
    assert len(longest) == 40
    rename_topic(content, longest)
    assert_check(capsys, content, baseline)


def test_sources_missing(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("sources:")], "utf-8")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{shown(content, path)}:1: -: no official source linked (add 'sources')"],
    )


def test_reviewed_missing(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: 2026-11-20\n", ""), "utf-8")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{shown(content, path)}:1: -: 'reviewed' date is missing (YYYY-MM-DD)"],
    )


def test_topic_yaml_cut_down_to_a_comment_line_is_not_a_silent_pass(capsys, content, baseline):
    """Issue #8: a topic.yaml left with only its first (comment) line used to pass the check,
    and the topic silently lost its reviewed date and sources."""
    path = content.topic(LEAF) / "topic.yaml"
    path.write_text("# checked against the official sources by the centre\n", "utf-8")
    file = shown(content, path)
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"{file}:1: -: 'id' is missing",
            f"{file}:1: -: 'reviewed' date is missing (YYYY-MM-DD)",
            f"{file}:1: -: no official source linked (add 'sources')",
        ],
    )


def test_a_review_past_its_months_is_a_warning(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    text = path.read_text(encoding="utf-8")
    old = dt.date.today() - dt.timedelta(days=200)
    path.write_text(text.replace("reviewed: 2026-11-20", f"reviewed: {old.isoformat()}"), "utf-8")
    line = line_number(path, "reviewed:")
    due = add_months(old, 6)
    assert_check(
        capsys,
        content,
        baseline,
        warnings=[
            f"{shown(content, path)}:{line}: -: review overdue since {due.isoformat()} (reviewed "
            f"{old.isoformat()}, a review holds 6 months): the bot shows the answer with a note "
            "that it is being re-checked; check the sources and update 'reviewed'"
        ],
    )


def test_a_topics_own_review_months_wins(capsys, content, baseline):
    path = content.topic(LEAF) / "topic.yaml"
    text = path.read_text(encoding="utf-8")
    old = dt.date.today() - dt.timedelta(days=200)
    text = text.replace("reviewed: 2026-11-20", f"review_months: 12\nreviewed: {old.isoformat()}")
    path.write_text(text, "utf-8")
    assert_check(capsys, content, baseline)


# -- <lang>.md ------------------------------------------------------------------------------------
def broken_translation(content: ContentCopy, data: bytes, language: str = "sl") -> str:
    path = content.topic(LEAF) / f"{language}.md"
    path.write_bytes(data)
    return shown(content, path)


def test_front_matter_missing(capsys, content, baseline):
    path = content.topic(LEAF) / "sl.md"
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    name = broken_translation(content, body.encode())
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{name}:1: sl: {MISSING_FRONT_MATTER}"],
        warnings=[f"{name}:1: sl: {TRANSLATION_MISSING}"],
    )


def test_front_matter_never_closed(capsys, content, baseline):
    """A file cut off while saving: the header starts but never ends."""
    path = content.topic(LEAF) / "sl.md"
    head = "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:3])
    name = broken_translation(content, head.encode())
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{name}:1: sl: {UNCLOSED_FRONT_MATTER}"],
        warnings=[f"{name}:1: sl: {TRANSLATION_MISSING}"],
    )


def test_empty_front_matter_block_is_an_error(capsys, content, baseline):
    """'---', '---', then the answer: the header lines were deleted. The translation cannot be
    used, so this must be an error with the file name, not only a "missing" warning."""
    path = content.topic(LEAF) / "sl.md"
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    name = broken_translation(content, ("---\n---\n" + body).encode())
    code = run_check(content)
    lines = capsys.readouterr().out.splitlines()
    new_errors = [
        line
        for line in lines
        if line not in baseline.lines
        and line.startswith(f"{name}:")
        and TRANSLATION_MISSING not in line
    ]
    assert new_errors and code == 1, "\n".join(lines)


@pytest.mark.parametrize("data", [b"", b"\n  \n"], ids=["empty", "blank-lines"])
def test_empty_translation_file(capsys, content, baseline, data: bytes):
    name = broken_translation(content, data)
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{name}:1: sl: the file is empty"],
        warnings=[f"{name}:1: sl: {TRANSLATION_MISSING}"],
    )


def test_binary_garbage(capsys, content, baseline):
    name = broken_translation(content, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{name}:1: sl: this is not a text file (it contains binary data)"],
        warnings=[f"{name}:1: sl: {TRANSLATION_MISSING}"],
    )


def test_latin1_file_names_the_first_line_that_is_not_utf8(capsys, content, baseline):
    text = (
        "---\ntitle: Translating certificates\nupdated: 2026-11-20\n---\n"
        "A court interpreter certifies the translation.\n"
        "Ask at the café next to the court.\n"
    )
    name = broken_translation(content, text.encode("latin-1"))
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{name}:6: sl: not UTF-8 text: save the file with UTF-8 encoding"],
        warnings=[f"{name}:1: sl: {TRANSLATION_MISSING}"],
    )


def test_windows_1250_slovenian_file(capsys, content, baseline):
    path = content.topic(LEAF) / "sl.md"
    text = path.read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(text.splitlines(), 1) if not line.isascii())
    name = broken_translation(content, text.encode("cp1250"))
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{name}:{first}: sl: not UTF-8 text: save the file with UTF-8 encoding"],
        warnings=[f"{name}:1: sl: {TRANSLATION_MISSING}"],
    )


def test_missing_translation_is_only_a_warning(capsys, content, baseline):
    (content.topic(LEAF) / "sl.md").unlink()
    assert_check(
        capsys, content, baseline, warnings=[f"faq/{LEAF}/sl.md:1: sl: {TRANSLATION_MISSING}"]
    )


@pytest.mark.parametrize("language", ["ru", "ua"])
def test_translation_in_a_language_not_served_is_an_error(capsys, content, baseline, language):
    shutil.copy(content.topic(LEAF) / "uk.md", content.topic(LEAF) / f"{language}.md")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            f"faq/{LEAF}/{language}.md:1: {language}: '{language}' is not a served language "
            "(expected one of: en, sl, sr, uk); check the file name"
        ],
    )


def test_translations_older_than_the_source_are_stale(capsys, content, baseline):
    topic = content.topic(LEAF)
    changed = dt.date(2026, 11, 24)
    source = topic / "en.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "updated: 2026-11-20", f"updated: {changed.isoformat()}"
        ),
        "utf-8",
    )
    warnings = []
    for language in ("sl", "sr", "uk"):
        path = topic / f"{language}.md"
        line = line_number(path, "updated:")
        updated = path.read_text(encoding="utf-8").splitlines()[line - 1].split(":", 1)[1].strip()
        assert updated < changed.isoformat()
        warnings.append(
            f"faq/{LEAF}/{language}.md:{line}: {language}: stale: updated {updated}, but the en "
            f"text changed on {changed.isoformat()}"
        )
    assert_check(capsys, content, baseline, warnings=warnings)


def test_answer_too_long_for_one_message(capsys, content, baseline):
    path = content.topic(LEAF) / "sl.md"
    header = path.read_text(encoding="utf-8").split("---\n", 2)[1]
    paragraph = "Prevod mora overiti sodni tolmač, ki ga izberete na seznamu ministrstva. " * 6
    body = "\n\n".join([paragraph.strip()] * 12)
    assert len(body) >= 5000
    path.write_text(f"---\n{header}---\n{body}\n", "utf-8")
    length = len(markdown_to_html(body))
    assert length > 4096
    assert_check(
        capsys,
        content,
        baseline,
        warnings=[
            f"faq/{LEAF}/sl.md:1: sl: answer too long ({length} characters): it will be split "
            "into several messages; shorten it or make sub-questions"
        ],
    )


# -- locales --------------------------------------------------------------------------------------
def test_fluent_syntax_error_names_the_line(capsys, content, baseline):
    path = content.locales / "uk" / "common.ftl"
    line = line_number(path, "menu-title =")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace("menu-title =", "menu-title", 1)
    path.write_text("".join(lines), "utf-8")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[
            "locales/uk/common.ftl:1: uk: message 'menu-title' is missing",
            f'locales/uk/common.ftl:{line}: uk: Fluent syntax error: Expected token: "="',
        ],
    )


def test_message_missing_in_one_language(capsys, content, baseline):
    path = content.locales / "sl" / "common.ftl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith("menu-title =")), "utf-8")
    assert_check(
        capsys,
        content,
        baseline,
        errors=["locales/sl/common.ftl:1: sl: message 'menu-title' is missing"],
    )


# -- services file --------------------------------------------------------------------------------
def test_services_file_yaml_error(capsys, content, baseline):
    path = content.services
    line = line_number(path, "    staff: Integration coordinator")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    staff: Integration coordinator", "    staff: Integration coordinator: Ana", 1
        ),
        "utf-8",
    )
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{path}:{line}: -: YAML syntax error: mapping values are not allowed here"],
    )


def test_services_file_unknown_kind(capsys, content, baseline):
    path = content.services
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: one-to-one", "kind: one-on-one", 1), "utf-8")
    line = line_number(path, "  - id: consultation")
    assert_check(
        capsys,
        content,
        baseline,
        errors=[f"{path}:{line}: -: service 'consultation': kind must be 'one-to-one' or 'group'"],
    )


# -- output ---------------------------------------------------------------------------------------
def damage_in_several_places(content: ContentCopy) -> None:
    """Warnings in files that sort before the errors' files, and errors in three places."""
    (content.topic("business-plan") / "sl.md").unlink()  # warning, sorts first
    (content.topic(LEAF) / "ru.md").write_text("---\ntitle: x\n---\ny\n", "utf-8")  # error
    shutil.copy(content.topic(LEAF) / "uk.md", content.topic("contact") / "ua.md")  # error
    path = content.locales / "sl" / "common.ftl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith("menu-title =")), "utf-8")


def test_errors_come_before_warnings_and_the_summary_is_last(capsys, content, baseline):
    damage_in_several_places(content)
    code = run_check(content)
    lines = capsys.readouterr().out.splitlines()
    body, summary = lines[:-1], lines[-1]
    kinds = ["warning" if TRANSLATION_MISSING in line else "error" for line in body]
    assert kinds == sorted(kinds), "\n".join(lines)  # every error before every warning
    errors = [line for line, kind in zip(body, kinds, strict=True) if kind == "error"]
    assert errors == sorted(errors, key=lambda x: (x.split(":")[0], int(x.split(":")[1]), x))
    assert summary.startswith("FAILED: ") and summary.endswith(" warning(s)")
    assert code == 1


def test_json_output_lists_the_same_problems(capsys, content, baseline):
    damage_in_several_places(content)
    run_check(content)
    text_lines = capsys.readouterr().out.splitlines()
    code = run_check(content, "--json")
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert set(report) == {"errors", "warnings", "summary"}
    for severity in ("errors", "warnings"):
        for problem in report[severity]:
            assert set(problem) == {"file", "line", "language", "severity", "message"}
            assert problem["severity"] == severity.removesuffix("s")
    formatted = [
        f"{p['file']}:{p['line']}: {p['language']}: {p['message']}"
        for p in report["errors"] + report["warnings"]
    ]
    assert sorted(formatted) == sorted(text_lines[:-1])
    assert report["summary"] == {
        "errors": len(report["errors"]),
        "warnings": len(report["warnings"]),
    }


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_badly_damaged_content_never_gives_a_traceback(content):
    damage_in_several_places(content)
    (content.topic("cv") / "topic.yaml").write_bytes(b"\x00\x01binary\xff")
    (content.topic("marriage") / "en.md").write_bytes("---\ntitle: ü\n".encode("latin-1"))
    (content.locales / "uk" / "faq.ftl").write_bytes(b"\xff\xfe broken")
    content.services.write_text("services: [", "utf-8")
    result = cli(
        "faq",
        "check",
        "--faq-dir",
        str(content.faq),
        "--locales-dir",
        str(content.locales),
        "--services-file",
        str(content.services),
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith("FAILED: ")


def test_missing_folders_are_reported_not_crashed_on(tmp_path: Path):
    result = cli(
        "faq",
        "check",
        "--faq-dir",
        str(tmp_path / "no-faq"),
        "--locales-dir",
        str(tmp_path / "no-locales"),
        "--services-file",
        str(tmp_path / "no-services.yaml"),
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert "the FAQ folder does not exist" in result.stdout


# -- search and status ----------------------------------------------------------------------------
def test_search_json_prints_only_a_list_of_topics_and_scores():
    result = cli(
        "faq",
        "search",
        "--faq-dir",
        str(REPO / "faq"),
        "--json",
        "--lang",
        "uk",
        "як",
        "поміняти",
        "роботодавця",
    )
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert isinstance(hits, list) and 1 <= len(hits) <= 3
    for hit in hits:
        assert set(hit) == {"topic", "score", "level"}
        assert isinstance(hit["topic"], str) and isinstance(hit["score"], int | float)
        assert hit["level"] in ("answer", "maybe")
    assert hits[0]["topic"].startswith("job-change")
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_json_for_junk_is_an_empty_list():
    result = cli("faq", "search", "--faq-dir", str(REPO / "faq"), "--json", "qwerty", "zxcvb")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_status_prints_a_line_per_topic(capsys, content):
    (content.topic(LEAF) / "sl.md").unlink()
    en = content.topic("cv-recognition") / "en.md"
    en.write_text(
        en.read_text(encoding="utf-8").replace("updated: 2026-11-20", "updated: 2026-11-24"),
        "utf-8",
    )
    code = main(
        ["faq", "status", "--faq-dir", str(content.faq), "--locales-dir", str(content.locales)]
    )
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    topics = sorted(p.name for p in content.faq.iterdir() if (p / "topic.yaml").exists())
    rows = {line.split()[0]: line.split() for line in lines[1:-1]}
    assert sorted(rows) == topics and len(lines) == len(topics) + 2
    assert lines[0].split() == ["topic", "reviewed", "en", "sl", "sr", "uk"]
    assert rows[LEAF][2:] == ["present", "missing", "present", "present"]
    assert rows["cv-recognition"][2:] == ["present", "stale", "stale", "stale"]
    assert lines[-1] == f"{len(topics) - 2} of {len(topics)} topics complete in en, sl, sr, uk"
