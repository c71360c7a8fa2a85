"""Which units carry which measures in each version, for feeds and data exports.

A view of the cross-reference index (`coverage.CrossIndex`, built once per build in analysis.py)
that keeps the reviewed tags of notes.yml, with those resting on unverified facts marked, and
leaves out the keyword suggestions: feeds and exports never present a suggestion as a tag.
Feeds and exports read measures only through `measure_tags`. Pure; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawtrack.coverage import TagKind

if TYPE_CHECKING:
    from lawtrack.analysis import Analysis


@dataclass(frozen=True, slots=True)
class Carried:
    """One measure carried by one unit in one version."""

    measure: int
    unverified: bool = False
    """The tag rests on facts the project could not confirm."""


@dataclass(frozen=True, slots=True)
class MeasureTags:
    """The measures of every unit of every version."""

    units: dict[tuple[str, str, str], tuple[Carried, ...]] = field(default_factory=dict)
    """(document, version, unit id) → measures in measure order; units without any are absent."""
    by_version: dict[tuple[str, str], dict[str, tuple[Carried, ...]]] = field(default_factory=dict)
    """(document, version) → unit id → measures: the same, looked up a version at a time."""

    def of(self, document: str, version: str, unit: str) -> tuple[Carried, ...]:
        """The measures a unit carries in a version."""
        return self.units.get((document, version, unit), ())

    def carrying(self, measure: int, document: str, version: str) -> dict[str, Carried]:
        """Unit id → how it carries `measure`, for every unit of a version that does."""
        found = {}
        for unit, carried in self.by_version.get((document, version), {}).items():
            for item in carried:
                if item.measure == measure:
                    found[unit] = item
        return found


def measure_tags(analysis: Analysis) -> MeasureTags:
    """The reviewed measures of each unit (unverified ones marked), without suggestions.

    Args:
        analysis: The build's analysis, with its cross-reference index.

    Returns:
        The measures of every unit that carries at least one by a reviewed tag.
    """
    units: dict[tuple[str, str, str], tuple[Carried, ...]] = {}
    by_version: dict[tuple[str, str], dict[str, tuple[Carried, ...]]] = {}
    for key, tags in analysis.xref.tags.items():
        carried = tuple(
            Carried(tag.measure, tag.kind is TagKind.UNVERIFIED)
            for tag in sorted(tags, key=lambda t: t.measure)
            if tag.kind is not TagKind.SUGGESTED
        )
        if carried:
            units[key] = carried
            by_version.setdefault(key[:2], {})[key[2]] = carried
    return MeasureTags(units, by_version)
