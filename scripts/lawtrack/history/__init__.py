"""Provenance from git, and commits of new drafts: the only package that imports git (GitPython).

Safe use only (see docs/editor/publish.md): history is read through GitPython's object model
(trees and blobs, no command-line arguments); a revision from a user is checked (no leading `-`,
no `..`) and resolved to a hex SHA before anything else sees it; the two plumbing commands used
to commit (`update-ref`, `update-index`) go through `write._plumbing`, which accepts only fixed
options, hex SHAs, ref names and checked paths. GitPython errors become `HistoryError` naming
the repository and the path. Nothing here reads the clock: dates are commit dates.
"""

from __future__ import annotations

from lawtrack.history._repo import CommittedError, blob_sha, check_path, check_revision
from lawtrack.history.read import head_key, provenance, read_file
from lawtrack.history.write import check_can_commit, commit_files

__all__ = [
    "CommittedError",
    "blob_sha",
    "check_can_commit",
    "check_path",
    "check_revision",
    "commit_files",
    "head_key",
    "provenance",
    "read_file",
]
