"""Alignment of units between versions, lineages and their ids, on fixtures and the real corpus."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lawtrack.align import ChangeKind, MatchKind, align, align_versions, units
from lawtrack.corpus import load_corpus
from lawtrack.lineage import build, derive
from lawtrack.model import Kind, Provision
from lawtrack.textnorm import comparable, normalize

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = "tests/fixtures/compare"


def _document(slug: str, folder: str = FIXTURES):  # type: ignore[no-untyped-def]
    result = load_corpus(ROOT, folder, only=slug)
    assert result.corpus is not None, [str(p) for p in result.problems]
    document = result.corpus.document(slug)
    assert document is not None
    return document


@pytest.fixture(scope="module")
def model_bill():  # type: ignore[no-untyped-def]
    return _document("model-bill")


def _summary(changes):  # type: ignore[no-untyped-def]
    return [(c.kind.value, c.old, c.new, c.renumbered) for c in changes]


V1_V2 = [
    ("unchanged", ("art-1",), ("art-1",), False),
    ("modified", ("art-2",), ("art-2",), False),  # a definition item added
    ("unchanged", ("art-3",), ("art-3",), False),
    ("added", (), ("art-4",), False),  # inserted: everything after it is renumbered
    ("unchanged", ("art-4",), ("art-5",), True),  # renumbered, text as before
    ("split", ("art-5",), ("art-6", "art-7"), False),  # paragraphs became two articles
    ("modified", ("art-6",), ("art-8",), True),  # renumbered, and its reference 第五条→第六条
    ("merged", ("art-7", "art-8"), ("art-9",), False),  # guidance and advice in one article
    ("removed", ("art-9",), (), False),  # penalties dropped (no concordance)
    ("modified", ("art-10",), ("art-10",), False),
    ("unchanged", ("suppl-art-1",), ("suppl-art-1",), False),
]
V2_V3 = [  # driven by the concordance of v3
    ("unchanged", ("art-1",), ("art-1",), False),
    ("unchanged", ("art-2",), ("art-2",), False),
    ("unchanged", ("art-3",), ("art-3",), False),
    ("unchanged", ("art-4",), ("art-4",), False),
    ("unchanged", ("art-5",), ("art-5",), False),
    ("unchanged", ("art-6",), ("art-6",), False),
    ("unchanged", ("art-7",), ("art-7",), False),
    ("removed", ("art-8",), (), False),  # concordance: art-8: null
    ("split", ("art-9",), ("art-8", "art-9"), False),  # concordance: art-9: [art-8, art-9]
    ("unchanged", ("art-10",), ("art-10",), False),
    ("unchanged", ("suppl-art-1",), ("suppl-art-1",), False),
]
V1_V3 = [  # derived from the lineages
    ("unchanged", ("art-1",), ("art-1",), False),
    ("modified", ("art-2",), ("art-2",), False),
    ("unchanged", ("art-3",), ("art-3",), False),
    ("added", (), ("art-4",), False),
    ("unchanged", ("art-4",), ("art-5",), True),
    ("split", ("art-5",), ("art-6", "art-7"), False),
    ("removed", ("art-6",), (), False),  # reports: renumbered in v2, removed in v3
    ("split", ("art-7", "art-8"), ("art-8", "art-9"), False),  # merged in v2, split again in v3
    ("removed", ("art-9",), (), False),
    ("modified", ("art-10",), ("art-10",), False),
    ("unchanged", ("suppl-art-1",), ("suppl-art-1",), False),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [("v1", "v2", V1_V2), ("v2", "v3", V2_V3), ("v1", "v3", V1_V3)],
)
def test_model_bill_alignment(model_bill, old, new, expected) -> None:  # type: ignore[no-untyped-def]
    lineage = build(model_bill)
    assert _summary(lineage.alignment(old, new).changes) == expected


def test_alignment_is_the_same_in_both_languages(model_bill) -> None:  # type: ignore[no-untyped-def]
    v1, v2 = model_bill.versions[0], model_bill.versions[1]
    english_only = [dataclasses.replace(v, drafts=(v.draft("en"),)) for v in (v1, v2)]
    assert align_versions(v1, v2).language == "ja"
    english = align_versions(*english_only)
    assert english.language == "en"
    assert _summary(english.changes) == V1_V2


def test_lineage_ids_follow_the_first_version_rule(model_bill) -> None:  # type: ignore[no-untyped-def]
    lineage = build(model_bill)
    found = {lin.id: (lin.members, lin.split_from, lin.merged_into) for lin in lineage.lineages}
    # a split carries the lineage on in its first part; the other part starts its own
    assert found["art-5"][0] == (("v1", "art-5"), ("v2", "art-6"), ("v3", "art-6"))
    assert found["art-7~v2"] == ((("v2", "art-7"), ("v3", "art-7")), ("art-5", "v2"), None)
    # a merge is carried on by the first old article; the second ends there
    assert found["art-7"][0] == (("v1", "art-7"), ("v2", "art-9"), ("v3", "art-8"))
    assert found["art-8"] == ((("v1", "art-8"),), None, ("art-7", "v2"))
    # an inserted article whose id an earlier lineage already has gets ~<version>
    assert found["art-4~v2"][0] == (("v2", "art-4"), ("v3", "art-4"))
    assert found["art-9~v3"] == ((("v3", "art-9"),), ("art-7", "v3"), None)
    assert lineage.lineage("art-6").stated_end  # the v3 concordance removed it
    assert lineage.lineage_of("v3", "art-8") == "art-7"


def test_derived_alignment_of_consecutive_versions_matches_the_direct_one(model_bill) -> None:  # type: ignore[no-untyped-def]
    lineage = build(model_bill)
    versions = model_bill.versions
    for old, new in itertools.pairwise(versions):
        direct = lineage.alignment(old.version, new.version)
        derived = derive(old, new, lineage.lineages)
        assert _summary(derived.changes) == _summary(direct.changes)


def test_guideline_sections_renamed_by_similarity() -> None:
    document = _document("model-guide")
    changes = build(document).alignment("v1", "v2").changes
    assert _summary(changes) == [
        ("unchanged", ("intro",), ("intro",), False),
        ("unchanged", ("part-1",), ("part-1",), False),
        ("modified", ("safety",), ("safety",), False),
        ("modified", ("transparency",), ("openness",), True),  # new pin, same text, new caption
        ("removed", ("accountability",), (), False),
        ("added", (), ("privacy",), False),
        ("unchanged", ("checklist",), ("checklist",), False),
    ]
    renamed = changes[3]
    assert renamed.match is MatchKind.SIMILARITY
    assert renamed.similarity == 1.0


def test_real_corpus_lineages_match_the_editors_notes() -> None:
    """Every lineage id used in drafts/*/notes.yml is a lineage the corpus produces."""
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    for document in corpus.documents:
        ids = {lin.id for lin in build(document).lineages}
        notes = ROOT / "drafts" / document.slug / "notes.yml"
        if notes.is_file():
            keys = set(yaml.safe_load(notes.read_text(encoding="utf-8")) or {})
            assert keys <= ids, (document.slug, sorted(keys - ids))


def test_real_ai_law_concordance_split_and_removals() -> None:
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    document = corpus.document("ai-law")
    assert document is not None
    lineage = build(document)
    changes = {c.old: c for c in lineage.alignment("wg-draft", "cabinet-bill").changes if c.old}
    split = changes[("el-state-duties",)]
    assert split.kind is ChangeKind.SPLIT
    assert split.new == ("art-4", "art-11", "art-14")
    assert split.lead == ("el-state-duties", "art-4")
    assert changes[("el-definitions",)].kind is ChangeKind.REMOVED
    assert changes[("el-definitions",)].match is MatchKind.CONCORDANCE
    assert lineage.lineage("art-11").split_from == ("el-state-duties", "cabinet-bill")
    same = lineage.alignment("cabinet-bill", "promulgated").changes
    assert {c.kind for c in same} == {ChangeKind.UNCHANGED}


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            "第十二条の二の規定により",
            "第１２条の２の規定により",
        ),  # kanji, full-width, Arabic numbering
        ("国は、\u3000措置を講ずる。", "国は、 措置を講ずる。"),  # ideographic space
        ("ＡＩ　システム", "AI システム"),  # full-width letters
        ("(1) The State\n shall", "(1) The State shall"),  # whitespace
    ],
)
def test_normalize_folds_formatting_variants(left: str, right: str) -> None:
    assert normalize(left) == normalize(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("前条の規定により", "第四条の規定により"),
        ("第四条第二項の規定", "第五条第三項の規定"),
        ("under Article 4(2) of this Act", "under Article 5(3) of this Act"),
        ("under the preceding Article", "under Article 12-2"),
    ],
)
def test_masking_hides_internal_references(left: str, right: str) -> None:
    assert comparable(left) == comparable(right)


def test_kanji_outside_numbering_is_text() -> None:
    assert normalize("十分に") != normalize("10分に")


# Properties ------------------------------------------------------------------------------------

_WORDS = [
    "国は",
    "事業者は",
    "安全性を",
    "確保する",
    "報告",
    "前条の",
    "第三条の",
    "措置を",
    "講ずる",
    "。",
]


def _unit(index: int, text: str) -> Provision:
    return Provision(
        f"art-{index}", Kind.ARTICLE, str(index), "", f"第{index}条", None, index, False, text
    )


texts = st.lists(st.sampled_from(_WORDS), max_size=10).map("".join)
unit_lists = st.lists(texts, max_size=12).map(
    lambda items: [_unit(i + 1, text) for i, text in enumerate(items)]
)


@settings(max_examples=40, deadline=None)
@given(old=unit_lists, new=unit_lists, data=st.data())
def test_alignment_uses_every_unit_exactly_once(old, new, data) -> None:  # type: ignore[no-untyped-def]
    old_ids = [u.id for u in old]
    new_ids = [u.id for u in new]
    concordance = []
    if old and new:
        for old_id in data.draw(st.lists(st.sampled_from(old_ids), unique=True, max_size=3)):
            targets = data.draw(st.lists(st.sampled_from(new_ids), unique=True, max_size=2))
            concordance.append((old_id, tuple(targets)))
    changes = align(old, new, concordance)
    used_old = sorted(i for c in changes for i in c.old)
    used_new = sorted(i for c in changes for i in c.new)
    empty_sides = [
        c
        for c in changes
        if (not c.old and c.kind is not ChangeKind.ADDED)
        or (not c.new and c.kind is not ChangeKind.REMOVED)
    ]
    assert (used_old, used_new, empty_sides) == (sorted(old_ids), sorted(new_ids), [])


@settings(max_examples=30, deadline=None)
@given(same=unit_lists)
def test_a_version_compared_with_itself_is_unchanged(same) -> None:  # type: ignore[no-untyped-def]
    changes = align(same, same)
    kinds = {(c.kind, c.renumbered) for c in changes}
    assert kinds <= {(ChangeKind.UNCHANGED, False)}
    assert [c.old for c in changes] == [(u.id,) for u in same]


def test_units_are_articles_sections_and_suppl_blocks_with_text() -> None:
    result = load_corpus(ROOT, "tests/fixtures", only="constructs")
    assert result.corpus is not None
    document = result.corpus.document("constructs")
    assert document is not None
    found = [(p.id, p.kind) for p in units(document.versions[0].primary.provisions)]
    assert ("suppl-amend", Kind.SUPPL) in found  # has paragraphs of its own
    assert ("suppl", Kind.SUPPL) not in found  # only holds articles
    assert ("suppl-art-1", Kind.ARTICLE) in found
    assert all(kind in (Kind.ARTICLE, Kind.HEADING, Kind.SUPPL) for _, kind in found)
