"""The YAML adapter: libyaml and the pure-Python loader agree, and errors come from the latter.

`lawtrack.yamlio` parses with libyaml when PyYAML has it and falls back to the pure-Python
loader for anything libyaml refuses or that lawtrack refuses (aliases, duplicate keys, bad
dates). These tests hold the two paths to the same results, so that the fast path changes
nothing but speed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawtrack import yamlio

ACCEPTED = [
    "",
    "# only a comment\n",
    "title: AI Promotion Act\nversion: promulgated\n",
    "date: 2025-06-04\nlist:\n  - a\n  - b: 1\n    c: [x, y]\n",
    "flow: {a: 1, b: [2, 3]}\n",
    "text: |\n  line one\n  line two\nafter: folded\n",
    "\ufefftitle: with a byte-order mark\n",
    "title: CRLF\r\nstatus: draft\r\n",
    "anchor: &a 1\nother: 2\n",  # an anchor used nowhere is harmless
    "ja: 人工知能関連技術の研究開発及び活用の推進に関する法律\n",
    "number: 1.01\nquoted: '1.01'\nempty:\nnull_value: null\n",
]

REFUSED = [
    ("a: &x 1\nb: *x\n", 2, "aliases"),
    ("a:\n  - &x [1, 2]\n  - *x\n", 3, "aliases"),
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
    ("date: 2025-02-30\n", 1, "impossible date"),
    ("a: [1, 2\nb: 3\n", 1, "invalid YAML"),
    ("a: !!python/object:os.system x\n", 1, "invalid YAML"),
    ("a: b: c\n", 1, "invalid YAML"),
    ("\ta: 1\n", 1, "invalid YAML"),
    ("--- 1\n--- 2\n", 1, "invalid YAML"),
]


def _slow(text: str, first_line: int = 1) -> tuple[yamlio.YamlDoc | None, list[Any]]:
    return yamlio._load_or_report(text, "f.yml", first_line)


def test_libyaml_is_used_when_present() -> None:
    """The speed-up cannot vanish unnoticed: PyYAML here is built with libyaml."""
    assert [loader.__name__ for loader in yamlio._LOADERS] == ["_FastLoader", "_Loader"]


@pytest.mark.parametrize("text", ACCEPTED)
@pytest.mark.parametrize("first_line", [1, 5])
def test_accepted_documents_load_the_same_both_ways(text: str, first_line: int) -> None:
    fast = yamlio.load(text, "f.yml", first_line)
    assert fast == _slow(text, first_line)
    assert fast[1] == []


@pytest.mark.parametrize(("text", "line", "message"), REFUSED)
def test_refused_documents_report_the_pure_python_message(
    text: str, line: int, message: str
) -> None:
    doc, problems = yamlio.load(text, "f.yml")
    assert doc is None
    assert (doc, problems) == _slow(text)
    assert [p.line for p in problems][:1] == [line]
    assert message in problems[0].message


def test_dates_are_dates_both_ways() -> None:
    doc, _ = yamlio.load("date: 2025-06-04\n", "f.yml")
    assert doc is not None
    assert doc.data == {"date": dt.date(2025, 6, 4)}


def test_a_billion_laughs_is_refused_without_expanding() -> None:
    """Each level doubles the size; composed, the node graph stays small and is refused."""
    lines = ["a0: &a0 [x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 40)]
    doc, problems = yamlio.load("\n".join(lines) + "\n", "f.yml")
    assert doc is None
    assert "aliases" in problems[0].message
    assert problems[0].line == 2


ALPHABET = "aZ09 .:#-'\"{}[],&*!|>%@`?~\n\t\u3000人工知能第一条の１（）「」、。"
"""Letters, digits, YAML's indicators, whitespace and Japanese text."""
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(ALPHABET, max_size=30),
    st.dates(),
)
_keys = st.text(ALPHABET, min_size=1, max_size=12)
_data = st.one_of(
    _scalars,
    st.lists(_scalars, max_size=4),
    st.dictionaries(_keys, st.one_of(_scalars, st.lists(_scalars, max_size=3)), max_size=4),
)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_keys, _data, max_size=6))
def test_dumped_data_loads_back_the_same_both_ways(data: dict[str, Any]) -> None:
    text = yamlio.dump(data)
    fast = yamlio.load(text, "f.yml")
    assert fast == _slow(text)
    assert fast[0] is not None
    assert fast[0].data == data
