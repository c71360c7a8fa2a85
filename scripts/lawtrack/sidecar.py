"""Read the YAML files beside the texts: document.yml, measures.yml and notes.yml.

Structure only: whether the lineage ids and versions they name exist is checked later, once
lineages are known (see `crossref.check_references`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lawtrack import yamlio
from lawtrack.checks import ID_RE, SLUG_RE, VERSION_RE, Checker
from lawtrack.errors import Problem
from lawtrack.model import (
    LANGUAGES,
    Annotation,
    Confidence,
    Counterpart,
    DocumentKind,
    LineageNotes,
    Link,
    Localized,
    Measure,
    MeasureTag,
)

if TYPE_CHECKING:
    from lawtrack.model import Language, Source

MEASURE_IDS = tuple(range(1, 8))
"""The seven measures."""
CONFIDENCES = tuple(c.value for c in Confidence)
KINDS = tuple(k.value for k in DocumentKind)


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What document.yml says."""

    title: Localized
    kind: DocumentKind
    description: Localized
    sources: tuple[Source, ...]


def _load(data: bytes, path: str) -> tuple[Checker | None, list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(path, line, "not valid UTF-8", "UTF-8 text")]
    doc, problems = yamlio.load(text, path)
    if doc is None:
        return None, problems
    if doc.data is None:
        return None, [Problem(path, 1, "empty file", "YAML content")]
    return Checker(doc, path), []


def read_document(data: bytes, path: str) -> tuple[DocumentMeta | None, list[Problem]]:
    """Read a document.yml."""
    check, problems = _load(data, path)
    if check is None:
        return None, problems
    doc = check.mapping(check.doc.data, (), "document.yml")
    if doc is None:
        return None, check.problems
    check.keys(doc, (), {"title", "kind"}, {"title", "kind", "description", "sources"})
    title = check.localized(doc.get("title"), ("title",)) if "title" in doc else None
    kind = check.choice(doc.get("kind"), ("kind",), KINDS) if "kind" in doc else None
    description = check.localized(doc.get("description"), ("description",), required=False)
    sources = check.sources(doc["sources"], ("sources",)) if "sources" in doc else ()
    if check.problems or title is None or kind is None or description is None or sources is None:
        return None, check.problems
    return DocumentMeta(title, DocumentKind(kind), description, sources), []


def read_measures(data: bytes, path: str) -> tuple[tuple[Measure, ...] | None, list[Problem]]:
    """Read measures.yml: exactly the seven measures, each once."""
    check, problems = _load(data, path)
    if check is None:
        return None, problems
    top = check.mapping(check.doc.data, (), "measures.yml")
    if top is None:
        return None, check.problems
    check.keys(top, (), {"measures"}, {"measures"})
    items = top.get("measures")
    if not isinstance(items, list):
        check.error(("measures",), "'measures' must be a list", "- id: 1 …")
        return None, check.problems
    measures = [m for i, item in enumerate(items) if (m := _measure(check, item, i)) is not None]
    seen = [m.id for m in measures]
    if not check.problems and sorted(seen) != list(MEASURE_IDS):
        check.error(("measures",), f"measure ids are {sorted(seen)}", "each of 1 to 7 exactly once")
    if check.problems:
        return None, check.problems
    return tuple(sorted(measures, key=lambda m: m.id)), []


def _measure(check: Checker, item: Any, index: int) -> Measure | None:
    where: tuple[str | int, ...] = ("measures", index)
    data = check.mapping(item, where, "a measure")
    if data is None:
        return None
    known = {"id", "name", "description", "confidence", "counterparts", "keywords"}
    if not check.keys(data, where, {"id", "name", "confidence"}, known):
        return None
    if data["id"] not in MEASURE_IDS or isinstance(data["id"], bool):
        check.error((*where, "id"), f"measure id {data['id']!r}", "a number from 1 to 7")
        return None
    name = check.localized(data["name"], (*where, "name"))
    description = check.localized(data.get("description"), (*where, "description"), required=False)
    confidence = check.choice(data["confidence"], (*where, "confidence"), CONFIDENCES)
    counterparts = _counterparts(check, data.get("counterparts") or [], (*where, "counterparts"))
    keywords = _keywords(check, data.get("keywords") or {}, (*where, "keywords"))
    if (
        name is None
        or description is None
        or confidence is None
        or counterparts is None
        or keywords is None
    ):
        return None
    return Measure(
        data["id"],
        name,
        description,
        Confidence(confidence),
        counterparts,
        keywords,
        check.doc.line(*where),
    )


def _counterparts(
    check: Checker, items: Any, where: tuple[str | int, ...]
) -> tuple[Counterpart, ...] | None:
    if not isinstance(items, list):
        check.error(where, "'counterparts' must be a list", "- {document: …, provision: …}")
        return None
    out = []
    for index, item in enumerate(items):
        here = (*where, index)
        data = check.mapping(item, here, "a counterpart")
        if data is None or not check.keys(
            data,
            here,
            {"document", "provision", "confidence"},
            {"document", "provision", "confidence"},
        ):
            continue
        document = check.slug(data["document"], (*here, "document"), SLUG_RE)
        provision = check.slug(data["provision"], (*here, "provision"), ID_RE)
        confidence = check.choice(data["confidence"], (*here, "confidence"), CONFIDENCES)
        if document and provision and confidence:
            out.append(
                Counterpart(document, provision, Confidence(confidence), check.doc.line(*here))
            )
    return tuple(out)


def _keywords(
    check: Checker, value: Any, where: tuple[str | int, ...]
) -> tuple[tuple[Language, tuple[str, ...]], ...] | None:
    data = check.mapping(value, where, "'keywords'")
    if data is None:
        return None
    check.keys(data, where, set(), set(LANGUAGES))
    out: list[tuple[Language, tuple[str, ...]]] = []
    for language in LANGUAGES:
        if language in data:
            words = check.string_list(data[language], (*where, language))
            if words is not None:
                out.append((language, tuple(w.strip() for w in words if w.strip())))
    return tuple(out)


def read_notes(
    data: bytes, path: str, document: str
) -> tuple[tuple[LineageNotes, ...] | None, list[Problem]]:
    """Read a notes.yml: lineage id → measures, links and notes."""
    check, problems = _load(data, path)
    if check is None:
        return None, problems
    top = check.mapping(check.doc.data, (), "notes.yml")
    if top is None:
        return None, check.problems
    out = []
    for lineage, value in top.items():
        if not ID_RE.match(lineage):
            check.error((lineage,), f"{lineage!r} is not a lineage id", "an id like art-3")
            continue
        entry = _lineage_notes(check, value, lineage, document)
        if entry is not None:
            out.append(entry)
    if check.problems:
        return None, check.problems
    return tuple(out), []


def _lineage_notes(check: Checker, value: Any, lineage: str, document: str) -> LineageNotes | None:
    where = (lineage,)
    data = check.mapping(value, where, f"the notes of '{lineage}'")
    if data is None:
        return None
    check.keys(data, where, set(), {"measures", "links", "notes"})
    measures = _tags(check, data.get("measures") or [], (*where, "measures"))
    links = _links(check, data.get("links") or [], (*where, "links"))
    notes = _annotations(check, data.get("notes") or [], (*where, "notes"))
    if measures is None or links is None or notes is None:
        return None
    return LineageNotes(
        document, lineage, measures, links, notes, check.path, check.doc.line(*where)
    )


def _tags(
    check: Checker, items: Any, where: tuple[str | int, ...]
) -> tuple[MeasureTag, ...] | None:
    if not isinstance(items, list):
        check.error(
            where, "'measures' must be a list", "[1, 2] or - {measure: 3, versions: [v1.1]}"
        )
        return None
    out = []
    for index, item in enumerate(items):
        here = (*where, index)
        line = check.doc.line(*here)
        measure: object
        versions: tuple[str, ...] = ()
        unverified = False
        if isinstance(item, int) and not isinstance(item, bool):
            measure = item
        else:
            data = check.mapping(item, here, "a measure tag")
            known = {"measure", "versions", "unverified"}
            if data is None or not check.keys(data, here, {"measure"}, known):
                continue
            measure = data["measure"]
            unverified = data.get("unverified", False)
            if not isinstance(unverified, bool):
                check.error((*here, "unverified"), "'unverified' must be true or false", "true")
                continue
            found = check.string_list(data.get("versions") or [], (*here, "versions"))
            if found is None:
                continue
            versions = found
            for version in versions:
                if not VERSION_RE.match(version):
                    check.error((*here, "versions"), f"{version!r} is not a version id", "v1.0")
        if not isinstance(measure, int) or isinstance(measure, bool) or measure not in MEASURE_IDS:
            check.error(here, f"unknown measure {measure!r}", "a measure id from 1 to 7")
            continue
        out.append(MeasureTag(measure, versions, line, unverified))
    return tuple(out)


def _links(check: Checker, items: Any, where: tuple[str | int, ...]) -> tuple[Link, ...] | None:
    if not isinstance(items, list):
        check.error(where, "'links' must be a list", "- to: <document>/<lineage id>")
        return None
    out = []
    known = {"to", "versions", "target_versions", "note"}
    for index, item in enumerate(items):
        here = (*where, index)
        data = check.mapping(item, here, "a link")
        if data is None or not check.keys(data, here, {"to"}, known):
            continue
        target = data["to"]
        document, _, lineage = target.partition("/") if isinstance(target, str) else ("", "", "")
        if not (SLUG_RE.match(document) and ID_RE.match(lineage)):
            check.error((*here, "to"), f"link target {target!r}", "<document>/<lineage id>")
            continue
        versions = check.string_list(data.get("versions") or [], (*here, "versions"))
        targets = check.string_list(data.get("target_versions") or [], (*here, "target_versions"))
        note = check.localized(data.get("note"), (*here, "note"), required=False)
        if versions is None or targets is None or note is None:
            continue
        out.append(Link(document, lineage, versions, targets, note, check.doc.line(*here)))
    return tuple(out)


def _annotations(
    check: Checker, items: Any, where: tuple[str | int, ...]
) -> tuple[Annotation, ...] | None:
    if not isinstance(items, list):
        check.error(where, "'notes' must be a list", "- {version: v1.0, en: …}")
        return None
    out = []
    for index, item in enumerate(items):
        here = (*where, index)
        data = check.mapping(item, here, "a note")
        if data is None or not check.keys(
            data, here, {"version"}, {"version", "en", "ja", "unverified"}
        ):
            continue
        version = check.slug(data["version"], (*here, "version"), VERSION_RE)
        text = check.localized({k: data[k] for k in ("en", "ja") if k in data}, here)
        unverified = data.get("unverified", False)
        if not isinstance(unverified, bool):
            check.error((*here, "unverified"), "'unverified' must be true or false", "true")
            continue
        if version and text:
            out.append(Annotation(version, text, unverified, check.doc.line(*here)))
    return tuple(out)
