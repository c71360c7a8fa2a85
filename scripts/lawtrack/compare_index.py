"""Every comparison of every document, computed once per build and cached across builds.

Results are cached per pair of versions under a hash of the files of every version from the older
to the newer (lineages between them decide a derived alignment), so editing one draft recomputes
only the pairs that span it. Pure apart from the injected cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from lawtrack.align import Alignment, Change, ChangeKind, MatchKind, align_versions
from lawtrack.compare import Comparison, Entry, compare_drafts, compare_languages, side_text
from lawtrack.diff import Op, Segment, TextDiff
from lawtrack.lineage import DocumentLineage, Lineage, chain, derive

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from lawtrack.model import Corpus, Document, Provision, Version

ALGORITHM = "lawtrack-compare-4"
"""Part of every cache key: change it whenever alignment or diff output changes."""


class Cache(Protocol):
    """Where results are kept across builds, by content hash."""

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None."""

    def put(self, key: str, value: Any) -> None:
        """Store a JSON-compatible value under `key`."""


PairResult = tuple[Alignment, list[Comparison]]


@dataclass(frozen=True, slots=True)
class CompareIndex:
    """Lineages and comparisons of every document, computed once per build."""

    documents: dict[str, DocumentLineage] = field(default_factory=dict)
    comparisons: dict[tuple[str, str, str, str], Comparison] = field(default_factory=dict)
    """(document, old version, new version, language) → comparison."""
    results: dict[str, PairResult] = field(default_factory=dict)
    """Each pair's alignment and comparisons by its content key (`pair_key`), so that the next
    build in the same process (`mkdocs serve`) reuses them without reading the cache."""
    stats: dict[str, int] = field(default_factory=dict)
    """How many pairs were `reused` from the previous build, `loaded` from the cache and
    `computed` (or to be computed when asked for: `pending`)."""
    pending: dict[tuple[str, str, str], _Pending] = field(default_factory=dict)
    """(document, old version, new version) → the diffs of a pair not yet computed
    (`build_index(lazy=True)`): computed, cached and added to `comparisons` when first asked for."""

    def lineage(self, document: str) -> DocumentLineage | None:
        """The lineages and alignments of a document."""
        return self.documents.get(document)

    def comparison(self, document: str, old: str, new: str, language: str) -> Comparison | None:
        """The comparison of two versions in one language, if both have that language."""
        found = self.comparisons.get((document, old, new, language))
        if found is None:
            waiting = self.pending.pop((document, old, new), None)
            if waiting is not None:
                waiting.compute(self)
                found = self.comparisons.get((document, old, new, language))
        return found

    def languages(self, document: str, old: str, new: str) -> tuple[str, ...]:
        """The languages two versions are compared in (Japanese first)."""
        waiting = self.pending.get((document, old, new))
        found: set[str]
        if waiting is not None:
            found = {b.language for _, b in compare_languages(waiting.span[0], waiting.span[-1])}
        else:
            found = {key[3] for key in self.comparisons if key[:3] == (document, old, new)}
        return tuple(lang for lang in ("ja", "en") if lang in found)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A pair whose alignment is known and whose diffs are computed when first asked for."""

    span: Sequence[Version]
    key: str
    alignment: Alignment
    cache: Cache | None
    memo: dict[tuple[str, str, str], TextDiff]

    def compute(self, index: CompareIndex) -> None:
        """Diff the pair, cache it, and add it to the index."""
        comparisons = _diffed(self.span, self.key, self.alignment, self.cache, self.memo)
        index.results[self.key] = (self.alignment, comparisons)
        for c in comparisons:
            index.comparisons[(c.document, c.old, c.new, c.language)] = c


def version_digest(version: Version) -> str:
    """A digest of a version's files."""
    return hashlib.sha256("".join(d.sha256 for d in version.drafts).encode()).hexdigest()


def pair_key(versions: Sequence[Version]) -> str:
    """The cache key of a pair (given with every version between them)."""
    digests = [ALGORITHM, versions[0].document, *(version_digest(v) for v in versions)]
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def build_index(
    corpus: Corpus,
    cache: Cache | None = None,
    *,
    previous: CompareIndex | None = None,
    lazy: bool = False,
) -> CompareIndex:
    """Align and diff every pair of versions of every document, reusing cached pairs.

    Args:
        corpus: The validated drafts.
        cache: Results of earlier builds, by content hash; None computes everything.
        previous: The index of the previous build in this process, whose pairs are reused
            where their content key is unchanged.
        lazy: Leave the diffs of versions that are not next to each other to be computed
            when first asked for (`CompareIndex.pending`). Only their compare pages ask, so
            a build computes them while it renders those pages, in whichever process renders
            them (docs/performance.md). Their alignments are computed now.

    Returns:
        The lineages and comparisons of the whole corpus.
    """
    index = CompareIndex(stats=dict.fromkeys(("reused", "loaded", "computed"), 0))
    builder = _Builder(cache, previous.results if previous is not None else {}, index, lazy=lazy)
    for document in corpus.documents:
        lineage, comparisons = _document(document, builder)
        index.documents[document.slug] = lineage
        for comparison in comparisons:
            key = (comparison.document, comparison.old, comparison.new, comparison.language)
            index.comparisons[key] = comparison
    return index


class _Builder:
    """What the pairs of one build share: the caches, the diff memo, the new index."""

    def __init__(
        self,
        cache: Cache | None,
        previous: dict[str, PairResult],
        index: CompareIndex,
        *,
        lazy: bool = False,
    ):
        self.cache, self.previous, self.index, self.lazy = cache, previous, index, lazy
        self.memo: dict[tuple[str, str, str], TextDiff] = {}

    def pair(self, span: Sequence[Version], lineages: Sequence[Lineage] | None) -> PairResult:
        """One pair's result: from the previous build, the cache, or computed (and cached).

        Lazily, a derived pair that must be computed gets its alignment now and its
        comparisons later (`_Pending`): the result returned holds none yet.
        """
        key = pair_key(span)
        result = self.previous.get(key)
        if result is not None and _same_paths(result[1], span[0], span[-1]):
            self.index.stats["reused"] += 1
        elif self.lazy and lineages is not None:
            result = _cached(span, key, self.cache)
            if result is None:
                old, new = span[0], span[-1]
                alignment = derive(old, new, lineages)
                waiting = _Pending(span, key, alignment, self.cache, self.memo)
                self.index.pending[(old.document, old.version, new.version)] = waiting
                self.index.stats["computed"] += 1
                return alignment, []
            self.index.stats["loaded"] += 1
        else:
            alignment, comparisons, computed = _pair(span, key, self.cache, self.memo, lineages)
            self.index.stats["computed" if computed else "loaded"] += 1
            result = (alignment, comparisons)
        self.index.results[key] = result
        return result


def _same_paths(comparisons: list[Comparison], old: Version, new: Version) -> bool:
    """Whether reused comparisons name the drafts as they are now (a file may be renamed)."""
    pairs = compare_languages(old, new)
    return len(pairs) == len(comparisons) and all(
        (c.old_path, c.new_path) == (a.path, b.path)
        for c, (a, b) in zip(comparisons, pairs, strict=True)
    )


def _document(document: Document, builder: _Builder) -> tuple[DocumentLineage, list[Comparison]]:
    versions = document.versions
    results: dict[tuple[int, int], PairResult] = {}
    for i in range(len(versions) - 1):
        results[(i, i + 1)] = builder.pair(versions[i : i + 2], None)
    consecutive = [results[(i, i + 1)][0] for i in range(len(versions) - 1)]
    lineages = chain(document, consecutive) if versions else ()
    for i, j in _pairs(len(versions)):
        if j > i + 1:
            results[(i, j)] = builder.pair(versions[i : j + 1], lineages)
    alignments = tuple(results[key][0] for key in sorted(results, key=lambda k: (k[1] - k[0], k)))
    lineage = DocumentLineage(
        document.slug, tuple(v.version for v in versions), lineages, alignments
    )
    comparisons = [c for key in sorted(results) for c in results[key][1]]
    return lineage, comparisons


def _pairs(count: int) -> Iterator[tuple[int, int]]:
    for i in range(count):
        for j in range(i + 1, count):
            yield i, j


def _pair(
    span: Sequence[Version],
    key: str,
    cache: Cache | None,
    memo: dict[tuple[str, str, str], TextDiff],
    lineages: Sequence[Lineage] | None,
) -> tuple[Alignment, list[Comparison], bool]:
    """A pair's alignment and comparisons, and whether they were computed (not cached)."""
    old, new = span[0], span[-1]
    stored = _cached(span, key, cache)
    if stored is not None:
        return (*stored, False)
    alignment = align_versions(old, new) if lineages is None else derive(old, new, lineages)
    return alignment, _diffed(span, key, alignment, cache, memo), True


def _diffed(
    span: Sequence[Version],
    key: str,
    alignment: Alignment,
    cache: Cache | None,
    memo: dict[tuple[str, str, str], TextDiff],
) -> list[Comparison]:
    """The comparisons of an aligned pair in each language, stored in the cache."""
    old, new = span[0], span[-1]
    comparisons = [compare_drafts(alignment, a, b, memo) for a, b in compare_languages(old, new)]
    if cache is not None:
        cache.put(key, _pair_to_data(alignment, comparisons))
    return comparisons


def _cached(span: Sequence[Version], key: str, cache: Cache | None) -> PairResult | None:
    """A pair from the cache, or None (absent, or not readable as a pair of these versions)."""
    stored = cache.get(key) if cache is not None else None
    if stored is None:
        return None
    try:
        return _pair_from_data(stored, span[0], span[-1])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None


def _pair_to_data(alignment: Alignment, comparisons: Sequence[Comparison]) -> dict[str, Any]:
    return {
        "language": alignment.language,
        "changes": [change_to_data(c) for c in alignment.changes],
        "diffs": {
            c.language: [
                [e.old_caption, e.new_caption, e.diff.replaced, _segments_data(e.diff)]
                for e in c.entries
            ]
            for c in comparisons
        },
    }


def _pair_from_data(
    data: dict[str, Any], old: Version, new: Version
) -> tuple[Alignment, list[Comparison]]:
    changes = tuple(change_from_data(c) for c in data["changes"])
    alignment = Alignment(old.document, old.version, new.version, data["language"], changes)
    comparisons = []
    for a, b in compare_languages(old, new):
        rows = data["diffs"][b.language]
        units = b.by_id()
        entries = tuple(
            Entry(change, _diff_from_data(row, units, change), row[0], row[1])
            for change, row in zip(changes, rows, strict=True)
        )
        comparisons.append(
            Comparison(old.document, old.version, new.version, b.language, a.path, b.path, entries)
        )
    return alignment, comparisons


def _segments_data(diff: TextDiff) -> list[list[Any]] | None:
    """A diff's segments as data; None for unchanged text, which the drafts already hold."""
    if all(s.op is Op.EQUAL for s in diff.segments):
        return None
    return [[s.op.value, s.text, s.formatting] for s in diff.segments]


def _diff_from_data(row: list[Any], units: Mapping[str, Provision], change: Change) -> TextDiff:
    if row[3] is None:  # unchanged: the new draft's text, as `compare_drafts` joins it
        text = side_text(units, change.new)
        return TextDiff((Segment(Op.EQUAL, text),) if text else ())
    return TextDiff(tuple(Segment(Op(s[0]), s[1], s[2]) for s in row[3]), row[2])


def change_to_data(change: Change) -> dict[str, Any]:
    """A change as JSON-compatible data (without its diff)."""
    return {
        "kind": change.kind.value,
        "old": list(change.old),
        "new": list(change.new),
        "renumbered": change.renumbered,
        "similarity": change.similarity,
        "match": change.match.value if change.match else None,
        "lead": list(change.lead) if change.lead else None,
    }


def change_from_data(data: dict[str, Any]) -> Change:
    """The inverse of `change_to_data`."""
    return Change(
        ChangeKind(data["kind"]),
        tuple(data["old"]),
        tuple(data["new"]),
        bool(data["renumbered"]),
        float(data["similarity"]),
        MatchKind(data["match"]) if data["match"] else None,
        (data["lead"][0], data["lead"][1]) if data["lead"] else None,
    )
