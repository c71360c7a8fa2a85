"""Safe building blocks for generated Markdown.

Text from drafts is data, never markup: `md_text` turns it into Markdown that renders as exactly
that text, whatever it contains (HTML, Markdown syntax, attr_list braces, link syntax). Only
the functions here produce markup, and only from escaped text and validated ids and URLs.

Pure functions; no I/O.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

# Characters with a meaning anywhere in a line for Python-Markdown or the extensions we enable,
# written as HTML character references, which every Markdown engine passes through as text.
_INLINE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "&#92;",
        "`": "&#96;",
        "*": "&#42;",
        "_": "&#95;",
        "[": "&#91;",
        "]": "&#93;",
        "{": "&#123;",
        "}": "&#125;",
        "|": "&#124;",
        "~": "&#126;",
        "^": "&#94;",
        "$": "&#36;",
        '"': "&quot;",
        "\u00a0": "&#160;",
    }
)
# Characters that only mean something at the start of a line (headings, lists, quotes,
# admonitions, tabs, definition lists, snippets).
_LINE_START = {
    "#": "&#35;",
    "-": "&#45;",
    "+": "&#43;",
    "=": "&#61;",
    ":": "&#58;",
    "!": "&#33;",
    "?": "&#63;",
    "%": "&#37;",
}
_ORDERED_RE = re.compile(r"^(\d+)([.)])")
_ID_RE = re.compile(r"^[a-z0-9]+(?:[-.~][a-z0-9]+)*$")


def md_inline(text: str) -> str:
    """Escape a piece of draft text that does not start a line (see `md_text`)."""
    return " ".join(text.split("\n")).translate(_INLINE)


def md_text(text: str) -> str:
    """Escape one line of draft text for use in generated Markdown (inline or block).

    Newlines become spaces; the result renders as the literal text.
    """
    out = md_inline(text.strip())
    if out and out[0] in _LINE_START:
        out = _LINE_START[out[0]] + out[1:]
    ordered = _ORDERED_RE.match(out)
    if ordered:
        mark = "&#46;" if ordered.group(2) == "." else "&#41;"
        out = ordered.group(1) + mark + out[ordered.end() :]
    return out


def attr(text: str) -> str:
    """Escape text for an HTML attribute value in double quotes."""
    return html.escape(text, quote=True)


def safe_id(value: str) -> str:
    """Return a provision id after checking it cannot break out of an attribute."""
    if not _ID_RE.match(value):
        raise ValueError(f"not a safe id: {value!r}")
    return value


def url(value: str) -> str:
    """Percent-encode the characters of a validated http(s) URL that Markdown treats specially."""
    return quote(value, safe=":/?#@!$&'*+,;=%-._~")


def link(label_md: str, target: str, title: str = "") -> str:
    """A Markdown link; `label_md` must already be Markdown (e.g. from `md_text`)."""
    shown_title = f' "{attr(title)}"' if title else ""
    return f"[{label_md}]({target}{shown_title})"


def external(label: str, address: str) -> str:
    """A link to an outside http(s) address with an escaped label."""
    return f"[{md_text(label)}]({url(address)})"


def heading(level: int, text_md: str, anchor: str, css: str = "") -> str:
    """An HTML heading whose content is Markdown, with an id that may contain dots."""
    level = min(max(level, 1), 6)
    css_attr = f' class="{attr(css)}"' if css else ""
    return f'<h{level} id="{safe_id(anchor)}"{css_attr} markdown>{text_md}</h{level}>'


def block(tag: str, text_md: str, *, anchor: str = "", css: str = "", extra: str = "") -> str:
    """A one-line HTML block element whose content is inline Markdown."""
    id_attr = f' id="{safe_id(anchor)}"' if anchor else ""
    css_attr = f' class="{attr(css)}"' if css else ""
    return f"<{tag}{id_attr}{css_attr}{extra} markdown>{text_md}</{tag}>"


def admonition(kind: str, title: str, lines: list[str], *, collapsible: bool = False) -> str:
    """A Material admonition; `lines` are Markdown, `title` plain text."""
    mark = "???" if collapsible else "!!!"
    body = "\n".join(f"    {line}" if line else "" for line in lines)
    return f'{mark} {kind} "{title.replace(chr(34), "&quot;")}"\n\n{body}\n'


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be Markdown without newlines."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(out)


def sr_only(text: str) -> str:
    """Text for screen readers only (e.g. a table header the layout makes obvious to the eye)."""
    return f'<span class="lt-sr">{md_inline(text)}</span>'


def title_html(text: str) -> str:
    """Escape a page or nav title: Material inserts titles into HTML without escaping."""
    return html.escape(" ".join(text.split()), quote=False)


def front_matter(title: str, **meta: object) -> str:
    """Page front matter for MkDocs with a title and simple extra keys (JSON-compatible)."""
    lines = ["---", f"title: {json.dumps(title_html(title), ensure_ascii=False)}"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n"
