"""A crawler over the built site: every internal link and anchor resolves."""

from __future__ import annotations

import html.parser
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.slow

LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("image", "href"),
    ("use", "href"),
}


SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


class Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES or (tag == "use" and name == "xlink:href"):
                self.links.append(value)


def parse(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def resolve(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link points to, or None for outside links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):  # absolute: only 404.html uses these, below site_url's path
        prefix = urlsplit(SITE_URL).path
        assert parts.path.startswith(prefix), link
        parts = parts._replace(path="./" + parts.path[len(prefix) :])
        page = site / "index.html"
    base = page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    path = site / target
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    parsed = {page: parse(page) for page in pages}
    broken: list[str] = []
    checked = anchored = outside = 0
    for page, collector in parsed.items():
        for link in collector.links:
            resolved = resolve(built_site, page, link)
            if resolved is None:
                outside += 1
                continue
            target, anchor = resolved
            checked += 1
            anchored += bool(anchor)
            where = f"{page.relative_to(built_site)} → {link}"
            if not target.is_file():
                broken.append(f"{where}: no such file")
            elif anchor and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if anchor not in ids:
                    broken.append(f"{where}: no anchor #{anchor}")
    # The figures in docs/quality.md (`pytest tests/test_links.py -rP`).
    print(
        f"crawled {len(pages)} pages: {checked} internal links checked, {anchored} of them "
        f"with an anchor; {outside} links to other hosts not followed"
    )
    assert checked > 1000, checked
    assert broken == [], "\n".join(broken[:40])
