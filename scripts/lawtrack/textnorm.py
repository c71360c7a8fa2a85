"""Normalise provision texts for comparison; never for display.

Two texts that differ only in formatting (full- or half-width characters, kanji or Arabic numerals
in numbering, whitespace) normalise to the same string; masking also hides internal references
(前条, 第四条第二項, "Article 4", "the preceding Article") so that renumbering does not lower
similarity. Pure functions; no I/O.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from lawtrack.numerals import KANJI_NUMERAL_CHARS, parse_kanji

REF_MARK = "§"
"""What a masked internal reference becomes."""

_K = f"[{KANJI_NUMERAL_CHARS}]+"
_UNIT = "編章節款条項号"
# Kanji numerals that number something: 第十二条, 第十二条の二, and items at a line start (一　…).
_JA_NUMBERING_RE = re.compile(
    rf"(?<=第)({_K})(?=[{_UNIT}])|(?<=[{_UNIT}]の)({_K})|^({_K})(?=[ 　])", re.M
)
_SPACE_RE = re.compile(r"\s+")
_JA_REF_RE = re.compile(rf"(?:第\d+[{_UNIT}](?:の\d+)*)+|(?:前|次|同|前各|次の各)[条項号]")
_EN_REF_RE = re.compile(
    r"\b(?:[Tt]he\s+(?:preceding|following|same)\s+(?:Articles?|paragraphs?|items?)"
    r"|(?:[Aa]rticles?|Art\.|[Pp]aragraphs?|[Ii]tems?|[Cc]hapters?|[Ss]ections?)\s+"
    r"(?:\d+(?:-\d+)*|\([0-9ivxlc]+\))(?:\s*\([0-9ivxlc]+\))*)"
)
# Diff tokens. Japanese: one character each, except numbers in numbering and digit runs, so that
# 第十二条 and 第12条 compare equal; English: words, single punctuation marks, whitespace runs.
_JA_TOKEN_RE = re.compile(
    rf"((?<=第){_K}(?=[{_UNIT}])|(?<=[{_UNIT}]の){_K}|^{_K}(?=[ 　]))|([0-9０-９]+|\s+|.)",
    re.M | re.S,
)
_EN_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]", re.S)
JA_MULTI_TOKEN_RE = re.compile(
    rf"((?<=第){_K}(?=[{_UNIT}])|(?<=[{_UNIT}]の){_K}|^{_K}(?=[ 　]))|([0-9０-９]+|\s+)", re.M
)
"""The Japanese tokens longer than one character (numbering numerals as group 1, digit and
whitespace runs as group 2): `tokens` without the single characters between them, for fast
tokenisers (`diff`). Every other character is a token of its own."""
EN_TOKEN_RE = _EN_TOKEN_RE
"""English tokens: words, single punctuation marks, whitespace runs."""


def _arabic(match: re.Match[str]) -> str:
    text = match.group(0)
    value = parse_kanji(text)
    return str(value) if value is not None else text


@functools.lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """Fold formatting variants: NFKC width, numbering numerals, whitespace.

    Memoised: alignment compares each text with many candidates, across every pair of versions.

    Args:
        text: Original provision text.

    Returns:
        A comparison key; equal keys mean the texts differ only in formatting.
    """
    folded = _JA_NUMBERING_RE.sub(_arabic, text)
    folded = unicodedata.normalize("NFKC", folded)
    return _SPACE_RE.sub(" ", folded).strip()


_JA_REF_HINTS = ("第", "前", "次", "同")
_EN_REF_HINTS = ("rticle", "Art.", "aragraph", "item", "hapter", "ection")


def mask_references(normalized: str) -> str:
    """Replace internal references in a normalised text by `REF_MARK`."""
    masked = normalized
    if any(hint in masked for hint in _JA_REF_HINTS):
        masked = _JA_REF_RE.sub(REF_MARK, masked)
    if any(hint in masked for hint in _EN_REF_HINTS):
        masked = _EN_REF_RE.sub(REF_MARK, masked)
    return masked


@functools.lru_cache(maxsize=16384)
def comparable(text: str) -> str:
    """The text similarity is measured on: normalised, with references masked (memoised)."""
    return mask_references(normalize(text))


def tokens(text: str, language: str) -> tuple[list[str], list[str]]:
    """Split a text into diff tokens (Japanese by character, English by word).

    Args:
        text: Original text.
        language: `ja` or `en`.

    Returns:
        The tokens as written (they join back into `text` exactly) and the key of each, by
        which tokens compare: equal keys differ only in formatting.
    """
    if language == "ja":
        pieces = _JA_TOKEN_RE.findall(text)
        texts = [number or other for number, other in pieces]
        keys = [_number_key(number) if number else _key(other) for number, other in pieces]
        return texts, keys
    texts = _EN_TOKEN_RE.findall(text)
    return texts, [_key(piece) for piece in texts]


@functools.lru_cache(maxsize=65536)
def _key(piece: str) -> str:
    if piece.isspace():
        return " "
    return unicodedata.normalize("NFKC", piece)


def _number_key(piece: str) -> str:
    value = parse_kanji(piece)
    return str(value) if value is not None else piece


def token_key(piece: str, *, numbering: bool = False) -> str:
    """The key of one token, as `tokens` gives it (`numbering` for numbering numerals)."""
    return _number_key(piece) if numbering else _key(piece)
