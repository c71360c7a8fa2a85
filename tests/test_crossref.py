"""The cross-reference layer on built pages: the coverage matrix and measure pages against the
data, badges of three kinds, links on both ends, in-text references, defined terms and notes.

Expectations are computed from notes.yml and the lineages, never read off the rendered pages.
The fixture project (tests/fixtures/crossref) has a bill in three versions (a note on v1, the
text unchanged in v2 and changed in v3, a definition that changes in v3) and guidelines in two;
the references fixture is added to it, so every reference form is checked on a built page.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin, urlparse

import lxml.html
import pytest

from conftest import FIXTURES, ROOT, mkdocs_build
from lawtrack.corpus import load_corpus
from lawtrack.crossref import preview
from lawtrack.lineage import build
from test_references import EN, JA

pytestmark = pytest.mark.slow

PROJECT = FIXTURES / "crossref"


@pytest.fixture(scope="module")
def xsite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with the references fixture added, built with --strict."""
    project = tmp_path_factory.mktemp("crossref") / "project"
    shutil.copytree(PROJECT, project)
    shutil.copytree(FIXTURES / "references", project / "drafts" / "references")
    result = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stderr
    return project


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def target(base: str, href: str) -> tuple[str, str, str]:
    """(document, version, anchor) of a link to a version page, from the page at `base`."""
    parsed = urlparse(urljoin(f"http://x/{base}", href))
    parts = parsed.path.strip("/").split("/")
    return parts[0], parts[1], parsed.fragment


def expected_matrix(root: Path, drafts: str = "drafts") -> dict[tuple[int, str, str], set]:
    """(measure, document, version) → {(unit, unverified)}, from notes.yml and the lineages."""
    corpus = load_corpus(root, drafts).corpus
    assert corpus is not None
    lineages = {d.slug: build(d) for d in corpus.documents}
    out: dict[tuple[int, str, str], set] = {
        (m.id, d.slug, v.version): set()
        for m in corpus.measures
        for d in corpus.documents
        for v in d.versions
    }
    for notes in corpus.notes:
        lineage = lineages[notes.document].lineage(notes.lineage)
        assert lineage is not None
        for version, unit in lineage.members:
            held = {}
            for tag in notes.measures:
                if tag.holds_for(version):
                    held[tag.measure] = held.get(tag.measure, True) and tag.unverified
            for measure, unverified in held.items():
                out[(measure, notes.document, version)].add((unit, unverified))
    return out


def rendered_matrix(site: Path) -> dict[tuple[int, str, str], tuple[set, str]]:
    """(measure, document, version) → ({(unit, unverified)}, marks) as the page shows them."""
    tree = page(site, "measures")
    table = next(t for t in tree.iter("table") if "Measure" in t.find(".//th").text_content())
    columns = []
    for th in table.findall(".//thead//th")[1:]:
        links = th.findall(".//a")
        document, version, _ = target("measures/", links[1].get("href"))
        columns.append((document, version))
    out = {}
    for row in table.findall(".//tbody/tr"):
        cells = row.findall("td")
        measure = int(cells[0].text_content().split(":")[0].removeprefix("Measure "))
        for (document, version), cell in zip(columns, cells[1:], strict=True):
            found = set()
            for a in cell.findall(".//a"):
                _, _, unit = target("measures/", a.get("href"))
                tail = a.getnext()
                unverified = tail is not None and "(unverified)" in tail.text_content()
                found.add((unit, unverified))
            out[(measure, document, version)] = (found, cell.text_content())
    return out


def check_matrix(root: Path, site: Path, drafts: str = "drafts") -> None:
    expected = expected_matrix(root, drafts)
    shown = rendered_matrix(site)
    assert set(shown) == set(expected), "a row per measure, a column per version"
    corpus = load_corpus(root, drafts).corpus
    assert corpus is not None
    for (measure, document, version), units in expected.items():
        found, text = shown[(measure, document, version)]
        assert found == units, (measure, document, version)
        versions = [v.version for v in corpus.document(document).versions]
        at = versions.index(version)
        before = expected[(measure, document, versions[at - 1])] if at else None
        assert ("✚ appeared" in text) == bool(at and units and not before), (measure, version)
        assert ("✖ dropped" in text) == bool(at and before and not units), (measure, version)
        if not units and "dropped" not in text:
            assert "—" in text
            assert "not carried" in text


def test_matrix_of_the_fixture_is_right_against_the_notes(xsite: Path) -> None:
    check_matrix(xsite, xsite / "site")
    shown = rendered_matrix(xsite / "site")
    assert "✖ dropped" in shown[(7, "demo-bill", "v3")][1], "the tag on art-1 ends after v2"
    assert "✚ appeared" in shown[(3, "demo-bill", "v2")][1], "art-6 is new in v2"
    assert shown[(6, "demo-bill", "v1")][0] == {("art-5", True)}


def test_matrix_of_the_shipped_site_is_right_against_the_notes(built_site: Path) -> None:
    check_matrix(ROOT, built_site)


def listed(site: Path, measure: int) -> set[tuple[str, str, str, str]]:
    """(document, version, unit, tag kind) of every row of a measure page's listing."""
    tree = page(site, f"measures/{measure}")
    out = set()
    for table in tree.iter("table"):
        header = [th.text_content() for th in table.findall(".//th")]
        if header[:3] != ["Version", "Provision", "Tag"]:
            continue
        for row in table.findall(".//tbody/tr"):
            cells = row.findall("td")
            links = cells[1].findall(".//a")
            if links:
                document, version, unit = target(f"measures/{measure}/", links[0].get("href"))
                out.add((document, version, unit, cells[2].text_content()))
    return out


@pytest.mark.parametrize("measure", range(1, 8))
def test_every_measure_page_lists_every_carrying_provision(xsite: Path, measure: int) -> None:
    expected = {
        (document, version, unit, "unverified" if unverified else "reviewed")
        for (m, document, version), units in expected_matrix(xsite).items()
        if m == measure
        for unit, unverified in units
    }
    assert listed(xsite / "site", measure) == expected


@pytest.mark.parametrize("measure", range(1, 8))
def test_shipped_measure_pages_list_every_carrying_provision(
    built_site: Path, measure: int
) -> None:
    expected = {
        (document, version, unit, "unverified" if unverified else "reviewed")
        for (m, document, version), units in expected_matrix(ROOT).items()
        if m == measure
        for unit, unverified in units
    }
    assert listed(built_site, measure) == expected
    text = page(built_site, f"measures/{measure}").text_content()
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    for counterpart in corpus.measures[measure - 1].counterparts:
        assert counterpart.confidence.value in text


def test_measure_page_lists_suggestions_apart(xsite: Path) -> None:
    tree = page(xsite / "site", "measures/1")
    assert listed(xsite / "site", 1) == set(), "a suggestion is not a reviewed listing"
    tables = [t for t in tree.iter("table") if "Keywords" in t.text_content()]
    rows = {tuple(td.text_content() for td in tr.findall("td")) for tr in tables[0].iter("tr")}
    assert (
        "demo-bill",
        "v1",
        "Article 4 (Verification)",
        "レッドチーム (ja), red team (en)",
    ) in rows


def badges(tree: lxml.html.HtmlElement, unit: str) -> list[tuple[str, str, str]]:
    """(paragraph class, badge class, text) of the badges under a unit's heading."""
    heading = tree.get_element_by_id(unit)
    out = []
    node = heading.getnext()
    while node is not None and "lt-tags" in (node.get("class") or ""):
        out.extend((node.get("class"), a.get("class"), a.text_content()) for a in node.iter("a"))
        node = node.getnext()
    return out


def test_three_kinds_of_badges_are_distinct(xsite: Path) -> None:
    tree = page(xsite / "site", "demo-bill/v1")
    assert badges(tree, "art-3") == [("lt-tags", "lt-tag lt-tag-reviewed", "Measure 2")]
    assert badges(tree, "art-5") == [
        ("lt-tags", "lt-tag lt-tag-unverified", "Measure 6 · unverified")
    ]
    assert badges(tree, "art-4") == [
        ("lt-tags lt-tags-suggested", "lt-tag lt-tag-suggested", "Measure 1 · suggested")
    ]
    assert badges(tree, "art-2") == []
    suggested = tree.find_class("lt-tags-suggested")[0]
    assert suggested.text_content().startswith("Suggested by keywords, not reviewed:")
    for paragraph in tree.find_class("lt-tags"):
        kinds = {a.get("class").split()[-1] for a in paragraph.iter("a")}
        assert kinds <= {"lt-tag-suggested"} or "lt-tag-suggested" not in kinds, "never mixed"
    link = tree.get_element_by_id("art-3").getnext().find("a")
    assert urljoin("http://x/demo-bill/v1/", link.get("href")) == "http://x/measures/2/"


def test_a_suggestion_only_where_no_reviewed_tag(xsite: Path) -> None:
    tree = page(xsite / "site", "demo-guide/v1")
    assert badges(tree, "g-2") == [
        ("lt-tags lt-tags-suggested", "lt-tag lt-tag-suggested", "Measure 6 · suggested")
    ]
    assert badges(tree, "g-1") == [("lt-tags", "lt-tag lt-tag-reviewed", "Measure 2")]


def xlinks(site: Path, url: str) -> list[str]:
    return [p.text_content() for p in page(site, url).find_class("lt-xlink")]


def test_links_show_on_both_ends_only_in_their_versions(xsite: Path) -> None:
    site = xsite / "site"
    assert xlinks(site, "demo-guide/v1") == [
        "← Linked from Demo testing bill (fictional): Article 6 (Security) — in v2 · v3. "
        "Security and disclosure go together."
    ], "the link written on g-1 holds for v2 only; the one on art-6 shows on g-2 here"
    guide = xlinks(site, "demo-guide/v2")
    assert (
        "→ Links to Demo testing bill (fictional): Article 3 (Reports) — in v2 · v3. "
        "The same reporting duty, voluntary here."
    ) in guide
    assert not any("Article 3" in line for line in xlinks(site, "demo-bill/v1"))
    for version in ("v2", "v3"):
        assert any(
            line.startswith("← Linked from Demo guidelines (fictional): G-1 Reporting — in v2")
            for line in xlinks(site, f"demo-bill/{version}")
        )
    tree = page(site, "demo-bill/v3")
    link = next(
        a for a in tree.find_class("lt-xlink-from")[0].iter("a") if "v2" in a.text_content()
    )
    assert target("demo-bill/v3/", link.get("href")) == ("demo-guide", "v2", "g-1")


def notes_after(
    tree: lxml.html.HtmlElement, unit: str, language: str = "ja"
) -> list[tuple[str, str]]:
    """(title, flag or "") of the notes shown after a unit's text (in `language`'s cell where a
    version page has both languages side by side)."""
    node = tree.get_element_by_id(unit).getnext()
    out = []
    while node is not None and node.tag not in ("h2", "h3"):
        classes = (node.get("class") or "").split()
        cells = node.find_class(f"lt-{language}") if "lt-notes-row" in classes else [node]
        for found in cells:
            for note in [found, *found.iterdescendants()]:
                if "admonition" in (note.get("class") or "").split():
                    title = note.find_class("admonition-title")[0].text_content()
                    flags = note.find_class("lt-changed")
                    out.append((title, flags[0].text_content() if flags else ""))
        node = node.getnext()
    return out


def test_notes_carry_forward_with_the_changed_flag_exactly_when_the_text_changed(
    xsite: Path,
) -> None:
    site = xsite / "site"
    flag = "⚠ The text has changed since this note was written (in v3: modified)."
    assert notes_after(page(site, "demo-bill/v1"), "art-3") == [
        ("Editor's note, written for v1", "")
    ], "a note written for v2 is not shown on v1"
    assert notes_after(page(site, "demo-bill/v2"), "art-3") == [
        ("Editor's note, written for v1", ""),
        ("Editor's note, written for v2 — unverified", ""),
    ], "unchanged in v2: no flag"
    assert notes_after(page(site, "demo-bill/v3"), "art-3") == [
        ("Editor's note, written for v1", flag),
        ("Editor's note, written for v2 — unverified", flag),
    ]
    assert notes_after(page(site, "demo-bill/v3"), "art-3", "en") == [
        ("Editor's note, written for v1", flag),
        ("Editor's note, written for v2 — unverified", flag),
    ], "the English column has the notes too"
    assert notes_after(page(site, "demo-bill/v3/ja"), "art-3") == notes_after(
        page(site, "demo-bill/v3"), "art-3"
    ), "the Japanese page has what the Japanese column has"
    english = page(site, "demo-bill/v3/en")
    assert "Reports go to the State once a year." in english.text_content()
    assert "question" in english.find_class("lt-note-unverified")[0].get("class")
    history = page(site, "demo-bill/provisions/art-3")
    assert notes_after(history, "editors-notes") == [
        ("Editor's note, written for v1", flag),
        ("Editor's note, written for v2 — unverified", flag),
    ]


def test_terms_carry_the_definition_of_their_version(xsite: Path) -> None:
    site = xsite / "site"
    for version, definition in (
        ("v1", "試験を行う機関をいう。"),
        ("v2", "試験を行う機関をいう。"),
        ("v3", "国が指定する試験を行う機関をいう。"),
    ):
        terms = [
            term
            for cell in page(site, f"demo-bill/{version}").find_class("lt-ja")
            for term in cell.find_class("lt-term")
        ]
        assert terms, version
        for term in terms:
            assert term.text_content() == "試験機関"
            assert term.get("title") == (
                f"試験機関: この法律において「試験機関」とは、{definition}"
            )
    english = page(site, "demo-bill/v3/en").find_class("lt-term")
    assert (
        english[0]
        .get("title")
        .startswith('testing body: In this Act, "testing body" means a body designated')
    )


def test_history_page_flags_a_changed_definition(xsite: Path) -> None:
    tree = page(xsite / "site", "demo-bill/provisions/art-2")
    table = next(t for t in tree.iter("table") if "Definition in this version" in t.text_content())
    rows = [[td.text_content() for td in tr.findall("td")] for tr in table.findall(".//tbody/tr")]
    changes = {(row[0], row[2]): row[4] for row in rows}
    assert changes[("試験機関", "v1")] == "first defined here"
    assert changes[("試験機関", "v2")] == "unchanged"
    assert changes[("試験機関", "v3")] == "⚠ definition changed in this version"
    assert changes[("testing body", "v3")] == "⚠ definition changed in this version"


@pytest.mark.parametrize(
    ("language", "where", "text", "anchor"),
    [("ja", *case) for case in JA] + [("en", *case) for case in EN],
)
def test_every_reference_links_to_its_anchor_with_a_preview(
    xsite: Path, language: str, where: str, text: str, anchor: str
) -> None:
    draft = load_corpus(xsite).corpus.document("references").versions[0].draft(language)
    for url in ("references/v1", f"references/v1/{language}"):
        tree = page(xsite / "site", url)
        if url == "references/v1" and language == "en":
            continue  # the version page shows the Japanese text
        links = [a for a in tree.get_element_by_id(where).iter("a") if a.text_content() == text]
        assert links, (url, where, text)
        assert links[0].get("class") == "lt-ref"
        assert links[0].get("href") == f"#{anchor}"
        assert links[0].get("title") == preview(draft, anchor)
        assert tree.get_element_by_id(anchor) is not None


def test_unresolvable_references_stay_text(xsite: Path) -> None:
    tree = page(xsite / "site", "references/v1/ja")
    paragraph = tree.get_element_by_id("art-9.p1")
    assert "第九十九条" in paragraph.text_content()
    assert not any("第九十九条" in a.text_content() for a in paragraph.iter("a"))
