"""Measure badges, links between documents and editor notes beside each unit of a version page.

Badges come in three kinds that never mix: reviewed tags, reviewed tags resting on unverified
facts (labelled "unverified") and tags suggested by keyword rules (labelled "suggested", in a line
of their own). Links show on both ends and only on the versions they hold for; notes carry forward
to later versions of their lineage with a flag when the text changed after they were written.
Pure: looks everything up in the analysis (`coverage.CrossIndex`) and renders Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.align import units
from lawtrack.coverage import TagKind
from lawtrack.model import Kind
from lawtrack.pages import urls
from lawtrack.pages.markup import admonition, block, link, md_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lawtrack.coverage import CrossIndex, LinkEnd, UnitTag
    from lawtrack.model import Annotation, Corpus, Document, Draft, Provision, Version
    from lawtrack.pages import SiteContext

KIND_LABELS = {
    TagKind.REVIEWED: "",
    TagKind.UNVERIFIED: " · unverified",
    TagKind.SUGGESTED: " · suggested",
}
NO_SEARCH = " data-search-exclude"
"""Badges and links repeat what other pages say: kept out of the search index, so that a search
finds the text that says it, not every page that links to it."""
ARROWS = {
    "to": ("→", "Links to"),
    "from": ("←", "Linked from"),
    "both": ("↔", "Linked both ways with"),
}


@dataclass(frozen=True, slots=True)
class UnitExtras:
    """What a version page shows beside one unit."""

    head: str = ""
    """Markdown right after the unit's heading: its measure badges."""
    tail: str = ""
    """Markdown after the unit's text: links to other provisions and editor notes."""


def unit_extras(
    context: SiteContext, document: Document, version: Version, draft: Draft, src: str
) -> dict[str, UnitExtras]:
    """Unit id → badges, links and notes, for every unit of a version page that has any."""
    xref = context.analysis.xref
    out = {}
    for unit in units(draft.provisions):
        head = badges(xref, xref.unit_tags(document.slug, version.version, unit.id), src)
        tail = [
            links_markdown(context.corpus, xref, end, src, draft.language, home=document.slug)
            for end in xref.links_at(document.slug, version.version, unit.id)
        ]
        lineage = xref.lineage_of.get((document.slug, version.version, unit.id), unit.id)
        tail.extend(
            note_markdown(xref, document.slug, lineage, note, draft.language, version.version)
            for note in xref.notes_at(document.slug, version.version, unit.id)
        )
        if head or tail:
            out[unit.id] = UnitExtras(head, "\n\n".join(tail))
    return out


def badges(xref: CrossIndex, tags: Sequence[UnitTag], src: str) -> str:
    """Reviewed and unverified badges on one line, suggested ones on a line of their own."""
    reviewed = [badge(xref, t, src) for t in tags if t.kind is not TagKind.SUGGESTED]
    suggested = [badge(xref, t, src) for t in tags if t.kind is TagKind.SUGGESTED]
    lines = []
    if reviewed:
        lines.append(block("p", "Measures: " + " ".join(reviewed), css="lt-tags", extra=NO_SEARCH))
    if suggested:
        text = "Suggested by keywords, not reviewed: " + " ".join(suggested)
        lines.append(block("p", text, css="lt-tags lt-tags-suggested", extra=NO_SEARCH))
    return "\n\n".join(lines)


def badge(xref: CrossIndex, tag: UnitTag, src: str) -> str:
    """One measure badge: a link to the measure's page, its kind in its text and title."""
    measure = xref.measure(tag.measure)
    name = measure.name.en or measure.name.ja if measure is not None else ""
    why = {
        TagKind.REVIEWED: "reviewed tag",
        TagKind.UNVERIFIED: "reviewed tag resting on facts the project has not confirmed",
        TagKind.SUGGESTED: f"suggested by keywords, not reviewed: {', '.join(tag.keywords)}",
    }[tag.kind]
    label = f"Measure {tag.measure}{KIND_LABELS[tag.kind]}"
    target = urls.rel(src, urls.measure(tag.measure))
    title = f"Measure {tag.measure}: {name} ({why})"
    return link(md_text(label), target, title) + f"{{ .lt-tag .lt-tag-{tag.kind.value} }}"


def short_label(provision: Provision) -> str:
    """A short name for tables: `Art. 16`, `Suppl. Art. 2`, or the id of a section."""
    if provision.kind is Kind.ARTICLE and provision.number:
        prefix = "Suppl. Art." if provision.id.startswith("suppl") else "Art."
        return f"{prefix} {provision.number}"
    return provision.id


def unit_heading(corpus: Corpus, document: str, version: str, unit: str) -> str:
    """The heading of a unit as written, in English where there is an English text."""
    found = corpus.document(document)
    ver = found.version(version) if found is not None else None
    if ver is None:
        return unit
    draft = ver.draft("en") or ver.primary
    provision = draft.provision(unit) or ver.primary.provision(unit)
    return provision.heading or unit if provision is not None else unit


def version_links(
    xref: CrossIndex, document: str, lineage: str, versions: Sequence[str], src: str
) -> str:
    """`draft · v1.0 · …`, each a link to the lineage's unit on that version's page."""
    shown = []
    for version in versions:
        unit = xref.unit_of.get((document, lineage, version))
        if unit is not None:
            target = urls.rel(src, urls.version(document, version), unit)
            shown.append(link(f"`{version}`", target))
    return " · ".join(shown)


def links_markdown(
    corpus: Corpus,
    xref: CrossIndex,
    end: LinkEnd,
    src: str,
    language: str,
    *,
    home: str = "",
    here: str = "",
) -> str:
    """One link between documents as a line: direction, other end, versions, note.

    Args:
        corpus: For the other document's title and headings.
        xref: The cross-reference index.
        end: The link as seen from this end.
        src: The page it goes on.
        language: The language of the note shown.
        home: The document of the page (a link within it says "this document").
        here: When set (history pages), also say which versions of this end it holds for.
    """
    arrow, verb = ARROWS[end.direction]
    other = corpus.document(end.document)
    title = (other.title.en or other.title.ja) if other is not None else end.document
    if end.document == home:
        title = "this document"
    latest = end.other_versions[-1] if end.other_versions else ""
    name = unit_heading(
        corpus,
        end.document,
        latest,
        xref.unit_of.get((end.document, end.lineage, latest)) or end.lineage,
    )
    history = urls.rel(src, urls.lineage(end.document, end.lineage))
    text = (
        f"{arrow} {verb} {md_text(title)}: {link(md_text(name), history)}"
        f" — in {version_links(xref, end.document, end.lineage, end.other_versions, src)}"
    )
    if here:
        text += f"; holds for {here} " + ", ".join(f"`{v}`" for v in end.versions)
    note = end.note_ja if language == "ja" and end.note_ja else end.note_en or end.note_ja
    if note:
        text += f". {md_text(note)}"
    return block("p", text, css=f"lt-xlink lt-xlink-{end.direction}", extra=NO_SEARCH)


def note_markdown(
    xref: CrossIndex,
    document: str,
    lineage: str,
    note: Annotation,
    language: str,
    shown: str | None,
) -> str:
    """An editor's note as an admonition, flagged when the text changed after it was written.

    Args:
        xref: The cross-reference index.
        document: The document of the lineage.
        lineage: The lineage the note is on.
        note: The note.
        language: The language of the page (the note falls back to the other language).
        shown: The version it is shown on; None on history pages (any change counts).
    """
    title = f"Editor's note, written for {note.version}"
    kind = "note lt-note"
    if note.unverified:
        title += " — unverified"
        kind = "question lt-note lt-note-unverified"
    lines = [md_text(note.text.get(language))]
    step = xref.changed_since(document, lineage, note.version, shown)
    if step is not None:
        flag = (
            f"⚠ The text has changed since this note was written (in `{step.version}`: "
            f"{step.kind.value})."
        )
        lines.extend(["", flag, "{ .lt-changed }"])  # md_in_html does not work in admonitions
    return admonition(kind, title, lines)
