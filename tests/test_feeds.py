"""Atom feeds: valid, dated by versions, stable ids, and entries exactly when things change.

Expected entries are computed here from the alignments and notes.yml directly, not from the
feed code (`lawtrack.changelog`), so the two are checked against each other.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import itertools
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from lxml import etree

from conftest import FIXTURES, ROOT, importers_of
from lawtrack import xmlio
from lawtrack.align import ChangeKind
from lawtrack.analysis import analyze
from lawtrack.corpus import load_corpus
from lawtrack.feeds import Feed, FeedEntry, atom
from lawtrack.pages import render_site, urls

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
ATOM_RNG = (FIXTURES / "schemas" / "atom.rng").read_bytes()


def _render(folder: str, site_url: str = SITE_URL) -> tuple[object, dict[str, bytes]]:
    corpus = load_corpus(ROOT, folder).corpus
    assert corpus is not None
    analysis = analyze(corpus)
    site = render_site(corpus, analysis, site_url=site_url)
    return analysis, {f.src: f.content for f in site.files if f.src.endswith("feed.xml")}


@pytest.fixture(scope="module")
def rendered() -> tuple[object, dict[str, bytes]]:
    return _render("drafts")


@pytest.fixture(scope="module")
def feeds(rendered: tuple[object, dict[str, bytes]]) -> dict[str, etree._Element]:
    return {src: etree.fromstring(data) for src, data in rendered[1].items()}


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    found = load_corpus(ROOT, "drafts").corpus
    assert found is not None
    return found


def entries(feed: etree._Element) -> list[etree._Element]:
    return feed.findall(f"{ATOM}entry")


def text_of(element: etree._Element, name: str) -> str:
    found = element.findall(f"{ATOM}{name}")
    assert len(found) == 1, f"expected one {name}"
    return found[0].text or ""


def day(element: etree._Element, name: str = "updated") -> dt.date:
    return dt.datetime.fromisoformat(text_of(element, name)).date()


def test_every_feed_the_site_map_promises_is_there(feeds, corpus) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(corpus)
    expected = {urls.feed()} | {urls.measure_feed(m.id) for m in corpus.measures}
    for document in corpus.documents:
        expected.add(urls.feed(document.slug))
        lineage = analysis.compare.lineage(document.slug)
        expected |= {urls.feed(document.slug, item.id) for item in lineage.lineages}
    assert set(feeds) == expected
    assert len(corpus.measures) == 7


def test_every_feed_is_valid_atom(rendered) -> None:  # type: ignore[no-untyped-def]
    for src, data in rendered[1].items():
        assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<feed"), src
        assert xmlio.relaxng_problems(ATOM_RNG, data, src) == [], src


def test_feed_and_entry_elements_that_atom_requires(feeds) -> None:  # type: ignore[no-untyped-def]
    for src, feed in feeds.items():
        assert feed.tag == f"{ATOM}feed", src
        text_of(feed, "id")
        assert text_of(feed, "title")
        day(feed)
        rels = [link.get("rel") for link in feed.findall(f"{ATOM}link")]
        assert sorted(rels) == ["alternate", "self"], src
        self_link = next(x for x in feed.findall(f"{ATOM}link") if x.get("rel") == "self")
        assert self_link.get("href") == SITE_URL + src
        assert feed.find(f"{ATOM}author/{ATOM}name").text == "lawtrack project"
        for entry in entries(feed):
            assert text_of(entry, "id").startswith("tag:lawtrack.github.io,2024:"), src
            assert text_of(entry, "title")
            day(entry)
            # feedgen 1.0 writes entry links without `rel`, which means alternate (RFC 4287).
            links = entry.findall(f"{ATOM}link")
            assert [x.get("rel", "alternate") for x in links] == ["alternate"], src


def test_ids_are_unique_and_stable_tag_uris(feeds) -> None:  # type: ignore[no-untyped-def]
    feed_ids = [text_of(feed, "id") for feed in feeds.values()]
    assert len(set(feed_ids)) == len(feed_ids)
    for src, feed in feeds.items():
        ids = [text_of(e, "id") for e in entries(feed)]
        assert len(set(ids)) == len(ids), src
    # The same version has the same entry id in the site feed and in its document's feed.
    site_ids = {text_of(e, "id") for e in entries(feeds["feed.xml"])}
    document_ids = {
        text_of(e, "id")
        for src, feed in feeds.items()
        if src.count("/") == 1 and not src.startswith("measures/")
        for e in entries(feed)
    }
    assert site_ids == document_ids


def test_ids_do_not_depend_on_the_site_address() -> None:
    _, here = _render("drafts")
    _, elsewhere = _render("drafts", "https://mirror.example.org/x/")
    for src, data in here.items():
        ours = [x.text for x in etree.fromstring(data).iter(f"{ATOM}id")]
        theirs = [x.text for x in etree.fromstring(elsewhere[src]).iter(f"{ATOM}id")]
        assert ours == theirs, src


def test_version_entries_are_dated_by_their_versions_newest_first(feeds, corpus) -> None:  # type: ignore[no-untyped-def]
    dates = {
        f"tag:lawtrack.github.io,2024:{d.slug}/{v.version}": v.date
        for d in corpus.documents
        for v in d.versions
    }
    site = feeds["feed.xml"]
    assert {text_of(e, "id") for e in entries(site)} == set(dates)
    assert len(entries(site)) == len(dates)
    for entry in entries(site):
        assert day(entry) == dates[text_of(entry, "id")]
        assert day(entry, "published") == dates[text_of(entry, "id")]
        assert text_of(entry, "updated").endswith("T00:00:00+00:00")
    days = [day(e) for e in entries(site)]
    assert days == sorted(days, reverse=True)


def test_feed_updated_is_the_newest_entry_date_never_the_build_date(feeds, corpus) -> None:  # type: ignore[no-untyped-def]
    version_dates = {v.date for d in corpus.documents for v in d.versions}
    for src, feed in feeds.items():
        found = [day(e) for e in entries(feed)]
        assert found, src
        assert day(feed) == max(found), src
        assert set(found) <= version_dates, src


def _expected_lineage_versions(analysis, document) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Lineage id → versions in which its text changes, from the comparisons."""
    lineage = analysis.compare.lineage(document.slug)
    order = [v.version for v in document.versions]
    expected = {item.id: set() for item in lineage.lineages}
    for item in lineage.lineages:
        if item.first == order[0]:
            expected[item.id].add(order[0])
        for old, new in itertools.pairwise(order):
            unit_new, unit_old = item.unit_in(new), item.unit_in(old)
            if unit_new is None and unit_old is None:
                continue
            language = document.version(new).primary.language
            comparison = analysis.compare.comparison(document.slug, old, new, language)
            if unit_new is not None:
                entry = next(e for e in comparison.entries if unit_new in e.change.new)
                if unit_old is None or entry.change.kind is not ChangeKind.UNCHANGED:
                    expected[item.id].add(new)
            else:
                expected[item.id].add(new)  # removed, or merged into another
    return expected


def test_lineage_feeds_have_entries_exactly_when_the_text_changes(rendered, feeds, corpus) -> None:  # type: ignore[no-untyped-def]
    analysis = rendered[0]
    checked = 0
    for document in corpus.documents:
        dates = {v.version: v.date for v in document.versions}
        for lineage_id, versions in _expected_lineage_versions(analysis, document).items():
            feed = feeds[urls.feed(document.slug, lineage_id)]
            prefix = f"tag:lawtrack.github.io,2024:{document.slug}/provisions/{lineage_id}/"
            found = {}
            for entry in entries(feed):
                entry_id = text_of(entry, "id")
                assert entry_id.startswith(prefix)
                found[entry_id[len(prefix) :]] = day(entry)
            assert set(found) == versions, (document.slug, lineage_id)
            assert all(found[v] == dates[v] for v in found)
            checked += 1
    assert checked > 80


def test_a_lineage_feed_shows_the_redline_escaped(feeds) -> None:  # type: ignore[no-untyped-def]
    feed = feeds["ai-law/provisions/el-purpose/feed.xml"]
    modified = [e for e in entries(feed) if text_of(e, "id").endswith("/cabinet-bill")]
    assert len(modified) == 1
    assert "modified in cabinet-bill (2025-02-28)" in text_of(modified[0], "title")
    content = modified[0].find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<del>" in content.text
    assert "<ins>" in content.text
    assert '<p lang="ja">' in content.text


def _expected_coverage(corpus, analysis) -> dict[int, set[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """Measure → (document, version) where a lineage starts or stops carrying it (from notes.yml)."""
    out: dict[int, set[tuple[str, str]]] = {m.id: set() for m in corpus.measures}
    for document in corpus.documents:
        lineage = analysis.compare.lineage(document.slug)
        notes = {n.lineage: n for n in corpus.notes_for(document.slug)}
        for measure in out:
            before: set[str] = set()
            for version in document.versions:
                now = {
                    item.id
                    for item in lineage.lineages
                    if item.unit_in(version.version) is not None
                    and item.id in notes
                    and any(
                        t.measure == measure and t.holds_for(version.version)
                        for t in notes[item.id].measures
                    )
                }
                if now != before:
                    out[measure].add((document.slug, version.version))
                before = now
    return out


def test_measure_feeds_have_entries_exactly_when_coverage_changes(rendered, feeds, corpus) -> None:  # type: ignore[no-untyped-def]
    expected = _expected_coverage(corpus, rendered[0])
    dates = {(d.slug, v.version): v.date for d in corpus.documents for v in d.versions}
    for measure, where in expected.items():
        feed = feeds[urls.measure_feed(measure)]
        prefix = f"tag:lawtrack.github.io,2024:measures/{measure}/"
        found = {}
        for entry in entries(feed):
            document, version = text_of(entry, "id")[len(prefix) :].split("/")
            found[(document, version)] = day(entry)
        assert set(found) == where, measure
        assert all(found[key] == dates[key] for key in found)
    # Measure 7 leaves the working-group elements and reaches Article 16 in the cabinet bill.
    summary = next(
        text_of(e, "summary")
        for e in entries(feeds["measures/7/feed.xml"])
        if text_of(e, "id").endswith("/ai-law/cabinet-bill")
    )
    assert "now carried by Article 16" in summary
    assert "no longer carried by" in summary


def test_same_drafts_give_byte_identical_feeds(rendered) -> None:  # type: ignore[no-untyped-def]
    assert _render("drafts")[1] == rendered[1]


def test_feeds_without_site_url_link_relative_to_themselves() -> None:
    _, found = _render("tests/fixtures/compare", "")
    feed = etree.fromstring(found["model-bill/feed.xml"])
    links = {x.get("rel"): x.get("href") for x in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": "./", "self": "feed.xml"}
    entry = entries(feed)[0]
    assert entry.find(f"{ATOM}link").get("href") == "v3/"


def test_the_adapter_escapes_text_and_never_uses_the_clock() -> None:
    hostile = "<script>alert(1)</script> & ]]>"
    feed = Feed(
        "tag:example.org,2024:x",
        hostile,
        "https://example.org/",
        "https://example.org/feed.xml",
        (
            FeedEntry(
                "tag:example.org,2024:x/1", hostile, dt.date(2024, 2, 16), "https://e.org/", hostile
            ),
        ),
        dt.date(2000, 1, 1),
    )
    data = atom(feed)
    assert b"<script>" not in data
    parsed = etree.fromstring(data)
    assert text_of(parsed, "title") == hostile
    assert text_of(parsed, "updated") == "2024-02-16T00:00:00+00:00"
    empty = atom(
        Feed("tag:e.org,2024:y", "t", "https://e.org/", "https://e.org/f", (), dt.date(2000, 1, 1))
    )
    assert text_of(etree.fromstring(empty), "updated") == "2000-01-01T00:00:00+00:00"
    assert b"python-feedgen" not in data


def test_the_schema_check_rejects_a_feed_without_id() -> None:
    data = atom(
        Feed("tag:e.org,2024:y", "t", "https://e.org/", "https://e.org/f", (), dt.date(2000, 1, 1))
    )
    broken = data.replace(b"<id>tag:e.org,2024:y</id>", b"")
    assert xmlio.relaxng_problems(ATOM_RNG, broken, "f.xml")


def test_only_the_feeds_module_imports_feedgen() -> None:
    assert importers_of("feedgen") == ["scripts/lawtrack/feeds.py"]


# -- the built site ------------------------------------------------------------------------------


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[str] = []
        self.anchors: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("type") == "application/atom+xml":
            # Not rel="alternate" alone: Material fetches a sitemap.xml beside each of those.
            assert found.get("rel") == "alternate feed"
            self.alternates.append(found.get("href") or "")
        if tag == "a" and found.get("href"):
            self.anchors.append(found["href"] or "")
        if found.get("id"):
            self.ids.add(found["id"] or "")


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.slow
def test_every_link_in_every_feed_resolves_in_the_built_site(built_site: Path) -> None:
    feeds = sorted(built_site.rglob("feed.xml"))
    assert len(feeds) > 100
    broken, checked = [], 0
    for path in feeds:
        root = etree.fromstring(path.read_bytes())
        hrefs = [x.get("href") for x in root.iter(f"{ATOM}link")]
        for content in root.iter(f"{ATOM}content"):
            hrefs += _href_attributes(content.text or "")
        for href in hrefs:
            assert href.startswith(SITE_URL), href
            parts = urlsplit(href[len(SITE_URL) :])
            target = built_site / unquote(parts.path)
            if parts.path.endswith("/") or not parts.path:
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(built_site)}: {href}")
            elif parts.fragment and parts.fragment not in _parse(target).ids:
                broken.append(f"{path.relative_to(built_site)}: {href} (no anchor)")
    assert checked > 500
    assert broken == [], broken[:20]


def _href_attributes(fragment: str) -> list[str]:
    parser = _Links()
    parser.feed(fragment)
    return parser.anchors


@pytest.mark.slow
def test_pages_announce_their_feeds_in_the_head_and_link_them_visibly(built_site: Path) -> None:
    home = _parse(built_site / "index.html")
    assert home.alternates == ["feed.xml"]
    assert "feed.xml" in home.anchors
    overview = _parse(built_site / "ai-law/index.html")
    assert overview.alternates == ["../feed.xml", "feed.xml"]
    assert "feed.xml" in overview.anchors
    history = _parse(built_site / "ai-law/provisions/el-purpose/index.html")
    assert history.alternates == ["../../../feed.xml", "feed.xml"]
    assert "feed.xml" in history.anchors
    measure = _parse(built_site / "measures/3/index.html")
    assert measure.alternates == ["../../feed.xml", "feed.xml"]
    assert "feed.xml" in measure.anchors
    version = _parse(built_site / "ai-law/promulgated/index.html")
    assert version.alternates == ["../../feed.xml"]
    data = _parse(built_site / "data/index.html")
    assert "../feed.xml" in data.anchors
    assert "../measures/3/feed.xml" in data.anchors
    for page in (built_site / "ai-law/provisions").glob("*/index.html"):
        assert (page.parent / "feed.xml").is_file(), page
