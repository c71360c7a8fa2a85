"""Defined terms: find the terms a version defines and where they occur in its text.

Japanese: 「人工知能関連技術」とは、…をいう。 English: "AI-related technology" means …
Japanese text has no word boundaries, so occurrences are found by plain substring search,
longest term first, never inside another match. Pure functions; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.model import Kind

if TYPE_CHECKING:
    from lawtrack.model import Draft

_JA_RE = re.compile(r"「(?P<term>[^「」]{1,40})」とは")
_EN_RE = re.compile(r"[\"“](?P<term>[^\"“”]{1,60})[\"”]\s+(?:means|refers to|covers|includes)\b")
_TEXT_KINDS = (Kind.PARAGRAPH, Kind.ITEM, Kind.HEADING, Kind.SUPPL)


@dataclass(frozen=True, slots=True)
class Term:
    """A term defined in one version of a document."""

    term: str
    definition: str
    """The paragraph or item that defines it, as written (long ones shortened with …)."""
    provision: str
    """The id of the paragraph or item that defines it."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a defined term is used in a text."""

    start: int
    end: int
    term: Term


def defined_terms(draft: Draft) -> tuple[Term, ...]:
    """Every term defined in a draft, in document order (first definition wins)."""
    pattern = _JA_RE if draft.language == "ja" else _EN_RE
    found: dict[str, Term] = {}
    for provision in draft.provisions:
        if provision.kind not in _TEXT_KINDS or not provision.text:
            continue
        for match in pattern.finditer(provision.text):
            term = match.group("term").strip()
            if term and term not in found:
                found[term] = Term(term, _shorten(provision.text), provision.id)
    return tuple(found.values())


def _shorten(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def occurrences(
    text: str, terms: tuple[Term, ...], *, skip: tuple[tuple[int, int], ...] = ()
) -> list[Occurrence]:
    """Where the terms occur in `text`, longest first, non-overlapping, outside `skip` spans.

    Args:
        text: The text to search.
        terms: The terms of the text's version.
        skip: Spans already taken (references, the definition itself).

    Returns:
        The occurrences in text order.
    """
    taken = list(skip)
    found: list[Occurrence] = []
    for term in sorted(terms, key=lambda t: (-len(t.term), t.term)):
        start = text.find(term.term)
        while start != -1:
            end = start + len(term.term)
            if all(end <= a or start >= b for a, b in taken) and _word_bounded(text, start, end):
                taken.append((start, end))
                found.append(Occurrence(start, end, term))
            start = text.find(term.term, end)
    return sorted(found, key=lambda o: o.start)


def _word_bounded(text: str, start: int, end: int) -> bool:
    """English terms must not be parts of longer words; Japanese has no such boundary."""
    first, last = text[start], text[end - 1]
    if not (first.isascii() and first.isalnum()) and not (last.isascii() and last.isalnum()):
        return True
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
