"""`lawtrack add` in a real temporary git repository: one commit with exactly the new file,
and nothing changed at all whenever anything is wrong."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES
from gitrepo import EDITOR, commit_files, git, head, make_repo, snapshot, status
from lawtrack import editor
from lawtrack.cli import main

ADD = FIXTURES / "add"
V2 = ADD / "2099-06-01-v2.ja.md"
TARGET = "drafts/test-act/2099-06-01-v2.ja.md"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The two-commit fixture repository, with the editor's identity in its config only."""
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.gitconfig: only the repository's identity
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return make_repo(tmp_path / "repo")


def add(runner, repo: Path, *args: str):
    return runner.invoke(main, ["--root", str(repo), "add", *args])


def unchanged(repo: Path, before: tuple[str, dict[str, bytes], str]) -> None:
    assert (head(repo), snapshot(repo), status(repo)) == before


def state(repo: Path) -> tuple[str, dict[str, bytes], str]:
    return head(repo), snapshot(repo), status(repo)


def test_add_makes_exactly_one_commit_with_exactly_that_file(runner, repo: Path) -> None:
    before = head(repo)
    result = add(runner, repo, str(V2))
    assert result.exit_code == 0, result.output
    assert git(repo, "rev-parse", "HEAD~1") == before
    assert commit_files(repo) == [TARGET]
    assert (repo / TARGET).read_bytes() == V2.read_bytes()
    assert git(repo, "show", f"HEAD:{TARGET}").encode() + b"\n" == V2.read_bytes()
    message = git(repo, "log", "-1", "--format=%B")
    assert message.splitlines()[0] == "Add test-act v2 (ja)"
    assert "Source: https://example.org/test-act/v2" in message
    assert git(repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>") == (
        f"{EDITOR[0]} <{EDITOR[1]}>|{EDITOR[0]} <{EDITOR[1]}>"
    )
    assert status(repo) == ""  # the index has the new file: nothing left to stage
    assert "added drafts/test-act/2099-06-01-v2.ja.md: test-act v2 (ja)" in result.output
    assert "page: https://example.org/lawtrack/test-act/v2/" in result.output
    git(repo, "fsck", "--strict")


def test_adding_the_same_version_again_exits_1_and_changes_nothing(runner, repo: Path) -> None:
    assert add(runner, repo, str(V2)).exit_code == 0
    before = state(repo)
    again = add(runner, repo, str(V2))
    assert again.exit_code == 1
    assert "already exists" in again.output
    unchanged(repo, before)


def test_same_version_and_language_under_another_date_is_refused(
    runner, repo: Path, tmp_path: Path
) -> None:
    moved = tmp_path / "moved.md"
    moved.write_text(V2.read_text().replace("2099-06-01", "2099-06-02"))
    assert add(runner, repo, str(V2)).exit_code == 0
    before = state(repo)
    result = add(runner, repo, str(moved))
    assert result.exit_code == 1
    assert "2099-06-01-v2.ja.md already exists" in result.output
    unchanged(repo, before)


def test_invalid_draft_exits_1_with_no_file_and_no_commit(runner, repo: Path) -> None:
    before = state(repo)
    result = add(runner, repo, str(ADD / "2099-06-01-v2.invalid.ja.md"))
    assert result.exit_code == 1
    assert "2099-06-01-v2.invalid.ja.md:19: article 1 comes after article 2" in result.output
    assert "nothing was changed" in result.output
    unchanged(repo, before)


def test_draft_that_conflicts_with_the_corpus_is_refused(runner, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "one", ("v1",))
    english = tmp_path / "en.md"
    english.write_text(
        (FIXTURES / "history/v2/drafts/test-act/2099-01-01-v1.en.md")
        .read_text()
        .replace("2099-01-01", "2099-01-02")
    )
    before = state(repo)
    result = add(runner, repo, str(english))
    assert result.exit_code == 1
    assert "date 2099-01-02 differs" in result.output
    unchanged(repo, before)


def test_unknown_document_is_refused_without_new_document(runner, repo: Path) -> None:
    before = state(repo)
    result = add(runner, repo, str(ADD / "2099-07-01-new.en.md"))
    assert result.exit_code == 1
    assert "unknown document 'new-doc' (expected one of test-act" in result.output
    unchanged(repo, before)


def test_new_document_commits_document_yml_and_the_draft(runner, repo: Path) -> None:
    result = add(
        runner, repo, str(ADD / "2099-07-01-new.en.md"),
        "--new-document", "--kind", "framework", "--title-en", 'A "quoted": title',
        "--description-en", "Fictional.", "--document-source", "https://example.org/new",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert commit_files(repo) == [
        "drafts/new-doc/2099-07-01-original.en.md",
        "drafts/new-doc/document.yml",
    ]
    assert runner.invoke(main, ["--root", str(repo), "validate"]).exit_code == 0
    written = yaml.safe_load((repo / "drafts/new-doc/document.yml").read_text())
    assert written["title"] == {"en": 'A "quoted": title'}
    assert written["sources"] == [{"url": "https://example.org/new"}]


def test_new_document_for_a_known_document_is_refused(runner, repo: Path) -> None:
    before = state(repo)
    result = add(runner, repo, str(V2), "--new-document", "--kind", "bill", "--title-en", "X")
    assert result.exit_code == 1
    assert "already exists" in result.output
    unchanged(repo, before)


def test_killed_between_write_and_rename_leaves_no_partial_file(
    runner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = state(repo)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # what SIGINT does between the write and the rename

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        editor.add_draft(repo, V2)
    unchanged(repo, before)
    assert not list((repo / "drafts/test-act").glob(".*"))


def test_failed_write_is_an_error_and_changes_nothing(
    runner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = state(repo)

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = add(runner, repo, str(V2))
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    unchanged(repo, before)


def test_failed_commit_removes_the_written_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lawtrack.errors import HistoryError
    from lawtrack.history import write

    before = state(repo)

    def refuse(*args: object, **kwargs: object) -> None:
        raise HistoryError("git update-ref failed")

    monkeypatch.setattr(write, "_commit_and_move", refuse)
    with pytest.raises(HistoryError):
        editor.add_draft(repo, V2)
    unchanged(repo, before)


def test_other_staged_and_unstaged_changes_are_not_committed(runner, repo: Path) -> None:
    (repo / "docs/index.md").write_text("# Staged change\n")
    git(repo, "add", "docs/index.md")
    (repo / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text() + "\n# unstaged\n")
    (repo / "notes.txt").write_text("untracked\n")
    result = add(runner, repo, str(V2))
    assert result.exit_code == 0, result.output
    assert commit_files(repo) == [TARGET]
    assert git(repo, "diff", "--cached", "--name-only") == "docs/index.md"
    assert git(repo, "diff", "--name-only") == "mkdocs.yml"
    assert git(repo, "show", "HEAD:docs/index.md") != "# Staged change"
    assert "?? notes.txt" in status(repo)


def test_no_commit_writes_the_file_only(runner, repo: Path) -> None:
    before = head(repo)
    result = add(runner, repo, str(V2), "--no-commit")
    assert result.exit_code == 0, result.output
    assert head(repo) == before
    assert (repo / TARGET).read_bytes() == V2.read_bytes()
    assert status(repo) == f"?? {TARGET}"
    assert "not committed" in result.output


def test_outside_git_add_refuses_before_writing(runner, repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git"))
    before = snapshot(copy)
    result = add(runner, copy, str(V2))
    assert result.exit_code == 1
    assert "not in a git checkout" in result.output
    assert snapshot(copy) == before
    assert add(runner, copy, str(V2), "--no-commit").exit_code == 0
    assert (copy / TARGET).is_file()


def test_without_a_git_identity_nothing_is_written(runner, tmp_path: Path, monkeypatch) -> None:
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = make_repo(tmp_path / "anon", ("v1",), identity=False)
    before = state(repo)
    result = add(runner, repo, str(V2))
    assert result.exit_code == 1
    assert "no git identity" in result.output
    unchanged(repo, before)


def test_first_commit_of_a_new_repository(runner, tmp_path: Path, repo: Path) -> None:
    fresh = tmp_path / "fresh"
    shutil.copytree(FIXTURES / "history/v1", fresh)
    git(fresh, "init", "-q", "-b", "main")
    git(fresh, "config", "user.name", EDITOR[0])
    git(fresh, "config", "user.email", EDITOR[1])
    result = add(runner, fresh, str(V2))
    assert result.exit_code == 0, result.output
    assert git(fresh, "rev-list", "--count", "HEAD") == "1"
    assert commit_files(fresh) == [TARGET]


def test_detached_head_moves_head_only(runner, repo: Path) -> None:
    git(repo, "checkout", "-q", "--detach")
    main_before = git(repo, "rev-parse", "main")
    assert add(runner, repo, str(V2)).exit_code == 0
    assert git(repo, "rev-parse", "main") == main_before
    assert commit_files(repo) == [TARGET]


def test_added_file_gets_provenance(runner, repo: Path) -> None:
    from lawtrack.history import provenance
    from lawtrack.model import GitState

    assert add(runner, repo, str(V2)).exit_code == 0
    entry = provenance(repo, [TARGET]).get(TARGET)
    assert entry.state is GitState.COMMITTED
    assert entry.added is not None
    assert entry.added.author == EDITOR[0]
    assert entry.added.hexsha == head(repo)


def test_imported_egov_draft_adds_as_a_new_document(runner, repo: Path, tmp_path: Path) -> None:
    draft = tmp_path / "imported.md"
    imported = runner.invoke(
        main,
        [
            "import", "egov", str(FIXTURES / "egov" / "fictional-act.xml"),
            "--document", "fictional-act", "--version", "promulgated", "--date", "2099-01-01",
            "--stage", "公布", "--source", "https://example.org/law/999", "-o", str(draft),
        ],
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    result = add(
        runner, repo, str(draft), "--new-document", "--kind", "bill", "--title-ja", "架空の法律"
    )
    assert result.exit_code == 0, result.output
    assert commit_files(repo) == [
        "drafts/fictional-act/2099-01-01-promulgated.ja.md",
        "drafts/fictional-act/document.yml",
    ]
    assert git(repo, "log", "-1", "--format=%s") == "Add fictional-act promulgated (ja)"
    assert "page: https://example.org/lawtrack/fictional-act/promulgated/" in result.output
