"""What changed when: text events of every provision lineage and coverage events of every measure.

Read off the consecutive alignments of each document (the same ones the compare and history
pages show), so that a feed says exactly what the pages say. A lineage has an event in a version
when its text changes there: it first appears (in the first version, added, or split off), is
modified, split or merged, or ends (removed, or merged into another). A measure has an event in a
version of a document when a unit starts or stops carrying it there. Pure; no I/O.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.align import ChangeKind
from lawtrack.lineage import version_units

if TYPE_CHECKING:
    from lawtrack.align import Change
    from lawtrack.lineage import DocumentLineage
    from lawtrack.measure_tags import MeasureTags
    from lawtrack.model import Document


class EventKind(enum.StrEnum):
    """What happened to a lineage's text in a version."""

    FIRST = "first"
    """In the document's first version."""
    ADDED = "added"
    SPLIT_OFF = "split-off"
    """Began as a part split off another lineage."""
    MODIFIED = "modified"
    SPLIT = "split"
    """Part of its text moved to new provisions; it carries on in the lead part."""
    MERGED = "merged"
    """Other provisions were merged into it."""
    MERGED_INTO = "merged-into"
    """It ended by being merged into another lineage."""
    REMOVED = "removed"


_CARRIED_ON = {
    ChangeKind.MODIFIED: EventKind.MODIFIED,
    ChangeKind.SPLIT: EventKind.SPLIT,
    ChangeKind.MERGED: EventKind.MERGED,
}


@dataclass(frozen=True, slots=True)
class TextEvent:
    """A change of one lineage's text in one version."""

    lineage: str
    version: str
    """The version in which it happened."""
    previous: str | None
    """The version before (None in the document's first version)."""
    kind: EventKind
    unit: str | None
    """Its unit id in `version` (None when it ended there)."""
    old_unit: str | None
    """Its unit id in `previous` (None when it begins in `version`)."""
    change: Change | None = None
    """The change of the alignment previous → version (None in the first version)."""


@dataclass(frozen=True, slots=True)
class CoverageEvent:
    """Where one measure starts or stops being carried in one version of a document."""

    measure: int
    document: str
    version: str
    previous: str | None
    started: tuple[tuple[str, str], ...]
    """(lineage id, unit id in `version`) of units that carry it now, in document order."""
    stopped: tuple[tuple[str, str], ...]
    """(lineage id, unit id in `previous`) of units that carried it before but not now."""


def text_events(lineage: DocumentLineage) -> dict[str, tuple[TextEvent, ...]]:
    """The events of every lineage of a document, in version order.

    Args:
        lineage: The document's lineages and alignments.

    Returns:
        Lineage id → its events (every lineage has at least the one where it begins).
    """
    events: dict[str, list[TextEvent]] = {item.id: [] for item in lineage.lineages}
    if not lineage.versions:
        return {}
    first = lineage.versions[0]
    for item in lineage.lineages:
        if item.first == first:
            events[item.id].append(
                TextEvent(item.id, first, None, EventKind.FIRST, item.members[0][1], None)
            )
    for old, new in itertools.pairwise(lineage.versions):
        for change in lineage.alignment(old, new).changes:
            if change.kind is not ChangeKind.UNCHANGED:
                for event in _change_events(lineage, old, new, change):
                    events[event.lineage].append(event)
    return {key: tuple(value) for key, value in events.items()}


def _change_events(lineage: DocumentLineage, old: str, new: str, change: Change) -> list[TextEvent]:
    involved = [lineage.lineage_of(new, unit) for unit in change.new]
    involved += [lineage.lineage_of(old, unit) for unit in change.old]
    out = []
    for lineage_id in dict.fromkeys(i for i in involved if i is not None):
        item = lineage.lineage(lineage_id)
        assert item is not None
        now, before = item.unit_in(new), item.unit_in(old)
        if now is not None and before is not None:
            kind = _CARRIED_ON.get(change.kind, EventKind.MODIFIED)
        elif now is not None:
            kind = EventKind.SPLIT_OFF if item.split_from else EventKind.ADDED
        elif item.merged_into is not None and item.merged_into[1] == new:
            kind = EventKind.MERGED_INTO
        else:
            kind = EventKind.REMOVED
        out.append(TextEvent(lineage_id, new, old, kind, now, before, change))
    return out


def coverage_events(
    document: Document, lineage: DocumentLineage, tags: MeasureTags, measures: tuple[int, ...]
) -> dict[int, tuple[CoverageEvent, ...]]:
    """Where each measure starts or stops being carried, version by version, in one document.

    Args:
        document: The document with its versions.
        lineage: Its lineages.
        tags: The measures of every unit.
        measures: The measure ids to follow.

    Returns:
        Measure id → its events in this document, in version order.
    """
    out: dict[int, tuple[CoverageEvent, ...]] = {}
    for measure in measures:
        events = []
        before: dict[str, str] = {}
        previous: str | None = None
        for version in document.versions:
            order = {p.id: i for i, p in enumerate(version_units(version))}
            carrying = tags.carrying(measure, document.slug, version.version)
            now = {
                lineage.lineage_of(version.version, unit) or unit: unit
                for unit in sorted(carrying, key=lambda u: order.get(u, len(order)))
            }
            started = tuple((lid, unit) for lid, unit in now.items() if lid not in before)
            stopped = tuple((lid, unit) for lid, unit in before.items() if lid not in now)
            if started or stopped:
                events.append(
                    CoverageEvent(
                        measure, document.slug, version.version, previous, started, stopped
                    )
                )
            before, previous = now, version.version
        out[measure] = tuple(events)
    return out
