"""simplemma's dictionaries for the search, kept on disk as MARISA tries (simplemma's own
`TrieDictionaryFactory`, its `marisa-trie` extra).

simplemma's memory-frugal dictionaries (`low_memory`, used before) read the compressed data again
at every start: one pass in Python over 1.5 million entries, ~0.7 s of CPU for the four
languages, most of the content's load at start-up. Its tries are built once and kept in files: a
start loads the four in ~6 ms, they hold ~9 MB (the stream ones ~22 MB), and a look-up costs ~2 µs
instead of ~8 (measured, bench/README.md). Building them costs ~2.6 s and ~110 MB that a Python
process does not give back, so it is done by a child process (`python -m bot.faq.dictionaries`):
the bot itself never holds the unpacked dictionaries. Where the files cannot be made (a read-only
disk), the search goes on with the stream dictionaries, as before. The Docker image makes them as
it is built (`LEMMA_CACHE_DIR`).

    python -m bot.faq.dictionaries   # make what is missing, where LEMMA_CACHE_DIR says
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir
from simplemma.__metadata__ import __version__ as SIMPLEMMA_VERSION
from simplemma.strategies.dictionaries import (
    DictionaryFactory,
    StreamDictionaryFactory,
    TrieDictionaryFactory,
)

log = logging.getLogger(__name__)

# simplemma's codes of the languages the search lemmatises (uk, Serbo-Croatian, sl, en)
LANGUAGES = ("uk", "hbs", "sl", "en")
BUILD_TIMEOUT_SECONDS = 300


def folder_for(configured: Path | None) -> Path:
    """Where the tries of this simplemma version are kept: LEMMA_CACHE_DIR, or the user's cache
    folder (~/.cache/simplemma, simplemma's own default). The version is part of the path, so an
    upgrade never reads tries of other data."""
    base = configured or Path(user_cache_dir("simplemma")) / "marisa_trie"
    return base / SIMPLEMMA_VERSION


def _file(folder: Path, language: str) -> Path:
    return folder / f"{language}.dic"  # the name TrieDictionaryFactory reads


def ready(folder: Path) -> bool:
    return all(_file(folder, language).is_file() for language in LANGUAGES)


def build(folder: Path) -> None:
    """Make the missing tries. Each is written beside its place and moved there whole, so
    another process (a second instance, a parallel test) never reads half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".building-") as scratch:
        maker = TrieDictionaryFactory(disk_cache_dir=scratch)
        for language in LANGUAGES:
            if not _file(folder, language).is_file():
                maker.get_dictionary(language)  # builds the trie and saves it in `scratch`
                os.replace(_file(Path(scratch), language), _file(folder, language))


def _build_in_child(folder: Path) -> None:
    log.info("preparing the search dictionaries once, in %s (a few seconds)", folder)
    command = [sys.executable, "-m", "bot.faq.dictionaries", str(folder)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("the search dictionaries were not prepared: %s", error)
        return
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        log.warning("the search dictionaries were not prepared: %s", last)


@lru_cache(maxsize=4)  # one per folder and process: every Services built shares it
def dictionaries(configured: Path | None = None) -> DictionaryFactory:
    """The tries in the folder (made first by a child process if missing), or simplemma's
    stream dictionaries where they cannot be made."""
    folder = folder_for(configured)
    if not ready(folder):
        _build_in_child(folder)
    if ready(folder):
        return TrieDictionaryFactory(disk_cache_dir=str(folder))
    log.warning("search dictionaries: none kept in %s; reading simplemma's data instead", folder)
    return StreamDictionaryFactory()


def main(argv: list[str]) -> int:
    if argv:
        folder = Path(argv[0])
    else:
        from bot.config import Settings

        folder = folder_for(Settings().lemma_cache_dir)
    build(folder)
    print(f"search dictionaries ready in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
