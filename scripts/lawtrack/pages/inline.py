"""Provision text as Markdown, with references as links and defined terms as tooltips.

References link to their target's anchor with a hover preview of its text; terms carry their
version's definition. The only markup comes from here; every piece of draft text goes through
`markup.md_inline`/`md_text`. Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.pages.markup import attr, md_inline, md_text, safe_id
from lawtrack.terms import occurrences

if TYPE_CHECKING:
    from lawtrack.crossref import DraftLinks
    from lawtrack.model import Provision


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    open_tag: str
    close_tag: str


def annotated(
    provision: Provision, text: str, links: DraftLinks | None, *, href_prefix: str = ""
) -> str:
    """`text` (the provision's own text) as Markdown with references linked and terms marked.

    Args:
        provision: The provision the text belongs to.
        text: Its text (for sections, one line of it).
        links: The draft's references and terms (None: plain escaped text).
        href_prefix: Put before `#anchor` in reference links (a relative page path when the
            text is shown on another page than the version's).

    Returns:
        One line of Markdown.
    """
    if links is None:
        return md_text(text)
    spans = _reference_spans(provision, text, links, href_prefix)
    taken = tuple((s.start, s.end) for s in spans)
    skip = taken + _definition_span(provision, text, links)
    for found in occurrences(text, links.terms, skip=skip):
        title = attr(f"{found.term.term}: {found.term.definition}")
        spans.append(
            _Span(found.start, found.end, f'<abbr class="lt-term" title="{title}">', "</abbr>")
        )
    return _render(text, sorted(spans, key=lambda s: s.start))


def _reference_spans(
    provision: Provision, text: str, links: DraftLinks, prefix: str
) -> list[_Span]:
    spans = []
    offset = 0
    for reference in links.references.get(provision.id, ()):
        start = text.find(reference.text, offset)
        if start == -1 or reference.target is None:
            continue
        offset = start + len(reference.text)
        title = attr(links.previews.get(reference.target, ""))
        href = f"{prefix}#{safe_id(reference.target)}"
        spans.append(
            _Span(start, offset, f'<a class="lt-ref" href="{attr(href)}" title="{title}">', "</a>")
        )
    return spans


def _definition_span(
    provision: Provision, text: str, links: DraftLinks
) -> tuple[tuple[int, int], ...]:
    """Do not mark a term inside the sentence that defines it."""
    return tuple(
        (text.find(term.term), text.find(term.term) + len(term.term))
        for term in links.terms
        if term.provision == provision.id and term.term in text
    )


def _render(text: str, spans: list[_Span]) -> str:
    out: list[str] = []
    position = 0
    for span in spans:
        piece = text[position : span.start]
        out.append(_first(piece) if position == 0 and piece else md_inline(piece))
        out.append(span.open_tag + md_inline(text[span.start : span.end]) + span.close_tag)
        position = span.end
    tail = text[position:]
    out.append(md_text(tail) if position == 0 else md_inline(tail))
    return "".join(out).strip()


def _first(piece: str) -> str:
    """The text before the first span: escaped for a line start, its trailing space kept."""
    return md_text(piece) + (" " if piece[-1:].isspace() else "")
