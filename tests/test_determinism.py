"""Same drafts → byte-identical site, sitemap included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.slow


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert mkdocs_build(ROOT / "mkdocs.yml", first).returncode == 0
    # A different wall clock for the second build: nothing in the output may depend on it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    assert mkdocs_build(ROOT / "mkdocs.yml", second).returncode == 0
    a, b = snapshot(first), snapshot(second)
    assert a.keys() == b.keys()
    different = sorted(name for name in a if a[name] != b[name])
    assert different == [], f"files differ between two builds: {different[:10]}"
    assert "sitemap.xml" in a
    assert "sitemap.xml.gz" in a
    assert os.environ.get("SOURCE_DATE_EPOCH") == "2000000000"


def test_two_processes_build_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages rendered by two processes (lawtrack.workers) or one: the same site, byte for byte.

    The shipped drafts are small enough to render in one process by default; LAWTRACK_JOBS=2
    makes two processes share the rendering.
    """
    default, chosen = tmp_path / "default", tmp_path / "two"
    assert mkdocs_build(ROOT / "mkdocs.yml", default).returncode == 0
    monkeypatch.setenv("LAWTRACK_JOBS", "2")
    assert mkdocs_build(ROOT / "mkdocs.yml", chosen).returncode == 0
    a, b = snapshot(default), snapshot(chosen)
    assert a.keys() == b.keys()
    assert sorted(name for name in a if a[name] != b[name]) == []
