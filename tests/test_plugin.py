"""The plugin driven by a real, validated MkDocsConfig (no subprocess)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel, get_files

from conftest import FIXTURES, ROOT


def config_for(project: Path):
    return load_config(str(project / "mkdocs.yml"))


def run_plugin(project: Path):
    config = config_for(project)
    config = config.plugins.on_config(config)
    files = get_files(config)
    files = config.plugins.on_files(files, config=config)
    return config, files


def test_generated_pages_are_added_in_memory_with_inclusion_levels() -> None:
    _, files = run_plugin(ROOT)
    promulgated = files.get_file_from_path("ai-law/promulgated/index.md")
    assert promulgated is not None
    assert promulgated.generated_by == "lawtrack"
    assert promulgated.inclusion is InclusionLevel.INCLUDED
    english = files.get_file_from_path("ai-law/promulgated/en/index.md")
    assert english is not None
    assert english.inclusion is InclusionLevel.NOT_IN_NAV
    assert "Unofficial restatement" in promulgated.content_string
    assert not (ROOT / "docs" / "ai-law").exists(), "nothing generated is written into docs/"


def test_nav_placeholder_becomes_documents_and_versions() -> None:
    config, _ = run_plugin(ROOT)
    documents = next(item for item in config.nav if "Documents" in item)["Documents"]
    titles = [next(iter(entry)) for entry in documents]
    assert len(titles) == 4
    ai_law = next(entry for entry in documents if "ai-law/index.md" in next(iter(entry.values())))
    children = next(iter(ai_law.values()))
    assert children[0] == "ai-law/index.md"
    assert [next(iter(c.values())) for c in children[1:]] == [
        "ai-law/wg-draft/index.md",
        "ai-law/cabinet-bill/index.md",
        "ai-law/promulgated/index.md",
    ], "versions in date order, provisions not in the nav"


def test_directive_is_filled_in_hand_written_pages() -> None:
    config, files = run_plugin(ROOT)
    page_file = files.get_file_from_path("index.md")
    from mkdocs.structure.pages import Page

    page = Page(None, page_file, config)
    out = config.plugins.on_page_markdown(
        page_file.content_string, page=page, config=config, files=files
    )
    assert "<!-- lawtrack:documents -->" not in out
    assert "[From the Responsible AI draft" in out or "ai-law/index.md" in out


def test_invalid_drafts_abort_with_path_and_line(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "bad" / "_base", project)
    (project / "drafts/demo/2025-01-01-v1.ja.md").write_text(
        (FIXTURES / "bad" / "malformed-article-ja.md")
        .read_text(encoding="utf-8")
        .replace("v2", "v1")
        .replace("2025-01-02", "2025-01-01"),
        encoding="utf-8",
    )
    config = config_for(project)
    with pytest.raises(
        PluginError, match=r"drafts/demo/2025-01-01-v1\.ja\.md:13: '第二条の（定義）' starts like"
    ):
        config.plugins.on_config(config)


def test_a_hand_written_page_may_not_hide_a_generated_one(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "bad" / "_base", project)
    (project / "docs/demo").mkdir()
    (project / "docs/demo/index.md").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(PluginError, match="would hide a generated page"):
        run_plugin(project)


def test_unknown_directive_is_an_error(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "bad" / "_base", project)
    (project / "docs/index.md").write_text("<!-- lawtrack:nope -->\n", encoding="utf-8")
    config, files = run_plugin(project)
    from mkdocs.structure.pages import Page

    page_file = files.get_file_from_path("index.md")
    page = Page(None, page_file, config)
    with pytest.raises(PluginError, match="unknown directive lawtrack:nope"):
        config.plugins.on_page_markdown(
            page_file.content_string, page=page, config=config, files=files
        )
