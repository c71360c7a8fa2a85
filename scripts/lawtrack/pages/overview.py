"""Document overview pages, the home page's list of documents, and the navigation.

Pure: corpus in, Markdown out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lawtrack.model import DocumentKind
from lawtrack.pages import SitePage, urls
from lawtrack.pages.feeds import feed_link, feed_meta
from lawtrack.pages.markup import (
    external,
    front_matter,
    link,
    md_text,
    table,
    title_html,
)
from lawtrack.pages.text import LANGUAGE_NAMES, version_label
from lawtrack.pages.timeline import picker_section, timeline_section

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lawtrack.model import Document
    from lawtrack.pages import SiteContext

KIND_NAMES = {
    DocumentKind.BILL: "Bill lineage",
    DocumentKind.GUIDELINES: "Guidelines",
    DocumentKind.FRAMEWORK: "Reference framework",
}


def render(context: SiteContext) -> Iterator[SitePage]:
    """Yield one overview page per document."""
    for document in context.corpus.documents:
        src = urls.document(document.slug)
        yield SitePage(src, document_page(context, document, src), in_nav=True)


def document_title(document: Document) -> str:
    """The English title, or the Japanese one if there is none."""
    return document.title.en or document.title.ja


def document_page(context: SiteContext, document: Document, src: str) -> str:
    """The overview of one document: what it is and its versions in date order."""
    feed = urls.feed(document.slug)
    meta = feed_meta(feed, f"lawtrack: new versions of {document_title(document)}")
    parts = [front_matter(document_title(document), **meta)]
    parts.append(f"# {md_text(document_title(document))}\n")
    if document.title.ja and document.title.en:
        parts.append(
            f'<p class="lt-subtitle" lang="ja" markdown>{md_text(document.title.ja)}</p>\n'
        )
    description = document.description.en or document.description.ja
    if description:
        parts.append(md_text(description) + "\n")
    parts.append(f"**Kind:** {KIND_NAMES[document.kind]}\n")
    if document.sources:
        links = " · ".join(external(s.title or s.url, s.url) for s in document.sources)
        parts.append(f"**Official sources:** {links}\n")
    data = link("data exports (JSON, CSV, Akoma Ntoso)", urls.rel(src, "data.md"))
    parts.append(
        f"**Follow and reuse:** {feed_link(src, feed, 'Atom feed of new versions')} · {data}\n"
    )
    parts.append("## Versions\n")
    parts.append(versions_table(document, src))
    parts.append(timeline_section(context, document, src))
    parts.append(picker_section(document, src))
    return "\n".join(parts)


def versions_table(document: Document, src: str) -> str:
    """One row per version: date, version link, stage, status, languages."""
    rows = []
    for version in document.versions:
        target = urls.version(document.slug, version.version)
        languages = " · ".join(
            link(
                LANGUAGE_NAMES[d.language],
                urls.rel(src, urls.version(document.slug, version.version, d.language)),
            )
            if len(version.drafts) > 1
            else LANGUAGE_NAMES[d.language]
            for d in version.drafts
        )
        stage = (version.draft("en") or version.primary).stage
        rows.append(
            [
                version.date.isoformat(),
                link(f"`{version.version}`", urls.rel(src, target)),
                md_text(stage),
                version.primary.status.label,
                languages,
            ]
        )
    return table(["Date", "Version", "Stage", "Status", "Languages"], rows) + "\n"


def documents_list(context: SiteContext, src: str) -> str:
    """The home page's list of documents, for the `documents` directive."""
    rows = []
    for document in context.corpus.documents:
        latest = document.versions[-1]
        rows.append(
            [
                link(
                    md_text(document_title(document)), urls.rel(src, urls.document(document.slug))
                ),
                md_text(document.title.ja) if document.title.ja else "",
                KIND_NAMES[document.kind],
                str(len(document.versions)),
                link(
                    md_text(version_label(latest)),
                    urls.rel(src, urls.version(document.slug, latest.version)),
                ),
            ]
        )
    return table(["Document", "日本語", "Kind", "Versions", "Latest"], rows) + "\n"


def directives(context: SiteContext) -> dict[str, Callable[[str], str]]:
    """Renderers for the `<!-- lawtrack:NAME -->` directives of hand-written pages."""
    return {"documents": lambda src: documents_list(context, src)}


def navigation(context: SiteContext) -> tuple[dict[str, Any], ...]:
    """Navigation entries: each document with its overview and versions (no provisions)."""
    entries = []
    for document in context.corpus.documents:
        children: list[dict[str, Any] | str] = [urls.document(document.slug)]
        for version in document.versions:
            children.append(
                {title_html(version_label(version)): urls.version(document.slug, version.version)}
            )
        entries.append({title_html(document_title(document)): children})
    return tuple(entries)
