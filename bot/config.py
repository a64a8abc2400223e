"""Settings: the only module that reads the environment (and an optional `.env` file)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SUPPORTED_LANGUAGES = ("uk", "sr", "sr-Latn", "sl", "en")
TELEGRAM_API_DEFAULT = "https://api.telegram.org/bot"


class ConfigError(Exception):
    """A setting has a wrong value; the message names the variable and what is expected."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: str = ""
    telegram_api_url: str = TELEGRAM_API_DEFAULT
    bot_username: str = ""
    data_dir: Path = Path("data")
    lemma_cache_dir: Path | None = None  # the search's dictionaries (bot/faq/dictionaries.py)
    database_url: str = ""
    timezone: str = "Europe/Ljubljana"
    default_language: str = "en"
    coordinator_chat_id: int | None = None
    coordinator_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    faq_dir: Path = Path("faq")
    locales_dir: Path = Path("locales")
    content_reload_seconds: float = Field(default=5.0, ge=0)
    services_file: Path = Path("faq/services.yaml")
    indicators_file: Path = Path("faq/indicators.yaml")
    # Breakdown cells below this (people by region, language, source) are shown as "<N" in
    # exports; 0 shows every number. Totals are never hidden.
    report_min_cell: int = Field(default=0, ge=0)
    coordinator_language: str = "sl"
    reminder_hours: Annotated[tuple[float, ...], NoDecode] = (24.0, 2.0)
    cancel_cutoff_hours: float = Field(default=2.0, ge=0)
    booking_days_ahead: int = Field(default=21, ge=1, le=120)
    waitlist_offer_hours: float = Field(default=12.0, gt=0)
    agenda_time: dt.time = dt.time(7, 30)
    # How long an FAQ review holds unless a topic sets review_months; then it is re-checked.
    review_months: int = Field(default=6, ge=1, le=60)
    review_weekday: int = Field(default=0, ge=0, le=6)  # the weekly overdue list: 0 = Monday
    outbox_poll_seconds: float = Field(default=10.0, gt=0)
    # Telegram's flood limit for one bot (about 30 a second; more for paid broadcasts).
    telegram_messages_per_second: float = Field(default=30.0, gt=0)
    # 1 s is allowed for tests that kill a sender; production wants minutes (see .env.example).
    outbox_lease_seconds: float = Field(default=300.0, ge=1)
    survey_delay_hours: float = Field(default=2.0, ge=0)
    # A satisfaction question is open this long: a later press would move a month already reported.
    survey_answer_days: int = Field(default=14, ge=1, le=365)
    retention_days: int = Field(default=730, ge=30)
    consent_in_bot: bool = True
    bookings_per_service: int = Field(default=1, ge=1)
    flood_messages_per_minute: int = Field(default=60, ge=1)
    user_key_secret: str = ""
    log_level: str = "INFO"
    # Let python-telegram-bot, httpx and the database drivers log updates, texts and SQL values
    # at DEBUG (personal data in the log: for a developer's machine only).
    log_payloads: bool = False
    # Webhook mode (`arrival-desk run --webhook`, or WEBHOOK_URL set): bot/web/.
    webhook_url: str = ""
    webhook_path: str = "/telegram"
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_secret: str = ""
    webhook_register: bool = True
    # AIORateLimiter in front of the Bot API (Telegram's ~30 messages/s); false only for a
    # stand-in or emulator that does not limit.
    telegram_rate_limit: bool = True

    @field_validator("telegram_api_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(
                "a URL starting with http:// or https://, e.g. http://127.0.0.1:8081/bot"
            )
        return value.rstrip("/")

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("the public base URL, e.g. https://bot.example.org")
        return value.rstrip("/")

    @field_validator("webhook_path")
    @classmethod
    def _webhook_path(cls, value: str) -> str:
        if not re.fullmatch(r"/[A-Za-z0-9_\-/.]*", value) or value in ("/healthz", "/metrics"):
            raise ValueError("a path starting with /, e.g. /telegram (not /healthz or /metrics)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: str) -> str:
        # What Telegram accepts as secret_token.
        if value and not re.fullmatch(r"[A-Za-z0-9_\-]{1,256}", value):
            raise ValueError("1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("an IANA time zone name such as Europe/Ljubljana") from exc
        return value

    @field_validator("lemma_cache_dir", mode="before")
    @classmethod
    def _empty_is_default(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("reminder_hours", mode="before")
    @classmethod
    def _reminders(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                hours = tuple(float(p) for p in value.replace("h", "").split(",") if p.strip())
            except ValueError:
                raise ValueError("comma-separated hours before the start, e.g. 24,2") from None
            if any(h <= 0 for h in hours):
                raise ValueError("positive hours before the start, e.g. 24,2")
            return hours
        return value

    @field_validator("default_language", "coordinator_language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError("one of " + ", ".join(SUPPORTED_LANGUAGES))
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        if value.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError("one of DEBUG, INFO, WARNING, ERROR")
        return value.upper()

    @field_validator("coordinator_chat_id", mode="before")
    @classmethod
    def _chat_id(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("coordinator_ids", mode="before")
    @classmethod
    def _ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not all(p.lstrip("-").isdigit() for p in parts):
                raise ValueError("comma-separated Telegram user ids, e.g. 12345,67890")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("database_url")
    @classmethod
    def _db(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError("a sqlite:/// or postgresql:// URL")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'arrival-desk.db'}"

    @property
    def webhook_endpoint(self) -> str:
        """The full URL Telegram posts updates to."""
        return self.webhook_url + self.webhook_path

    def is_coordinator(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.coordinator_ids


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning a validation error into one readable ConfigError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        variable = str(first["loc"][0]).upper() if first["loc"] else "configuration"
        expected = str(first.get("msg", "")).removeprefix("Value error, ")
        raise ConfigError(f"{variable}: expected {expected}") from None
