"""`lawtrack import egov`: e-Gov standard law XML to a draft with e-Gov's own ids."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import FIXTURES
from lawtrack import xmlio
from lawtrack.cli import main
from lawtrack.egov import ImportMeta, convert
from lawtrack.errors import ValidationError

FICTIONAL = FIXTURES / "egov" / "fictional-act.xml"
OPTIONS = [
    "--document", "fictional-act", "--version", "promulgated", "--date", "2099-01-01",
    "--stage", "公布", "--source", "https://example.org/law/999",
]  # fmt: skip
META = ImportMeta(
    "fictional-act", "promulgated", dt.date(2099, 1, 1), "公布", "https://example.org/law/999"
)
# The ids e-Gov's numbering gives the fixture, written out by hand from the XML.
EXPECTED_IDS = [
    "ch-1",
    "art-1", "art-1.p1",
    "art-2", "art-2.p1", "art-2.p1.i1", "art-2.p1.i2", "art-2.p2",
    "art-2-2", "art-2-2.p1",  # branch article Num="2_2"
    "ch-2", "ch-2.sec-1",
    "art-3", "art-3.p1", "art-3.p2", "art-3.p2.i1", "art-3.p2.i2", "art-3.p3",
    "art-4",  # 削除
    "ch-2.sec-2",
    "art-5", "art-6",  # deleted range Num="5:6"
    "art-7", "art-7.p1",
    "ch-2-2",  # branch chapter
    "art-8", "art-8.p1",
    "suppl", "suppl-art-1", "suppl-art-1.p1", "suppl-art-2", "suppl-art-2.p1",
    "suppl-2", "suppl-2.p1", "suppl-2.p2",  # amendment's supplementary provisions, no articles
]  # fmt: skip


def imported(runner, tmp_path: Path, xml: Path = FICTIONAL, *extra: str):
    return runner.invoke(main, ["import", "egov", str(xml), *OPTIONS, *extra])


def write_xml(tmp_path: Path, body: str, *, head: str = "") -> Path:
    path = tmp_path / "law.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<Law Lang="ja">\n'
        f"<LawNum>令和九十九年法律第一号</LawNum>\n<LawBody>\n<LawTitle>試験法</LawTitle>\n"
        f"{body}\n</LawBody>\n</Law>\n",
        encoding="utf-8",
    )
    return path


ARTICLE = (
    '<Article Num="1"><ArticleTitle>第一条</ArticleTitle><Paragraph Num="1"><ParagraphNum/>'
    "<ParagraphSentence><Sentence>本文。</Sentence></ParagraphSentence>{extra}</Paragraph></Article>"
)


def test_fixture_imports_to_a_draft_with_egov_ids(runner, tmp_path: Path) -> None:
    out = tmp_path / "2099-01-01-promulgated.ja.md"
    result = imported(runner, tmp_path, FICTIONAL, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["validate", str(out)]).exit_code == 0
    shown = runner.invoke(main, ["show", str(out), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert [p["id"] for p in data["provisions"]] == EXPECTED_IDS
    assert data["status"] == "official"
    provisions = {p["id"]: p for p in data["provisions"]}
    assert provisions["art-4"]["deleted"]
    assert provisions["art-5"]["deleted"]
    assert provisions["art-6"]["deleted"]
    assert provisions["art-2"]["caption"] == "定義"
    assert provisions["art-2.p1.i1"]["text"] == "試験区域　第三条の規定により指定された区域をいう。"
    assert provisions["art-3.p2.i2"]["text"].endswith("イ　試験の監視　ロ　事故の報告")
    assert provisions["art-2.p2"]["text"].endswith("ただし、政令で定める場合は、この限りでない。")


def test_stdout_and_output_give_the_same_text(runner, tmp_path: Path) -> None:
    out = tmp_path / "draft.md"
    printed = imported(runner, tmp_path)
    assert printed.exit_code == 0
    assert imported(runner, tmp_path, FICTIONAL, "-o", str(out)).exit_code == 0
    assert printed.output == out.read_text(encoding="utf-8")


def test_front_matter_comes_from_the_options_and_the_xml() -> None:
    text = convert(FICTIONAL.read_bytes(), str(FICTIONAL), META)
    assert 'title: "架空の人工知能試験区域に関する法律（令和九十九年法律第九百九十九号）"' in text
    assert "status: official" in text
    assert "\nlanguage: ja\n" in text
    assert convert(FICTIONAL.read_bytes(), str(FICTIONAL), META) == text  # deterministic


def test_ruby_readings_are_left_out() -> None:
    text = convert(FICTIONAL.read_bytes(), str(FICTIONAL), META)
    assert "指定された" in text
    assert "してい" not in text


def test_malformed_xml_gives_the_line(runner, tmp_path: Path) -> None:
    path = write_xml(tmp_path, "<MainProvision>\n<Article Num='1'>\n</MainProvision>")
    result = imported(runner, tmp_path, path)
    assert result.exit_code == 1
    assert f"{path}:8: malformed XML" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "<MainProvision>\n" + ARTICLE.format(extra="\n<TableStruct/>") + "\n</MainProvision>",
            8,
            "<TableStruct> in <Paragraph> is not supported",
        ),
        ("<AppdxTable/>", 6, "<AppdxTable> is not supported"),
        (
            "<MainProvision>\n<Paragraph Num='1'><ParagraphNum/><ParagraphSentence><Sentence>x"
            "</Sentence></ParagraphSentence></Paragraph>\n</MainProvision>",
            7,
            "paragraphs without articles",
        ),
        (
            "<MainProvision>\n<Chapter Num='1'><ChapterTitle>第一章</ChapterTitle>\n<Division Num='1'/>"
            "</Chapter>\n</MainProvision>",
            8,
            "<Division> in <Chapter> is not supported",
        ),
        (
            "<MainProvision>\n"
            + ARTICLE.format(
                extra="\n<Item Num='1_2'><ItemTitle>一の二</ItemTitle><ItemSentence><Sentence>x"
                "</Sentence></ItemSentence></Item>"
            )
            + "\n</MainProvision>",
            8,
            "branch item",
        ),
        (
            "<MainProvision>\n"
            + ARTICLE.replace('Num="1"', 'Num="x"', 1).format(extra="")
            + "\n</MainProvision>",
            7,
            'has Num="x"',
        ),
        (
            "<MainProvision>\n"
            + ARTICLE.format(extra="").replace("本文。", "本文<QuoteStruct/>")
            + "\n</MainProvision>",
            7,
            "<QuoteStruct> in a sentence is not supported",
        ),
        (
            # ArticleTitle says 第二条 while Num says 1: the converted id would not be e-Gov's.
            "<MainProvision>\n"
            + ARTICLE.format(extra="").replace("第一条", "第二条")
            + "\n</MainProvision>",
            7,
            "converts to id 'art-2' (expected 'art-1' (e-Gov Num))",
        ),
    ],
)
def test_unknown_structure_gives_the_line(
    runner, tmp_path: Path, body: str, line: int, message: str
) -> None:
    path = write_xml(tmp_path, body)
    result = imported(runner, tmp_path, path)
    assert result.exit_code == 1, result.output
    assert f"{path}:{line}: " in result.output
    assert message in result.output


def test_not_an_egov_law(runner, tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<akomaNtoso/>")
    result = imported(runner, tmp_path, path)
    assert result.exit_code == 1
    assert "root element <akomaNtoso> (expected <Law>" in result.output


def test_english_xml_is_refused(runner, tmp_path: Path) -> None:
    path = write_xml(tmp_path, "").read_text().replace('Lang="ja"', 'Lang="en"')
    (tmp_path / "en.xml").write_text(path)
    result = imported(runner, tmp_path, tmp_path / "en.xml")
    assert result.exit_code == 1
    assert 'Lang="en"' in result.output


def test_external_entities_are_never_resolved(runner, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    head = f'<!DOCTYPE Law [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
    body = (
        "<MainProvision>\n"
        + ARTICLE.format(extra="").replace("本文。", "&leak;")
        + "\n</MainProvision>"
    )
    result = imported(runner, tmp_path, write_xml(tmp_path, body, head=head))
    assert result.exit_code == 1
    assert "TOP-SECRET" not in result.output
    assert "entity reference" in result.output


def test_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    head = (
        '<!DOCTYPE Law [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
    )
    body = (
        "<MainProvision>\n"
        + ARTICLE.format(extra="").replace("本文。", "&c;")
        + "\n</MainProvision>"
    )
    with pytest.raises(ValidationError, match="entity reference"):
        convert(write_xml(tmp_path, body, head=head).read_bytes(), "law.xml", META)


def test_bad_front_matter_option_names_the_option(runner, tmp_path: Path) -> None:
    result = runner.invoke(
        main,
        ["import", "egov", str(FICTIONAL), *OPTIONS[:-1], "javascript:alert(1)"],
    )
    assert result.exit_code == 1
    assert "--source: unusable source URL" in result.output


def test_failed_import_writes_no_output(runner, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    path = write_xml(tmp_path, "<AppdxTable/>")
    assert imported(runner, tmp_path, path, "-o", str(out)).exit_code == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]


def test_xmlio_helpers_are_generic() -> None:
    root = xmlio.build("{http://example.org/ns}doc", nsmap={"x": "http://example.org/ns"})
    xmlio.build("{http://example.org/ns}p", {"n": "1"}, "テキスト", parent=root)
    data = xmlio.serialize(root)
    parsed = xmlio.parse(data, "mem.xml")
    assert xmlio.name(parsed) == "doc"
    (paragraph,) = xmlio.children(parsed, "p")
    assert (xmlio.attribute(paragraph, "n"), xmlio.text(paragraph), xmlio.line(paragraph)) == (
        "1",
        "テキスト",
        3,
    )
