"""Small validators shared by the front matter and sidecar readers.

Pure functions; each returns the cleaned value or adds a `Problem` and returns None.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lawtrack.errors import Problem
from lawtrack.model import Localized, Source

if TYPE_CHECKING:
    from lawtrack.yamlio import YamlDoc

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_RE = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
ID_RE = re.compile(r"^[a-z0-9]+(?:[-.~][a-z0-9]+)*$")


class Checker:
    """Collects problems while reading one YAML document."""

    def __init__(self, doc: YamlDoc, path: str) -> None:
        self.doc = doc
        self.path = path
        self.problems: list[Problem] = []

    def error(self, where: tuple[str | int, ...], message: str, expected: str = "") -> None:
        """Record a problem at the line of `where`."""
        self.problems.append(Problem(self.path, self.doc.line(*where), message, expected))

    def mapping(self, value: Any, where: tuple[str | int, ...], what: str) -> dict[str, Any] | None:
        """Check that `value` is a mapping with string keys."""
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            self.error(where, f"{what} is not a mapping of names to values", "key: value lines")
            return None
        return value

    def keys(
        self,
        data: dict[str, Any],
        where: tuple[str | int, ...],
        required: set[str],
        known: set[str],
    ) -> bool:
        """Check required and unknown keys; True when all required keys are present."""
        ok = True
        for key in sorted(required - data.keys()):
            self.error(where or (), f"missing required key '{key}'", f"'{key}:'")
            ok = False
        for key in data:
            if key not in known:
                self.error(
                    (*where, key), f"unknown key '{key}'", "one of " + ", ".join(sorted(known))
                )
        return ok

    def text(
        self, value: Any, where: tuple[str | int, ...], *, required: bool = True
    ) -> str | None:
        """Check a non-empty single string."""
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            shown = type(value).__name__ if not isinstance(value, str) else "an empty string"
            self.error(
                where, f"'{where[-1]}' must be text, not {shown}", "a quoted or plain string"
            )
            return None
        if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
            self.error(where, f"'{where[-1]}' contains control characters", "plain text")
            return None
        return value.strip()

    def slug(
        self, value: Any, where: tuple[str | int, ...], pattern: re.Pattern[str]
    ) -> str | None:
        """Check a slug against `pattern`."""
        if not isinstance(value, str) or not pattern.match(value):
            self.error(
                where,
                f"'{where[-1]}' is {value!r}, not a valid id",
                "lowercase ASCII letters and digits joined by single hyphens",
            )
            return None
        return value

    def date(self, value: Any, where: tuple[str | int, ...]) -> dt.date | None:
        """Check an ISO date (YAML date or quoted string)."""
        if isinstance(value, dt.datetime):
            self.error(where, f"'{where[-1]}' has a time of day", "a date like 2025-06-04")
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(where, f"'{where[-1]}' is {value!r}, not a date", "a date like 2025-06-04")
        return None

    def choice(
        self, value: Any, where: tuple[str | int, ...], choices: tuple[str, ...]
    ) -> str | None:
        """Check a value from a closed set."""
        if not isinstance(value, str) or value not in choices:
            self.error(where, f"'{where[-1]}' is {value!r}", "one of " + ", ".join(choices))
            return None
        return value

    def localized(
        self, value: Any, where: tuple[str | int, ...], *, required: bool = True
    ) -> Localized | None:
        """Check a text given as a string or as {en: …, ja: …}."""
        if value is None and not required:
            return Localized()
        if isinstance(value, str) and value.strip():
            return Localized(en=value.strip())
        data = self.mapping(value, where, f"'{where[-1]}'")
        if data is None:
            return None
        self.keys(data, where, set(), {"en", "ja"})
        en = self.text(data.get("en"), (*where, "en"), required=False)
        ja = self.text(data.get("ja"), (*where, "ja"), required=False)
        if en is None or ja is None:
            return None
        if required and not (en or ja):
            self.error(where, f"'{where[-1]}' is empty", "en: and/or ja: text")
            return None
        return Localized(en=en, ja=ja)

    def sources(self, value: Any, where: tuple[str | int, ...]) -> tuple[Source, ...] | None:
        """Check one source mapping or a list of them."""
        items = value if isinstance(value, list) else [value]
        if not items:
            self.error(where, f"'{where[-1]}' is an empty list", "at least one {url: …}")
            return None
        out: list[Source] = []
        for index, item in enumerate(items):
            here = (*where, index) if isinstance(value, list) else where
            data = self.mapping(item, here, "a source")
            if data is None:
                return None
            if not self.keys(data, here, {"url"}, {"url", "title"}):
                return None
            url = self.url(data["url"], (*here, "url"))
            title = self.text(data.get("title"), (*here, "title"), required=False)
            if url is None or title is None:
                return None
            out.append(Source(url, title))
        return tuple(out)

    def url(self, value: Any, where: tuple[str | int, ...]) -> str | None:
        """Check an absolute http(s) URL with a host and no spaces or control characters."""
        if not isinstance(value, str):
            self.error(where, "the url is not text", "an http or https URL")
            return None
        parts = urlsplit(value.strip())
        bad_chars = any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or bad_chars:
            self.error(where, f"unusable source URL {value!r}", "an http:// or https:// URL")
            return None
        return value.strip()

    def string_list(self, value: Any, where: tuple[str | int, ...]) -> tuple[str, ...] | None:
        """Check a list of strings (a single string counts as a list of one)."""
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(where, f"'{where[-1]}' must be a list of texts", "[a, b]")
            return None
        return tuple(value)
