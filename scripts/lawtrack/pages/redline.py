"""Diffs as HTML: a redline and a side-by-side view, for compare and history pages.

Insertions and deletions are `<ins>`/`<del>` with a text label for screen readers and a pattern
in CSS (docs/assets/lawtrack.css), never colour alone. Draft text only passes through
`markup.md_inline`, so the blocks are plain raw HTML that Markdown passes through. Pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.diff import Op, Segment
from lawtrack.pages.markup import attr, md_inline

if TYPE_CHECKING:
    from lawtrack.diff import TextDiff

LABELS = {
    "en": {Op.DELETE: "deleted", Op.INSERT: "inserted", "format": "formatting only, was"},
    "ja": {Op.DELETE: "削除", Op.INSERT: "追加", "format": "表記のみの違い。変更前"},
}
_TAG = {Op.DELETE: "del", Op.INSERT: "ins"}


def _label(language: str, key: Op | str) -> str:
    return LABELS.get(language, LABELS["en"])[key]


def _mark(segment: Segment, language: str) -> str:
    text = md_inline(segment.text)
    if segment.op is Op.EQUAL:
        return text
    tag, label = _TAG[segment.op], _label(language, segment.op)
    return (
        f'<{tag} class="lt-{tag}" title="{label}"><span class="lt-sr">[{label}: </span>'
        f'{text}<span class="lt-sr">]</span></{tag}>'
    )


def _pieces(diff: TextDiff, language: str, side: Op | None) -> list[str]:
    """Marked-up pieces and line breaks; `side` keeps only one text (DELETE: old, INSERT: new)."""
    out: list[str] = []
    segments = diff.segments
    for index, segment in enumerate(segments):
        if segment.formatting:
            if (side or Op.INSERT) is segment.op:
                was = segments[index - 1].text if index and side is None else ""
                out.extend(_formatting(segment.text, was, language, marked=side is None))
            continue
        if side is not None and segment.op not in (Op.EQUAL, side):
            continue
        for part_index, part in enumerate(segment.text.split("\n")):
            if part_index:
                out.append("\n")
            if part:
                out.append(_mark(Segment(segment.op, part), language))
    return out


def _formatting(text: str, was: str, language: str, *, marked: bool) -> list[str]:
    """A formatting-only difference: the text, with what it was in a tooltip on the redline."""
    out: list[str] = []
    shown = was.replace("\n", "↵").replace("\u3000", "□")
    for part_index, part in enumerate(text.split("\n")):
        if part_index:
            out.append("\n")
        if part and marked:
            title = attr(f"{_label(language, 'format')} “{shown}”")
            out.append(f'<span class="lt-fmt" title="{title}">{md_inline(part)}</span>')
        elif part:
            out.append(md_inline(part))
    return out


def _paragraphs(pieces: list[str]) -> str:
    lines = "".join(pieces).split("\n")
    return "\n".join(f"<p>{line.strip()}</p>" for line in lines if line.strip())


def redline_html(diff: TextDiff, language: str) -> str:
    """The redline of a diff: one paragraph per line of text, in one raw HTML block."""
    body = _paragraphs(_pieces(diff, language, None))
    return (
        f'<div class="lt-redline" lang="{attr(language)}" data-lt-view="redline">\n{body}\n</div>'
    )


def text_html(text: str, language: str, css: str = "lt-plain") -> str:
    """Unchanged text, one paragraph per line, in one raw HTML block."""
    body = "\n".join(
        f"<p>{md_inline(line.strip())}</p>" for line in text.split("\n") if line.strip()
    )
    return f'<div class="{attr(css)}" lang="{attr(language)}">\n{body}\n</div>'


def side_by_side_html(diff: TextDiff, language: str, old_label: str, new_label: str) -> str:
    """The old text with its deletions beside the new text with its insertions."""
    columns = []
    for side, label in ((Op.DELETE, old_label or "—"), (Op.INSERT, new_label or "—")):
        body = _paragraphs(_pieces(diff, language, side))
        head = f'<p class="lt-sbs-label">{md_inline(label)}</p>'
        columns.append(f'<div class="lt-sbs-col">{head}\n{body}\n</div>')
    return (
        f'<div class="lt-sbs" lang="{attr(language)}" data-lt-view="side-by-side">\n'
        + "\n".join(columns)
        + "\n</div>"
    )


def view_switch() -> str:
    """Radio buttons that switch every diff on the page between redline and side by side.

    CSS alone does the switching (`:has`); without it the redline stays.
    """
    return (
        '<div class="lt-view-switch" role="radiogroup" aria-label="How changes are shown">\n'
        '<input type="radio" name="lt-view" id="lt-view-redline" checked>'
        '<label for="lt-view-redline">Redline</label>\n'
        '<input type="radio" name="lt-view" id="lt-view-sbs">'
        '<label for="lt-view-sbs">Side by side</label>\n'
        "</div>\n"
    )
