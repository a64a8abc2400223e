"""The shape issue #9 is judged on, kept by tests: small modules, one module that sends what the
bot starts (and one that answers updates), and handlers that open no database session."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.delivery.kinds import Kind
from tests.conftest import REPO

MAX_LINES = 400
# Direct answers to an update (base.py) and everything the bot starts on its own (delivery.py,
# the one sender). Every other module uses their helpers.
SENDERS = {"bot/handlers/base.py", "bot/handlers/delivery.py"}


def python_files(*roots: str) -> list[Path]:
    return sorted(p for root in roots for p in (REPO / root).rglob("*.py"))


def method_calls(path: Path, names: set[str]) -> list[int]:
    """Lines where `<something>.<name>(…)` is called, for any of `names`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
    ]


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_no_module_of_the_application_is_over_400_lines():
    long = {
        relative(p): n
        for p in python_files("bot", "storage")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_send_message_is_called_in_the_answering_and_the_sending_module_only():
    # PTB's typed send_message, or the plain-JSON one (`plain.send_html`, bot/botapi/plain.py)
    callers = {
        relative(p)
        for p in python_files("bot", "storage")
        if not relative(p).startswith("bot/botapi/")
        and method_calls(p, {"send_message", "send_html", "do_api_request"})
    }
    assert callers == SENDERS


def test_handlers_open_no_database_session():
    opened = {
        relative(p): lines
        for p in python_files("bot/handlers")
        if (lines := method_calls(p, {"session", "single"}))
    }
    assert opened == {}


def test_the_checks_see_what_they_look_for(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "async def f(context, db):\n"
        "    async with db.session() as session:\n"
        "        await context.bot.send_message(1, 'x')\n"
    )
    assert method_calls(sample, {"send_message"}) == [3]
    assert method_calls(sample, {"session"}) == [2]


def test_design_md_lists_every_outbox_kind_with_its_rule_and_table():
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in (REPO / "docs" / "design.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    missing = {kind.value for kind in Kind} - set(rows)
    assert missing == set()
    # kind, to, due (the rule), written by, ref_id → table, renderer
    assert all(rows[kind.value].count("|") == 7 for kind in Kind)
