"""The cross-reference sections of a history page: measures, related provisions, notes, terms.

Measures per version (reviewed, unverified and suggested kept apart), links on both ends with the
versions each holds for, every editor note with a flag when the text changed after it was written,
and the definitions the provision gives in each version, flagged where a definition changed.
Pure: looks everything up in the analysis and renders Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.coverage import TagKind
from lawtrack.pages.annotations import badge, links_markdown, note_markdown
from lawtrack.pages.markup import md_text, table
from lawtrack.pages.text import LANGUAGE_NAMES
from lawtrack.textnorm import normalize

if TYPE_CHECKING:
    from lawtrack.lineage import Lineage
    from lawtrack.model import Document
    from lawtrack.pages import SiteContext
    from lawtrack.terms import Term


HERE = "this provision in"


def history_block(context: SiteContext, document: Document, item: Lineage, src: str) -> str:
    """Measures, related provisions, editor notes and defined terms of one lineage ("" if none)."""
    parts = [
        _measures(context, document, item, src),
        _links(context, document, item, src),
        _notes(context, document, item),
        _terms(context, document, item),
    ]
    return "\n".join(p for p in parts if p)


def _measures(context: SiteContext, document: Document, item: Lineage, src: str) -> str:
    xref = context.analysis.xref
    rows = []
    for version, unit in item.members:
        tags = xref.unit_tags(document.slug, version, unit)
        reviewed = [t for t in tags if t.kind is not TagKind.SUGGESTED]
        suggested = [t for t in tags if t.kind is TagKind.SUGGESTED]
        if tags:
            rows.append(
                [
                    f"`{version}`",
                    " ".join(badge(xref, t, src) for t in reviewed) or "—",
                    " ".join(badge(xref, t, src) for t in suggested) or "—",
                ]
            )
    if not rows:
        return ""
    header = ["Version", "Measures (reviewed)", "Suggested by keywords (not reviewed)"]
    return "## Measures\n\n" + table(header, rows) + "\n"


def _links(context: SiteContext, document: Document, item: Lineage, src: str) -> str:
    ends = context.analysis.xref.links.get((document.slug, item.id), ())
    if not ends:
        return ""
    lines = [
        links_markdown(
            context.corpus, context.analysis.xref, end, src, "en", home=document.slug, here=HERE
        )
        for end in ends
    ]
    return "## Related provisions\n\n" + "\n\n".join(lines) + "\n"


def _notes(context: SiteContext, document: Document, item: Lineage) -> str:
    xref = context.analysis.xref
    notes = xref.notes.get((document.slug, item.id), ())
    if not notes:
        return ""
    blocks = [note_markdown(xref, document.slug, item.id, note, "en", None) for note in notes]
    return "## Editor's notes\n\n" + "\n".join(blocks)


def _terms(context: SiteContext, document: Document, item: Lineage) -> str:
    """Every term defined in the provision, per language and version, with changes flagged."""
    rows = []
    for language in ("ja", "en"):
        previous: dict[str, Term] | None = None
        for version, unit in item.members:
            draft = document.version(version)
            found = draft.draft(language) if draft is not None else None
            if found is None:
                continue
            links = context.analysis.links.get(found.path)
            terms = {
                t.term: t
                for t in (links.terms if links is not None else ())
                if t.provision == unit or t.provision.startswith(unit + ".")
            }
            rows.extend(_term_rows(language, version, terms, previous))
            previous = terms
    if not rows:
        return ""
    header = ["Term", "Language", "Version", "Definition in this version", "Change"]
    return "## Defined terms\n\n" + table(header, rows) + "\n"


def _term_rows(
    language: str, version: str, terms: dict[str, Term], previous: dict[str, Term] | None
) -> list[list[str]]:
    rows = []
    name = LANGUAGE_NAMES.get(language, language)
    for term, found in terms.items():
        if previous is None:
            change = "first defined here"
        elif term not in previous:
            change = "✚ newly defined in this version"
        elif normalize(previous[term].definition) != normalize(found.definition):
            change = "⚠ definition changed in this version"
        else:
            change = "unchanged"
        rows.append([md_text(term), name, f"`{version}`", md_text(found.definition), change])
    for term in previous or {}:
        if term not in terms:
            rows.append([md_text(term), name, f"`{version}`", "—", "✖ no longer defined"])
    return rows
