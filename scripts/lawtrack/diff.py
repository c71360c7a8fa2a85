"""Text diffs of aligned units: the only module that imports diff-match-patch.

Japanese is diffed by character, English by word: tokens are mapped to one character each (keyed
by their normalised form, so formatting variants compare equal), diffed, semantically cleaned up
and mapped back to the original texts. Results never depend on time: a deterministic guard renders
very different or very large pairs as replaced before any diff runs, and the timeout is only a
safety net (tests show it is never reached on real texts). Pure; no I/O.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import Indel

from lawtrack.textnorm import EN_TOKEN_RE, JA_MULTI_TOKEN_RE, token_key

if TYPE_CHECKING:
    from collections.abc import Iterable

TIMEOUT = 5.0
"""Safety net in seconds for one diff; the guard keeps real diffs far below it."""
MIN_SIMILARITY = 0.4
"""Below this similarity (of the token keys) a pair is shown as replaced, not as a redline."""
MIN_KEPT = 0.6
"""...unless at least this share of the shorter text (spaces aside) is kept in the longer."""
MAX_WORK = 5_000_000
"""Above this length × distance (tokens) a pair is shown as replaced."""
_PRIVATE = 0xF0000
"""Tokens that are not one character become characters from this plane onwards."""


class Op(enum.StrEnum):
    """What a segment of a diff does."""

    EQUAL = "="
    DELETE = "-"
    INSERT = "+"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text that is kept, deleted or inserted."""

    op: Op
    text: str
    formatting: bool = False
    """True for a delete/insert pair that differs only in formatting (width, numerals, spaces)."""


@dataclass(frozen=True, slots=True)
class TextDiff:
    """The diff of two texts: segments that join back into both."""

    segments: tuple[Segment, ...]
    replaced: bool = False
    """True when the guard showed the pair as replaced instead of diffing it."""

    @property
    def old(self) -> str:
        """The old text, rebuilt from the segments."""
        return "".join(s.text for s in self.segments if s.op is not Op.INSERT)

    @property
    def new(self) -> str:
        """The new text, rebuilt from the segments."""
        return "".join(s.text for s in self.segments if s.op is not Op.DELETE)

    @property
    def changed(self) -> tuple[int, int]:
        """Characters deleted and inserted, not counting formatting-only changes."""
        deleted = sum(len(s.text) for s in self.segments if s.op is Op.DELETE and not s.formatting)
        inserted = sum(len(s.text) for s in self.segments if s.op is Op.INSERT and not s.formatting)
        return deleted, inserted


def _fast_engine(a: str, b: str, timeout: float) -> list[tuple[str, str]]:
    import fast_diff_match_patch

    result: list[tuple[str, str]] = fast_diff_match_patch.diff(
        a, b, timelimit=timeout, checklines=False, cleanup="Semantic", counts_only=False
    )
    return result


def _pure_engine(a: str, b: str, timeout: float) -> list[tuple[str, str]]:
    from diff_match_patch import diff_match_patch

    dmp: Any = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [({-1: "-", 0: "=", 1: "+"}[op], text) for op, text in diffs]


Engine = Callable[[str, str, float], list[tuple[str, str]]]
ENGINES: dict[str, Engine] = {"fast": _fast_engine, "pure": _pure_engine}
"""The C++ port (fast-diff-match-patch) and the pure-Python package; they give identical output."""


def default_engine() -> str:
    """`fast` when fast-diff-match-patch imports, else `pure`."""
    try:
        import fast_diff_match_patch  # noqa: F401
    except ImportError:  # pragma: no cover - the wheel is a declared dependency
        return "pure"
    return "fast"


def diff_texts(
    old: str, new: str, language: str, *, engine: str | None = None, timeout: float = TIMEOUT
) -> TextDiff:
    """Diff two original texts.

    Args:
        old: The old text as written.
        new: The new text as written.
        language: `ja` (by character) or `en` (by word).
        engine: `fast` or `pure`; default: fast if available.
        timeout: Safety net in seconds (tests compare against an unlimited run).

    Returns:
        Segments that join back exactly into `old` (= and -) and `new` (= and +).
    """
    if old == new:
        return TextDiff((Segment(Op.EQUAL, old),) if old else ())
    old_texts, old_chars, new_texts, new_chars = _encode_pair(old, new, language)
    if not old_chars or not new_chars or _too_different(old_chars, new_chars):
        return TextDiff(_replaced(old, new), replaced=bool(old_chars and new_chars))
    ops = ENGINES[engine or default_engine()](old_chars, new_chars, timeout)
    return TextDiff(_merge(_decode(ops, old_texts, new_texts)))


def _replaced(old: str, new: str) -> tuple[Segment, ...]:
    return tuple(s for s in (Segment(Op.DELETE, old), Segment(Op.INSERT, new)) if s.text)


def _too_different(a: str, b: str) -> bool:
    """Whether to show a pair as replaced: too little in common, or too much work to diff.

    Little in common means low similarity of the whole texts *and* little of the shorter text
    (ignoring spaces) found in the longer one, so a short text that grew a lot still gets a
    redline.
    """
    distance = Indel.distance(a, b)
    if max(len(a), len(b)) * distance > MAX_WORK:
        return True
    if 1 - distance / (len(a) + len(b)) >= MIN_SIMILARITY:
        return False
    short_a, short_b = a.replace(" ", ""), b.replace(" ", "")
    shorter = min(len(short_a), len(short_b))
    if not shorter:
        return True
    common = (len(short_a) + len(short_b) - Indel.distance(short_a, short_b)) / 2
    return common / shorter < MIN_KEPT


class _Codes(dict[str, str]):
    """Token key → one character: itself if one character below the private planes, else new.

    Equal keys get equal characters, and characters that diff-match-patch's cleanup tells apart
    (spaces, letters, line breaks) keep their class, so diffs are the same whatever code a key
    gets.
    """

    def __missing__(self, key: str) -> str:
        if len(key) == 1 and ord(key) < _PRIVATE:
            code = key
        else:
            code = chr(_PRIVATE + self.assigned)
            self.assigned += 1
        self[key] = code
        return code

    assigned = 0


class _PieceCodes(dict[str, str]):
    """A token as written → the code of its key (`str.translate` tables use ordinals)."""

    def __missing__(self, piece: str) -> str:
        code = _CODES[token_key(piece)]
        self[piece] = code
        return code


class _CharCodes(dict[int, str]):
    def __missing__(self, ordinal: int) -> str:
        code = _PIECES[chr(ordinal)]
        self[ordinal] = code
        return code


_CODES = _Codes()
_PIECES = _PieceCodes()
_CHARS = _CharCodes()
_MAX_CODES = 0x10FFFE - _PRIVATE
"""Private characters there are; past them the tables start again (`_encode_pair`)."""


def release_memos() -> None:
    """Forget every text's encoding, to be done once a build has diffed everything.

    The memo holds up to 65,536 token lists; kept through the rest of a build they cost the
    memory and the garbage collector's time of MkDocs converting pages.
    """
    for table in (_CODES, _PIECES, _CHARS):
        table.clear()
    _CODES.assigned = 0
    _encoded.cache_clear()


def _encode_pair(old: str, new: str, language: str) -> tuple[list[str], str, list[str], str]:
    """The tokens of both texts and one character per token (see `_encoded`)."""
    if _CODES.assigned > _MAX_CODES - 2 * (len(old) + len(new)):
        release_memos()
    old_texts, old_chars = _encoded(old, language)
    new_texts, new_chars = _encoded(new, language)
    return old_texts, old_chars, new_texts, new_chars


@functools.lru_cache(maxsize=65536)
def _encoded(text: str, language: str) -> tuple[list[str], str]:
    """A text's tokens (`textnorm.tokens`) and one character per token key.

    Memoised (each version's text is diffed against every other version's; nothing changes
    the lists). Room for every text of 1,000 provisions × 10 versions × 2 languages and more:
    with 8,192 entries half the lookups of that corpus missed, 7 s of its build. Japanese: runs
    of single-character tokens are encoded by `str.translate`.
    """
    if language != "ja":
        pieces = EN_TOKEN_RE.findall(text)
        return pieces, "".join(map(_PIECES.__getitem__, pieces))
    texts: list[str] = []
    codes: list[str] = []
    position = 0
    for match in JA_MULTI_TOKEN_RE.finditer(text):
        run = text[position : match.start()]
        texts.extend(run)
        codes.append(run.translate(_CHARS))
        number, other = match.groups()
        texts.append(match.group())
        codes.append(_CODES[token_key(number or other, numbering=bool(number))])
        position = match.end()
    texts.extend(text[position:])
    codes.append(text[position:].translate(_CHARS))
    return texts, "".join(codes)


def _decode(ops: Iterable[tuple[str, str]], old: list[str], new: list[str]) -> list[Segment]:
    """Map the diff of token characters back to runs of the original tokens."""
    out: list[Segment] = []
    i = j = 0
    for op, chars in ops:
        size = len(chars)
        if op == "-":
            out.append(Segment(Op.DELETE, "".join(old[i : i + size])))
            i += size
        elif op == "+":
            out.append(Segment(Op.INSERT, "".join(new[j : j + size])))
            j += size
        else:
            out.extend(_equal_run(old[i : i + size], new[j : j + size]))
            i, j = i + size, j + size
    return out


def _equal_run(old: list[str], new: list[str]) -> list[Segment]:
    """Tokens with equal keys: equal where written alike, else a formatting-only pair."""
    if old == new:
        return [Segment(Op.EQUAL, "".join(old))]
    out = []
    for before, after in zip(old, new, strict=True):
        if before == after:
            out.append(Segment(Op.EQUAL, before))
        else:
            out.append(Segment(Op.DELETE, before, formatting=True))
            out.append(Segment(Op.INSERT, after, formatting=True))
    return out


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    """Join neighbouring segments of the same kind; deletions before insertions in a run."""
    out: list[Segment] = []
    for segment in _reorder(segments):
        if out and out[-1].op is segment.op and out[-1].formatting == segment.formatting:
            out[-1] = Segment(segment.op, out[-1].text + segment.text, segment.formatting)
        else:
            out.append(segment)
    return tuple(out)


def _reorder(segments: list[Segment]) -> list[Segment]:
    """Within each run of changes, put deletions before insertions.

    Equalities and formatting-only pairs bound the runs; a formatting pair stays together.
    """
    out: list[Segment] = []
    run: list[Segment] = []
    for segment in [*segments, Segment(Op.EQUAL, "")]:
        if segment.op is Op.EQUAL or segment.formatting:
            out.extend(s for s in run if s.op is Op.DELETE)
            out.extend(s for s in run if s.op is Op.INSERT)
            run = []
            if segment.text:
                out.append(segment)
        else:
            run.append(segment)
    return out


def to_ops(diff: TextDiff) -> list[list[str]]:
    """The diff as `[op, text]` pairs (the compare output contract)."""
    return [[s.op.value, s.text] for s in diff.segments]
