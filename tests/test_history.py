"""Provenance from a real temporary git repository: added, last changed, by whom, states."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from gitrepo import HISTORY, git, head, make_repo
from lawtrack.cli import main
from lawtrack.errors import HistoryError
from lawtrack.history import blob_sha, head_key, provenance, read_file
from lawtrack.model import GitState

JA = "drafts/test-act/2099-01-01-v1.ja.md"
EN = "drafts/test-act/2099-01-01-v1.en.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: v1 (Alice, the Japanese text) and v2 (Bob, changes it and adds English)."""
    return make_repo(tmp_path / "repo")


def test_added_and_last_changed_by_name_and_commit_date(repo: Path) -> None:
    first, second = git(repo, "rev-list", "--reverse", "HEAD").split()
    index = provenance(repo, [JA, EN])
    ja, en = index.get(JA), index.get(EN)
    assert ja.state is GitState.COMMITTED
    assert ja.added is not None
    assert ja.changed is not None
    assert (ja.added.hexsha, ja.added.author, ja.added.date) == (
        first,
        "Alice Example",
        dt.date(2099, 1, 15),
    )
    # 23:30 +09:00 is 14:30 UTC: the commit's own time zone gives the date.
    assert (ja.changed.hexsha, ja.changed.author, ja.changed.date) == (
        second,
        "Bob Example",
        dt.date(2099, 2, 15),
    )
    assert en.added == en.changed
    assert en.added is not None
    assert en.added.hexsha == second
    assert ja.changed.short == second[:7]


def test_same_repository_state_gives_the_same_provenance(repo: Path) -> None:
    assert provenance(repo, [JA, EN]) == provenance(repo, [EN, JA])


def test_working_copy_states(repo: Path) -> None:
    (repo / JA).write_bytes((repo / JA).read_bytes() + b"\n3\n")
    new = "drafts/test-act/2099-03-01-v2.ja.md"
    shutil.copy(repo / JA, repo / new)
    index = provenance(repo, [JA, EN, new])
    assert index.get(JA).state is GitState.MODIFIED
    assert index.get(EN).state is GitState.COMMITTED
    assert index.get(new).state is GitState.UNCOMMITTED
    assert index.get(new).added is None


def test_crlf_checkout_of_an_lf_blob_is_not_a_change(repo: Path) -> None:
    (repo / EN).write_bytes((repo / EN).read_bytes().replace(b"\n", b"\r\n"))
    assert provenance(repo, [EN]).get(EN).state is GitState.COMMITTED


def test_a_copy_without_git_is_not_in_git(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git"))
    index = provenance(copy, [JA, EN])
    assert {p.state for p in index.entries.values()} == {GitState.NOT_IN_GIT}
    assert head_key(copy) == ""


def test_a_repository_without_commits_has_nothing_committed(tmp_path: Path) -> None:
    repo = tmp_path / "empty"
    shutil.copytree(HISTORY / "v1", repo)
    git(repo, "init", "-q")
    assert provenance(repo, [JA]).get(JA).state is GitState.UNCOMMITTED
    assert head_key(repo) == ""


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    shutil.copytree(HISTORY / "v1", outer / "site")
    git(outer, "init", "-q")
    git(outer, "add", "-A")
    git(outer, "-c", "user.name=Sub Folder", "-c", "user.email=s@example.org", "commit", "-qm", "x")
    entry = provenance(outer / "site", [JA]).get(JA)
    assert entry.state is GitState.COMMITTED
    assert entry.added is not None
    assert entry.added.author == "Sub Folder"


def test_merge_credits_the_commit_that_made_the_change(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "side")
    (repo / EN).write_text((repo / EN).read_text() + "\nA side note.\n")
    git(
        repo, "-c", "user.name=Side Author", "-c", "user.email=x@example.org", "commit", "-qam", "s"
    )
    side = head(repo)
    git(repo, "checkout", "-q", "main")
    (repo / "docs" / "index.md").write_text("# Changed on main\n")
    git(
        repo, "-c", "user.name=Main Author", "-c", "user.email=y@example.org", "commit", "-qam", "m"
    )
    git(repo, "merge", "-q", "--no-edit", "side")
    entry = provenance(repo, [EN]).get(EN)
    assert entry.changed is not None
    assert entry.changed.hexsha == side


def test_shallow_clone_marks_added_as_truncated(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    entry = provenance(clone, [JA]).get(JA)
    assert entry.truncated
    assert entry.added is not None
    assert entry.added.author == "Bob Example"
    assert not provenance(repo, [JA]).get(JA).truncated


def test_read_file_at_a_revision_uses_the_object_model(repo: Path) -> None:
    first = git(repo, "rev-list", "--max-parents=0", "HEAD")
    assert read_file(repo, JA, first) == (HISTORY / "v1" / JA).read_bytes()
    assert read_file(repo, JA, "HEAD~1") == (HISTORY / "v1" / JA).read_bytes()
    assert read_file(repo, JA) == (repo / JA).read_bytes()
    assert blob_sha(read_file(repo, JA)).hex() == git(repo, "rev-parse", f"HEAD:{JA}")


@pytest.mark.parametrize("revision", ["no-such-branch", "HEAD~9", "deadbeef"])
def test_unknown_revision_names_repository_and_path(repo: Path, revision: str) -> None:
    with pytest.raises(HistoryError) as raised:
        read_file(repo, JA, revision)
    assert str(repo) in str(raised.value)
    assert JA in str(raised.value)


def test_missing_file_at_revision_is_a_history_error(repo: Path) -> None:
    with pytest.raises(HistoryError, match=r"2099-01-01-v1\.en\.md"):
        read_file(repo, EN, "HEAD~1")


def test_broken_repository_is_a_history_error_naming_it(repo: Path) -> None:
    tree = git(repo, "rev-parse", "HEAD~1^{tree}")
    obj = repo / ".git" / "objects" / tree[:2] / tree[2:]
    obj.chmod(0o644)
    obj.write_bytes(b"garbage")
    with pytest.raises(HistoryError) as raised:
        provenance(repo, [JA, EN])
    assert str(repo) in str(raised.value)
    assert "drafts/test-act" in str(raised.value)


def test_cli_provenance_json_has_names_never_emails(runner, repo: Path) -> None:
    result = runner.invoke(
        main, ["--root", str(repo), "provenance", str(repo / JA), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["state"] == "committed"
    assert data["added"]["author"] == "Alice Example"
    assert data["changed"]["author"] == "Bob Example"
    assert "@" not in result.output


def test_cli_provenance_text_and_bad_revision(runner, repo: Path) -> None:
    result = runner.invoke(main, ["--root", str(repo), "provenance", str(repo / JA)])
    assert result.exit_code == 0
    assert "added: 2099-01-15 by Alice Example" in result.output
    bad = runner.invoke(
        main, ["--root", str(repo), "provenance", str(repo / JA), "--at", "--output=x"]
    )
    assert bad.exit_code == 1
    assert "unusable revision" in bad.output
    assert not (repo / "x").exists()
