"""The JSON Schema (draft 2020-12) of `/data/corpus.json`, published as `/data/corpus.schema.json`.

Strict: every object lists its fields and allows no others, so that a field added to the export
without the schema fails the tests. Pure.
"""

from __future__ import annotations

import json
from typing import Any

from lawtrack.align import ChangeKind, MatchKind
from lawtrack.changelog import EventKind
from lawtrack.model import LANGUAGES, Confidence, DocumentKind, GitState, Kind, Status

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_STR = {"type": "string"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_BOOL = {"type": "boolean"}
_ID = {"type": "string", "pattern": r"^[a-z0-9]+(?:[-.~][a-z0-9]+)*$"}
_STR_LIST = {"type": "array", "items": _STR}


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        out["description"] = description
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _enum(values: Any) -> dict[str, Any]:
    return {"enum": [str(v) for v in values]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _array(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


def _definitions() -> dict[str, Any]:
    commit = _object({"commit": _STR, "date": _DATE, "author": _STR})
    return {
        "localized": _object({"en": _STR, "ja": _STR}, "A text in English and Japanese."),
        "source": _object({"url": _STR, "title": _STR}),
        "measure": _measure(),
        "change": _object(
            {
                "kind": _enum(ChangeKind),
                "old": _STR_LIST,
                "new": _STR_LIST,
                "renumbered": _BOOL,
                "similarity": {"type": "number", "minimum": 0, "maximum": 1},
                "match": _nullable(_enum(MatchKind)),
                "lead": _nullable({"type": "array", "items": _STR, "minItems": 2, "maxItems": 2}),
            },
            "One entry of the alignment with the previous version (units by id).",
        ),
        "provenance": _object(
            {
                "state": _enum(GitState),
                "added": _nullable(commit),
                "changed": _nullable(commit),
                "truncated": _BOOL,
            },
            "When the draft file was added and last changed in git.",
        ),
        "provision": _provision(),
        "draft": _draft(),
        "version": _version(),
        "lineage": _lineage(),
        "document": _object(
            {
                "slug": _STR,
                "title": _ref("localized"),
                "kind": _enum(DocumentKind),
                "description": _ref("localized"),
                "sources": _array("source"),
                "url": _STR,
                "feed": _STR,
                "versions": _array("version"),
                "lineages": _array("lineage"),
            }
        ),
    }


def _measure() -> dict[str, Any]:
    return _object(
        {
            "id": {"type": "integer", "minimum": 1},
            "name": _ref("localized"),
            "description": _ref("localized"),
            "confidence": _enum(Confidence),
            "counterparts": {
                "type": "array",
                "items": _object(
                    {"document": _STR, "lineage": _STR, "confidence": _enum(Confidence)}
                ),
            },
        },
        "One of the seven measures of the 2024 working-group draft.",
    )


def _lineage() -> dict[str, Any]:
    pair = _object({"lineage": _STR, "version": _STR})
    return _object(
        {
            "id": _STR,
            "url": _STR,
            "feed": _STR,
            "members": {"type": "array", "items": _object({"version": _STR, "id": _ID})},
            "split_from": _nullable(pair),
            "merged_into": _nullable(pair),
            "stated_end": _BOOL,
            "measures": {
                "type": "array",
                "items": _object(
                    {"measure": {"type": "integer"}, "versions": _STR_LIST, "unverified": _BOOL}
                ),
            },
            "events": {
                "type": "array",
                "items": _object(
                    {
                        "version": _STR,
                        "kind": _enum(EventKind),
                        "id": _nullable(_ID),
                        "previous_id": _nullable(_ID),
                    }
                ),
            },
        },
        "One provision followed through the versions it exists in.",
    )


def _provision() -> dict[str, Any]:
    tag = _object({"measure": {"type": "integer", "minimum": 1}, "unverified": _BOOL})
    return _object(
        {
            "id": _ID,
            "eId": {"type": "string", "pattern": r"^[a-z]+_[A-Za-z0-9_]+$"},
            "kind": _enum(Kind),
            "number": _STR,
            "caption": _STR,
            "heading": _STR,
            "parent": _nullable(_ID),
            "line": {"type": "integer", "minimum": 1},
            "deleted": _BOOL,
            "text": _STR,
            "lineage": _nullable(_STR),
            "measures": {"type": "array", "items": tag},
        },
        "A provision in document order; lineage and measures are set on units only.",
    )


def _draft() -> dict[str, Any]:
    return _object(
        {
            "language": _enum(LANGUAGES),
            "path": _STR,
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "title": _STR,
            "stage": _STR,
            "status": _enum(Status),
            "sources": _array("source"),
            "retrieved": _nullable(_DATE),
            "presented_by": _STR,
            "translation_of": _nullable(_enum(LANGUAGES)),
            "notes": _STR,
            "url": _STR,
            "akn": _STR,
            "provenance": _ref("provenance"),
            "provisions": _array("provision"),
        },
        "One version in one language: a file under drafts/.",
    )


def _version() -> dict[str, Any]:
    return _object(
        {
            "version": _STR,
            "date": _DATE,
            "stage": _STR,
            "akn_type": _enum(("act", "bill", "doc")),
            "previous": _nullable(_STR),
            "url": _STR,
            "concordance": {
                "type": "array",
                "items": _object({"old": _STR, "new": _STR_LIST}),
            },
            "changes": _array("change"),
            "drafts": _array("draft"),
        }
    )


def corpus_schema(schema_id: str) -> dict[str, Any]:
    """The schema, with `schema_id` (its own absolute URL; "" for none) as `$id`."""
    top = _object(
        {
            "$schema": _STR,
            "format": {"const": "lawtrack-corpus"},
            "format_version": {"const": 1},
            "as_of": _STR,
            "licence": _STR,
            "measures": _array("measure"),
            "documents": _array("document"),
        },
        "Every text lawtrack follows, with versions, provisions, lineages and measures.",
    )
    head: dict[str, Any] = {"$schema": DIALECT}
    if schema_id:
        head["$id"] = schema_id
    return {**head, "title": "lawtrack corpus export", **top, "$defs": _definitions()}


def schema_json(schema_id: str) -> bytes:
    """The schema as JSON, UTF-8, with a final newline."""
    text = json.dumps(corpus_schema(schema_id), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")
