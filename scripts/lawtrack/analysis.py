"""Everything computed once per build from the corpus, before any page is rendered.

Heavy work (aligning versions, diffing, cross-referencing) happens here once, not once per
page; page renderers only look things up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lawtrack.model import Corpus


@dataclass(frozen=True, slots=True)
class Analysis:
    """Derived data shared by all page renderers."""

    corpus: Corpus


def analyze(corpus: Corpus) -> Analysis:
    """Compute the derived data for a corpus."""
    return Analysis(corpus)
