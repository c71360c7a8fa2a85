"""Atom feeds: every new version, each document, each provision lineage and each measure.

`/feed.xml` has an entry per version of every document; `/<document>/feed.xml` per version of
one document; `/<document>/provisions/<lineage>/feed.xml` per change of one provision's text
(`changelog.text_events`); `/measures/<n>/feed.xml` per version in which a provision starts or
stops carrying the measure (`changelog.coverage_events`). Entry dates are the versions' dates,
ids are tag: URIs that never change with the site's address. Pure: analysis in, bytes out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack import changelog
from lawtrack.feeds import Feed, FeedEntry, atom
from lawtrack.measure_tags import measure_tags
from lawtrack.pages import SiteFile, urls
from lawtrack.pages import feed_content as fc
from lawtrack.pages.feed_common import (
    TAG,
    address,
    doc_title,
    make_feed,
    unit_name,
    version_src,
)
from lawtrack.pages.markup import link, md_text, table
from lawtrack.pages.measure_feeds import measure_feed
from lawtrack.pages.text import version_label

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lawtrack.changelog import TextEvent
    from lawtrack.lineage import Lineage
    from lawtrack.model import Document, Version
    from lawtrack.pages import SiteContext

EVENT_PHRASES = {
    changelog.EventKind.FIRST: "first appears",
    changelog.EventKind.ADDED: "added",
    changelog.EventKind.SPLIT_OFF: "split off another provision",
    changelog.EventKind.MODIFIED: "modified",
    changelog.EventKind.SPLIT: "split",
    changelog.EventKind.MERGED: "merged with other provisions",
    changelog.EventKind.MERGED_INTO: "merged into another provision",
    changelog.EventKind.REMOVED: "removed",
}


def render(context: SiteContext) -> Iterator[SiteFile]:
    """Yield every feed of the site."""
    yield SiteFile(urls.feed(), atom(site_feed(context)))
    for document in context.corpus.documents:
        yield SiteFile(urls.feed(document.slug), atom(document_feed(context, document)))
        lineage = context.analysis.compare.lineage(document.slug)
        if lineage is None:
            continue
        events = changelog.text_events(lineage)
        for item in lineage.lineages:
            feed = lineage_feed(context, document, item, events.get(item.id, ()))
            yield SiteFile(urls.feed(document.slug, item.id), atom(feed))
    tags = measure_tags(context.analysis)
    for measure in context.corpus.measures:
        feed = measure_feed(context, measure, tags)
        yield SiteFile(urls.measure_feed(measure.id), atom(feed))


def feed_link(src: str, feed_src: str, label: str = "Atom feed") -> str:
    """A Markdown link from a page to a feed (for the visible links on pages)."""
    return link(label, urls.rel(src, feed_src), "Subscribe in a feed reader")


def feeds_table(context: SiteContext, src: str) -> str:
    """The list of feeds on docs/data.md: the site, each document and each measure."""
    rows = [["Every new version of every document", feed_link(src, urls.feed(), "feed.xml")]]
    for document in context.corpus.documents:
        target = urls.feed(document.slug)
        rows.append(
            [f"New versions: {md_text(doc_title(document))}", feed_link(src, target, target)]
        )
    for measure in context.corpus.measures:
        target = urls.measure_feed(measure.id)
        name = md_text(measure.name.en or measure.name.ja)
        rows.append([f"Coverage of measure {measure.id}: {name}", feed_link(src, target, target)])
    return table(["Follows", "Feed"], rows) + "\n"


def directives(context: SiteContext) -> dict[str, Callable[[str], str]]:
    """Renderers for the `<!-- lawtrack:feeds -->` directive of docs/data.md."""
    return {"feeds": lambda src: feeds_table(context, src)}


def feed_meta(feed_src: str, title: str) -> dict[str, str]:
    """Front matter that makes overrides/main.html announce a feed in the page head."""
    return {"feed": feed_src, "feed_title": title}


def site_feed(context: SiteContext) -> Feed:
    """`/feed.xml`: every version of every document, newest first."""
    src = urls.feed()
    entries = [
        version_entry(context, document, version, src)
        for document in context.corpus.documents
        for version in document.versions
    ]
    return make_feed(
        context,
        src,
        "feed",
        "lawtrack: new versions of Japan's AI governance texts",
        urls.home(),
        entries,
        "Every new version of every document the project follows.",
    )


def document_feed(context: SiteContext, document: Document) -> Feed:
    """`/<document>/feed.xml`: every version of one document, newest first."""
    src = urls.feed(document.slug)
    entries = [version_entry(context, document, v, src) for v in document.versions]
    return make_feed(
        context,
        src,
        f"{document.slug}/feed",
        f"lawtrack: {doc_title(document)}",
        urls.document(document.slug),
        entries,
        f"Every new version of {doc_title(document)}.",
    )


def version_entry(
    context: SiteContext, document: Document, version: Version, src: str
) -> FeedEntry:
    """The entry for one version (the same id in the site feed and the document feed)."""
    previous = document.previous(version.version)
    stage = (version.draft("en") or version.primary).stage
    summary = f"New version of {doc_title(document)}: {stage}, {version.date.isoformat()} "
    summary += f"(version id {version.version}; {version.primary.status.label.lower()})."
    body = [fc.paragraph(summary)]
    links = [("Read this version", address(context, src, version_src(document, version)), "")]
    if previous is not None:
        counts = _counts(context, document, previous, version)
        summary += f" Against {previous.version}: {counts}."
        body.append(fc.paragraph(f"Against {previous.version}: {counts}."))
        target = urls.compare(document.slug, previous.version, version.version)
        label = f"Compare {previous.version} → {version.version}"
        links.append((label, address(context, src, target), ""))
    return FeedEntry(
        f"{TAG}{document.slug}/{version.version}",
        f"{doc_title(document)}: {version_label(version)}",
        version.date,
        address(context, src, version_src(document, version)),
        summary,
        "".join(body) + fc.link_list(links),
        (document.slug,),
    )


def lineage_feed(
    context: SiteContext, document: Document, item: Lineage, events: tuple[TextEvent, ...]
) -> Feed:
    """`/<document>/provisions/<lineage>/feed.xml`: every change of one provision's text."""
    src = urls.feed(document.slug, item.id)
    name = unit_name(document, item.last, item.unit_in(item.last) or item.id)
    entries = [_text_entry(context, document, item, name, event, src) for event in events]
    return make_feed(
        context,
        src,
        f"{document.slug}/provisions/{item.id}/feed",
        f"lawtrack: {name} — {doc_title(document)}",
        urls.lineage(document.slug, item.id),
        entries,
        f"Changes to the text of {name} (lineage {item.id}) through every version.",
    )


def _text_entry(
    context: SiteContext,
    document: Document,
    item: Lineage,
    name: str,
    event: TextEvent,
    src: str,
) -> FeedEntry:
    version = document.version(event.version)
    assert version is not None
    phrase = EVENT_PHRASES[event.kind]
    here = unit_name(document, event.version, event.unit) if event.unit else name
    title = f"{here}: {phrase} in {event.version} ({version.date.isoformat()})"
    if event.previous and event.old_unit and event.unit and event.old_unit != event.unit:
        title += f", formerly {unit_name(document, event.previous, event.old_unit)}"
    history = urls.lineage(document.slug, item.id)
    if event.unit is not None:
        target = address(context, src, history, f"in-{event.version}")
    else:
        assert event.previous is not None
        assert event.change is not None
        compare = urls.compare(document.slug, event.previous, event.version)
        first = event.change.new[0] if event.change.new else event.change.old[0]
        side = "new" if event.change.new else "old"
        target = address(context, src, compare, f"{side}-{first}")
    return FeedEntry(
        f"{TAG}{document.slug}/provisions/{item.id}/{event.version}",
        title,
        version.date,
        target,
        f"{title}.",
        _text_html(context, document, version, event),
        (event.kind.value,),
    )


def _text_html(context: SiteContext, document: Document, version: Version, event: TextEvent) -> str:
    """The text or redline of the event in every language of the version."""
    blocks = []
    for language in version.languages:
        comparison = None
        if event.previous is not None:
            comparison = context.analysis.compare.comparison(
                document.slug, event.previous, event.version, language
            )
        entry = None
        if comparison is not None and event.change is not None:
            entry = comparison.entry_for(event.change)
        if entry is not None:
            blocks.append(fc.language_block(language, fc.redline(entry.diff)))
        elif event.unit is not None:
            draft = version.draft(language)
            provision = draft.provision(event.unit) if draft is not None else None
            if provision is not None:
                blocks.append(fc.language_block(language, fc.escaped(provision.text)))
    return "".join(blocks)


def _counts(context: SiteContext, document: Document, old: Version, new: Version) -> str:
    language = new.primary.language
    comparison = context.analysis.compare.comparison(
        document.slug, old.version, new.version, language
    )
    if comparison is None:
        return "not compared"
    counts = comparison.counts()
    shown = [
        f"{value} {label}"
        for value, label in (
            (counts.modified, "modified"),
            (counts.added, "added"),
            (counts.removed, "removed"),
            (counts.split, "split"),
            (counts.merged, "merged"),
            (counts.renumbered, "renumbered"),
        )
        if value
    ]
    return ", ".join(shown) or "no change in the text"
