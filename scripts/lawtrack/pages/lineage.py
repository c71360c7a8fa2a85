"""History pages: `/<document>/provisions/<lineage-id>/`, one provision through every version.

Its number and caption in each version and language, its text, the redline from each version to
the next, and where it was split from or merged into. Pure: looks lineages and comparisons up
in the analysis and renders Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.align import ChangeKind
from lawtrack.pages import SitePage, urls
from lawtrack.pages.bilingual import side_by_side, text_views
from lawtrack.pages.compare import KIND_LABELS, unit_label
from lawtrack.pages.feeds import feed_link, feed_meta
from lawtrack.pages.lineage_xref import history_block
from lawtrack.pages.markup import front_matter, heading, link, md_text, table
from lawtrack.pages.redline import redline_html, text_html
from lawtrack.pages.text import LANGUAGE_NAMES, version_label

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lawtrack.compare import Entry
    from lawtrack.lineage import DocumentLineage, Lineage
    from lawtrack.model import Document, Provision, Version
    from lawtrack.pages import SiteContext


def render(context: SiteContext) -> Iterator[SitePage]:
    """Yield one history page per lineage of every document."""
    for document in context.corpus.documents:
        lineage = context.analysis.compare.lineage(document.slug)
        if lineage is None:
            continue
        for item in lineage.lineages:
            src = urls.lineage(document.slug, item.id)
            view = HistoryView(context, document, lineage, item, src)
            yield SitePage(src, view.markdown())


def history_links(
    context: SiteContext, document: Document, version: Version, src: str
) -> dict[str, str]:
    """For a version page: unit id → a Markdown link to the unit's history page."""
    lineage = context.analysis.compare.lineage(document.slug)
    if lineage is None:
        return {}
    links = {}
    for item in lineage.lineages:
        unit = item.unit_in(version.version)
        if unit is not None:
            target = urls.rel(src, urls.lineage(document.slug, item.id))
            links[unit] = link(
                "History", target, f"This provision through every version ({item.id})"
            )
    return links


def measures_block(context: SiteContext, document: Document, lineage: Lineage, src: str) -> str:
    """Measures, related provisions, editor notes and defined terms ("" when it has none)."""
    return history_block(context, document, lineage, src)


class HistoryView:
    """Renders one history page."""

    def __init__(
        self,
        context: SiteContext,
        document: Document,
        lineage: DocumentLineage,
        item: Lineage,
        src: str,
    ) -> None:
        self.context, self.document, self.lineage, self.item, self.src = (
            context,
            document,
            lineage,
            item,
            src,
        )
        self.versions = {v.version: v for v in document.versions}

    def unit(self, version: str, language: str | None = None) -> Provision | None:
        """The lineage's unit in a version (in a language, default the primary)."""
        unit_id = self.item.unit_in(version)
        found = self.versions[version]
        draft = (found.draft(language) if language else None) or found.primary
        return draft.provision(unit_id) if unit_id else None

    def label(self, version: str, language: str | None = None) -> str:
        """The unit's heading as written in a version (with 附則 for supplementary articles)."""
        unit = self.unit(version, language)
        if unit is None:
            return ""
        found = self.versions[version]
        draft = (found.draft(language) if language else None) or found.primary
        return unit_label(unit, draft.by_id())

    def title(self) -> str:
        """`History: Article 8 (Reports)`, after the latest version's heading."""
        last = self.label(self.item.last, "en") or self.label(self.item.last)
        return f"History: {last or self.item.id}"

    def markdown(self) -> str:
        """The whole page."""
        first = self.versions[self.item.first]
        title = self.document.title.en or self.document.title.ja
        feed = urls.feed(self.document.slug, self.item.id)
        parts = [
            front_matter(
                f"{self.title()} — {title}", **feed_meta(feed, f"lawtrack: {self.title()}")
            ),
            f"# {md_text(self.title())}\n",
            f'<p class="lt-subtitle" markdown>{self.document_link(title)}'
            f" · lineage `{self.item.id}` · {feed_link(self.src, feed, 'Atom feed of changes')}"
            "</p>\n",
            f"First in `{first.version}` ({md_text(version_label(first))}); "
            f"in {len(self.item.members)} of {len(self.versions)} versions.\n",
            *self.relations(),
            measures_block(self.context, self.document, self.item, self.src),
            self.view_tabs(),
            "## Through the versions\n",
            self.overview_table(),
        ]
        for version, _ in self.item.members:
            parts.append(self.version_section(self.versions[version]))
        return "\n".join(p for p in parts if p)

    def document_link(self, title: str) -> str:
        """A link to the document's overview."""
        return link(md_text(title), urls.rel(self.src, urls.document(self.document.slug)))

    def lineage_link(self, lineage_id: str) -> str:
        """A link to another lineage's history page."""
        return link(
            f"`{lineage_id}`", urls.rel(self.src, urls.lineage(self.document.slug, lineage_id))
        )

    def relations(self) -> list[str]:
        """Where it was split from or merged into, and what split from or merged into it."""
        lines = []
        if self.item.split_from:
            origin, version = self.item.split_from
            lines.append(f"- Split off {self.lineage_link(origin)} in `{version}`.")
        for other in self.lineage.offshoots(self.item.id):
            lines.append(f"- {self.lineage_link(other.id)} split off it in `{other.first}`.")
        for other in self.lineage.absorbed(self.item.id):
            if other.merged_into:
                lines.append(
                    f"- {self.lineage_link(other.id)} merged into it in `{other.merged_into[1]}`."
                )
        if self.item.merged_into:
            target, version = self.item.merged_into
            lines.append(f"- Merged into {self.lineage_link(target)} in `{version}`.")
        ended = self.ended_in()
        if ended and not self.item.merged_into:
            said = " (as the concordance of that version states)" if self.item.stated_end else ""
            lines.append(f"- Not in `{ended}` or later{said}.")
        return ["\n".join(lines) + "\n"] if lines else []

    def ended_in(self) -> str | None:
        """The version after its last one, if it ends before the latest version."""
        order = list(self.versions)
        after = order.index(self.item.last) + 1
        return order[after] if after < len(order) else None

    def change_into(self, version: Version) -> Entry | None:
        """The entry of the comparison previous → `version` that led to its unit there."""
        for language in version.languages:
            entry = self.language_entry(version, language)
            if entry is not None:
                return entry
        return None

    def overview_table(self) -> str:
        """One row per version of the document: its unit, and how it changed."""
        rows = []
        for version in self.versions.values():
            label = self.label(version.version)
            shown = link(md_text(label), f"#{self.anchor(version)}") if label else "—"
            rows.append(
                [
                    f"`{version.version}`",
                    md_text(version_label(version)),
                    shown,
                    self.change_label(version),
                ]
            )
        return table(["Version", "Date · stage", "Provision", "Change"], rows) + "\n"

    def change_label(self, version: Version) -> str:
        """How the unit changed into `version` (or that it first appears there)."""
        if self.item.unit_in(version.version) is None:
            return ""
        if version.version == self.item.first:
            return "split off" if self.item.split_from else "first appears"
        entry = self.change_into(version)
        if entry is None:
            return ""
        change = entry.change
        label = KIND_LABELS[change.kind].lower()
        if change.renumbered or change.kind in (ChangeKind.SPLIT, ChangeKind.MERGED):
            label += f" ({', '.join(change.old)} → {', '.join(change.new)})"
        return label

    def anchor(self, version: Version) -> str:
        """The anchor of a version's section."""
        return f"in-{version.version}"

    def version_section(self, version: Version) -> str:
        """Its number, caption and text in each language, with the redline from the previous."""
        parts = [
            heading(
                2,
                md_text(f"{version.version} · {version_label(version)}"),
                self.anchor(version),
                "lt-history-version",
            )
        ]
        facts = [self.change_label(version)]
        order = list(self.versions)
        index = order.index(version.version)
        if index and version.version != self.item.first:
            target = urls.compare(self.document.slug, order[index - 1], version.version)
            facts.append(
                link(
                    f"compare `{order[index - 1]}` → `{version.version}`",
                    urls.rel(self.src, target),
                )
            )
        parts.append(
            f'<p class="lt-change-facts" markdown>{" · ".join(f for f in facts if f)}</p>\n'
        )
        blocks = [(d.language, self.language_block(version, d.language)) for d in version.drafts]
        parts.append(side_by_side(blocks))
        return "\n".join(parts)

    def view_tabs(self) -> str:
        """The language tabs (対訳 / 日本語 / English) when some version has several languages."""
        several = [v for v, _ in self.item.members if len(self.versions[v].drafts) > 1]
        if not several:
            return ""
        return text_views(self.versions[several[-1]].drafts, "each version", {})

    def language_block(self, version: Version, language: str) -> str:
        """Heading as written (number and caption), link to the text, and text or redline."""
        unit = self.unit(version.version, language)
        if unit is None:
            return ""
        page_language = language if len(version.drafts) > 1 else None
        target = urls.rel(
            self.src, urls.version(self.document.slug, version.version, page_language), unit.id
        )
        name = LANGUAGE_NAMES.get(language, language)
        shown = link(md_text(self.label(version.version, language)), target)
        label = f'<p class="lt-history-heading" markdown>{name}: {shown}</p>\n'
        entry = self.language_entry(version, language)
        if entry is None or entry.change.kind is ChangeKind.UNCHANGED:
            return label + text_html(unit.text, language) + "\n"
        return label + redline_html(entry.diff, language) + "\n"

    def language_entry(self, version: Version, language: str) -> Entry | None:
        """The entry into `version` in one language (None in the lineage's first version)."""
        order = list(self.versions)
        index = order.index(version.version)
        unit_id = self.item.unit_in(version.version)
        if index == 0 or version.version == self.item.first or unit_id is None:
            return None
        comparison = self.context.analysis.compare.comparison(
            self.document.slug, order[index - 1], version.version, language
        )
        if comparison is None:
            return None
        return comparison.entry_into(unit_id)
