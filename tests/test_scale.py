"""What keeps builds linear and rebuilds cheap (speed itself is measured by scripts/bench.py)."""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from lawtrack.analysis import analyze
from lawtrack.compare_index import build_index
from lawtrack.corpus import load_corpus
from lawtrack.pages import compare as compare_pages
from lawtrack.pages import render_site
from lawtrack.pages.urls import relative
from synthetic_corpus import versions as synthetic_versions
from synthetic_corpus import write_drafts


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    loaded = load_corpus(ROOT).corpus
    assert loaded is not None
    return loaded


def _edit_latest_guidelines(corpus):  # type: ignore[no-untyped-def]
    guidelines = corpus.document("ai-guidelines")
    latest = guidelines.versions[-1]
    draft = dataclasses.replace(latest.primary, sha256="0" * 64)
    versions = (*guidelines.versions[:-1], dataclasses.replace(latest, drafts=(draft,)))
    return dataclasses.replace(
        corpus,
        documents=tuple(
            dataclasses.replace(d, versions=versions) if d.slug == "ai-guidelines" else d
            for d in corpus.documents
        ),
    )


def test_a_rebuild_reuses_every_pair_that_does_not_span_the_edited_draft(corpus) -> None:  # type: ignore[no-untyped-def]
    first = build_index(corpus)
    assert first.stats["reused"] == 0
    assert first.stats["computed"] == len(first.results)
    edited = _edit_latest_guidelines(corpus)
    second = build_index(edited, previous=first)
    count = len(corpus.document("ai-guidelines").versions)
    assert second.stats["computed"] == count - 1, "only the pairs ending in the edited version"
    assert second.stats["reused"] == len(first.results) - (count - 1)
    assert second.comparisons == build_index(edited).comparisons


def test_reuse_checks_the_file_paths(corpus) -> None:  # type: ignore[no-untyped-def]
    first = build_index(corpus)
    moved = dataclasses.replace(
        corpus,
        documents=tuple(
            dataclasses.replace(
                d,
                versions=tuple(
                    dataclasses.replace(
                        v,
                        drafts=tuple(
                            dataclasses.replace(x, path="moved/" + x.path) for x in v.drafts
                        ),
                    )
                    for v in d.versions
                ),
            )
            for d in corpus.documents
        ),
    )
    second = build_index(moved, previous=first)
    assert second.stats["reused"] == 0
    assert all(c.old_path.startswith("moved/") for c in second.comparisons.values())


def test_draft_lookups_match_a_scan(corpus) -> None:  # type: ignore[no-untyped-def]
    for document in corpus.documents:
        for version in document.versions:
            for draft in version.drafts:
                for provision in draft.provisions:
                    assert draft.provision(provision.id) is provision
                    children = [p for p in draft.provisions if p.parent == provision.id]
                    assert list(draft.children(provision.id)) == children
                top = [p for p in draft.provisions if p.parent is None]
                assert list(draft.children(None)) == top
                assert draft.provision("no-such-id") is None


_SEGMENT = st.sampled_from(["a", "b", "c", "index.md", "x.md", "v1...v2"])


@given(
    st.lists(_SEGMENT, min_size=1, max_size=5).map("/".join),
    st.lists(_SEGMENT, min_size=0, max_size=4).map("/".join),
)
def test_relative_links_are_posixpath_relpath(to_src: str, from_dir: str) -> None:
    assert relative(to_src, from_dir) == posixpath.relpath(to_src, from_dir or ".")


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A document just over the compare-page limit, in three versions."""
    root = tmp_path_factory.mktemp("large")
    write_drafts(root / "drafts", compare_pages.FULL_LIMIT + 10, 3)
    loaded = load_corpus(root).corpus
    assert loaded is not None
    return render_site(loaded, analyze(loaded))


def test_large_documents_get_summary_pages_for_distant_pairs(large_site) -> None:  # type: ignore[no-untyped-def]
    pages = {p.src: p.markdown for p in large_site.pages}
    distant = pages["synthetic/compare/v1...v3/en/index.md"]
    assert "## Step by step" in distant
    assert "lt-redline" not in distant, "no redlines on a summary page"
    assert "(../../v1...v2/en/index.md)" in distant
    assert "(../../v2...v3/en/index.md)" in distant
    assert "../../../provisions/" in distant, "changes link to their history pages"
    step = pages["synthetic/compare/v1...v2/en/index.md"]
    assert "lt-redline" in step, "next versions keep every redline"
    assert "## Unchanged" not in step, "unchanged text is on the version pages"
    assert "](../../../v2/en/index.md#art-" in step, "unchanged provisions link to their text"
    assert "lt-sbs" not in step, "a redline only: side by side doubled the largest pages"
    both = pages["synthetic/compare/v1...v2/index.md"]
    assert "## In each language" in both
    assert "(ja/index.md)" in both
    assert "(en/index.md)" in both
    assert "lt-redline" not in both


def test_compare_pages_stay_out_of_the_search_index(large_site) -> None:  # type: ignore[no-untyped-def]
    for page in large_site.pages:
        if "/compare/" in page.src:
            assert 'search: {"exclude": true}' in page.markdown.split("---")[1]


def test_synthetic_versions_insert_renumber_and_merge() -> None:
    first, second, _ = synthetic_versions(300, 3)
    assert len(first) == 300
    assert any(not a.origin for a in second), "insertions"
    assert any(len(a.origin) == 2 for a in second), "merges"
    where = {a.origin[0]: i for i, a in enumerate(first)}
    moved = sum(1 for i, a in enumerate(second) if a.origin and where[a.origin[0]] != i)
    assert moved > 100, "an early insertion renumbers everything after it"


def test_synthetic_drafts_are_valid(tmp_path: Path) -> None:
    files = write_drafts(tmp_path / "drafts", 40, 3)
    assert len(files) == 6
    result = load_corpus(tmp_path)
    assert result.corpus is not None, [str(p) for p in result.problems]
    document = result.corpus.document("synthetic")
    assert [v.languages for v in document.versions] == [("ja", "en")] * 3
    for version in document.versions:
        ja, en = version.drafts
        assert [p.id for p in ja.provisions] == [p.id for p in en.provisions]


def test_pages_the_search_index_drops_are_never_indexed(corpus) -> None:  # type: ignore[no-untyped-def]
    from lawtrack.searchindex import excluded_source, policy_for

    policy = policy_for(corpus)
    site = render_site(corpus, analyze(corpus))
    marked = {
        p.src for p in site.pages if 'search: {"exclude": true}' in p.markdown.split("---")[1]
    }
    assert marked == {p.src for p in site.pages if excluded_source(p.src, policy)}
    assert "ai-law/provisions/el-purpose/index.md" in marked
    assert "ai-law/compare/wg-draft...promulgated/index.md" in marked
    assert "ai-law/promulgated/index.md" not in marked


def _reference_diff(old: str, new: str, language: str):  # type: ignore[no-untyped-def]
    """diff_texts as it was before the memoised encoder: tokens, then one table per pair."""
    from lawtrack import diff
    from lawtrack.textnorm import tokens

    if old == new:
        return diff.TextDiff((diff.Segment(diff.Op.EQUAL, old),) if old else ())
    (old_texts, old_keys), (new_texts, new_keys) = tokens(old, language), tokens(new, language)
    table: dict[str, str] = {}
    for key in dict.fromkeys(old_keys + new_keys):
        single = len(key) == 1 and ord(key) < 0xF0000
        table[key] = key if single else chr(0xF0000 + len(table))
    a, b = "".join(map(table.get, old_keys)), "".join(map(table.get, new_keys))  # type: ignore[arg-type]
    if not a or not b or diff._too_different(a, b):
        return diff.TextDiff(diff._replaced(old, new), replaced=bool(a and b))
    ops = diff.ENGINES["fast"](a, b, diff.TIMEOUT)
    return diff.TextDiff(diff._merge(diff._decode(ops, old_texts, new_texts)))


TRICKY = [
    "第十二条の二　前項の規定は、第三条第二項に準ずる。",
    "１２３　ＡＢＣ  abc\n\n二　項目",
    "㈱ﾃｽﾄ株式会社　第五条",
    "Article 12-2 (Reports)  The   Ｘ must, in Article 4 (2), report.",
    "\U000f0005abc第一条",
    "一　二\n三　四",
    "",
]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_memoised_encoder_gives_the_diffs_of_the_reference(language: str) -> None:
    from lawtrack.diff import _encoded, diff_texts
    from lawtrack.textnorm import tokens
    from synthetic import synthetic_pair

    old, new = synthetic_pair(80, language, seed=5)
    texts = [t for _, t in old] + [t for _, t in new] + TRICKY
    pairs = list(zip(texts, texts[1:] + texts[:1], strict=True)) + [(a, a + "x") for a in TRICKY]
    for a, b in pairs:
        assert diff_texts(a, b, language) == _reference_diff(a, b, language), (a, b)
        assert _encoded(a, language)[0] == tokens(a, language)[0]
