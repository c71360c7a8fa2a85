"""Japanese and English side by side: rows aligned by provision id, the view tabs, the labels.

Rendered Markdown (golden file, and rows where one language lacks a provision) and the built
site: every version of every document has its parallel view (or says it has one language),
every provision of every language is in its row under its one anchor, and compare and history
pages offer the same view. The browser half is tests/test_parallel_browser.py.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from lawtrack.corpus import group_versions, load_corpus, load_draft
from lawtrack.model import Corpus, Document, DocumentKind, Localized
from lawtrack.pages import render_site, urls
from lawtrack.pages.bilingual import VIEWS
from lawtrack.pages.parallel_rows import aligned_rows, merge_order
from test_pages import constructs_corpus

STATUS_WORDS = ("Official text", "Unofficial restatement", "Unofficial translation")


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (["a", "b", "c"], ["a", "b", "c"], ["a", "b", "c"]),
        (["a", "c"], ["a", "b", "c"], ["a", "b", "c"]),  # only the second has b: in its place
        (["a", "b", "c"], ["a", "c"], ["a", "b", "c"]),
        (["a", "b"], ["a", "b", "x", "y"], ["a", "b", "x", "y"]),  # trailing ids of the second
        (["a", "b"], ["x", "a", "b"], ["x", "a", "b"]),  # leading ones
        (["a", "b", "c"], ["c", "b", "a"], ["a", "b", "c"]),  # crossed: the first's order
        (["a", "b", "c"], ["a", "x", "c"], ["a", "x", "b", "c"]),  # x follows a in the second
        (["a", "b", "c"], ["b", "x", "a", "c"], ["a", "b", "x", "c"]),
        ([], ["a"], ["a"]),
    ],
)
def test_merge_order_keeps_every_id_once(first, second, expected) -> None:  # type: ignore[no-untyped-def]
    assert merge_order(first, second) == expected


_IDS = st.lists(st.sampled_from("abcdefghij"), unique=True, max_size=10)


@given(_IDS, _IDS)
def test_merge_order_is_a_merge_of_both_orders(first: list[str], second: list[str]) -> None:
    merged = merge_order(first, second)
    assert sorted(merged) == sorted(set(first) | set(second)), "every id, once"
    assert [x for x in merged if x in first] == first, "the first text's order"
    if [x for x in first if x in second] == [x for x in second if x in first]:
        # (when the texts order their shared ids differently, the second's order cannot hold)
        assert [x for x in merged if x in second] == second, "the second text's order too"


@pytest.mark.golden_test("golden/parallel/*.yml")
def test_parallel_page_markdown(golden) -> None:  # type: ignore[no-untyped-def]
    site = render_site(constructs_corpus())
    page = site.page(golden["page"])
    assert page is not None
    assert page.markdown == golden.out["output"]


def uneven_corpus(tmp_path: Path) -> Corpus:
    """The constructs law with an article only in Japanese and a paragraph only in English."""
    source = FIXTURES / "constructs"
    english = (source / "2025-01-01-v1.en.md").read_text(encoding="utf-8")
    english = english.replace("### Article 2-2 (Branch Number)\nA branch article.\n", "")
    english = english.replace(
        "(2) The provisions of the preceding paragraph apply to the whole Act.\n",
        "(2) The provisions of the preceding paragraph apply to the whole Act.\n"
        "(3) A paragraph only the English text has.\n",
    )
    (tmp_path / "2025-01-01-v1.en.md").write_text(english, encoding="utf-8")
    japanese = (source / "2025-01-01-v1.ja.md").read_text(encoding="utf-8")
    (tmp_path / "2025-01-01-v1.ja.md").write_text(japanese, encoding="utf-8")
    drafts = []
    for language in ("ja", "en"):
        draft, problems = load_draft(tmp_path / f"2025-01-01-v1.{language}.md", tmp_path)
        assert draft is not None, problems
        drafts.append(draft)
    versions, problems = group_versions(drafts)
    assert not problems
    title = Localized(en="Uneven law", ja="不揃い法")
    return Corpus((Document("uneven", title, DocumentKind.BILL, title, (), versions),))


def test_a_provision_one_language_lacks_gets_its_row_and_says_so(tmp_path: Path) -> None:
    corpus = uneven_corpus(tmp_path)
    version = corpus.documents[0].versions[0]
    rows = {row.id: dict(row.cells) for row in aligned_rows(version.drafts)}
    assert rows["art-2-2"]["en"] is None
    assert rows["art-2-2"]["ja"] is not None
    assert rows["art-2.p3"]["ja"] is None
    assert rows["art-2.p3"]["en"] is not None
    order = [row.id for row in aligned_rows(version.drafts)]
    assert order.index("art-2.p2") < order.index("art-2.p3") < order.index("art-2-2")
    markdown = render_site(corpus).page(urls.version("uneven", "v1"))
    assert markdown is not None
    text = markdown.markdown
    row = text[text.index('<div id="art-2.p3"') :].split("</div>")[0]
    assert "Not in the Japanese text." in row
    assert "A paragraph only the English text has." in row
    heading = text[text.index('id="art-2-2"') :].split("</h4>")[0]
    assert "Not in the English text." in heading


def test_every_version_page_is_parallel_or_says_its_one_language() -> None:
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    site = render_site(corpus)
    for document in corpus.documents:
        for version in document.versions:
            page = site.page(urls.version(document.slug, version.version))
            assert page is not None
            if len(version.drafts) > 1:
                assert page.markdown.count('<div class="lt-view-tabs"') == 1
                assert all(f'=== "{label}"' in page.markdown for label in VIEWS)
            else:
                assert "lt-view-tabs" not in page.markdown
                draft = version.primary
                assert f"English only · {draft.status.label}" in page.markdown


# The built site -------------------------------------------------------------------------------


def tree(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def classes(element: lxml.html.HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


def cells(element: lxml.html.HtmlElement, language: str) -> list[lxml.html.HtmlElement]:
    """The direct children of a row that are `language`'s cell."""
    return [child for child in element if f"lt-{language}" in classes(child)]


@pytest.mark.slow
def test_every_version_has_its_parallel_view_with_rows_aligned_by_id(built_site: Path) -> None:
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    checked = 0
    for document in corpus.documents:
        for version in document.versions:
            page = tree(built_site, urls.url_of(urls.version(document.slug, version.version)))
            ids = Counter(e.get("id") for e in page.iter() if e.get("id"))
            assert [i for i, n in ids.items() if n > 1] == [], "HTML ids are unique"
            if len(version.drafts) < 2:
                assert not page.find_class("lt-view-tabs")
                continue
            labels = [x.text_content().strip() for x in page.find_class("tabbed-labels")[0]]
            assert labels == list(VIEWS)
            for draft in version.drafts:
                head = cells(page.find_class("lt-colheads")[0], draft.language)
                assert len(head) == 1
                assert draft.status.label in head[0].text_content()
                for provision in draft.provisions:
                    row = page.get_element_by_id(provision.id)
                    assert "lt-row" in classes(row), provision.id
                    mine = cells(row, draft.language)
                    assert len(mine) == 1, (version.version, draft.language, provision.id)
                    assert mine[0].get("lang") == draft.language
                    assert "lt-missing" not in classes(mine[0])
                    checked += 1
    assert checked > 300


@pytest.mark.slow
def test_both_cells_of_a_provision_are_in_one_row(built_site: Path) -> None:
    page = tree(built_site, "ai-law/promulgated")
    row = page.get_element_by_id("art-17")
    assert row.tag == "h3"
    (japanese,) = cells(row, "ja")
    (english,) = cells(row, "en")
    assert japanese.text_content().startswith("第十七条")
    assert english.text_content().startswith("Article 17")
    paragraph = page.get_element_by_id("art-3.p2")
    assert [c.get("lang") for c in paragraph if "lt-para" in classes(c)] == ["ja", "en"]
    assert cells(paragraph, "ja")[0].text_content().startswith("２")
    assert cells(paragraph, "en")[0].text_content().startswith("(2)")


@pytest.mark.slow
def test_each_language_is_labelled_with_its_status(built_site: Path) -> None:
    page = tree(built_site, "ai-law/promulgated")
    tabs = page.find_class("tabbed-content")[0].text_content()
    heads = page.find_class("lt-colheads")[0].text_content()
    for text in (tabs, heads):
        assert "日本語 — Unofficial restatement (非公式の再述)" in text
        assert "English — Unofficial restatement (非公式の再述)" in text
    guidelines = tree(built_site, "ai-guidelines/v1.2")
    assert "English only · Unofficial restatement" in guidelines.text_content()
    assert any(word in page.find_class("admonition")[0].text_content() for word in STATUS_WORDS)


@pytest.mark.slow
def test_single_language_pages_stay_and_link_to_the_parallel_view(built_site: Path) -> None:
    for language, name in (("ja", "日本語"), ("en", "English")):
        page = tree(built_site, f"ai-law/promulgated/{language}")
        assert not page.find_class("lt-view-tabs"), "one language, no choice"
        assert not page.find_class("lt-row")
        links = [a for a in page.iter("a") if a.text_content() == "対訳 (side by side)"]
        assert links
        assert links[0].get("href") == "../"
        assert page.get_element_by_id("art-3").get("class") == "lt-article"
        assert name in page.find_class("md-content")[0].text_content()


@pytest.mark.slow
def test_compare_and_history_pages_offer_the_same_view(built_site: Path) -> None:
    compare = tree(built_site, "ai-law/compare/wg-draft...promulgated")
    labels = [x.text_content().strip() for x in compare.find_class("tabbed-labels")[0]]
    assert labels == list(VIEWS)
    changes = compare.find_class("lt-change")
    assert changes
    for change in changes:
        row = change.getnext()
        assert "lt-compare-row" in classes(row), change.get("id")
        assert [c.get("lang") for c in row] == ["ja", "en"]
        for cell in row:
            assert cell.find_class("lt-redline"), "a redline in each language"
    for language in ("ja", "en"):
        alone = tree(built_site, f"ai-law/compare/wg-draft...promulgated/{language}")
        assert not alone.find_class("lt-view-tabs")
    history = tree(built_site, "ai-law/provisions/art-3")
    labels = [x.text_content().strip() for x in history.find_class("tabbed-labels")[0]]
    assert labels == list(VIEWS)
    assert [c.get("lang") for c in history.find_class("lt-compare-row")[0]] == ["ja", "en"]
    guide = tree(built_site, "ai-guidelines/compare/v1.1...v1.2")
    assert not guide.find_class("lt-view-tabs"), "one language: no choice"


@pytest.mark.slow
def test_search_has_each_provision_once_in_both_languages(built_site: Path) -> None:
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    entry = by_location["ai-law/promulgated/#art-17"]
    assert "第十七条" in entry["title"]
    assert "Article 17" in entry["title"]
    assert "国際" in entry["text"]
    assert "international" in entry["text"]
    assert not [
        x for x in by_location if x.startswith(("ai-law/promulgated/ja/", "ai-law/promulgated/en/"))
    ]
