"""Search as a reader uses it: queries typed into Material's search box in Chromium.

Each query is inserted the way an IME commits text (no key events), then End is pressed, as a
person would: Material searches on keyup. The expected provision must be among the first five
results a reader sees (page links and the sections shown under them; sections folded into
"N more on this page" are not seen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.browser

LAW = "ai-law/promulgated/"
GUIDELINES = "ai-guidelines/v1.2/"

QUERIES = [
    # Japanese phrases as typed: no spaces, kanji and kana
    ("研究開発の推進", [f"{LAW}#art-11"]),
    ("研究開発 推進", [f"{LAW}#art-11"]),
    ("人工知能戦略本部", [f"{LAW}#ch-4", f"{LAW}#art-19"]),
    ("国際協力", [f"{LAW}#art-17"]),
    ("特定AI基盤モデル", ["ai-law/wg-draft/#el-definitions"]),
    ("本部長", [f"{LAW}#art-22"]),
    # an article by number, in every form
    ("第五条", [f"{LAW}#art-5"]),
    ("第5条", [f"{LAW}#art-5"]),
    ("5条", [f"{LAW}#art-5"]),
    ("Article 5", [f"{LAW}#art-5"]),
    ("Art. 5", [f"{LAW}#art-5"]),
    ("第５条", [f"{LAW}#art-5"]),
    ("附則第一条", [f"{LAW}#suppl-art-1"]),
    ("C-6", [f"{GUIDELINES}#c-6"]),
    # defined terms
    ("人工知能関連技術", [f"{LAW}#art-2"]),
    ("AI-related technology", [f"{LAW}#art-2"]),
    # English phrases
    ("international cooperation", [f"{LAW}#art-17"]),
    ("AI Strategy Headquarters", [f"{LAW}#ch-4", f"{LAW}#art-19"]),
    ("transparency", [f"{GUIDELINES}#c-6"]),
    ("watermarking", [f"{GUIDELINES}#d-provenance", "hiroshima-code/original/#action-7"]),
]


@pytest.fixture(scope="module")
def search_page(browser: object, site_url: str) -> Iterator[object]:
    """One page of the site with the search index built, reused for every query."""
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.console_errors = []
    tab.on(
        "console",
        lambda message: message.type == "error" and tab.console_errors.append(message.text),
    )
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    tab.goto(site_url + "/")
    tab.locator("input.md-search__input").click()
    tab.wait_for_function(  # the worker has built the index (Material's text until then)
        "() => !document.querySelector('.md-search-result__meta').textContent"
        ".includes('Initializing')"
    )
    yield tab
    context.close()


def search(tab: object, query: str) -> list[str]:
    """Type `query` into the search box; return the visible results as `path#anchor`."""
    box = tab.locator("input.md-search__input")  # type: ignore[attr-defined]
    placeholder = tab.evaluate(  # type: ignore[attr-defined]
        "() => JSON.parse(document.querySelector('#__config').textContent)"
        ".translations['search.result.placeholder']"
    )
    meta = "document.querySelector('.md-search-result__meta').textContent"
    box.click()
    box.fill("")
    box.press("End")
    tab.wait_for_function(f"p => {meta} === p", arg=placeholder)  # type: ignore[attr-defined]
    tab.keyboard.insert_text(query)  # type: ignore[attr-defined]
    box.press("End")
    tab.wait_for_function(f"p => {meta} !== p", arg=placeholder)  # type: ignore[attr-defined]
    links = tab.locator(".md-search-result__list a.md-search-result__link >> visible=true")  # type: ignore[attr-defined]
    return [_site_path(href) for href in links.evaluate_all("els => els.map(e => e.href)")]


def _site_path(href: str) -> str:
    parts = urlsplit(href)
    path = parts.path.lstrip("/")
    return f"{path}#{parts.fragment}" if parts.fragment else path


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_the_provision_in_the_first_five_results(
    search_page: object, query: str, expected: list[str]
) -> None:
    results = search(search_page, query)
    assert set(results[:5]) & set(expected), f"{query!r}: first five results {results[:5]}"
    assert search_page.console_errors == []  # type: ignore[attr-defined]


def test_results_are_highlighted_and_lead_to_the_provision(
    search_page: object, site_url: str
) -> None:
    results = search(search_page, "国際協力")
    first = search_page.locator(  # type: ignore[attr-defined]
        f".md-search-result__list a[href*='{LAW}'][href$='#art-17']"
    ).first
    assert first.locator("mark").count() >= 1, "the matched words are highlighted"
    first.click()
    search_page.wait_for_load_state()  # type: ignore[attr-defined]
    assert search_page.url.endswith("#art-17")  # type: ignore[attr-defined]
    assert search_page.locator("#art-17").is_visible()  # type: ignore[attr-defined]
    assert f"{LAW}#art-17" in results


def test_the_index_leaves_out_repeated_pages(built_site) -> None:
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [x for x in locations if x.startswith((f"{LAW}ja/", f"{LAW}en/"))], (
        "a text twice: the version page holds both languages"
    )
    assert not [x for x in locations if "/compare/" in x or "/provisions/" in x]
    assert f"{LAW}#art-5" in locations
    assert index["config"]["fields"]["keys"] == {"boost": 1000.0}
