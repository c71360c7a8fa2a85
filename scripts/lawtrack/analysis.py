"""Everything computed once per build from the corpus, before any page is rendered.

Heavy work (aligning versions, diffing, cross-referencing) happens here once, not once per
page; page renderers only look things up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawtrack.compare_index import CompareIndex, build_index
from lawtrack.coverage import CrossIndex, build_crossindex
from lawtrack.crosscheck import check
from lawtrack.crossref import corpus_links
from lawtrack.model import ProvenanceIndex

if TYPE_CHECKING:
    from pathlib import Path

    from lawtrack.cache import DiskCache
    from lawtrack.crossref import DraftLinks
    from lawtrack.errors import Problem
    from lawtrack.model import Corpus


@dataclass(frozen=True, slots=True)
class Analysis:
    """Derived data shared by all page renderers."""

    corpus: Corpus
    provenance: ProvenanceIndex = field(default_factory=ProvenanceIndex, kw_only=True)
    """When each draft file was added and last changed in git (all "not in git" without a
    project root)."""
    compare: CompareIndex = field(default_factory=CompareIndex, kw_only=True)
    """Lineages of every document and the comparison of every pair of its versions."""
    links: dict[str, DraftLinks] = field(default_factory=dict, kw_only=True)
    """Draft path → its in-text references and defined terms."""
    xref: CrossIndex = field(default_factory=CrossIndex, kw_only=True)
    """Measure tags (reviewed, unverified, suggested), links and notes by version and unit."""
    problems: tuple[Problem, ...] = field(default=(), kw_only=True)
    """Errors in notes.yml and measures.yml found against the lineages (`crosscheck`); builds
    fail on them."""


def analyze(
    corpus: Corpus, *, root: Path | None = None, previous: Analysis | None = None
) -> Analysis:
    """Compute the derived data for a corpus.

    Args:
        corpus: The validated drafts.
        root: The project root; with it, provenance is read from git (see `history`).
        previous: The analysis of the previous build in this process (`mkdocs serve`): its
            comparisons are reused where the drafts they compare are unchanged.

    Raises:
        HistoryError: When the project is in git but git fails.
    """
    provenance = ProvenanceIndex()
    if root is not None:
        from lawtrack.history import provenance as read_provenance

        paths = [d.path for doc in corpus.documents for v in doc.versions for d in v.drafts]
        provenance = read_provenance(root, paths)
    before = previous.compare if previous is not None else None
    # lazy: the diffs of versions not next to each other are computed by the compare pages
    # that show them, while the pages are rendered (by every CPU: docs/performance.md)
    compare = build_index(corpus, _cache(root), previous=before, lazy=True)
    return Analysis(
        corpus,
        provenance=provenance,
        compare=compare,
        links=corpus_links(corpus),
        xref=build_crossindex(corpus, compare.documents),
        problems=tuple(check(corpus, compare.documents)),
    )


def _cache(root: Path | None) -> DiskCache | None:
    """The cache of comparisons across builds, in the project's .cache/lawtrack/."""
    from lawtrack.cache import DEFAULT_FOLDER, DiskCache

    return DiskCache(root / DEFAULT_FOLDER) if root is not None else None
