"""`lawtrack compare OLD NEW`: read two draft files and compare them.

When both files are versions of one document folder, the comparison is the one the site shows
(derived from the document's lineages); otherwise the two files are aligned directly. Reads files;
everything after reading is pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.align import Alignment, align, units
from lawtrack.compare import Comparison, compare_drafts
from lawtrack.corpus import load_corpus, load_draft, relative
from lawtrack.errors import Problem, errors_only
from lawtrack.lineage import build

if TYPE_CHECKING:
    from pathlib import Path

    from lawtrack.model import Document, Draft


def compare_files(
    old_path: Path, new_path: Path, root: Path
) -> tuple[Comparison | None, list[Problem]]:
    """Compare two draft files.

    Args:
        old_path: The older draft.
        new_path: The newer draft (same language).
        root: The project root, for paths in output and messages.

    Returns:
        The comparison, or None with the problems that prevent it.
    """
    old, old_problems = load_draft(old_path, root)
    new, new_problems = load_draft(new_path, root)
    problems = old_problems + new_problems
    if old is None or new is None or errors_only(problems):
        return None, problems
    if old.language != new.language:
        problem = Problem(
            new.path,
            new.key_line("language"),
            f"language is '{new.language}' but {old.path} is '{old.language}'",
            "two drafts in the same language",
        )
        return None, [problem]
    alignment = _document_alignment(old_path, new_path, old, new, root)
    if alignment is None:
        alignment = _direct_alignment(old, new)
    return compare_drafts(alignment, old, new), problems


def _document_alignment(
    old_path: Path, new_path: Path, old: Draft, new: Draft, root: Path
) -> Alignment | None:
    """The site's alignment when both files are versions of one valid document folder."""
    folder = old_path.resolve().parent
    if new_path.resolve().parent != folder or not (folder / "document.yml").is_file():
        return None
    result = load_corpus(root, relative(folder.parent, root), only=folder.name)
    document = result.corpus.document(folder.name) if result.corpus else None
    if document is None or not _holds(document, old) or not _holds(document, new):
        return None
    order = [v.version for v in document.versions]
    if order.index(old.version) >= order.index(new.version):
        return None
    return build(document).alignment(old.version, new.version)


def _holds(document: Document, draft: Draft) -> bool:
    version = document.version(draft.version)
    return version is not None and draft.language in version.languages


def _direct_alignment(old: Draft, new: Draft) -> Alignment:
    """Align two drafts directly; the newer one's concordance applies if it names old ids."""
    old_ids = {p.id for p in old.provisions}
    applies = (
        old.document == new.document
        and old.version != new.version
        and all(key in old_ids for key, _ in new.concordance)
    )
    changes = align(
        units(old.provisions),
        units(new.provisions),
        new.concordance if applies else (),
        language=new.language,
    )
    return Alignment(new.document, old.version, new.version, new.language, changes)
