"""Settings and the command line: a wrong setting is one clear line and exit code 2, every command
has --help, `db upgrade` creates the tables, `.env` is read, and the offline chat works."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import EXIT_CONFIG, main
from bot.config import Settings, load_settings
from tests.conftest import REPO

SETTING_VARIABLES = [name.upper() for name in Settings.model_fields]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No setting inherited from the machine, and a working folder without a .env file."""
    for name in SETTING_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    return monkeypatch


def subprocess_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_VARIABLES}
    env.update(
        DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'data' / 'cli.db'}",
        FAQ_DIR=str(REPO / "faq"),
        LOCALES_DIR=str(REPO / "locales"),
    )
    env.update(extra)
    return env


def arrival_desk(tmp_path: Path, *args: str, stdin: str = "", **env: str):
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env=subprocess_env(tmp_path, **env),
    )


# -- wrong settings ---------------------------------------------------------------------------
BAD_VALUES = [
    ("TIMEZONE", "Mars/Base"),
    ("DEFAULT_LANGUAGE", "de"),
    ("COORDINATOR_IDS", "abc"),
    ("COORDINATOR_CHAT_ID", "coordinators"),
    ("TELEGRAM_API_URL", "ftp://x"),
    ("DATABASE_URL", "mysql://x"),
    ("LOG_LEVEL", "LOUD"),  # .env.example: "DEBUG, INFO, WARNING or ERROR"
]


@pytest.mark.parametrize(("variable", "value"), BAD_VALUES)
def test_wrong_setting_is_one_line_naming_the_variable(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str
):
    clean_env.setenv(variable, value)

    code = main(["db", "upgrade"])

    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == EXIT_CONFIG == 2
    assert len(lines) == 1, err
    assert variable in lines[0]
    assert "Traceback" not in err


def test_wrong_setting_in_dotenv_is_reported_the_same_way(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
):
    (tmp_path / ".env").write_text("TIMEZONE=Europe/Atlantis\n", encoding="utf-8")
    assert main(["db", "upgrade"]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and "TIMEZONE" in lines[0]


def test_wrong_setting_from_the_real_command_has_no_traceback(tmp_path: Path):
    result = arrival_desk(tmp_path, "db", "upgrade", TIMEZONE="Mars/Base")
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        line for line in result.stderr.splitlines() if "TIMEZONE" in line
    ]
    assert "Traceback" not in result.stderr


# -- .env -------------------------------------------------------------------------------------
def test_dotenv_file_is_read(clean_env: pytest.MonkeyPatch, tmp_path: Path):
    (tmp_path / ".env").write_text(
        "DEFAULT_LANGUAGE=sl\nCOORDINATOR_IDS=11, 22\nTIMEZONE=Europe/Belgrade\n", encoding="utf-8"
    )
    settings = load_settings()
    assert settings.default_language == "sl"
    assert settings.coordinator_ids == frozenset({11, 22})
    assert settings.timezone == "Europe/Belgrade"


def test_environment_wins_over_dotenv(clean_env: pytest.MonkeyPatch, tmp_path: Path):
    (tmp_path / ".env").write_text("DEFAULT_LANGUAGE=sl\n", encoding="utf-8")
    clean_env.setenv("DEFAULT_LANGUAGE", "uk")
    assert load_settings().default_language == "uk"


def test_without_dotenv_the_defaults_apply(clean_env: pytest.MonkeyPatch, tmp_path: Path):
    settings = load_settings()
    assert (settings.default_language, settings.timezone) == ("en", "Europe/Ljubljana")
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'data' / 'arrival-desk.db'}"


# -- --help ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["run", "--help"],
        ["chat", "--help"],
        ["db", "--help"],
        ["db", "upgrade", "--help"],
    ],
    ids=" ".join,
)
def test_every_command_has_help(tmp_path: Path, args: list[str]):
    result = arrival_desk(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    usage = "usage: arrival-desk " + " ".join(a for a in args if a != "--help")
    assert result.stdout.startswith(usage.rstrip())


def test_the_installed_script_runs(tmp_path: Path):
    script = Path(sys.executable).parent / "arrival-desk"
    if not script.exists():
        pytest.skip("arrival-desk is not installed next to this Python")
    result = subprocess.run(
        [str(script), "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env=subprocess_env(tmp_path),
    )
    assert result.returncode == 0
    for command in ("run", "chat", "db"):
        assert command in result.stdout


def test_unknown_command_is_a_usage_error(tmp_path: Path):
    result = arrival_desk(tmp_path, "launch")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# -- db upgrade --------------------------------------------------------------------------------
def tables(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def test_db_upgrade_creates_the_tables_and_can_run_again(tmp_path: Path):
    database = tmp_path / "x.db"
    url = f"sqlite:///{database}"

    first = arrival_desk(tmp_path, "db", "upgrade", DATABASE_URL=url)
    assert first.returncode == 0, first.stderr
    assert {"users", "events", "alembic_version"} <= tables(database)

    again = arrival_desk(tmp_path, "db", "upgrade", DATABASE_URL=url)
    assert again.returncode == 0, again.stderr


# -- the offline chat --------------------------------------------------------------------------
def test_offline_chat_prints_numbered_buttons(tmp_path: Path):
    result = arrival_desk(tmp_path, "chat", stdin="hello\n1\n/quit\n")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "[1]" in result.stdout
    assert (tmp_path / "data" / "cli.db").exists()


def test_offline_chat_presses_a_button_by_its_number(tmp_path: Path):
    result = arrival_desk(tmp_path, "chat", stdin="1\n/quit\n")

    assert result.returncode == 0, result.stderr
    # The welcome's first button is the first topic; pressing it edits the message in place.
    first_button = result.stdout.split("[1] ", 1)[1].splitlines()[0]
    assert "bot (edited):\n" + first_button in result.stdout


def test_run_without_a_token_starts_the_offline_chat(tmp_path: Path):
    result = arrival_desk(tmp_path, "run", stdin="/quit\n")

    assert result.returncode == 0, result.stderr
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "[1]" in result.stdout


def test_env_example_documents_every_setting():
    """Every variable Settings reads is in .env.example, and nothing there is unknown."""

    documented = {
        line.split("=", 1)[0].strip()
        for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and "=" in line
    }
    assert documented == {name.upper() for name in Settings.model_fields}
