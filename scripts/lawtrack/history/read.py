"""Reading provenance: when each file was added and last changed, through the object model.

No `git log` or `rev-list` process: commits and trees are read from the object database, so
no revision or path ever reaches a command line.
"""

from __future__ import annotations

import contextlib
import heapq
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from lawtrack.errors import HistoryError
from lawtrack.history._repo import (
    blob_sha,
    check_revision,
    commit_ref,
    in_repo,
    mapped,
    prefix_of,
    repository,
    resolve,
)
from lawtrack.model import GitState, Provenance, ProvenanceIndex

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

with contextlib.suppress(ImportError):  # no git: `repository` yields None, nothing runs
    import git


def read_file(root: Path, path: str, revision: str = "HEAD") -> bytes:
    """The bytes of a file as committed at `revision`, read through the object model.

    Args:
        root: The project root.
        path: The file, relative to `root`.
        revision: A revision (checked by `check_revision`).

    Raises:
        HistoryError: Not in git, an unusable or unknown revision, or no such file there.
    """
    with repository(root) as repo:
        if repo is None:
            raise HistoryError(f"cannot read {path} at {revision}: {root} is not in git")
        with mapped(repo, path, f"read (at {revision})"):
            commit = resolve(repo, revision)
            blob = commit.tree / in_repo(prefix_of(repo, root), path)
            return bytes(blob.data_stream.read())


def head_key(root: Path) -> str:
    """The hex SHA of HEAD, to key caches.

    Returns:
        '' outside git, before the first commit, or when git fails (reading provenance then
        reports the failure).
    """
    with repository(root) as repo:
        if repo is None:
            return ""
        try:
            with mapped(repo, str(root), "read HEAD of"):
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
    with repository(root) as repo:
        if repo is None:
            return ProvenanceIndex({p: Provenance(p, GitState.NOT_IN_GIT) for p in paths})
        prefix = prefix_of(repo, root)
        wanted = {in_repo(prefix, p): p for p in paths}
        if not repo.head.is_valid() and revision == "HEAD":
            return ProvenanceIndex({p: Provenance(p, GitState.UNCOMMITTED) for p in paths})
        with mapped(repo, ", ".join(sorted(paths)[:3]) or str(root), "read the history of"):
            tip = resolve(repo, revision)
            shallow = _shallow(repo)
            added, changed = _walk(tip, set(wanted), shallow)
        entries = {}
        for inside, path in sorted(wanted.items()):
            state = _state(tip, inside, root / path if revision == "HEAD" else None)
            first = added.get(inside)
            entries[path] = Provenance(
                path,
                state,
                commit_ref(first) if first is not None else None,
                commit_ref(changed[inside]) if inside in changed else None,
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
