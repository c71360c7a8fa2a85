"""The offline copy (mkdocs.offline.yml) read from disk: file://, no server, no outside host."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml

from conftest import ROOT, mkdocs_build

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.browser


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose tags (!ENV, !!python/name) don't matter here."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugins(path: Path) -> list[object]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)["plugins"]


def test_offline_config_has_the_plugins_of_the_site_plus_offline() -> None:
    assert _plugins(ROOT / "mkdocs.offline.yml") == [*_plugins(ROOT / "mkdocs.yml"), "offline"]


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy, built strictly into a temporary folder."""
    site = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(ROOT / "mkdocs.offline.yml", site)
    assert result.returncode == 0, result.stderr
    return site


def test_offline_copy_reads_from_disk_and_follows_links(page, offline_site: Path) -> None:
    page.goto((offline_site / "index.html").as_uri())
    page.get_by_role("link", name="Documents").first.click()
    page.wait_for_load_state()
    page.locator(".md-nav").get_by_role("link", name="2025-06-04 · Promulgated").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/ai-law/promulgated/index.html")
    assert page.locator("#art-5").is_visible()
    page.get_by_role("link", name="English", exact=True).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/ai-law/promulgated/en/index.html")
    assert page.console_errors == []
    assert page.outside_requests == [], "an offline copy asks no host for anything"


def test_offline_copy_searches(page, offline_site: Path) -> None:
    page.goto((offline_site / "ai-law" / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.insert_text("第5条")
    box.press("End")
    result = page.locator(".md-search-result__list a.md-search-result__link[href$='#art-5']")
    result.first.wait_for()
    assert "ai-law/promulgated/index.html" in result.first.get_attribute("href")
    assert page.console_errors == []
    assert page.outside_requests == []
