"""Write a parsed draft back as a draft file: front matter, headings, paragraphs and items.

The inverse of `frontmatter.read_draft` on valid drafts: parsing what `draft_markdown` writes
gives the same provisions (ids, kinds, numbers, captions, headings, parents, texts, deleted
flags; only lines may differ), and writing that again gives the same text, a fixed point
(tests/test_serialize.py). Headings are written as they were; a `{#id}` pin is added only where
the parser would not derive the id by itself. `lawtrack show FILE --format markdown` prints it.

Pure functions; no I/O, no third-party imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack.model import DocumentKind, Kind
from lawtrack.structure import derive_section_id, split_pin

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from lawtrack.model import Draft, Provision, Source

_GROUP_PREFIX = {Kind.PART: "part", Kind.CHAPTER: "ch", Kind.SECTION: "sec", Kind.SUBSECTION: "sub"}
_CODE_INDENT = "    "
"""Four spaces: a text line that would read as a heading is indented, which the parser strips."""


def draft_markdown(draft: Draft, kind: DocumentKind) -> str:
    """A draft file for `draft`: its front matter, a blank line, then its body.

    Args:
        draft: A parsed, valid draft.
        kind: The kind of its document (bills pin every unnumbered heading).

    Returns:
        The file's text, ending with a newline.
    """
    return front_matter(draft) + "\n" + body_markdown(draft.provisions, kind)


def front_matter(draft: Draft) -> str:
    """The front matter block, `---` to `---`, with strings written as JSON (valid YAML)."""
    lines = ["---"]
    for key, value in (
        ("title", draft.title),
        ("document", draft.document),
        ("version", draft.version),
        ("date", draft.date.isoformat()),
        ("language", draft.language),
        ("stage", draft.stage),
        ("status", draft.status.value),
    ):
        lines.append(f"{key}: {_scalar(value)}")
    lines.append("source:")
    lines.extend(_source_lines(draft.sources))
    if draft.retrieved is not None:
        lines.append(f"retrieved: {draft.retrieved.isoformat()}")
    for key, text in (("presented_by", draft.presented_by), ("notes", draft.notes)):
        if text:
            lines.append(f"{key}: {_scalar(text)}")
    if draft.translation_of is not None:
        lines.append(f"translation_of: {draft.translation_of}")
    if draft.concordance:
        lines.append("concordance:")
        for old, new in draft.concordance:
            lines.append(f"  {_scalar(old)}: {json.dumps(list(new)) if new else 'null'}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _source_lines(sources: Iterable[Source]) -> Iterator[str]:
    for source in sources:
        yield f"  - url: {_scalar(source.url)}"
        if source.title:
            yield f"    title: {_scalar(source.title)}"


def body_markdown(provisions: Iterable[Provision], kind: DocumentKind) -> str:
    """The body of a draft: one heading per provision with a heading, then its text.

    Paragraphs and items are written through their article's text, which holds them one per
    line with their numbers; the provisions of a deleted range (第五条から第七条まで削除) share
    one heading.
    """
    ids = _Ids(kind)
    blocks: list[str] = []
    previous: Provision | None = None
    for provision in provisions:
        if provision.kind in (Kind.PARAGRAPH, Kind.ITEM):
            continue
        if _same_range(previous, provision):
            continue
        previous = provision
        blocks.append(heading_line(provision, ids.needs_pin(provision)))
        if provision.text:
            blocks.append(_text_block(provision))
    return "\n\n".join(blocks) + "\n"


def heading_line(provision: Provision, pin: bool) -> str:
    """`### 第十二条（報告）`, with ` {#id}` when the id must be pinned."""
    marks = "#" * min(max(provision.level, 1), 6)
    title = provision.heading or provision.id
    # A title that itself ends in braces would lose them to the pin syntax without a pin.
    if pin or split_pin(title)[0] != title:
        return f"{marks} {title} {{#{provision.id}}}"
    return f"{marks} {title}"


def _same_range(previous: Provision | None, provision: Provision) -> bool:
    """Whether `provision` was expanded from the same range heading as `previous`."""
    return (
        previous is not None
        and provision.kind is Kind.ARTICLE
        and previous.kind is Kind.ARTICLE
        and previous.deleted
        and provision.deleted
        and previous.line == provision.line
        and previous.heading == provision.heading
    )


def _text_block(provision: Provision) -> str:
    """The provision's own text; sections keep a blank line between their blocks."""
    lines = [_as_text(line) for line in provision.text.split("\n")]
    return ("\n\n" if provision.kind is Kind.HEADING else "\n").join(lines)


def _as_text(line: str) -> str:
    """A line of text that would read as a heading is indented so that it stays text."""
    return _CODE_INDENT + line if line.startswith("#") else line


@dataclass
class _Ids:
    """The ids the parser derives by itself, to know where a pin is needed (local, mutable)."""

    kind: DocumentKind
    suppl: str | None = None
    suppl_count: int = 0

    def needs_pin(self, provision: Provision) -> bool:
        """Whether writing the heading as it is would give another id."""
        return provision.id != self.derived(provision)

    def derived(self, provision: Provision) -> str | None:
        """The id the parser gives this heading without a pin (None: it gives none)."""
        if provision.kind is Kind.HEADING:
            if self.kind is DocumentKind.BILL:
                return None
            return derive_section_id(provision.heading)
        if provision.kind is Kind.SUPPL:
            self.suppl_count += 1
            self.suppl = provision.id
            return "suppl" if self.suppl_count == 1 else f"suppl-{self.suppl_count}"
        if provision.kind is Kind.ARTICLE:
            prefix = "art" if self.suppl is None else f"{self.suppl}-art"
            return f"{prefix}-{provision.number}"
        own = f"{_GROUP_PREFIX[provision.kind]}-{provision.number}"
        return f"{provision.parent}.{own}" if provision.parent else own
