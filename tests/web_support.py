"""Helpers for webhook-mode tests: an Application behind the ASGI app in-process, and a tiny
Bot API over HTTP (a thread) for tests that run `arrival-desk run --webhook` as real processes."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import httpx

from bot.app import build_application, build_services
from bot.botapi.standin import BOT_USER, StandinBotApi
from bot.clock import ManualClock
from bot.config import Settings
from bot.runtime import running
from bot.web.metrics import Metrics
from bot.web.server import SECRET_HEADER, WebhookApp

SECRET = "test-webhook-secret_1"


def start_payload(update_id: int, user_id: int, language_code: str = "en") -> dict[str, Any]:
    """/start from `user_id` as Telegram posts it to a webhook."""
    person = {"id": user_id, "is_bot": False, "first_name": "Ana", "language_code": language_code}
    message = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": "Ana"},
        "from": person,
        "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": len("/start")}],
    }
    return {"update_id": update_id, "message": message}


@dataclass
class WebInstance:
    web: WebhookApp
    api: StandinBotApi
    metrics: Metrics

    @property
    def app(self) -> Any:
        return self.web.app

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.web.asgi), base_url="http://bot.test"
        )

    async def post(self, payload: dict[str, Any], *, secret: str | None = SECRET) -> int:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        async with self.client() as client:
            response = await client.post("/telegram", json=payload, headers=headers)
        return response.status_code


def web_instance(settings: Settings, clock: ManualClock) -> tuple[WebInstance, Any]:
    """One webhook instance on the settings' database (not emptied here)."""
    api = StandinBotApi()
    metrics = Metrics()
    services = build_services(settings, clock=clock)
    app = build_application(
        settings, request=api, services=services, rate_limit=False, metrics=metrics, webhook=True
    )
    return WebInstance(WebhookApp(app, metrics), api, metrics), running(app)


def metric(text: str, name: str, **labels: str) -> float:
    """One sample's value from Prometheus text output (0 when absent)."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        key, value = line.rsplit(" ", 1)
        sample, _, rest = key.partition("{")
        found = ",".join(sorted(rest.rstrip("}").split(","))) if rest else ""
        if sample == name and found == wanted:
            return float(value)
    return 0.0


@dataclass
class ApiCall:
    instance: str  # the first path segment: which process called
    method: str
    params: dict[str, Any]


class HttpBotApi:
    """Answers getMe, sendMessage and the set* calls over HTTP, recording each call with the
    instance it came from (processes get base URLs /a/bot, /b/bot…). `on_call` runs before a
    call is acted on; returning False drops the call unanswered (the caller died meanwhile)."""

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self.lock = threading.Lock()
        self.on_call: Callable[[ApiCall], bool] | None = None
        self._ids = itertools.count(1)
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                call = ApiCall(*_parse(self.path, self.headers.get("Content-Type", ""), raw))
                if api.on_call is not None and not api.on_call(call):
                    self.close_connection = True
                    return
                result = api.answer(call)
                body = json.dumps({"ok": True, "result": result}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def base_url(self, instance: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/{instance}/bot"

    def start(self) -> HttpBotApi:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, call: ApiCall) -> Any:
        with self.lock:
            self.calls.append(call)
        if call.method == "getMe":
            return BOT_USER
        if call.method == "sendMessage":
            chat_id = int(call.params.get("chat_id", 0))
            return {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "from": BOT_USER,
                "text": str(call.params.get("text", "")),
            }
        return True

    def sent(self, method: str = "sendMessage") -> list[ApiCall]:
        with self.lock:
            return [c for c in self.calls if c.method == method]


def _parse(path: str, content_type: str, raw: str) -> tuple[str, str, dict[str, Any]]:
    parts = path.strip("/").split("/")
    instance, method = parts[0], parts[-1]
    if "json" in content_type:
        params = json.loads(raw or "{}")
    else:
        params = {k: v[0] for k, v in parse_qs(raw).items()}
    return instance, method, params
