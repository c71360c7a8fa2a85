"""Validate drafts: files, folders or the whole corpus, collecting every problem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.corpus import load_corpus, load_draft, relative
from lawtrack.crosscheck import corpus_problems
from lawtrack.errors import Problem

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of a validation run."""

    problems: tuple[Problem, ...]
    summary: str
    """What was checked, e.g. '4 documents, 12 versions, 18 files'."""


def validate_paths(
    root: Path,
    paths: list[Path],
    *,
    verbose: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Validate draft files and folders.

    A folder that is the drafts folder (or contains it) is checked as a whole corpus, with
    cross-checks between files; a document folder is checked as that document; a file alone
    is checked for format and structure.

    Args:
        root: The project root.
        paths: Files or folders; empty means the drafts folder.
        verbose: List every untagged unit and every unresolved in-text reference (by default,
            untagged units are summed up in one warning per document).
        progress: Told (steps done, steps in all) as draft files are read and documents
            cross-checked.

    Returns:
        Every problem found and a summary of what was checked.
    """
    drafts = (root / "drafts").resolve()
    problems: list[Problem] = []
    files = documents = versions = 0
    tick = _Ticker(progress, paths or [drafts])
    for path in paths or [drafts]:
        resolved = path.resolve()
        if resolved.is_dir():
            only = None if resolved in (drafts, *drafts.parents) else _document_of(resolved, drafts)
            if resolved not in (drafts, *drafts.parents) and only is None:
                problems.append(
                    Problem(
                        relative(path, root),
                        0,
                        "not a drafts folder",
                        "drafts/ or drafts/<document>/",
                    )
                )
                continue
            result = load_corpus(root, relative(drafts, root), only=only, progress=tick.file)
            problems.extend(result.problems)
            if result.corpus is not None:
                problems.extend(
                    corpus_problems(result.corpus, complete=only is None, verbose=verbose)
                )
                documents += len(result.corpus.documents)
                versions += sum(len(d.versions) for d in result.corpus.documents)
                files += sum(len(v.drafts) for d in result.corpus.documents for v in d.versions)
            tick.finish_folder()
        else:
            _, found = load_draft(resolved, root, document=_document_of(resolved.parent, drafts))
            problems.extend(found)
            files += 1
            tick.file(str(path))
    summary = f"{documents} document(s), {versions} version(s), {files} file(s)"
    return Report(tuple(problems), summary)


def _document_of(folder: Path, drafts: Path) -> str | None:
    """The document slug when `folder` is drafts/<document>, else None."""
    return folder.name if folder.parent == drafts else None


class _Ticker:
    """Counts steps for a progress callback: each draft file, then each folder's cross-checks."""

    def __init__(self, progress: Callable[[int, int], None] | None, paths: list[Path]) -> None:
        self.progress, self.done = progress, 0
        folders = [p for p in paths if p.is_dir()]
        self.total = sum(1 for f in folders for _ in f.rglob("*.md")) + len(folders)
        self.total += len(paths) - len(folders)

    def file(self, _path: str) -> None:
        self.done += 1
        self._tell()

    def finish_folder(self) -> None:
        self.done += 1
        self._tell()

    def _tell(self) -> None:
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)
