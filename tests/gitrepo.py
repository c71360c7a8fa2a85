"""Real temporary git repositories for the history, provenance and `lawtrack add` tests.

The griffe `git_repo` pattern: each folder under tests/fixtures/history/ is laid over the work
tree and committed, one commit per folder, with a fixed author and date, so the history is the
same on every machine. The repository's own config holds the editor's identity.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import FIXTURES

HISTORY = FIXTURES / "history"
AUTHORS = {"v1": "Alice Example", "v2": "Bob Example"}
DATES = {"v1": "2099-01-15T12:00:00+09:00", "v2": "2099-02-15T23:30:00+09:00"}
EDITOR = ("Editor Example", "editor@example.org")
IDENTITY_VARIABLES = (
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_DATE",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without identity overrides and without the user's global git config."""
    env = {k: v for k, v in os.environ.items() if k not in IDENTITY_VARIABLES}
    return {**env, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, **extra}


def git(cwd: Path, *args: str, **extra: str) -> str:
    """Run git in `cwd` and return its standard output (stripped)."""
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=clean_env(**extra), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def make_repo(
    dest: Path, folders: tuple[str, ...] = ("v1", "v2"), *, identity: bool = True
) -> Path:
    """A git repository with one commit per fixture folder (and the editor's identity)."""
    dest.mkdir(parents=True)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "config", "commit.gpgsign", "false")
    if identity:
        git(dest, "config", "user.name", EDITOR[0])
        git(dest, "config", "user.email", EDITOR[1])
    for folder in folders:
        shutil.copytree(HISTORY / folder, dest, dirs_exist_ok=True)
        git(dest, "add", "-A")
        name = AUTHORS[folder]
        email = name.split()[0].lower() + "@example.org"
        git(
            dest,
            "-c", f"user.name={name}", "-c", f"user.email={email}",
            "commit", "-q", "-m", f"Fixture {folder}",
            GIT_AUTHOR_DATE=DATES[folder], GIT_COMMITTER_DATE=DATES[folder],
        )  # fmt: skip
    return dest


def head(repo: Path) -> str:
    """The hex SHA of HEAD."""
    return git(repo, "rev-parse", "HEAD")


def commit_files(repo: Path, revision: str = "HEAD") -> list[str]:
    """The paths a commit changed (against its first parent, or all for a root commit)."""
    return git(repo, "show", "--pretty=format:", "--name-only", "--root", revision).split()


def status(repo: Path) -> str:
    """`git status --porcelain` (untracked files included)."""
    return git(repo, "status", "--porcelain", "--untracked-files=all")


def snapshot(repo: Path) -> dict[str, bytes]:
    """Every file of the work tree (outside .git) and its bytes."""
    return {
        p.relative_to(repo).as_posix(): p.read_bytes()
        for p in sorted(repo.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }
