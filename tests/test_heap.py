"""The garbage collector never stalls the bot for long: what start-up loaded is frozen when the
process is the bot's own (the CLI), and a replaced search index goes at once, by reference
counting, so it neither waits for the cyclic collector nor stays frozen."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from bot.app import build_application, build_services
from bot.botapi.standin import StandinBotApi
from bot.faq.loader import load_faq
from bot.faq.search import SearchIndex
from bot.runtime import running
from tests.conftest import empty_database, make_settings

REPO = Path(__file__).resolve().parent.parent


def test_a_search_index_nobody_holds_goes_at_once() -> None:
    """A reload replaces the index (the last few versions stay cached by folder fingerprint,
    `bot/faq/library.py`); a dropped one is freed by reference counting alone, its word cache
    included, instead of leaving ~30,000 sets and lists to the cyclic collector."""
    content, _problems = load_faq(REPO / "faq")
    index = SearchIndex(content)
    hits = index.search("як продовжити дозвіл на проживання")  # fills the word cache
    assert hits and hits[0].topic_id.startswith("residence")
    dropped = weakref.ref(index)
    gc.disable()  # only reference counting from here on
    try:
        del index, hits
        assert dropped() is None
    finally:
        gc.enable()


async def test_the_cli_freezes_what_start_up_loaded(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url)
    await empty_database(settings.effective_database_url)
    gc.unfreeze()  # nothing frozen before (tests/conftest.py unfreezes after each test too)
    before = gc.get_freeze_count()
    assert before == 0
    try:
        for freeze in (False, True):
            app = build_application(
                settings,
                request=StandinBotApi(),
                services=build_services(settings),
                rate_limit=False,
                freeze_heap=freeze,
            )
            async with running(app):
                frozen = gc.get_freeze_count()
            if freeze:  # the content, indexes and dictionaries loaded at start-up among them
                assert frozen > before + 50_000
            else:  # tests and the offline chat share their process: nothing frozen there
                assert frozen == before
    finally:
        gc.unfreeze()  # give this test process back its ordinary collector
