"""The text of a version in several languages, row by row: one row per provision id.

Provision ids are language-independent, so the Japanese and English texts of a version line up
by id: a row holds each language's heading, paragraph or item in a cell of its own and carries
the provision's anchor once (on the heading, or on the row of a paragraph or item). Rows follow
the Japanese text; a provision only one language has gets its row where that language has it,
and the other cell says so. Pure: drafts in, Markdown out; draft text reaches the page only
through `markup` and `inline`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawtrack.model import Kind
from lawtrack.pages.bilingual import block_cell, cell, missing, row
from lawtrack.pages.inline import annotated
from lawtrack.pages.markup import block, heading, md_text
from lawtrack.pages.text import DELETED, section_text

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from lawtrack.crossref import DraftLinks
    from lawtrack.model import Draft, Provision
    from lawtrack.pages.annotations import UnitExtras

_LINES = (Kind.PARAGRAPH, Kind.ITEM)


@dataclass(frozen=True, slots=True)
class Row:
    """One provision id and what each language has under it."""

    id: str
    cells: tuple[tuple[str, Provision | None], ...]
    """(language, its provision or None), one per draft, Japanese first."""

    @property
    def provision(self) -> Provision:
        """The provision of the first language that has it (kind, parent and level agree)."""
        return next(p for _, p in self.cells if p is not None)


@dataclass(frozen=True, slots=True)
class Layer:
    """What one language's cells are annotated with (as on its single-language page)."""

    links: DraftLinks | None = None
    """References to link and terms to mark, in this language's text."""
    extras: Mapping[str, UnitExtras] = field(default_factory=dict)
    """Unit id → measure badges, links and notes."""


def merge_order(first: Sequence[str], second: Sequence[str]) -> list[str]:
    """Both id sequences as one, each id once: `first`'s order, `second`'s own ids in place.

    An id only `second` has goes right after the last id both have that comes before it in
    `second` (at the start if none does); ids both have keep `first`'s order.
    """
    in_first = set(first)
    followers: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for unit_id in second:
        if unit_id in in_first:
            anchor = unit_id
        else:
            followers.setdefault(anchor, []).append(unit_id)
    out = list(followers.get(None, ()))
    for unit_id in first:
        out.append(unit_id)
        out.extend(followers.get(unit_id, ()))
    return out


def aligned_rows(drafts: Sequence[Draft]) -> tuple[Row, ...]:
    """Every provision id of the drafts, in reading order, with each draft's provision."""
    order: list[str] = [p.id for p in drafts[0].provisions]
    for draft in drafts[1:]:
        order = merge_order(order, [p.id for p in draft.provisions])
    lookups = [(d.language, {p.id: p for p in d.provisions}) for d in drafts]
    return tuple(Row(i, tuple((lang, by_id.get(i)) for lang, by_id in lookups)) for i in order)


def parallel_markdown(
    drafts: Sequence[Draft],
    history: Mapping[str, str],
    layers: Mapping[str, Layer],
) -> str:
    """All provisions of a version's drafts as rows, each row with its id as anchor.

    Args:
        drafts: The version's drafts, Japanese first.
        history: Unit id → a Markdown link to its history page (shown once per unit).
        layers: Language → references, terms, badges, links and notes of its text.

    Returns:
        Markdown blocks, in the order the single-language pages have them.
    """
    depth: dict[str, int] = {}
    out: list[str] = []
    pending: dict[str, str] = {}
    for item in aligned_rows(drafts):
        first = item.provision
        if pending and first.kind not in _LINES:
            out.append(tails_markdown(pending, [d.language for d in drafts]))
            pending = {}
        parent_depth = depth.get(first.parent, -1) if first.parent else -1
        depth[item.id] = parent_depth + 1
        if first.kind in _LINES:
            out.append(line_row(item, layers))
            continue
        out.extend(unit_rows(item, parent_depth + 1, layers))
        if item.id in history:
            out.append(block("p", history[item.id], css="lt-history-link"))
        pending = {
            language: extra.tail
            for language, layer in layers.items()
            if (extra := layer.extras.get(item.id)) is not None and extra.tail
        }
    if pending:
        out.append(tails_markdown(pending, [d.language for d in drafts]))
    return "\n\n".join(out) + "\n"


def line_row(item: Row, layers: Mapping[str, Layer]) -> str:
    """A paragraph or item: its number and text in each language, the id on the row."""
    css = "lt-para" if item.provision.kind is Kind.PARAGRAPH else "lt-item"
    cells = []
    for language, provision in item.cells:
        if provision is None:
            cells.append(missing(language))
            continue
        number = (
            f'<span class="lt-num">{md_text(provision.heading)}</span> '
            if provision.heading
            else ""
        )
        text = annotated(provision, provision.text, _layer(layers, language).links)
        cells.append(cell(language, number + text, css=css))
    return row(cells, anchor=item.id, css=f"{css}-row")


def unit_rows(item: Row, depth: int, layers: Mapping[str, Layer]) -> list[str]:
    """A heading row (the anchor), its badges, and a deleted mark or section text per language."""
    first = item.provision
    spans = [
        cell(language, md_text(p.heading), tag="span")
        if p is not None
        else missing(language, "span")
        for language, p in item.cells
    ]
    blocks = [heading(2 + depth, " ".join(spans), item.id, f"lt-{first.kind.value} lt-row")]
    badges = next(
        (e.head for layer in layers.values() if (e := layer.extras.get(item.id)) and e.head), ""
    )
    if badges:
        blocks.append(badges)
    if any(p is not None and p.deleted for _, p in item.cells):
        blocks.append(
            row(
                [
                    cell(lang, DELETED[lang], css="lt-deleted")
                    if p is not None and p.deleted
                    else cell(lang, "")
                    for lang, p in item.cells
                ]
            )
        )
    if first.kind is Kind.HEADING and any(p is not None and p.text for _, p in item.cells):
        blocks.append(row([_section_cell(lang, p, layers) for lang, p in item.cells]))
    return blocks


def _section_cell(language: str, provision: Provision | None, layers: Mapping[str, Layer]) -> str:
    if provision is None or not provision.text:
        return block_cell(language, "")
    links = _layer(layers, language).links
    return block_cell(language, "\n\n".join(section_text(provision.text, provision, links)))


def tails_markdown(tails: Mapping[str, str], languages: Sequence[str]) -> str:
    """Links and notes after a unit: once if every language has the same, else side by side."""
    shown = set(tails.values())
    if len(shown) == 1 and len(tails) == len(languages):
        return next(iter(shown))
    return row([block_cell(lang, tails.get(lang, "")) for lang in languages], css="lt-notes-row")


def _layer(layers: Mapping[str, Layer], language: str) -> Layer:
    return layers.get(language) or Layer()
