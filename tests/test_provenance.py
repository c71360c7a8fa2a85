"""The provenance box on every version page: sources, retrieval, status, SHA-256, git history."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from gitrepo import make_repo
from lawtrack.analysis import analyze
from lawtrack.corpus import load_corpus
from lawtrack.model import CommitRef, GitState, Provenance
from lawtrack.pages import render_site, urls
from lawtrack.pages.provenance import NOT_IN_GIT, provenance_box

BOX_RE = re.compile(r'<div class="admonition abstract lt-provenance">(.*?)</div>', re.S)
COPY_IGNORE = shutil.ignore_patterns(
    ".git", "site", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", "tests"
)


def version_pages(root: Path) -> list[tuple[str, str]]:
    """(site path of each version page, draft path it shows), for every version and language."""
    result = load_corpus(root)
    assert result.corpus is not None, result.problems
    pages = []
    for document in result.corpus.documents:
        for version in document.versions:
            src = urls.version(document.slug, version.version)
            pages.append((urls.url_of(src), version.primary.path))
            if len(version.drafts) > 1:
                for draft in version.drafts:
                    lang = urls.version(document.slug, version.version, draft.language)
                    pages.append((urls.url_of(lang), draft.path))
    return pages


def box_of(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = BOX_RE.findall(html)
    assert len(found) == 1, f"{page}: one provenance box"
    return str(found[0])


@pytest.mark.slow
def test_every_version_page_shows_its_provenance_box(built_site: Path) -> None:
    pages = version_pages(ROOT)
    assert len(pages) >= 13
    for page, draft in pages:
        box = box_of(built_site, page)
        digest = hashlib.sha256((ROOT / draft).read_bytes()).hexdigest()
        assert f"<code>{digest}</code>" in box, page
        for label in ("Status", "Stage", "Official source", "Retrieved", "SHA-256", "File"):
            assert f"<td>{label}</td>" in box, (page, label)
        assert draft in box
        assert "in git</td>" in box or "<td>In git</td>" in box, page
        assert "@" not in re.sub(r'href="[^"]*"', "", box), "no e-mail address"


@pytest.mark.slow
def test_build_from_a_copy_without_git_says_not_in_git(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    site = tmp_path / "site"
    result = mkdocs_build(copy / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    for page, _ in version_pages(copy):
        assert f"<td>In git</td>\n<td>{NOT_IN_GIT} " in box_of(site, page), page


@pytest.mark.slow
def test_build_in_a_git_repository_shows_who_and_when(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    site = tmp_path / "site"
    result = mkdocs_build(repo / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    box = box_of(site, "test-act/v1/ja/")
    assert "<td>Added in git</td>\n<td>2099-01-15 by Alice Example (<code>" in box
    assert "<td>Last changed in git</td>\n<td>2099-02-15 by Bob Example (<code>" in box
    english = box_of(site, "test-act/v1/en/")
    assert "<td>Added in git</td>\n<td>2099-02-15 by Bob Example" in english


def test_same_repository_state_renders_the_same_pages(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    corpus = load_corpus(repo).corpus
    assert corpus is not None
    first = render_site(corpus, analyze(corpus, root=repo))
    second = render_site(corpus, analyze(corpus, root=repo))
    assert [p.markdown for p in first.pages] == [p.markdown for p in second.pages]


def _draft():
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    return corpus.documents[0].versions[0].primary


def test_author_names_are_escaped_and_only_names_are_shown() -> None:
    draft = _draft()
    hostile = CommitRef(
        "a" * 40, dt.date(2099, 1, 1), "<script>alert(1)</script> | [x](javascript:y)"
    )
    box = provenance_box(draft, Provenance(draft.path, GitState.COMMITTED, hostile, hostile))
    assert "<script>" not in box
    assert "&lt;script&gt;" in box
    assert "](javascript" not in box
    assert "`aaaaaaa`" in box


@pytest.mark.parametrize(
    ("state", "truncated", "expected"),
    [
        (
            GitState.NOT_IN_GIT,
            False,
            "| In git | not in git (this copy of the project has no git history) |",
        ),
        (GitState.UNCOMMITTED, False, "| In git | not committed yet |"),
        (GitState.MODIFIED, False, "this copy has changes not yet committed |"),
        (GitState.COMMITTED, True, "(or earlier: the history of this copy is cut short) |"),
    ],
)
def test_git_rows_say_where_the_file_stands(
    state: GitState, truncated: bool, expected: str
) -> None:
    draft = _draft()
    commit = CommitRef("b" * 40, dt.date(2099, 2, 1), "Editor")
    known = state not in (GitState.NOT_IN_GIT, GitState.UNCOMMITTED)
    entry = Provenance(
        draft.path,
        state,
        commit if known else None,
        commit if known else None,
        truncated=truncated,
    )
    assert expected in provenance_box(draft, entry)


def test_pure_render_without_a_root_says_not_in_git() -> None:
    corpus = load_corpus(ROOT).corpus
    assert corpus is not None
    site = render_site(corpus)
    for page in site.pages:
        if "lt-provenance" in page.markdown:
            assert NOT_IN_GIT in page.markdown
