"""Opening the repository, checking revisions and paths, mapping GitPython's errors.

Shared by `read` and `write`; part of the `history` package, the only importer of git.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from lawtrack.errors import HistoryError
from lawtrack.model import CommitRef

try:
    import git
    from gitdb.exc import ODBError

    GIT_MISSING = ""
    """Why git cannot be used ('' when it can)."""
except ImportError as error:  # GitPython refuses to import when no git executable is installed
    GIT_MISSING = str(error).strip().splitlines()[0] if str(error).strip() else "no git"

if TYPE_CHECKING:
    from collections.abc import Iterator

_REVISION_RE = re.compile(r"^[A-Za-z0-9_@][A-Za-z0-9_./~^@{}-]*$")
HEX_RE = re.compile(r"^[0-9a-f]{40}$")
"""A full hex object id."""


class CommittedError(HistoryError):
    """The commit was made, but a later step failed: the committed files must stay."""


def check_revision(revision: str) -> str:
    """Refuse a revision string that git could read as an option or a range.

    Args:
        revision: A commit hash, branch, tag or expression such as `HEAD~2`.

    Returns:
        The revision, unchanged.

    Raises:
        HistoryError: When it starts with `-`, contains `..` or characters outside ref names.
    """
    if revision.startswith("-") or ".." in revision or not _REVISION_RE.match(revision):
        raise HistoryError(
            f"unusable revision {revision!r} (expected a commit hash, branch or tag such as "
            "HEAD, main or 1a2b3c4; never an option or a range)"
        )
    return revision


def check_path(path: str) -> str:
    """Refuse a repository path that is absolute, climbs with `..`, or holds control characters.

    Returns:
        The path with forward slashes.
    """
    posix = path.replace("\\", "/")
    parts = PurePosixPath(posix).parts
    bad = not parts or posix.startswith(("/", "-")) or ".." in parts or "." in parts
    if bad or any(ord(ch) < 32 for ch in posix):
        raise HistoryError(f"unusable path {path!r} (expected a path inside the repository)")
    return posix


@contextmanager
def repository(root: Path) -> Iterator[git.Repo | None]:
    """The git repository holding `root` (None when there is none or git is missing)."""
    if GIT_MISSING:
        yield None
        return
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        yield None
        return
    try:
        yield repo
    finally:
        repo.close()


@contextmanager
def mapped(repo: git.Repo, path: str, doing: str) -> Iterator[None]:
    """Turn GitPython's errors into `HistoryError` naming the repository and the path."""
    try:
        yield
    except HistoryError:
        raise
    except (git.GitError, ODBError, ValueError, KeyError, OSError) as error:
        detail = " ".join(str(error).split()) or type(error).__name__
        raise HistoryError(
            f"git: cannot {doing} {path} in the repository {repo.working_tree_dir}: {detail}"
        ) from error


def resolve(repo: git.Repo, revision: str) -> git.Commit:
    """Check a revision, then resolve it (in Python, no subprocess) to a commit."""
    check_revision(revision)
    commit = repo.rev_parse(revision)
    while isinstance(commit, git.TagObject):
        commit = commit.object
    if not isinstance(commit, git.Commit) or not HEX_RE.match(commit.hexsha):
        raise HistoryError(f"revision {revision!r} is not a commit")
    return commit


def prefix_of(repo: git.Repo, root: Path) -> PurePosixPath:
    """Where the project root is inside the repository's working tree."""
    top = Path(str(repo.working_tree_dir)).resolve()
    return PurePosixPath(root.resolve().relative_to(top).as_posix())


def in_repo(prefix: PurePosixPath, path: str) -> str:
    return check_path((prefix / check_path(path)).as_posix())


def commit_ref(commit: git.Commit) -> CommitRef:
    return CommitRef(str(commit.hexsha), commit.committed_datetime.date(), str(commit.author.name))


def blob_sha(data: bytes) -> bytes:
    """The git object id of a file's bytes (what `git hash-object` computes)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).digest()
