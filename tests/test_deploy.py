"""Deploying (issue #13, item 4). No Docker engine runs on the development machines or in CI, so
the Dockerfile and compose.yaml are checked statically here, the wheel its first stage builds is
installed alone and run from a directory like the image's, and the image's entry command is run
outside Docker: migrations on a fresh database, then `run --webhook` as the CLI parses it."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.cli import build_parser, main
from storage.db import Database
from tests.conftest import REPO
from tests.test_config import SETTING_VARIABLES

DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", text)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def stages() -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for keyword, rest in instructions(DOCKERFILE):
        if keyword == "FROM":
            result.append([])
        result[-1].append((keyword, rest))
    return result


def entry_command() -> list[str]:
    (cmd,) = [rest for keyword, rest in stages()[-1] if keyword == "CMD"]
    argv = yaml.safe_load(cmd)  # the exec form is a JSON array
    assert argv[:2] == ["sh", "-c"], "a shell only to chain migrations and the bot"
    return [part.strip() for part in argv[2].split("&&")]


# -- the Dockerfile --------------------------------------------------------------------------------
def test_the_dockerfile_builds_wheels_in_one_stage_and_runs_them_in_a_slim_one():
    builder, final = stages()
    assert builder[0] == ("FROM", "python:3.11-slim AS builder")
    assert any(k == "RUN" and "pip wheel" in r for k, r in builder)
    assert final[0] == ("FROM", "python:3.11-slim")
    body = " ".join(rest for _, rest in final)
    assert "--from=builder" in body and "--no-index" in body, "only the built wheels"
    for compiler in ("build-essential", "gcc", "apt-get install"):
        assert compiler not in body, f"{compiler} in the final image"
    # Every file the image copies from the repository exists and is not in .dockerignore.
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    for keyword, rest in builder + final:
        if keyword == "COPY" and "--from" not in rest:
            for source in rest.split()[:-1]:
                assert (REPO / source).exists(), source
                assert source not in ignored, f"{source} is copied but ignored"
    for secret in (".env", ".git", ".venv", "data"):
        assert secret in ignored, f"{secret} would be sent to the Docker build"


def test_the_wheel_the_image_builds_runs_from_its_own_directory(tmp_path: Path):
    """What the two stages do, without Docker: `pip wheel` of exactly the files the first stage
    copies, the wheel installed alone, then run from a directory that holds only what the second
    stage copies, with its ENV: every migration and every file the bot reads must come along."""
    builder, final = stages()
    source, app = tmp_path / "src", tmp_path / "app"
    for target, stage in ((source, builder), (app, final)):
        target.mkdir()
        for keyword, rest in stage:
            if keyword == "COPY" and "--from" not in rest:
                *names, _destination = rest.split()
                for name in names:
                    copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
                    copy(REPO / name, target / name)  # type: ignore[operator]
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, source], check=True
    )
    (wheel,) = wheels.glob("arrival_desk-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", site, wheel], check=True)
    env = {**os.environ, "PYTHONPATH": str(site), "TELEGRAM_BOT_TOKEN": ""}
    for name in SETTING_VARIABLES:
        env.pop(name, None)
    for keyword, rest in final:
        if keyword == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                for inside, here in (("/app", app), ("/tmp", tmp_path)):
                    if value.startswith(inside):
                        value = str(here) + value.removeprefix(inside)
                        break
                env[name] = value
    program = (
        "import sys, bot, storage; from bot.cli import main; "
        f"assert bot.__file__.startswith({str(site)!r}), bot.__file__; "
        "sys.exit(main(sys.argv[1:]))"
    )

    def arrival_desk(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", program, *args],
            cwd=app,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    # The image's own RUN step: the search dictionaries made where LEMMA_CACHE_DIR says.
    (prepare,) = [r for k, r in final if k == "RUN" and "bot.faq.dictionaries" in r]
    subprocess.run([sys.executable, *shlex.split(prepare)[1:]], env=env, check=True, timeout=300)
    assert sorted(p.name for p in Path(env["LEMMA_CACHE_DIR"]).glob("*/*.dic")) == [
        "en.dic",
        "hbs.dic",
        "sl.dic",
        "uk.dic",
    ]
    assert "up to date" in arrival_desk("db", "upgrade")
    with sqlite3.connect(app / "data" / "arrival-desk.db") as connection:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    heads = sorted((REPO / "storage" / "migrations" / "versions").glob("*.py"))
    assert version == (heads[-1].name.split("_")[0],), "not every migration is in the wheel"
    assert "OK: 0 error(s)" in arrival_desk("faq", "check")


def test_the_image_runs_as_a_user_that_is_not_root():
    users = [rest for keyword, rest in stages()[-1] if keyword == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0")
    assert any(k == "RUN" and "useradd" in r for k, r in stages()[-1])


def test_the_health_check_asks_the_instances_own_healthz_with_python():
    (check,) = [rest for keyword, rest in stages()[-1] if keyword == "HEALTHCHECK"]
    assert "python" in check and "curl" not in check
    assert "127.0.0.1" in check and "/healthz" in check and "WEBHOOK_PORT" in check
    # The probe itself is valid Python that fails on a refused connection.
    argv = yaml.safe_load(check[check.index("CMD") + 3 :].strip())
    assert argv[:2] == ["python", "-c"]
    compile(argv[2], "<healthcheck>", "exec")


def test_the_entry_runs_migrations_then_the_bot_in_webhook_mode():
    assert entry_command() == ["arrival-desk db upgrade", "exec arrival-desk run --webhook"]


def test_the_entry_command_works_outside_docker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    for name in SETTING_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    database = tmp_path / "data" / "fresh.db"
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    migrate, run = entry_command()

    program, *args = shlex.split(migrate)
    assert program == "arrival-desk"
    assert main(args) == 0
    with sqlite3.connect(database) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert {"users", "bookings", "outbox", "alembic_version"} <= tables
    assert main(args) == 0, "a restart finds the schema up to date"

    _exec, program, *args = shlex.split(run)
    assert program == "arrival-desk"
    assert build_parser().parse_args(args).command == "run"
    # Started without its webhook settings, the bot stops at once with one line that names them
    # (the container restarts and `docker compose logs` says what to set).
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1" + ":" + "x" * 35)
    capsys.readouterr()
    assert main(args) == 2
    assert "WEBHOOK_" in capsys.readouterr().err


# -- compose.yaml ----------------------------------------------------------------------------------
def test_compose_runs_postgres_and_two_webhook_instances_of_one_image():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]

    db = services["db"]
    assert db["image"].startswith("postgres:15")
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])

    bots = {name: s for name, s in services.items() if name != "db"}
    assert len(bots) == 2
    ports, names = set(), set()
    for service in bots.values():
        assert service["build"] == "." and service["image"] == "arrival-desk:latest"
        assert service["env_file"] == ".env"
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        environment = service["environment"]
        assert (
            environment["DATABASE_URL"].startswith("postgresql://")
            and "@db:" in environment["DATABASE_URL"]
        )
        assert "USER_KEY_SECRET" in environment, "one key for every instance"
        ports.add(environment["WEBHOOK_PORT"])
        names.add(service["container_name"])
        assert any(p.endswith(f":{environment['WEBHOOK_PORT']}") for p in service["ports"])
    assert len(ports) == 2 and len(names) == 2
    assert "reverse proxy" in (REPO / "compose.yaml").read_text(encoding="utf-8")


def test_the_readme_says_how_to_deploy():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Deploying", 1)[1].split("\n## ", 1)[0]
    for needed in ("docker compose up", "setWebhook", "/healthz", "/metrics", "pg_dump", "upgrade"):
        assert needed in section, needed


# -- migrations when instances start together ------------------------------------------------------
async def test_two_instances_migrating_a_fresh_database_at_once_both_succeed(database_url: str):
    first, second = Database(database_url), Database(database_url)
    try:
        await first.upgrade()
        await first.downgrade("base")  # the empty database two new containers meet
        await asyncio.gather(first.upgrade(), second.upgrade())
    finally:
        await first.dispose()
        await second.dispose()
