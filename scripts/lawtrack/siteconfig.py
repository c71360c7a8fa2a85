"""The site's mkdocs.yml as data: the nav with the documents, directives, a plugin-free copy.

Shared by the MkDocs plugin (which fills the nav and the directives during a build) and by
`lawtrack generate` (which writes a plain `mkdocs.yml` that builds the same pages with Material
alone, no lawtrack plugin). Pure functions over plain data; no I/O and no mkdocs import.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from lawtrack.errors import LawtrackError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from lawtrack.pages import SitePage

PLUGIN = "lawtrack"
"""The plugin's name in `plugins:`."""
DEFAULT_PLACEHOLDER = "lawtrack:documents"
DIRECTIVE_RE = re.compile(r"<!--\s*lawtrack:([a-z-]+)\s*-->")
"""`<!-- lawtrack:NAME -->` in a hand-written page."""
SERVE_ONLY = ("watch",)
"""Keys that only `mkdocs serve` uses and that name folders the plain copy does not have."""


def expand_nav(nav: Any, placeholder: str, entries: list[dict[str, Any]]) -> Any:
    """Replace the placeholder value in a nav structure by the document entries.

    Args:
        nav: The `nav:` of mkdocs.yml (lists, one-key mappings and strings).
        placeholder: The value to replace, e.g. `lawtrack:documents`.
        entries: The documents and their versions, in `nav:` form.

    Returns:
        A new nav; `nav` is not changed.
    """
    if isinstance(nav, list):
        out: list[Any] = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1:
                ((title, value),) = item.items()
                if value == placeholder:
                    out.append({title: entries})
                    continue
            if item == placeholder:
                out.extend(entries)
                continue
            out.append(expand_nav(item, placeholder, entries))
        return out
    if isinstance(nav, dict):
        return {key: expand_nav(value, placeholder, entries) for key, value in nav.items()}
    return nav


def fill_directives(markdown: str, src: str, directives: Mapping[str, Callable[[str], str]]) -> str:
    """Replace every `<!-- lawtrack:NAME -->` of a hand-written page by its Markdown.

    Args:
        markdown: The page's Markdown.
        src: The page's source path (directives may depend on it, e.g. for relative links).
        directives: Name → function of the source path.

    Raises:
        LawtrackError: For a name that is not a directive.
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in directives:
            raise LawtrackError(
                f"{src}: unknown directive lawtrack:{name} "
                f"(expected one of {', '.join(sorted(directives))})"
            )
        return directives[name](src)

    return DIRECTIVE_RE.sub(fill, markdown)


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The options of the lawtrack plugin in a raw mkdocs.yml ({} when it has none)."""
    for item in config.get("plugins") or []:
        if item == PLUGIN:
            return {}
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
    return {}


def hidden_patterns(pages: Iterable[SitePage], other_sources: Iterable[str]) -> list[str]:
    """`not_in_nav` patterns covering exactly the generated pages that stay out of the nav.

    A folder is named when nothing in it belongs in the nav (`/ai-law/compare/`), a single page
    otherwise, so the list stays short however many pages there are.

    Args:
        pages: The generated pages.
        other_sources: Source paths of the hand-written pages (never hidden by a pattern).
    """
    pages = list(pages)
    busy: set[str] = set()
    for src in [p.src for p in pages if p.in_nav] + list(other_sources):
        busy.update(str(parent) for parent in PurePosixPath(src).parents)
    patterns: set[str] = set()
    for page in pages:
        if page.in_nav:
            continue
        folders = [str(f) for f in reversed(PurePosixPath(page.src).parents) if str(f) != "."]
        free = next((f for f in folders if f not in busy), None)
        patterns.add(f"/{free}/" if free is not None else f"/{page.src}")
    return sorted(patterns)


def plain_config(
    config: Mapping[str, Any], nav: list[dict[str, Any]], not_in_nav: list[str]
) -> dict[str, Any]:
    """A copy of mkdocs.yml that builds the generated Markdown without the lawtrack plugin.

    Same theme, Markdown extensions, CSS, JavaScript, validation and other plugins (Material's
    search); the nav has the documents written out; generated pages that are not in the nav
    are listed in `not_in_nav`; `docs_dir` is `docs` beside it.

    Args:
        config: The raw mkdocs.yml.
        nav: The documents' nav entries (replacing the plugin's placeholder).
        not_in_nav: Patterns of generated pages to keep out of the nav (`hidden_patterns`).
    """
    placeholder = plugin_options(config).get("nav_placeholder", DEFAULT_PLACEHOLDER)
    plain = {k: v for k, v in config.items() if k not in SERVE_ONLY and k != "docs_dir"}
    plugins = [
        item
        for item in config.get("plugins") or []
        if item != PLUGIN and not (isinstance(item, dict) and PLUGIN in item)
    ]
    plain["plugins"] = plugins
    if "nav" in config:
        plain["nav"] = expand_nav(config["nav"], placeholder, nav)
    existing = str(config.get("not_in_nav") or "").splitlines()
    lines = [line for line in existing if line.strip()] + not_in_nav
    if lines:
        plain["not_in_nav"] = "\n".join(lines) + "\n"
    plain["docs_dir"] = "docs"
    return plain
