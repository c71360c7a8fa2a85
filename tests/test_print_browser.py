"""Version pages printed from Chromium: banner, source and provenance kept; navigation dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/ai-law/promulgated/", "/ai-guidelines/v1.2/"])
def test_print_keeps_the_banner_and_source_and_drops_the_navigation(
    page, site_url: str, path: str, tmp_path: Path
) -> None:
    page.goto(site_url + path)
    page.emulate_media(media="print")
    assert page.locator(".admonition").first.is_visible(), "the banner"
    assert "official" in page.locator(".admonition").first.inner_text().lower()
    source = page.locator(".md-typeset a[href^='http']").first
    assert source.is_visible()
    printed = source.evaluate("a => getComputedStyle(a, '::after').content")
    assert source.get_attribute("href") in printed, "the source address is printed"
    for hidden in [".md-header", ".md-sidebar--primary", ".md-footer", "input.md-search__input"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("h1").first.is_visible()
    assert page.locator("[id^='art-'], [id^='c-'], [id^='part-']").first.is_visible()
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 20_000
    assert page.console_errors == []
    assert page.outside_requests == []


def test_print_redline_reads_in_black_and_white(page, site_url: str) -> None:
    page.goto(site_url + "/ai-law/promulgated/")
    page.evaluate(
        """() => document.querySelector('.md-typeset').insertAdjacentHTML('beforeend',
             '<p><del id="t-del">旧</del><ins id="t-ins">新</ins></p>')"""
    )
    page.emulate_media(media="print")
    style = "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color]"
    assert page.locator("#t-ins").evaluate(style) == ["underline", "rgb(0, 0, 0)"]
    assert page.locator("#t-del").evaluate(style) == ["line-through", "rgb(0, 0, 0)"]


def test_pages_name_only_system_fonts(page, site_url: str) -> None:
    page.goto(site_url + "/ai-law/promulgated/")
    family = page.locator(".md-typeset p").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Noto Sans CJK JP" in family
    assert page.evaluate("() => document.fonts.size") == 0, "no web font is declared"
    assert page.outside_requests == []
