"""The whole corpus as one JSON file: `/data/corpus.json`, described by `/data/corpus.schema.json`.

Documents with their versions, drafts (one per language) and every provision with its id, AKN
eId, text, lineage and measures; lineages with their members and text events; measures with
their counterparts; git provenance of each draft file. Deterministic: keys in a fixed order,
no wall-clock time. Pure.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from lawtrack import changelog
from lawtrack.align import units
from lawtrack.compare_index import change_to_data
from lawtrack.exports import akn
from lawtrack.pages import urls

if TYPE_CHECKING:
    from lawtrack.lineage import DocumentLineage, Lineage
    from lawtrack.measure_tags import MeasureTags
    from lawtrack.model import (
        CommitRef,
        Document,
        Draft,
        LineageNotes,
        Localized,
        Measure,
        Provenance,
        Source,
        Version,
    )
    from lawtrack.pages import SiteContext

FORMAT = "lawtrack-corpus"
FORMAT_VERSION = 1
"""Raised when a field changes meaning or disappears; adding fields keeps it."""
LICENCE = (
    "The texts are the lawtrack project's unofficial restatements and translations, written from "
    "public facts; they are not the official texts and have no legal force. Each draft names its "
    "official source."
)


def corpus_json(context: SiteContext, tags: MeasureTags) -> bytes:
    """The JSON export of the whole corpus, UTF-8, compact, with a final newline.

    Compact because only the encoder without indentation is in C: indented, this one file took
    more time (2.9 s of 4.7 s, profiled) than the rest of the exports at 250 articles x 10 versions.
    """
    text = json.dumps(corpus_data(context, tags), ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def site_address(context: SiteContext, src: str, anchor: str = "") -> str:
    """A page's or file's URL: absolute under site_url, else relative to the site root."""
    target = urls.url_of(src)
    base = context.site_url.rstrip("/") + "/" if context.site_url else ""
    return f"{base}{target}#{anchor}" if anchor else f"{base}{target}"


def corpus_data(context: SiteContext, tags: MeasureTags) -> dict[str, Any]:
    """The export as JSON-compatible data."""
    from lawtrack.pages import as_of

    corpus = context.corpus
    return {
        "$schema": site_address(context, urls.data("corpus.schema.json")),
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "as_of": as_of(corpus),
        "licence": LICENCE,
        "measures": [_measure(m) for m in corpus.measures],
        "documents": [_document(context, d, tags) for d in corpus.documents],
    }


def _localized(value: Localized) -> dict[str, str]:
    return {"en": value.en, "ja": value.ja}


def _sources(sources: tuple[Source, ...]) -> list[dict[str, str]]:
    return [{"url": s.url, "title": s.title} for s in sources]


def _measure(measure: Measure) -> dict[str, Any]:
    return {
        "id": measure.id,
        "name": _localized(measure.name),
        "description": _localized(measure.description),
        "confidence": measure.confidence.value,
        "counterparts": [
            {"document": c.document, "lineage": c.provision, "confidence": c.confidence.value}
            for c in measure.counterparts
        ],
    }


def _document(context: SiteContext, document: Document, tags: MeasureTags) -> dict[str, Any]:
    lineage = context.analysis.compare.lineage(document.slug)
    notes = {n.lineage: n for n in context.corpus.notes_for(document.slug)}
    events = changelog.text_events(lineage) if lineage is not None else {}
    return {
        "slug": document.slug,
        "title": _localized(document.title),
        "kind": document.kind.value,
        "description": _localized(document.description),
        "sources": _sources(document.sources),
        "url": site_address(context, urls.document(document.slug)),
        "feed": site_address(context, urls.feed(document.slug)),
        "versions": [_version(context, document, v, lineage, tags) for v in document.versions],
        "lineages": [
            _lineage(context, document, item, notes.get(item.id), events.get(item.id, ()))
            for item in (lineage.lineages if lineage is not None else ())
        ],
    }


def _version(
    context: SiteContext,
    document: Document,
    version: Version,
    lineage: DocumentLineage | None,
    tags: MeasureTags,
) -> dict[str, Any]:
    previous = document.previous(version.version)
    changes: list[dict[str, Any]] = []
    if previous is not None and lineage is not None:
        alignment = lineage.alignment(previous.version, version.version)
        changes = [change_to_data(c) for c in alignment.changes]
    return {
        "version": version.version,
        "date": version.date.isoformat(),
        "stage": version.stage,
        "akn_type": akn.akn_type(document, version),
        "previous": previous.version if previous is not None else None,
        "url": site_address(context, urls.version(document.slug, version.version)),
        "concordance": [{"old": old, "new": list(new)} for old, new in version.concordance],
        "changes": changes,
        "drafts": [
            _draft(context, document, version, draft, lineage, tags) for draft in version.drafts
        ],
    }


def _draft(
    context: SiteContext,
    document: Document,
    version: Version,
    draft: Draft,
    lineage: DocumentLineage | None,
    tags: MeasureTags,
) -> dict[str, Any]:
    page_language = draft.language if len(version.drafts) > 1 else None
    return {
        "language": draft.language,
        "path": draft.path,
        "sha256": draft.sha256,
        "title": draft.title,
        "stage": draft.stage,
        "status": draft.status.value,
        "sources": _sources(draft.sources),
        "retrieved": draft.retrieved.isoformat() if draft.retrieved else None,
        "presented_by": draft.presented_by,
        "translation_of": draft.translation_of,
        "notes": draft.notes,
        "url": site_address(context, urls.version(document.slug, version.version, page_language)),
        "akn": site_address(context, urls.akn(document.slug, version.version, draft.language)),
        "provenance": _provenance(context.analysis.provenance.get(draft.path)),
        "provisions": _provisions(document, version, draft, lineage, tags),
    }


def _provisions(
    document: Document,
    version: Version,
    draft: Draft,
    lineage: DocumentLineage | None,
    tags: MeasureTags,
) -> list[dict[str, Any]]:
    eids = akn.eids(draft)
    unit_ids = {p.id for p in units(draft.provisions)}
    return [
        {
            "id": p.id,
            "eId": eids[p.id],
            "kind": p.kind.value,
            "number": p.number,
            "caption": p.caption,
            "heading": p.heading,
            "parent": p.parent,
            "line": p.line,
            "deleted": p.deleted,
            "text": p.text,
            "lineage": _lineage_of(lineage, version, p.id) if p.id in unit_ids else None,
            "measures": [
                {"measure": c.measure, "unverified": c.unverified}
                for c in tags.of(document.slug, version.version, p.id)
            ],
        }
        for p in draft.provisions
    ]


def _lineage_of(lineage: DocumentLineage | None, version: Version, unit: str) -> str | None:
    return lineage.lineage_of(version.version, unit) if lineage is not None else None


def _provenance(provenance: Provenance) -> dict[str, Any]:
    return {
        "state": provenance.state.value,
        "added": _commit(provenance.added),
        "changed": _commit(provenance.changed),
        "truncated": provenance.truncated,
    }


def _commit(commit: CommitRef | None) -> dict[str, str] | None:
    if commit is None:
        return None
    return {"commit": commit.hexsha, "date": commit.date.isoformat(), "author": commit.author}


def _lineage(
    context: SiteContext,
    document: Document,
    item: Lineage,
    notes: LineageNotes | None,
    events: tuple[changelog.TextEvent, ...],
) -> dict[str, Any]:
    def pair(value: tuple[str, str] | None) -> dict[str, str] | None:
        return {"lineage": value[0], "version": value[1]} if value else None

    return {
        "id": item.id,
        "url": site_address(context, urls.lineage(document.slug, item.id)),
        "feed": site_address(context, urls.feed(document.slug, item.id)),
        "members": [{"version": v, "id": unit} for v, unit in item.members],
        "split_from": pair(item.split_from),
        "merged_into": pair(item.merged_into),
        "stated_end": item.stated_end,
        "measures": [
            {"measure": t.measure, "versions": list(t.versions), "unverified": t.unverified}
            for t in (notes.measures if notes is not None else ())
        ],
        "events": [
            {
                "version": e.version,
                "kind": e.kind.value,
                "id": e.unit,
                "previous_id": e.old_unit,
            }
            for e in events
        ],
    }
