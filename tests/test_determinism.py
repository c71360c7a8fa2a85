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


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    site = tmp_path_factory.mktemp("default")
    assert mkdocs_build(ROOT / "mkdocs.yml", site).returncode == 0
    return snapshot(site)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        # A different wall clock: nothing in the output may depend on it.
        ("SOURCE_DATE_EPOCH", "2000000000"),
        # Pages rendered by two processes (lawtrack.workers): the shipped drafts are small
        # enough to render in one process by default.
        ("LAWTRACK_JOBS", "2"),
    ],
)
def test_the_site_is_byte_identical_whatever_the_environment(
    default_site: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
) -> None:
    monkeypatch.setenv(variable, value)
    assert mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site").returncode == 0
    other = snapshot(tmp_path / "site")
    assert other.keys() == default_site.keys()
    different = sorted(name for name in default_site if default_site[name] != other[name])
    assert different == [], f"files differ between two builds: {different[:10]}"
    assert "sitemap.xml" in other
    assert "sitemap.xml.gz" in other
    assert os.environ.get(variable) == value
