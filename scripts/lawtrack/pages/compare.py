"""Compare pages: `/<document>/compare/<old>...<new>/` for every pair of versions, per language.

A summary table with links to every entry, each change as a redline (or side by side), unchanged
provisions collapsed. Pure: looks comparisons up in the analysis and renders Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.align import ChangeKind
from lawtrack.model import Kind
from lawtrack.pages import SitePage, urls
from lawtrack.pages.markup import (
    front_matter,
    heading,
    link,
    md_inline,
    md_text,
    safe_id,
    sr_only,
    table,
)
from lawtrack.pages.redline import redline_html, side_by_side_html, text_html, view_switch
from lawtrack.pages.text import LANGUAGE_NAMES, version_label

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from lawtrack.compare import Comparison, Entry
    from lawtrack.lineage import DocumentLineage
    from lawtrack.model import Document, Draft, Provision, Version
    from lawtrack.pages import SiteContext

KIND_LABELS = {
    ChangeKind.UNCHANGED: "Unchanged",
    ChangeKind.MODIFIED: "Modified",
    ChangeKind.ADDED: "Added",
    ChangeKind.REMOVED: "Removed",
    ChangeKind.SPLIT: "Split",
    ChangeKind.MERGED: "Merged",
}
SUMMARY_ORDER = (
    ChangeKind.MODIFIED,
    ChangeKind.ADDED,
    ChangeKind.REMOVED,
    "renumbered",
    ChangeKind.SPLIT,
    ChangeKind.MERGED,
    ChangeKind.UNCHANGED,
)


FULL_LIMIT = 200
"""Comparisons with up to this many entries (provisions) get complete pages for every pair of
versions: every change as a redline and side by side, every unchanged provision's text. Larger
ones show the text of changes only, and pairs of versions that are not next to each other get a
summary page that links to each provision's history and to the steps between (docs/compare.md,
docs/performance.md): with V versions there are V(V-1)/2 pairs, and complete pages for all of
them grew the site with the square of the number of versions."""


def render(context: SiteContext, part: slice = slice(None)) -> Iterator[SitePage]:
    """Yield a compare page for every pair of versions of every document (and per language).

    `part`: only the pairs in this slice of `pairs(context)` (so that processes can share them).
    """
    index = context.analysis.compare
    for document, i, j in pairs(context)[part]:
        versions = document.versions
        old, new = versions[i], versions[j]
        languages = index.languages(document.slug, old.version, new.version)
        pages: list[tuple[str | None, str]] = [(None, languages[0])] if languages else []
        if len(languages) > 1:
            pages.extend((language, language) for language in languages)
        steps = versions[i : j + 1]
        for page_language, language in pages:
            yield _page(context, document, steps, language, page_language)


def pairs(context: SiteContext) -> list[tuple[Document, int, int]]:
    """Every pair of versions (older and newer index) of every document, in page order."""
    return [
        (document, i, j)
        for document in context.corpus.documents
        for i in range(len(document.versions))
        for j in range(i + 1, len(document.versions))
    ]


def _page(
    context: SiteContext,
    document: Document,
    steps: Sequence[Version],
    language: str,
    page_language: str | None,
) -> SitePage:
    old, new = steps[0], steps[-1]
    src = urls.compare(document.slug, old.version, new.version, page_language)
    comparison = context.analysis.compare.comparison(
        document.slug, old.version, new.version, language
    )
    assert comparison is not None
    lineage = context.analysis.compare.lineage(document.slug)
    view = CompareView(document, old, new, comparison, lineage, src)
    new_draft = new.draft(language) or new.primary
    languages = context.analysis.compare.languages(document.slug, old.version, new.version)
    if summary_only(comparison, len(steps), page_language, languages):
        from lawtrack.pages.compare_summary import summary_page  # it imports this module

        markdown = summary_page(view, [s.version for s in steps], page_language, languages)
        return SitePage(src, markdown, edit_path=new_draft.path)
    if page_language is None:  # the page of the pair holds every language it has
        from lawtrack.pages.compare_parallel import parallel_view  # it imports this module

        view = parallel_view(context.analysis.compare, view)
    return SitePage(src, view.markdown(), edit_path=new_draft.path)


def summary_only(
    comparison: Comparison, steps: int, page_language: str | None, languages: Sequence[str]
) -> bool:
    """Whether a compare page is a summary (`compare_summary`) rather than every redline.

    Only for a document over `FULL_LIMIT` provisions: pairs of versions further apart than the
    next one, and the page of the pair that would hold every language side by side (each
    language keeps its own page with the redlines).
    """
    if len(comparison.entries) <= FULL_LIMIT:
        return False
    return steps > 2 or (page_language is None and len(languages) > 1)


def unit_label(provision: Provision, by_id: Mapping[str, Provision]) -> str:
    """A unit's heading; supplementary articles get the supplementary heading before it."""
    parent = by_id.get(provision.parent) if provision.parent else None
    own = provision.heading or provision.id
    if parent is not None and parent.kind is Kind.SUPPL and provision.kind is not Kind.SUPPL:
        return f"{parent.heading} {own}"
    return own


def entry_anchor(entry: Entry) -> str:
    """The anchor of an entry: `new-<id>` of its first new unit, else `old-<id>`."""
    change = entry.change
    return f"new-{change.new[0]}" if change.new else f"old-{change.old[0]}"


def compare_title(document: Document, old: Version, new: Version) -> str:
    """`AI Promotion Act lineage: wg-draft → promulgated`."""
    title = document.title.en or document.title.ja
    return f"{title}: {old.version} → {new.version}"


class CompareView:
    """Renders one compare page (a small object so the parts share their lookups)."""

    def __init__(
        self,
        document: Document,
        old: Version,
        new: Version,
        comparison: Comparison,
        lineage: DocumentLineage | None,
        src: str,
    ) -> None:
        self.document, self.old, self.new, self.src = document, old, new, src
        self.comparison, self.lineage, self.language = comparison, lineage, comparison.language
        self.old_draft = old.draft(self.language) or old.primary
        self.new_draft = new.draft(self.language) or new.primary
        self.old_units = {p.id: p for p in self.old_draft.provisions}
        self.new_units = {p.id: p for p in self.new_draft.provisions}
        self.shown_changed = self.shown_unchanged = self.side_by_side = True
        """Whether changed and unchanged entries are on the page (else linked elsewhere), and
        whether changes are also shown side by side (else as a redline only)."""

    def head(self) -> list[str]:
        """Front matter (out of the search index: version pages hold the text), title, versions."""
        title = compare_title(self.document, self.old, self.new)
        return [
            front_matter(title, search={"exclude": True}),
            f"# {md_text(title)}\n",
            self.versions_table(),
        ]

    def markdown(self) -> str:
        """The whole page: every change; side by side and unchanged text up to `FULL_LIMIT`."""
        entries = self.comparison.entries
        self.shown_unchanged = self.side_by_side = len(entries) <= FULL_LIMIT
        switch = [view_switch()] if self.side_by_side else []
        parts = [*self.head(), "## Summary\n", self.summary(), "## Changes\n", *switch]
        changed = [e for e in entries if e.change.kind is not ChangeKind.UNCHANGED]
        parts.extend(self.changed_entry(e) for e in changed)
        if not changed:
            parts.append("No provision changed.\n")
        unchanged = [e for e in entries if e.change.kind is ChangeKind.UNCHANGED]
        if unchanged and self.shown_unchanged:
            parts.append("## Unchanged\n")
            parts.extend(self.unchanged_entry(e) for e in unchanged)
        return "\n".join(parts)

    def target(self, entry: Entry) -> str:
        """Where the summary links an entry: on this page, else its history or version text."""
        unchanged = entry.change.kind is ChangeKind.UNCHANGED
        if self.shown_unchanged if unchanged else self.shown_changed:
            return f"#{entry_anchor(entry)}"
        if not unchanged and self.lineage is not None:
            for version, ids in ((self.new, entry.change.new), (self.old, entry.change.old)):
                lineage_id = self.lineage.lineage_of(version.version, ids[0]) if ids else None
                if lineage_id:
                    return urls.rel(self.src, urls.lineage(self.document.slug, lineage_id))
        olds, news = self.units(entry)
        if news:
            return self.version_link(self.new, self.new_draft, news[0].id)
        return self.version_link(self.old, self.old_draft, olds[0].id) if olds else "#"

    def version_link(self, version: Version, draft: Draft, anchor: str = "") -> str:
        """A relative link target to a version page in the draft's language."""
        language = draft.language if len(version.drafts) > 1 else None
        return urls.rel(
            self.src, urls.version(self.document.slug, version.version, language), anchor
        )

    def versions_table(self) -> str:
        """Both versions: links, dates, stages, and the language switch."""
        rows = []
        for name, version, draft in (
            ("Old", self.old, self.old_draft),
            ("New", self.new, self.new_draft),
        ):
            target = self.version_link(version, draft)
            rows.append(
                [
                    name,
                    link(f"`{version.version}`", target),
                    md_text(version_label(version)),
                    md_text(draft.title),
                ]
            )
        out = table([sr_only("Side"), "Version", "Date · stage", "Title"], rows) + "\n"
        return out + self.language_line()

    def language_line(self) -> str:
        """Links to this comparison in the other languages, if there are any."""
        index_languages = self._languages()
        if len(index_languages) < 2:
            return f"\nCompared in {LANGUAGE_NAMES.get(self.language, self.language)}.\n"
        shown = []
        for language in index_languages:
            name = LANGUAGE_NAMES[language]
            if language == self.language:
                shown.append(f"**{name}**")
            else:
                target = urls.compare(
                    self.document.slug, self.old.version, self.new.version, language
                )
                shown.append(link(name, urls.rel(self.src, target)))
        both = urls.compare(self.document.slug, self.old.version, self.new.version)
        shown.append(link("対訳 (side by side)", urls.rel(self.src, both)))
        return "\nLanguage: " + " · ".join(shown) + "\n"

    def _languages(self) -> list[str]:
        return [d.language for d in self.old.drafts if self.new.draft(d.language) is not None]

    def summary(self) -> str:
        """How many provisions changed in each way, with links to the entries."""
        counts = self.comparison.counts()
        rows = []
        for kind in SUMMARY_ORDER:
            entries = [
                e
                for e in self.comparison.entries
                if (e.change.renumbered if kind == "renumbered" else e.change.kind is kind)
            ]
            if not entries:
                continue
            label = "Renumbered" if kind == "renumbered" else KIND_LABELS[ChangeKind(kind)]
            links = ", ".join(link(self.label_md(e), self.target(e)) for e in entries)
            rows.append([label, str(len(entries)), links])
        share = f"{counts.share_changed:.0%}"
        return table(["Change", "Provisions", "Which"], rows) + f"\n\nText changed: {share}.\n"

    def units(self, entry: Entry) -> tuple[list[Provision], list[Provision]]:
        """The old and new units of an entry (those this language's drafts have)."""
        olds = [self.old_units[i] for i in entry.change.old if i in self.old_units]
        news = [self.new_units[i] for i in entry.change.new if i in self.new_units]
        return olds, news

    def label_md(self, entry: Entry) -> str:
        """The entry's `short_label` as Markdown, for links to it."""
        return md_text(self.short_label(entry))

    def short_label(self, entry: Entry) -> str:
        """The entry's provisions as headings: the new ones, or the old ones if removed."""
        olds, news = self.units(entry)
        if news:
            return " / ".join(unit_label(p, self.new_units) for p in news)
        return " / ".join(unit_label(p, self.old_units) for p in olds)

    def changed_entry(self, entry: Entry) -> str:
        """One change: heading, what it was and is, and its diff in both views."""
        change = entry.change
        kind = KIND_LABELS[change.kind]
        title = f"{kind}: {md_text(self.short_label(entry))}"
        css = f"lt-change lt-change-{change.kind.value}"
        parts = [heading(3, title, entry_anchor(entry), css), "", *self.change_body(entry)]
        return "\n".join(parts) + "\n"

    def change_body(self, entry: Entry) -> list[str]:
        """What a change shows under its heading: facts, redline, side by side."""
        parts = [self.entry_facts(entry), ""]
        olds, news = self.units(entry)
        absent = "not in this version"
        old_label = " / ".join(unit_label(p, self.old_units) for p in olds) or absent
        new_label = " / ".join(unit_label(p, self.new_units) for p in news) or absent
        old_label, new_label = (
            f"{self.old.version} · {old_label}",
            f"{self.new.version} · {new_label}",
        )
        parts.append(redline_html(entry.diff, self.language))
        if self.side_by_side:
            parts.append(side_by_side_html(entry.diff, self.language, old_label, new_label))
        return parts

    def entry_facts(self, entry: Entry) -> str:
        """`Before (v1): Article 5 · After (v2): Article 6, Article 7 · similarity 0.93 · …`."""
        change = entry.change
        olds, news = self.units(entry)
        facts = []
        if olds:
            facts.append(self.side_fact("Before", self.old, self.old_draft, olds))
        if news:
            facts.append(self.side_fact("After", self.new, self.new_draft, news))
        if olds and news:
            facts.append(f"similarity {change.similarity:.2f}")
        if change.renumbered:
            facts.append("renumbered")
        if entry.caption_changed:
            facts.append(f"caption: {md_text(entry.old_caption)} → {md_text(entry.new_caption)}")
        if entry.diff.replaced:
            facts.append("rewritten: shown as replaced")
        facts.extend(self.history_links(entry))
        return f'<p class="lt-change-facts" markdown>{" · ".join(facts)}</p>'

    def side_fact(self, name: str, version: Version, draft: Draft, units: list[Provision]) -> str:
        """`Before ([v1](…)): [Article 5](…#art-5)`."""
        by_id = self.old_units if version is self.old else self.new_units
        shown = ", ".join(
            link(md_text(unit_label(p, by_id)), self.version_link(version, draft, p.id))
            for p in units
        )
        return (
            f"{name} ({link(f'`{version.version}`', self.version_link(version, draft))}): {shown}"
        )

    def history_links(self, entry: Entry) -> list[str]:
        """Links to the history pages of the lineages in the entry."""
        if self.lineage is None:
            return []
        found: list[str] = []
        for version, ids in (
            (self.new.version, entry.change.new),
            (self.old.version, entry.change.old),
        ):
            for unit_id in ids:
                lineage_id = self.lineage.lineage_of(version, unit_id)
                if lineage_id and lineage_id not in found:
                    found.append(lineage_id)
        return [
            link(
                "history" if len(found) == 1 else f"history of {md_text(lid)}",
                urls.rel(self.src, urls.lineage(self.document.slug, lid)),
            )
            for lid in found
        ]

    def unchanged_entry(self, entry: Entry) -> str:
        """One unchanged provision, collapsed, with its text."""
        news = self.units(entry)[1]
        label = md_inline(self.short_label(entry))
        renumbered = " (renumbered)" if entry.change.renumbered else ""
        text = "\n".join(p.text for p in news)
        return "\n".join(
            [
                f'<details class="note lt-unchanged" id="{safe_id(entry_anchor(entry))}" markdown>',
                f"<summary>{label}{renumbered}</summary>",
                "",
                self.entry_facts(entry),
                "",
                text_html(text, self.language) if text else "",
                "",
                "</details>",
                "",
            ]
        )
