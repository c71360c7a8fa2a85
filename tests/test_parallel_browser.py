"""The reader's choice of language in a real browser: 対訳 / 日本語 / English.

Material's linked content tabs keep the choice in the browser's storage; the CSS of
docs/assets/parallel.css hides the other language's cells. Each test starts with a fresh
browser context (no choice stored yet: both languages).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LAW = "/ai-law/promulgated/"
OTHER_VERSION = "/ai-law/cabinet-bill/"
COMPARE = "/ai-law/compare/wg-draft...promulgated/"
HISTORY = "/ai-law/provisions/art-3/"


def choose(page, label: str) -> None:  # type: ignore[no-untyped-def]
    """Click one of the view tabs, as a reader would."""
    page.locator(".lt-view-tabs .tabbed-labels label", has_text=label).first.click()


def shown(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.locator(selector).first.is_visible())


def checked_view(page) -> str:  # type: ignore[no-untyped-def]
    return str(
        page.evaluate(
            """() => {
              const set = document.querySelector('.lt-view-tabs .tabbed-set');
              const input = set.querySelector(':scope > input:checked');
              return set.querySelector(`label[for="${input.id}"]`).innerText.trim();
            }"""
        )
    )


def test_both_languages_show_until_the_reader_chooses(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + LAW)
    assert checked_view(page) == "対訳"
    assert shown(page, "#art-3 .lt-ja")
    assert shown(page, "#art-3 .lt-en")
    assert shown(page, "[id='art-3.p2'] .lt-ja")
    assert shown(page, "[id='art-3.p2'] .lt-en")
    ja = page.locator("[id='art-3.p2'] .lt-ja").bounding_box()
    en = page.locator("[id='art-3.p2'] .lt-en").bounding_box()
    assert ja["x"] < en["x"], "Japanese on the left, English on the right"
    assert abs(ja["y"] - en["y"]) < 20, "side by side, in one row"
    assert page.console_errors == []


def test_english_persists_on_other_versions_compare_and_history_pages(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + LAW)
    choose(page, "English")
    assert not shown(page, "#art-3 .lt-ja")
    assert shown(page, "#art-3 .lt-en")
    assert not shown(page, ".lt-colheads .lt-ja")
    for path in (OTHER_VERSION, COMPARE, HISTORY):
        page.goto(site_url + path)
        assert checked_view(page) == "English", path
        assert page.locator(".lt-ja").count() > 0, path
        assert not shown(page, ".md-content .lt-row .lt-ja"), path
        assert shown(page, ".md-content .lt-row .lt-en"), path
    page.goto(site_url + COMPARE)
    assert shown(page, ".lt-compare-row .lt-en .lt-redline")
    assert not shown(page, ".lt-compare-row .lt-ja .lt-redline")
    assert page.console_errors == []


def test_japanese_then_both_again(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + COMPARE)
    choose(page, "日本語")
    assert shown(page, ".lt-compare-row .lt-ja .lt-redline")
    assert not shown(page, ".lt-compare-row .lt-en .lt-redline")
    page.goto(site_url + LAW)
    assert checked_view(page) == "日本語"
    assert shown(page, "#art-3 .lt-ja")
    assert not shown(page, "#art-3 .lt-en")
    choose(page, "対訳")
    assert shown(page, "#art-3 .lt-ja")
    assert shown(page, "#art-3 .lt-en")
    page.goto(site_url + OTHER_VERSION)
    assert checked_view(page) == "対訳"
    assert shown(page, "[id='art-3.p2'] .lt-ja")
    assert shown(page, "[id='art-3.p2'] .lt-en")
    assert page.console_errors == []


def test_a_link_to_a_provision_lands_on_it_in_the_chosen_view(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + LAW)
    choose(page, "English")
    page.goto(site_url + OTHER_VERSION + "#art-3")
    target = page.locator("#art-3")
    assert target.is_visible()
    box = target.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] < viewport["height"] / 2, "scrolled to the provision"
    assert shown(page, "#art-3 .lt-en")
    assert not shown(page, "#art-3 .lt-ja")
    reference = page.locator(".lt-en a.lt-ref[href^='#']").first
    anchor = reference.get_attribute("href")
    reference.click()
    page.wait_for_function("a => location.hash === a", arg=anchor)
    landed = page.locator(f"[id='{anchor[1:]}']")
    assert landed.is_visible()
    assert 0 <= landed.bounding_box()["y"] < viewport["height"] / 2
    assert page.console_errors == []


def test_pages_with_one_language_show_it_whatever_the_choice(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + LAW)
    choose(page, "日本語")
    page.goto(site_url + "/ai-guidelines/v1.2/")
    assert page.locator(".lt-view-tabs").count() == 0
    assert "English only" in page.locator(".md-content").inner_text()
    assert page.locator("#c-6").is_visible()
    assert page.console_errors == []


def test_print_shows_the_view_on_screen_without_the_tabs(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + LAW)
    page.emulate_media(media="print")
    assert not shown(page, ".lt-view-tabs")
    assert shown(page, ".lt-colheads .lt-ja")
    assert shown(page, "#art-3 .lt-ja")
    assert shown(page, "#art-3 .lt-en")
    page.emulate_media(media="screen")
    choose(page, "English")
    page.emulate_media(media="print")
    assert not shown(page, "#art-3 .lt-ja")
    assert shown(page, ".lt-colheads .lt-en"), "the printed column says its language and status"
    assert page.console_errors == []


def test_the_view_can_be_chosen_from_the_keyboard(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + LAW)
    page.locator(".lt-view-tabs .tabbed-set > input").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert checked_view(page) == "English"
    assert not shown(page, "#art-3 .lt-ja")
    page.goto(site_url + OTHER_VERSION)
    assert checked_view(page) == "English", "remembered like a click"
    assert page.console_errors == []
