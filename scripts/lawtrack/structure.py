"""Parse the body of a draft into provisions.

Pure functions: text in, provisions and problems out; no file access, no third-party imports.
The grammar is documented for editors in docs/editor/format.md. The parser never raises: every
defect of the input becomes a `Problem`, and parsing goes on so that all problems are listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawtrack.errors import Problem
from lawtrack.model import DocumentKind, Kind, Provision
from lawtrack.numerals import (
    DIGIT_CHARS,
    KANJI_NUMERAL_CHARS,
    parse_kanji,
    parse_number,
    parse_roman,
    to_ascii_digits,
)

if TYPE_CHECKING:
    from lawtrack.model import Language

_SPC = " \t\u3000"
_SP = f"[{_SPC}]"
_N = f"[{DIGIT_CHARS}{KANJI_NUMERAL_CHARS}]+"
_ID = r"[a-z0-9]+(?:[-.][a-z0-9]+)*"

HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_TOO_DEEP_RE = re.compile(r"^ {0,3}#{7,}(?:[ \t]|$)")
_NO_SPACE_RE = re.compile(r"^ {0,3}#{1,6}[^#\s]")
_PIN_RE = re.compile(r"^(.*?)[ \t]*\{([^{}]*)\}[ \t]*$")
_PIN_BODY_RE = re.compile(rf"^#({_ID})$")

# Japanese structure: 第<n><unit>(の<n>)* <rest>
_JA_HEAD_RE = re.compile(rf"^第{_SP}*({_N}){_SP}*([編章節款条])((?:の{_N})*)(.*)$")
_JA_ARTICLE_REST_RE = re.compile(rf"^{_SP}*(?:[（(]([^（）()]+)[）)])?{_SP}*(削除)?{_SP}*$")
_JA_RANGE_REST_RE = re.compile(rf"^から第({_N})条((?:の{_N})*)まで{_SP}*削除{_SP}*$")
_JA_TITLE_REST_RE = re.compile(rf"^(?:{_SP}+(.*\S))?{_SP}*$|^([^の{_SPC}（(].*\S|[^の{_SPC}（(])$")
_JA_SUPPL_RE = re.compile(rf"^附{_SP}*則(?:{_SP}*[（(](.+)[）)])?(?:{_SP}*抄)?{_SP}*$")

# English structure
_EN_GROUP_RE = re.compile(
    r"^(Part|Chapter|Section|Subsection)\s+([0-9]+|[IVXLC]+)((?:-[0-9]+)*)"
    r"(?:\s*[.:\-\u2013\u2014]?\s+(.*\S))?\s*$"
)
_EN_ARTICLE_RE = re.compile(
    r"^Article\s+([0-9]+)((?:-[0-9]+)*)\s*(?:\(([^()]+)\))?\s*"
    r"(?:[:\-\u2013\u2014]\s*)?(\[Deleted\]|Deleted)?\s*$"
)
_EN_RANGE_RE = re.compile(
    r"^Articles\s+([0-9]+)((?:-[0-9]+)*)\s+to\s+([0-9]+)((?:-[0-9]+)*)\s*"
    r"(?:[:\-\u2013\u2014]\s*)?(?:\[Deleted\]|Deleted)\s*$"
)
_EN_STARTS_LIKE_RE = re.compile(r"^(Part|Chapter|Section|Subsection|Articles?)\b")
_EN_SUPPL_RE = re.compile(r"^Supplementary\s+Provisions?(?:\s*\((.+)\))?(?:\s+Extract)?\s*$")

# Numbered lines inside articles
_JA_PARAGRAPH_RE = re.compile(rf"^([{DIGIT_CHARS}]+){_SP}+(\S.*)$")
_JA_ITEM_RE = re.compile(rf"^([{KANJI_NUMERAL_CHARS}]+){_SP}+(\S.*)$")
_EN_PARAGRAPH_RE = re.compile(r"^\(([0-9]+)\)\s+(\S.*)$")
_EN_ITEM_RE = re.compile(r"^\(([ivxlcdm]+)\)\s+(\S.*)$")

# Ids derived from guideline headings
_DERIVED_ID_RES = (
    (re.compile(r"^Part\s+([0-9]+)\b"), "part-{0}"),
    (re.compile(r"^(Action|Commitment|Principle|Appendix|Annex)\s+([0-9]+)\b"), "{0}-{1}"),
    (re.compile(r"^([A-Z]{1,3})-([0-9]+)\b"), "{0}-{1}"),
)

_GROUP_RANK = {Kind.PART: 0, Kind.CHAPTER: 1, Kind.SECTION: 2, Kind.SUBSECTION: 3}
_JA_UNIT_KIND = {
    "編": Kind.PART, "章": Kind.CHAPTER, "節": Kind.SECTION, "款": Kind.SUBSECTION,
    "条": Kind.ARTICLE,
}  # fmt: skip
_EN_GROUP_KIND = {
    "Part": Kind.PART, "Chapter": Kind.CHAPTER, "Section": Kind.SECTION,
    "Subsection": Kind.SUBSECTION,
}  # fmt: skip
_ID_PREFIX = {Kind.PART: "part", Kind.CHAPTER: "ch", Kind.SECTION: "sec", Kind.SUBSECTION: "sub"}
_SUBITEM_LETTERS = frozenset({"c", "d", "l", "m"})
_DELETED_TEXTS = frozenset({"削除", "Deleted", "[Deleted]", "(Deleted)"})

HEADING_EXAMPLES = (
    "a heading like '第一条（目的）', 'Article 1 (Purpose)' or '## Purpose {#el-purpose}'"
)


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What the parser found in one body."""

    provisions: tuple[Provision, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class _Heading:
    """A classified heading, before ids are assigned."""

    kind: Kind
    numbers: tuple[int, ...]
    """Main number then branch numbers: 第十二条の二 is (12, 2)."""
    caption: str
    deleted: bool = False
    range_end: tuple[int, ...] = ()
    """For 第五条から第七条まで削除: (7,)."""


def parse_body(
    text: str,
    *,
    path: str,
    language: Language,
    kind: DocumentKind,
    first_line: int = 1,
) -> ParseResult:
    """Parse a draft body (the Markdown after the front matter) into provisions.

    Args:
        text: The body, with any line endings.
        path: The file, for messages.
        language: The draft's language (`ja` or `en`).
        kind: The document kind; bills use the legal structure, others sections.
        first_line: The file line of the body's first line.

    Returns:
        The provisions in document order and every problem found.
    """
    parser = _Parser(path=path, language=language, kind=kind)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        parser.feed(line, first_line + index)
    return parser.finish()


def split_pin(heading: str) -> tuple[str, str | None, str | None]:
    """Split `Title {#id}` into the title, the pinned id and an error message.

    Returns:
        (title, id or None, problem message or None).
    """
    match = _PIN_RE.match(heading)
    if not match:
        return heading, None, None
    body = match.group(2).strip()
    pin = _PIN_BODY_RE.match(body)
    if not pin:
        return match.group(1), None, f"unusable pin {{{body}}}"
    return match.group(1), pin.group(1), None


def classify_heading(title: str) -> _Heading | str | None:
    """Classify a bill heading.

    Returns:
        A `_Heading`, an error message when the heading starts like a structural heading but
        does not parse, or None when it is not a structural heading at all.
    """
    stripped = title.strip()
    for classify in (_classify_ja, _classify_en):
        result = classify(stripped)
        if result is not None:
            return result
    return None


def _classify_ja(title: str) -> _Heading | str | None:
    suppl = _JA_SUPPL_RE.match(title)
    if suppl:
        return _Heading(Kind.SUPPL, (), suppl.group(1) or "")
    match = _JA_HEAD_RE.match(title)
    if not match:
        return None
    numbers = _ja_numbers(match.group(1), match.group(3))
    unit, rest = match.group(2), match.group(4)
    what = "an article" if unit == "条" else f"a {_JA_UNIT_KIND[unit].value}"
    if numbers is None:
        return f"'{title}' starts like {what} heading but its number does not parse"
    if unit != "条":
        title_match = _JA_TITLE_REST_RE.match(rest)
        if not title_match:
            return f"'{title}' starts like {what} heading but does not parse"
        caption = (title_match.group(1) or title_match.group(2) or "").strip()
        return _Heading(_JA_UNIT_KIND[unit], numbers, caption)
    article = _JA_ARTICLE_REST_RE.match(rest)
    if article:
        return _Heading(Kind.ARTICLE, numbers, article.group(1) or "", bool(article.group(2)))
    span = _JA_RANGE_REST_RE.match(rest)
    if span:
        end = _ja_numbers(span.group(1), span.group(2))
        if end is not None and end > numbers:
            return _Heading(Kind.ARTICLE, numbers, "", True, end)
    return f"'{title}' starts like an article heading but does not parse"


def _ja_numbers(main: str, branches: str) -> tuple[int, ...] | None:
    values = [parse_number(main)]
    values.extend(parse_number(part) for part in branches.split("の")[1:])
    if any(v is None for v in values):
        return None
    return tuple(v for v in values if v is not None)


def _classify_en(title: str) -> _Heading | str | None:
    suppl = _EN_SUPPL_RE.match(title)
    if suppl:
        return _Heading(Kind.SUPPL, (), suppl.group(1) or "")
    if not _EN_STARTS_LIKE_RE.match(title):
        return None
    group = _EN_GROUP_RE.match(title)
    if group:
        main = group.group(2)
        first = int(main) if main.isdigit() else parse_roman(main)
        if first is None:
            return f"'{title}' has a malformed number {main!r}"
        numbers = (first, *_en_branches(group.group(3)))
        return _Heading(_EN_GROUP_KIND[group.group(1)], numbers, group.group(4) or "")
    article = _EN_ARTICLE_RE.match(title)
    if article:
        numbers = (int(article.group(1)), *_en_branches(article.group(2)))
        caption = article.group(3) or ""
        deleted = bool(article.group(4)) or caption.strip().lower() == "deleted"
        return _Heading(Kind.ARTICLE, numbers, "" if deleted else caption, deleted)
    span_match = _EN_RANGE_RE.match(title)
    if span_match:
        start = (int(span_match.group(1)), *_en_branches(span_match.group(2)))
        end = (int(span_match.group(3)), *_en_branches(span_match.group(4)))
        if end > start:
            return _Heading(Kind.ARTICLE, start, "", True, end)
    word = title.split()[0].lower()
    a = "an" if word[0] in "ae" else "a"
    return f"'{title}' starts like {a} {word} heading but does not parse"


def _en_branches(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("-")[1:])


def number_text(numbers: tuple[int, ...]) -> str:
    """Write numbers as an id fragment: (12, 2) → `12-2`."""
    return "-".join(str(n) for n in numbers)


def derive_section_id(title: str) -> str | None:
    """Make an id for an unpinned guideline heading, or None if the text gives none."""
    for pattern, template in _DERIVED_ID_RES:
        match = pattern.match(title)
        if match:
            return template.format(*(g.lower() for g in match.groups()))
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    slug = slug[:60].rstrip("-")
    return slug if slug and slug[0].isalpha() and slug.isascii() else None


@dataclass
class _Open:
    """A provision being built: its text lines are collected until the next heading."""

    id: str
    kind: Kind
    number: str
    caption: str
    heading: str
    parent: str | None
    line: int
    deleted: bool = False
    level: int = 0
    lines: list[str] = field(default_factory=list)


@dataclass
class _Parser:
    """A line-by-line state machine; see `parse_body`."""

    path: str
    language: Language
    kind: DocumentKind
    provisions: list[_Open] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    groups: list[tuple[Kind, _Open, tuple[int, ...]]] = field(default_factory=list)
    """Open parts/chapters/sections, outermost first, with their numbers."""
    headings: list[_Open] = field(default_factory=list)
    """Open heading-kind provisions by level (level stack)."""
    suppl: _Open | None = None
    suppl_count: int = 0
    article: _Open | None = None
    """The article (or suppl block) whose paragraphs are being read."""
    paragraph: _Open | None = None
    item: _Open | None = None
    current: _Open | None = None
    """Where free text goes: the last heading-kind provision, article or suppl block."""
    last_article: tuple[tuple[int, ...], int] | None = None
    last_group: dict[str, tuple[tuple[int, ...], int]] = field(default_factory=dict)
    blank: bool = True

    # -- feeding ------------------------------------------------------------------------------

    def feed(self, line: str, number: int) -> None:
        """Consume one line of the body."""
        if not line.strip():
            self.blank = True
            return
        if _TOO_DEEP_RE.match(line):
            self._error(number, "heading deeper than six levels", "at most six # marks")
            return
        if _NO_SPACE_RE.match(line):
            self._error(number, "a heading needs a space after its # marks", "'## Title'")
            return
        heading = HEADING_RE.match(line)
        if heading:
            self._heading(len(heading.group(1)), (heading.group(2) or "").strip(), number)
            self.blank = True  # the next line of text starts a new block
        else:
            self._text(line.strip(), number)
            self.blank = False

    def finish(self) -> ParseResult:
        """Close all open provisions and return the result."""
        children: dict[str, list[_Open]] = {}
        for opened in self.provisions:
            if opened.parent is not None and opened.kind in (Kind.PARAGRAPH, Kind.ITEM):
                children.setdefault(opened.parent, []).append(opened)
        provisions = tuple(self._close(p, children) for p in self.provisions)
        return ParseResult(provisions, tuple(self.problems))

    # -- headings -----------------------------------------------------------------------------

    def _heading(self, level: int, raw: str, line: int) -> None:
        if not raw:
            self._error(line, "empty heading", HEADING_EXAMPLES)
            return
        title, pin, pin_problem = split_pin(raw)
        if pin_problem:
            self._error(
                line, pin_problem, "a pin like {#art-3}: lowercase letters, digits, - and ."
            )
        title = title.strip()
        if self.kind is DocumentKind.BILL:
            classified = classify_heading(title)
            if isinstance(classified, str):
                self._error(line, classified, HEADING_EXAMPLES)
                self._end_text_scope()
                return
            if classified is not None:
                self._structural(classified, title, pin, level, line)
                return
            if pin is None:
                self._error(
                    line,
                    f"'{title}' is not a part, chapter, section, article or supplementary "
                    "provisions heading and has no {#id} pin",
                    HEADING_EXAMPLES,
                )
                self._end_text_scope()
                return
        self._section(title, pin, level, line)

    def _section(self, title: str, pin: str | None, level: int, line: int) -> None:
        provision_id = pin or derive_section_id(title)
        if provision_id is None:
            self._error(line, f"cannot make an id from the heading '{title}'", "an {#id} pin")
            self._end_text_scope()
            return
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        parent = self.headings[-1].id if self.headings else self._container_id()
        opened = self._open(provision_id, Kind.HEADING, "", title, title, parent, line, level)
        self.headings.append(opened)
        self._reset_article()
        self.current = opened

    def _structural(
        self, heading: _Heading, title: str, pin: str | None, level: int, line: int
    ) -> None:
        self.headings.clear()
        if heading.kind is Kind.SUPPL:
            self._suppl(heading, title, pin, level, line)
        elif heading.kind is Kind.ARTICLE:
            self._article(heading, title, pin, level, line)
        else:
            self._group(heading, title, pin, level, line)

    def _suppl(self, heading: _Heading, title: str, pin: str | None, level: int, line: int) -> None:
        self.suppl_count += 1
        default = "suppl" if self.suppl_count == 1 else f"suppl-{self.suppl_count}"
        self.groups.clear()
        self.last_article = None
        self.last_group.clear()
        opened = self._open(
            pin or default, Kind.SUPPL, "", heading.caption, title, None, line, level
        )
        self.suppl = opened
        self._reset_article()
        self.article = opened
        self.current = opened

    def _group(self, heading: _Heading, title: str, pin: str | None, level: int, line: int) -> None:
        rank = _GROUP_RANK[heading.kind]
        while self.groups and _GROUP_RANK[self.groups[-1][0]] >= rank:
            self.groups.pop()
        parent = self._container_id()
        own = f"{_ID_PREFIX[heading.kind]}-{number_text(heading.numbers)}"
        provision_id = pin or (f"{parent}.{own}" if parent else own)
        self._check_order(f"{heading.kind.value}:{parent}", heading.numbers, line, title)
        opened = self._open(
            provision_id,
            heading.kind,
            number_text(heading.numbers),
            heading.caption,
            title,
            parent,
            line,
            level,
        )
        self.groups.append((heading.kind, opened, heading.numbers))
        self._reset_article()
        self.current = None

    def _article(
        self, heading: _Heading, title: str, pin: str | None, level: int, line: int
    ) -> None:
        prefix = "art" if self.suppl is None else f"{self.suppl.id}-art"
        parent = self._container_id()
        last = heading.range_end or heading.numbers
        # An equal number is reported as a duplicate id instead.
        if self.last_article is not None and heading.numbers < self.last_article[0]:
            before = number_text(self.last_article[0])
            self._error(
                line,
                f"article {number_text(heading.numbers)} comes after article {before} "
                f"(line {self.last_article[1]})",
                "articles in increasing order",
            )
        self.last_article = (last, line)
        numbers = [heading.numbers]
        if heading.range_end:
            numbers = _expand_range(heading.numbers, heading.range_end)
        opened = None
        for index, each in enumerate(numbers):
            provision_id = pin if pin and index == 0 else f"{prefix}-{number_text(each)}"
            opened = self._open(
                provision_id,
                Kind.ARTICLE,
                number_text(each),
                heading.caption,
                title,
                parent,
                line,
                level,
                deleted=heading.deleted,
            )
        self._reset_article()
        self.article = opened
        self.current = opened

    # -- text ---------------------------------------------------------------------------------

    def _text(self, text: str, line: int) -> None:
        if self.article is not None and self.kind is DocumentKind.BILL:
            self._article_text(text, line)
            return
        if self.current is None:
            numbered = self._numbered(text)
            if self.blank or numbered:  # once per block of lines
                where = "before the first heading" if not self.provisions else "outside an article"
                what = "numbered paragraph or item" if numbered else "text"
                self._error(line, f"{what} {where}", "text under an article or a pinned heading")
            return
        self._append(self.current, text)

    def _article_text(self, text: str, line: int) -> None:
        article = self.article
        assert article is not None
        if article.deleted:
            if text.strip() in _DELETED_TEXTS:
                return
            self._error(line, "a deleted article has no text", "the next heading")
            return
        numbered = self._numbered(text)
        if numbered is None:
            target = self.item or self.paragraph
            if target is None:
                self.paragraph = self._paragraph(article, 1, "", line)
                target = self.paragraph
            self._append(target, text)
        elif numbered[0] is Kind.PARAGRAPH:
            self._new_paragraph(article, numbered[1], numbered[2], numbered[3], line)
        else:
            self._new_item(article, numbered[1], numbered[2], numbered[3], line)

    def _new_paragraph(
        self, article: _Open, value: int, written: str, rest: str, line: int
    ) -> None:
        expected = 1 if self.paragraph is None else int(self.paragraph.number) + 1
        if value != expected:
            self._error(line, f"paragraph {written} is out of order", f"paragraph {expected} here")
        self.paragraph = self._paragraph(article, value, written, line)
        self.item = None
        self._append(self.paragraph, rest)

    def _new_item(self, article: _Open, value: int, written: str, rest: str, line: int) -> None:
        if self.paragraph is None:
            self.paragraph = self._paragraph(article, 1, "", line)
        expected = 1 if self.item is None else int(self.item.number) + 1
        if value != expected:
            self._error(line, f"item {written} is out of order", f"item {expected} here")
        self.item = self._open(
            f"{self.paragraph.id}.i{value}",
            Kind.ITEM,
            str(value),
            "",
            written,
            self.paragraph.id,
            line,
            0,
        )
        self._append(self.item, rest)

    def _paragraph(self, article: _Open, value: int, written: str, line: int) -> _Open:
        self.item = None
        return self._open(
            f"{article.id}.p{value}", Kind.PARAGRAPH, str(value), "", written, article.id, line, 0
        )

    def _numbered(self, text: str) -> tuple[Kind, int, str, str] | None:
        """Recognise a paragraph or item number at the start of a line."""
        if self.language == "ja":
            paragraph = _JA_PARAGRAPH_RE.match(text)
            if paragraph:
                written, rest = paragraph.group(1), paragraph.group(2)
                return Kind.PARAGRAPH, int(to_ascii_digits(written)), written, rest
            item = _JA_ITEM_RE.match(text)
            if item and (value := parse_kanji(item.group(1))) is not None:
                return Kind.ITEM, value, item.group(1), item.group(2)
            return None
        paragraph = _EN_PARAGRAPH_RE.match(text)
        if paragraph:
            return (
                Kind.PARAGRAPH,
                int(paragraph.group(1)),
                f"({paragraph.group(1)})",
                paragraph.group(2),
            )
        item = _EN_ITEM_RE.match(text)
        # (c), (d), (l), (m) are sub-item letters far more often than items 100, 500, 50, 1000.
        if item and item.group(1) not in _SUBITEM_LETTERS and (value := parse_roman(item.group(1))):
            return Kind.ITEM, value, f"({item.group(1)})", item.group(2)
        return None

    # -- helpers ------------------------------------------------------------------------------

    def _append(self, target: _Open, text: str) -> None:
        if target.kind is Kind.HEADING:
            self._append_block(target, text)
            return
        if target.lines:
            joiner = "" if self.language == "ja" else " "
            target.lines[-1] = target.lines[-1] + joiner + text
        else:
            target.lines.append(text)

    def _append_block(self, target: _Open, text: str) -> None:
        """Sections keep paragraphs and bullets apart: one line per block."""
        starts_block = self.blank or text.startswith(("- ", "* ")) or not target.lines
        if starts_block:
            target.lines.append(text)
        else:
            joiner = "" if self.language == "ja" else " "
            target.lines[-1] = target.lines[-1] + joiner + text

    def _open(
        self,
        provision_id: str,
        kind: Kind,
        number: str,
        caption: str,
        heading: str,
        parent: str | None,
        line: int,
        level: int,
        *,
        deleted: bool = False,
    ) -> _Open:
        if provision_id in self.ids:
            self._error(
                line,
                f"duplicate id '{provision_id}' (first used on line {self.ids[provision_id]})",
                "a unique id; pin one with {#id}",
            )
        else:
            self.ids[provision_id] = line
        opened = _Open(provision_id, kind, number, caption, heading, parent, line, deleted, level)
        self.provisions.append(opened)
        return opened

    def _container_id(self) -> str | None:
        if self.groups:
            return self.groups[-1][1].id
        return self.suppl.id if self.suppl is not None else None

    def _check_order(self, scope: str, numbers: tuple[int, ...], line: int, title: str) -> None:
        previous = self.last_group.get(scope)
        if previous is not None and numbers <= previous[0]:
            self._error(
                line,
                f"'{title}' comes after number {number_text(previous[0])} (line {previous[1]})",
                "numbers in increasing order",
            )
        self.last_group[scope] = (numbers, line)

    def _reset_article(self) -> None:
        self.article = None
        self.paragraph = None
        self.item = None

    def _end_text_scope(self) -> None:
        """After a broken heading, swallow its text rather than report it again."""
        self._reset_article()
        self.current = _Open("", Kind.HEADING, "", "", "", None, 0)

    def _close(self, opened: _Open, children: dict[str, list[_Open]]) -> Provision:
        if opened.kind in (Kind.ARTICLE, Kind.SUPPL):
            text = "\n".join(self._child_lines(opened, children))
        else:
            text = "\n".join(opened.lines)
        return Provision(
            id=opened.id,
            kind=opened.kind,
            number=opened.number,
            caption=opened.caption,
            heading=opened.heading,
            parent=opened.parent,
            line=opened.line,
            deleted=opened.deleted,
            text=text,
            level=opened.level,
        )

    def _child_lines(self, article: _Open, children: dict[str, list[_Open]]) -> list[str]:
        """An article's text: each paragraph and item on its own line, with its number."""
        sep = "\u3000" if self.language == "ja" else " "
        out: list[str] = []
        for paragraph in children.get(article.id, []):
            body = "".join(paragraph.lines)
            out.append(f"{paragraph.heading}{sep}{body}" if paragraph.heading else body)
            for item in children.get(paragraph.id, []):
                out.append(f"{item.heading}{sep}{''.join(item.lines)}")
        return [line for line in out if line]

    def _error(self, line: int, message: str, expected: str = "") -> None:
        self.problems.append(Problem(self.path, line, message, expected))


def _expand_range(start: tuple[int, ...], end: tuple[int, ...]) -> list[tuple[int, ...]]:
    """第五条から第七条まで: (5,), (6,), (7,). Branch bounds keep only the bounds themselves."""
    if len(start) == 1 and len(end) == 1:
        return [(n,) for n in range(start[0], end[0] + 1)]
    return [start, end]
