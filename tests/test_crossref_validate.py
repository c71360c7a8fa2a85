"""`lawtrack validate` on the cross-reference layer: errors against the lineages, warnings for
untagged units (a summary per document, every unit with --verbose), unresolved references."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT
from lawtrack.align import ChangeKind
from lawtrack.analysis import analyze
from lawtrack.cli import main
from lawtrack.corpus import load_corpus
from lawtrack.crosscheck import check
from lawtrack.lineage import build
from lawtrack.model import Corpus, LineageNotes, MeasureTag

PROJECT = FIXTURES / "crossref"


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    return project


def test_untagged_units_are_one_warning_line_per_document(runner) -> None:
    result = runner.invoke(main, ["--root", str(PROJECT), "validate"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [
        "drafts/demo-bill/notes.yml: warning: 7 of 17 units in the 3 version(s) of demo-bill have"
        " no reviewed measure tag; 'lawtrack validate --verbose' lists them (expected a"
        " 'measures' entry in notes.yml where a unit carries one of the seven measures)",
        "drafts/demo-guide/notes.yml: warning: 4 of 6 units in the 2 version(s) of demo-guide"
        " have no reviewed measure tag; 'lawtrack validate --verbose' lists them (expected a"
        " 'measures' entry in notes.yml where a unit carries one of the seven measures)",
        "valid: 2 document(s), 5 version(s), 8 file(s), 2 warning(s)",
    ]


def test_verbose_lists_every_untagged_unit_and_unresolved_reference(runner, tmp_path) -> None:
    project = copy_project(tmp_path)
    shutil.copytree(FIXTURES / "references", project / "drafts" / "references")
    result = runner.invoke(main, ["--root", str(project), "validate", "--verbose"])
    assert result.exit_code == 0, result.output
    assert (
        "drafts/demo-bill/2025-12-01-v3.ja.md:14: warning: art-1 (lineage 'art-1') has no "
        "reviewed measure tag in 'v3' (expected a 'measures' entry under 'art-1' in notes.yml, "
        "if it carries a measure)"
    ) in result.output, "the tag on art-1 holds for v1 and v2 only"
    assert not any(
        "demo-bill" in line and "art-3 (lineage" in line for line in result.output.splitlines()
    ), "art-3 is tagged in every version"
    assert (
        "drafts/references/2025-01-01-v1.ja.md:49: warning: unresolved reference '第九十九条' "
        "in art-9.p1 (no such provision)"
    ) in result.output
    quiet = runner.invoke(main, ["--root", str(project), "validate"])
    assert "unresolved" not in quiet.output


def test_a_version_the_lineage_is_not_in_is_an_error(runner, tmp_path) -> None:
    project = copy_project(tmp_path)
    notes = project / "drafts/demo-bill/notes.yml"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace(
            "art-6:\n  measures: [3]", "art-6:\n  measures:\n    - {measure: 3, versions: [v1]}"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(main, ["--root", str(project), "validate"])
    assert result.exit_code == 1
    assert (
        "drafts/demo-bill/notes.yml:20: measure 3: lineage 'art-6' is not in version 'v1' "
        "(expected one of the versions it is in: v2, v3)"
    ) in result.output


def test_a_unit_id_that_continues_another_lineage_is_named() -> None:
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    wrong = LineageNotes(
        "ai-law", "art-16", (MeasureTag(7),), path="drafts/ai-law/notes.yml", line=9
    )
    lineages = {d.slug: build(d) for d in corpus.documents}
    problems = check(Corpus(corpus.documents, corpus.measures, (wrong,)), lineages)
    assert [str(p) for p in problems] == [
        "drafts/ai-law/notes.yml:9: 'art-16' is not a lineage of ai-law: 'art-16' of "
        "'cabinet-bill' belongs to lineage 'el-government-review' (expected 'el-government-review')"
    ]


def test_validating_one_document_does_not_check_links_to_others(runner) -> None:
    result = runner.invoke(main, ["--root", str(ROOT), "validate", str(ROOT / "drafts/ai-law")])
    assert result.exit_code == 0, result.output


def test_changed_since_follows_the_comparisons() -> None:
    corpus = load_corpus(PROJECT).corpus
    assert corpus is not None
    xref = analyze(corpus).xref
    assert xref.changed_since("demo-bill", "art-3", "v1", "v2") is None
    step = xref.changed_since("demo-bill", "art-3", "v1", "v3")
    assert step is not None
    assert (step.version, step.kind) == ("v3", ChangeKind.MODIFIED)
    assert xref.changed_since("demo-bill", "art-1", "v1") is None, "never changed"
    assert [n.version for n in xref.notes_at("demo-bill", "v1", "art-3")] == ["v1"]
    assert [n.version for n in xref.notes_at("demo-bill", "v3", "art-3")] == ["v1", "v2"]
