"""The search index as readers need it: rewritten after Material's search plugin writes it.

Material's search builds `search/search_index.json` from the rendered pages: one entry per page
and one per heading (`ai-law/promulgated/#art-5`). This module rewrites that index so that the
queries researchers type find the provision they mean (measurements in docs/search.md):

- pages that repeat other pages are dropped: compare and history pages (every version's text
  again), and the single-language pages of a version in several languages (`/<version>/ja/`,
  `/<version>/en/`): its version page holds every language, provision by provision, so a
  provision is one entry whichever language the query is in (docs/method.md);
- old versions stay findable but rank below the current one (`boost`);
- every provision gets a hidden `keys` field with its number as an alias token (`art-5` →
  `art_5_`, which the search worker makes of 第五条, 第5条, 5条, Article 5 and Art. 5) and the
  terms it defines (「人工知能関連技術」とは…, "AI-related technology").

Pure functions over the index JSON; the same input always gives the same bytes.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lawtrack.model import Corpus

KEYS_FIELD = "keys"
"""The hidden field with alias tokens and defined terms (indexed, never shown)."""

_ALIAS_ID_RE = re.compile(r"^[a-z]+(?:[-.][a-z]+)*[-.]\d+(?:[-.](?:\d+|[a-z]|[a-z]+[-.]\d+))*$")
_TAG_RE = re.compile(r"<[^>]*>")
_JA_DEFINED_RE = re.compile(r"「([^「」]{2,40})」(?:とは|という)")
_EN_DEFINED_RE = re.compile(r"[\"“]([^\"“”]{2,60})[\"”] (?:means|refers to|covers)")
_QUOTED_RE = re.compile(r"[「\"“]([^「」\"“”]{2,60})[」\"”]")
_DEFINITION_TITLE_RE = re.compile(r"定義|用語|definition", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SearchPolicy:
    """Which pages the index keeps, and how strongly it ranks them."""

    excluded: tuple[str, ...] = ()
    """Page URL prefixes (`ai-law/compare/`) whose entries are dropped."""
    demoted: tuple[str, ...] = ()
    """Page URL prefixes of old versions (`ai-law/wg-draft/`), ranked lower."""
    demoted_boost: float = 0.5
    """The boost of entries of demoted pages (1 is Material's default)."""
    text_pages: tuple[str, ...] = ()
    """Page URL prefixes of version pages, whose page entry (title, banner, metadata, notes)
    must not hide the provision entries below it."""
    page_entry_boost: float = 0.2
    """The boost of the page entry of a version page."""
    keys_boost: float = 1000.0
    """The boost of the `keys` field (Material gives titles 1000 and text 1)."""


def policy_for(corpus: Corpus) -> SearchPolicy:
    """The policy for a corpus: drop repeats, demote every version but the newest.

    Args:
        corpus: The validated drafts.

    Returns:
        Compare and history pages and single-language copies excluded; old versions demoted.
    """
    excluded: list[str] = []
    demoted: list[str] = []
    text_pages: list[str] = []
    for document in corpus.documents:
        excluded += [f"{document.slug}/compare/", f"{document.slug}/provisions/"]
        newest = document.versions[-1].version if document.versions else ""
        for version in document.versions:
            base = f"{document.slug}/{version.version}/"
            text_pages.append(base)
            if len(version.drafts) > 1:
                excluded.extend(f"{base}{draft.language}/" for draft in version.drafts)
            if version.version != newest:
                demoted.append(base)
    return SearchPolicy(
        tuple(sorted(excluded)), tuple(sorted(demoted)), text_pages=tuple(sorted(text_pages))
    )


def excluded_source(src: str, policy: SearchPolicy) -> bool:
    """Whether the page at a source path (`ai-law/compare/a...b/index.md`) is dropped.

    Such pages get `search: {exclude: true}` in their front matter when they are generated, so
    that Material's search plugin does not parse them at all (it did, only for the rewrite to
    drop them), and plain builds (`lawtrack generate`) leave them out too.
    """
    page = src[: -len("index.md")] if src.endswith("index.md") else src
    return _matches(page, policy.excluded)


def page_url(location: str) -> str:
    """The page of an index location, as a directory URL: `a/b/index.html#x` → `a/b/`."""
    page = location.split("#", 1)[0]
    if page.endswith("index.html"):
        page = page[: -len("index.html")]
    elif page.endswith(".html"):
        page = page[: -len(".html")] + "/"
    return page


def anchor(location: str) -> str:
    """The anchor of an index location (`art-5`), or "" for a page entry."""
    return location.split("#", 1)[1] if "#" in location else ""


def alias_token(provision_id: str) -> str:
    """The alias token of a numbered provision id (`art-12-2` → `art_12_2_`), else "".

    The search worker turns every way of writing a number into the same token (第十二条の二,
    第12条の2, Article 12-2); the trailing `_` keeps `art_1_` from matching `art_10_`.
    """
    if not _ALIAS_ID_RE.match(provision_id):
        return ""
    return re.sub(r"[-.]", "_", provision_id) + "_"


def defined_terms(title: str, text: str) -> tuple[str, ...]:
    """The terms a provision defines, in order of appearance, without repeats.

    A term is defined by 「…」とは / 「…」という, by `"…" means` (or `refers to`, `covers`), and
    every quoted term counts in a provision titled 定義, 用語 or Definition(s).
    """
    plain = html.unescape(_TAG_RE.sub(" ", text))
    terms = _JA_DEFINED_RE.findall(plain) + _EN_DEFINED_RE.findall(plain)
    if _DEFINITION_TITLE_RE.search(title):
        terms += _QUOTED_RE.findall(plain)
    return tuple(dict.fromkeys(term.strip() for term in terms if term.strip()))


def entry_keys(entry: dict[str, Any]) -> str:
    """The `keys` field of one index entry: its alias token and defined terms, or "".

    A heading with no text of its own (a chapter: 第四章　人工知能戦略本部) also gets its title,
    so that it ranks above the articles whose titles merely contain its caption.
    """
    title = str(entry.get("title", ""))
    text = str(entry.get("text", ""))
    location = str(entry.get("location", ""))
    parts = [alias_token(anchor(location))]
    if anchor(location) and not text.strip():
        parts.append(title)
    parts += defined_terms(title, text)
    return " ".join(part for part in parts if part)


def _matches(page: str, prefixes: tuple[str, ...]) -> bool:
    return any(page.startswith(prefix) for prefix in prefixes)


def rewrite_entry(entry: dict[str, Any], policy: SearchPolicy) -> dict[str, Any] | None:
    """One entry as the rewritten index holds it, or None when its page is excluded."""
    page = page_url(str(entry.get("location", "")))
    if _matches(page, policy.excluded):
        return None
    out = dict(entry)
    keys = entry_keys(entry)
    if keys:
        out[KEYS_FIELD] = keys
    boost = float(entry.get("boost", 1.0))
    if _matches(page, policy.demoted):
        boost *= policy.demoted_boost
    if not anchor(str(entry.get("location", ""))) and _matches(page, policy.text_pages):
        boost *= policy.page_entry_boost
    if boost != 1.0:
        out["boost"] = boost
    return out


def rewrite_index(index: dict[str, Any], policy: SearchPolicy) -> dict[str, Any]:
    """The whole index rewritten: entries kept in order, the `keys` field declared.

    Args:
        index: The parsed `search_index.json` (`config` and `docs`).
        policy: What to drop and demote.

    Returns:
        A new index; the input is not changed.
    """
    config = dict(index.get("config", {}))
    fields = dict(config.get("fields", {}))
    fields[KEYS_FIELD] = {"boost": policy.keys_boost}
    config["fields"] = fields
    docs = [rewrite_entry(entry, policy) for entry in index.get("docs", [])]
    return {**index, "config": config, "docs": [d for d in docs if d is not None]}


def rewrite_index_json(text: str, policy: SearchPolicy) -> str:
    """`rewrite_index` on the JSON text, written as compactly as Material writes it."""
    rewritten = rewrite_index(json.loads(text), policy)
    return json.dumps(rewritten, ensure_ascii=False, separators=(",", ":"))
