"""Parser tables (Japanese and English, every construct and every error) and invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawtrack.model import DocumentKind, Kind
from lawtrack.structure import parse_body


def parse(text: str, language: str = "ja", kind: DocumentKind = DocumentKind.BILL):
    return parse_body(text, path="t.md", language=language, kind=kind)  # type: ignore[arg-type]


def ids(text: str, language: str = "ja", kind: DocumentKind = DocumentKind.BILL) -> list[str]:
    result = parse(text, language, kind)
    assert not result.problems, [str(p) for p in result.problems]
    return [p.id for p in result.provisions]


def messages(text: str, language: str = "ja", kind: DocumentKind = DocumentKind.BILL) -> list[str]:
    return [str(p) for p in parse(text, language, kind).problems]


# -- headings: one heading → (id, kind, number, caption, deleted) ---------------------------------

HEADINGS = [
    # Japanese
    ("### 第一条（目的）", "ja", "art-1", Kind.ARTICLE, "1", "目的", False),
    ("### 第十二条の二（報告）", "ja", "art-12-2", Kind.ARTICLE, "12-2", "報告", False),
    ("### 第１２条の２", "ja", "art-12-2", Kind.ARTICLE, "12-2", "", False),
    ("### 第12条の2", "ja", "art-12-2", Kind.ARTICLE, "12-2", "", False),
    ("### 第十条の二の三", "ja", "art-10-2-3", Kind.ARTICLE, "10-2-3", "", False),
    ("### 第九千九百九十九条", "ja", "art-9999", Kind.ARTICLE, "9999", "", False),
    ("### 第五条　削除", "ja", "art-5", Kind.ARTICLE, "5", "", True),
    ("### 第五条 削除", "ja", "art-5", Kind.ARTICLE, "5", "", True),
    ("### 第五条削除", "ja", "art-5", Kind.ARTICLE, "5", "", True),
    ("## 第一章　総則", "ja", "ch-1", Kind.CHAPTER, "1", "総則", False),
    ("## 第三章", "ja", "ch-3", Kind.CHAPTER, "3", "", False),
    ("## 第二章の二　雑則", "ja", "ch-2-2", Kind.CHAPTER, "2-2", "雑則", False),
    ("## 第一編　総則", "ja", "part-1", Kind.PART, "1", "総則", False),
    ("## 附則", "ja", "suppl", Kind.SUPPL, "", "", False),
    ("## 附　則", "ja", "suppl", Kind.SUPPL, "", "", False),
    (
        "## 附則（令和七年法律第五十三号）",
        "ja",
        "suppl",
        Kind.SUPPL,
        "",
        "令和七年法律第五十三号",
        False,
    ),
    ("## 目的 {#el-purpose}", "ja", "el-purpose", Kind.HEADING, "", "目的", False),
    ("### 第三条（基本理念） {#art-3x}", "ja", "art-3x", Kind.ARTICLE, "3", "基本理念", False),
    # English
    ("### Article 1 (Purpose)", "en", "art-1", Kind.ARTICLE, "1", "Purpose", False),
    ("### Article 12-2 (Reports)", "en", "art-12-2", Kind.ARTICLE, "12-2", "Reports", False),
    ("### Article 5 Deleted", "en", "art-5", Kind.ARTICLE, "5", "", True),
    ("### Article 5: Deleted", "en", "art-5", Kind.ARTICLE, "5", "", True),
    ("### Article 5 [Deleted]", "en", "art-5", Kind.ARTICLE, "5", "", True),
    ("### Article 5 (Deleted)", "en", "art-5", Kind.ARTICLE, "5", "", True),
    (
        "## Chapter 1 General Provisions",
        "en",
        "ch-1",
        Kind.CHAPTER,
        "1",
        "General Provisions",
        False,
    ),
    (
        "## Chapter IV AI Strategy Headquarters",
        "en",
        "ch-4",
        Kind.CHAPTER,
        "4",
        "AI Strategy Headquarters",
        False,
    ),
    ("## Chapter 2", "en", "ch-2", Kind.CHAPTER, "2", "", False),
    ("## Part 1 General", "en", "part-1", Kind.PART, "1", "General", False),
    ("## Supplementary Provisions", "en", "suppl", Kind.SUPPL, "", "", False),
    ("## Purpose {#el-purpose}", "en", "el-purpose", Kind.HEADING, "", "Purpose", False),
]


@pytest.mark.parametrize(
    ("line", "language", "pid", "kind", "number", "caption", "deleted"), HEADINGS
)
def test_heading(line, language, pid, kind, number, caption, deleted) -> None:
    result = parse(line, language)
    assert not result.problems, [str(p) for p in result.problems]
    first = result.provisions[0]
    assert (first.id, first.kind, first.number, first.caption, first.deleted) == (
        pid,
        kind,
        number,
        caption,
        deleted,
    )
    assert first.line == 1


def test_numbers_in_every_writing_give_the_same_id() -> None:
    for written in ("第十二条", "第１２条", "第12条"):
        assert ids(f"### {written}\ntext") == ["art-12", "art-12.p1"]


def test_nesting_of_parts_chapters_sections_and_articles() -> None:
    text = "\n".join(
        [
            "## 第一編　総則",
            "## 第一章　通則",
            "### 第一節　申請",
            "#### 第一款　細則",
            "### 第一条",
            "本文",
            "## 第二章　雑則",
            "### 第二条",
            "本文",
        ]
    )
    provisions = {p.id: p for p in parse(text).provisions}
    assert provisions["part-1.ch-1.sec-1.sub-1"].parent == "part-1.ch-1.sec-1"
    assert provisions["art-1"].parent == "part-1.ch-1.sec-1.sub-1"
    assert provisions["part-1.ch-2"].parent == "part-1"
    assert provisions["art-2"].parent == "part-1.ch-2"


def test_paragraphs_and_items_japanese() -> None:
    text = (
        "### 第二条（定義）\n柱書\n一　第一号\n二　第二号\n２　第二項\n継続行\n３　第三項\n一　号"
    )
    result = parse(text)
    assert not result.problems
    got = {p.id: (p.kind, p.number, p.heading, p.text, p.parent) for p in result.provisions}
    assert got["art-2.p1"] == (Kind.PARAGRAPH, "1", "", "柱書", "art-2")
    assert got["art-2.p1.i1"] == (Kind.ITEM, "1", "一", "第一号", "art-2.p1")
    assert got["art-2.p1.i2"] == (Kind.ITEM, "2", "二", "第二号", "art-2.p1")
    assert got["art-2.p2"] == (Kind.PARAGRAPH, "2", "２", "第二項継続行", "art-2")
    assert got["art-2.p3.i1"] == (Kind.ITEM, "1", "一", "号", "art-2.p3")
    assert (
        got["art-2"][3]
        == "柱書\n一\u3000第一号\n二\u3000第二号\n２\u3000第二項継続行\n３\u3000第三項\n一\u3000号"
    )


def test_paragraphs_and_items_english() -> None:
    text = "### Article 2\n(1) Chapeau\nwrapped.\n(i) first\n(ii) second\n(2) Second.\n(a) sub-item stays in text"
    result = parse(text, "en")
    assert not result.problems
    got = {p.id: (p.number, p.heading, p.text) for p in result.provisions}
    assert got["art-2.p1"] == ("1", "(1)", "Chapeau wrapped.")
    assert got["art-2.p1.i2"] == ("2", "(ii)", "second")
    assert got["art-2.p2"] == ("2", "(2)", "Second. (a) sub-item stays in text")


def test_first_paragraph_may_omit_its_number_in_english() -> None:
    assert ids("### Article 1\nText.\n(2) More.", "en") == ["art-1", "art-1.p1", "art-1.p2"]


def test_items_directly_after_the_heading_go_into_paragraph_one() -> None:
    assert ids("### 第二条\n一　号") == ["art-2", "art-2.p1", "art-2.p1.i1"]


def test_supplementary_provisions_have_their_own_articles() -> None:
    text = "### 第一条\n本文\n## 附則\n### 第一条（施行期日）\n施行\n## 附則\n附則の本文"
    assert ids(text) == [
        "art-1",
        "art-1.p1",
        "suppl",
        "suppl-art-1",
        "suppl-art-1.p1",
        "suppl-2",
        "suppl-2.p1",
    ]


def test_article_numbers_restart_in_supplementary_provisions() -> None:
    assert not parse("### 第五条\nx\n## 附則\n### 第一条\ny").problems


def test_deleted_range_expands_to_each_article() -> None:
    result = parse("### 第五条から第七条まで　削除\n### 第八条\nx")
    assert [(p.id, p.deleted) for p in result.provisions][:3] == [
        ("art-5", True),
        ("art-6", True),
        ("art-7", True),
    ]


def test_article_whose_body_is_deleted_mark_is_deleted() -> None:
    result = parse("### 第五条　削除\n削除")
    assert not result.problems
    assert result.provisions[0].deleted


def test_unpinned_element_headings_need_a_pin_in_bills_but_not_in_guidelines() -> None:
    assert messages("## Purpose\ntext", "en")
    assert ids("## Part 2 Principles\n### C-3 Fairness\ntext", "en", DocumentKind.GUIDELINES) == [
        "part-2",
        "c-3",
    ]


def test_guideline_sections_nest_by_level_and_keep_paragraphs_and_bullets() -> None:
    text = (
        "## Part 2 {#part-2}\nIntro line one\ncontinues.\n\nSecond para.\n"
        "### C. Common {#c}\n- one\n- two\nlazy continuation\n\nAfter."
    )
    result = parse(text, "en", DocumentKind.GUIDELINES)
    assert not result.problems
    got = {p.id: p for p in result.provisions}
    assert got["c"].parent == "part-2"
    assert got["part-2"].text == "Intro line one continues.\nSecond para."
    assert got["c"].text == "- one\n- two lazy continuation\nAfter."


# -- errors: every one names its line and what was expected ---------------------------------------

ERRORS = [
    ("### 第二条の（定義）", "ja", 1, "starts like an article heading but does not parse"),
    ("### 第二条　目的", "ja", 1, "starts like an article heading but does not parse"),
    ("### 第十十条", "ja", 1, "number does not parse"),
    ("## 第一章の", "ja", 1, "does not parse"),
    ("### Article 5a", "en", 1, "starts like an article heading but does not parse"),
    ("### Article", "en", 1, "does not parse"),
    ("## Chapter X1", "en", 1, "does not parse"),
    ("### 第一条\nx\n### 第一条\ny", "ja", 3, "duplicate id 'art-1' (first used on line 1)"),
    ("### 第六条\nx\n### 第五条\ny", "ja", 3, "article 5 comes after article 6 (line 1)"),
    ("### Article 6\nx\n### Article 5\ny", "en", 3, "article 5 comes after article 6"),
    ("## 第二章\n## 第一章", "ja", 2, "comes after number 2"),
    ("### 第一条\n２　first numbered 2", "ja", 2, "paragraph ２ is out of order"),
    ("### 第一条\n本文\n３　skip", "ja", 3, "paragraph ３ is out of order"),
    ("### 第一条\n本文\n二　item 2 first", "ja", 3, "item 二 is out of order"),
    ("### Article 1\ntext\n(3) skip", "en", 3, "paragraph (3) is out of order"),
    ("intro before any heading", "ja", 1, "text before the first heading"),
    ("## 第一章\n本文の外のテキスト", "ja", 2, "text outside an article"),
    ("## 第一章\n２　numbered", "ja", 2, "numbered paragraph or item outside an article"),
    ("## 第一章\n一　item", "ja", 2, "numbered paragraph or item outside an article"),
    ("####### seven", "ja", 1, "heading deeper than six levels"),
    ("#" * 50 + " deep", "ja", 1, "heading deeper than six levels"),
    ("#nospace", "ja", 1, "a heading needs a space after its # marks"),
    ("## x {#Bad}", "en", 1, "unusable pin"),
    ("## x {#a onclick=alert(1)}", "en", 1, "unusable pin"),
    ("## x {.class}", "en", 1, "unusable pin"),
    ("## Random heading", "en", 1, "has no {#id} pin"),
    ("### 第五条　削除\n本文", "ja", 2, "a deleted article has no text"),
    ("##", "ja", 1, "empty heading"),
]


@pytest.mark.parametrize(("text", "language", "line", "fragment"), ERRORS)
def test_error(text: str, language: str, line: int, fragment: str) -> None:
    problems = parse(text, language).problems
    assert problems, "expected a problem"
    assert problems[0].line == line
    assert fragment in problems[0].message
    assert problems[0].expected, "every error says what was expected"
    assert str(problems[0]).startswith(f"t.md:{line}: ")


def test_every_problem_is_listed_not_only_the_first() -> None:
    text = "### 第二条の（定義）\n### 第五条\nx\n### 第四条\ny\n####### deep"
    assert [p.line for p in parse(text).problems] == [1, 4, 6]


def test_lines_count_from_the_body_start() -> None:
    result = parse_body(
        "### 第一条\n本文", path="t.md", language="ja", kind=DocumentKind.BILL, first_line=12
    )
    assert [p.line for p in result.provisions] == [12, 13]


def test_crlf_and_lone_cr_line_endings() -> None:
    assert ids("### 第一条\r\n本文\r\n### 第二条\r本文") == [
        "art-1",
        "art-1.p1",
        "art-2",
        "art-2.p1",
    ]


# -- invariants -------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["ja", "en"]), st.sampled_from(list(DocumentKind)))
def test_parser_is_total_on_arbitrary_unicode(text: str, language: str, kind: DocumentKind) -> None:
    result = parse(text, language, kind)
    for provision in result.provisions:
        assert provision.line >= 1
    for problem in result.problems:
        assert problem.line >= 1


LEGALISH = st.lists(
    st.sampled_from(
        [
            "## 第一章　総則",
            "### 第一条（目的）",
            "### 第二条の二",
            "### 第三条　削除",
            "## 附則",
            "### Article 4 (Reports)",
            "本文。",
            "２　第二項。",
            "一　号。",
            "(1) First.",
            "(ii) item",
            "",
            "## x {#el-x}",
            "### 第二条の（定義）",
            "####### deep",
        ]
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(LEGALISH, st.sampled_from(["ja", "en"]))
def test_parser_is_total_on_legal_looking_input(lines: list[str], language: str) -> None:
    result = parse("\n".join(lines), language)
    if not result.problems:
        seen = [p.id for p in result.provisions]
        assert len(seen) == len(set(seen)), "valid output never has duplicate ids"
        known = set(seen)
        assert all(p.parent is None or p.parent in known for p in result.provisions)
