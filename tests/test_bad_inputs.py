"""The bad-input suite: every broken draft or sidecar in tests/fixtures/bad/ gives a clear
`path:line` error from both `lawtrack validate` and `mkdocs build`, exit 1, no traceback, and no
site left behind. Expectations are in tests/fixtures/bad/cases.yml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, mkdocs_build
from lawtrack.cli import main

BAD = FIXTURES / "bad"
CASES: dict[str, dict[str, object]] = yaml.safe_load(
    (BAD / "cases.yml").read_text(encoding="utf-8")
)


def place(name: str, data: bytes) -> str:
    """Where a bad file goes in the test project."""
    if name.endswith(".notes.yml"):
        return "drafts/demo/notes.yml"
    if name.endswith(".measures.yml"):
        return "drafts/measures.yml"
    if name.endswith(".document.yml"):
        return "drafts/demo/document.yml"
    language = "en" if b"language: en" in data else "ja"
    return f"drafts/demo/2025-01-02-v2.{language}.md"


def make_project(tmp_path: Path, name: str, data: bytes) -> tuple[Path, str]:
    project = tmp_path / "project"
    shutil.copytree(BAD / "_base", project)
    target = place(name, data)
    (project / target).write_bytes(data)
    return project, target


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    on_disk = {p.name for p in BAD.iterdir() if p.is_file() and p.name != "cases.yml"}
    assert on_disk == set(CASES), "every fixture has an expectation and every expectation a fixture"


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_reports_the_line(name: str, tmp_path: Path, runner) -> None:
    data = (BAD / name).read_bytes()
    project, target = make_project(tmp_path, name, data)
    result = runner.invoke(main, ["--root", str(project), "validate"])
    expected = CASES[name]
    if expected.get("accept"):
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{target}:{expected['line']}: " in result.output
    line = next(
        row
        for row in result.output.splitlines()
        if row.startswith(f"{target}:{expected['line']}: ")
    )
    assert str(expected["message"]) in line
    assert "(expected " in line, "every error says what was expected"


@pytest.mark.parametrize("name", sorted(CASES))
def test_mkdocs_build_fails_with_the_same_message_and_leaves_no_site(
    name: str, tmp_path: Path
) -> None:
    data = (BAD / name).read_bytes()
    project, target = make_project(tmp_path, name, data)
    site = tmp_path / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    expected = CASES[name]
    if expected.get("accept"):
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{target}:{expected['line']}: " in result.stderr
    assert str(expected["message"]) in result.stderr
    assert not site.exists(), "a failed build leaves no partial site"


def test_a_five_megabyte_draft_is_refused(tmp_path: Path, runner) -> None:
    header = (BAD / "_base/drafts/demo/2025-01-01-v1.ja.md").read_text(encoding="utf-8")
    header = header.replace("version: v1", "version: v2").replace("2025-01-01", "2025-01-02")
    data = (header + "本文。" * (5 * 1024 * 1024 // 9)).encode()
    assert len(data) > 5 * 1024 * 1024
    project, target = make_project(tmp_path, "big.md", data)
    result = runner.invoke(main, ["--root", str(project), "validate"])
    assert result.exit_code == 1
    assert f"{target}: file is too large" in result.output
    build = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 1
    assert "file is too large" in build.stderr


def test_a_failed_build_keeps_the_previous_site_intact(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(BAD / "_base", project)
    site = tmp_path / "site"
    assert mkdocs_build(project / "mkdocs.yml", site).returncode == 0
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    (project / "drafts/demo/2025-01-03-v3.ja.md").write_text("no front matter\n", encoding="utf-8")
    assert mkdocs_build(project / "mkdocs.yml", site).returncode == 1
    after = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert before == after, "drafts are validated before MkDocs cleans or writes the site folder"
