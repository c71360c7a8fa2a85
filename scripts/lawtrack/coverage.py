"""The cross-reference index: measure tags, suggested tags, links and notes, by version and unit.

Built once per build from `notes.yml`, `measures.yml` and the lineages (see analysis.py); page
renderers only look things up. Reviewed tags (`measures:` in notes.yml), reviewed tags resting on
unverified facts (`unverified: true`) and tags suggested by the keyword rules of measures.yml are
three kinds, never mixed. Entries that name lineages, documents or versions that do not exist are
skipped here; `crosscheck` reports them. Pure; no I/O.
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawtrack.align import ChangeKind
from lawtrack.lineage import version_units

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from lawtrack.lineage import DocumentLineage
    from lawtrack.model import Annotation, Corpus, Document, Measure, Version

Key = tuple[str, str, str]
"""(document, version, unit id)."""


class TagKind(enum.StrEnum):
    """How a provision came to carry a measure."""

    REVIEWED = "reviewed"
    """Tagged in notes.yml by an editor."""
    UNVERIFIED = "unverified"
    """Tagged in notes.yml, marked as resting on facts the project has not confirmed."""
    SUGGESTED = "suggested"
    """Not tagged; a keyword rule of measures.yml matched its text. Not reviewed."""


@dataclass(frozen=True, slots=True)
class UnitTag:
    """One measure on one unit of one version."""

    measure: int
    kind: TagKind
    keywords: tuple[str, ...] = ()
    """For suggested tags: the keywords that matched, as `word (ja)`."""


@dataclass(frozen=True, slots=True)
class Carrier:
    """A unit that carries a measure in one version."""

    document: str
    version: str
    unit: str
    lineage: str
    tag: UnitTag


@dataclass(frozen=True, slots=True)
class LinkEnd:
    """A link between two lineages, as seen from one of its ends."""

    direction: str
    """`to` on the end that wrote it, `from` on the other end, `both` when each wrote one."""
    versions: tuple[str, ...]
    """Versions of this end's document the link holds for (where this lineage exists)."""
    document: str
    """The other end's document."""
    lineage: str
    """The other end's lineage."""
    other_versions: tuple[str, ...]
    """Versions of the other document it holds for (where the other lineage exists)."""
    note_en: str = ""
    note_ja: str = ""


@dataclass(frozen=True, slots=True)
class Step:
    """What happened to a lineage's unit going from the previous version into `version`."""

    version: str
    kind: ChangeKind


@dataclass(frozen=True, slots=True)
class CrossIndex:
    """Everything the cross-reference layer shows, ready to look up."""

    measures: tuple[Measure, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()
    """(document, version) of every version, documents in corpus order, versions by date."""
    lineage_of: dict[Key, str] = field(default_factory=dict)
    """(document, version, unit) → lineage id, for every unit."""
    tags: dict[Key, tuple[UnitTag, ...]] = field(default_factory=dict)
    """(document, version, unit) → its tags, by measure; suggested only where none reviewed."""
    links: dict[tuple[str, str], tuple[LinkEnd, ...]] = field(default_factory=dict)
    """(document, lineage) → links at that end, both directions."""
    notes: dict[tuple[str, str], tuple[Annotation, ...]] = field(default_factory=dict)
    """(document, lineage) → editor notes, in notes.yml order."""
    steps: dict[tuple[str, str], tuple[Step, ...]] = field(default_factory=dict)
    """(document, lineage) → its change into each later version, up to its end."""
    unit_of: dict[Key, str] = field(default_factory=dict)
    """(document, lineage, version) → the lineage's unit in that version."""

    def measure(self, number: int) -> Measure | None:
        """The measure with this id."""
        return next((m for m in self.measures if m.id == number), None)

    def order(self, document: str) -> tuple[str, ...]:
        """The versions of a document, in date order."""
        return tuple(v for d, v in self.columns if d == document)

    def unit_tags(self, document: str, version: str, unit: str) -> tuple[UnitTag, ...]:
        """The tags of one unit of one version (reviewed, unverified or suggested)."""
        return self.tags.get((document, version, unit), ())

    def carriers(self, measure: int, document: str, version: str) -> tuple[Carrier, ...]:
        """The units of a version that carry a measure by a reviewed or unverified tag."""
        return tuple(c for c in self.all_carriers(measure, document, version) if not _suggested(c))

    def suggestions(self, measure: int, document: str, version: str) -> tuple[Carrier, ...]:
        """The units of a version for which keywords suggest the measure."""
        return tuple(c for c in self.all_carriers(measure, document, version) if _suggested(c))

    def all_carriers(self, measure: int, document: str, version: str) -> tuple[Carrier, ...]:
        """Every unit of a version with a tag for `measure`, in document order."""
        out = []
        for (doc, ver, unit), tags in self.tags.items():
            if doc != document or ver != version:
                continue
            for tag in tags:
                if tag.measure == measure:
                    lineage = self.lineage_of.get((doc, ver, unit), unit)
                    out.append(Carrier(doc, ver, unit, lineage, tag))
        return tuple(out)

    def links_at(self, document: str, version: str, unit: str) -> tuple[LinkEnd, ...]:
        """The links shown on one unit of one version."""
        lineage = self.lineage_of.get((document, version, unit))
        if lineage is None:
            return ()
        return tuple(e for e in self.links.get((document, lineage), ()) if version in e.versions)

    def notes_at(self, document: str, version: str, unit: str) -> tuple[Annotation, ...]:
        """The notes shown on one unit: those written for this version or an earlier one."""
        lineage = self.lineage_of.get((document, version, unit))
        if lineage is None:
            return ()
        order = self.order(document)
        here = order.index(version)
        return tuple(
            note
            for note in self.notes.get((document, lineage), ())
            if note.version in order and order.index(note.version) <= here
        )

    def changed_since(
        self, document: str, lineage: str, written: str, shown: str | None = None
    ) -> Step | None:
        """The first change to a lineage's text after `written`, up to `shown` (default: ever).

        Returns None when the text is unchanged from `written` to `shown`.
        """
        order = self.order(document)
        if written not in order:
            return None
        start = order.index(written)
        end = order.index(shown) if shown in order else len(order) - 1
        for step in self.steps.get((document, lineage), ()):
            at = order.index(step.version)
            if start < at <= end and step.kind is not ChangeKind.UNCHANGED:
                return step
        return None


def _suggested(carrier: Carrier) -> bool:
    return carrier.tag.kind is TagKind.SUGGESTED


def build_crossindex(corpus: Corpus, lineages: Mapping[str, DocumentLineage]) -> CrossIndex:
    """Index the tags, links and notes of a corpus against its lineages.

    Args:
        corpus: The validated drafts with measures.yml and notes.yml.
        lineages: The lineages of each document, by slug.

    Returns:
        The index page renderers look things up in.
    """
    columns = tuple((d.slug, v.version) for d in corpus.documents for v in d.versions)
    lineage_of = {
        (lin.document, version, unit): lin.id
        for slug in sorted(lineages)
        for lin in lineages[slug].lineages
        for version, unit in lin.members
    }
    reviewed = _reviewed_tags(corpus, lineages)
    tags: dict[Key, tuple[UnitTag, ...]] = {}
    for document in corpus.documents:
        for version in document.versions:
            for unit in version_units(version):
                key = (document.slug, version.version, unit.id)
                found = reviewed.get(key) or _suggest(corpus.measures, version, unit.id)
                if found:
                    tags[key] = found
    return CrossIndex(
        corpus.measures,
        columns,
        lineage_of,
        tags,
        _link_ends(corpus, lineages),
        {
            (n.document, n.lineage): n.notes
            for n in corpus.notes
            if n.notes and _lineage(lineages, n.document, n.lineage)
        },
        _steps(corpus, lineages),
        {(doc, lineage, version): unit for (doc, version, unit), lineage in lineage_of.items()},
    )


def _lineage(
    lineages: Mapping[str, DocumentLineage], document: str, lineage: str
) -> tuple[str, ...] | None:
    """The versions a lineage exists in, or None when there is no such lineage."""
    found = lineages.get(document)
    item = found.lineage(lineage) if found is not None else None
    return tuple(v for v, _ in item.members) if item is not None else None


def _reviewed_tags(
    corpus: Corpus, lineages: Mapping[str, DocumentLineage]
) -> dict[Key, tuple[UnitTag, ...]]:
    kinds: dict[Key, dict[int, TagKind]] = {}
    for entry in corpus.notes:
        found = lineages.get(entry.document)
        item = found.lineage(entry.lineage) if found is not None else None
        if item is None:
            continue
        for tag in entry.measures:
            kind = TagKind.UNVERIFIED if tag.unverified else TagKind.REVIEWED
            for version, unit in item.members:
                if tag.holds_for(version):
                    per_unit = kinds.setdefault((entry.document, version, unit), {})
                    if per_unit.get(tag.measure) is not TagKind.REVIEWED:
                        per_unit[tag.measure] = kind
    return {
        key: tuple(UnitTag(m, kind) for m, kind in sorted(found.items()))
        for key, found in kinds.items()
    }


def _suggest(measures: tuple[Measure, ...], version: Version, unit: str) -> tuple[UnitTag, ...]:
    """Measures whose keywords occur in the unit's text, each language with its own keywords."""
    out = []
    for measure in measures:
        matched: list[str] = []
        for draft in version.drafts:
            provision = draft.provision(unit)
            if provision is None:
                continue
            text = f"{provision.heading}\n{provision.text}"
            matched.extend(
                f"{word} ({draft.language})"
                for word in measure.keywords_for(draft.language)
                if keyword_in(word, text, draft.language)
            )
        if matched:
            out.append(UnitTag(measure.id, TagKind.SUGGESTED, tuple(matched)))
    return tuple(out)


def keyword_in(word: str, text: str, language: str) -> bool:
    """Whether a keyword occurs in a text: anywhere in Japanese, as whole words in English."""
    if language == "ja":
        return word in text
    if text.isascii() and word.isascii() and word.lower() not in text.lower():
        return False  # exact for ASCII, and most provisions have none of a measure's words
    return _whole_word(word).search(text) is not None


@functools.lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", re.IGNORECASE)


def _link_ends(
    corpus: Corpus, lineages: Mapping[str, DocumentLineage]
) -> dict[tuple[str, str], tuple[LinkEnd, ...]]:
    ends: dict[tuple[str, str], list[LinkEnd]] = {}
    for entry in corpus.notes:
        source = _lineage(lineages, entry.document, entry.lineage)
        for link in entry.links:
            target = _lineage(lineages, link.document, link.lineage)
            if source is None or target is None:
                continue
            here = tuple(v for v in source if not link.versions or v in link.versions)
            there = tuple(
                v for v in target if not link.target_versions or v in link.target_versions
            )
            note = (link.note.en, link.note.ja)
            ends.setdefault((entry.document, entry.lineage), []).append(
                LinkEnd("to", here, link.document, link.lineage, there, *note)
            )
            ends.setdefault((link.document, link.lineage), []).append(
                LinkEnd("from", there, entry.document, entry.lineage, here, *note)
            )
    orders = {slug: found.versions for slug, found in lineages.items()}
    return {
        key: _merge_mutual(found, orders[key[0]], orders) for key, found in sorted(ends.items())
    }


def _merge_mutual(
    ends: list[LinkEnd], order: tuple[str, ...], orders: Mapping[str, tuple[str, ...]]
) -> tuple[LinkEnd, ...]:
    """One entry per other end: a link written on both ends is shown once, as `both`."""
    merged: dict[tuple[str, str], LinkEnd] = {}
    for end in ends:
        key = (end.document, end.lineage)
        seen = merged.get(key)
        if seen is None:
            merged[key] = end
            continue
        first, second = (seen, end) if seen.direction != "from" else (end, seen)
        merged[key] = LinkEnd(
            "both" if seen.direction != end.direction else first.direction,
            _union(seen.versions, end.versions, order),
            first.document,
            first.lineage,
            _union(seen.other_versions, end.other_versions, orders[end.document]),
            first.note_en or second.note_en,
            first.note_ja or second.note_ja,
        )
    return tuple(merged.values())


def _union(a: tuple[str, ...], b: tuple[str, ...], order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for v in order if v in a or v in b)


def _steps(
    corpus: Corpus, lineages: Mapping[str, DocumentLineage]
) -> dict[tuple[str, str], tuple[Step, ...]]:
    out = {}
    for document in corpus.documents:
        found = lineages.get(document.slug)
        if found is None:
            continue
        for item in found.lineages:
            out[(document.slug, item.id)] = tuple(_lineage_steps(document, found, item.members))
    return out


def _lineage_steps(
    document: Document, found: DocumentLineage, members: tuple[tuple[str, str], ...]
) -> Iterator[Step]:
    """The change of the lineage's unit into each following version, until it ends."""
    units = dict(members)
    order = [v.version for v in document.versions]
    for previous, version in itertools.pairwise(order):
        unit = units.get(previous)
        if unit is None:
            continue
        alignment = found.alignment(previous, version)
        change = next((c for c in alignment.changes if unit in c.old), None)
        if change is not None:
            yield Step(version, change.kind)
        if version not in units:
            return
