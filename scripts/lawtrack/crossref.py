"""Cross-references inside each version: resolved in-text references and defined terms.

Computed once per build for every draft (see analysis.py) and looked up by page renderers.
Pure functions; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.errors import Problem, Severity
from lawtrack.model import Kind
from lawtrack.references import Index, Reference, find
from lawtrack.terms import Term, defined_terms

if TYPE_CHECKING:
    from lawtrack.model import Corpus, Draft

TEXT_KINDS = (Kind.PARAGRAPH, Kind.ITEM, Kind.HEADING)
"""Provisions whose own text is shown (articles show theirs through paragraphs and items)."""


@dataclass(frozen=True, slots=True)
class DraftLinks:
    """The references and terms of one draft."""

    references: dict[str, tuple[Reference, ...]]
    """Provision id → its references in text order (resolved or not)."""
    terms: tuple[Term, ...]
    previews: dict[str, str]
    """Provision id → a short plain-text preview, for every reference target."""

    def unresolved(self) -> list[tuple[str, Reference]]:
        """(provision id, reference) for every reference that stays text."""
        return [
            (pid, ref)
            for pid, refs in sorted(self.references.items())
            for ref in refs
            if ref.target is None
        ]


def draft_links(draft: Draft) -> DraftLinks:
    """Find the references and terms of a draft."""
    index = Index.of(draft)
    references = {}
    targets: set[str] = set()
    for provision in draft.provisions:
        if provision.kind in TEXT_KINDS and provision.text:
            found = tuple(find(index, provision))
            if found:
                references[provision.id] = found
                targets.update(ref.target for ref in found if ref.target)
    previews = {target: preview(draft, target) for target in sorted(targets)}
    return DraftLinks(references, defined_terms(draft), previews)


def preview(draft: Draft, provision_id: str, limit: int = 160) -> str:
    """The heading and start of a provision's text, for hover previews."""
    provision = draft.provision(provision_id)
    if provision is None:
        return ""
    head = provision.heading if provision.kind not in (Kind.PARAGRAPH, Kind.ITEM) else ""
    body = " ".join(provision.text.split())
    text = f"{head} {body}".strip() if head else body
    if not text:
        text = provision.heading or provision.id
    return text if len(text) <= limit else text[: limit - 1] + "…"


def corpus_links(corpus: Corpus) -> dict[str, DraftLinks]:
    """Draft path → its links, for every draft of the corpus."""
    return {
        draft.path: draft_links(draft)
        for document in corpus.documents
        for version in document.versions
        for draft in version.drafts
    }


def unresolved_problems(corpus: Corpus, links: dict[str, DraftLinks]) -> list[Problem]:
    """Notices for `lawtrack validate --verbose`: references that stay text, with file and line."""
    problems = []
    for document in corpus.documents:
        for version in document.versions:
            for draft in version.drafts:
                for pid, ref in links[draft.path].unresolved():
                    provision = draft.provision(pid)
                    problems.append(
                        Problem(
                            draft.path,
                            provision.line if provision else 0,
                            f"unresolved reference '{ref.text}' in {pid} ({ref.reason})",
                            "a provision of this version, or text naming another law",
                            Severity.WARNING,
                        )
                    )
    return problems
