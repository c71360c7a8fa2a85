"""Text diffs: exact join-back, formatting variants, the guard, and the two engines agreeing."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawtrack.corpus import load_corpus
from lawtrack.diff import ENGINES, Op, default_engine, diff_texts
from lawtrack.lineage import build, version_units

ROOT = Path(__file__).resolve().parent.parent

_JA = "国は事業者第十二条の二三四五前項及び又は、。「」０１２3 　\n"
_EN = "The State shall take measures under Article 12(2) and (i) the preceding  . ,\n"


@settings(max_examples=60, deadline=None)
@given(
    language=st.sampled_from(["ja", "en"]),
    old=st.text(alphabet=_JA + _EN, max_size=80),
    new=st.text(alphabet=_JA + _EN, max_size=80),
)
def test_segments_join_back_into_both_texts(language: str, old: str, new: str) -> None:
    diff = diff_texts(old, new, language)
    assert (diff.old, diff.new) == (old, new)
    assert all(segment.text for segment in diff.segments)


@settings(max_examples=30, deadline=None)
@given(language=st.sampled_from(["ja", "en"]), text=st.text(alphabet=_JA + _EN, max_size=80))
def test_a_text_compared_with_itself_has_no_change(language: str, text: str) -> None:
    diff = diff_texts(text, text, language)
    assert {s.op for s in diff.segments} <= {Op.EQUAL}
    assert diff.old == text


def test_japanese_is_diffed_by_character() -> None:
    diff = diff_texts("国は、措置を講ずる。", "国は、必要な措置を講ずる。", "ja")
    assert [(s.op.value, s.text) for s in diff.segments] == [
        ("=", "国は、"),
        ("+", "必要な"),
        ("=", "措置を講ずる。"),
    ]


def test_english_is_diffed_by_word() -> None:
    diff = diff_texts("The State jumps over it.", "The State jumped over it.", "en")
    assert [(s.op.value, s.text) for s in diff.segments] == [
        ("=", "The State "),
        ("-", "jumps"),
        ("+", "jumped"),
        ("=", " over it."),
    ]


def test_formatting_variants_are_marked_not_counted() -> None:
    diff = diff_texts("第十二条の規定により", "第１２条の規定により", "ja")
    assert (diff.old, diff.new) == ("第十二条の規定により", "第１２条の規定により")
    changed = [s for s in diff.segments if s.op is not Op.EQUAL]
    assert changed
    assert all(s.formatting for s in changed)
    assert diff.changed == (0, 0)


def test_unrelated_texts_are_shown_as_replaced() -> None:
    diff = diff_texts(
        "国は、人材を育成する。", "地方公共団体は、計画を公表しなければならない。", "ja"
    )
    assert diff.replaced
    assert [s.op for s in diff.segments] == [Op.DELETE, Op.INSERT]


def test_added_and_removed_texts() -> None:
    assert [s.op for s in diff_texts("", "new text", "en").segments] == [Op.INSERT]
    assert [s.op for s in diff_texts("old text", "", "en").segments] == [Op.DELETE]
    assert diff_texts("", "", "en").segments == ()


def test_the_fast_engine_is_used_when_available() -> None:
    assert default_engine() == "fast"
    assert set(ENGINES) == {"fast", "pure"}


def test_the_pure_package_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fast_diff_match_patch", None)  # import now fails
    assert default_engine() == "pure"
    diff = diff_texts("The State shall act.", "The State shall not act.", "en")
    assert [(s.op.value, s.text) for s in diff.segments if s.op is not Op.EQUAL] == [("+", " not")]


def _real_pairs() -> list[tuple[str, str, str]]:
    """Every text pair any comparison of the real corpus diffs, in every language."""
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    pairs = set()
    for document in corpus.documents:
        lineage = build(document)
        for old, new in itertools.combinations(document.versions, 2):
            alignment = lineage.alignment(old.version, new.version)
            for language in set(old.languages) & set(new.languages):
                old_units = {u.id: u.text for u in version_units(old, language)}
                new_units = {u.id: u.text for u in version_units(new, language)}
                for change in alignment.changes:
                    old_text = "\n".join(old_units[i] for i in change.old)
                    new_text = "\n".join(new_units[i] for i in change.new)
                    pairs.add((old_text, new_text, language))
    return sorted(pairs)


def _synthetic_pairs() -> list[tuple[str, str, str]]:
    from synthetic import synthetic_pair  # scripts/synthetic.py

    pairs = []
    for language in ("ja", "en"):
        old, new = synthetic_pair(60, language, seed=7)
        for a, b in zip(old, new, strict=False):
            pairs.append((a[1], b[1], language))
    return pairs


@pytest.mark.parametrize("source", ["real", "synthetic"])
def test_fast_and_pure_engines_agree_and_the_timeout_is_never_reached(source: str) -> None:
    """Both engines give identical segments, equal to a run without any time limit.

    If the safety-net timeout had cut a diff short, its result would differ from the unlimited
    run; equality shows the timeout played no part.
    """
    pairs = _real_pairs() if source == "real" else _synthetic_pairs()
    assert len(pairs) > 40
    for old, new, language in pairs:
        fast = diff_texts(old, new, language, engine="fast")
        pure = diff_texts(old, new, language, engine="pure")
        unlimited = diff_texts(old, new, language, engine="pure", timeout=1e9)
        assert fast == pure == unlimited, (old[:40], new[:40])


def test_only_the_diff_module_imports_diff_match_patch() -> None:
    importers = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "scripts" / "lawtrack").rglob("*.py")
        if "diff_match_patch" in path.read_text(encoding="utf-8").replace("diff-match-patch", "")
    )
    assert importers == ["scripts/lawtrack/diff.py"]
