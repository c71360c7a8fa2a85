"""Render the whole site as generated pages: a mapping of source path → Markdown.

Two thin front-ends use this: the MkDocs plugin (pages in memory) and `lawtrack generate`
(files on disk for engines that run no plugins). Pure: no I/O, the same corpus always gives
the same pages, byte for byte.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lawtrack import workers

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


PARTS = 4
"""Into how many tasks the two longest families (compare pages, version pages) are cut, so that
the processes rendering them finish together."""
PARALLEL_FROM = 500_000
"""Drafts of fewer characters than this render in one process unless `LAWTRACK_JOBS` says
otherwise: below it, forking saves less than it costs (docs/performance.md)."""


def render_site(
    corpus: Corpus,
    analysis: Analysis | None = None,
    *,
    site_url: str = "",
    processes: int | None = None,
) -> Site:
    """Render every generated page and file of the site.

    The families of pages are rendered by as many processes as may work at once
    (`workers.run`); the site is the same whatever their number.

    Args:
        corpus: The validated drafts.
        analysis: Lineages, comparisons, cross-references and provenance computed once per
            build; computed here when not given.
        site_url: The site's address, for absolute links in feeds ("" for relative links).
        processes: How many processes may render at once (default: `LAWTRACK_JOBS` if set,
            else every CPU for drafts of `PARALLEL_FROM` characters or more, else one).

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
    if processes is None:
        big = _characters(corpus) >= PARALLEL_FROM
        processes = workers.requested() or (workers.jobs() if big else 1)
    tasks, order = _tasks(context, processes)
    for items in workers.run(tasks, processes=processes, order=order):
        for item in items:
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


def _characters(corpus: Corpus) -> int:
    """The characters of provision text in every draft."""
    return sum(
        len(provision.text)
        for document in corpus.documents
        for version in document.versions
        for draft in version.drafts
        for provision in draft.provisions
    )


def _tasks(
    context: SiteContext, processes: int
) -> tuple[list[Callable[[], list[SitePage | SiteFile]]], list[int]]:
    """The rendering cut into tasks, and the order to take them in.

    The tasks' results, concatenated, are the pages in order. Longest first: the data exports
    (one task), the parts of the compare and version pages, then the other families.
    """
    from lawtrack import exports
    from lawtrack.pages import compare, text

    tasks: list[Callable[[], list[SitePage | SiteFile]]] = []
    first: list[int] = []
    for render in renderers():
        if render is exports.render:
            first.insert(0, len(tasks))
        if render in (compare.render, text.render) and processes > 1:
            count = len(
                compare.pairs(context) if render is compare.render else text.versions(context)
            )
            for k in range(PARTS):
                part = slice(count * k // PARTS, count * (k + 1) // PARTS)
                first.append(len(tasks))
                tasks.append(functools.partial(_family, render, context, part))
        else:
            tasks.append(functools.partial(_family, render, context))
    rest = [index for index in range(len(tasks)) if index not in first]
    return tasks, first + rest


def _family(
    render: Callable[..., Iterable[SitePage | SiteFile]],
    context: SiteContext,
    *part: slice,
) -> list[SitePage | SiteFile]:
    """Everything one family renders (in `part` of its pages, for families that cut)."""
    return list(render(context, *part))


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
