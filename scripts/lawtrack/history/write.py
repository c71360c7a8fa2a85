"""Committing new drafts without touching anything else the editor has staged or changed.

The commit is built from HEAD's tree plus the new blobs; the branch moves by compare-and-swap;
only the new files' index entries change. The two plumbing commands go through `_plumbing`,
which admits fixed options, hex SHAs, ref names and checked paths only.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from io import BytesIO
from typing import TYPE_CHECKING, Literal

from lawtrack.errors import HistoryError
from lawtrack.history._repo import (
    GIT_MISSING,
    HEX_RE,
    CommittedError,
    blob_sha,
    check_path,
    commit_ref,
    in_repo,
    mapped,
    prefix_of,
    repository,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from lawtrack.model import CommitRef

with contextlib.suppress(ImportError):  # no git: check_can_commit reports it first
    import git
    from git.objects.fun import tree_to_stream
    from gitdb.base import IStream

_REF_RE = re.compile(r"^(?:HEAD|refs/[A-Za-z0-9_][A-Za-z0-9_./-]*)$")
_OPTIONS = frozenset({"-m", "--end-of-options", "--add", "--cacheinfo"})
_REFLOG_MESSAGE = "lawtrack add"
_ZERO = "0" * 40
_TREE_MODE = 0o040000
_FILE_MODE = 0o100644
_LOCK_WAIT = 10.0
"""Seconds to wait for another git process holding a lock (index.lock, a ref lock)."""


def check_can_commit(root: Path, paths: Sequence[str]) -> None:
    """Check, before anything is written, that `commit_files` can commit these paths.

    Raises:
        HistoryError: Not in git, no configured identity (user.name and user.email), or a
            path that git could not take.
    """
    with repository(root) as repo:
        if repo is None:
            reason = f" ({GIT_MISSING})" if GIT_MISSING else ""
            raise HistoryError(
                f"{root} is not in a git checkout{reason}; add with --no-commit, or run "
                "'git init' first"
            )
        prefix = prefix_of(repo, root)
        for path in paths:
            in_repo(prefix, path)
        with mapped(repo, paths[0] if paths else str(root), "commit"):
            _identity(repo)


def _identity(repo: git.Repo) -> tuple[git.Actor, git.Actor]:
    """The editor's author and committer, from GIT_AUTHOR_* / GIT_COMMITTER_* or user.*."""
    with repo.config_reader() as reader:
        configured = {key: str(reader.get_value("user", key, "")) for key in ("name", "email")}
    actors = []
    for role in ("AUTHOR", "COMMITTER"):
        name = os.environ.get(f"GIT_{role}_NAME") or configured["name"]
        email = os.environ.get(f"GIT_{role}_EMAIL") or configured["email"]
        if not name.strip() or not email.strip():
            raise HistoryError(
                f"no git identity in {repo.working_tree_dir} (expected 'git config user.name "
                "\"Your Name\"' and 'git config user.email you@example.org')"
            )
        actors.append(git.Actor(name, email))
    return actors[0], actors[1]


def commit_files(root: Path, files: Sequence[tuple[str, bytes]], message: str) -> CommitRef:
    """Commit exactly these files, whatever else is staged or changed in the working tree.

    The commit is built from HEAD's tree plus the new blobs (the index is not used), the branch
    moves only if nobody moved it meanwhile (compare-and-swap, retried on a race), and then
    only these files' index entries are updated, so the editor's other staged and unstaged
    changes stay exactly as they were.

    Args:
        root: The project root.
        files: (path relative to `root`, bytes) for each file; the bytes are what is committed.
        message: The commit message.

    Returns:
        The new commit.

    Raises:
        HistoryError: Not in git, no identity, or git failed (nothing is committed then).
    """
    check_can_commit(root, [path for path, _ in files])
    with repository(root) as repo:
        assert repo is not None  # checked above
        prefix = prefix_of(repo, root)
        blobs = [(in_repo(prefix, path), data) for path, data in files]
        with mapped(repo, blobs[0][0], "commit"):
            author, committer = _identity(repo)
            commit = _commit_and_move(repo, blobs, message, author, committer)
        try:
            for path, data in blobs:
                blob = blob_sha(data).hex()
                _plumbing(repo, "update-index", ("--add", "--cacheinfo", f"100644,{blob},{path}"))
        except HistoryError as error:
            raise CommittedError(
                f"committed {commit.hexsha[:7]}, but the index could not be updated ({error}); "
                f"run 'git add {' '.join(path for path, _ in blobs)}' to stage what was committed"
            ) from error
        return commit_ref(commit)


def _commit_and_move(
    repo: git.Repo,
    blobs: list[tuple[str, bytes]],
    message: str,
    author: git.Actor,
    committer: git.Actor,
) -> git.Commit:
    """Create the commit on top of HEAD and move the branch, retrying if HEAD moved."""
    ref = "HEAD" if repo.head.is_detached else str(repo.head.reference.path)
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        parent = repo.head.commit if repo.head.is_valid() else None
        tree = parent.tree if parent is not None else None
        for path, data in blobs:
            binsha = _with_file(repo, tree, path.split("/"), _store(repo, "blob", data))
            tree = git.Tree(repo, binsha, _TREE_MODE, "")
        assert tree is not None  # at least one file
        commit = git.Commit.create_from_tree(
            repo,
            tree,
            message,
            parent_commits=[parent] if parent is not None else [],
            head=False,
            author=author,
            committer=committer,
        )
        old = parent.hexsha if parent is not None else _ZERO
        try:
            _plumbing(
                repo,
                "update-ref",
                ("-m", _REFLOG_MESSAGE, "--end-of-options", ref, commit.hexsha, old),
            )
            return commit
        except HistoryError:
            moved = repo.head.commit.hexsha if repo.head.is_valid() else _ZERO
            if moved == old or time.monotonic() > deadline:
                raise


def _store(repo: git.Repo, kind: Literal["blob", "tree"], data: bytes) -> bytes:
    """Write an object into the repository's database; return its binary id."""
    return bytes(repo.odb.store(IStream(kind, len(data), BytesIO(data))).binsha)


def _with_file(repo: git.Repo, tree: git.Tree | None, parts: list[str], blob: bytes) -> bytes:
    """A tree like `tree` with the file at `parts` set to `blob` (new trees along the path)."""
    entries = {item.name: (item.binsha, item.mode, item.name) for item in tree or ()}
    name, rest = parts[0], parts[1:]
    if rest:
        current = entries.get(name)
        if current is not None and current[1] != _TREE_MODE:
            raise HistoryError(f"cannot commit {'/'.join(parts)}: {name} is a file in HEAD")
        below = tree / name if tree is not None and current is not None else None
        subtree = below if isinstance(below, git.Tree) else None
        entries[name] = (_with_file(repo, subtree, rest, blob), _TREE_MODE, name)
    else:
        entries[name] = (blob, _FILE_MODE, name)
    # git orders tree entries by name, a folder's name as if it ended with '/'.
    ordered = sorted(
        entries.values(), key=lambda e: e[2].encode() + (b"/" if e[1] == _TREE_MODE else b"")
    )
    stream = BytesIO()
    tree_to_stream(ordered, stream.write)
    return _store(repo, "tree", stream.getvalue())


def _check_argument(argument: str) -> str:
    """Allow only fixed options, hex SHAs, ref names and `100644,<sha>,<checked path>`."""
    if argument in _OPTIONS or argument == _REFLOG_MESSAGE or HEX_RE.match(argument):
        return argument
    if _REF_RE.match(argument) and ".." not in argument:
        return argument
    mode, _, rest = argument.partition(",")
    sha, _, path = rest.partition(",")
    if mode == "100644" and HEX_RE.match(sha) and path:
        check_path(path)
        return argument
    raise HistoryError(f"refusing to pass {argument!r} to git (not a fixed option, SHA or ref)")


def _plumbing(
    repo: git.Repo, command: Literal["update-ref", "update-index"], arguments: tuple[str, ...]
) -> None:
    """Run one of the two plumbing commands with checked arguments; wait out busy locks.

    The only place that calls `repo.git`; tests/test_git_safety.py checks that.
    """
    checked = tuple(_check_argument(argument) for argument in arguments)
    run = repo.git.update_ref if command == "update-ref" else repo.git.update_index
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        try:
            run(*checked)
            return
        except git.GitCommandError as error:
            busy = ".lock" in str(error) and "exists" in str(error)
            if not busy or time.monotonic() > deadline:
                raise HistoryError(
                    f"git {command} failed in {repo.working_tree_dir}: "
                    f"{' '.join(str(error.stderr).split())}"
                ) from error
            time.sleep(0.1)
