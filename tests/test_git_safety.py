"""GitPython is used safely: no user string reaches git where it could be read as an option.

Revision strings starting with `-` or containing `..` are refused before any git code runs;
a scan of the package's source proves that `repo.git.<cmd>` is called in one place only, whose
arguments are checked at run time, and that no unsafe GitPython switch is ever set.
"""

from __future__ import annotations

import ast
from pathlib import Path

import git
import pytest

from conftest import ROOT, importers_of
from gitrepo import head, make_repo, status
from lawtrack import history
from lawtrack.errors import HistoryError
from lawtrack.history import write

PACKAGE = ROOT / "scripts" / "lawtrack"
JA = "drafts/test-act/2099-01-01-v1.ja.md"
BAD_REVISIONS = [
    "--output=/tmp/lawtrack-owned",
    "-n1",
    "-",
    "--all",
    "HEAD..main",
    "main...HEAD",
    "..",
    "a..",
    "HEAD:drafts/x.md",
    "HEAD -- x",
    "HEAD\n--output=x",
    "",
    " HEAD",
]
GOOD_REVISIONS = ["HEAD", "HEAD~1", "HEAD^", "main", "v1.0", "refs/heads/main", "1a2b3c4", "@{0}"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


@pytest.fixture
def no_git_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record (and fail) every GitPython entry point that could reach git with a revision."""
    calls: list[str] = []

    def trap(name: str):
        def called(*args: object, **kwargs: object) -> None:
            calls.append(name)
            raise AssertionError(f"{name} reached with {args!r}")

        return called

    monkeypatch.setattr(git.Repo, "rev_parse", trap("Repo.rev_parse"))
    monkeypatch.setattr(git.Repo, "commit", trap("Repo.commit"))
    monkeypatch.setattr(git.Repo, "iter_commits", trap("Repo.iter_commits"))
    monkeypatch.setattr(git.cmd.Git, "execute", trap("Git.execute"))
    return calls


@pytest.mark.parametrize("revision", BAD_REVISIONS)
def test_bad_revisions_are_refused(revision: str) -> None:
    with pytest.raises(HistoryError, match="unusable revision"):
        history.check_revision(revision)


@pytest.mark.parametrize("revision", GOOD_REVISIONS)
def test_ordinary_revisions_pass_the_check(revision: str) -> None:
    assert history.check_revision(revision) == revision


@pytest.mark.parametrize("revision", BAD_REVISIONS)
def test_bad_revisions_never_reach_git(
    repo: Path, revision: str, no_git_calls: list[str], tmp_path: Path
) -> None:
    for call in (
        lambda: history.read_file(repo, JA, revision),
        lambda: history.provenance(repo, [JA], revision),
    ):
        with pytest.raises(HistoryError, match="unusable revision"):
            call()
    assert no_git_calls == []
    assert not Path("/tmp/lawtrack-owned").exists()


def test_revision_is_resolved_to_a_hex_sha_in_python(repo: Path, monkeypatch) -> None:
    calls: list[tuple[object, ...]] = []
    original = git.cmd.Git.execute

    def spy(self, command, *args, **kwargs):
        calls.append(tuple(command))
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(git.cmd.Git, "execute", spy)
    history.read_file(repo, JA, "HEAD~1")
    history.provenance(repo, [JA], "main")
    # Only the object database's persistent `cat-file --batch` runs, with no revision argument.
    for command in calls:
        assert command[1:] in (("cat-file", "--batch-check"), ("cat-file", "--batch")), command


@pytest.mark.parametrize(
    "argument",
    [
        "--output=/tmp/lawtrack-owned",
        "-c",
        "core.hooksPath=/tmp",
        "--upload-pack=touch x",
        "refs/heads/../../x",
        "100644,0123456789abcdef0123456789abcdef01234567,../outside",
        "100644,0123456789abcdef0123456789abcdef01234567,-x",
        "100755,0123456789abcdef0123456789abcdef01234567,drafts/x.md",
        "main; rm -rf /",
    ],
)
def test_plumbing_refuses_anything_but_fixed_options_shas_and_refs(
    repo: Path, argument: str, no_git_calls: list[str]
) -> None:
    before = (head(repo), status(repo))
    with git.Repo(repo) as opened, pytest.raises(HistoryError, match=r"refusing|unusable"):
        write._plumbing(opened, "update-ref", ("-m", "lawtrack add", argument))
    assert no_git_calls == []
    assert (head(repo), status(repo)) == before


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text("utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def test_only_history_imports_git() -> None:
    for path in importers_of("git", "gitdb"):
        assert path.startswith("scripts/lawtrack/history/"), f"{path} imports git"


def _function_of(tree: ast.Module, target: ast.AST) -> str:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            child is target for child in ast.walk(node)
        ):
            return node.name
    return "<module>"


def test_repo_git_passthrough_is_used_in_one_checked_place_only() -> None:
    uses = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            # `<anything>.git.<command>`: GitPython's generic command passthrough.
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "git"
            ):
                uses.append((path.name, _function_of(tree, node), node.attr))
    assert sorted(uses) == [
        ("write.py", "_plumbing", "update_index"),
        ("write.py", "_plumbing", "update_ref"),
    ]
    source = (PACKAGE / "history" / "write.py").read_text("utf-8")
    plumbing = source[source.index("def _plumbing(") :]
    assert "checked = tuple(_check_argument(argument) for argument in arguments)" in plumbing
    assert "run(*checked)" in plumbing


def test_no_unsafe_gitpython_switch_or_command_is_used() -> None:
    forbidden_keywords = {"allow_unsafe_options", "allow_unsafe_protocols", "as_process", "shell"}
    forbidden_calls = {"clone_from", "clone", "execute", "archive", "blame", "iter_commits", "init"}
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword):
                assert node.arg not in forbidden_keywords, f"{path}: {node.arg}="
            if (
                path.parent.name == "history"
                and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
            ):
                assert node.func.attr not in forbidden_calls, f"{path}: .{node.func.attr}()"


def test_every_plumbing_call_passes_literal_options_and_checked_values() -> None:
    """The call sites of `_plumbing` pass a literal command and a tuple whose options are
    literals; the values (SHAs, ref, cacheinfo) are checked again by `_check_argument`."""
    tree = ast.parse((PACKAGE / "history" / "write.py").read_text("utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_plumbing"
    ]
    assert len(calls) == 2
    for call in calls:
        command, arguments = call.args[1], call.args[2]
        assert isinstance(command, ast.Constant)
        assert command.value in ("update-ref", "update-index")
        assert isinstance(arguments, ast.Tuple)
        first = arguments.elts[0]
        assert isinstance(first, ast.Constant)
        assert str(first.value).startswith("-")
