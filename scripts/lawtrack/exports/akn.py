"""Akoma Ntoso 3.0 XML of one version in one language: `/data/akn/<document>/<version>.<lang>.xml`.

The promulgated Act is an `act`, the other versions of a bill lineage are `bill`s, guidelines and
frameworks are `doc`s. `eId`s are our provision ids in AKN form (`art-12-2` → `art_12_2`,
`art-3.p2` → `art_3__para_2`); units whose id changed since their lineage began carry the id
they had then as `wId`. Built through `xmlio` (the only lxml importer). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawtrack import xmlio
from lawtrack.model import DocumentKind, Kind, Status

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lawtrack.lineage import DocumentLineage
    from lawtrack.model import Document, Draft, Provision, Version

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
"""The Akoma Ntoso 3.0 namespace."""
LT_NS = "https://lawtrack.github.io/lawtrack/ns/akn"
"""lawtrack's own metadata inside `<proprietary>`."""
LANGUAGE_CODES = {"ja": "jpn", "en": "eng"}
"""ISO 639-2 codes, as FRBRlanguage and expression URIs use them."""
ACT_STAGES = re.compile(r"promulgat|enact|公布|成立", re.IGNORECASE)
"""A stage of a bill lineage that makes the version an act rather than a bill."""
_ELEMENTS = {
    Kind.PART: ("part", "part"),
    Kind.CHAPTER: ("chapter", "chp"),
    Kind.SECTION: ("section", "sec"),
    Kind.SUBSECTION: ("subsection", "subsec"),
    Kind.ARTICLE: ("article", "art"),
    Kind.PARAGRAPH: ("paragraph", "para"),
    Kind.ITEM: ("point", "point"),
    Kind.SUPPL: ("hcontainer", "hcontainer"),
    Kind.HEADING: ("hcontainer", "hcontainer"),
}
"""Our kind → (AKN element, eId abbreviation)."""
_OWN_PREFIX = {
    Kind.PART: "part-",
    Kind.CHAPTER: "ch-",
    Kind.SECTION: "sec-",
    Kind.SUBSECTION: "sub-",
    Kind.ARTICLE: "art-",
}
_NUMBERED = re.compile(r"^[pi](\d+)$")
_DELETED = {"ja": "削除", "en": "Deleted"}
_DELETED_SUFFIX = re.compile(r"[\s\u3000]*(?:削除|\[Deleted\]|\(Deleted\)|Deleted)$")


@dataclass(frozen=True, slots=True)
class Work:
    """Where a version sits in FRBR terms."""

    type: str
    """`act`, `bill` or `doc`."""
    uri: str
    """The work URI, e.g. `/akn/jp/act/2025-06-04/ai-law`."""
    date: str
    """The work's date: that of the document's first version of this type."""
    first: str
    """That first version's id."""


def akn_type(document: Document, version: Version) -> str:
    """`act` for a promulgated version of a bill lineage, `bill` for its others, else `doc`."""
    if document.kind is not DocumentKind.BILL:
        return "doc"
    stages = " ".join(d.stage for d in version.drafts)
    return "act" if ACT_STAGES.search(stages) else "bill"


def work(document: Document, version: Version) -> Work:
    """The FRBR work of a version: one per document and AKN type."""
    kind = akn_type(document, version)
    first = next(v for v in document.versions if akn_type(document, v) == kind)
    country = "xx" if document.kind is DocumentKind.FRAMEWORK else "jp"
    date = first.date.isoformat()
    return Work(kind, f"/akn/{country}/{kind}/{date}/{document.slug}", date, first.version)


def eids(draft: Draft) -> dict[str, str]:
    """Provision id → its AKN `eId`, for every provision of a draft (unique in the draft).

    A provision whose id extends its parent's (`art-3.p2`, `suppl-art-1`) gets its parent's eId,
    `__` and its own part; others are named on their own (`chp_1`, `art_12_2`,
    `hcontainer_part_2_a`).

    Raises:
        ValueError: When two provisions would get the same eId (ids pinned to clash).
    """
    by_id = {p.id: p for p in draft.provisions}
    out: dict[str, str] = {}
    for provision in draft.provisions:
        parent = by_id.get(provision.parent) if provision.parent else None
        local, prefix = provision.id, ""
        if parent is not None and _extends(provision.id, parent):
            local, prefix = provision.id[len(parent.id) + 1 :], out[parent.id] + "__"
        out[provision.id] = prefix + _local_eid(provision.kind, local)
    if len(set(out.values())) != len(out):
        raise ValueError(f"{draft.path}: two provisions would have the same Akoma Ntoso eId")
    return out


def _extends(provision_id: str, parent: Provision) -> bool:
    """Whether an id is its parent's plus a part: `art-3.p2`, or `suppl-art-1` in `suppl`."""
    if provision_id.startswith(f"{parent.id}."):
        return True
    return parent.kind is Kind.SUPPL and provision_id.startswith(f"{parent.id}-")


def _local_eid(kind: Kind, local: str) -> str:
    abbreviation = _ELEMENTS[kind][1]
    own = _OWN_PREFIX.get(kind, "")
    numbered = _NUMBERED.match(local)
    if own and local.startswith(own):
        local = local[len(own) :]
    elif numbered and kind in (Kind.PARAGRAPH, Kind.ITEM):
        local = numbered.group(1)
    return f"{abbreviation}_{local.replace('.', '__').replace('-', '_').replace('~', '_')}"


def wids(
    draft: Draft, version: Version, document: Document, lineage: DocumentLineage
) -> dict[str, str]:
    """Provision id → `wId` for provisions inside units whose id changed since their lineage began.

    The wId is the eId the unit had in the lineage's first version. Paragraphs and items inside it
    get the eId their counterpart had there (same place under the old unit), if it existed.
    """
    current = eids(draft)
    earlier: dict[str, tuple[dict[str, str], set[str]]] = {}
    out: dict[str, str] = {}
    for item in lineage.lineages:
        unit = item.unit_in(version.version)
        first_version, first_unit = item.members[0]
        if unit is None or first_unit == unit or unit not in current:
            continue
        if first_version not in earlier:
            found = document.version(first_version)
            source = (found.draft(draft.language) or found.primary) if found else None
            old_eids = eids(source) if source is not None else {}
            earlier[first_version] = old_eids, set(old_eids.values())
        old, existed = earlier[first_version]
        if first_unit not in old:
            continue
        mine = current[unit]
        for provision_id in _subtree(draft, unit):  # only the unit's own: linear, not quadratic
            eid = current[provision_id]
            before = old[first_unit] + eid[len(mine) :]
            if (eid == mine or eid.startswith(mine + "__")) and before in existed:
                out[provision_id] = before
    return out


def _subtree(draft: Draft, unit: str) -> list[str]:
    """A provision and everything under it, in document order."""
    out = [unit]
    for child in draft.children(unit):
        out.extend(_subtree(draft, child.id))
    return out


def _split_heading(provision: Provision) -> tuple[str, str]:
    """(number as written, caption) of a heading: `Article 3 (Basic Principles)`."""
    if provision.kind is Kind.HEADING:
        return "", provision.heading
    heading, caption = provision.heading, provision.caption
    if provision.deleted:
        heading = _DELETED_SUFFIX.sub("", heading)
    if caption and caption in heading:
        return heading[: heading.rfind(caption)].rstrip(" \u3000（("), caption
    return heading, ""


def akn_xml(
    document: Document,
    version: Version,
    draft: Draft,
    lineage: DocumentLineage | None,
) -> bytes:
    """The Akoma Ntoso XML of one draft (one version in one language).

    Args:
        document: The document.
        version: The version.
        draft: The version's draft in one language.
        lineage: The document's lineages (for wIds); None gives no wIds.

    Returns:
        The XML document, UTF-8.
    """
    found = work(document, version)
    root = xmlio.build(f"{{{NS}}}akomaNtoso", nsmap={None: NS, "lt": LT_NS})
    attributes = {"name": document.slug}
    if found.type == "doc":
        attributes["name"] = document.kind.value
    top = xmlio.build(_q(found.type), attributes, parent=root)
    _meta(top, document, version, draft, found)
    preface = xmlio.build(_q("preface"), parent=top)
    title = xmlio.build(_q("p"), {"class": "title"}, parent=preface)
    xmlio.build(_q("docTitle"), None, draft.title, parent=title)
    body = xmlio.build(_q("mainBody" if found.type == "doc" else "body"), parent=top)
    ids = eids(draft)
    renumbered = wids(draft, version, document, lineage) if lineage is not None else {}
    _children(body, draft, None, ids, renumbered)
    return xmlio.serialize(root)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _meta(
    top: xmlio.Element, document: Document, version: Version, draft: Draft, found: Work
) -> None:
    meta = xmlio.build(_q("meta"), parent=top)
    ident = xmlio.build(_q("identification"), {"source": "#lawtrack"}, parent=meta)
    language = LANGUAGE_CODES.get(draft.language, draft.language)
    expression = f"{found.uri}/{language}@{version.date.isoformat()}"
    work_el = xmlio.build(_q("FRBRWork"), parent=ident)
    _frbr(work_el, f"{found.uri}/!main", found.uri, found.date, found.first, "#author")
    xmlio.build(_q("FRBRcountry"), {"value": found.uri.split("/")[2]}, parent=work_el)
    if found.type == "doc":
        xmlio.build(_q("FRBRsubtype"), {"value": document.kind.value}, parent=work_el)
    xmlio.build(_q("FRBRnumber"), {"value": document.slug}, parent=work_el)
    xmlio.build(_q("FRBRname"), {"value": document.title.en or document.title.ja}, parent=work_el)
    expr_el = xmlio.build(_q("FRBRExpression"), parent=ident)
    date = version.date.isoformat()
    _frbr(expr_el, f"{expression}/!main", expression, date, version.version, "#lawtrack")
    official = "true" if draft.status is Status.OFFICIAL else "false"
    xmlio.build(_q("FRBRauthoritative"), {"value": official}, parent=expr_el)
    xmlio.build(_q("FRBRlanguage"), {"language": language}, parent=expr_el)
    manifestation = xmlio.build(_q("FRBRManifestation"), parent=ident)
    _frbr(
        manifestation, f"{expression}/!main.xml", f"{expression}.akn", date, "lawtrack", "#lawtrack"
    )
    _references(meta)
    proprietary = xmlio.build(_q("proprietary"), {"source": "#lawtrack"}, parent=meta)
    details = {
        "document": document.slug,
        "version": version.version,
        "stage": draft.stage,
        "status": draft.status.value,
        "path": draft.path,
        "sha256": draft.sha256,
        "source": draft.source.url,
    }
    xmlio.build(f"{{{LT_NS}}}draft", details, parent=proprietary)


def _frbr(parent: xmlio.Element, this: str, uri: str, date: str, name: str, author: str) -> None:
    xmlio.build(_q("FRBRthis"), {"value": this}, parent=parent)
    xmlio.build(_q("FRBRuri"), {"value": uri}, parent=parent)
    xmlio.build(_q("FRBRdate"), {"date": date, "name": name}, parent=parent)
    xmlio.build(_q("FRBRauthor"), {"href": author}, parent=parent)


def _references(meta: xmlio.Element) -> None:
    references = xmlio.build(_q("references"), {"source": "#lawtrack"}, parent=meta)
    for eid, href, shown in (
        ("lawtrack", "/ontology/organization/lawtrack", "lawtrack project"),
        ("author", "/ontology/organization/author", "The issuing body (see the official source)"),
    ):
        attributes = {"eId": eid, "href": href, "showAs": shown}
        xmlio.build(_q("TLCOrganization"), attributes, parent=references)


def _children(
    parent_el: xmlio.Element,
    draft: Draft,
    parent: str | None,
    ids: Mapping[str, str],
    renumbered: Mapping[str, str],
) -> None:
    for provision in draft.children(parent):
        _provision(parent_el, draft, provision, ids, renumbered)


def _provision(
    parent_el: xmlio.Element,
    draft: Draft,
    provision: Provision,
    ids: Mapping[str, str],
    renumbered: Mapping[str, str],
) -> None:
    element, _ = _ELEMENTS[provision.kind]
    attributes = {"eId": ids[provision.id]}
    if provision.id in renumbered:
        attributes["wId"] = renumbered[provision.id]
    if element == "hcontainer":
        kind = "supplementaryProvisions" if provision.kind is Kind.SUPPL else "section"
        attributes["name"] = kind
    node = xmlio.build(_q(element), attributes, parent=parent_el)
    number, caption = _split_heading(provision)
    if number:
        xmlio.build(_q("num"), None, number, parent=node)
    if caption:
        xmlio.build(_q("heading"), None, caption, parent=node)
    has_children = any(True for _ in draft.children(provision.id))
    if provision.deleted and not has_children:
        _block(node, "content", _DELETED.get(draft.language, "Deleted"))
    elif has_children:
        if provision.text and provision.kind not in (Kind.ARTICLE, Kind.SUPPL):
            _block(node, "intro", provision.text)
        _children(node, draft, provision.id, ids, renumbered)
    else:
        _block(node, "content", provision.text)


def _block(node: xmlio.Element, name: str, text: str) -> None:
    """`<content>` or `<intro>` with one `<p>` per line (an empty `<p/>` for no text)."""
    block = xmlio.build(_q(name), parent=node)
    for line in text.split("\n") if text else [""]:
        xmlio.build(_q("p"), None, line or None, parent=block)
