"""The search's dictionaries (bot/faq/dictionaries.py): simplemma's tries, made once by a child
process and kept in a folder; read back at the next start without a child; the same lemmas as
simplemma's stream dictionaries; and those stream dictionaries where no folder can be written."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import StreamDictionaryFactory, TrieDictionaryFactory

from bot.config import Settings
from bot.faq import dictionaries, terms
from bot.faq.terms import ALL_LEMMA_LANGUAGES

WORDS = {
    "uk": ["документи", "працював", "лікарями", "дозволу"],
    "hbs": ["radnike", "dozvole", "дозволе", "lekaru"],
    "sl": ["dovoljenja", "delodajalcu", "zdravniku"],
    "en": ["permits", "worked", "doctors"],
}


def lemmas(factory: object) -> dict[str, list[str]]:
    lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    return {lang: [lemmatizer.lemmatize(w, lang) for w in words] for lang, words in WORDS.items()}


def test_the_languages_kept_are_those_the_search_lemmatises() -> None:
    assert set(dictionaries.LANGUAGES) == set(ALL_LEMMA_LANGUAGES)


def test_made_once_by_a_child_then_read_back(tmp_path: Path, monkeypatch, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bot.faq.dictionaries")
    folder = dictionaries.folder_for(tmp_path)
    # What a build killed mid-way leaves: its scratch folder, never a file where the bot reads.
    (folder / ".building-cut-short").mkdir(parents=True)
    (folder / ".building-cut-short" / "uk.dic").write_bytes(b"half a trie")
    assert not dictionaries.ready(folder)

    made = dictionaries.dictionaries(tmp_path)

    assert isinstance(made, TrieDictionaryFactory)
    kept = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert kept == ["en.dic", "hbs.dic", "sl.dic", "uk.dic"]
    assert "preparing the search dictionaries once" in caplog.text
    assert lemmas(made) == lemmas(StreamDictionaryFactory())
    assert lemmas(made)["uk"][0] == "документ"

    # The next start (a new process: the cache of factories is per process) reads the files.
    def no_child(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the tries were made again")

    monkeypatch.setattr(subprocess, "run", no_child)
    dictionaries.dictionaries.cache_clear()
    again = dictionaries.dictionaries(tmp_path)
    assert isinstance(again, TrieDictionaryFactory) and again is not made
    assert lemmas(again) == lemmas(made)


def test_a_folder_that_cannot_be_written_leaves_the_stream_dictionaries(
    tmp_path: Path, caplog
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")

    factory = dictionaries.dictionaries(blocked / "cache")

    assert isinstance(factory, StreamDictionaryFactory)
    assert "were not prepared" in caplog.text
    assert "reading simplemma's data instead" in caplog.text
    assert lemmas(factory)["hbs"][0] == "radnik"


def test_the_folder_is_the_setting_and_the_simplemma_version(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LEMMA_CACHE_DIR", str(tmp_path))
    folder = dictionaries.folder_for(Settings(_env_file=None).lemma_cache_dir)
    assert folder.parent == tmp_path and folder.name == dictionaries.SIMPLEMMA_VERSION
    monkeypatch.setenv("LEMMA_CACHE_DIR", "")  # as .env.example leaves it: the user's cache
    assert Settings(_env_file=None).lemma_cache_dir is None
    assert "simplemma" in str(dictionaries.folder_for(None))


def test_saying_the_folder_reads_nothing_until_a_word_is_lemmatised(tmp_path: Path) -> None:
    before = terms._Lemmas.folder
    try:
        terms.use_dictionaries_in(tmp_path / "lemmas")
        assert not (tmp_path / "lemmas").exists(), "`db upgrade` must not make them"
    finally:
        terms.use_dictionaries_in(before)
