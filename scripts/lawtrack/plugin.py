"""The MkDocs plugin: adds the generated pages to the build, in memory.

The only module that imports mkdocs. It wires events and delegates: the corpus is read and the
site rendered by the same functions `lawtrack generate` uses.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from lawtrack import history
from lawtrack.errors import LawtrackError, ValidationError
from lawtrack.generate import render_project
from lawtrack.pagecache import Converted, PageCache
from lawtrack.sanitize import clean, removed
from lawtrack.searchindex import policy_for, rewrite_index_json
from lawtrack.siteconfig import DIRECTIVE_RE, expand_nav, fill_directives

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from lawtrack.analysis import Analysis
    from lawtrack.pages import Site, SiteFile
    from lawtrack.searchindex import SearchPolicy

log = get_plugin_logger(__name__)


class LawtrackConfig(Config):  # type: ignore[no-untyped-call]
    """Options of the `lawtrack` plugin in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off (`enabled: false`) to build the hand-written pages only."""
    drafts_dir = c.Type(str, default="drafts")
    """The drafts folder, relative to mkdocs.yml: `drafts_dir: drafts`."""
    nav_placeholder = c.Type(str, default="lawtrack:documents")
    """The `nav:` entry replaced by the documents and their versions:
    `- Documents: lawtrack:documents`."""
    search_index = c.Type(bool, default=True)
    """Rewrite Material's search index for Japanese and provision numbers (docs/search.md);
    `false` leaves it as Material wrote it (for measurements: scripts/search_bench.py)."""


class LawtrackPlugin(BasePlugin[LawtrackConfig]):  # type: ignore[no-untyped-call]
    """Reads drafts/ and adds overview, version and other generated pages."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.analysis: Analysis | None = None
        self.search_policy: SearchPolicy | None = None
        self.stats: dict[str, int] = {}
        """Comparisons of the last build: `reused` from the build before (serve), `loaded`
        from the disk cache, `computed`; `cache_hits` and `cache_misses` sum them up
        (scripts/bench.py reports them)."""
        self._key = ""
        self._serving = False
        self._spill_dir: tempfile.TemporaryDirectory[str] | None = None
        self._pages = PageCache()
        """Converted generated pages, reused by the rebuilds of `mkdocs serve`."""
        self._directives: dict[str, Callable[[str], str]] = {}
        """The directives of this build, resolved for each hand-written page that has any."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance (and its cache) across serve rebuilds."""
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Read and validate the drafts; render the site; put the documents in the nav."""
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent
        drafts = root / self.config.drafts_dir
        key = _tree_key(drafts) + history.head_key(root)  # provenance changes with commits
        key += config.site_url or ""  # feeds and exports link to it (serve changes it)
        if self.site is None or key != self._key:
            self._render(root, config.site_url or "")
            self._key = key
        if self._serving:  # what else decides how a page converts
            urls = config.use_directory_urls
            self._pages.start(repr((config.markdown_extensions, config.mdx_configs, urls)))
        if config.nav is not None and self.site is not None:
            config.nav = expand_nav(config.nav, self.config.nav_placeholder, list(self.site.nav))
        return config

    def _render(self, root: Path, site_url: str) -> None:
        """Read, analyse and render the drafts, reusing the previous build's comparisons."""
        try:
            rendered = render_project(
                root, drafts=self.config.drafts_dir, site_url=site_url, previous=self.analysis
            )
        except ValidationError as error:
            raise PluginError("invalid drafts:\n" + "\n".join(map(str, error.problems))) from None
        except LawtrackError as error:
            raise PluginError(str(error)) from None
        self.site = rendered.site
        # Kept for the next rebuild of `mkdocs serve` only: a one-off build frees it early.
        self.analysis = rendered.analysis if self._serving else None
        self.search_policy = policy_for(rendered.corpus)
        pairs = rendered.analysis.compare.stats
        hits = pairs.get("reused", 0) + pairs.get("loaded", 0)
        self.stats = {**pairs, "cache_hits": hits, "cache_misses": pairs.get("computed", 0)}

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Add every generated page and file (in memory; nothing is written to docs/)."""
        if not self.config.enabled or self.site is None:
            return None
        for page in self.site.pages:
            if files.get_file_from_path(page.src) is not None:
                raise PluginError(f"docs/{page.src} would hide a generated page; remove it")
            level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src, content=page.markdown, inclusion=level))
        for src, path in self._spill(self.site.files):
            files.append(File.generated(config, src, abs_src_path=str(path)))
        self._directives = _resolve_directives(files, self.site.directives)
        if not self._serving:  # a one-off build needs none of it again (docs/performance.md)
            self.site = dataclasses.replace(self.site, pages=(), files=(), directives={})
            self._key = ""  # so that another build in this process renders again
        return files

    def _spill(self, extras: Iterable[SiteFile]) -> list[tuple[str, Path]]:
        """Write the generated non-page files (data exports, feeds) to a temporary folder.

        MkDocs copies them into the site at the end of the build; held in memory they stayed
        there while every page was rendered (100 MB and more for a large corpus).
        """
        if self._spill_dir is None:
            self._spill_dir = tempfile.TemporaryDirectory(prefix="lawtrack-files-")
        out = []
        for extra in extras:
            path = Path(self._spill_dir.name, extra.src)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(extra.content)
            out.append((extra.src, path))
        return out

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fill `<!-- lawtrack:NAME -->` directives in hand-written pages.

        Also dates every page by its content instead of the build's wall clock, so that the same
        drafts give a byte-identical site (sitemap.xml `lastmod`, sitemap.xml.gz header).
        """
        if not self.config.enabled or self.site is None:
            return None
        if self.site.as_of:
            page.update_date = self.site.as_of
        if page.file.generated_by is not None:
            if self._serving and self._pages.lookup(page.file.src_uri, markdown):
                return ""  # converted in the last rebuild: on_page_content puts it back
            return None
        try:
            return fill_directives(markdown, page.file.src_uri, self._directives)
        except LawtrackError as error:
            raise PluginError(str(error)) from None

    @event_priority(-100)  # last, so that nothing added after it escapes the sanitiser
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Sanitise the content of every page with the allow-list of `lawtrack.sanitize`.

        Generated pages are escaped when written, so nothing is ever removed from them (tests
        check this on the whole site); for hand-written pages, a removal is reported.
        """
        if not self.config.enabled:
            return None
        if page.file.generated_by is None:
            cleaned = clean(html)
            lost = removed(html, cleaned)
            if lost:
                log.warning(f"{page.file.src_uri}: removed unsafe markup: {', '.join(lost[:5])}")
            return cleaned
        if not self._serving:  # converted: a one-off build never reads the Markdown again
            page.markdown = ""
            page.file.content_string = ""
            return clean(html)
        kept = self._pages.restore(page.file.src_uri)
        if kept is not None:
            page.toc, page.present_anchor_ids = kept.toc, kept.anchors
            page._title_from_render = kept.title
            return kept.html
        cleaned = clean(html)
        converted = Converted(cleaned, page.toc, page.present_anchor_ids, page._title_from_render)
        self._pages.keep(page.file.src_uri, converted)
        return cleaned

    @event_priority(-50)  # after Material's search writes the index (0), before offline (-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Rewrite the search index for Japanese and provision numbers (`lawtrack.searchindex`)."""
        if self._serving:
            self.stats.update(page_hits=self._pages.hits, page_misses=self._pages.misses)
            self._pages.finish()
        index = Path(config.site_dir) / "search" / "search_index.json"
        if not (self.config.enabled and self.config.search_index):
            return
        if self.search_policy is not None and index.is_file():
            text = rewrite_index_json(index.read_text(encoding="utf-8"), self.search_policy)
            index.write_text(text, encoding="utf-8")

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when a draft changes."""
        root = Path(config.config_file_path).parent
        server.watch(str(root / self.config.drafts_dir))
        return server


def _resolve_directives(
    files: Files, directives: Mapping[str, Callable[[str], str]]
) -> dict[str, Callable[[str], str]]:
    """Each directive's text for every hand-written page that uses it, computed now.

    The directives close over everything computed for the build; resolved here, that can be
    let go before the pages are rendered. Unknown names stay unresolved, for the error.
    """
    texts: dict[tuple[str, str], str] = {}
    for file in files.documentation_pages():
        if file.generated_by is None:
            for name in DIRECTIVE_RE.findall(file.content_string):
                if name in directives:
                    texts[(name, file.src_uri)] = directives[name](file.src_uri)
    return {name: functools.partial(_resolved, texts, name) for name in directives}


def _resolved(texts: Mapping[tuple[str, str], str], name: str, src: str) -> str:
    return texts[(name, src)]


def _tree_key(folder: Path) -> str:
    """A hash of every file's path and bytes under `folder`, to reuse work across rebuilds."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
