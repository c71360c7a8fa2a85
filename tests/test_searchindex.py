"""The search index rewrite (`lawtrack.searchindex`): tables of entries in, entries out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawtrack.corpus import load_corpus
from lawtrack.searchindex import (
    SearchPolicy,
    alias_token,
    defined_terms,
    entry_keys,
    page_url,
    policy_for,
    rewrite_entry,
    rewrite_index,
    rewrite_index_json,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("location", "page"),
    [
        ("", ""),
        ("ai-law/promulgated/", "ai-law/promulgated/"),
        ("ai-law/promulgated/#art-5", "ai-law/promulgated/"),
        ("ai-law/promulgated/index.html#art-5", "ai-law/promulgated/"),
        ("ai-law/promulgated/en/index.html", "ai-law/promulgated/en/"),
        ("about.html#x", "about/"),
        ("index.html", ""),
    ],
)
def test_page_url(location: str, page: str) -> None:
    assert page_url(location) == page


@pytest.mark.parametrize(
    ("provision_id", "token"),
    [
        ("art-5", "art_5_"),
        ("art-12-2", "art_12_2_"),
        ("suppl-art-1", "suppl_art_1_"),
        ("ch-3", "ch_3_"),
        ("ch-3.sec-1", "ch_3_sec_1_"),
        ("c-6", "c_6_"),
        ("part-2-a", "part_2_a_"),
        ("commitment-3", "commitment_3_"),
        ("el-measure-5", "el_measure_5_"),
        ("art-3.p2", ""),  # paragraphs are no search entries of their own
        ("el-purpose", ""),
        ("suppl", ""),
        ("", ""),
        ("_5", ""),
    ],
)
def test_alias_token(provision_id: str, token: str) -> None:
    assert alias_token(provision_id) == token


@pytest.mark.parametrize(
    ("title", "text", "terms"),
    [
        (
            "第二条（定義）",
            "<p>この法律で「人工知能関連技術」とは、人間が持つ…をいう。</p>",
            ("人工知能関連技術",),
        ),
        (
            "Article 2 (Definition)",
            '<p>In this Act, "AI-related technology" covers two things.</p>',
            ("AI-related technology",),
        ),
        (
            "Article 2 (Definition)",
            "<p>In this Act, &quot;AI-related technology&quot; covers two things.</p>",
            ("AI-related technology",),
        ),
        (
            "第十九条（設置）",
            "<p>人工知能戦略本部（以下「本部」という。）は、内閣に置く。</p>",
            ("本部",),
        ),
        ("Definitions", "<p>Part 1 defines “AI” and “AI system”.</p>", ("AI", "AI system")),
        ("Purpose", '<p>It speaks of "AI system" without defining it.</p>', ()),
        (
            "第三条",
            "<p>「人工知能関連技術」とは…「人工知能関連技術」とは…</p>",
            ("人工知能関連技術",),
        ),
        ("", "", ()),
    ],
)
def test_defined_terms(title: str, text: str, terms: tuple[str, ...]) -> None:
    assert defined_terms(title, text) == terms


@pytest.mark.parametrize(
    ("entry", "keys"),
    [
        ({"location": "a/v/#art-5", "title": "第五条", "text": "<p>…</p>"}, "art_5_"),
        (
            {"location": "a/v/#ch-4", "title": "第四章　人工知能戦略本部", "text": ""},
            "ch_4_ 第四章　人工知能戦略本部",
        ),
        (
            {"location": "a/v/#art-2", "title": "第二条（定義）", "text": "「技術」とは"},
            "art_2_ 技術",
        ),
        ({"location": "a/v/", "title": "Act", "text": ""}, ""),
        ({"location": "a/v/#el-purpose", "title": "Purpose", "text": "<p>x</p>"}, ""),
    ],
)
def test_entry_keys(entry: dict[str, str], keys: str) -> None:
    assert entry_keys(entry) == keys


POLICY = SearchPolicy(
    excluded=("a/compare/", "a/v2/ja/"),
    demoted=("a/v1/",),
    text_pages=("a/v1/", "a/v2/"),
)


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("a/compare/v1...v2/#art-1", None),
        ("a/v2/ja/#art-1", None),
        ("a/v2/#art-1", {"keys": "art_1_"}),
        ("a/v2/en/#art-1", {"keys": "art_1_"}),
        ("a/v1/#art-1", {"keys": "art_1_", "boost": 0.5}),
        ("a/v1/", {"boost": 0.1}),
        ("a/v2/", {"boost": 0.2}),
        ("about/", {}),
        ("a/v1x/#art-1", {"keys": "art_1_"}),
    ],
)
def test_rewrite_entry(location: str, expected: dict[str, object] | None) -> None:
    entry = {"location": location, "title": "t", "text": "<p>x</p>"}
    out = rewrite_entry(entry, POLICY)
    if expected is None:
        assert out is None
    else:
        assert out is not None
        assert {k: v for k, v in out.items() if k not in entry} == pytest.approx(expected)


def test_rewrite_index_keeps_order_and_declares_the_field() -> None:
    index = {
        "config": {"lang": ["en", "ja"], "fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "a/v2/", "title": "A", "text": ""},
            {"location": "a/v2/ja/", "title": "A", "text": ""},
            {"location": "a/v2/#art-1", "title": "第一条", "text": "<p>x</p>"},
        ],
    }
    out = rewrite_index(index, POLICY)
    assert [d["location"] for d in out["docs"]] == ["a/v2/", "a/v2/#art-1"]
    assert out["config"]["fields"] == {"title": {"boost": 1000.0}, "keys": {"boost": 1000.0}}
    assert index["config"]["fields"] == {"title": {"boost": 1000.0}}, "input unchanged"


def test_rewrite_index_json_is_deterministic_and_compact() -> None:
    text = json.dumps({"config": {}, "docs": [{"location": "a/v1/#art-1", "title": "第一条"}]})
    once = rewrite_index_json(text, POLICY)
    assert once == rewrite_index_json(text, POLICY)
    assert "第一条" in once, "written as UTF-8, not \\u escapes"
    assert ", " not in once
    assert ": " not in once


def test_policy_for_the_shipped_corpus() -> None:
    result = load_corpus(ROOT, "drafts")
    assert result.corpus is not None
    policy = policy_for(result.corpus)
    assert "ai-law/compare/" in policy.excluded
    assert "ai-law/provisions/" in policy.excluded
    assert "ai-law/promulgated/ja/" in policy.excluded
    assert "ai-law/promulgated/en/" in policy.excluded, "the version page has both languages"
    assert "ai-law/promulgated/" not in policy.excluded
    assert "ai-law/promulgated/" not in policy.demoted
    assert {"ai-law/wg-draft/", "ai-law/cabinet-bill/"} <= set(policy.demoted)
    assert "ai-guidelines/v1.2/" not in policy.demoted
    assert "ai-guidelines/v1.1/" in policy.demoted
    assert policy.text_pages == tuple(sorted(policy.text_pages))
