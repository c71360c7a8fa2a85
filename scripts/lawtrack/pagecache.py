"""Converted pages kept between the rebuilds of `mkdocs serve`, by the digest of their Markdown.

`mkdocs serve` rebuilds the whole site after every change: every page's Markdown is converted
again, though editing one draft changes few generated pages. The plugin asks this cache before
a generated page is converted; on a hit it hands MkDocs an empty page to convert and puts the
kept HTML (already sanitised), table of contents and anchors back afterwards. Only during
`serve`: a build converts (and validates) everything. Entries of the previous build that this
one did not use are dropped, so the cache holds at most two builds' worth.

No mkdocs import: it keeps what the plugin gives it (`toc` and anchors are MkDocs objects).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Converted:
    """What converting a page produced (after the plugin's own `on_page_content`)."""

    html: str
    toc: Any
    anchors: Any
    title: Any


class PageCache:
    """Converted generated pages of the last build and of this one, by content digest."""

    def __init__(self) -> None:
        self.previous: dict[str, Converted] = {}
        self.current: dict[str, Converted] = {}
        self.hits = 0
        self.misses = 0
        self._pending: dict[str, tuple[str, Converted | None]] = {}

    def start(self, settings: str) -> None:
        """Begin a build; `settings` are what else decides conversion (extensions, URLs)."""
        self.previous, self.current = {**self.previous, **self.current}, {}
        self.settings = settings
        self._pending.clear()
        self.hits = self.misses = 0

    def lookup(self, src: str, markdown: str) -> bool:
        """Remember the page's digest; True when it was converted before (skip converting)."""
        digest = hashlib.blake2b(
            f"{self.settings}\0{src}\0".encode() + markdown.encode(), digest_size=20
        ).hexdigest()
        found = self.previous.get(digest)
        self._pending[src] = (digest, found)
        if found is None:
            self.misses += 1
            return False
        self.hits += 1
        return True

    def restore(self, src: str) -> Converted | None:
        """The kept conversion of a page found by `lookup` (None when it has to be converted)."""
        digest, found = self._pending.get(src, ("", None))
        if found is not None:
            self.current[digest] = found
        return found

    def keep(self, src: str, converted: Converted) -> None:
        """Keep a page converted in this build."""
        digest, _ = self._pending.pop(src, ("", None))
        if digest:
            self.current[digest] = converted

    def finish(self) -> None:
        """End a build: forget what it did not use."""
        self.previous = {}
