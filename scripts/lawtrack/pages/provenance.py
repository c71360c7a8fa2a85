"""The provenance box of a version page: where the text comes from and how it got here.

Pure: a draft and its git provenance in, Markdown out. Names and paths reach the page only
through `markup`; dates are commit and front-matter dates, never the build's clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.model import GitState
from lawtrack.pages.markup import admonition, external, md_text, sr_only, table

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lawtrack.model import CommitRef, Draft, Provenance

NOT_IN_GIT = "not in git"
"""What the box says when the site is built from a copy without git history."""
CSS_CLASS = "lt-provenance"


def provenance_box(draft: Draft, provenance: Provenance) -> str:
    """A Material admonition listing source, retrieval, stage, status, file hash and git history.

    Args:
        draft: The version file.
        provenance: Its git history (`Provenance.state` NOT_IN_GIT outside a checkout).

    Returns:
        Markdown for the page, right after the status banner.
    """
    return _box([sr_only("Field"), sr_only("Value")], provenance_rows(draft, provenance))


def parallel_provenance_box(sides: Sequence[tuple[str, list[list[str]]]]) -> str:
    """One box for the texts of a version in several languages: a column per language.

    Args:
        sides: (column heading, `provenance_rows` of its draft), in column order.

    Returns:
        Markdown for the page; a field one text lacks shows "—" in its column.
    """
    labels = list(dict.fromkeys(label for _, rows in sides for label, _ in rows))
    values = [dict(rows) for _, rows in sides]
    rows = [[label, *(found.get(label, "—") for found in values)] for label in labels]
    return _box([sr_only("Field"), *(name for name, _ in sides)], rows)


def _box(header: list[str], rows: list[list[str]]) -> str:
    return admonition(f"abstract {CSS_CLASS}", "Provenance", table(header, rows).split("\n"))


def provenance_rows(draft: Draft, provenance: Provenance) -> list[list[str]]:
    """The box's rows for one draft: (field, value) as Markdown."""
    rows = [
        ["Status", f"{draft.status.label} ({draft.status.label_ja}) · `{draft.status.value}`"],
        ["Stage", md_text(draft.stage)],
        ["Official source", " · ".join(external(s.title or s.url, s.url) for s in draft.sources)],
        ["Retrieved", draft.retrieved.isoformat() if draft.retrieved else "not recorded"],
    ]
    if draft.presented_by:
        rows.append(["Presented by", md_text(draft.presented_by)])
    rows.append(["File", md_text(draft.path)])
    rows.append(["SHA-256", f"`{draft.sha256}`"])
    rows.extend(git_rows(provenance))
    return rows


def git_rows(provenance: Provenance) -> list[list[str]]:
    """The rows saying when the file was added and last changed in git, and by whom."""
    if provenance.state is GitState.NOT_IN_GIT:
        return [["In git", f"{NOT_IN_GIT} (this copy of the project has no git history)"]]
    if provenance.state is GitState.UNCOMMITTED or provenance.changed is None:
        return [["In git", "not committed yet"]]
    added = commit_text(provenance.added) if provenance.added else "unknown"
    if provenance.truncated:
        added += " (or earlier: the history of this copy is cut short)"
    changed = commit_text(provenance.changed)
    if provenance.state is GitState.MODIFIED:
        changed += "; this copy has changes not yet committed"
    return [["Added in git", added], ["Last changed in git", changed]]


def commit_text(commit: CommitRef) -> str:
    """`2025-06-04 by Name (abc1234)`: the date, the author's name only, the short hash."""
    return f"{commit.date.isoformat()} by {md_text(commit.author)} (`{commit.short}`)"
