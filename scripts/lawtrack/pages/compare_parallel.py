"""The compare page of two versions in several languages: every change in each language.

`/<document>/compare/<old>...<new>/` of versions that share Japanese and English holds both
diffs of every change side by side, in the reader's view (対訳 / 日本語 / English, the same
linked tabs as version pages, `bilingual`); `/<lang>/` below it keeps one language each. The
alignment is the same in every language, so the entries of the comparisons line up one to
one. Pure: renders Markdown from the comparisons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.pages import urls
from lawtrack.pages.bilingual import NAMES, block_cell, cell, row, text_views
from lawtrack.pages.compare import KIND_LABELS, CompareView, entry_anchor
from lawtrack.pages.markup import heading, link, md_inline, safe_id
from lawtrack.pages.redline import text_html

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lawtrack.compare import Comparison, Entry
    from lawtrack.compare_index import CompareIndex
    from lawtrack.lineage import DocumentLineage
    from lawtrack.model import Document, Draft, Version


def parallel_view(index: CompareIndex, view: CompareView) -> CompareView:
    """The view of a pair's own page: every language when it has several, else `view`."""
    document, old, new = view.document, view.old, view.new
    languages = index.languages(document.slug, old.version, new.version)
    comparisons = [index.comparison(document.slug, old.version, new.version, x) for x in languages]
    found = [c for c in comparisons if c is not None]
    if len(found) < 2:
        return view
    return ParallelCompareView(document, old, new, found, view.lineage, view.src)


class LinkedView(CompareView):
    """A compare view whose links to versions go to their version pages (every language)."""

    def version_link(self, version: Version, draft: Draft, anchor: str = "") -> str:
        """A relative link target to a version page (which shows the reader's view)."""
        return urls.rel(self.src, urls.version(self.document.slug, version.version), anchor)


class ParallelCompareView(LinkedView):
    """Renders a compare page with each change in every language, a cell per language."""

    def __init__(
        self,
        document: Document,
        old: Version,
        new: Version,
        comparisons: Sequence[Comparison],
        lineage: DocumentLineage | None,
        src: str,
    ) -> None:
        super().__init__(document, old, new, comparisons[0], lineage, src)
        self.sides = [LinkedView(document, old, new, c, lineage, src) for c in comparisons]
        self.position = {id(e): i for i, e in enumerate(self.comparison.entries)}
        """Where each entry is in the comparison (every side has its entries in that order)."""

    def language_pages(self) -> dict[str, str]:
        """Language → a relative link to this comparison in that language alone."""
        old, new = self.old.version, self.new.version
        return {
            side.language: urls.rel(
                self.src, urls.compare(self.document.slug, old, new, side.language)
            )
            for side in self.sides
        }

    def versions_table(self) -> str:
        """Both versions, the languages, and the view tabs."""
        drafts = [self.new.draft(side.language) or self.new.primary for side in self.sides]
        return (
            super().versions_table()
            + "\n"
            + text_views(drafts, "each change", self.language_pages())
        )

    def language_line(self) -> str:
        """The languages compared on this page, and their pages of their own."""
        alone = " · ".join(
            link(NAMES[language], target) for language, target in self.language_pages().items()
        )
        return f"\nLanguages: **対訳** (side by side, on this page) · each alone: {alone}\n"

    def pairs(self, entry: Entry) -> list[tuple[CompareView, Entry]]:
        """The entry in each language (a language whose entry differs is left out)."""
        index = self.position[id(entry)]
        out: list[tuple[CompareView, Entry]] = []
        for side in self.sides:
            entries = side.comparison.entries
            if index < len(entries) and entries[index].change == entry.change:
                out.append((side, entries[index]))
        return out

    def labels(self, pairs: Sequence[tuple[CompareView, Entry]]) -> str:
        """The entry's provisions in each language, each marked with its language."""
        return " ".join(
            cell(side.language, md_inline(side.short_label(e)), tag="span") for side, e in pairs
        )

    def label_md(self, entry: Entry) -> str:
        """The entry's provisions in each language (the summary links), each in its view."""
        return self.labels(self.pairs(entry))

    def changed_entry(self, entry: Entry) -> str:
        """One change: heading, then facts and diff in each language side by side."""
        pairs = self.pairs(entry)
        change = entry.change
        title = f"{KIND_LABELS[change.kind]}: {self.labels(pairs)}"
        css = f"lt-change lt-change-{change.kind.value}"
        cells = [block_cell(side.language, "\n".join(side.change_body(e))) for side, e in pairs]
        return "\n".join(
            [heading(3, title, entry_anchor(entry), css), "", row(cells, css="lt-compare-row"), ""]
        )

    def unchanged_entry(self, entry: Entry) -> str:
        """One unchanged provision, collapsed, with its text in each language."""
        pairs = self.pairs(entry)
        renumbered = " (renumbered)" if entry.change.renumbered else ""
        cells = []
        for side, found in pairs:
            text = "\n".join(p.text for p in side.units(found)[1])
            body = [side.entry_facts(found), "", text_html(text, side.language) if text else ""]
            cells.append(block_cell(side.language, "\n".join(body)))
        return "\n".join(
            [
                f'<details class="note lt-unchanged" id="{safe_id(entry_anchor(entry))}" markdown>',
                f"<summary>{self.labels(pairs)}{renumbered}</summary>",
                "",
                row(cells, css="lt-compare-row"),
                "",
                "</details>",
                "",
            ]
        )
