"""Provenance from git, and commits of new drafts: the only module that imports git (GitPython).

Safe use only (see docs/editor/publish.md): history is read through GitPython's object model
(trees and blobs, no command-line arguments); a revision from a user is checked (no leading `-`,
no `..`) and resolved to a hex SHA before anything else sees it; the two plumbing commands used
to commit (`update-ref`, `update-index`) go through `_plumbing`, which accepts only fixed
options, hex SHAs, ref names and checked paths. GitPython errors become `HistoryError` naming
the repository and the path. Nothing here reads the clock: dates are commit dates.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import re
import time
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from lawtrack.errors import HistoryError
from lawtrack.model import CommitRef, GitState, Provenance, ProvenanceIndex

try:
    import git
    from git.objects.fun import tree_to_stream
    from gitdb.base import IStream
    from gitdb.exc import ODBError

    _GIT_MISSING = ""
except ImportError as error:  # GitPython refuses to import when no git executable is installed
    _GIT_MISSING = str(error).strip().splitlines()[0] if str(error).strip() else "no git"

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

_REVISION_RE = re.compile(r"^[A-Za-z0-9_@][A-Za-z0-9_./~^@{}-]*$")
_HEX_RE = re.compile(r"^[0-9a-f]{40}$")
_REF_RE = re.compile(r"^(?:HEAD|refs/[A-Za-z0-9_][A-Za-z0-9_./-]*)$")
_OPTIONS = frozenset({"-m", "--end-of-options", "--add", "--cacheinfo"})
_REFLOG_MESSAGE = "lawtrack add"
_ZERO = "0" * 40
_TREE_MODE = 0o040000
_FILE_MODE = 0o100644
_LOCK_WAIT = 10.0
"""Seconds to wait for another git process holding a lock (index.lock, a ref lock)."""


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
def _repository(root: Path) -> Iterator[git.Repo | None]:
    """The git repository holding `root` (None when there is none or git is missing)."""
    if _GIT_MISSING:
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
def _mapped(repo: git.Repo, path: str, doing: str) -> Iterator[None]:
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


def _resolve(repo: git.Repo, revision: str) -> git.Commit:
    """Check a revision, then resolve it (in Python, no subprocess) to a commit."""
    check_revision(revision)
    commit = repo.rev_parse(revision)
    while isinstance(commit, git.TagObject):
        commit = commit.object
    if not isinstance(commit, git.Commit) or not _HEX_RE.match(commit.hexsha):
        raise HistoryError(f"revision {revision!r} is not a commit")
    return commit


def _prefix(repo: git.Repo, root: Path) -> PurePosixPath:
    """Where the project root is inside the repository's working tree."""
    top = Path(str(repo.working_tree_dir)).resolve()
    return PurePosixPath(root.resolve().relative_to(top).as_posix())


def _in_repo(prefix: PurePosixPath, path: str) -> str:
    return check_path((prefix / check_path(path)).as_posix())


def read_file(root: Path, path: str, revision: str = "HEAD") -> bytes:
    """The bytes of a file as committed at `revision`, read through the object model.

    Args:
        root: The project root.
        path: The file, relative to `root`.
        revision: A revision (checked by `check_revision`).

    Raises:
        HistoryError: Not in git, an unusable or unknown revision, or no such file there.
    """
    with _repository(root) as repo:
        if repo is None:
            raise HistoryError(f"cannot read {path} at {revision}: {root} is not in git")
        with _mapped(repo, path, f"read (at {revision})"):
            commit = _resolve(repo, revision)
            blob = commit.tree / _in_repo(_prefix(repo, root), path)
            return bytes(blob.data_stream.read())


def head_key(root: Path) -> str:
    """The hex SHA of HEAD, to key caches.

    Returns:
        '' outside git, before the first commit, or when git fails (reading provenance then
        reports the failure).
    """
    with _repository(root) as repo:
        if repo is None:
            return ""
        try:
            with _mapped(repo, str(root), "read HEAD of"):
                return str(repo.head.commit.hexsha) if repo.head.is_valid() else ""
        except HistoryError:
            return ""


def provenance(root: Path, paths: Sequence[str], revision: str = "HEAD") -> ProvenanceIndex:
    """When each file was added and last changed in git, and by whom.

    Args:
        root: The project root.
        paths: Files relative to `root` (draft paths).
        revision: Read history up to this revision; the working copy is compared only for
            HEAD.

    Returns:
        The provenance of each path. Outside a git checkout every path is `NOT_IN_GIT`.

    Raises:
        HistoryError: When git fails (a broken repository, an unusable revision).
    """
    if revision != "HEAD":
        check_revision(revision)
    with _repository(root) as repo:
        if repo is None:
            return ProvenanceIndex({p: Provenance(p, GitState.NOT_IN_GIT) for p in paths})
        prefix = _prefix(repo, root)
        wanted = {_in_repo(prefix, p): p for p in paths}
        if not repo.head.is_valid() and revision == "HEAD":
            return ProvenanceIndex({p: Provenance(p, GitState.UNCOMMITTED) for p in paths})
        with _mapped(repo, ", ".join(sorted(paths)[:3]) or str(root), "read the history of"):
            tip = _resolve(repo, revision)
            shallow = _shallow(repo)
            added, changed = _walk(tip, set(wanted), shallow)
        entries = {}
        for in_repo, path in sorted(wanted.items()):
            state = _state(tip, in_repo, root / path if revision == "HEAD" else None)
            first = added.get(in_repo)
            entries[path] = Provenance(
                path,
                state,
                _ref(first) if first is not None else None,
                _ref(changed[in_repo]) if in_repo in changed else None,
                truncated=first is not None and first.hexsha in shallow,
            )
        return ProvenanceIndex(entries)


def _walk(
    tip: git.Commit, wanted: set[str], shallow: set[str]
) -> tuple[dict[str, git.Commit], dict[str, git.Commit]]:
    """One pass over the history: the oldest and the newest commit changing each file.

    Commits and trees are read through the object model only: no `git log` or `rev-list`
    process, so no argument ever reaches a command line.
    """
    common = os.path.commonpath([PurePosixPath(p).parent.as_posix() for p in wanted])
    common = "" if common in (".", "") else common
    dirs = {parent.as_posix() for p in wanted for parent in PurePosixPath(p).parents} - {"."}
    added: dict[str, git.Commit] = {}
    changed: dict[str, git.Commit] = {}
    for commit in _history(tip, shallow):
        new = _subtree(commit.tree, common)
        olds = [_subtree(parent.tree, common) for parent in _parents(commit, shallow)] or [None]
        if any(old is not None and new is not None and old.binsha == new.binsha for old in olds):
            continue  # nothing under the common folder changed
        touched = set.intersection(*(set(_diff(old, new, common, wanted, dirs)) for old in olds))
        for path in touched:
            changed.setdefault(path, commit)
            added[path] = commit
    return added, changed


def _parents(commit: git.Commit, shallow: set[str]) -> tuple[git.Commit, ...]:
    """A commit's parents; none where a shallow clone cuts the history (they are missing)."""
    return () if commit.hexsha in shallow else tuple(commit.parents)


def _history(tip: git.Commit, shallow: set[str]) -> list[git.Commit]:
    """Every commit reachable from `tip`, children before parents, newer first.

    The order of `git log --date-order`, with ties broken by hash: it depends on the commits
    only.
    """
    commits = {tip.hexsha: tip}
    waiting: dict[str, int] = {}
    stack = [tip]
    while stack:
        for parent in _parents(stack.pop(), shallow):
            waiting[parent.hexsha] = waiting.get(parent.hexsha, 0) + 1
            if parent.hexsha not in commits:
                commits[parent.hexsha] = parent
                stack.append(parent)
    ready = [(-tip.committed_date, tip.hexsha)]
    order = []
    while ready:
        commit = commits[heapq.heappop(ready)[1]]
        order.append(commit)
        for parent in _parents(commit, shallow):
            waiting[parent.hexsha] -= 1
            if not waiting[parent.hexsha]:
                heapq.heappush(ready, (-parent.committed_date, parent.hexsha))
    return order


def _subtree(tree: git.Tree, path: str) -> git.Tree | None:
    if not path:
        return tree
    try:
        found = tree / path
    except KeyError:
        return None
    return found if isinstance(found, git.Tree) else None


def _diff(
    old: git.Tree | None, new: git.Tree | None, base: str, wanted: set[str], dirs: set[str]
) -> Iterator[str]:
    """Wanted file paths that differ between two trees (descending only where they differ)."""
    before = {item.name: item for item in old} if old is not None else {}
    after = {item.name: item for item in new} if new is not None else {}
    for name in sorted(before.keys() | after.keys()):
        a, b = before.get(name), after.get(name)
        if a is not None and b is not None and (a.binsha, a.mode) == (b.binsha, b.mode):
            continue
        path = f"{base}/{name}" if base else name
        if path in wanted:
            yield path
        elif path in dirs:
            yield from _diff(
                a if isinstance(a, git.Tree) else None,
                b if isinstance(b, git.Tree) else None,
                path,
                wanted,
                dirs,
            )


def _shallow(repo: git.Repo) -> set[str]:
    """The commits where a shallow clone's history is cut."""
    marker = Path(repo.git_dir) / "shallow"
    return set(marker.read_text().split()) if marker.is_file() else set()


def _ref(commit: git.Commit) -> CommitRef:
    return CommitRef(str(commit.hexsha), commit.committed_datetime.date(), str(commit.author.name))


def blob_sha(data: bytes) -> bytes:
    """The git object id of a file's bytes (what `git hash-object` computes)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).digest()


def _state(tip: git.Commit, path: str, file: Path | None) -> GitState:
    try:
        committed = (tip.tree / path).binsha
    except KeyError:
        return GitState.UNCOMMITTED
    if file is None or not file.is_file():
        return GitState.COMMITTED
    data = file.read_bytes()
    # With core.autocrlf a checkout has CRLF where the blob has LF: that is not a change.
    if committed in (blob_sha(data), blob_sha(data.replace(b"\r\n", b"\n"))):
        return GitState.COMMITTED
    return GitState.MODIFIED


def check_can_commit(root: Path, paths: Sequence[str]) -> None:
    """Check, before anything is written, that `commit_files` can commit these paths.

    Raises:
        HistoryError: Not in git, no configured identity (user.name and user.email), or a
            path that git could not take.
    """
    with _repository(root) as repo:
        if repo is None:
            reason = f" ({_GIT_MISSING})" if _GIT_MISSING else ""
            raise HistoryError(
                f"{root} is not in a git checkout{reason}; add with --no-commit, or run "
                "'git init' first"
            )
        prefix = _prefix(repo, root)
        for path in paths:
            _in_repo(prefix, path)
        with _mapped(repo, paths[0] if paths else str(root), "commit"):
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
    with _repository(root) as repo:
        assert repo is not None  # checked above
        prefix = _prefix(repo, root)
        blobs = [(_in_repo(prefix, path), data) for path, data in files]
        with _mapped(repo, blobs[0][0], "commit"):
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
        return _ref(commit)


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
    if argument in _OPTIONS or argument == _REFLOG_MESSAGE or _HEX_RE.match(argument):
        return argument
    if _REF_RE.match(argument) and ".." not in argument:
        return argument
    mode, _, rest = argument.partition(",")
    sha, _, path = rest.partition(",")
    if mode == "100644" and _HEX_RE.match(sha) and path:
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
