"""`lawtrack generate --out DIR`: the exit path to a build without the lawtrack plugin."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from lawtrack.cli import main
from lawtrack.errors import LawtrackError
from lawtrack.generate import MANIFEST, check_out, generate, write_files
from lawtrack.pages import SitePage
from lawtrack.siteconfig import hidden_patterns, plain_config
from lawtrack.yamlio import load


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "out"
    generate(ROOT, out)
    return out


def test_config_has_no_lawtrack_plugin_and_the_documents_in_the_nav(generated: Path) -> None:
    config, problems = load((generated / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")
    assert config is not None, problems
    data = config.data
    assert all("lawtrack" not in str(plugin) for plugin in data["plugins"])
    assert data["theme"]["name"] == "material"
    assert data["docs_dir"] == "docs"
    assert "watch" not in data
    assert "lawtrack:documents" not in str(data["nav"])
    assert "ai-law/promulgated/index.md" in str(data["nav"])
    assert "/ai-law/compare/" in data["not_in_nav"].splitlines()
    original, _ = load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")
    assert original is not None
    for key in ("markdown_extensions", "extra_css", "extra_javascript", "validation"):
        assert data[key] == original.data[key]


def test_directives_are_filled_and_generated_pages_written(generated: Path) -> None:
    home = (generated / "docs" / "index.md").read_text(encoding="utf-8")
    assert "<!-- lawtrack:" not in home
    assert "ai-law/index.md" in home
    assert (generated / "docs" / "ai-law" / "promulgated" / "index.md").is_file()
    assert (generated / "docs" / "assets" / "lawtrack.css").is_file()
    assert (generated / "overrides" / "main.html").is_file()


@pytest.mark.slow
def test_output_builds_strictly_with_plain_material(generated: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(generated / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    page = (site / "ai-law" / "promulgated" / "index.html").read_text(encoding="utf-8")
    assert 'id="art-1"' in page
    assert (site / "ai-law" / "compare" / "wg-draft...promulgated" / "index.html").is_file()


def test_a_second_run_writes_nothing(generated: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in generated.rglob("*") if p.is_file()}
    report = generate(ROOT, generated)
    assert report.written == ()
    assert report.removed == ()
    assert report.unchanged == len(before) - 1  # every file but the manifest
    after = {p: p.stat().st_mtime_ns for p in generated.rglob("*") if p.is_file()}
    assert after == before


def test_files_no_longer_generated_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write_files(out, {"a.md": b"a", "deep/er/b.md": b"b", "c.md": b"c"})
    assert first.written == ("a.md", "c.md", "deep/er/b.md")
    (out / "mine.txt").write_text("not generated")
    second = write_files(out, {"a.md": b"a", "c.md": b"changed"})
    assert second.written == ("c.md",)
    assert second.removed == ("deep/er/b.md",)
    assert not (out / "deep").exists(), "emptied folders are removed"
    assert (out / "mine.txt").is_file(), "files it did not write are kept"
    assert (out / "c.md").read_bytes() == b"changed"


def test_a_tampered_manifest_never_removes_outside_files(tmp_path: Path) -> None:
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    victim.write_text("keep")
    write_files(out, {"a.md": b"a"})
    (out / MANIFEST).write_text('{"files": ["../victim.txt", "/etc/passwd", "a.md"]}')
    write_files(out, {})
    assert victim.read_text() == "keep"
    assert not (out / "a.md").exists()


@pytest.mark.parametrize("where", ["project", "docs", "docs/sub", "parent"])
def test_refuses_to_write_into_the_project_or_docs(tmp_path: Path, where: str) -> None:
    target = {"project": ROOT, "docs": ROOT / "docs", "docs/sub": ROOT / "docs" / "x"}.get(
        where, ROOT.parent
    )
    with pytest.raises(LawtrackError, match="cannot generate into"):
        check_out(ROOT, target, {})


def test_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("someone's work")
    with pytest.raises(LawtrackError, match="not empty and was not written by lawtrack"):
        check_out(ROOT, tmp_path, {})


def test_cli_generates_quietly_without_a_terminal(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site-src"
    result = runner.invoke(main, ["--root", str(ROOT), "generate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("0 removed, 0 unchanged")
    assert result.stderr == "", "no progress bar when stderr is not a terminal"
    again = runner.invoke(main, ["--root", str(ROOT), "generate", "--out", str(out)])
    assert " 0 written, 0 removed" in again.stdout


def test_hidden_patterns_name_folders_when_nothing_in_them_is_in_the_nav() -> None:
    pages = [
        SitePage("doc/index.md", "", in_nav=True),
        SitePage("doc/v1/index.md", "", in_nav=True),
        SitePage("doc/v1/en/index.md", ""),
        SitePage("doc/compare/v1...v2/index.md", ""),
        SitePage("doc/compare/v1...v2/en/index.md", ""),
        SitePage("lonely.md", ""),
    ]
    assert hidden_patterns(pages, ["index.md"]) == ["/doc/compare/", "/doc/v1/en/", "/lonely.md"]


def test_plain_config_keeps_other_plugins_and_existing_not_in_nav() -> None:
    raw = {
        "plugins": ["search", {"lawtrack": {"nav_placeholder": "X"}}, {"tags": {}}],
        "nav": [{"Docs": "X"}],
        "not_in_nav": "/drafts-notes.md\n",
        "watch": ["drafts"],
    }
    plain = plain_config(raw, [{"A": "a/index.md"}], ["/a/compare/"])
    assert plain["plugins"] == ["search", {"tags": {}}]
    assert plain["nav"] == [{"Docs": [{"A": "a/index.md"}]}]
    assert plain["not_in_nav"] == "/drafts-notes.md\n/a/compare/\n"
    assert "watch" not in plain


def test_theme_overrides_are_copied_only_from_inside_the_project(tmp_path: Path) -> None:
    from lawtrack.generate import outputs
    from lawtrack.pages import Site

    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "theme").mkdir()
    (project / "theme" / "main.html").write_text("{% extends 'base.html' %}")
    (tmp_path / "outside").mkdir()
    inside = outputs(project, Site(()), {"theme": {"name": "material", "custom_dir": "theme"}})
    assert inside["theme/main.html"] == b"{% extends 'base.html' %}"
    config = {"theme": {"name": "material", "custom_dir": "../outside"}}
    outside = outputs(project, Site(()), config)
    assert not any(name.startswith("..") for name in outside), "nothing written outside DIR"
    assert str((tmp_path / "outside").resolve()) in outside["mkdocs.yml"].decode()
