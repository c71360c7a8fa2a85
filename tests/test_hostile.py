"""Hostile drafts: nothing executable from any draft, notes or front matter reaches any page.

Draft text is escaped when pages are generated; every page's content then goes through the
nh3 allow-list (lawtrack.sanitize). Checked on the built HTML and in a real browser.
"""

from __future__ import annotations

import html.parser
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import lawtrack.plugin
from conftest import FIXTURES, ROOT, mkdocs_build
from lawtrack.sanitize import clean, removed

HOSTILE = FIXTURES / "hostile"
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc"}


class Scanner(html.parser.HTMLParser):
    """Collects what could execute: elements, event handlers, URLs, inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if (
            tag in {"iframe", "object", "embed", "frame", "frameset", "base", "meta"}
            and tag != "meta"
        ):
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}>")
            if (
                name in URL_ATTRIBUTES
                and value
                and value.strip().lower().startswith(DANGEROUS_SCHEMES)
            ):
                self.findings.append(f"<{tag} {name}={value}>")
            if name == "style" and value and "expression" in value:
                self.findings.append(f"<{tag} style>")
        self._in_script = tag == "script" and not any(name == "src" for name, _ in attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hostile") / "site"
    result = mkdocs_build(HOSTILE / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_drafts_build_strictly_and_nothing_executable_reaches_any_page(
    hostile_site: Path,
) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        scanner = Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        assert scanner.findings == [], page
        for script in scanner.inline_scripts:
            assert "alert" not in script, page
            assert "confirm" not in script, page


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "evil/v1/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert('text')&lt;/script&gt;" in page
    assert "[click me](javascript:alert('link'))" in page, "Markdown link syntax stays literal"
    assert "{: #pwn .x onclick=alert(12)}" in page, "attr_list syntax stays literal"
    assert 'id="pwn"' not in page


def test_sanitizer_removes_executable_markup() -> None:
    dirty = (
        '<p onclick="x">a<script>alert(1)</script><img src=x onerror=alert(2)>'
        '<a href="javascript:alert(3)">b</a><iframe src="https://e.org"></iframe>'
        '<span style="color:red">c</span></p>'
    )
    cleaned = clean(dirty)
    scanner = Scanner()
    scanner.feed(cleaned)
    assert scanner.findings == []
    assert "script" not in cleaned
    assert "style=" not in cleaned
    assert removed(dirty)


MATERIAL_MARKUP = [
    '<h2 id="art-1">第一条<a class="headerlink" href="#art-1" title="Permanent link">¶</a></h2>',
    '<div class="admonition warning"><p class="admonition-title">Unofficial</p><p>x</p></div>',
    '<details class="note"><summary>More</summary><p>x</p></details>',
    '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" />'
    '<input id="__tabbed_1_2" name="__tabbed_1" type="radio" /><div class="tabbed-labels"><label for="__tabbed_1_1">日本語</label>'
    '<label for="__tabbed_1_2">English</label></div><div class="tabbed-content"><div class="tabbed-block"><p>a</p></div></div></div>',
    "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
    '<p><ins class="lt-ins">new</ins><del class="lt-del">old</del></p>',
    '<svg viewBox="0 0 10 10" role="img" aria-labelledby="t"><title id="t">T</title><rect x="1" y="1" width="2" height="2" class="a"></rect></svg>',
]


@pytest.mark.parametrize("markup", MATERIAL_MARKUP)
def test_sanitizer_keeps_material_markup(markup: str) -> None:
    assert removed(markup) == []


@pytest.mark.slow
def test_the_sanitizer_removes_nothing_from_any_generated_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our own pages are on the allow-list: a removal would mean a feature broken by it."""
    losses: dict[str, list[str]] = {}
    original = lawtrack.plugin.clean

    def recording(content: str) -> str:
        lost = removed(content)
        if lost:
            losses[str(len(losses))] = lost
        return original(content)

    monkeypatch.setattr(lawtrack.plugin, "clean", recording)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert losses == {}


def test_a_hand_written_page_with_a_script_is_cleaned_and_reported(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "bad" / "_base", project)
    (project / "docs/index.md").write_text(
        "# Hi\n\n<script>alert(1)</script>\n\n<p onclick='x'>a</p>\n", encoding="utf-8"
    )
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site", strict=False, quiet=False)
    assert result.returncode == 0
    assert "index.md: removed unsafe markup: <script>" in result.stderr
    built = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "alert(1)" not in built
    assert "onclick" not in built


@pytest.mark.browser
def test_no_dialog_no_script_no_outside_request_in_the_browser(hostile_site: Path, browser) -> None:
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs: list[str] = []
        outside: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on(
            "request",
            lambda request: (
                request.url.startswith("http")
                and not request.url.startswith(base)
                and outside.append(request.url)
            ),
        )
        for path in ("/", "/evil/", "/evil/v1/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.mouse.move(200, 300)
            for link in page.locator("article a").all()[:20]:
                link.hover()
        assert dialogs == []
        assert outside == []
        assert page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_feeds_and_exports_carry_hostile_text_only_as_text(hostile_site: Path) -> None:
    """Atom content of type html is HTML for feed readers: it must be as safe as pages."""
    from lxml import etree

    atom = "{http://www.w3.org/2005/Atom}"
    feeds = sorted(p for p in hostile_site.rglob("*.xml") if p.name == "feed.xml")
    assert len(feeds) >= 4
    checked = 0
    for feed in feeds:
        for element in etree.parse(str(feed)).iter(
            f"{atom}content", f"{atom}summary", f"{atom}title"
        ):
            scanner = Scanner()
            if element.get("type") == "html":
                scanner.feed(element.text or "")
                assert "<script" not in (element.text or ""), feed
            assert scanner.findings == [], feed
            checked += 1
    assert checked > 10
    exported = (hostile_site / "data/corpus.json").read_text(encoding="utf-8")
    assert "<script>alert('text')</script>" in exported, "JSON carries the text as data, unchanged"
