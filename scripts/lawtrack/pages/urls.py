"""Where generated pages live: the site map of DESIGN.md as source paths.

Every page is addressed by its MkDocs source path (`ai-law/promulgated/index.md`), and links
between pages are relative Markdown links, which MkDocs validates and rewrites for both
directory URLs and file:// builds. Pure functions.
"""

from __future__ import annotations

import posixpath

RESERVED_DOCUMENTS = frozenset({"assets", "data", "editor", "ja", "measures", "search", "feeds"})
"""Top-level names used by the site itself; no document may take them."""
RESERVED_VERSIONS = frozenset({"compare", "provisions", "ja", "en", "feed.xml"})
"""Names used below a document; no version may take them."""


def home() -> str:
    """The home page."""
    return "index.md"


def document(doc: str) -> str:
    """The overview of a document."""
    return f"{doc}/index.md"


def version(doc: str, ver: str, language: str | None = None) -> str:
    """A version page, or one language of it."""
    if language is None:
        return f"{doc}/{ver}/index.md"
    return f"{doc}/{ver}/{language}/index.md"


def compare(doc: str, old: str, new: str, language: str | None = None) -> str:
    """The comparison of two versions (any two), or one language of it."""
    base = f"{doc}/compare/{old}...{new}"
    return f"{base}/index.md" if language is None else f"{base}/{language}/index.md"


def lineage(doc: str, lineage_id: str) -> str:
    """One provision through every version."""
    return f"{doc}/provisions/{lineage_id}/index.md"


def measures() -> str:
    """The coverage matrix of the seven measures."""
    return "measures/index.md"


def measure(number: int) -> str:
    """Every provision for one measure."""
    return f"measures/{number}/index.md"


def feed(doc: str | None = None, lineage_id: str | None = None) -> str:
    """The Atom feed of the whole site, of one document, or of one provision lineage."""
    if doc is None:
        return "feed.xml"
    if lineage_id is None:
        return f"{doc}/feed.xml"
    return f"{doc}/provisions/{lineage_id}/feed.xml"


def measure_feed(number: int) -> str:
    """The Atom feed of one measure's coverage."""
    return f"measures/{number}/feed.xml"


def data(name: str) -> str:
    """A data export under `data/` (`corpus.json`, `provisions.csv`)."""
    return f"data/{name}"


def akn(doc: str, ver: str, language: str) -> str:
    """The Akoma Ntoso XML of one version in one language."""
    return f"data/akn/{doc}/{ver}.{language}.xml"


def rel(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from one source path to another (with an optional anchor)."""
    target = "" if to_src == from_src else relative(to_src, posixpath.dirname(from_src))
    return f"{target}#{anchor}" if anchor else (target or "#")


def relative(to_src: str, from_dir: str) -> str:
    """`posixpath.relpath(to_src, from_dir or ".")` for normalised relative source paths.

    Pages make hundreds of thousands of links on a large corpus; this is string splitting only
    (posixpath.relpath makes both paths absolute first, which took a third of rendering).
    """
    to_parts = to_src.split("/")
    from_parts = from_dir.split("/") if from_dir else []
    common = 0
    for here, there in zip(from_parts, to_parts, strict=False):
        if here != there:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def url_of(src: str) -> str:
    """The directory URL of a source path, relative to the site root (`ai-law/v1/`)."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src
