"""Properties (Hypothesis) that complete those of test_structure, test_diff and test_lineage.

Reading a whole file is total; diffs join back on any Unicode and on every real and synthetic
pair; alignment uses every unit exactly once and a version compared with itself is unchanged,
on synthetic versions (scripts/synthetic.py), on every pair of real versions and on the fixtures.
Example budgets are CI-sized: pytest's assertion pass hook (needed by pytest-golden) makes every
Hypothesis draw slow here.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from draftgen import front_matter
from lawtrack.align import Change, ChangeKind, align, align_versions, units
from lawtrack.corpus import load_corpus
from lawtrack.diff import diff_texts
from lawtrack.frontmatter import read_draft
from lawtrack.lineage import build, version_units
from lawtrack.model import DocumentKind, Provision
from synthetic import parse as parse_synthetic
from synthetic import synthetic_texts

UNICODE = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
"""Any text a UTF-8 file can hold (lone surrogates cannot be decoded from UTF-8)."""


# Reading files ---------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    body=st.one_of(st.binary(max_size=200), UNICODE),
    with_front_matter=st.booleans(),
    kind=st.sampled_from(list(DocumentKind)),
    language=st.sampled_from(["ja", "en"]),
)
def test_reading_any_file_gives_a_draft_or_located_problems(
    body: bytes | str, with_front_matter: bool, kind: DocumentKind, language: str
) -> None:
    """Front matter, decoding and body together never raise; a failure always says where."""
    data = body if isinstance(body, bytes) else body.encode()
    if with_front_matter:
        data = front_matter(language, "t").encode() + data
    draft, problems, _ = read_draft(data, "t.md", kind)
    assert (draft is None) == bool(problems)
    assert all(p.path == "t.md" and p.line >= 0 and p.message for p in problems)


# Diffs -----------------------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(
    old=UNICODE,
    new=UNICODE,
    language=st.sampled_from(["ja", "en"]),
    engine=st.sampled_from(["fast", "pure"]),
)
def test_diffs_of_any_unicode_join_back(old: str, new: str, language: str, engine: str) -> None:
    diff = diff_texts(old, new, language, engine=engine)
    assert (diff.old, diff.new) == (old, new)


def _real_documents():  # type: ignore[no-untyped-def]
    documents = []
    for folder in ("drafts", "tests/fixtures/compare"):
        corpus = load_corpus(ROOT, folder).corpus
        assert corpus is not None
        documents.extend(corpus.documents)
    return documents


@pytest.fixture(scope="module")
def real_documents():  # type: ignore[no-untyped-def]
    return _real_documents()


def _synthetic_units(articles: int, language: str, seed: int) -> tuple[tuple[Provision, ...], ...]:
    old_text, new_text, _, _ = synthetic_texts(articles, language, seed)
    return tuple(
        units(parse_synthetic(text, language, version).provisions)
        for text, version in ((old_text, "v1"), (new_text, "v2"))
    )


def test_diffs_of_every_real_and_synthetic_pair_join_back(real_documents) -> None:  # type: ignore[no-untyped-def]
    pairs = 0
    for document in real_documents:
        lineage = build(document)
        for old, new in itertools.combinations(document.versions, 2):
            changes = lineage.alignment(old.version, new.version).changes
            for language in set(old.languages) & set(new.languages):
                old_text = {u.id: u.text for u in version_units(old, language)}
                new_text = {u.id: u.text for u in version_units(new, language)}
                for change in changes:
                    a = "\n".join(old_text[i] for i in change.old)
                    b = "\n".join(new_text[i] for i in change.new)
                    diff = diff_texts(a, b, language)
                    assert (diff.old, diff.new) == (a, b)
                    pairs += 1
    for language in ("ja", "en"):
        old_units, new_units = _synthetic_units(60, language, seed=3)
        for a, b in itertools.product(old_units[:20], new_units[:20]):
            diff = diff_texts(a.text, b.text, language)
            assert (diff.old, diff.new) == (a.text, b.text)
            pairs += 1
    assert pairs > 1000, pairs


# Alignment -------------------------------------------------------------------------------------


def assert_every_unit_once(
    changes: tuple[Change, ...], old: tuple[Provision, ...], new: tuple[Provision, ...]
) -> None:
    """Every old and every new unit is in exactly one change, and no change is empty."""
    used_old = Counter(i for c in changes for i in c.old)
    used_new = Counter(i for c in changes for i in c.new)
    assert used_old == Counter(u.id for u in old)
    assert used_new == Counter(u.id for u in new)
    assert all(c.old or c.new for c in changes)
    assert all(bool(c.old) or c.kind is ChangeKind.ADDED for c in changes)
    assert all(bool(c.new) or c.kind is ChangeKind.REMOVED for c in changes)


def assert_all_unchanged(changes: tuple[Change, ...], same: tuple[Provision, ...]) -> None:
    assert {(c.kind, c.renumbered) for c in changes} <= {(ChangeKind.UNCHANGED, False)}
    assert [c.old for c in changes] == [c.new for c in changes] == [(u.id,) for u in same]


@settings(max_examples=50, deadline=None)
@given(
    articles=st.integers(2, 40),
    language=st.sampled_from(["ja", "en"]),
    seed=st.integers(0, 2**32),
)
def test_alignment_of_synthetic_versions_uses_every_unit_once(
    articles: int, language: str, seed: int
) -> None:
    old, new = _synthetic_units(articles, language, seed)
    assert_every_unit_once(align(old, new, language=language), old, new)
    assert_every_unit_once(align(new, old, language=language), new, old)
    assert_all_unchanged(align(new, new, language=language), new)


def test_every_alignment_of_real_versions_uses_every_unit_once(real_documents) -> None:  # type: ignore[no-untyped-def]
    """Consecutive alignments and those derived from lineages, for every pair of versions."""
    checked = 0
    for document in real_documents:
        lineage = build(document)
        for old, new in itertools.combinations(document.versions, 2):
            alignment = lineage.alignment(old.version, new.version)
            language = alignment.language or None
            assert_every_unit_once(
                alignment.changes, version_units(old, language), version_units(new, language)
            )
            checked += 1
    assert checked >= 17, checked  # 3 + 10 real pairs, 3 + 1 in the fixtures


def test_every_real_version_compared_with_itself_is_unchanged(real_documents) -> None:  # type: ignore[no-untyped-def]
    for document in real_documents:
        for version in document.versions:
            alignment = align_versions(version, version, consecutive=False)
            assert_all_unchanged(alignment.changes, version_units(version, alignment.language))
