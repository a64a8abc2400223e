"""`arrival-desk faq poster`: a printable page whose QR code opens the topic in the bot and tags
where it hung, and that tag arriving in the interaction log when someone scans it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import zxingcpp
from PIL import Image
from sqlmodel import select

from bot.cli import main
from storage.models import Event
from tests.conftest import BotHarness
from tests.content_copy import REPO

LINK = "https://t.me/arrival_test_bot?start=faq-cv--factory-a"


def poster(*args: str) -> int:
    return main(
        [
            "faq",
            "poster",
            *args,
            "--faq-dir",
            str(REPO / "faq"),
            "--locales-dir",
            str(REPO / "locales"),
        ]
    )


def decode_qr(path: Path) -> list[str]:
    with Image.open(path) as image:
        return [result.text for result in zxingcpp.read_barcodes(image.convert("RGB"))]


def test_png_poster_has_a_qr_code_of_the_deep_link(tmp_path: Path, capsys):
    out = tmp_path / "p.png"
    code = poster("cv", "--source", "factory-a", "--bot", "arrival_test_bot", "--out", str(out))

    assert code == 0
    assert capsys.readouterr().out.strip() == f"wrote {out} ({LINK})"
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == (1240, 1754)  # A4 at 150 dpi
    assert decode_qr(out) == [LINK]


def test_at_sign_in_the_bot_name_is_ignored(tmp_path: Path):
    out = tmp_path / "p.png"
    assert (
        poster("cv", "--source", "factory-a", "--bot", "@arrival_test_bot", "--out", str(out)) == 0
    )
    assert decode_qr(out) == [LINK]


def test_pdf_poster(tmp_path: Path):
    out = tmp_path / "x.pdf"
    code = poster("cv", "--source", "factory-a", "--bot", "arrival_test_bot", "--out", str(out))
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["no-such-topic", "--source", "factory-a"],
            "error: unknown topic 'no-such-topic' (see `arrival-desk faq status`)",
        ),
        (
            ["cv", "--source", "a b!"],
            "error: --source: the deep link payload must be at most 64 characters of "
            "A-Z a-z 0-9 _ -",
        ),
        (
            # A long topic id and a long tag together do not fit in Telegram's 64 characters.
            ["business-self-employment-permit", "--source", "postojna-bus-station-north-gate"],
            "error: --source: the deep link payload must be at most 64 characters of "
            "A-Z a-z 0-9 _ -",
        ),
    ],
    ids=["unknown-topic", "bad-source", "link-too-long"],
)
def test_bad_arguments_give_one_line_and_exit_1(tmp_path: Path, capsys, args, message):
    out = tmp_path / "p.png"
    code = poster(*args, "--bot", "arrival_test_bot", "--out", str(out))
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines() == [message]
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_unwritable_output_is_one_line(tmp_path: Path, capsys):
    out = tmp_path / "no-such-folder" / "p.png"
    code = poster("cv", "--source", "factory-a", "--bot", "arrival_test_bot", "--out", str(out))
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and len(err) == 1 and err[0].startswith(f"error: cannot write {out}")


async def test_scanning_the_poster_records_the_topic_and_the_source(bot: BotHarness, tmp_path):
    out = tmp_path / "p.png"
    assert (
        poster("cv", "--source", "factory-a", "--bot", "arrival_test_bot", "--out", str(out)) == 0
    )
    (link,) = decode_qr(out)
    payload = parse_qs(urlparse(link).query)["start"][0]
    assert payload == "faq-cv--factory-a"

    user = bot.user(5000, language_code="uk")
    await user.send(f"/start {payload}")

    content = bot.services.faq.content
    assert content.translation(content.topics["cv"], "uk").title in user.last_text()
    async with bot.services.db.session() as session:
        events = (await session.exec(select(Event).where(Event.kind == "start"))).all()
    assert [(e.topic_id, e.source, e.language) for e in events] == [("cv", "factory-a", "uk")]
