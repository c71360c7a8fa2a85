"""`show` → render → parse is a fixed point: on generated valid drafts and on every shipped one."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from conftest import ROOT
from draftgen import drafts
from lawtrack.cli import main
from lawtrack.frontmatter import read_draft
from lawtrack.model import DocumentKind, Draft
from lawtrack.serialize import body_markdown, draft_markdown

META = ("title", "document", "version", "date", "language", "stage", "status", "sources")
META += ("retrieved", "presented_by", "concordance", "translation_of", "notes")


def read(text: str, kind: DocumentKind, path: str = "t.md") -> Draft:
    draft, problems, _ = read_draft(text.encode(), path, kind)
    assert draft is not None, [str(p) for p in problems]
    return draft


def shape(draft: Draft) -> tuple[object, ...]:
    """Everything parsing says about a draft except where it is: lines, file hash."""
    provisions = tuple(dataclasses.replace(p, line=0) for p in draft.provisions)
    return (*(getattr(draft, key) for key in META), provisions)


def assert_fixed_point(draft: Draft, kind: DocumentKind) -> None:
    written = draft_markdown(draft, kind)
    again = read(written, kind, draft.path)
    assert shape(again) == shape(draft)
    assert draft_markdown(again, kind) == written, "writing the re-parsed draft changes nothing"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_render_then_parse_is_a_fixed_point_on_generated_drafts(
    generated: tuple[str, DocumentKind, str],
) -> None:
    text, kind, _ = generated
    assert_fixed_point(read(text, kind), kind)


def shipped_drafts() -> list[tuple[Path, DocumentKind]]:
    """Every draft file of every document folder in drafts/ and the test fixtures."""
    found = []
    for meta in sorted(
        [*ROOT.glob("drafts/*/document.yml"), *ROOT.glob("tests/fixtures/**/document.yml")]
    ):
        kind = DocumentKind(yaml.safe_load(meta.read_text(encoding="utf-8"))["kind"])
        found.extend((path, kind) for path in sorted(meta.parent.glob("*.md")))
    return found


def test_render_then_parse_is_a_fixed_point_on_every_shipped_draft() -> None:
    checked = 0
    for path, kind in shipped_drafts():
        draft, _, _ = read_draft(path.read_bytes(), path.relative_to(ROOT).as_posix(), kind)
        if draft is None:  # the bad-input fixtures
            assert "fixtures/bad" in path.as_posix() or "fixtures/add" in path.as_posix(), path
            continue
        assert_fixed_point(draft, kind)
        checked += 1
    assert checked >= len(list(ROOT.glob("drafts/*/*.md"))) + 10


def test_headings_are_written_as_they_were_with_pins_only_where_needed() -> None:
    text = (
        "### 第一条（目的）\n本文\n### 第二条 {#art-2x}\n本文\n２　二項\n## 附則\n### 第一条\n施行"
    )
    body = body_markdown(read(_file(text), DocumentKind.BILL).provisions, DocumentKind.BILL)
    assert body == (
        "### 第一条（目的）\n\n本文\n\n### 第二条 {#art-2x}\n\n本文\n２\u3000二項\n\n## 附則\n\n"
        "### 第一条\n\n施行\n"
    )


def test_a_deleted_range_is_written_once_and_heading_like_text_stays_text() -> None:
    text = "## Safety {#safety}\n\n    # not a heading\n\n- a bullet"
    body = body_markdown(
        read(_file(text, "en"), DocumentKind.GUIDELINES).provisions, DocumentKind.GUIDELINES
    )
    assert body == "## Safety\n\n    # not a heading\n\n- a bullet\n"
    ranged = read(_file("### 第五条から第七条まで　削除\n### 第八条\nx"), DocumentKind.BILL)
    assert [p.id for p in ranged.provisions][:3] == ["art-5", "art-6", "art-7"]
    assert body_markdown(ranged.provisions, DocumentKind.BILL).count("削除") == 1


def test_show_prints_the_draft_as_markdown(runner) -> None:  # type: ignore[no-untyped-def]
    path = "drafts/ai-law/2025-06-04-promulgated.ja.md"
    result = runner.invoke(
        main, ["--root", str(ROOT), "show", str(ROOT / path), "--format", "markdown"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(
        runner.invoke(
            main, ["--root", str(ROOT), "show", str(ROOT / path), "--format", "json"]
        ).output
    )
    again = read(result.output, DocumentKind.BILL, path)
    assert [p.id for p in again.provisions] == [p["id"] for p in shown["provisions"]]
    assert [p.text for p in again.provisions] == [p["text"] for p in shown["provisions"]]


def _file(body: str, language: str = "ja") -> str:
    return (
        f"---\ntitle: t\ndocument: d\nversion: v1\ndate: 2025-01-01\nlanguage: {language}\n"
        "stage: s\nstatus: official\nsource:\n  url: https://example.org/\n---\n" + body
    )


@pytest.mark.parametrize("language", ["ja", "en"])
def test_front_matter_survives_with_every_optional_key(language: str) -> None:
    other = "en" if language == "ja" else "ja"
    optional = (
        'status: official\nretrieved: 2025-02-01\npresented_by: "Cabinet: 内閣"\n'
        f'notes: "two\\nlines"\ntranslation_of: {other}\n'
        "concordance:\n  art-1: [art-2, art-3]\n  art-4: null\n"
    )
    body = "### Article 1\nx" if language == "en" else "### 第一条\nx"
    draft = read(_file(body, language).replace("status: official\n", optional), DocumentKind.BILL)
    assert draft.concordance == (("art-1", ("art-2", "art-3")), ("art-4", ()))
    assert draft.notes == "two\nlines"
    assert_fixed_point(draft, DocumentKind.BILL)
