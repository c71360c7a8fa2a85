"""Find the project a command runs in: the folder of the nearest mkdocs.yml upward."""

from __future__ import annotations

from pathlib import Path

from lawtrack.errors import LawtrackError

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def find_root(start: Path | None = None) -> Path:
    """Return the nearest folder at or above `start` (default: cwd) holding mkdocs.yml.

    Raises:
        LawtrackError: When there is none.
    """
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if any((folder / name).is_file() for name in CONFIG_NAMES):
            return folder
    raise LawtrackError(
        f"no mkdocs.yml in {here} or any folder above it "
        "(expected to run inside a lawtrack project)"
    )
