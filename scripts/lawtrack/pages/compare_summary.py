"""Summary compare pages, for documents too large to show every pair of versions in full.

Above `compare.FULL_LIMIT` provisions, a pair of versions that are not next to each other, and
the page of a pair that would hold every language side by side, get this page instead of every
redline: the versions, the summary table (each provision linked to its history or its text), and
links to the pages that have the redlines (the steps between, or each language). Permalinks stay
the same; what a large document would otherwise cost is in docs/performance.md. Pure.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from lawtrack.pages import urls
from lawtrack.pages.compare import FULL_LIMIT
from lawtrack.pages.markup import link, md_text
from lawtrack.pages.text import LANGUAGE_NAMES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lawtrack.pages.compare import CompareView


def summary_page(
    view: CompareView, steps: Sequence[str], page_language: str | None, languages: Sequence[str]
) -> str:
    """The Markdown of a summary compare page.

    Args:
        view: The comparison, as a full page would render it.
        steps: The versions from the old to the new one, in order.
        page_language: The language of this page's URL (None for the page of the pair).
        languages: The languages the pair is compared in.
    """
    view.shown_unchanged = view.shown_changed = False
    parts = [*view.head(), "## Summary\n", view.summary()]
    if page_language is None and len(languages) > 1:
        parts += ["## In each language\n", _languages_note(len(steps)), ""]
        parts += [f"- {item}" for item in _language_links(view, languages)]
    else:
        parts += ["## Step by step\n", _steps_note(len(steps)), ""]
        parts += [f"- {item}" for item in _step_links(view, steps, page_language)]
    return "\n".join([*parts, ""])


def _steps_note(steps: int) -> str:
    return (
        f"These versions are {steps - 1} steps apart and the document has more than "
        f"{FULL_LIMIT} provisions, so this page lists what changed without redlines. Each "
        "provision in the summary links to its history, which shows every change to it; each "
        "step has its redlines:"
    )


def _languages_note(steps: int) -> str:
    where = "each language's page" if steps == 2 else "each language's page and its steps"
    return (
        f"The document has more than {FULL_LIMIT} provisions, so the languages are not shown "
        f"side by side here: the redlines are on {where}. Each provision in the summary links "
        "to its history, which shows both languages:"
    )


def _step_links(view: CompareView, steps: Sequence[str], page_language: str | None) -> list[str]:
    slug = view.document.slug
    return [
        link(
            f"{md_text(a)} → {md_text(b)}",
            urls.rel(view.src, urls.compare(slug, a, b, page_language)),
        )
        for a, b in itertools.pairwise(steps)
    ]


def _language_links(view: CompareView, languages: Sequence[str]) -> list[str]:
    slug, old, new = view.document.slug, view.old.version, view.new.version
    return [
        link(
            LANGUAGE_NAMES.get(language, language),
            urls.rel(view.src, urls.compare(slug, old, new, language)),
        )
        for language in languages
    ]
