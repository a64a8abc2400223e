"""Fluent catalogues per locale, negotiation, Serbian Latin by transliteration, Babel formats.

Adding a language is adding `locales/<bcp47>/*.ftl` (and FAQ files): nothing here lists languages.
`sr-Latn` is the one derived locale: it is built from `sr` at load time and `locales/sr-Latn/*.ftl`
may override single messages.
"""

from __future__ import annotations

import functools
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

import cyrtranslit
from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.dates import format_time as babel_format_time
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, FluentSerializer, ast
from fluent.syntax.visitor import Transformer

log = logging.getLogger(__name__)

FALLBACK_LOCALE = "en"
SERBIAN_LATIN = "sr-Latn"
# Telegram `language_code` values we map onto a served locale rather than the default.
LANGUAGE_ALIASES = {
    "hr": SERBIAN_LATIN,
    "bs": SERBIAN_LATIN,
    "cnr": SERBIAN_LATIN,
    "me": SERBIAN_LATIN,
    # Many Ukrainians and Moldovans keep their phone in Russian (Belarusian is rarer): Ukrainian is
    # the likeliest served language, and the picker is shown at once because it is a guess.
    "ru": "uk",
    "be": "uk",
}


def to_serbian_latin(text: str) -> str:
    """Serbian Cyrillic → Latin; Latin text, digits, URLs and markup pass through unchanged."""
    return str(cyrtranslit.to_latin(text, "sr"))


class _TransliterateText(Transformer):
    """Changes only the text of messages, never ids, variables or selector keys."""

    def visit_TextElement(self, node: ast.TextElement) -> ast.TextElement:
        node.value = to_serbian_latin(node.value)
        return node

    def visit_StringLiteral(self, node: ast.StringLiteral) -> ast.StringLiteral:
        node.value = to_serbian_latin(node.value)
        return node


@functools.lru_cache(maxsize=64)  # parsing and printing FTL again for unchanged files is slow
def transliterate_ftl(source: str) -> str:
    resource = FluentParser(with_spans=False).parse(source)
    return str(FluentSerializer().serialize(_TransliterateText().visit(resource)))


# fluent.runtime refuses a placeable longer than 2,500 characters (its MAX_PART_LENGTH) and then
# returns "{???}" for the whole message. People's text (a question, an HTML-escaped reply) can be
# longer, so a string argument over this length is passed to Fluent as a short stand-in and put in
# after formatting: Fluent formats the fixed part, the text itself never goes through it.
LONG_ARGUMENT = 64


# Numbers that name something (a booking, a slot) rather than count it: people read them out
# and type them back (`/cancelslot 1234`), so they are never grouped as a quantity would be
# ("1.234" reads as a decimal in Slovenian, "12 345" as two numbers). Fluent formats every
# number argument by the locale's rules; these go to it as text.
IDENTIFIERS = frozenset({"booking", "slot"})


def _stand_ins(args: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """(arguments for Fluent, stand-in -> real value) with every long string replaced and
    every identifier as text."""
    nonce = ""  # drawn for the first long string only: most messages have none
    fluent_args: dict[str, Any] = {}
    spliced: dict[str, str] = {}
    for name, value in args.items():
        if name in IDENTIFIERS and isinstance(value, int):
            value = str(value)
        elif isinstance(value, str) and len(value) > LONG_ARGUMENT:
            # user text cannot guess it, so it cannot fake a stand-in
            nonce = nonce or secrets.token_hex(4)
            token = f"\ue000{nonce}:{name}\ue001"
            spliced[token] = value
            value = token
        fluent_args[name] = value
    return fluent_args, spliced


def _splice(text: str, spliced: dict[str, str]) -> str:
    for token, value in spliced.items():
        text = text.replace(token, value)
    return text


# Formats for a European centre: English readers get 24-hour times and day-month dates.
FORMAT_LOCALES = {"en": "en_GB"}


@functools.lru_cache(maxsize=64)  # Locale.parse on every formatted date or time showed in profiles
def babel_locale(locale: str, *, for_formats: bool = True) -> Locale:
    if for_formats:
        locale = FORMAT_LOCALES.get(locale, locale)
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK_LOCALE)


@dataclass
class Catalog:
    """The loaded bundles; immutable once built so a reload can swap it atomically."""

    bundles: dict[str, FluentBundle]
    sources: dict[str, dict[str, str]] = field(default_factory=dict)  # locale -> file -> text
    # Messages without arguments as formatted once (button labels, titles): a reload brings a
    # new catalogue, so they never outlive the text they came from.
    plain: dict[tuple[str, str, str], str] = field(default_factory=dict, repr=False)

    @property
    def locales(self) -> list[str]:
        return sorted(self.bundles)


def read_locale_sources(locales_dir: Path) -> dict[str, dict[str, str]]:
    """locale -> {file name: FTL text}, including the derived sr-Latn sources."""
    sources: dict[str, dict[str, str]] = {}
    for folder in sorted(p for p in locales_dir.iterdir() if p.is_dir()):
        sources[folder.name] = {
            f.name: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.ftl"))
        }
    if "sr" in sources:
        overrides = sources.get(SERBIAN_LATIN, {})
        derived = {name: transliterate_ftl(text) for name, text in sources["sr"].items()}
        # Override files are added after the derived ones so their messages win.
        derived.update({f"override-{name}": text for name, text in overrides.items()})
        sources[SERBIAN_LATIN] = derived
    return sources


def build_catalog(locales_dir: Path) -> Catalog:
    sources = read_locale_sources(locales_dir)
    if FALLBACK_LOCALE not in sources:
        raise ValueError(f"{locales_dir}: the fallback locale '{FALLBACK_LOCALE}' is missing")
    key = tuple((locale, tuple(files.items())) for locale, files in sorted(sources.items()))
    return _catalog_of(key)


# Parsing every FTL file takes a noticeable share of a second: a catalogue of unchanged sources
# (a second Application in the process, each test of the suite) is built once. Catalogs are
# immutable once built.
@functools.lru_cache(maxsize=4)
def _catalog_of(key: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> Catalog:
    sources = {locale: dict(files) for locale, files in key}
    bundles: dict[str, FluentBundle] = {}
    for locale, files in sources.items():
        bundle = FluentBundle([locale], use_isolating=False)
        for text in files.values():
            bundle.add_resource(FluentResource(text), allow_overrides=True)
        bundles[locale] = bundle
    return Catalog(bundles=bundles, sources=sources)


class Translator:
    """`t(locale, id, **args)` for every user-visible string, plus Babel formatting."""

    def __init__(self, catalog: Catalog, *, default_locale: str = FALLBACK_LOCALE) -> None:
        self.catalog = catalog
        self.default_locale = default_locale

    @classmethod
    def from_dir(cls, locales_dir: Path, *, default_locale: str = FALLBACK_LOCALE) -> Translator:
        return cls(build_catalog(locales_dir), default_locale=default_locale)

    @property
    def locales(self) -> list[str]:
        return self.catalog.locales

    def negotiate(self, language_code: str | None) -> str:
        """Telegram's language_code → a served locale (the default when we do not serve it)."""
        return self.negotiation(language_code)[0]

    def negotiation(self, language_code: str | None) -> tuple[str, bool]:
        """(served locale, guessed): guessed unless the code names a served language itself
        ("uk", "sl-SI", "sr-Latn"); an alias ("hr", "ru") or the default is a guess."""
        if not language_code:
            return self.default_locale, True
        code = language_code.replace("_", "-")
        served = {loc.lower(): loc for loc in self.locales}
        if code.lower() in served:
            return served[code.lower()], False
        base = code.split("-")[0].lower()
        if base == "sr" and "latn" in code.lower() and SERBIAN_LATIN in self.catalog.bundles:
            return SERBIAN_LATIN, False
        if base in served:
            return served[base], False
        alias = LANGUAGE_ALIASES.get(base)
        if alias in self.catalog.bundles:
            return alias, True
        return self.default_locale, True

    def t(self, locale: str, message_id: str, **args: Any) -> str:
        if args:
            return self._format(locale, message_id, args)
        plain, key = self.catalog.plain, (self.default_locale, locale, message_id)
        text = plain.get(key)
        if text is None:
            text = self._format(locale, message_id, args)
            if text != message_id:  # a missing id is not kept: ids are not all ours to choose
                plain[key] = text
        return text

    def _format(self, locale: str, message_id: str, args: dict[str, Any]) -> str:
        for candidate in (locale, self.default_locale, FALLBACK_LOCALE):
            bundle = self.catalog.bundles.get(candidate)
            if bundle is not None and bundle.has_message(message_id):
                message = bundle.get_message(message_id)
                if message.value is None:
                    break
                fluent_args, spliced = _stand_ins(args)
                text, errors = bundle.format_pattern(message.value, fluent_args)
                if errors:
                    # Names and kinds only: the arguments are often people's own words.
                    log.warning(
                        "message %s in %s formatted with errors (%s; arguments: %s)",
                        message_id,
                        candidate,
                        ", ".join(type(error).__name__ for error in errors),
                        ", ".join(sorted(args)) or "none",
                    )
                return _splice(str(text), spliced)
            log.warning("message %s missing in locale %s", message_id, candidate)
        log.error("message %s missing everywhere", message_id)
        return message_id

    def language_name(self, locale: str, *, in_sentence: bool = False) -> str:
        """The language's own name for itself: capitalised for a button ("Українська"), as the
        language writes it inside a sentence ("Мова: українська", "Language: English")."""
        own = babel_locale(locale, for_formats=False)
        name = own.get_display_name(own) or locale
        return name if in_sentence else name[:1].upper() + name[1:]

    def format_date(self, value: date, locale: str, *, fmt: str = "full") -> str:
        return _format_date(value, locale, fmt)

    def format_day_short(self, value: date, locale: str) -> str:
        """A short weekday + day + month in the locale's own CLDR pattern (skeleton MMMEd):
        "Tue 1 Dec", "tor., 1. dec.", "вт, 1 груд.", "уто 1. дец" — for day buttons."""
        return _format_day_short(value, locale)

    def format_time(self, value: datetime, locale: str, tz: tzinfo) -> str:
        local = value.astimezone(tz)
        return _format_clock(local.hour, local.minute, locale)

    def format_local_datetime(self, value: datetime, locale: str, tz: tzinfo) -> str:
        local = value.astimezone(tz)
        return self.t(
            locale,
            "common-date-at-time",
            date=self.format_date(local.date(), locale),
            time=self.format_time(value, locale, tz),
        )

    def message_ids(self, locale: str) -> set[str]:
        bundle = self.catalog.bundles[locale]
        return set(bundle._messages)  # fluent.runtime keeps no public listing


# Babel formats a date or time in ~50 µs, and a booking picker shows a dozen or two: the same
# days and clock times come back on every step, so each result is kept (pure functions of their
# arguments). A time is kept by its local hour and minute (the short format shows no more), not
# by the moment: every day's slots then share the same few hundred entries.
@functools.lru_cache(maxsize=4096)
def _format_date(value: date, locale: str, fmt: str) -> str:
    return str(babel_format_date(value, format=fmt, locale=babel_locale(locale)))


@functools.lru_cache(maxsize=4096)
def _format_day_short(value: date, locale: str) -> str:
    return str(format_skeleton("MMMEd", value, locale=babel_locale(locale)))


@functools.lru_cache(maxsize=8192)  # every minute of the day in five languages
def _format_clock(hour: int, minute: int, locale: str) -> str:
    return str(babel_format_time(time(hour, minute), format="short", locale=babel_locale(locale)))
