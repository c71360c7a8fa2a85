"""Hypothesis strategies for valid draft files, built from the structure of the draft format.

Bills (Japanese and English): a pinned element, chapters and sections, articles with branch
numbers, captions, pins, deleted articles and deleted ranges, paragraphs and items (numbers in
kanji, full-width or Arabic digits), wrapped lines, and supplementary provisions with articles or
paragraphs of their own. Guidelines and frameworks: nested sections whose ids are derived from
their titles or pinned, with paragraphs and bullets. Text is drawn from legal words and from a
few words of arbitrary Unicode per draft, each behind a letter that cannot start a number or a
heading.

Each draft draws its Unicode words once and then only picks among words: every primitive draw
is slow under pytest's `enable_assertion_pass_hook` (it rewrites Hypothesis's own asserts), so
fewer draws give more examples in the same time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hypothesis import strategies as st

from lawtrack.model import DocumentKind
from lawtrack.numerals import to_kanji, to_roman

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_WORDS = {
    "ja": [
        "国は",
        "事業者は",
        "安全性を",
        "確保する",
        "報告を",
        "第三条の",
        "措置を",
        "講ずる",
        "。",
    ],
    "en": ["The State", "shall", "take", "measures", "under", "Article 3", "developers", "."],
}
_CAPTIONS = {
    "ja": ["目的", "定義", "基本理念", "国の責務", "報告"],
    "en": ["Purpose", "Definitions", "Basic Principles", "Reports"],
}
_SECTION_WORDS = ["Fairness", "Safety", "Common guiding principles", "Transparency"]
_UNICODE = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=6).map(
    lambda tail: "w" + tail
)
"""Any Unicode (but surrogates and control characters) behind a harmless first letter."""


@dataclass
class _Ctx:
    """What one draft's parts share while it is drawn (local, mutable)."""

    draw: st.DrawFn
    language: str
    words: list[str]
    counter: int = 0

    def fresh(self) -> int:
        """A new number for a pin or title, so that every id is unique."""
        self.counter += 1
        return self.counter

    def pick(self, options: list[str] | str) -> str:
        return self.draw(st.sampled_from(options))

    def number(self, value: int) -> str:
        """A number as Japanese headings write it: kanji, full-width or Arabic digits."""
        if self.language == "en":
            return str(value)
        style = self.pick(["kanji", "full", "arabic"])
        if style == "kanji":
            return to_kanji(value)
        return str(value).translate(_FULL_WIDTH) if style == "full" else str(value)

    def text_lines(self) -> list[str]:
        """One paragraph of text, maybe wrapped over two lines (joined again by the parser).

        One integer chooses up to five words (its digits in base len(words)): one draw, not six.
        """
        base = len(self.words)
        code = self.draw(st.integers(0, base**5 - 1))
        words = [self.words[code % base]]
        while code := code // base:
            words.append(self.words[code % base])
        joiner = "" if self.language == "ja" else " "
        cut = self.draw(st.integers(0, len(words) - 1))
        if not cut:
            return [joiner.join(words)]
        return [joiner.join(words[:cut]), joiner.join(words[cut:])]


def _article_heading(ctx: _Ctx, numbers: tuple[int, ...]) -> tuple[str, bool]:
    """An article heading (`第十二条の二（報告）`, `Article 12-2 (Reports)`) and if it is deleted."""
    if ctx.language == "en":
        head = "Article " + "-".join(str(n) for n in numbers)
    else:
        main, *branches = (ctx.number(n) for n in numbers)
        head = f"第{main}条" + "".join(f"の{branch}" for branch in branches)
    if ctx.draw(st.integers(0, 5)) == 0:
        return head + ("　削除" if ctx.language == "ja" else " Deleted"), True
    if ctx.draw(st.booleans()):
        caption = ctx.pick(_CAPTIONS[ctx.language])
        head += f"（{caption}）" if ctx.language == "ja" else f" ({caption})"
    return head, False


def _paragraph_mark(ctx: _Ctx, index: int) -> str:
    if ctx.language == "en":
        return f"({index}) "
    digits = str(index).translate(_FULL_WIDTH) if ctx.draw(st.booleans()) else str(index)
    return digits + ctx.pick(["　", " "])


def _paragraphs(ctx: _Ctx) -> list[str]:
    lines: list[str] = []
    for index in range(1, ctx.draw(st.integers(1, 3)) + 1):
        text = ctx.text_lines()
        if index > 1 or ctx.draw(st.booleans()):
            text[0] = _paragraph_mark(ctx, index) + text[0]
        lines.extend(text)
        for item in range(1, ctx.draw(st.integers(0, 3)) + 1):
            mark = to_kanji(item) + "　" if ctx.language == "ja" else f"({to_roman(item)}) "
            lines.append(mark + ctx.text_lines()[0])
    return lines


def _deleted_range(ctx: _Ctx, start: int, end: int) -> str:
    if ctx.language == "en":
        return f"### Articles {start} to {end} Deleted"
    return f"### 第{ctx.number(start)}条から第{ctx.number(end)}条まで　削除"


def _articles(ctx: _Ctx, start: int) -> tuple[list[str], int]:
    """A few articles from number `start`; returns the lines and the next free number."""
    out: list[str] = []
    number, last = start, None
    for _ in range(ctx.draw(st.integers(1, 3))):
        shape = ctx.pick(["plain", "plain", "branch", "range"])
        if shape == "range":
            end = number + ctx.draw(st.integers(1, 2))
            out.append(_deleted_range(ctx, number, end))
            number, last = end + 1, (end,)
            continue
        numbers = (number,)
        if shape == "branch" and last is not None:
            numbers = (last[0], last[1] + 1) if len(last) > 1 else (last[0], 2)
        head, deleted = _article_heading(ctx, numbers)
        pin = f" {{#pin-{ctx.fresh()}}}" if ctx.draw(st.integers(0, 4)) == 0 else ""
        out.append(f"### {head}{pin}")
        if not deleted:
            out.extend(_paragraphs(ctx))
        elif ctx.draw(st.booleans()):
            out.append("削除" if ctx.language == "ja" else "Deleted")
        number, last = numbers[0] + 1, numbers
    return out, number


def _group(ctx: _Ctx, unit: str, value: int) -> str:
    if ctx.language == "ja":
        name = {"chapter": "章", "section": "節"}[unit]
        return f"第{ctx.number(value)}{name}" + ctx.pick(["", "　総則", "　雑則"])
    return f"{unit.title()} {value}" + ctx.pick(["", " General Provisions", " Miscellaneous"])


def _suppl(ctx: _Ctx, index: int) -> list[str]:
    heading = "## 附則" if ctx.language == "ja" else "## Supplementary Provisions"
    if index:
        heading += "（令和七年法律第五十三号）" if ctx.language == "ja" else " (Act No. 53 of 2025)"
    body = _articles(ctx, 1)[0] if ctx.draw(st.booleans()) else _paragraphs(ctx)
    return [heading, *body]


def _bill_body(ctx: _Ctx) -> list[str]:
    out: list[str] = []
    if ctx.draw(st.booleans()):  # an element pinned before the articles, as in the 2024 draft
        out.extend([f"## {ctx.pick(_CAPTIONS[ctx.language])} {{#el-{ctx.fresh()}}}", ""])
        out.extend(ctx.text_lines())
    number = 1
    chapters = ctx.draw(st.integers(0, 2))
    for chapter in range(1, chapters + 1):
        out.append(f"## {_group(ctx, 'chapter', chapter)}")
        for section in range(1, ctx.draw(st.integers(0, 2)) + 1):
            out.append(f"### {_group(ctx, 'section', section)}")
            lines, number = _articles(ctx, number)
            out.extend(lines)
        lines, number = _articles(ctx, number)
        out.extend(lines)
    if not chapters:
        out.extend(_articles(ctx, number)[0])
    for index in range(ctx.draw(st.integers(0, 2))):
        out.extend(_suppl(ctx, index))
    return out


def _section_title(ctx: _Ctx) -> str:
    k = ctx.fresh()
    if ctx.language == "ja":
        return f"{ctx.pick(_CAPTIONS['ja'])}{to_kanji(k)} {{#s-{k}}}"
    shape = ctx.pick(["part", "letter", "principle", "words", "pinned"])
    if shape == "part":
        return f"Part {k}"
    if shape == "letter":
        return f"{ctx.pick('ABCDEFG')}-{k} {ctx.pick(_SECTION_WORDS)}"
    if shape == "principle":
        return f"Principle {k}"
    return f"{ctx.pick(_SECTION_WORDS)} " + (f"{k}" if shape == "words" else f"{{#s-{k}}}")


def _sections_body(ctx: _Ctx) -> list[str]:
    out: list[str] = []
    level = 2
    for _ in range(ctx.draw(st.integers(1, 6))):
        level = ctx.draw(st.integers(2, min(level + 1, 6)))
        out.extend([f"{'#' * level} {_section_title(ctx)}", ""])
        for _block in range(ctx.draw(st.integers(0, 3))):
            lines = ctx.text_lines()
            out.extend([f"- {lines[0]}", *lines[1:]] if ctx.draw(st.booleans()) else lines)
            if ctx.draw(st.booleans()):
                out.append("")  # without a blank line, the next block may run on
    return out


def front_matter(language: str, title: str) -> str:
    """Valid front matter for a generated draft."""
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndocument: generated\n"
        f"version: v1\ndate: 2025-01-01\nlanguage: {language}\nstage: test\n"
        "status: unofficial-restatement\nsource:\n  url: https://example.org/generated\n---\n\n"
    )


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, DocumentKind, str]:
    """A valid draft file of any kind and language: (text, document kind, language)."""
    kind = draw(st.sampled_from(list(DocumentKind)))
    language = draw(st.sampled_from(["ja", "en"]))
    unicode_words = draw(st.lists(_UNICODE, max_size=3))
    ctx = _Ctx(draw, language, [*_WORDS[language], *unicode_words])
    title = ctx.pick(ctx.words)
    body = _bill_body(ctx) if kind is DocumentKind.BILL else _sections_body(ctx)
    return front_matter(language, title) + "\n".join(body) + "\n", kind, language
