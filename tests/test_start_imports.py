"""What a bot process keeps loaded for good: libraries only a command or a rare path needs are
imported where they are used (start-up time and idle memory, issue #13 item 5; bench/README.md).
Checked in a fresh interpreter, as `arrival-desk run` starts."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

# Needed by: migrations that are due, posters, report charts and spreadsheets, report tables
# and httpx's own command line (never).
NOT_AT_START = ("alembic", "qrcode", "PIL", "matplotlib", "openpyxl", "rich", "pygments")


def loaded_after(code: str) -> list[str]:
    program = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    modules: list[str] = json.loads(done.stdout.splitlines()[-1])
    return modules


def test_the_bot_starts_without_the_libraries_only_commands_need():
    loaded = loaded_after("import bot.app, bot.cli, bot.web.server")
    assert "telegram.ext" in loaded and "httpx" in loaded
    assert [name for name in NOT_AT_START if name in loaded] == []


def test_what_is_left_out_still_works_where_it_is_used():
    loaded = loaded_after(
        "import bot.app, httpx, rich.table\n"
        "httpx.Client().close(); assert callable(httpx.main)\n"
        "from bot.faq.poster import render_poster"
    )
    assert {"rich", "qrcode", "PIL"} <= set(loaded)
