"""Follow every unit of a document through all its versions: lineages and any-pair alignments.

Consecutive alignments (`align`) chain into lineages. A lineage's id is the unit's id in the first
version it appears in (`<id>~<version>` if an earlier lineage already has that id): a split carries
the lineage on in its lead part and starts new lineages for the others; in a merge the first old
unit carries it on and the others end. Alignments of versions that are not consecutive are
derived from the lineages, so every comparison tells the same story. Pure; no I/O.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawtrack import matching
from lawtrack.align import (
    Alignment,
    Edge,
    MatchKind,
    align_versions,
    changes_from_edges,
    shared_language,
    units,
)
from lawtrack.textnorm import comparable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lawtrack.model import Document, Provision, Version


@dataclass(frozen=True, slots=True)
class Lineage:
    """One unit followed through the versions it exists in."""

    id: str
    """Stable lineage id, used in URLs and notes.yml."""
    document: str
    members: tuple[tuple[str, str], ...]
    """(version, unit id) for each version it is in; the versions are consecutive."""
    split_from: tuple[str, str] | None = None
    """(lineage id, version) when it began as a part split off another lineage."""
    merged_into: tuple[str, str] | None = None
    """(lineage id, version) when it ended by being merged into another lineage."""
    stated_end: bool = False
    """True when the concordance of the next version said it was removed."""

    @property
    def first(self) -> str:
        """The version it first appears in."""
        return self.members[0][0]

    @property
    def last(self) -> str:
        """The last version it appears in."""
        return self.members[-1][0]

    def unit_in(self, version: str) -> str | None:
        """Its unit id in `version`, if it exists there."""
        return dict(self.members).get(version)


@dataclass(frozen=True, slots=True)
class DocumentLineage:
    """Lineages of one document and the alignment of every pair of its versions."""

    document: str
    versions: tuple[str, ...]
    lineages: tuple[Lineage, ...]
    alignments: tuple[Alignment, ...]
    """Every pair (old before new), consecutive ones first computed, others derived."""
    _by_unit: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def lineage(self, lineage_id: str) -> Lineage | None:
        """The lineage with this id."""
        return next((lin for lin in self.lineages if lin.id == lineage_id), None)

    def lineage_of(self, version: str, unit_id: str) -> str | None:
        """The id of the lineage a unit of `version` belongs to."""
        if not self._by_unit:
            for lin in self.lineages:
                for member in lin.members:
                    self._by_unit[member] = lin.id
        return self._by_unit.get((version, unit_id))

    def alignment(self, old: str, new: str) -> Alignment:
        """The alignment of two versions (old before new)."""
        for candidate in self.alignments:
            if candidate.old == old and candidate.new == new:
                return candidate
        raise KeyError(f"{self.document}: no alignment {old}...{new}")

    def offshoots(self, lineage_id: str) -> tuple[Lineage, ...]:
        """Lineages split off this one."""
        return tuple(
            lin for lin in self.lineages if lin.split_from and lin.split_from[0] == lineage_id
        )

    def absorbed(self, lineage_id: str) -> tuple[Lineage, ...]:
        """Lineages merged into this one."""
        return tuple(
            lin for lin in self.lineages if lin.merged_into and lin.merged_into[0] == lineage_id
        )


def version_units(version: Version, language: str | None = None) -> tuple[Provision, ...]:
    """The units of a version in `language` (default: its primary language)."""
    draft = version.draft(language) if language else None
    return units((draft or version.primary).provisions)


def build(document: Document, consecutive: Sequence[Alignment] | None = None) -> DocumentLineage:
    """Lineages and all pairwise alignments of one document.

    Args:
        document: The document with its versions in date order.
        consecutive: Precomputed alignments of each version with the next (e.g. from a cache);
            computed when None.

    Returns:
        The document's lineages and alignments.
    """
    versions = document.versions
    if consecutive is None:
        consecutive = [align_versions(a, b) for a, b in itertools.pairwise(versions)]
    lineages = chain(document, consecutive)
    alignments = list(consecutive)
    for i, old in enumerate(versions):
        for new in versions[i + 2 :]:
            alignments.append(derive(old, new, lineages))
    return DocumentLineage(
        document.slug, tuple(v.version for v in versions), lineages, tuple(alignments)
    )


@dataclass(slots=True)
class _Open:
    """A lineage under construction (local, mutable)."""

    start: int
    base: str
    members: list[tuple[str, str]]
    split_from: int | None = None
    merged_into: tuple[int, str] | None = None
    stated_end: bool = False


def chain(document: Document, consecutive: Sequence[Alignment]) -> tuple[Lineage, ...]:
    """Chain consecutive alignments into lineages with stable ids."""
    versions = document.versions
    opened: list[_Open] = []
    current: dict[str, int] = {}
    for unit in version_units(versions[0]):
        current[unit.id] = len(opened)
        opened.append(_Open(0, unit.id, [(versions[0].version, unit.id)]))
    for step, alignment in enumerate(consecutive, start=1):
        current = _step(opened, current, alignment, step)
    names = _names(opened, [v.version for v in versions])
    return tuple(
        Lineage(
            names[i],
            document.slug,
            tuple(o.members),
            (names[o.split_from], o.members[0][0]) if o.split_from is not None else None,
            (names[o.merged_into[0]], o.merged_into[1]) if o.merged_into else None,
            o.stated_end,
        )
        for i, o in enumerate(opened)
    )


def _step(
    opened: list[_Open], current: dict[str, int], alignment: Alignment, step: int
) -> dict[str, int]:
    following: dict[str, int] = {}
    version = alignment.new
    for change in alignment.changes:
        lead_old, lead_new = change.lead if change.lead else (None, None)
        carrier = current[lead_old] if lead_old else None
        for old_id in change.old:
            if old_id == lead_old:
                continue
            ended = opened[current[old_id]]
            if carrier is not None:
                ended.merged_into = (carrier, version)
            ended.stated_end = change.match is MatchKind.CONCORDANCE and not change.new
        for new_id in change.new:
            if new_id == lead_new and carrier is not None:
                opened[carrier].members.append((version, new_id))
                following[new_id] = carrier
                continue
            following[new_id] = len(opened)
            opened.append(_Open(step, new_id, [(version, new_id)], carrier))
    return following


def _names(opened: list[_Open], versions: list[str]) -> list[str]:
    taken: set[str] = set()
    names = [""] * len(opened)
    for i in sorted(range(len(opened)), key=lambda i: (opened[i].start, i)):
        base = opened[i].base
        name = base if base not in taken else f"{base}~{versions[opened[i].start]}"
        taken.add(name)
        names[i] = name
    return names


def derive(old: Version, new: Version, lineages: Sequence[Lineage]) -> Alignment:
    """Align two versions that are not consecutive, from the lineages between them.

    A unit of `old` is linked to the unit its lineage (or the lineage it was merged into) has in
    `new`, and a unit of `new` to the unit of `old` its lineage was split from. Units the
    lineages do not connect are paired by similarity, except those the concordance removed.
    """
    language = shared_language(old, new)
    old_units, new_units = version_units(old, language), version_units(new, language)
    old_at = {p.id: i for i, p in enumerate(old_units)}
    new_at = {p.id: i for i, p in enumerate(new_units)}
    by_id = {lin.id: lin for lin in lineages}
    edges: list[Edge] = []
    stated: set[int] = set()
    for lin in lineages:
        unit = lin.unit_in(old.version)
        if unit is None:
            continue
        target, ended_by_statement = _fate(lin, new.version, by_id)
        if target is not None and target.unit_in(new.version) in new_at:
            rank = 0 if target is lin else 1
            edges.append(
                Edge(
                    old_at[unit], new_at[target.unit_in(new.version) or ""], MatchKind.LINEAGE, rank
                )
            )
        elif ended_by_statement:
            stated.add(old_at[unit])
    edges.extend(_split_edges(lineages, old, new, old_at, new_at, by_id))
    edges.extend(_leftover_edges(old_units, new_units, edges, stated, language))
    changes = changes_from_edges(old_units, new_units, edges, stated)
    return Alignment(old.document, old.version, new.version, language or "", changes)


def _fate(lin: Lineage, version: str, by_id: dict[str, Lineage]) -> tuple[Lineage | None, bool]:
    """The lineage that holds `lin`'s text in `version`, following merges."""
    seen = lin
    while seen.unit_in(version) is None:
        if seen.merged_into is None:
            return None, seen.stated_end
        seen = by_id[seen.merged_into[0]]
    return seen, False


def _split_edges(
    lineages: Sequence[Lineage],
    old: Version,
    new: Version,
    old_at: dict[str, int],
    new_at: dict[str, int],
    by_id: dict[str, Lineage],
) -> list[Edge]:
    edges = []
    for lin in lineages:
        unit = lin.unit_in(new.version)
        if unit is None or lin.unit_in(old.version) is not None:
            continue
        origin = lin
        while origin.split_from is not None and origin.unit_in(old.version) is None:
            origin = by_id[origin.split_from[0]]
        source = origin.unit_in(old.version)
        if source is not None and source in old_at and unit in new_at:
            edges.append(Edge(old_at[source], new_at[unit], MatchKind.LINEAGE, 1))
    return edges


def _leftover_edges(
    old_units: Sequence[Provision],
    new_units: Sequence[Provision],
    edges: Sequence[Edge],
    stated: set[int],
    language: str | None,
) -> list[Edge]:
    if language is None:
        return []
    state = matching.State(
        [comparable(p.text) for p in old_units],
        [comparable(p.text) for p in new_units],
        shingle_size=3 if language == "ja" else 5,
    )
    state.pairs = {e.old: e.new for e in edges if e.rank == 0}
    state.free_old = set(range(len(old_units))) - {e.old for e in edges} - stated
    state.free_new = set(range(len(new_units))) - {e.new for e in edges}
    seeded = set(state.pairs)
    matching.hash_tier(state)
    matching.neighbour_tier(state, {})
    matching.shingle_tier(state)
    return [
        Edge(o, n, MatchKind.SIMILARITY, 0, 1.0)
        for o, n in sorted(state.pairs.items())
        if o not in seeded
    ]
