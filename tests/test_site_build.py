"""One real `mkdocs build --strict` of the shipped site (session fixture `built_site`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from lawtrack.corpus import load_corpus

pytestmark = pytest.mark.slow


def test_every_version_and_language_has_a_page(built_site: Path) -> None:
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    for document in corpus.documents:
        assert (built_site / document.slug / "index.html").is_file()
        for version in document.versions:
            page = built_site / document.slug / version.version / "index.html"
            assert page.is_file(), page
            if len(version.drafts) > 1:
                for draft in version.drafts:
                    assert (
                        built_site / document.slug / version.version / draft.language / "index.html"
                    ).is_file()


def test_text_pages_say_unofficial_and_link_the_official_source(built_site: Path) -> None:
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    for document in corpus.documents:
        for version in document.versions:
            for draft in version.drafts:
                folder = built_site / document.slug / version.version
                page = (
                    folder / draft.language / "index.html"
                    if len(version.drafts) > 1
                    else folder / "index.html"
                )
                html = page.read_text(encoding="utf-8")
                assert (
                    "Unofficial restatement — not the official text" in html
                    or "Unofficial translation" in html
                )
                assert (
                    f'href="{draft.source.url}"' in html
                    or draft.source.url.replace("&", "&amp;") in html
                )


def test_every_provision_has_its_anchor(built_site: Path) -> None:
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    for document in corpus.documents:
        for version in document.versions:
            html = (built_site / document.slug / version.version / "index.html").read_text(
                encoding="utf-8"
            )
            for provision in version.primary.provisions:
                assert f'id="{provision.id}"' in html, (
                    document.slug,
                    version.version,
                    provision.id,
                )


def test_nothing_generated_is_in_docs() -> None:
    generated = {"ai-law", "ai-guidelines", "hiroshima-code", "us-commitments"}
    assert not generated & {p.name for p in (ROOT / "docs").iterdir()}
