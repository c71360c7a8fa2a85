"""Convert a law in e-Gov standard law XML (法令標準XML) into a draft in the project's format.

Reads through `xmlio` (no other XML library); writes text only, never files. Every element it
does not know, or that the draft format cannot hold, is an error with the XML line, and the
result is parsed again and must give exactly the ids e-Gov's numbering gives, so a conversion
never silently drops or renumbers a provision.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawtrack import xmlio
from lawtrack.errors import Problem, ValidationError
from lawtrack.frontmatter import read_draft
from lawtrack.model import DocumentKind, Status
from lawtrack.numerals import to_kanji

if TYPE_CHECKING:
    import datetime as dt

    from lawtrack.xmlio import Element

_NUM_RE = re.compile(r"^[0-9]+(?:_[0-9]+)*$")
_RANGE_RE = re.compile(r"^([0-9]+(?:_[0-9]+)*):([0-9]+(?:_[0-9]+)*)$")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_GROUPS = {"Part": "part", "Chapter": "ch", "Section": "sec", "Subsection": "sub"}
_INLINE = frozenset({"Ruby", "Rt", "Sup", "Sub", "Line"})
_SUBITEMS = tuple(f"Subitem{n}" for n in range(1, 11))
_UNSUPPORTED = (
    "the draft format has no place for it; remove it from the XML and add its text by hand "
    "(see the e-Gov import guide)"
)
_SEP = "\u3000"


@dataclass(frozen=True, slots=True)
class ImportMeta:
    """The front matter an imported draft gets (e-Gov XML has no version or stage)."""

    document: str
    version: str
    date: dt.date
    stage: str
    source: str
    """The official source URL (e.g. the law's e-Gov page)."""
    source_title: str = ""
    title: str = ""
    """The title; by default the law's title and number from the XML."""
    retrieved: dt.date | None = None
    presented_by: str = ""


@dataclass
class _Out:
    """The body being written: lines, the XML line of each, and the ids e-Gov implies."""

    path: str
    lines: list[str] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    expected: list[tuple[str, int]] = field(default_factory=list)
    suppl_count: int = 0

    def emit(self, text: str, element: Element) -> None:
        self.lines.extend([text, ""])
        self.origins.extend([xmlio.line(element)] * 2)

    def expect(self, provision_id: str, element: Element) -> None:
        self.expected.append((provision_id, xmlio.line(element)))

    def fail(self, element: Element, message: str, expected: str = "") -> ValidationError:
        return ValidationError([xmlio.problem(self.path, element, message, expected)])


def convert(data: bytes, path: str, meta: ImportMeta) -> str:
    """Convert e-Gov XML to the text of a draft file with status `official`.

    Args:
        data: The XML file's bytes.
        path: The XML file, for messages.
        meta: Document, version, date, stage and source for the front matter.

    Returns:
        The draft (front matter and body), which validates and parses to e-Gov's ids.

    Raises:
        ValidationError: Malformed XML, an element the format cannot hold, or options that
            make invalid front matter; each problem names the XML line or the option.
    """
    root = xmlio.parse(data, path)
    out = _Out(path)
    title = _law(root, out)
    head = front_matter(meta, meta.title or title)
    text = head + "\n" + "\n".join(out.lines).rstrip("\n") + "\n"
    _check(text, out, head.count("\n") + 2, meta)
    return text


def front_matter(meta: ImportMeta, title: str) -> str:
    """The front matter of an imported draft (strings JSON-quoted, which is valid YAML)."""
    source = {"url": meta.source, **({"title": meta.source_title} if meta.source_title else {})}
    lines = [
        "---",
        f"title: {_quote(title)}",
        f"document: {_quote(meta.document)}",
        f"version: {_quote(meta.version)}",
        f"date: {meta.date.isoformat()}",
        "language: ja",
        f"stage: {_quote(meta.stage)}",
        f"status: {Status.OFFICIAL.value}",
        "source:",
        *(
            f"  {'-' if i == 0 else ' '} {key}: {_quote(value)}"
            for i, (key, value) in enumerate(source.items())
        ),
    ]
    if meta.retrieved is not None:
        lines.append(f"retrieved: {meta.retrieved.isoformat()}")
    if meta.presented_by:
        lines.append(f"presented_by: {_quote(meta.presented_by)}")
    return "\n".join([*lines, "---"]) + "\n"


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _law(root: Element, out: _Out) -> str:
    if xmlio.name(root) != "Law":
        raise out.fail(root, f"root element <{xmlio.name(root)}>", "<Law> (e-Gov 法令標準XML)")
    if xmlio.attribute(root, "Lang", "ja") != "ja":
        raise out.fail(root, f'Lang="{xmlio.attribute(root, "Lang")}"', 'Lang="ja"')
    body = xmlio.child(root, "LawBody")
    title = xmlio.child(body, "LawTitle") if body is not None else None
    if body is None or title is None:
        raise out.fail(root, "no <LawBody> with a <LawTitle>", "<LawBody><LawTitle>…")
    for element in xmlio.children(root):
        if xmlio.name(element) not in ("LawNum", "LawBody"):
            raise out.fail(element, f"unknown element <{xmlio.name(element)}> in <Law>")
    for element in xmlio.children(body):
        _body_part(element, out)
    number = xmlio.child(root, "LawNum")
    law_number = xmlio.text(number) if number is not None else ""
    return xmlio.text(title) + (f"（{law_number}）" if law_number else "")


def _body_part(element: Element, out: _Out) -> None:
    kind = xmlio.name(element)
    if kind in ("LawTitle", "TOC"):
        return  # the title goes into the front matter; the table of contents is derived
    if kind == "EnactStatement":
        _pinned("制定文", "enact-statement", [element], out)
    elif kind == "Preamble":
        _pinned("前文", "preamble", xmlio.children(element, "Paragraph"), out)
    elif kind == "MainProvision":
        _container(element, out, parent=None, depth=0, suppl=None)
    elif kind == "SupplProvision":
        _suppl(element, out)
    else:
        raise out.fail(element, f"<{kind}> is not supported: {_UNSUPPORTED}")


def _pinned(title: str, pin: str, blocks: list[Element], out: _Out) -> None:
    if pin in {known for known, _ in out.expected}:
        raise out.fail(blocks[0], f"a second <{xmlio.name(blocks[0])}>", "only one")
    out.emit(f"## {title} {{#{pin}}}", blocks[0])
    out.expect(pin, blocks[0])
    for block in blocks:
        sentence = xmlio.child(block, "ParagraphSentence")
        out.emit(_sentences(sentence if sentence is not None else block, out), block)


def _container(
    element: Element, out: _Out, *, parent: str | None, depth: int, suppl: str | None
) -> None:
    """The contents of MainProvision, a group or SupplProvision: groups or articles."""
    for sub in xmlio.children(element):
        kind = xmlio.name(sub)
        if kind in _GROUPS:
            _group(sub, out, parent=parent, depth=depth, suppl=suppl)
        elif kind == "Article":
            _article(sub, out, depth, suppl=suppl)
        elif not kind.endswith("Title") and kind != "SupplProvisionLabel":
            where = f" in <{xmlio.name(element)}>"
            if kind == "Paragraph" and xmlio.name(element) == "MainProvision":
                raise out.fail(sub, f"paragraphs without articles{where}: {_UNSUPPORTED}")
            raise out.fail(sub, f"<{kind}>{where} is not supported: {_UNSUPPORTED}")


def _group(
    element: Element, out: _Out, *, parent: str | None, depth: int, suppl: str | None
) -> None:
    kind = xmlio.name(element)
    title = xmlio.child(element, f"{kind}Title")
    if title is None:
        raise out.fail(element, f"<{kind}> without <{kind}Title>", f"<{kind}Title>第一…")
    own = f"{_GROUPS[kind]}-{_number(element, out)}"
    group_id = f"{parent}.{own}" if parent else own
    out.emit(f"{'#' * min(2 + depth, 6)} {xmlio.text(title)}", title)
    out.expect(group_id, element)
    _container(element, out, parent=group_id, depth=depth + 1, suppl=suppl)


def _raw(element: Element) -> str:
    return f'"{xmlio.attribute(element, "Num")}"'


def _number(element: Element, out: _Out) -> str:
    num = xmlio.attribute(element, "Num")
    if not _NUM_RE.match(num):
        raise out.fail(element, f'<{xmlio.name(element)}> has Num="{num}"', 'Num="3" or "3_2"')
    return num.replace("_", "-")


def _article(element: Element, out: _Out, depth: int, *, suppl: str | None) -> None:
    prefix = f"{suppl}-art" if suppl else "art"
    title = xmlio.child(element, "ArticleTitle")
    if title is None:
        raise out.fail(element, "<Article> without <ArticleTitle>", "<ArticleTitle>第一条")
    paragraphs = xmlio.children(element, "Paragraph")
    for sub in xmlio.children(element):
        if xmlio.name(sub) not in ("ArticleCaption", "ArticleTitle", "Paragraph"):
            where = f"<{xmlio.name(sub)}> in <Article>"
            raise out.fail(sub, f"{where} is not supported: {_UNSUPPORTED}")
    deleted = _is_deleted(paragraphs)
    numbers = _article_numbers(element, out, deleted)
    caption = xmlio.child(element, "ArticleCaption")
    heading = xmlio.text(title) + (_caption(caption) if caption is not None else "")
    out.emit(f"{'#' * min(2 + depth, 6)} {heading}{_SEP + '削除' if deleted else ''}", title)
    for number in numbers:
        out.expect(f"{prefix}-{number}", element)
    if not deleted:
        for paragraph in paragraphs:
            _paragraph(paragraph, out, f"{prefix}-{numbers[0]}")


def _caption(caption: Element) -> str:
    text = xmlio.text(caption)
    return text if text.startswith(("（", "(")) else f"（{text}）"


def _is_deleted(paragraphs: list[Element]) -> bool:
    if len(paragraphs) != 1 or xmlio.child(paragraphs[0], "Item") is not None:
        return False
    sentence = xmlio.child(paragraphs[0], "ParagraphSentence")
    return sentence is not None and xmlio.text(sentence) == "削除"


def _article_numbers(element: Element, out: _Out, deleted: bool) -> list[str]:
    """The article's number as an id fragment; a deleted range gives every number in it."""
    span = _RANGE_RE.match(xmlio.attribute(element, "Num"))
    if span is None:
        return [_number(element, out)]
    if not deleted:
        raise out.fail(element, "a range of articles that is not deleted", "削除 as its text")
    first, last = (span.group(i).replace("_", "-") for i in (1, 2))
    if first.isdigit() and last.isdigit() and int(first) < int(last):
        return [str(n) for n in range(int(first), int(last) + 1)]
    return [first, last]


def _paragraph(element: Element, out: _Out, article: str) -> None:
    num = _number(element, out)
    if "-" in num:
        raise out.fail(element, f"branch paragraph Num={_raw(element)}: {_UNSUPPORTED}")
    number = xmlio.child(element, "ParagraphNum")
    written = xmlio.text(number) if number is not None else ""
    if not written and num != "1":
        written = num.translate(_FULLWIDTH)
    sentence = xmlio.child(element, "ParagraphSentence")
    if sentence is None:
        raise out.fail(element, "<Paragraph> without <ParagraphSentence>", "<ParagraphSentence>")
    text = _sentences(sentence, out)
    out.emit(f"{written}{_SEP}{text}" if written else text, element)
    paragraph_id = f"{article}.p{num}"
    out.expect(paragraph_id, element)
    for sub in xmlio.children(element):
        kind = xmlio.name(sub)
        if kind == "Item":
            _item(sub, out, paragraph_id)
        elif kind not in ("ParagraphNum", "ParagraphSentence", "ParagraphCaption"):
            raise out.fail(sub, f"<{kind}> in <Paragraph> is not supported: {_UNSUPPORTED}")


def _item(element: Element, out: _Out, paragraph: str) -> None:
    num = _number(element, out)
    if "-" in num:
        raise out.fail(element, f"branch item Num={_raw(element)} (一の二): {_UNSUPPORTED}")
    title = xmlio.child(element, "ItemTitle")
    written = xmlio.text(title) if title is not None else ""
    sentence = xmlio.child(element, "ItemSentence")
    if sentence is None:
        raise out.fail(element, "<Item> without <ItemSentence>", "<ItemSentence>")
    parts = [written or to_kanji(int(num)), _sentences(sentence, out)]
    for sub in xmlio.children(element):
        if xmlio.name(sub) in _SUBITEMS:
            parts.extend(_subitem(sub, out))
        elif xmlio.name(sub) not in ("ItemTitle", "ItemSentence"):
            where = f"<{xmlio.name(sub)}> in <Item>"
            raise out.fail(sub, f"{where} is not supported: {_UNSUPPORTED}")
    out.emit(_SEP.join(part for part in parts if part), element)
    out.expect(f"{paragraph}.i{num}", element)


def _subitem(element: Element, out: _Out) -> list[str]:
    """Sub-items (イ, ロ, (1) …) have no provision of their own: their text joins the item's."""
    kind = xmlio.name(element)
    parts: list[str] = []
    for sub in xmlio.children(element):
        name = xmlio.name(sub)
        if name == f"{kind}Title":
            parts.append(xmlio.text(sub))
        elif name == f"{kind}Sentence":
            parts.append(_sentences(sub, out))
        elif name in _SUBITEMS:
            parts.extend(_subitem(sub, out))
        else:
            raise out.fail(sub, f"<{name}> in <{kind}> is not supported: {_UNSUPPORTED}")
    return parts


def _sentences(element: Element, out: _Out) -> str:
    """The text of the Sentences of an element, or of its Columns joined by a full-width space."""
    subs = xmlio.children(element)
    kinds = {xmlio.name(sub) for sub in subs}
    if kinds == {"Column"}:
        return _SEP.join(_sentences(sub, out) for sub in subs)
    for sub in subs:
        if xmlio.name(sub) != "Sentence":
            where = f"<{xmlio.name(sub)}> in <{xmlio.name(element)}>"
            raise out.fail(sub, f"{where} is not supported: {_UNSUPPORTED}")
        _check_inline(sub, out)
    text = "".join(xmlio.text(sub, skip=frozenset({"Rt"})) for sub in subs)
    if not text:
        raise out.fail(element, f"<{xmlio.name(element)}> without text", "<Sentence>…</Sentence>")
    return text


def _check_inline(sentence: Element, out: _Out) -> None:
    for sub in sentence.iterdescendants():
        name = xmlio.name(sub)
        if name and name not in _INLINE:
            raise out.fail(sub, f"<{name}> in a sentence is not supported: {_UNSUPPORTED}")


def _suppl(element: Element, out: _Out) -> None:
    out.suppl_count += 1
    suppl_id = "suppl" if out.suppl_count == 1 else f"suppl-{out.suppl_count}"
    label = xmlio.child(element, "SupplProvisionLabel")
    heading = xmlio.text(label) if label is not None else "附則"
    amends = xmlio.attribute(element, "AmendLawNum")
    heading += f"（{amends}）" if amends else ""
    heading += f"{_SEP}抄" if xmlio.attribute(element, "Extract") == "true" else ""
    out.emit(f"## {heading}", label if label is not None else element)
    out.expect(suppl_id, element)
    paragraphs = xmlio.children(element, "Paragraph")
    if paragraphs and len(paragraphs) != len(xmlio.children(element)) - (label is not None):
        raise out.fail(element, "supplementary provisions mixing paragraphs and articles")
    for paragraph in paragraphs:
        _paragraph(paragraph, out, suppl_id)
    if not paragraphs:
        _container(element, out, parent=suppl_id, depth=1, suppl=suppl_id)


def _check(text: str, out: _Out, body_line: int, meta: ImportMeta) -> None:
    """Parse the result; map any problem back to the XML line or the option it comes from."""
    name = f"{meta.date.isoformat()}-{meta.version}.ja.md"
    draft, problems, lines = read_draft(text.encode("utf-8"), name, DocumentKind.BILL)
    if problems:
        raise ValidationError([_origin(p, out, body_line, lines) for p in problems])
    assert draft is not None
    got = [p.id for p in draft.provisions]
    for index, (want, xml_line) in enumerate(out.expected):
        have = got[index] if index < len(got) else "nothing"
        if have != want:
            raise ValidationError(
                [Problem(out.path, xml_line, f"converts to id '{have}'", f"'{want}' (e-Gov Num)")]
            )
    if len(got) > len(out.expected):
        extra = got[len(out.expected)]
        raise ValidationError([Problem(out.path, 0, f"converts to an extra provision '{extra}'")])


def _origin(problem: Problem, out: _Out, body_line: int, keys: dict[str, int]) -> Problem:
    index = problem.line - body_line
    if 0 <= index < len(out.origins):
        return Problem(out.path, out.origins[index], problem.message, problem.expected)
    above = [(line, key) for key, line in keys.items() if line <= problem.line and "." not in key]
    option = f"--{max(above)[1].replace('_', '-')}: " if above else ""
    return Problem(out.path, 0, f"{option}{problem.message}", problem.expected)
