"""Hover previews in a real browser: a reference and a defined term on the promulgated Act.

Material's `content.tooltips` replaces the title of links and abbreviations in the text by its
own tooltip (`.md-tooltip2`), shown on hover (and on keyboard focus for links).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def visible_tooltip(page) -> str:  # type: ignore[no-untyped-def]
    tooltips = page.locator(".md-tooltip2")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-tooltip2')]"
        ".some(t => t.offsetParent !== null && t.innerText.trim())"
    )
    return next(
        tooltips.nth(i).inner_text()
        for i in range(tooltips.count())
        if tooltips.nth(i).is_visible() and tooltips.nth(i).inner_text().strip()
    )


def test_hovering_a_reference_shows_the_target_text(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/ai-law/promulgated/")
    reference = page.locator("a.lt-ref[href='#art-4']").first
    expected = reference.get_attribute("title")
    assert expected
    assert expected.startswith("第四条（国の責務）")
    reference.scroll_into_view_if_needed()
    reference.hover()
    shown = visible_tooltip(page)
    assert shown.startswith("第四条（国の責務） 国は、人工知能関連技術の研究開発")
    assert " ".join(shown.split()) == " ".join(expected.split())
    page.mouse.move(0, 0)
    reference.focus()
    assert visible_tooltip(page).startswith("第四条（国の責務）"), "also on keyboard focus"
    assert page.console_errors == []


def test_hovering_a_defined_term_shows_its_definition(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/ai-law/promulgated/en/")
    term = page.locator("abbr.lt-term").first
    assert term.inner_text() == "AI-related technology"
    term.scroll_into_view_if_needed()
    term.hover()
    shown = visible_tooltip(page)
    assert shown.startswith('AI-related technology: In this Act, "AI-related technology" covers')
    assert page.console_errors == []


def test_badges_link_to_the_measure_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/ai-law/promulgated/en/")
    badge = page.locator("#art-16 ~ .lt-tags a.lt-tag").first
    assert badge.inner_text() == "Measure 2"
    badge.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/measures/2")
    assert page.locator("h1").first.inner_text().startswith("Measure 2:")
    assert page.console_errors == []
