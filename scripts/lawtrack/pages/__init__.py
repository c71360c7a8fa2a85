"""Render the whole site as generated pages: a mapping of source path → Markdown.

Two thin front-ends use this: the MkDocs plugin (pages in memory) and `lawtrack generate`
(files on disk for engines that run no plugins). Pure: no I/O, the same corpus always gives
the same pages, byte for byte.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from lawtrack.analysis import Analysis
    from lawtrack.model import Corpus
    from lawtrack.searchindex import SearchPolicy


@dataclass(frozen=True, slots=True)
class SitePage:
    """One generated Markdown page."""

    src: str
    """Source path, e.g. `ai-law/promulgated/index.md`."""
    markdown: str
    in_nav: bool = False
    """Whether the page may appear in the navigation (index pages only)."""
    edit_path: str = ""
    """The draft it is generated from, relative to the project root, for edit links."""


@dataclass(frozen=True, slots=True)
class SiteFile:
    """One generated non-Markdown file (feed, data export, image)."""

    src: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Site:
    """Everything generated for one build."""

    pages: tuple[SitePage, ...]
    files: tuple[SiteFile, ...] = ()
    nav: tuple[dict[str, Any], ...] = ()
    """Navigation entries for the documents, in MkDocs `nav:` form."""
    directives: dict[str, Callable[[str], str]] = field(default_factory=dict)
    """For each `<!-- lawtrack:<name> -->` directive of hand-written pages, a function from the
    page's source path to the Markdown that replaces the directive."""
    as_of: str = ""
    """The date of the newest content (a version date or a source retrieval date), ISO format.
    Used wherever MkDocs would otherwise put the build's wall-clock date (sitemap lastmod)."""

    def page(self, src: str) -> SitePage | None:
        """The page at `src`, if generated."""
        for page in self.pages:
            if page.src == src:
                return page
        return None


@dataclass(frozen=True, slots=True)
class SiteContext:
    """What every page renderer gets."""

    corpus: Corpus
    analysis: Analysis
    site_url: str = ""
    """The site's address (mkdocs.yml `site_url`), for the absolute links feeds need; "" gives
    links relative to each feed."""


def renderers() -> list[Callable[[SiteContext], Iterable[SitePage | SiteFile]]]:
    """The page families, in the order their pages are listed."""
    from lawtrack import exports
    from lawtrack.pages import compare, feeds, lineage, overview, text
    from lawtrack.pages import measures as measure_pages

    return [
        overview.render,
        text.render,
        compare.render,
        lineage.render,
        measure_pages.render,
        feeds.render,
        exports.render,
    ]


def render_site(corpus: Corpus, analysis: Analysis | None = None, *, site_url: str = "") -> Site:
    """Render every generated page and file of the site.

    Args:
        corpus: The validated drafts.
        analysis: Lineages, comparisons, cross-references and provenance computed once per
            build; computed here when not given.
        site_url: The site's address, for absolute links in feeds ("" for relative links).

    Returns:
        The pages, files, navigation and directive texts.
    """
    from lawtrack import exports
    from lawtrack.analysis import analyze
    from lawtrack.pages import feeds, overview
    from lawtrack.searchindex import policy_for

    context = SiteContext(corpus, analysis if analysis is not None else analyze(corpus), site_url)
    pages: list[SitePage] = []
    files: list[SiteFile] = []
    for render in renderers():
        for item in render(context):
            if isinstance(item, SitePage):
                pages.append(item)
            else:
                files.append(item)
    policy = policy_for(corpus)
    pages = [_search_excluded(page, policy) for page in pages]
    seen: set[str] = set()
    for src in [p.src for p in pages] + [f.src for f in files]:
        if src in seen:
            raise ValueError(f"two generated files at {src}")
        seen.add(src)
    return Site(
        tuple(pages),
        tuple(files),
        overview.navigation(context),
        {
            **overview.directives(context),
            **feeds.directives(context),
            **exports.directives(context),
        },
        as_of(corpus),
    )


def _search_excluded(page: SitePage, policy: SearchPolicy) -> SitePage:
    """The page, marked `search: {exclude: true}` if the search index drops it anyway."""
    from lawtrack.searchindex import excluded_source

    head = page.markdown[:4096]
    if not head.startswith("---\n") or "\nsearch:" in head or not excluded_source(page.src, policy):
        return page
    end = page.markdown.index("\n---", 3)
    markdown = page.markdown[:end] + '\nsearch: {"exclude": true}' + page.markdown[end:]
    return dataclasses.replace(page, markdown=markdown)


def as_of(corpus: Corpus) -> str:
    """The newest version or retrieval date in the corpus ("" for an empty corpus)."""
    dates = [
        day.isoformat()
        for document in corpus.documents
        for version in document.versions
        for draft in version.drafts
        for day in (draft.date, draft.retrieved)
        if day is not None
    ]
    return max(dates, default="")
