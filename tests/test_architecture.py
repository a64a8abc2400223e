"""The boundaries README promises: the domain and storage know nothing of Telegram, and handlers
hold no user-visible text of their own (it all comes from locales/)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

DOMAIN = [
    REPO / "bot" / "faq",
    REPO / "storage",
    REPO / "bot" / "people.py",
    REPO / "bot" / "services.py",
    REPO / "bot" / "clock.py",
    REPO / "bot" / "i18n.py",
    # STYLE.md: the booking domain is Telegram-free too (once it exists).
    REPO / "bot" / "booking",
    REPO / "bot" / "delivery",
    REPO / "bot" / "indicators",
]
HANDLERS = REPO / "bot" / "handlers"


def python_files(*roots: Path) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        files += [root] if root.is_file() else sorted(root.rglob("*.py"))
    return files


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def module_file(module: str) -> Path | None:
    """bot.faq.render → bot/faq/render.py (our own packages only)."""
    base = REPO.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def telegram_import_chain(path: Path) -> list[str] | None:
    """The chain of our modules through which `path` reaches `telegram`, or None."""
    seen: set[Path] = set()
    stack: list[tuple[Path, list[str]]] = [(path, [str(path.relative_to(REPO))])]
    while stack:
        current, chain = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for module in imported_modules(current):
            if module == "telegram" or module.startswith("telegram."):
                return [*chain, module]
            target = module_file(module) if module.split(".")[0] in ("bot", "storage") else None
            if target is not None:
                stack.append((target, [*chain, module]))
    return None


DOMAIN_FILES = python_files(*DOMAIN)


def test_the_domain_file_list_is_not_empty():
    names = {p.relative_to(REPO).as_posix() for p in DOMAIN_FILES}
    assert {"bot/faq/render.py", "bot/people.py", "storage/models.py", "bot/i18n.py"} <= names


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_domain_and_storage_do_not_import_telegram(path: Path):
    direct = {m for m in imported_modules(path) if m.split(".")[0] == "telegram"}
    assert direct == set()
    assert telegram_import_chain(path) is None


def test_the_import_checker_sees_telegram_through_our_own_modules():
    # bot/app.py imports telegram itself; bot/chat.py only through bot.app and bot.botapi.
    assert telegram_import_chain(REPO / "bot" / "app.py") is not None
    chain = telegram_import_chain(REPO / "bot" / "chat.py")
    assert chain is not None and len(chain) > 2


# -- no user-visible literals in handlers ---------------------------------------------------------
# Calls whose text arguments a person reads.
TEXT_CALLS = {
    "send_message",
    "edit_text",
    "edit_message_text",
    "reply_text",
    "reply_html",
    "InlineKeyboardButton",
    "answer",
    "send_html",
    "show",
    "show_menu",
    "BotCommand",
}
TEXT_KEYWORDS = {"text", "caption", "greeting"}
_TWO_WORDS = re.compile(r"[^\W\d_]+\s+[^\W\d_]+")  # letters, a space, letters


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literals(node: ast.AST) -> list[str]:
    """Text written into the code: string constants, f-string parts, list elements."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value for v in node.values if isinstance(v, ast.Constant))]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [text for element in node.elts for text in _literals(element)]
    if isinstance(node, ast.BinOp):
        return _literals(node.left) + _literals(node.right)
    return []


def visible_literals(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node) in TEXT_CALLS:
            arguments = [*node.args, *(k.value for k in node.keywords if k.arg in TEXT_KEYWORDS)]
            for argument in arguments:
                found += [
                    (node.lineno, text) for text in _literals(argument) if _TWO_WORDS.search(text)
                ]
    return found


def test_the_literal_checker_catches_hard_coded_text():
    source = (
        "await context.bot.send_message(chat_id, 'Welcome to the desk')\n"
        "InlineKeyboardButton(f'Back to {x} menu', callback_data='faq:home')\n"
        "await show(update, context, ['Choose a topic'], rows)\n"
        "await message.edit_text(text='Пишите нам')\n"
        "InlineKeyboardButton('✓ ' + name, callback_data='lang:set:en')\n"
    )
    assert sorted(line for line, _ in visible_literals(source)) == [1, 2, 3, 4]


@pytest.mark.parametrize("path", python_files(HANDLERS), ids=lambda p: p.name)
def test_handlers_have_no_user_visible_literals(path: Path):
    assert visible_literals(path.read_text(encoding="utf-8")) == []
