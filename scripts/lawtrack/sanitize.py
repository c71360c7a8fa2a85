"""The nh3 adapter: an allow-list sanitiser for the HTML of every page's content.

Draft text is already escaped when pages are generated (pages.markup); this is the second
line of defence, applied to the rendered content of every page, generated or hand-written.
The allow-list is exactly the markup that Python-Markdown, our extensions, Material's content
features and our own templates produce; anything else (script, event handlers, iframes,
`javascript:` URLs, style attributes) is removed. The only module that imports nh3.
"""

from __future__ import annotations

import html.parser
from dataclasses import dataclass

import nh3

_GLOBAL = frozenset({"id", "class", "title", "lang", "dir", "role", "hidden", "tabindex"})
_ARIA = frozenset(
    {
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-hidden",
        "aria-current",
        "aria-expanded",
        "aria-controls",
        "aria-live",
    }
)
_DATA = frozenset(
    {
        "data-lt-diff",
        "data-lt-kind",
        "data-lt-lang",
        "data-lt-old",
        "data-lt-new",
        "data-lt-view",
        "data-lt-target",
        "data-lt-preview",
        "data-tabs",
        "data-search-exclude",
        "data-md-component",
    }
)
_TEXT_TAGS = [
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "form",
    "select",
    "option",
    "button",
    "noscript",
]
_SVG_TAGS = [
    "svg",
    "g",
    "title",
    "desc",
    "rect",
    "line",
    "polyline",
    "polygon",
    "circle",
    "ellipse",
    "path",
    "text",
    "tspan",
]
_SVG_ATTRIBUTES = frozenset(
    {
        "viewbox", "viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy",
        "r", "rx", "ry", "d", "points", "transform", "fill", "stroke", "stroke-width",
        "stroke-dasharray", "text-anchor", "dominant-baseline", "font-size", "font-weight",
        "xmlns", "preserveaspectratio", "preserveAspectRatio", "focusable",
    }
)  # fmt: skip
_PER_TAG = {
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "name", "checked", "value"},
    "label": {"for"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "ol": {"start", "type"},
    "details": {"open"},
    "time": {"datetime"},
    "form": {"action", "method"},
    "select": {"name", "required"},
    "option": {"value", "selected"},
    "button": {"type", "name", "value"},
}

TAGS = frozenset(_TEXT_TAGS) | frozenset(_SVG_TAGS)
"""Elements allowed in page content."""
ATTRIBUTES = {
    tag: set(_GLOBAL | _ARIA | _DATA | _PER_TAG.get(tag, set()))
    | (set(_SVG_ATTRIBUTES) if tag in _SVG_TAGS else set())
    for tag in TAGS
}
"""Attributes allowed per element."""
URL_SCHEMES = frozenset({"http", "https", "mailto"})


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def clean(content: str) -> str:
    """Remove everything not on the allow-list from an HTML fragment."""
    return str(_CLEANER.clean(content))


@dataclass(frozen=True, slots=True)
class Markup:
    """What an HTML fragment contains, for comparing before and after cleaning."""

    elements: tuple[tuple[str, tuple[str, ...]], ...]
    """Each element in order with its sorted attribute names."""
    text: str
    """The visible text, whitespace collapsed."""


class _Inventory(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def inventory(content: str) -> Markup:
    """List the elements, attribute names and text of an HTML fragment."""
    parser = _Inventory()
    parser.feed(content)
    parser.close()
    return Markup(tuple(parser.elements), " ".join("".join(parser.text).split()))


def removed(content: str, cleaned: str | None = None) -> list[str]:
    """Describe what `clean` removes from `content` (empty when nothing).

    `cleaned`: `clean(content)`, when the caller has it already.
    """
    before = inventory(content)
    after = inventory(cleaned if cleaned is not None else clean(content))
    if before == after:
        return []
    lost = []
    kept = list(after.elements)
    for element in before.elements:
        if element in kept:
            kept.remove(element)
        else:
            tag, names = element
            lost.append(f"<{tag}{''.join(' ' + n for n in names)}>")
    if before.text != after.text and not lost:
        lost.append("text")
    return lost
