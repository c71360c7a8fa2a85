"""The HTML inside feed entries: redlines, texts and lists of links, from escaped text only.

Feed readers show `type="html"` content as HTML, so every piece of draft text goes through
`html.escape` here and nothing else becomes markup. Pure functions.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from lawtrack.diff import Op

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lawtrack.diff import TextDiff

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
_TAG = {Op.DELETE: "del", Op.INSERT: "ins"}


def escaped(text: str) -> str:
    """Draft text as HTML: escaped, with line breaks kept."""
    return "<br>".join(html.escape(line, quote=False) for line in text.split("\n"))


def redline(diff: TextDiff) -> str:
    """A diff as inline `<del>`/`<ins>` (formatting-only changes show the new form)."""
    out = []
    for segment in diff.segments:
        if segment.formatting and segment.op is Op.DELETE:
            continue
        text = escaped(segment.text)
        if segment.op is Op.EQUAL or segment.formatting:
            out.append(text)
        else:
            out.append(f"<{_TAG[segment.op]}>{text}</{_TAG[segment.op]}>")
    return "".join(out)


def language_block(language: str, body_html: str) -> str:
    """A block of one language's text, labelled and marked with its language."""
    name = html.escape(LANGUAGE_NAMES.get(language, language))
    lang = html.escape(language, quote=True)
    return f'<h3>{name}</h3><p lang="{lang}">{body_html}</p>'


def anchor(label: str, href: str) -> str:
    """A link with an escaped label."""
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(label)}</a>'


def paragraph(text: str) -> str:
    """A paragraph of plain text."""
    return f"<p>{html.escape(text)}</p>"


def link_list(items: Sequence[tuple[str, str, str]]) -> str:
    """A list of (label, href, plain-text note) items."""
    if not items:
        return ""
    rows = [f"<li>{anchor(label, href)}{html.escape(note)}</li>" for label, href, note in items]
    return "<ul>" + "".join(rows) + "</ul>"
