"""What a reader sees, in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_follow_the_nav_to_a_version_page_and_find_the_provisions(page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.get_by_role("link", name="Documents").first.click()
    page.wait_for_load_state()
    page.locator(".md-nav").get_by_role("link", name="2025-06-04 · Promulgated").first.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/ai-law/promulgated")
    assert page.locator("h1").first.inner_text().startswith("人工知能関連技術")
    assert page.locator("#art-1").is_visible()
    assert page.locator("#art-28").count() == 1
    assert page.locator("[id^='art-']").count() >= 28
    assert "not the official text" in page.locator(".admonition.warning").first.inner_text()
    assert page.console_errors == []
    assert page.outside_requests == [], "the site makes no request to an outside host"


def test_language_switch_goes_to_the_english_text(page, site_url: str) -> None:
    page.goto(site_url + "/ai-law/promulgated/")
    page.get_by_role("link", name="English", exact=True).first.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/ai-law/promulgated/en")
    assert page.locator("#art-13").inner_text().startswith("Article 13")
    assert page.console_errors == []
