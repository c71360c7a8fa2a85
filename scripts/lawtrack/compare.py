"""Comparisons of two versions in one language: aligned changes with their diffs.

Renders a comparison as the JSON of the compare output contract or as a terminal redline.
Pure; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lawtrack.align import ChangeKind
from lawtrack.diff import Op, diff_texts, to_ops
from lawtrack.textnorm import normalize

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from lawtrack.align import Alignment, Change
    from lawtrack.diff import TextDiff
    from lawtrack.model import Draft, Provision, Version


@dataclass(frozen=True, slots=True)
class Entry:
    """One change with the diff of its texts in the comparison's language."""

    change: Change
    diff: TextDiff
    old_caption: str = ""
    """Captions of the old units, joined by " / " ("" when none)."""
    new_caption: str = ""

    @property
    def caption_changed(self) -> bool:
        """Whether the caption differs (beyond formatting)."""
        return normalize(self.old_caption) != normalize(self.new_caption) and bool(
            self.change.old and self.change.new
        )


@dataclass(frozen=True, slots=True)
class Counts:
    """How much changed between two versions."""

    unchanged: int = 0
    modified: int = 0
    added: int = 0
    removed: int = 0
    renumbered: int = 0
    split: int = 0
    merged: int = 0
    chars: int = 0
    """Characters of both texts together."""
    changed_chars: int = 0
    """Characters deleted plus characters inserted (formatting-only changes not counted)."""

    @property
    def share_changed(self) -> float:
        """Share of the text that changed, 0–1."""
        return self.changed_chars / self.chars if self.chars else 0.0


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two versions of a document compared in one language."""

    document: str
    old: str
    new: str
    language: str
    old_path: str
    new_path: str
    entries: tuple[Entry, ...]
    _into: dict[str, Entry] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    """New unit id → the first entry leading to it, built on first use (history pages and feeds
    look an entry up per unit; a scan each time was quadratic in the number of provisions)."""

    def entry_into(self, unit_id: str) -> Entry | None:
        """The first entry whose new units include `unit_id`."""
        if not self._into and self.entries:
            for entry in reversed(self.entries):  # the first one wins
                self._into.update(dict.fromkeys(entry.change.new, entry))
        return self._into.get(unit_id)

    def entry_for(self, change: Change) -> Entry | None:
        """The entry of this change (looked up through its first new unit, if it has one)."""
        if change.new:
            entry = self.entry_into(change.new[0])
            if entry is not None and entry.change == change:
                return entry
        return next((e for e in self.entries if e.change == change), None)

    def counts(self) -> Counts:
        """Counts of each kind of change and the share of text changed."""
        tally = dict.fromkeys(ChangeKind, 0)
        chars = changed = renumbered = 0
        for entry in self.entries:
            tally[entry.change.kind] += 1
            renumbered += entry.change.renumbered
            deleted, inserted = entry.diff.changed
            changed += deleted + inserted
            chars += len(entry.diff.old) + len(entry.diff.new)
        return Counts(
            tally[ChangeKind.UNCHANGED],
            tally[ChangeKind.MODIFIED],
            tally[ChangeKind.ADDED],
            tally[ChangeKind.REMOVED],
            renumbered,
            tally[ChangeKind.SPLIT],
            tally[ChangeKind.MERGED],
            chars,
            changed,
        )


def side_caption(by_id: Mapping[str, Provision], ids: Sequence[str]) -> str:
    """The captions of the units `ids`, joined by " / "."""
    found = (by_id.get(unit_id) for unit_id in ids)
    return " / ".join(p.caption for p in found if p is not None and p.caption)


def side_text(by_id: Mapping[str, Provision], ids: Sequence[str]) -> str:
    """The texts of the units `ids`, one per line ("" for a unit the draft lacks)."""
    found = (by_id.get(unit_id) for unit_id in ids)
    return "\n".join(p.text if p is not None else "" for p in found)


def compare_drafts(
    alignment: Alignment,
    old: Draft,
    new: Draft,
    memo: dict[tuple[str, str, str], TextDiff] | None = None,
) -> Comparison:
    """Diff every change of an alignment in the drafts' language.

    Args:
        alignment: The alignment of the two versions (valid in every language).
        old: The old version's draft in the language to show.
        new: The new version's draft in the same language.
        memo: Diffs already computed in this build, by (old text, new text, language).

    Returns:
        The comparison.
    """
    memo = {} if memo is None else memo
    old_units = {p.id: p for p in old.provisions}
    new_units = {p.id: p for p in new.provisions}
    entries = []
    for change in alignment.changes:
        old_text, new_text = side_text(old_units, change.old), side_text(new_units, change.new)
        key = (old_text, new_text, new.language)
        if key not in memo:
            memo[key] = diff_texts(old_text, new_text, new.language)
        entries.append(
            Entry(
                change,
                memo[key],
                side_caption(old_units, change.old),
                side_caption(new_units, change.new),
            )
        )
    return Comparison(
        alignment.document,
        old.version,
        new.version,
        new.language,
        old.path,
        new.path,
        tuple(entries),
    )


def compare_languages(old: Version, new: Version) -> list[tuple[Draft, Draft]]:
    """The draft pairs to compare: every shared language, or the primaries if none is shared."""
    pairs = []
    for draft in old.drafts:
        other = new.draft(draft.language)
        if other is not None:
            pairs.append((draft, other))
    return pairs or [(old.primary, new.primary)]


def to_json(comparison: Comparison) -> dict[str, Any]:
    """A comparison as the compare output contract (plus document, language and match)."""
    return {
        "document": comparison.document,
        "language": comparison.language,
        "old": {"path": comparison.old_path, "version": comparison.old},
        "new": {"path": comparison.new_path, "version": comparison.new},
        "changes": [
            {
                "kind": e.change.kind.value,
                "old": list(e.change.old),
                "new": list(e.change.new),
                "renumbered": e.change.renumbered,
                "similarity": e.change.similarity,
                "match": e.change.match.value if e.change.match else None,
                "diff": to_ops(e.diff),
                **_caption_json(e),
            }
            for e in comparison.entries
        ],
    }


def _caption_json(entry: Entry) -> dict[str, Any]:
    if not entry.caption_changed:
        return {}
    return {"caption": {"old": entry.old_caption, "new": entry.new_caption}}


_STYLE = {Op.DELETE: ("\x1b[31;9m", "\x1b[0m"), Op.INSERT: ("\x1b[32;4m", "\x1b[0m")}
_MARK = {Op.DELETE: ("[-", "-]"), Op.INSERT: ("{+", "+}")}


def redline_text(diff: TextDiff, *, color: bool = False) -> str:
    """A diff for the terminal: `[-deleted-]` and `{+inserted+}`, optionally coloured.

    Formatting-only differences show the new text without marks.
    """
    out = []
    for segment in diff.segments:
        if segment.formatting:
            if segment.op is Op.INSERT:
                out.append(segment.text)
            continue
        if segment.op is Op.EQUAL:
            out.append(segment.text)
            continue
        start, end = _MARK[segment.op]
        on, off = _STYLE[segment.op] if color else ("", "")
        out.append(f"{on}{start}{segment.text}{end}{off}")
    return "".join(out)


def _arrow(change: Change) -> str:
    old = ", ".join(change.old) or "—"
    new = ", ".join(change.new) or "—"
    return old if change.old == change.new else f"{old} → {new}"


def to_text(comparison: Comparison, *, color: bool = False) -> str:
    """A comparison as a readable terminal redline: summary, then each change."""
    counts = comparison.counts()
    lines = [
        f"{comparison.document}: {comparison.old} → {comparison.new} ({comparison.language})",
        f"  {comparison.old_path}",
        f"  {comparison.new_path}",
        summary_line(counts),
        "",
    ]
    unchanged = [e.change for e in comparison.entries if e.change.kind is ChangeKind.UNCHANGED]
    for entry in comparison.entries:
        change = entry.change
        if change.kind is ChangeKind.UNCHANGED:
            continue
        notes = ["renumbered"] if change.renumbered else []
        if change.kind not in (ChangeKind.ADDED, ChangeKind.REMOVED):
            notes.append(f"similarity {change.similarity:.2f}")
        tail = f"  ({', '.join(notes)})" if notes else ""
        lines.append(f"{change.kind.value.upper()}  {_arrow(change)}{tail}")
        if entry.caption_changed:
            lines.append(f"    caption: {entry.old_caption} → {entry.new_caption}")
        body = redline_text(entry.diff, color=color)
        lines.extend("    " + line for line in body.split("\n"))
        lines.append("")
    if unchanged:
        lines.append("UNCHANGED  " + ", ".join(_arrow(c) for c in unchanged))
    return "\n".join(lines).rstrip() + "\n"


def summary_line(counts: Counts) -> str:
    """`3 modified · 1 added · …` with the share of text changed."""
    parts = [
        f"{value} {name}"
        for name, value in (
            ("unchanged", counts.unchanged),
            ("modified", counts.modified),
            ("added", counts.added),
            ("removed", counts.removed),
            ("renumbered", counts.renumbered),
            ("split", counts.split),
            ("merged", counts.merged),
        )
        if value
    ]
    return " · ".join(parts) + f" · {counts.share_changed:.0%} of the text changed"
