"""Read drafts/ into a `Corpus`: discover files, validate them, group versions.

This module does the file I/O of the pipeline; everything it calls is pure. Files are visited in
sorted order, so the same drafts always give the same corpus.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.errors import Problem, errors_only
from lawtrack.frontmatter import expected_name, read_draft
from lawtrack.model import LANGUAGES, Corpus, Document, DocumentKind, Version
from lawtrack.sidecar import read_document, read_measures, read_notes

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from lawtrack.model import Draft, LineageNotes, Measure
    from lawtrack.sidecar import DocumentMeta

DRAFT_NAME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:[.-][a-z0-9]+)*\.(ja|en)\.md$")
KIND_ORDER = {DocumentKind.BILL: 0, DocumentKind.GUIDELINES: 1, DocumentKind.FRAMEWORK: 2}


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A corpus (None when there are errors) and every problem found."""

    corpus: Corpus | None
    problems: tuple[Problem, ...]


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root` with forward slashes, or as given if outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_corpus(
    root: Path,
    drafts: str = "drafts",
    *,
    only: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> LoadResult:
    """Read and validate everything under `root/drafts`.

    Args:
        root: The project root (the folder of mkdocs.yml).
        drafts: The drafts folder, relative to `root`.
        only: Read only this document (measures.yml is still read).
        progress: Told the path of each draft file once it is read (for progress bars).

    Returns:
        The corpus and problems. `corpus` is None when any problem is an error.
    """
    folder = root / drafts
    if not folder.is_dir():
        return LoadResult(
            None, (Problem(relative(folder, root), 0, "no drafts folder", "drafts/"),)
        )
    problems: list[Problem] = []
    measures: tuple[Measure, ...] = ()
    documents: list[Document] = []
    notes: list[LineageNotes] = []
    for entry in sorted(folder.iterdir()):
        name = relative(entry, root)
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if only is not None and entry.name != only:
                continue
            document, document_notes, found = _load_document(entry, root, progress)
            problems.extend(found)
            if document is not None:
                documents.append(document)
                notes.extend(document_notes)
        elif entry.name == "measures.yml":
            loaded, found = read_measures(entry.read_bytes(), name)
            problems.extend(found)
            measures = loaded or ()
        elif entry.name != "README.md":
            problems.append(
                Problem(name, 0, "unexpected file in drafts/", "document folders and measures.yml")
            )
    documents.sort(key=lambda d: (KIND_ORDER[d.kind], d.slug))
    problems.extend(_check_counterparts(measures, documents, only))
    corpus = None if errors_only(problems) else Corpus(tuple(documents), measures, tuple(notes))
    return LoadResult(corpus, tuple(problems))


def _load_document(
    folder: Path, root: Path, progress: Callable[[str], None] | None = None
) -> tuple[Document | None, tuple[LineageNotes, ...], list[Problem]]:
    slug = folder.name
    problems: list[Problem] = []
    meta_path = folder / "document.yml"
    if not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", slug):
        problems.append(
            Problem(
                relative(folder, root), 0, f"document folder name {slug!r}", "a slug like ai-law"
            )
        )
    if not meta_path.is_file():
        problems.append(
            Problem(
                relative(folder, root), 0, "document folder without document.yml", "document.yml"
            )
        )
        return None, (), problems
    meta, found = read_document(meta_path.read_bytes(), relative(meta_path, root))
    problems.extend(found)
    if meta is None:
        return None, (), problems
    drafts: list[Draft] = []
    notes: tuple[LineageNotes, ...] = ()
    for entry in sorted(folder.iterdir()):
        name = relative(entry, root)
        if entry.name.startswith(".") or entry.name == "document.yml":
            continue
        if entry.name == "notes.yml" and entry.is_file():
            loaded, found = read_notes(entry.read_bytes(), name, slug)
            problems.extend(found)
            notes = loaded or ()
        elif entry.is_file() and DRAFT_NAME_RE.match(entry.name):
            draft, found = load_draft(entry, root, meta.kind, document=slug)
            problems.extend(found)
            if draft is not None:
                drafts.append(draft)
            if progress is not None:
                progress(name)
        else:
            problems.append(
                Problem(
                    name,
                    0,
                    "unexpected file in a document folder",
                    "<date>-<version>.<lang>.md, document.yml or notes.yml",
                )
            )
    versions, found = group_versions(drafts)
    problems.extend(found)
    if errors_only(problems):
        return None, (), problems
    document = Document(slug, meta.title, meta.kind, meta.description, meta.sources, versions)
    problems.extend(check_concordance(document, drafts))
    return document, notes, problems


def load_draft(
    path: Path, root: Path, kind: DocumentKind | None = None, *, document: str | None = None
) -> tuple[Draft | None, list[Problem]]:
    """Read and validate one draft file.

    Args:
        path: The file.
        root: The project root, for relative paths in messages.
        kind: The document kind; when None, read from document.yml beside the file (a bill if
            there is none).
        document: The folder's document slug, when the file is in drafts/; the front matter must
            name it.

    Returns:
        The draft, or None with the problems.
    """
    name = relative(path, root)
    if kind is None:
        kind, found = document_kind(path, root)
        if kind is None:
            return None, found
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, 0, f"cannot read file: {error.strerror}", "a readable file")]
    draft, parse_problems = _parse(data, name, kind)
    problems = list(parse_problems)
    if draft is None:
        return None, problems
    if document is not None and draft.document != document:
        problems.append(
            Problem(
                name,
                draft.key_line("document"),
                f"document is '{draft.document}'",
                f"'{document}' (the folder)",
            )
        )
    expected = f"{draft.date.isoformat()}-{draft.version}.{draft.language}.md"
    if document is not None and path.name != expected:
        problems.append(
            Problem(
                name,
                draft.key_line("version"),
                "file name does not match the front matter",
                expected,
            )
        )
    return (None if problems else draft), problems


def document_kind(path: Path, root: Path) -> tuple[DocumentKind | None, list[Problem]]:
    """The kind of the document a draft file belongs to, from document.yml beside it.

    Returns:
        The kind (a bill when there is no document.yml), or None with the problems of a
        document.yml that does not validate.
    """
    meta_path = path.parent / "document.yml"
    if not meta_path.is_file():
        return DocumentKind.BILL, []
    meta, found = read_document(meta_path.read_bytes(), relative(meta_path, root))
    return (meta.kind if meta is not None else None), found


@functools.lru_cache(maxsize=256)
def _parse(data: bytes, name: str, kind: DocumentKind) -> tuple[Draft | None, tuple[Problem, ...]]:
    """Parse a draft once per content and name.

    `mkdocs serve` reads every draft again for each rebuild, and all but the edited one are
    unchanged; drafts are frozen, so sharing them between builds is safe.
    """
    draft, problems, _ = read_draft(data, name, kind)
    return draft, tuple(problems)


def group_versions(drafts: Iterable[Draft]) -> tuple[tuple[Version, ...], list[Problem]]:
    """Group drafts by version, in date order, checking that languages agree."""
    problems: list[Problem] = []
    by_version: dict[str, list[Draft]] = {}
    for draft in drafts:
        by_version.setdefault(draft.version, []).append(draft)
    versions = []
    for version_id, group in by_version.items():
        group.sort(key=lambda d: LANGUAGES.index(d.language))
        first = group[0]
        for other in group[1:]:
            if other.language == first.language:
                problems.append(
                    Problem(
                        other.path,
                        0,
                        f"version '{version_id}' in '{other.language}' twice",
                        f"one file ({first.path})",
                    )
                )
            elif other.date != first.date:
                problems.append(
                    Problem(
                        other.path,
                        0,
                        f"date {other.date} differs from {first.path}",
                        str(first.date),
                    )
                )
            elif other.concordance and first.concordance and other.concordance != first.concordance:
                problems.append(
                    Problem(
                        other.path,
                        0,
                        f"concordance differs from {first.path}",
                        "the same concordance in every language",
                    )
                )
        versions.append(Version(first.document, version_id, first.date, first.stage, tuple(group)))
    versions.sort(key=lambda v: (v.date, v.version))
    return tuple(versions), problems


def _ids(version: Version) -> set[str]:
    return {p.id for d in version.drafts for p in d.provisions}


def check_concordance(document: Document, drafts: list[Draft]) -> list[Problem]:
    """Check that every concordance id exists in the versions it names."""
    problems: list[Problem] = []
    for index, version in enumerate(document.versions):
        for draft in version.drafts:
            if not draft.concordance:
                continue
            if index == 0:
                problems.append(
                    Problem(
                        draft.path,
                        draft.key_line("concordance"),
                        "concordance in the first version",
                        "no concordance",
                    )
                )
                continue
            old_ids, new_ids = _ids(document.versions[index - 1]), _ids(version)
            previous = document.versions[index - 1].version
            for old, new in draft.concordance:
                line = draft.key_line(f"concordance.{old}")
                if old not in old_ids:
                    problems.append(
                        Problem(
                            draft.path,
                            line,
                            f"concordance: '{old}' is not in version '{previous}'",
                            "an id of the previous version",
                        )
                    )
                problems.extend(
                    Problem(
                        draft.path,
                        line,
                        f"concordance: '{target}' is not in this version",
                        "an id of this version",
                    )
                    for target in new
                    if target not in new_ids
                )
    return problems


def _check_counterparts(
    measures: tuple[Measure, ...], documents: list[Document], only: str | None
) -> list[Problem]:
    slugs = {d.slug for d in documents}
    problems = []
    for measure in measures:
        for counterpart in measure.counterparts:
            if only is None and counterpart.document not in slugs:
                problems.append(
                    Problem(
                        "drafts/measures.yml",
                        counterpart.line,
                        f"measure {measure.id}: unknown document '{counterpart.document}'",
                        "a folder in drafts/",
                    )
                )
    return problems


def document_meta(folder: Path, root: Path) -> tuple[DocumentMeta | None, list[Problem]]:
    """Read the document.yml of a document folder."""
    path = folder / "document.yml"
    return read_document(path.read_bytes(), relative(path, root))


__all__ = ["LoadResult", "expected_name", "load_corpus", "load_draft"]
