"""FAQ Markdown → Telegram HTML, and long answers split into messages Telegram accepts."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.faq.render import TELEGRAM_LIMIT, markdown_to_html, split_message
from tests.conftest import make_settings, start_harness

TELEGRAM_TAGS = {"b", "i", "s", "u", "a", "code", "pre", "blockquote"}
SAFE_SCHEMES = ("https://", "http://", "tg://", "mailto:")


class _TagChecker(HTMLParser):
    """Collects what Telegram's HTML parser would object to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.open: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.open.append(tag)
        names = [name for name, _ in attrs]
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if names != ["href"] or not href.startswith(SAFE_SCHEMES):
                self.problems.append(f"bad link {attrs}")
        elif names:
            self.problems.append(f"<{tag}> with attributes {attrs}")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def check_html(html: str) -> _TagChecker:
    checker = _TagChecker()
    checker.feed(html)
    checker.close()
    if checker.open:
        checker.problems.append(f"never closed: {checker.open}")
    return checker


def paragraphs(count: int, length: int) -> list[str]:
    """Distinct plain paragraphs of exactly `length` characters."""
    out = []
    for index in range(count):
        head = f"Paragraph {index:03d}:"
        out.append((head + " lorem ipsum dolor" * (length // 18 + 1))[:length])
    return out


# -- markdown_to_html ---------------------------------------------------------------------------
def test_text_is_escaped():
    assert markdown_to_html("Fees < 100 € & forms > 3") == "Fees &lt; 100 € &amp; forms &gt; 3"


def test_raw_html_in_content_is_shown_as_text():
    html = markdown_to_html("<b>x</b><script>alert(1)</script>")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_link_title_and_url_are_escaped():
    html = markdown_to_html("[Forms <A> & <B>](https://gov.example/si?a=1&b=2)")
    assert html == (
        '<a href="https://gov.example/si?a=1&amp;b=2">Forms &lt;A&gt; &amp; &lt;B&gt;</a>'
    )


@pytest.mark.parametrize(
    "link",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](vbscript:x)",
        "[click](data:text/html,x)",
        "[click](file:///etc/passwd)",
        "[click](/relative/path)",
    ],
)
def test_unsafe_links_are_dropped(link: str):
    html = markdown_to_html(link)
    assert "<a" not in html and "href" not in html
    assert "click" in html


@pytest.mark.parametrize(
    "link",
    [
        "https://infotujci.si/x",
        "http://example.org",
        "tg://resolve?domain=x",
        "mailto:centre@example.org",
    ],
)
def test_safe_links_are_kept(link: str):
    assert markdown_to_html(f"[official page]({link})") == f'<a href="{link}">official page</a>'


def test_lists_become_bullet_lines():
    html = markdown_to_html("Bring:\n\n- passport\n- **contract**\n- photo\n\nThen wait.")
    assert html.splitlines() == [
        "Bring:",
        "",
        "• passport",
        "• <b>contract</b>",
        "• photo",
        "",
        "Then wait.",
    ]


def test_ordered_and_nested_lists_keep_their_numbers_and_depth():
    html = markdown_to_html("3. first\n4. second\n   - detail")
    assert html.splitlines() == ["3. first", "4. second", "   • detail"]


RICH_MARKDOWN = """# Heading

Some **bold**, *italic*, ~~struck~~, `code` and a [link](https://example.org).

> A quote
>
> in two paragraphs

```
a code block <with> & things
```

- item
  1. nested

![a picture](https://example.org/p.png)

---

<div>raw html block</div>

    indented code
"""


def test_only_telegram_tags_come_out():
    checker = check_html(markdown_to_html(RICH_MARKDOWN))
    assert checker.problems == []
    assert checker.tags <= TELEGRAM_TAGS
    assert {"b", "i", "s", "code", "pre", "a", "blockquote"} <= checker.tags


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&*_~`[]()#>-!:/\n\"' ")), max_size=80))
def test_any_markdown_gives_balanced_telegram_html(markdown: str):
    checker = check_html(markdown_to_html(markdown))
    assert checker.problems == []
    assert checker.tags <= TELEGRAM_TAGS


# -- split_message ---------------------------------------------------------------------------
def test_short_text_is_one_part():
    assert split_message("<b>Title</b>\n\nShort answer.") == ["<b>Title</b>\n\nShort answer."]


def test_long_answer_splits_at_paragraph_boundaries():
    original = paragraphs(34, 300)
    html = "\n\n".join(original)
    assert len(html) > 10_000

    parts = split_message(html)

    assert len(parts) == 3
    assert all(len(part) <= TELEGRAM_LIMIT for part in parts)
    assert [p for part in parts for p in part.split("\n\n")] == original


def test_one_giant_paragraph_is_still_split_below_the_limit():
    giant = ("Zavod RS za zaposlovanje & upravna enota " * 250)[:9000]
    parts = split_message(giant)

    assert len(parts) >= 3
    assert all(0 < len(part) <= TELEGRAM_LIMIT for part in parts)
    assert "".join(parts).replace("&amp;", "&") == giant
    assert all(check_html(part).problems == [] for part in parts)


def test_one_giant_paragraph_of_lines_splits_at_line_ends():
    lines = [f"line {i:03d} " + "x" * 80 for i in range(100)]  # ~9,000 characters, one paragraph
    parts = split_message("\n".join(lines))

    assert all(len(part) <= TELEGRAM_LIMIT for part in parts)
    assert [line for part in parts for line in part.split("\n")] == lines


def test_giant_paragraph_with_markup_never_cuts_a_tag():
    giant = " ".join(f"<b>word{i}</b> &amp; <i>more</i>" for i in range(600))  # one line, >9,000
    parts = split_message(giant)
    assert all(len(part) <= TELEGRAM_LIMIT for part in parts)
    assert all(check_html(part).problems == [] for part in parts)


@pytest.mark.parametrize(
    "block",
    [
        "```\n" + "a line of code\n\n" * 120 + "```",
        "> " + "\n>\n> ".join(["a quoted paragraph " * 10] * 20),
    ],
    ids=["code-block-with-blank-lines", "quote-with-paragraphs"],
)
def test_every_part_of_a_long_answer_is_valid_telegram_html(block: str):
    """A code block or quote that straddles the 4,096 boundary must not be cut open."""
    markdown = "\n\n".join(paragraphs(11, 350)) + "\n\n" + block + "\n\nThe end."
    parts = split_message(markdown_to_html(markdown))

    assert len(parts) >= 2
    assert all(len(part) <= TELEGRAM_LIMIT for part in parts)
    assert {i: check_html(part).problems for i, part in enumerate(parts)} == {
        i: [] for i in range(len(parts))
    }


# -- at the Telegram boundary -----------------------------------------------------------------
def write_long_topic(faq_dir: Path, body_paragraphs: list[str]) -> None:
    topic = faq_dir / "long-answer"
    topic.mkdir(parents=True)
    (topic / "topic.yaml").write_text(
        "id: long-answer\norder: 1\nsource_language: en\nreviewed: 2026-11-20\n"
        "sources:\n  - title: Official page\n    url: https://gov.example/long\n",
        encoding="utf-8",
    )
    (topic / "en.md").write_text(
        "---\ntitle: A very long answer\nkeywords: long\nupdated: 2026-11-20\n---\n"
        + "\n\n".join(body_paragraphs)
        + "\n",
        encoding="utf-8",
    )


async def test_long_faq_answer_arrives_as_several_messages_with_buttons_on_the_last(
    tmp_path: Path, database_url: str
):
    body = paragraphs(30, 400)  # 12,000 characters
    write_long_topic(tmp_path / "faq", body)
    settings = make_settings(tmp_path, database_url, faq_dir=tmp_path / "faq")
    harness, context = await start_harness(settings)
    async with context:
        user = harness.user(5100, language_code="en")
        await user.send("/start")
        calls = await user.press("A very long answer", exact=True)

    shown = [c for c in calls if c.method in ("editMessageText", "sendMessage")]
    assert [c.method for c in shown][:1] == ["editMessageText"], "first part replaces the menu"
    assert len(shown) >= 3
    assert all(len(c.text) <= TELEGRAM_LIMIT for c in shown)
    assert [bool(c.buttons) for c in shown] == [False] * (len(shown) - 1) + [True]
    assert harness.t("en", "faq-home") in shown[-1].button_texts()

    everything = "\n\n".join(c.text for c in shown)
    positions = [everything.find(p) for p in body]
    assert -1 not in positions and positions == sorted(positions), "every paragraph, in order"
    assert shown[0].text.startswith("<b>A very long answer</b>")
    assert harness.t("en", "faq-disclaimer") in shown[-1].text


def test_a_topic_link_in_content_becomes_a_deep_link():
    html = markdown_to_html(
        "See [changing employer](topic:job-change).",
        topic_url=lambda topic: f"https://t.me/arrival_test_bot?start=faq-{topic}",
    )
    assert (
        '<a href="https://t.me/arrival_test_bot?start=faq-job-change">changing employer</a>' in html
    )


def test_a_topic_link_without_a_bot_is_plain_text():
    assert markdown_to_html("See [changing employer](topic:job-change).") == (
        "See changing employer."
    )
