"""The CLI through click's runner: validate, show, help texts, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from lawtrack.cli import main

TESTS = Path(__file__).parent


def test_shipped_drafts_are_valid(runner) -> None:
    result = runner.invoke(main, ["--root", str(ROOT), "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("valid: ")
    assert all(": warning: " in line for line in result.output.splitlines()[:-1]), (
        "only warnings (untagged units, one line per document) before the summary"
    )


@pytest.mark.golden_test("golden/show/*.yml")
def test_show_json_matches_the_parse_contract(golden, runner) -> None:
    result = runner.invoke(
        main, ["--root", str(ROOT), "show", str(TESTS / golden["input"]), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"path", "document", "version", "language", "provisions"}
    for provision in data["provisions"]:
        assert set(provision) >= {
            "id",
            "kind",
            "number",
            "caption",
            "parent",
            "line",
            "deleted",
            "text",
        }
    assert data == golden.out["output"]


def test_show_json_ids_kinds_lines_and_deleted_flags(runner) -> None:
    for language in ("ja", "en"):
        path = FIXTURES / f"constructs/2025-01-01-v1.{language}.md"
        data = json.loads(
            runner.invoke(main, ["--root", str(ROOT), "show", str(path), "--format", "json"]).output
        )
        by_id = {p["id"]: p for p in data["provisions"]}
        assert by_id["part-1"]["kind"] == "part"
        assert by_id["part-1.ch-2.sec-1"]["kind"] == "section"
        assert by_id["art-2-2"]["number"] == "2-2"
        assert by_id["art-10-2-3"]["kind"] == "article"
        assert by_id["art-3"]["deleted"] is True
        assert by_id["art-2.p1.i2"]["kind"] == "item"
        assert by_id["art-2.p2"]["parent"] == "art-2"
        assert by_id["art-1234"]["number"] == "1234"
        assert by_id["art-last"]["number"] == "9999"
        assert by_id["suppl"]["kind"] == "suppl"
        assert by_id["suppl-art-1"]["parent"] == "suppl"
        assert by_id["suppl-amend.p1"]["kind"] == "paragraph"
        lines = path.read_text(encoding="utf-8").split("\n")
        for provision in data["provisions"]:
            source_line = lines[provision["line"] - 1]
            if provision["kind"] not in ("paragraph", "item"):
                assert source_line.startswith("#"), provision
    ja = json.loads(
        runner.invoke(
            main,
            [
                "--root",
                str(ROOT),
                "show",
                str(FIXTURES / "constructs/2025-01-01-v1.ja.md"),
                "--format",
                "json",
            ],
        ).output
    )
    en = json.loads(
        runner.invoke(
            main,
            [
                "--root",
                str(ROOT),
                "show",
                str(FIXTURES / "constructs/2025-01-01-v1.en.md"),
                "--format",
                "json",
            ],
        ).output
    )
    assert [p["id"] for p in ja["provisions"]] == [p["id"] for p in en["provisions"]], (
        "ids are language-independent"
    )


def test_show_text_outline(runner) -> None:
    result = runner.invoke(
        main, ["--root", str(ROOT), "show", str(FIXTURES / "constructs/2025-01-01-v1.ja.md")]
    )
    assert result.exit_code == 0
    assert "art-12-2" not in result.output
    assert "  art-2-2  第二条の二（枝番号）" in result.output
    assert "art-3 [deleted]" in result.output


def test_show_invalid_file_exits_1_with_path_and_line(runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\n---\n### 第二条の（定義）\n", encoding="utf-8")
    result = runner.invoke(main, ["--root", str(tmp_path), "show", str(bad)])
    assert result.exit_code == 1
    assert "bad.md:2: missing required key" in result.output


def test_validate_lists_every_problem_of_a_file(runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(
        "---\ntitle: x\ndocument: d\nversion: v1\ndate: 2025-01-01\nlanguage: ja\nstage: s\n"
        "status: official\nsource: {url: 'https://example.org'}\n---\n"
        "### 第二条の（定義）\n### 第六条\nx\n### 第五条\ny\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["--root", str(tmp_path), "validate", str(bad)])
    assert result.exit_code == 1
    assert "bad.md:11: " in result.output
    assert "bad.md:14: " in result.output


def test_unknown_command_and_bad_option_exit_2(runner) -> None:
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2
    assert runner.invoke(main, ["show", "--format", "xml", "README.md"]).exit_code == 2


def test_outside_a_project_is_a_clear_error(
    runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 1
    assert "no mkdocs.yml" in result.output


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(runner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"'lawtrack {command} --help' shows an example"


def test_validate_finds_the_project_from_a_subfolder(
    runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "drafts" / "ai-law")
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
