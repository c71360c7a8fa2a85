"""Data exports: JSON against its schema, CSV for spreadsheets, Akoma Ntoso XML structure.

Expectations come from the corpus model, the lineages and notes.yml, not from the export code.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from lxml import etree

from conftest import FIXTURES, ROOT, importers_of
from lawtrack import xmlio
from lawtrack.align import units
from lawtrack.analysis import analyze
from lawtrack.corpus import load_corpus, load_draft
from lawtrack.exports import akn
from lawtrack.pages import render_site, urls

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
AKN_RNG = (FIXTURES / "schemas" / "akn-subset.rng").read_bytes()
HIERARCHY = {"part", "chapter", "section", "subsection", "article", "paragraph", "point"}
HIERARCHY |= {"hcontainer"}


def _render(folder: str) -> tuple[object, object, dict[str, bytes]]:
    corpus = load_corpus(ROOT, folder).corpus
    assert corpus is not None
    analysis = analyze(corpus)
    site = render_site(corpus, analysis, site_url=SITE_URL)
    return corpus, analysis, {f.src: f.content for f in site.files}


@pytest.fixture(scope="module")
def rendered() -> tuple[object, object, dict[str, bytes]]:
    return _render("drafts")


@pytest.fixture(scope="module")
def corpus(rendered):  # type: ignore[no-untyped-def]
    return rendered[0]


@pytest.fixture(scope="module")
def analysis(rendered):  # type: ignore[no-untyped-def]
    return rendered[1]


@pytest.fixture(scope="module")
def files(rendered) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return rendered[2]


@pytest.fixture(scope="module")
def data(files) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(files["data/corpus.json"])


@pytest.fixture(scope="module")
def schema(files) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(files["data/corpus.schema.json"])


def _drafts(corpus):  # type: ignore[no-untyped-def]
    for document in corpus.documents:
        for version in document.versions:
            for draft in version.drafts:
                yield document, version, draft


def _expected_measures(corpus, analysis) -> dict[tuple[str, str, str], list[dict]]:  # type: ignore[no-untyped-def]
    """(document, version, unit) → [{measure, unverified}] from notes.yml and the lineages."""
    out: dict[tuple[str, str, str], dict[int, bool]] = {}
    for notes in corpus.notes:
        item = analysis.compare.lineage(notes.document).lineage(notes.lineage)
        for version, unit in item.members:
            for tag in notes.measures:
                if tag.holds_for(version):
                    seen = out.setdefault((notes.document, version, unit), {})
                    seen[tag.measure] = seen.get(tag.measure, True) and tag.unverified
    return {
        key: [{"measure": m, "unverified": found[m]} for m in sorted(found)]
        for key, found in out.items()
    }


# -- JSON ------------------------------------------------------------------------------------


def test_the_published_schema_is_a_valid_2020_12_schema(schema) -> None:  # type: ignore[no-untyped-def]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SITE_URL + "data/corpus.schema.json"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_json_export_validates_against_its_schema(data, schema) -> None:  # type: ignore[no-untyped-def]
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert data["$schema"] == schema["$id"]


def test_the_schema_refuses_fields_it_does_not_describe(data, schema) -> None:  # type: ignore[no-untyped-def]
    validator = jsonschema.Draft202012Validator(schema)
    changed = json.loads(json.dumps(data))
    changed["documents"][0]["versions"][0]["drafts"][0]["provisions"][0]["surprise"] = 1
    assert not validator.is_valid(changed)
    changed = json.loads(json.dumps(data))
    del changed["documents"][0]["lineages"][0]["members"]
    assert not validator.is_valid(changed)


def test_every_provision_is_exported_with_its_text_lineage_and_measures(  # type: ignore[no-untyped-def]
    data, corpus, analysis
) -> None:
    measures = _expected_measures(corpus, analysis)
    exported = {
        (d["slug"], v["version"], draft["language"]): draft
        for d in data["documents"]
        for v in d["versions"]
        for draft in v["drafts"]
    }
    count = 0
    for document, version, draft in _drafts(corpus):
        found = exported[(document.slug, version.version, draft.language)]
        assert found["path"] == draft.path
        assert found["sha256"] == draft.sha256
        assert found["status"] == draft.status.value
        assert [p["id"] for p in found["provisions"]] == [p.id for p in draft.provisions]
        unit_ids = {p.id for p in units(draft.provisions)}
        lineage = analysis.compare.lineage(document.slug)
        for provision, row in zip(draft.provisions, found["provisions"], strict=True):
            assert row["text"] == provision.text
            assert row["kind"] == provision.kind.value
            assert row["parent"] == provision.parent
            if provision.id in unit_ids:
                assert row["lineage"] == lineage.lineage_of(version.version, provision.id)
            else:
                assert row["lineage"] is None
            key = (document.slug, version.version, provision.id)
            assert row["measures"] == measures.get(key, []), key
            count += 1
    assert count > 500


def test_lineages_and_measures_are_exported(data, corpus, analysis) -> None:  # type: ignore[no-untyped-def]
    assert [m["id"] for m in data["measures"]] == list(range(1, 8))
    for document in data["documents"]:
        lineage = analysis.compare.lineage(document["slug"])
        assert [x["id"] for x in document["lineages"]] == [x.id for x in lineage.lineages]
        for exported, item in zip(document["lineages"], lineage.lineages, strict=True):
            assert [(m["version"], m["id"]) for m in exported["members"]] == list(item.members)
    law = next(d for d in data["documents"] if d["slug"] == "ai-law")
    purpose = next(x for x in law["lineages"] if x["id"] == "el-purpose")
    assert [e["kind"] for e in purpose["events"]] == ["first", "modified"]
    bill = next(v for v in law["versions"] if v["version"] == "cabinet-bill")
    assert bill["akn_type"] == "bill"
    assert any(c["old"] == ["el-purpose"] and c["new"] == ["art-1"] for c in bill["changes"])


def test_json_export_is_deterministic(files) -> None:  # type: ignore[no-untyped-def]
    assert _render("drafts")[2] == files


# -- CSV -------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_crlf_for_spreadsheets(files) -> None:  # type: ignore[no-untyped-def]
    raw = files["data/provisions.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "").split('"')[0]
    header = next(csv.reader(io.StringIO(text)))
    assert header[:6] == ["document", "version", "date", "stage", "lineage", "id"]
    assert [h for h in header if h.startswith("measure_")] == [f"measure_{n}" for n in range(1, 8)]
    assert header[-3:] == ["text_ja", "text_en", "url"]


def test_csv_has_one_row_per_unit_and_version_with_its_measures(files, corpus, analysis) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(files["data/provisions.csv"].decode("utf-8-sig"))))
    expected = [
        (d.slug, v.version, p.id)
        for d in corpus.documents
        for v in d.versions
        for p in units(v.primary.provisions)
    ]
    assert [(r["document"], r["version"], r["id"]) for r in rows] == expected
    measures = _expected_measures(corpus, analysis)
    for row in rows:
        tags = measures.get((row["document"], row["version"], row["id"]), [])
        for number in range(1, 8):
            tag = next((t for t in tags if t["measure"] == number), None)
            cell = "" if tag is None else ("unverified" if tag["unverified"] else "reviewed")
            assert row[f"measure_{number}"] == cell, row["id"]
    art16 = next(r for r in rows if r["version"] == "promulgated" and r["id"] == "art-16")
    assert art16["measures"] == "2 7"
    assert art16["text_ja"].startswith("国は、")
    assert art16["url"] == SITE_URL + "ai-law/promulgated/#art-16"


# -- Akoma Ntoso -----------------------------------------------------------------------------


def test_one_akn_file_per_version_and_language_with_the_right_type(files, corpus) -> None:  # type: ignore[no-untyped-def]
    expected = {
        ("ai-law", "wg-draft"): "bill",
        ("ai-law", "cabinet-bill"): "bill",
        ("ai-law", "promulgated"): "act",
    }
    paths = set()
    for document, version, draft in _drafts(corpus):
        src = urls.akn(document.slug, version.version, draft.language)
        paths.add(src)
        root = etree.fromstring(files[src])
        assert root.tag == f"{AKN}akomaNtoso"
        (top,) = list(root)
        kind = expected.get((document.slug, version.version), "doc")
        assert top.tag == f"{AKN}{kind}", src
        body = top.find(f"{AKN}{'mainBody' if kind == 'doc' else 'body'}")
        assert body is not None
        expression = top.find(f"{AKN}meta/{AKN}identification/{AKN}FRBRExpression")
        assert expression.find(f"{AKN}FRBRdate").get("date") == version.date.isoformat()
        language = expression.find(f"{AKN}FRBRlanguage").get("language")
        assert language == {"ja": "jpn", "en": "eng"}[draft.language]
        this = expression.find(f"{AKN}FRBRthis").get("value")
        assert this.endswith(f"/{language}@{version.date.isoformat()}/!main")
        assert expression.find(f"{AKN}FRBRauthoritative").get("value") == "false"
    assert {src for src in files if src.startswith("data/akn/")} == paths


def test_akn_files_are_valid_against_the_subset_schema(files) -> None:  # type: ignore[no-untyped-def]
    for src, content in files.items():
        if src.startswith("data/akn/"):
            assert xmlio.relaxng_problems(AKN_RNG, content, src) == [], src


def test_akn_eids_are_unique_and_every_provision_is_in_its_place(files, corpus) -> None:  # type: ignore[no-untyped-def]
    for document, version, draft in _drafts(corpus):
        src = urls.akn(document.slug, version.version, draft.language)
        root = etree.fromstring(files[src])
        found = [e for e in root.iter() if e.get("eId") and etree.QName(e).localname in HIERARCHY]
        eids = [e.get("eId") for e in found]
        assert len(set(eids)) == len(eids), src
        mapping = akn.eids(draft)
        assert sorted(eids) == sorted(mapping.values()), src
        by_eid = {e.get("eId"): e for e in found}
        for provision in draft.provisions:
            element = by_eid[mapping[provision.id]]
            parent = element.getparent()
            if provision.parent is None:
                assert etree.QName(parent).localname in ("body", "mainBody"), provision.id
            else:
                assert parent.get("eId") == mapping[provision.parent], (src, provision.id)
            leaf = not any(True for _ in draft.children(provision.id))
            if leaf and not provision.deleted:
                lines = [p.text or "" for p in element.findall(f"{AKN}content/{AKN}p")]
                assert "\n".join(lines) == provision.text, (src, provision.id)


def _constructs() -> dict[str, object]:
    """The drafts of the constructs fixture (parts, sections, branch and deleted articles)."""
    out = {}
    for language in ("ja", "en"):
        draft, problems = load_draft(FIXTURES / f"constructs/2025-01-01-v1.{language}.md", ROOT)
        assert draft is not None, problems
        out[language] = draft
    return out


@pytest.mark.parametrize(
    ("provision_id", "eid"),
    [
        ("part-1", "part_1"),
        ("part-1.ch-1", "part_1__chp_1"),
        ("part-1.ch-2.sec-1.sub-1", "part_1__chp_2__sec_1__subsec_1"),
        ("art-2-2", "art_2_2"),
        ("art-10-2-3", "art_10_2_3"),
        ("art-2.p2", "art_2__para_2"),
        ("art-2.p1.i1", "art_2__para_1__point_1"),
        ("art-last", "art_last"),
        ("suppl", "hcontainer_suppl"),
        ("suppl-art-1", "hcontainer_suppl__art_1"),
        ("suppl-amend.p1", "hcontainer_suppl_amend__para_1"),
    ],
)
def test_eids_follow_akn_naming(provision_id: str, eid: str) -> None:
    for draft in _constructs().values():
        assert akn.eids(draft)[provision_id] == eid  # type: ignore[arg-type]


def test_guideline_and_element_eids(corpus) -> None:  # type: ignore[no-untyped-def]
    guidelines = corpus.document("ai-guidelines").versions[-1].primary
    assert akn.eids(guidelines)["c-3"] == "hcontainer_c_3"
    assert akn.eids(guidelines)["part-2-a"] == "hcontainer_part_2_a"
    draft = corpus.document("ai-law").versions[0].primary
    assert akn.eids(draft)["el-purpose"] == "hcontainer_el_purpose"


def test_wids_mark_exactly_the_renumbered_units() -> None:
    corpus, analysis, files = _render("tests/fixtures/compare")
    lineage = analysis.compare.lineage("model-bill")
    document = corpus.document("model-bill")
    for version in document.versions:
        for draft in version.drafts:
            root = etree.fromstring(files[urls.akn("model-bill", version.version, draft.language)])
            articles = {
                e.get("eId"): e.get("wId") for e in root.iter(f"{AKN}article") if e.get("eId")
            }
            expected = {}
            for item in lineage.lineages:
                unit = item.unit_in(version.version)
                if unit is not None and draft.provision(unit).kind.value == "article":
                    first_version, first = item.members[0]
                    earlier = document.version(first_version).draft(draft.language)
                    expected[akn.eids(draft)[unit]] = (
                        akn.eids(earlier)[first] if first != unit else None
                    )
            assert articles == expected, (version.version, draft.language)
            wids = [e.get("wId") for e in root.iter() if e.get("wId")]
            assert len(set(wids)) == len(wids)
    v3 = etree.fromstring(files["data/akn/model-bill/v3.ja.xml"])
    article = next(e for e in v3.iter(f"{AKN}article") if e.get("eId") == "art_8")
    assert article.get("wId") == "art_7"


def test_only_xmlio_imports_lxml() -> None:
    assert importers_of("lxml") == ["scripts/lawtrack/xmlio.py"]


# -- golden files and the built site ---------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_files() -> dict[str, bytes]:
    return _render("tests/fixtures/compare")[2]


@pytest.mark.golden_test("golden/exports/*.yml")
def test_exports_of_the_fixture_corpus(golden, fixture_files) -> None:  # type: ignore[no-untyped-def]
    name = golden["file"]
    if name.startswith("constructs:"):  # the constructs fixture has no drafts/ folder
        from test_pages import constructs_corpus

        document = constructs_corpus().documents[0]
        version = document.versions[0]
        content = akn.akn_xml(document, version, version.draft(name.split(":")[1]), None)
    else:
        content = fixture_files[name]
    # Goldens are YAML text: the CSV's BOM and CRLF line ends are checked above.
    assert content.decode("utf-8-sig").replace("\r\n", "\n") == golden.out["content"]


@pytest.mark.slow
def test_the_built_site_publishes_the_exports_with_git_provenance(built_site: Path) -> None:
    data = json.loads((built_site / "data/corpus.json").read_text(encoding="utf-8"))
    states = {
        draft["provenance"]["state"]
        for document in data["documents"]
        for version in document["versions"]
        for draft in version["drafts"]
    }
    assert states <= {"committed", "modified", "uncommitted"}
    assert "committed" in states
    for name in ("corpus.schema.json", "provisions.csv", "akn/ai-law/promulgated.ja.xml"):
        assert (built_site / "data" / name).is_file()
    page = (built_site / "data/index.html").read_text(encoding="utf-8")
    for link in ("corpus.json", "corpus.schema.json", "provisions.csv"):
        assert f'href="{link}"' in page
    assert 'href="akn/ai-law/promulgated.ja.xml"' in page
