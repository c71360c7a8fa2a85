"""Rebuilds the way `mkdocs serve` does them: same plugin instance, reused work, same output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT, mkdocs_build
from synthetic_corpus import write_drafts

pytestmark = pytest.mark.slow


def _project(where: Path) -> tuple[Path, list[Path]]:
    where.mkdir()
    for part in ("mkdocs.yml", "docs", "overrides"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, where / part)
        else:
            shutil.copy2(source, where / part)
    return where, write_drafts(where / "drafts", 30, 3)


def _serve_build(project: Path, site: Path, *, first: bool) -> dict[str, int]:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    if first:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return dict(config.plugins["lawtrack"].stats)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_serve_rebuild_reuses_work_and_gives_the_same_site_as_a_fresh_build(
    tmp_path: Path,
) -> None:
    project, drafts = _project(tmp_path / "project")
    try:
        _serve_build(project, tmp_path / "one", first=True)
        edited = drafts[-1]  # the newest version, in English
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("must publish", "must promptly publish", 1), "utf-8")
        stats = _serve_build(project, tmp_path / "two", first=False)
    finally:
        load_config(config_file=str(project / "mkdocs.yml")).plugins.on_startup(
            command="build", dirty=False
        )
    assert stats["computed"] == 2, "the two pairs that end in the edited version"
    assert stats["reused"] == 1
    assert stats["page_hits"] > stats["page_misses"] > 0
    fresh = tmp_path / "fresh"
    result = mkdocs_build(project / "mkdocs.yml", fresh, strict=False)
    assert result.returncode == 0, result.stderr
    rebuilt, expected = _tree(tmp_path / "two"), _tree(fresh)
    assert rebuilt.keys() == expected.keys()
    different = sorted(name for name in expected if rebuilt[name] != expected[name])
    assert different == [], f"a serve rebuild differs from a fresh build: {different[:5]}"
    page = (tmp_path / "two" / "synthetic" / "v3" / "en" / "index.html").read_text("utf-8")
    assert "must promptly publish" in page
