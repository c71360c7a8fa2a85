"""The reader's choice of language on pages with Japanese and English: 対訳, 日本語 or English.

One choice for the whole site: Material's linked content tabs (feature `content.tabs.link`) with
the same three labels on every page that has both languages, so a choice made on one page is
kept in the browser and restored on the next. The tabs only say what is shown; CSS hides the
cells of the other language (`.lt-ja`, `.lt-en`, docs/assets/parallel.css), so each text is on
the page once, with one anchor per provision. Without script the first tab (both) is chosen.
Pure functions; Markdown out, draft text only through `markup`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.pages.markup import attr, md_inline, safe_id

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from lawtrack.model import Draft

BOTH, JAPANESE, ENGLISH = "対訳", "日本語", "English"
VIEWS = (BOTH, JAPANESE, ENGLISH)
"""The tab labels, in this order on every page: the CSS finds the choice by position (the
second tab hides English, the third Japanese) and Material links tabs by their label."""
NAMES = {"ja": "日本語", "en": "English"}
ENGLISH_NAMES = {"ja": "Japanese", "en": "English"}
CSS_CLASS = "lt-view-tabs"
"""The class of the element that holds the three tabs (the CSS looks for it)."""
NO_SEARCH = " data-search-exclude"


def lang_class(language: str) -> str:
    """The class that marks a cell of one language (`lt-ja`, `lt-en`)."""
    return f"lt-{language}"


def status_text(draft: Draft) -> str:
    """`Unofficial restatement (非公式の再述)`: the status of a text in both languages."""
    return f"{draft.status.label} ({draft.status.label_ja})"


def language_status(draft: Draft) -> str:
    """`日本語 — Unofficial restatement (非公式の再述)`, the Japanese name marked as Japanese."""
    name = NAMES.get(draft.language, draft.language)
    shown = f'<span lang="ja">{name}</span>' if draft.language == "ja" else name
    return f"{shown} — {status_text(draft)}"


def view_tabs(descriptions: Mapping[str, str]) -> str:
    """The three linked content tabs, each with one line of Markdown saying what it shows.

    Args:
        descriptions: Tab label (`VIEWS`) → Markdown shown when the tab is chosen.

    Returns:
        A block that pymdownx.tabbed turns into Material content tabs.
    """
    lines = [f'<div class="{CSS_CLASS}"{NO_SEARCH} markdown>', ""]
    for label in VIEWS:
        lines.extend([f'=== "{label}"', "", f"    {descriptions[label]}", ""])
    lines.extend(["</div>", ""])
    return "\n".join(lines)


def text_views(drafts: Sequence[Draft], what: str, pages: Mapping[str, str]) -> str:
    """The tabs of a page with texts in several languages, each labelled with its status.

    Args:
        drafts: The texts, Japanese first.
        what: What the page shows in each language (`the text`, `each change`).
        pages: Language → a relative link to the page with that language alone ("" for none).
    """
    statuses = "; ".join(language_status(d) for d in drafts)
    descriptions = {BOTH: f"Japanese and English side by side, {what} in both: {statuses}."}
    for label, language in ((JAPANESE, "ja"), (ENGLISH, "en")):
        found = [d for d in drafts if d.language == language]
        if not found:
            descriptions[label] = f"There is no {ENGLISH_NAMES[language]} text here."
            continue
        alone = f" Also on a [page of its own]({pages[language]})." if pages.get(language) else ""
        descriptions[label] = (
            f"{ENGLISH_NAMES[language]} only, {what}: {language_status(found[0])}.{alone}"
        )
    return view_tabs(descriptions)


def cell(
    language: str,
    inner_md: str,
    *,
    tag: str = "p",
    css: str = "",
    extra: str = "",
    text_lang: str = "",
) -> str:
    """One language's cell of a row: an element with its language's class and `lang`.

    Args:
        language: The column the cell is in.
        inner_md: Its content, inline Markdown.
        tag: The element (`p`, `span`).
        css: More classes.
        extra: More attributes (already escaped).
        text_lang: The language of the content when it is not the column's (an English note
            in the Japanese column).
    """
    classes = f"{css} {lang_class(language)}".strip()
    lang = attr(text_lang or language)
    parsed = "" if tag == "span" else " markdown"  # a span is inside a block that is parsed
    return f'<{tag} class="{attr(classes)}" lang="{lang}"{extra}{parsed}>{inner_md}</{tag}>'


def block_cell(language: str, blocks_md: str, css: str = "") -> str:
    """A cell holding block Markdown (paragraphs, lists, admonitions, raw HTML blocks)."""
    classes = f"{css} {lang_class(language)}".strip()
    return (
        f'<div class="{attr(classes)}" lang="{attr(language)}" markdown>\n\n{blocks_md}\n\n</div>'
    )


def row(cells: Sequence[str], *, anchor: str = "", css: str = "", extra: str = "") -> str:
    """A row of cells side by side (an anchor on the row, never on a cell)."""
    id_attr = f' id="{safe_id(anchor)}"' if anchor else ""
    classes = f"lt-row {css}".strip()
    return (
        f'<div{id_attr} class="{attr(classes)}"{extra} markdown>\n' + "\n".join(cells) + "\n</div>"
    )


def missing(language: str, tag: str = "p") -> str:
    """The cell shown where one language has no such provision (a `span` in headings)."""
    text = f"Not in the {ENGLISH_NAMES.get(language, language)} text."
    return cell(
        language, md_inline(text), tag=tag, css="lt-missing", extra=NO_SEARCH, text_lang="en"
    )


def column_heads(drafts: Sequence[Draft]) -> str:
    """The row above the text: each column's language and status."""
    cells = [
        cell(d.language, f"<strong>{language_status(d)}</strong>", css="lt-colhead", text_lang="en")
        for d in drafts
    ]
    return row(cells, css="lt-colheads", extra=NO_SEARCH)


def side_by_side(blocks: Sequence[tuple[str, str]], css: str = "lt-compare-row") -> str:
    """Blocks of Markdown, one per language, as a row ("" blocks say the language lacks it).

    A single block is returned as it is: a page in one language has no columns.
    """
    if len(blocks) < 2:
        return "".join(text for _, text in blocks)
    cells = [block_cell(lang, text) if text else missing(lang) for lang, text in blocks]
    return row(cells, css=css) + "\n"
