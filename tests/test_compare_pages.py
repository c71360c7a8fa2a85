"""Compare pages, history pages, and the overview's timeline and picker, rendered and built."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from conftest import ROOT
from lawtrack.analysis import analyze
from lawtrack.corpus import load_corpus
from lawtrack.diff import diff_texts
from lawtrack.lineage import build
from lawtrack.pages import SiteContext, SitePage, urls
from lawtrack.pages import compare as compare_pages
from lawtrack.pages import lineage as lineage_pages
from lawtrack.pages.redline import redline_html, side_by_side_html
from lawtrack.pages.timeline import picker_section, timeline_section


def _context(folder: str = "tests/fixtures/compare") -> SiteContext:
    corpus = load_corpus(ROOT, folder).corpus
    assert corpus is not None
    return SiteContext(corpus, analyze(corpus))


@pytest.fixture(scope="module")
def fixture_pages() -> dict[str, str]:
    context = _context()
    pages = [*compare_pages.render(context), *lineage_pages.render(context)]
    return {p.src: p.markdown for p in pages if isinstance(p, SitePage)}


@pytest.mark.golden_test("golden/compare/*.yml")
def test_compare_and_history_markdown(golden, fixture_pages) -> None:  # type: ignore[no-untyped-def]
    assert fixture_pages[golden["page"]] == golden.out["markdown"]


def test_fixture_pages_cover_every_pair_language_and_lineage(fixture_pages) -> None:  # type: ignore[no-untyped-def]
    context = _context()
    expected = set()
    for document in context.corpus.documents:
        for old, new in itertools.combinations(document.versions, 2):
            expected.add(urls.compare(document.slug, old.version, new.version))
            shared = [lang for lang in old.languages if lang in new.languages]
            if len(shared) > 1:
                expected.update(
                    urls.compare(document.slug, old.version, new.version, lang) for lang in shared
                )
        expected.update(urls.lineage(document.slug, lin.id) for lin in build(document).lineages)
    assert set(fixture_pages) == expected


def test_redline_labels_and_escapes() -> None:
    diff = diff_texts("国は<b>措置</b>を講ずる。", "国は必要な<b>措置</b>を講ずる。", "ja")
    html = redline_html(diff, "ja")
    assert '<ins class="lt-ins" title="追加"><span class="lt-sr">[追加: </span>必要な' in html
    assert "<b>" not in html
    assert "&lt;b&gt;" in html
    sbs = side_by_side_html(diff, "ja", "v1 · 第一条", "v2 · 第一条")
    old_column, new_column = sbs.split('<div class="lt-sbs-col">')[1:]
    assert "<ins" not in old_column
    assert "<ins" in new_column


def test_formatting_only_changes_are_not_shown_as_insertions() -> None:
    html = redline_html(diff_texts("第十二条", "第12条", "ja"), "ja")
    assert "<ins" not in html
    assert "<del" not in html
    assert 'class="lt-fmt"' in html


def test_timeline_has_text_for_screen_readers_and_a_table() -> None:
    context = _context()
    document = context.corpus.document("model-bill")
    assert document is not None
    section = timeline_section(context, document, urls.document("model-bill"))
    assert 'role="img"' in section
    assert "<title id=" in section
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", section)
    assert desc is not None
    assert "v1 to v2: 1 added, 1 removed, 5 modified" in desc.group(1)
    assert "| Versions | Added | Removed |" in section
    assert "\n\n" not in section.split("<figure")[1].split("</figure>")[0]  # one raw HTML block


def test_picker_links_every_pair() -> None:
    context = _context()
    document = context.corpus.document("model-bill")
    assert document is not None
    section = picker_section(document, urls.document("model-bill"))
    assert '<form class="lt-picker" hidden' in section
    pairs = re.findall(r'data-lt-old="([^"]+)" data-lt-new="([^"]+)"', section)
    assert pairs == [("v1", "v2"), ("v1", "v3"), ("v2", "v3")]


# The built site -------------------------------------------------------------------------------


def _real_corpus():  # type: ignore[no-untyped-def]
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    return corpus


def test_site_has_a_compare_page_for_every_pair_and_language(built_site: Path) -> None:
    for document in _real_corpus().documents:
        for old, new in itertools.combinations(document.versions, 2):
            base = built_site / document.slug / "compare" / f"{old.version}...{new.version}"
            assert (base / "index.html").is_file(), base
            shared = [lang for lang in old.languages if lang in new.languages]
            for language in shared if len(shared) > 1 else []:
                assert (base / language / "index.html").is_file(), (base, language)


def test_site_has_a_history_page_for_every_lineage(built_site: Path) -> None:
    count = 0
    for document in _real_corpus().documents:
        for item in build(document).lineages:
            page = built_site / document.slug / "provisions" / item.id / "index.html"
            assert page.is_file(), page
            count += 1
    assert count > 80


def test_version_pages_link_each_unit_to_its_history(built_site: Path) -> None:
    html = (built_site / "ai-law/promulgated/index.html").read_text(encoding="utf-8")
    assert 'href="../provisions/art-4/"' not in html  # art-4 continues the lineage el-state-duties
    assert 'href="../provisions/el-state-duties/"' in html
    assert 'href="../provisions/art-11/"' in html
    assert html.count('class="lt-history-link"') == 32


def test_compare_page_links_both_versions_and_entries(built_site: Path) -> None:
    html = (built_site / "ai-law/compare/wg-draft...cabinet-bill/en/index.html").read_text(
        encoding="utf-8"
    )
    assert 'id="new-art-4"' in html
    assert 'href="#new-art-4"' in html
    assert 'href="../../../wg-draft/en/#el-state-duties"' in html
    assert 'href="../../../cabinet-bill/en/#art-11"' in html
    assert 'data-lt-view="side-by-side"' in html
    assert '<details class="note lt-unchanged"' not in html  # nothing stayed the same here


def test_overview_has_timeline_picker_and_pair_links(built_site: Path) -> None:
    html = (built_site / "ai-guidelines/index.html").read_text(encoding="utf-8")
    assert '<svg class="lt-timeline"' in html
    assert html.count("data-lt-old=") == 10  # every pair of five versions
    assert 'href="compare/draft...v1.2/"' in html
    assert "compare.js" in html


@pytest.mark.browser
def test_picker_lands_on_the_compare_permalink(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/ai-guidelines/")
    page.select_option("select[name=old]", "v1.2")  # given in reverse order: swapped
    page.select_option("select[name=new]", "v1.0")
    page.click("form.lt-picker button")
    page.wait_for_url(re.compile(r".*/ai-guidelines/compare/v1\.0\.\.\.v1\.2/$"))
    assert page.console_errors == []


@pytest.mark.browser
def test_side_by_side_switch(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/ai-guidelines/compare/v1.0...v1.1/")
    redline = page.locator("#new-part-1 ~ .lt-redline").first
    columns = page.locator("#new-part-1 ~ .lt-sbs").first
    assert redline.is_visible()
    assert not columns.is_visible()
    page.click("label[for=lt-view-sbs]")
    assert columns.is_visible()
    assert not redline.is_visible()
    assert page.outside_requests == []
