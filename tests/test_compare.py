"""`lawtrack compare`: the compare output contract, exit codes, the text redline, and the cache."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from lawtrack.cache import DiskCache, MemoryCache
from lawtrack.cli import main
from lawtrack.compare_index import build_index
from lawtrack.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent
BILL = "tests/fixtures/compare/model-bill"
GUIDE = "tests/fixtures/compare/model-guide"
FILES = {
    ("bill", "v1", "ja"): f"{BILL}/2024-01-10-v1.ja.md",
    ("bill", "v2", "ja"): f"{BILL}/2024-06-20-v2.ja.md",
    ("bill", "v3", "ja"): f"{BILL}/2024-12-01-v3.ja.md",
    ("bill", "v1", "en"): f"{BILL}/2024-01-10-v1.en.md",
    ("bill", "v2", "en"): f"{BILL}/2024-06-20-v2.en.md",
    ("bill", "v3", "en"): f"{BILL}/2024-12-01-v3.en.md",
    ("guide", "v1", "en"): f"{GUIDE}/2024-02-01-v1.en.md",
    ("guide", "v2", "en"): f"{GUIDE}/2024-09-01-v2.en.md",
}


def _run(runner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--root", str(ROOT), *args], catch_exceptions=False)


def _compare(runner, doc: str, old: str, new: str, language: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = _run(
        runner,
        "compare",
        FILES[(doc, old, language)],
        FILES[(doc, new, language)],
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def _kinds(data: dict) -> list[tuple[str, list[str], list[str], bool]]:  # type: ignore[type-arg]
    return [
        (c["kind"], c["old"], c["new"], c["renumbered"])
        for c in data["changes"]
        if c["kind"] != "unchanged"
    ]


BILL_V1_V2 = [
    ("modified", ["art-2"], ["art-2"], False),
    ("added", [], ["art-4"], False),
    ("split", ["art-5"], ["art-6", "art-7"], False),
    ("modified", ["art-6"], ["art-8"], True),
    ("merged", ["art-7", "art-8"], ["art-9"], False),
    ("removed", ["art-9"], [], False),
    ("modified", ["art-10"], ["art-10"], False),
]
BILL_V2_V3 = [
    ("removed", ["art-8"], [], False),
    ("split", ["art-9"], ["art-8", "art-9"], False),
]
BILL_V1_V3 = [
    ("modified", ["art-2"], ["art-2"], False),
    ("added", [], ["art-4"], False),
    ("split", ["art-5"], ["art-6", "art-7"], False),
    ("removed", ["art-6"], [], False),
    ("split", ["art-7", "art-8"], ["art-8", "art-9"], False),
    ("removed", ["art-9"], [], False),
    ("modified", ["art-10"], ["art-10"], False),
]
GUIDE_V1_V2 = [
    ("modified", ["safety"], ["safety"], False),
    ("modified", ["transparency"], ["openness"], True),
    ("removed", ["accountability"], [], False),
    ("added", [], ["privacy"], False),
]


@pytest.mark.parametrize(
    ("doc", "old", "new", "language", "expected"),
    [
        (
            "bill",
            "v1",
            "v2",
            "ja",
            BILL_V1_V2,
        ),  # inserted, renumbered, modified, split, merged, removed
        ("bill", "v1", "v2", "en", BILL_V1_V2),  # the same changes, read from the English texts
        ("bill", "v2", "v3", "ja", BILL_V2_V3),  # the concordance states a removal and a split
        ("bill", "v2", "v3", "en", BILL_V2_V3),
        ("bill", "v1", "v3", "ja", BILL_V1_V3),  # not consecutive: derived from the lineages
        ("bill", "v1", "v3", "en", BILL_V1_V3),
        ("guide", "v1", "v2", "en", GUIDE_V1_V2),  # sections: a renamed pin found by its text
    ],
)
def test_compare_reports_exactly_the_changes(runner, doc, old, new, language, expected) -> None:  # type: ignore[no-untyped-def]
    data = _compare(runner, doc, old, new, language)
    assert _kinds(data) == expected
    assert data["old"] == {"path": FILES[(doc, old, language)], "version": old}
    assert data["new"] == {"path": FILES[(doc, new, language)], "version": new}
    assert data["language"] == language


def _texts(runner, path: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    result = _run(runner, "show", path, "--format", "json")
    return {p["id"]: p["text"] for p in json.loads(result.output)["provisions"]}


@pytest.mark.parametrize(("old", "new", "language"), [("v1", "v2", "ja"), ("v1", "v3", "en")])
def test_diff_ops_join_back_into_the_texts_show_prints(runner, old, new, language) -> None:  # type: ignore[no-untyped-def]
    data = _compare(runner, "bill", old, new, language)
    old_texts = _texts(runner, FILES[("bill", old, language)])
    new_texts = _texts(runner, FILES[("bill", new, language)])
    for change in data["changes"]:
        assert {op for op, _ in change["diff"]} <= {"=", "-", "+"}
        rebuilt_old = "".join(text for op, text in change["diff"] if op != "+")
        rebuilt_new = "".join(text for op, text in change["diff"] if op != "-")
        assert rebuilt_old == "\n".join(old_texts[i] for i in change["old"])
        assert rebuilt_new == "\n".join(new_texts[i] for i in change["new"])
        assert set(change) >= {"kind", "old", "new", "renumbered", "similarity", "diff"}
        assert 0.0 <= change["similarity"] <= 1.0


def test_renumbering_alone_keeps_similarity_at_one(runner) -> None:  # type: ignore[no-untyped-def]
    data = _compare(runner, "bill", "v1", "v2", "ja")
    reports = next(c for c in data["changes"] if c["old"] == ["art-6"])
    assert reports["similarity"] == 1.0  # only 第五条 → 第六条 changed, and references are masked
    assert ["-", "五"] in reports["diff"]
    assert ["+", "六"] in reports["diff"]


def test_a_draft_compared_with_itself_is_unchanged(runner) -> None:  # type: ignore[no-untyped-def]
    path = FILES[("bill", "v2", "ja")]
    result = _run(runner, "compare", path, path, "--format", "json")
    data = json.loads(result.output)
    assert {c["kind"] for c in data["changes"]} == {"unchanged"}


def test_caption_changes_are_reported(runner) -> None:  # type: ignore[no-untyped-def]
    data = _compare(runner, "guide", "v1", "v2", "en")
    renamed = next(c for c in data["changes"] if c["old"] == ["transparency"])
    assert renamed["caption"] == {"old": "Transparency", "new": "Openness"}


def test_text_format_is_a_redline(runner) -> None:  # type: ignore[no-untyped-def]
    result = _run(runner, "compare", FILES[("bill", "v1", "ja")], FILES[("bill", "v2", "ja")])
    assert result.exit_code == 0
    out = result.output
    assert "model-bill: v1 → v2 (ja)" in out
    assert "MODIFIED  art-6 → art-8  (renumbered, similarity 1.00)" in out
    assert "第[-五-]{+六+}条" in out
    assert "SPLIT  art-5 → art-6, art-7" in out
    assert "REMOVED  art-9 → —" in out
    assert "\x1b[" not in out  # no colour codes when not writing to a terminal


def test_invalid_input_exits_1_with_path_and_line(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "2024-01-10-v1.ja.md"
    bad.write_text("---\ntitle: x\n---\n\n### 第一条\n", encoding="utf-8")
    result = runner.invoke(
        main, ["--root", str(ROOT), "compare", str(bad), FILES[("bill", "v2", "ja")]]
    )
    assert result.exit_code == 1
    assert "2024-01-10-v1.ja.md:" in result.output
    assert "Traceback" not in result.output


def test_languages_must_match(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        main,
        ["--root", str(ROOT), "compare", FILES[("bill", "v1", "ja")], FILES[("bill", "v2", "en")]],
    )
    assert result.exit_code == 1
    assert f"{FILES[('bill', 'v2', 'en')]}:6: language is 'en'" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["compare"],  # missing arguments
        ["compare", "no-such-file.md", FILES[("bill", "v2", "ja")]],  # missing file
        ["compare", FILES[("bill", "v1", "ja")], FILES[("bill", "v2", "ja")], "--format", "xml"],
    ],
)
def test_usage_errors_exit_2(runner, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["--root", str(ROOT), *args])
    assert result.exit_code == 2


def test_real_corpus_compare(runner) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(
        _run(
            runner,
            "compare",
            "drafts/ai-law/2024-02-16-wg-draft.ja.md",
            "drafts/ai-law/2025-06-04-promulgated.ja.md",
            "--format",
            "json",
        ).output
    )
    split = next(c for c in data["changes"] if c["old"] == ["el-state-duties"])
    assert (split["kind"], split["new"]) == ("split", ["art-4", "art-11", "art-14"])


# Cache ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    loaded = load_corpus(ROOT).corpus
    assert loaded is not None
    return loaded


def test_cached_results_equal_fresh_ones(corpus) -> None:  # type: ignore[no-untyped-def]
    cache = MemoryCache()
    fresh = build_index(corpus, cache)
    again = build_index(corpus, cache)
    assert cache.hits == cache.misses > 0
    assert again.comparisons == fresh.comparisons
    assert again.documents == fresh.documents


def test_editing_one_version_recomputes_only_the_pairs_that_span_it(corpus) -> None:  # type: ignore[no-untyped-def]
    cache = MemoryCache()
    build_index(corpus, cache)
    guidelines = corpus.document("ai-guidelines")
    edited_version = guidelines.versions[4]  # v1.2, the latest
    draft = dataclasses.replace(edited_version.primary, sha256="0" * 64)
    versions = (*guidelines.versions[:4], dataclasses.replace(edited_version, drafts=(draft,)))
    edited = dataclasses.replace(
        corpus,
        documents=tuple(
            dataclasses.replace(d, versions=versions) if d.slug == "ai-guidelines" else d
            for d in corpus.documents
        ),
    )
    before = cache.misses
    build_index(edited, cache)
    assert cache.misses - before == 4  # the four pairs ending in v1.2; the other 9 are reused


def test_disk_cache_survives_a_new_process(tmp_path: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    first = DiskCache(tmp_path / "cache")
    fresh = build_index(corpus, first)
    second = DiskCache(tmp_path / "cache")
    again = build_index(corpus, second)
    assert second.misses == 0
    assert second.hits == first.misses
    assert again.comparisons == fresh.comparisons


def test_corrupt_cache_entries_are_recomputed(tmp_path: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    cache = DiskCache(tmp_path / "cache")
    fresh = build_index(corpus, cache)
    for path in (tmp_path / "cache").rglob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    again = build_index(corpus, DiskCache(tmp_path / "cache"))
    assert again.comparisons == fresh.comparisons


def test_a_lazy_index_diffs_distant_pairs_when_asked(corpus) -> None:  # type: ignore[no-untyped-def]
    """Builds leave the diffs of versions not next to each other to the pages that show them."""
    eager = build_index(corpus)
    cache = MemoryCache()
    lazy = build_index(corpus, cache, lazy=True)
    waiting = list(lazy.pending)
    assert len(waiting) == 7  # the AI law's bill → Act from 2024, and six guideline pairs
    assert all(
        new != lazy.documents[doc].versions[lazy.documents[doc].versions.index(old) + 1]
        for doc, old, new in waiting
    )
    assert lazy.stats == eager.stats
    assert lazy.documents == eager.documents  # alignments are not lazy
    for doc, old, new in waiting:
        assert lazy.languages(doc, old, new) == eager.languages(doc, old, new)
    stored = len(cache.values)
    for key, comparison in eager.comparisons.items():
        assert lazy.comparison(*key) == comparison
    assert lazy.pending == {}
    assert lazy.comparisons == eager.comparisons
    assert len(cache.values) == stored + len(waiting)  # cached once computed
    again = build_index(corpus, cache, lazy=True)
    assert again.pending == {}
    assert again.stats["loaded"] == sum(eager.stats.values())
