"""The webhook route against hostile bodies and floods (issue #13, item 3, through the route
itself, not only `process_update`): a body python-telegram-bot cannot read is dropped with 200
(a 4xx would make Telegram re-post it for a day) and never becomes a 500; an update id the
handled-updates column cannot hold is refused; a flood's dropped updates write nothing down."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlmodel import select

from bot.botapi.simulator import SimulatedUser
from bot.clock import ManualClock
from bot.config import Settings
from bot.web.server import MAX_BODY_BYTES, SECRET_HEADER
from storage.models import HandledUpdate
from tests.abuse_support import ErrorLog
from tests.conftest import START_TIME, empty_database, make_settings
from tests.web_support import SECRET, WebInstance, web_instance

LIMIT = 5  # messages a minute before the flood gate drops them


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(
        tmp_path,
        database_url,
        webhook_secret=SECRET,
        webhook_url="https://bot.test",
        flood_messages_per_minute=LIMIT,
    )


@pytest.fixture
async def one(settings: Settings) -> AsyncIterator[WebInstance]:
    await empty_database(settings.effective_database_url)
    instance, context = web_instance(settings, ManualClock(START_TIME))
    async with context:
        yield instance


async def handled_ids(instance: WebInstance) -> list[int]:
    async with instance.app.bot_data["services"].db.session() as session:
        rows = await session.exec(select(HandledUpdate.update_id))
        return sorted(rows.all())


HOSTILE = {
    "message-is-a-string": {"update_id": 11, "message": "x"},
    "message-is-a-list": {"update_id": 12, "message": [1, 2]},
    "chat-is-a-number": {"update_id": 13, "message": {"message_id": 1, "date": 0, "chat": 5}},
    "callback-is-a-list": {"update_id": 14, "callback_query": []},
    "from-is-a-string": {
        "update_id": 15,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 1, "type": "private"},
            "from": "x",
        },
    },
    "date-is-text": {
        "update_id": 16,
        "message": {"message_id": 1, "date": "yesterday", "chat": {"id": 1, "type": "private"}},
    },
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
async def test_a_body_python_telegram_bot_cannot_read_is_dropped_not_a_500(
    one: WebInstance, body: dict[str, Any]
):
    before = len(one.api.calls)  # what the start sent (getMe, the commands)
    with ErrorLog() as errors:
        assert await one.post(body) == 200
    assert one.api.calls[before:] == [], "nothing is sent for it"
    assert [r.getMessage() for r in errors.records] == [
        f"update {body['update_id']} could not be read; dropped"
    ], "one line, nothing of the body"
    assert await handled_ids(one) == [], "and nothing is written down"


@pytest.mark.parametrize("update_id", [-1, 2**63, 2**70, 1.5, "7", True, None])
async def test_an_update_id_the_column_cannot_hold_is_refused(one: WebInstance, update_id: Any):
    before = len(one.api.calls)
    assert await one.post({"update_id": update_id, "message": {}}) == 400
    assert one.api.calls[before:] == [] and await handled_ids(one) == []


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)  # what JSON can carry
    | st.text(max_size=20)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
FIELDS = ["message", "edited_message", "callback_query", "my_chat_member", "inline_query", "x"]
IDS = itertools.count(1000)


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=2))
@example(body={"my_chat_member": {}})  # found by it: a membership change with no chat
@example(body={"my_chat_member": {"chat": {"id": 1, "type": "private"}}})
async def test_any_json_body_with_the_secret_is_answered_and_never_a_500(
    one: WebInstance, body: dict[str, Any]
):
    update_id = next(IDS)
    with ErrorLog() as errors:
        # httpx's ASGI transport raises whatever escapes the app: a 500 would fail here.
        assert await one.post({**body, "update_id": update_id}) in (200, 400)
    # Read or dropped as unreadable: never a handler's error.
    unreadable = f"update {update_id} could not be read; dropped"
    assert [r.getMessage() for r in errors.records] in ([], [unreadable])


async def test_a_flood_through_the_webhook_writes_no_update_id_it_drops(one: WebInstance):
    flooder = SimulatedUser(one.app, one.api, 8101, language_code="uk")
    posted = []
    for n in range(4 * LIMIT):
        payload = flooder.message_payload(f"питання {n}")
        posted.append(payload["update_id"])
        assert await one.post(payload) == 200

    assert await handled_ids(one) == posted[:LIMIT], "only the admitted ones are written down"
    notices = [c for c in one.api.sent("sendMessage", chat_id=8101)]
    assert len(notices) == LIMIT + 1, "each admitted message answered, then one polite notice"


async def test_a_body_too_large_for_any_update_is_refused_unread(one: WebInstance):
    """Memory stays bounded whatever is posted: past 1 MiB the body is not read on (413), and a
    request without the secret is refused before its body is read at all (403)."""
    huge = {"update_id": 77, "message": {"text": "x" * MAX_BODY_BYTES}}
    before = len(one.api.calls)
    assert await one.post(huge) == 413
    assert await one.post(huge, secret=None) == 403
    # Streamed in chunks with no Content-Length: counted as it comes, cut off past the limit.
    chunk = b"x" * 65536

    async def stream() -> AsyncIterator[bytes]:
        for _ in range(MAX_BODY_BYTES // len(chunk) + 2):
            yield chunk

    async with one.client() as client:
        response = await client.post("/telegram", content=stream(), headers={SECRET_HEADER: SECRET})
    assert response.status_code == 413
    assert one.api.calls[before:] == [] and await handled_ids(one) == []
    assert await one.post({"update_id": 78, "message": "x" * 1000}) == 200, "small ones still go"
