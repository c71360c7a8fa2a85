"""Version pages of versions in Japanese and English: both texts side by side, and the view.

`/<document>/<version>/` of a version in several languages holds every text once, aligned
provision by provision (`parallel_rows`), with the three view tabs (対訳 / 日本語 / English,
`bilingual`), one banner and one provenance box covering every language, and links to the
single-language pages below it (`/<document>/<version>/<lang>/`). Pure: drafts in, Markdown out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.model import Status
from lawtrack.pages import urls
from lawtrack.pages.annotations import unit_extras
from lawtrack.pages.bilingual import (
    NAMES,
    block_cell,
    cell,
    column_heads,
    language_status,
    row,
    text_views,
)
from lawtrack.pages.lineage import history_links
from lawtrack.pages.markup import (
    admonition,
    external,
    front_matter,
    link,
    md_text,
    sr_only,
    table,
)
from lawtrack.pages.parallel_rows import Layer, parallel_markdown
from lawtrack.pages.provenance import parallel_provenance_box, provenance_rows
from lawtrack.pages.text import document_row, status_banner, version_label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lawtrack.model import Document, Draft, Version
    from lawtrack.pages import SiteContext

_WHAT = {
    Status.OFFICIAL: "the official text as published",
    Status.UNOFFICIAL_RESTATEMENT: (
        "a restatement in this project's own words; not the official text, no legal force"
    ),
    Status.UNOFFICIAL_TRANSLATION: (
        "this project's own translation; not the official text, no legal force"
    ),
}


def version_page(context: SiteContext, document: Document, version: Version, src: str) -> str:
    """The Markdown of the version page of a version in several languages."""
    drafts = version.drafts
    pages: dict[str, str] = {
        d.language: urls.rel(src, urls.version(document.slug, version.version, d.language))
        for d in drafts
    }
    layers: dict[str, Layer] = {
        d.language: Layer(
            context.analysis.links.get(d.path),
            unit_extras(context, document, version, d, src),
        )
        for d in drafts
    }
    parts = [
        front_matter(f"{version.primary.title} — {version_label(version)}"),
        title_heading(drafts),
        banner(drafts),
        parallel_provenance_box(
            [
                (NAMES[d.language], provenance_rows(d, context.analysis.provenance.get(d.path)))
                for d in drafts
            ]
        ),
        metadata_table(document, version, src),
        text_views(drafts, "provision by provision", pages),
        version_notes(drafts),
        column_heads(drafts),
        parallel_markdown(drafts, history_links(context, document, version, src), layers),
    ]
    return "\n".join(part for part in parts if part)


def title_heading(drafts: Sequence[Draft]) -> str:
    """The page title in every language, each marked so that a one-language view shows its own."""
    spans = " ".join(cell(d.language, md_text(d.title), tag="span", css="lt-title") for d in drafts)
    return f"# {spans}\n"


def banner(drafts: Sequence[Draft]) -> str:
    """What the texts are: one banner when they share a status, else one line per language."""
    if len({d.status for d in drafts}) == 1:
        return status_banner(drafts[0])
    official = [d for d in drafts if d.status is Status.OFFICIAL]
    source_of = official[0] if official else drafts[0]
    source = external(source_of.source.title or "official source", source_of.source.url)
    lines = [f"- {language_status(d)}: {_WHAT[d.status]}." for d in drafts]
    title = (
        "Official and unofficial texts side by side"
        if official
        else "Unofficial texts — not the official text"
    )
    return admonition("warning", title, [*lines, "", f"Read the official text: {source}."])


def metadata_table(document: Document, version: Version, src: str) -> str:
    """Document, version, date, and the languages with their single-language pages."""
    pages = {
        d.language: urls.version(document.slug, version.version, d.language) for d in version.drafts
    }
    alone = " · ".join(link(NAMES[lang], urls.rel(src, page)) for lang, page in pages.items())
    rows = [
        document_row(document, src),
        ["Version", f"`{version.version}`"],
        ["Date", version.date.isoformat()],
        ["Languages", f"**対訳** (side by side, on this page) · each alone: {alone}"],
    ]
    return table([sr_only("Field"), sr_only("Value")], rows) + "\n"


def version_notes(drafts: Sequence[Draft]) -> str:
    """The version notes of each language, side by side ("" when no draft has any)."""
    if not any(d.notes for d in drafts):
        return ""
    cells = [
        block_cell(
            d.language,
            admonition("note", "Version notes", [md_text(d.notes)]) if d.notes else "",
        )
        for d in drafts
    ]
    return row(cells, css="lt-notes-row") + "\n"
