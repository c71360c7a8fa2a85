"""Align the units of two versions of a document: which old units became which new ones.

Units are articles (with supplementary articles), guideline sections and pinned elements, and
supplementary provisions that have paragraphs of their own. Tiers: same id and text, the newer
version's `concordance`, then similarity (see `matching`), then added and removed. `lineage`
chains these alignments through every version. Pure; no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack import matching
from lawtrack.model import Kind
from lawtrack.textnorm import mask_references, normalize

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence, Set

    from lawtrack.model import Provision, Version

UNIT_KINDS = frozenset({Kind.ARTICLE, Kind.HEADING})


class ChangeKind(enum.StrEnum):
    """What happened to a unit between two versions."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"
    SPLIT = "split"
    """One old unit became several new ones."""
    MERGED = "merged"
    """Several old units became one new one."""


class MatchKind(enum.StrEnum):
    """How the units of a change were paired."""

    SAME_ID = "same-id"
    CONCORDANCE = "concordance"
    SIMILARITY = "similarity"
    LINEAGE = "lineage"
    """Derived from lineages, for versions that are not consecutive."""


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of an alignment: which old units became which new units."""

    kind: ChangeKind
    old: tuple[str, ...]
    """Ids in the old version, in document order (empty when added)."""
    new: tuple[str, ...]
    """Ids in the new version, in document order (empty when removed)."""
    renumbered: bool
    """True when a one-to-one pair changes id."""
    similarity: float
    """Similarity of the normalised texts with references masked, 0–1, three decimals."""
    match: MatchKind | None = None
    """How the units were paired; for removals, CONCORDANCE means the concordance said so."""
    lead: tuple[str, str] | None = None
    """The (old id, new id) pair that carries the lineage on."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Every unit of two versions of a document, each in exactly one change."""

    document: str
    old: str
    new: str
    language: str
    """The language whose texts were compared."""
    changes: tuple[Change, ...]


def units(provisions: Iterable[Provision]) -> tuple[Provision, ...]:
    """The provisions that are aligned: articles, sections, suppl blocks with text."""
    return tuple(p for p in provisions if p.kind in UNIT_KINDS or (p.kind is Kind.SUPPL and p.text))


def shared_language(old: Version, new: Version) -> str | None:
    """The language both versions have, Japanese first; None if they share none."""
    for language in ("ja", "en"):
        if language in old.languages and language in new.languages:
            return language
    return None


def align_versions(old: Version, new: Version, *, consecutive: bool = True) -> Alignment:
    """Align two versions once, on a language both have (Japanese first).

    Args:
        old: The older version.
        new: The newer version.
        consecutive: Whether `new` directly follows `old` (only then its concordance applies).

    Returns:
        The alignment, valid for every language of both versions.
    """
    language = shared_language(old, new)
    old_draft = old.draft(language) if language else old.primary
    new_draft = new.draft(language) if language else new.primary
    assert old_draft is not None
    assert new_draft is not None
    changes = align(
        units(old_draft.provisions),
        units(new_draft.provisions),
        new.concordance if consecutive else (),
        language=language or new_draft.language,
        use_similarity=language is not None,
    )
    return Alignment(old.document, old.version, new.version, language or "", changes)


@dataclass(frozen=True, slots=True)
class Edge:
    """One old–new link found by a tier."""

    old: int
    new: int
    match: MatchKind
    rank: int = 0
    """0 for the link that carries the lineage on; concordance order for concordance splits."""
    score: float = 1.0


def align(
    old: Sequence[Provision],
    new: Sequence[Provision],
    concordance: Sequence[tuple[str, tuple[str, ...]]] = (),
    *,
    language: str = "ja",
    use_similarity: bool = True,
) -> tuple[Change, ...]:
    """Align two lists of units.

    Args:
        old: Units of the older version, in document order.
        new: Units of the newer version, in document order.
        concordance: Old id → new ids stated by the newer version; () means removed.
        language: The language of the texts (decides the shingle size).
        use_similarity: False when the texts are in different languages.

    Returns:
        Changes in document order; every unit is in exactly one change.
    """
    edges, stated_removed = _explicit_edges(old, new, concordance)
    old_norm, new_norm = [normalize(p.text) for p in old], [normalize(p.text) for p in new]
    state = matching.State(
        [mask_references(t) for t in old_norm],
        [mask_references(t) for t in new_norm],
        shingle_size=3 if language == "ja" else 5,
    )
    state.free_old = set(range(len(old))) - {e.old for e in edges} - stated_removed
    state.free_new = set(range(len(new))) - {e.new for e in edges}
    _same_text(state, old, new, old_norm, new_norm)
    if use_similarity:
        edges.extend(_similar_edges(state, old, new))
    else:
        _same_id(state, old, new, positional=False)
    edges.extend(Edge(o, n, _pair_match(old[o], new[n])) for o, n in state.pairs.items())
    texts = Texts(old_norm, new_norm, state.old, state.new)
    return changes_from_edges(old, new, edges, stated_removed, texts)


def _explicit_edges(
    old: Sequence[Provision],
    new: Sequence[Provision],
    concordance: Sequence[tuple[str, tuple[str, ...]]],
) -> tuple[list[Edge], set[int]]:
    old_at = {p.id: i for i, p in enumerate(old)}
    new_at = {p.id: i for i, p in enumerate(new)}
    edges: list[Edge] = []
    removed: set[int] = set()
    for old_id, targets in concordance:
        if old_id not in old_at:
            continue
        if not targets:
            removed.add(old_at[old_id])
        present = [t for t in targets if t in new_at]
        edges.extend(
            Edge(old_at[old_id], new_at[t], MatchKind.CONCORDANCE, rank)
            for rank, t in enumerate(present)
        )
    return edges, removed


def _same_text(
    state: matching.State,
    old: Sequence[Provision],
    new: Sequence[Provision],
    old_norm: list[str],
    new_norm: list[str],
) -> None:
    new_at = {p.id: i for i, p in enumerate(new)}
    for o in sorted(state.free_old):
        n = new_at.get(old[o].id)
        if n is not None and n in state.free_new and old_norm[o] == new_norm[n]:
            state.match(o, n)


def _same_id(
    state: matching.State, old: Sequence[Provision], new: Sequence[Provision], *, positional: bool
) -> None:
    old_at = {p.id: i for i, p in enumerate(old)}
    for n in sorted(state.free_new):
        o = old_at.get(new[n].id)
        if o in state.free_old and (not positional or o in state.guesses(n)):
            state.match(o, n)


def _similar_edges(
    state: matching.State, old: Sequence[Provision], new: Sequence[Provision]
) -> list[Edge]:
    old_at = {p.id: i for i, p in enumerate(old)}
    same_id = {n: old_at[p.id] for n, p in enumerate(new) if p.id in old_at}
    matching.hash_tier(state)
    matching.neighbour_tier(state, same_id)
    edges = _part_edges(state)
    matching.shingle_tier(state)
    _same_id(state, old, new, positional=True)
    return edges


def _part_edges(state: matching.State) -> list[Edge]:
    """Split parts, then merge parts, near their partners; they leave the free sets."""
    allowed_old = state.free_old | set(state.pairs)
    edges = [
        Edge(o, n, MatchKind.SIMILARITY, 1, score)
        for o, n, score in matching.split_parts(state, allowed_old)
    ]
    split_olds = {e.old for e in edges}
    state.free_new -= {e.new for e in edges}
    state.free_old -= split_olds
    allowed_new = (state.free_new | set(state.pairs.values())) - {
        state.pairs[o] for o in split_olds if o in state.pairs
    }
    merges = [
        Edge(o, n, MatchKind.SIMILARITY, 1, score)
        for o, n, score in matching.merge_parts(state, allowed_new)
    ]
    state.free_old -= {e.old for e in merges}
    state.free_new -= {e.new for e in merges}
    return edges + merges


def _pair_match(old: Provision, new: Provision) -> MatchKind:
    return MatchKind.SAME_ID if old.id == new.id else MatchKind.SIMILARITY


@dataclass(frozen=True, slots=True)
class Texts:
    """Normalised and comparable texts of the units of both versions, computed once."""

    old_norm: list[str]
    new_norm: list[str]
    old_comparable: list[str]
    new_comparable: list[str]

    @classmethod
    def of(cls, old: Sequence[Provision], new: Sequence[Provision]) -> Texts:
        """Compute them for two lists of units."""
        old_norm, new_norm = [normalize(p.text) for p in old], [normalize(p.text) for p in new]
        return cls(
            old_norm,
            new_norm,
            [mask_references(t) for t in old_norm],
            [mask_references(t) for t in new_norm],
        )


def changes_from_edges(
    old: Sequence[Provision],
    new: Sequence[Provision],
    edges: Sequence[Edge],
    stated_removed: Set[int] = frozenset(),
    texts: Texts | None = None,
) -> tuple[Change, ...]:
    """Group edges into connected components and describe each as a change, in order.

    Args:
        old: Units of the older version.
        new: Units of the newer version.
        edges: Links between them (indices into `old` and `new`).
        stated_removed: Old units the concordance says were removed.
        texts: Their normalised texts, if already computed.

    Returns:
        One change per component, in document order.
    """
    texts = texts or Texts.of(old, new)
    built = []
    for olds, news, mine in _components(len(old), len(new), edges):
        change = _describe(old, new, sorted(olds), sorted(news), mine, stated_removed, texts)
        built.append((olds, news, change))
    return _ordered(built)


def _components(
    n_old: int, n_new: int, edges: Sequence[Edge]
) -> list[tuple[set[int], set[int], list[Edge]]]:
    parent = list(range(n_old + n_new))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for edge in edges:
        a, b = find(edge.old), find(n_old + edge.new)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, tuple[set[int], set[int], list[Edge]]] = {}
    for node in range(n_old + n_new):
        olds, news, _ = groups.setdefault(find(node), (set(), set(), []))
        (olds if node < n_old else news).add(node if node < n_old else node - n_old)
    for edge in edges:
        groups[find(edge.old)][2].append(edge)
    return list(groups.values())


def _describe(
    old: Sequence[Provision],
    new: Sequence[Provision],
    olds: list[int],
    news: list[int],
    edges: list[Edge],
    stated_removed: Set[int],
    texts: Texts,
) -> Change:
    old_ids = tuple(old[i].id for i in olds)
    new_ids = tuple(new[i].id for i in news)
    if not news:
        how = MatchKind.CONCORDANCE if olds[0] in stated_removed else None
        return Change(ChangeKind.REMOVED, old_ids, (), False, 0.0, how)
    if not olds:
        return Change(ChangeKind.ADDED, (), new_ids, False, 0.0)
    old_text = " ".join(texts.old_comparable[i] for i in olds)
    new_text = " ".join(texts.new_comparable[i] for i in news)
    score = round(matching.similarity(old_text, new_text), 3)
    kinds = {e.match for e in edges}
    how = next(k for k in _MATCH_PRIORITY if k in kinds)
    lead_edge = min((e for e in edges if e.old == olds[0]), key=lambda e: (e.rank, -e.score, e.new))
    lead = (old[lead_edge.old].id, new[lead_edge.new].id)
    if len(olds) == 1 and len(news) == 1:
        same = texts.old_norm[olds[0]] == texts.new_norm[news[0]] and _same_heading(
            old[olds[0]], new[news[0]]
        )
        kind = ChangeKind.UNCHANGED if same else ChangeKind.MODIFIED
        return Change(kind, old_ids, new_ids, old_ids != new_ids, score, how, lead)
    kind = ChangeKind.MERGED if len(olds) > len(news) else ChangeKind.SPLIT
    return Change(kind, old_ids, new_ids, False, score, how, lead)


_MATCH_PRIORITY = (
    MatchKind.CONCORDANCE,
    MatchKind.LINEAGE,
    MatchKind.SIMILARITY,
    MatchKind.SAME_ID,
)


def _same_heading(old: Provision, new: Provision) -> bool:
    return normalize(old.caption) == normalize(new.caption) and old.deleted == new.deleted


def _ordered(built: list[tuple[set[int], set[int], Change]]) -> tuple[Change, ...]:
    """Changes in new document order; removals right after their old predecessor's change."""
    at_new: dict[int, int] = {}
    for olds, news, _ in built:
        for o in olds:
            at_new[o] = min(news) if news else -1
    keyed = []
    for olds, news, change in built:
        if news:
            keyed.append(((min(news), 0, min(olds) if olds else -1), change))
            continue
        before = next((at_new[o] for o in range(min(olds) - 1, -1, -1) if at_new[o] >= 0), -1)
        keyed.append(((before, 1, min(olds)), change))
    return tuple(change for _, change in sorted(keyed, key=lambda item: item[0]))
