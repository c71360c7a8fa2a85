"""Measure feeds: `/measures/<n>/feed.xml`, an entry where a provision starts or stops carrying it.

Coverage comes from `measure_tags` (reviewed tags only, unverified ones marked) and the events
from `changelog.coverage_events`. Pure: analysis in, a feed description out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack import changelog
from lawtrack.feeds import Feed, FeedEntry
from lawtrack.pages import feed_content as fc
from lawtrack.pages import urls
from lawtrack.pages.feed_common import (
    TAG,
    address,
    doc_title,
    make_feed,
    unit_name,
    version_src,
)
from lawtrack.pages.text import version_label

if TYPE_CHECKING:
    from lawtrack.changelog import CoverageEvent
    from lawtrack.measure_tags import MeasureTags
    from lawtrack.model import Document, Measure
    from lawtrack.pages import SiteContext


def measure_feed(context: SiteContext, measure: Measure, tags: MeasureTags) -> Feed:
    """`/measures/<n>/feed.xml`: where the measure starts or stops being carried."""
    src = urls.measure_feed(measure.id)
    entries = []
    for document in context.corpus.documents:
        lineage = context.analysis.compare.lineage(document.slug)
        if lineage is None:
            continue
        found = changelog.coverage_events(document, lineage, tags, (measure.id,))
        for event in found[measure.id]:
            entries.append(_entry(context, document, measure, event, tags, src))
    name = measure.name.en or measure.name.ja
    return make_feed(
        context,
        src,
        f"measures/{measure.id}/feed",
        f"lawtrack: measure {measure.id} — {name}",
        urls.measure(measure.id),
        entries,
        f"Where provisions start or stop carrying measure {measure.id} ({name}).",
    )


def _units(
    context: SiteContext,
    document: Document,
    version: str,
    found: tuple[tuple[str, str], ...],
    note: dict[str, str],
    src: str,
) -> list[tuple[str, str, str]]:
    """(label, link to the unit on its version page, note) for each (lineage, unit)."""
    page = urls.version(document.slug, version)
    return [
        (unit_name(document, version, unit), address(context, src, page, unit), note.get(unit, ""))
        for _, unit in found
    ]


def _entry(
    context: SiteContext,
    document: Document,
    measure: Measure,
    event: CoverageEvent,
    tags: MeasureTags,
    src: str,
) -> FeedEntry:
    version = document.version(event.version)
    assert version is not None
    unverified = {
        unit: " (unverified)"
        for unit, carried in tags.carrying(measure.id, document.slug, event.version).items()
        if carried.unverified
    }
    started = _units(context, document, event.version, event.started, unverified, src)
    stopped = []
    if event.previous is not None:
        stopped = _units(context, document, event.previous, event.stopped, {}, src)
    title = f"Measure {measure.id}: coverage changed in {doc_title(document)}, "
    title += version_label(version)
    parts, body = [], ""
    if started:
        parts.append("now carried by " + ", ".join(label for label, _, _ in started))
        body += fc.paragraph("Now carried by:") + fc.link_list(started)
    if stopped:
        parts.append("no longer carried by " + ", ".join(label for label, _, _ in stopped))
        body += fc.paragraph("No longer carried by:") + fc.link_list(stopped)
    return FeedEntry(
        f"{TAG}measures/{measure.id}/{document.slug}/{event.version}",
        title,
        version.date,
        address(context, src, version_src(document, version)),
        f"{title}: {'; '.join(parts)}.",
        body,
        (document.slug,),
    )
