"""Check notes.yml and measures.yml against the lineages, and find untagged units.

`sidecar` reads the YAML structurally; only once lineages are known can the lineage ids, link
targets and versions that notes.yml and measures.yml name be checked. Errors stop `lawtrack
validate` and `mkdocs build`; untagged units of bills and guidelines are warnings, one summary
line per document (every unit with `--verbose`). Pure; no I/O.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from lawtrack.coverage import TagKind
from lawtrack.errors import Problem, Severity
from lawtrack.lineage import version_units
from lawtrack.model import DocumentKind

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lawtrack.coverage import CrossIndex
    from lawtrack.lineage import DocumentLineage
    from lawtrack.model import Corpus, Document, LineageNotes, Link

LINEAGE_HELP = "a lineage id: the id a provision has in the first version it appears in"
WARNED_KINDS = (DocumentKind.BILL, DocumentKind.GUIDELINES)
"""Documents whose untagged units are warned about (frameworks are reference texts)."""


def measures_path(corpus: Corpus) -> str:
    """Where measures.yml is: beside the document folders."""
    for document in corpus.documents:
        for version in document.versions:
            folder = posixpath.dirname(posixpath.dirname(version.primary.path))
            return posixpath.join(folder, "measures.yml") if folder else "measures.yml"
    return "drafts/measures.yml"


def corpus_problems(
    corpus: Corpus, *, complete: bool = True, verbose: bool = False
) -> list[Problem]:
    """Everything `lawtrack validate` reports beyond the files themselves.

    Errors in notes.yml and measures.yml (see `check`), warnings for untagged units (see
    `untagged`) and, with `verbose`, every in-text reference that stays text.

    Args:
        corpus: The validated drafts.
        complete: Whether every document was read (see `check`).
        verbose: List every untagged unit and unresolved reference instead of a summary.
    """
    from lawtrack.coverage import build_crossindex
    from lawtrack.crossref import corpus_links, unresolved_problems
    from lawtrack.lineage import build

    lineages = {document.slug: build(document) for document in corpus.documents}
    problems = check(corpus, lineages, complete=complete)
    problems.extend(untagged(corpus, build_crossindex(corpus, lineages), verbose=verbose))
    if verbose:
        problems.extend(unresolved_problems(corpus, corpus_links(corpus)))
    return problems


def check(
    corpus: Corpus, lineages: Mapping[str, DocumentLineage], *, complete: bool = True
) -> list[Problem]:
    """Errors in notes.yml and in the counterparts of measures.yml.

    Args:
        corpus: The validated drafts.
        lineages: The lineages of each document, by slug.
        complete: Whether every document was read; when False (one document validated alone),
            links and counterparts naming other documents are not checked.

    Returns:
        One problem per unknown lineage, link target or version, with file and line.
    """
    problems: list[Problem] = []
    for entry in corpus.notes:
        problems.extend(_entry(corpus, lineages, entry, complete))
    problems.extend(_counterparts(corpus, lineages))
    return problems


def _missing_lineage(
    lineages: Mapping[str, DocumentLineage], slug: str, lineage: str
) -> tuple[str, str]:
    """The message and expectation for a lineage id that does not exist."""
    found = lineages.get(slug)
    for item in found.lineages if found is not None else ():
        for version, unit in item.members:
            if unit == lineage:
                return (
                    f"'{lineage}' is not a lineage of {slug}: '{unit}' of '{version}' belongs "
                    f"to lineage '{item.id}'",
                    f"'{item.id}'",
                )
    return f"'{lineage}' is not a lineage of {slug}", f"{LINEAGE_HELP}, e.g. {_example(found)}"


def _example(found: DocumentLineage | None) -> str:
    return found.lineages[0].id if found is not None and found.lineages else "art-1"


def _entry(
    corpus: Corpus,
    lineages: Mapping[str, DocumentLineage],
    entry: LineageNotes,
    complete: bool,
) -> list[Problem]:
    path = entry.path
    found = lineages.get(entry.document)
    item = found.lineage(entry.lineage) if found is not None else None
    if item is None:
        message, expected = _missing_lineage(lineages, entry.document, entry.lineage)
        return [Problem(path, entry.line, message, expected)]
    present = tuple(v for v, _ in item.members)
    problems = []
    for tag in entry.measures:
        where = f"measure {tag.measure}"
        problems.extend(
            _version_problems(
                corpus, entry.document, entry.lineage, present, tag.versions
            ).with_context(path, tag.line, where)
        )
    for note in entry.notes:
        problems.extend(
            _version_problems(
                corpus, entry.document, entry.lineage, present, (note.version,)
            ).with_context(path, note.line, "note")
        )
    for link in entry.links:
        problems.extend(_link(corpus, lineages, entry, link, present, complete))
    return problems


class _Found(list[tuple[str, str]]):
    """(message, expected) pairs, placed in a file and line by `with_context`."""

    def with_context(self, path: str, line: int, where: str) -> list[Problem]:
        return [Problem(path, line, f"{where}: {message}", expected) for message, expected in self]


def _version_problems(
    corpus: Corpus, slug: str, lineage: str, present: tuple[str, ...], named: tuple[str, ...]
) -> _Found:
    """Versions that the document does not have, or that the lineage is not in."""
    document = corpus.document(slug)
    out = _Found()
    for version in named:
        if document is None or document.version(version) is None:
            known = ", ".join(v.version for v in document.versions) if document else ""
            out.append((f"version '{version}' is not a version of {slug}", f"one of {known}"))
        elif version not in present:
            out.append(
                (
                    f"lineage '{lineage}' is not in version '{version}'",
                    f"one of the versions it is in: {', '.join(present)}",
                )
            )
    return out


def _link(
    corpus: Corpus,
    lineages: Mapping[str, DocumentLineage],
    entry: LineageNotes,
    link: Link,
    present: tuple[str, ...],
    complete: bool,
) -> list[Problem]:
    path, target = entry.path, f"{link.document}/{link.lineage}"
    problems = _version_problems(
        corpus, entry.document, entry.lineage, present, link.versions
    ).with_context(path, link.line, f"link to {target}")
    if corpus.document(link.document) is None:
        if complete:
            slugs = ", ".join(d.slug for d in corpus.documents)
            problems.append(
                Problem(
                    path,
                    link.line,
                    f"link to {target}: unknown document '{link.document}'",
                    f"a document folder in drafts/ ({slugs})",
                )
            )
        return problems
    found = lineages.get(link.document)
    item = found.lineage(link.lineage) if found is not None else None
    if item is None:
        message, expected = _missing_lineage(lineages, link.document, link.lineage)
        problems.append(Problem(path, link.line, f"link to {target}: {message}", expected))
        return problems
    there = tuple(v for v, _ in item.members)
    problems.extend(
        _version_problems(
            corpus, link.document, link.lineage, there, link.target_versions
        ).with_context(path, link.line, f"link to {target}: target")
    )
    return problems


def _counterparts(corpus: Corpus, lineages: Mapping[str, DocumentLineage]) -> list[Problem]:
    path = measures_path(corpus)
    problems = []
    for measure in corpus.measures:
        for counterpart in measure.counterparts:
            found = lineages.get(counterpart.document)
            if found is None or found.lineage(counterpart.provision) is not None:
                continue  # unknown documents are reported by corpus.py
            message, expected = _missing_lineage(
                lineages, counterpart.document, counterpart.provision
            )
            problems.append(
                Problem(path, counterpart.line, f"measure {measure.id}: {message}", expected)
            )
    return problems


def untagged(corpus: Corpus, index: CrossIndex, *, verbose: bool = False) -> list[Problem]:
    """Warnings for units of bills and guidelines that carry no reviewed measure tag.

    One line per document by default; with `verbose`, one per unit and version, at the line of
    the unit in its draft.
    """
    problems = []
    for document in corpus.documents:
        if document.kind not in WARNED_KINDS:
            continue
        missing = _untagged_units(document, index)
        if not missing:
            continue
        if verbose:
            problems.extend(missing)
            continue
        total = sum(len(version_units(v)) for v in document.versions)
        problems.append(
            Problem(
                _notes_path(document),
                0,
                f"{len(missing)} of {total} units in the {len(document.versions)} version(s) of "
                f"{document.slug} have no reviewed measure tag; 'lawtrack validate --verbose' "
                "lists them",
                "a 'measures' entry in notes.yml where a unit carries one of the seven measures",
                Severity.WARNING,
            )
        )
    return problems


def _notes_path(document: Document) -> str:
    return posixpath.join(posixpath.dirname(document.versions[0].primary.path), "notes.yml")


def _untagged_units(document: Document, index: CrossIndex) -> list[Problem]:
    out = []
    for version in document.versions:
        for unit in version_units(version):
            tags = index.unit_tags(document.slug, version.version, unit.id)
            if any(tag.kind is not TagKind.SUGGESTED for tag in tags):
                continue
            lineage = index.lineage_of.get((document.slug, version.version, unit.id), unit.id)
            out.append(
                Problem(
                    version.primary.path,
                    unit.line,
                    f"{unit.id} (lineage '{lineage}') has no reviewed measure tag in "
                    f"'{version.version}'",
                    f"a 'measures' entry under '{lineage}' in notes.yml, if it carries a measure",
                    Severity.WARNING,
                )
            )
    return out
