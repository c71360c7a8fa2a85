"""Rendered Markdown of generated pages: golden files, and escaping of hostile text."""

from __future__ import annotations

import html as html_module
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES, ROOT
from lawtrack.corpus import group_versions, load_draft
from lawtrack.model import Corpus, Document, DocumentKind, Localized
from lawtrack.pages import render_site, urls
from lawtrack.pages.markup import md_text

TESTS = Path(__file__).parent


def constructs_corpus() -> Corpus:
    drafts = []
    for language in ("ja", "en"):
        draft, problems = load_draft(FIXTURES / f"constructs/2025-01-01-v1.{language}.md", ROOT)
        assert draft is not None, problems
        drafts.append(draft)
    versions, problems = group_versions(drafts)
    assert not problems
    document = Document(
        "constructs",
        Localized(en="Constructs test law (fictional)", ja="構文試験法（架空）"),
        DocumentKind.BILL,
        Localized(en="A fictional law."),
        (),
        versions,
    )
    return Corpus((document,))


@pytest.mark.golden_test("golden/pages/*.yml")
def test_version_page_markdown(golden) -> None:
    site = render_site(constructs_corpus())
    language = "ja" if golden["input"].endswith(".ja.md") else "en"
    page = site.page(urls.version("constructs", "v1", language))
    assert page is not None
    assert page.markdown == golden.out["output"]


def test_every_version_and_language_has_a_page() -> None:
    site = render_site(constructs_corpus())
    sources = {p.src for p in site.pages}
    assert {
        "constructs/index.md",
        "constructs/v1/index.md",
        "constructs/v1/ja/index.md",
        "constructs/v1/en/index.md",
    } <= sources


def render(markdown_text: str) -> str:
    return markdown.markdown(
        markdown_text, extensions=["attr_list", "md_in_html", "admonition", "tables", "toc"]
    )


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[a](https://e.org){onmouseover=alert(3)}",
    "text {#id onclick=alert(1)}",
    "<iframe src=https://e.org></iframe>",
    "*emphasis* _under_ `code` ~~strike~~",
    "# not a heading",
    "- not a list",
    "1. not an ordered list",
    "> not a quote",
    '!!! warning "not an admonition"',
    '=== "not a tab"',
    '--8<-- "snippets"',
    "&amp; &lt; literal entities",
    "<!-- comment -->",
    "\\* backslash",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_draft_text_renders_as_literal_text(text: str) -> None:
    html = render(f"<p markdown>{md_text(text)}</p>")
    assert html.startswith("<p>")
    assert html.endswith("</p>")
    inner = html.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in inner, "no element at all comes out of draft text"
    assert html_module.unescape(inner) == text.strip(), "the reader sees exactly the text"
