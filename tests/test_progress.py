"""Long commands report progress to a callback (a bar on a terminal) and nothing otherwise."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from lawtrack.cli import main
from lawtrack.generate import write_files
from lawtrack.validate import validate_paths


def test_validate_counts_every_file_then_the_cross_checks() -> None:
    calls: list[tuple[int, int]] = []
    validate_paths(ROOT, [], progress=lambda done, total: calls.append((done, total)))
    drafts = len(list((ROOT / "drafts").rglob("*.md")))
    assert calls[-1] == (drafts + 1, drafts + 1)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_generate_reports_each_file(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_files(tmp_path, {"a.md": b"a", "b.md": b"b"}, lambda d, t: calls.append((d, t)))
    assert calls == [(1, 2), (2, 2)]


def test_validate_is_quiet_without_a_terminal(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["--root", str(ROOT), "validate"])
    assert result.exit_code == 0, result.output
    assert "checking" not in result.stderr
    assert "%" not in result.stderr
