"""/faqstatus in Telegram: the content summary for coordinators, nobody else."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import COORDINATOR_CHAT_ID, REPO, make_settings, start_harness


async def test_coordinator_gets_the_content_summary_with_what_is_missing(
    tmp_path: Path, database_url: str
):
    faq = tmp_path / "faq"
    shutil.copytree(REPO / "faq", faq)
    (faq / "cv-translation" / "sl.md").unlink()
    harness, running = await start_harness(
        make_settings(tmp_path, database_url, faq_dir=faq, content_reload_seconds=0)
    )
    async with running:
        coordinator = harness.coordinator(in_group=True)
        calls = await coordinator.send("/faqstatus")
        texts = [c.text for c in calls if c.method == "sendMessage"]
        assert len(texts) == 1
        total = len(harness.services.faq.content.topics)
        summary = harness.t("sl", "content-status", complete=total - 1, total=total)
        assert texts[0].startswith(summary)
        missing_line = [line for line in texts[0].splitlines() if line.startswith("cv-translation")]
        assert missing_line and f"sl:{harness.t('sl', 'content-state-missing')}" in missing_line[0]
        assert calls[-1].chat_id == COORDINATOR_CHAT_ID


async def test_a_migrant_cannot_see_the_content_status(bot):
    migrant = bot.user(4321, language_code="uk")
    calls = await migrant.send("/faqstatus")
    assert [c.text for c in calls if c.method == "sendMessage"] == [bot.t("uk", "coordinator-only")]
