"""In-text references resolve to the right provision (JA and EN fixtures, every form)."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT
from lawtrack.corpus import load_draft
from lawtrack.references import Index, find
from lawtrack.terms import defined_terms, occurrences


def references(language: str) -> dict[tuple[str, str], tuple[str | None, str]]:
    draft, problems = load_draft(FIXTURES / f"references/2025-01-01-v1.{language}.md", ROOT)
    assert draft is not None, problems
    index = Index.of(draft)
    out = {}
    for provision in draft.provisions:
        for reference in find(index, provision):
            out[(provision.id, reference.text)] = (reference.target, reference.reason)
    return out


JA = [
    ("art-3.p1", "第一条", "art-1"),  # 第三条
    ("art-2.p1.i2", "第八条第一項", "art-8.p1"),  # 第八条第一項
    ("art-3.p3", "同条第二項", "art-8.p2"),  # 同条 = the article cited just before
    ("art-3.p3", "第二条第一号", "art-2.p1.i1"),  # 第二条第一号
    ("art-3.p3", "第一項", "art-3.p1"),  # a paragraph of the same article
    ("art-3.p2", "前項", "art-3.p1"),
    ("art-3-2.p1", "前条", "art-3"),
    ("art-4.p1", "前条", "art-3-2"),  # 前条 of 第四条 is the branch article 第三条の二
    ("art-4.p1", "次条", "art-5"),
    ("art-4.p2", "第三章", "ch-3"),
    ("art-5.p1", "同項", "art-4.p1"),
    ("art-8.p2.i2", "前号", "art-8.p2.i1"),
    ("art-8.p3", "第二項第一号", "art-8.p2.i1"),
    ("suppl-art-1.p1", "附則第二条", "suppl-art-2"),
    ("suppl-art-1.p1", "第三条", "suppl-art-3"),  # 附則第二条及び第三条
    ("suppl-art-3.p1", "前条", "suppl-art-2"),  # within the supplementary provisions
]

EN = [
    ("art-3.p1", "Article 1", "art-1"),
    ("art-2.p1.i2", "Article 8(1)", "art-8.p1"),
    ("art-5.p1", "Article 4, paragraph (1)", "art-4.p1"),
    ("art-3.p3", "Paragraph (2) of Article 3", "art-3.p2"),
    ("art-3.p3", "Article 2, item (i)", "art-2.p1.i1"),
    ("art-3.p2", "the preceding paragraph", "art-3.p1"),
    ("art-3-2.p1", "the preceding Article", "art-3"),
    ("art-4.p1", "the preceding Article", "art-3-2"),
    ("art-4.p1", "the following Article", "art-5"),
    ("art-4.p2", "Chapter III", "ch-3"),
    ("art-8.p2.i2", "the preceding item", "art-8.p2.i1"),
    ("art-9.p1", "the same Article", "art-8"),
    ("suppl-art-1.p1", "Article 2 of the Supplementary Provisions", "suppl-art-2"),
]


@pytest.mark.parametrize(("where", "text", "target"), JA)
def test_japanese_reference(where: str, text: str, target: str) -> None:
    assert references("ja")[(where, text)] == (target, "")


@pytest.mark.parametrize(("where", "text", "target"), EN)
def test_english_reference(where: str, text: str, target: str) -> None:
    assert references("en")[(where, text)] == (target, "")


@pytest.mark.parametrize(
    ("language", "where", "text", "reason"),
    [
        ("ja", "art-9.p1", "第二条", "another law"),  # 科学技術・イノベーション基本法第二条
        ("ja", "art-9.p1", "第九十九条", "no such provision"),
        ("en", "art-5.p1", "Article 2", "another law"),  # Article 2 of the Basic Act on …
        ("en", "art-5.p1", "Article 99", "no such provision"),
    ],
)
def test_unresolvable_references_stay_text(
    language: str, where: str, text: str, reason: str
) -> None:
    assert references(language)[(where, text)] == (None, reason)


def test_defined_terms_and_their_occurrences() -> None:
    draft, _ = load_draft(FIXTURES / "references/2025-01-01-v1.ja.md", ROOT)
    assert draft is not None
    terms = defined_terms(draft)
    assert [t.term for t in terms] == ["試験機関", "報告書"]
    assert terms[0].provision == "art-2.p1.i1"
    text = "試験機関は、報告書を提出しなければならない。"
    found = occurrences(text, terms)
    assert [(o.start, o.end, o.term.term) for o in found] == [(0, 4, "試験機関"), (6, 9, "報告書")]


def test_english_terms_respect_word_boundaries() -> None:
    draft, _ = load_draft(FIXTURES / "references/2025-01-01-v1.en.md", ROOT)
    assert draft is not None
    terms = defined_terms(draft)
    assert [t.term for t in terms] == ["testing body", "report"]
    found = occurrences(
        "A testing body must submit a report; reports and reporting are not.", terms
    )
    assert [
        text for text in ("testing body", "report") if any(o.term.term == text for o in found)
    ] == ["testing body", "report"]
    assert len(found) == 2


def test_occurrences_skip_taken_spans_and_prefer_longer_terms() -> None:
    draft, _ = load_draft(ROOT / "drafts/ai-law/2025-06-04-promulgated.ja.md", ROOT)
    assert draft is not None
    terms = defined_terms(draft)
    assert [t.term for t in terms] == ["人工知能関連技術"]
    text = "人工知能関連技術の研究開発"
    assert len(occurrences(text, terms)) == 1
    assert occurrences(text, terms, skip=((0, 3),)) == []


def render(markdown_text: str) -> str:
    import markdown

    return markdown.markdown(f"<p markdown>{markdown_text}</p>", extensions=["md_in_html"])


def test_annotated_text_links_references_and_marks_terms() -> None:
    from lawtrack.crossref import draft_links
    from lawtrack.pages.inline import annotated

    draft, _ = load_draft(FIXTURES / "references/2025-01-01-v1.ja.md", ROOT)
    assert draft is not None
    links = draft_links(draft)
    paragraph = draft.provision("art-4.p1")
    assert paragraph is not None
    html = render(annotated(paragraph, paragraph.text, links))
    assert (
        '<a class="lt-ref" href="#art-3-2" title="第三条の二（枝番号の条） 前条の規定にかかわらず、特例を設ける。">前条</a>'
        in html
    )
    item = draft.provision("art-3.p3")
    assert item is not None
    html = render(annotated(item, item.text, links))
    assert (
        '<abbr class="lt-term" title="試験機関: 「試験機関」とは、試験を行う機関をいう。">試験機関</abbr>'
        in html
    )
    definition = draft.provision("art-2.p1.i1")
    assert definition is not None
    assert "<abbr" not in render(annotated(definition, definition.text, links)), (
        "not marked where defined"
    )


def test_unresolved_references_are_listed_by_validate_verbose(runner, tmp_path) -> None:
    from lawtrack.crossref import corpus_links, unresolved_problems
    from lawtrack.model import Corpus

    draft, _ = load_draft(FIXTURES / "references/2025-01-01-v1.ja.md", ROOT)
    assert draft is not None
    from lawtrack.corpus import group_versions
    from lawtrack.model import Document, DocumentKind, Localized

    versions, _ = group_versions([draft])
    corpus = Corpus(
        (Document("references", Localized(en="x"), DocumentKind.BILL, Localized(), (), versions),)
    )
    problems = unresolved_problems(corpus, corpus_links(corpus))
    assert [str(p) for p in problems] == [
        "tests/fixtures/references/2025-01-01-v1.ja.md:49: warning: unresolved reference '第二条' in art-9.p1 (another law) (expected a provision of this version, or text naming another law)",
        "tests/fixtures/references/2025-01-01-v1.ja.md:49: warning: unresolved reference '第九十九条' in art-9.p1 (no such provision) (expected a provision of this version, or text naming another law)",
    ]
