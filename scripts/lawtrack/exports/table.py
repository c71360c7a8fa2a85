"""Provisions × versions × measures as CSV for spreadsheets: `/data/provisions.csv`.

One row per unit (article, guideline section) of every version of every document, with its
lineage, how it changed from the previous version, one column per measure and its text in each
language. UTF-8 with a byte-order mark and CRLF line ends (RFC 4180): Excel, which otherwise reads
CSV in the locale's code page (Shift_JIS in Japan), then shows Japanese correctly, and other
tools skip the mark. Pure.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from lawtrack.align import units
from lawtrack.model import LANGUAGES

if TYPE_CHECKING:
    from lawtrack.align import Change
    from lawtrack.lineage import DocumentLineage
    from lawtrack.measure_tags import Carried, MeasureTags
    from lawtrack.model import Document, Provision, Version
    from lawtrack.pages import SiteContext

BOM = "\ufeff"
BASE_COLUMNS = (
    "document",
    "version",
    "date",
    "stage",
    "lineage",
    "id",
    "kind",
    "number",
    "heading_ja",
    "heading_en",
    "change",
    "previous_ids",
)
"""Columns before the measure columns (`measure_1` …) and the texts (`text_ja`, `text_en`)."""


def columns(measures: tuple[int, ...]) -> tuple[str, ...]:
    """Every column of the table, in order."""
    return (
        *BASE_COLUMNS,
        *(f"measure_{m}" for m in measures),
        "measures",
        *(f"text_{lang}" for lang in LANGUAGES),
        "url",
    )


def provisions_csv(context: SiteContext, tags: MeasureTags) -> bytes:
    """The table as CSV bytes (UTF-8 with BOM, CRLF)."""
    measures = tuple(m.id for m in context.corpus.measures)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(measures))
    for document in context.corpus.documents:
        lineage = context.analysis.compare.lineage(document.slug)
        for version in document.versions:
            for row in _rows(context, document, version, lineage, tags, measures):
                writer.writerow(row)
    return (BOM + out.getvalue()).encode("utf-8")


def _rows(
    context: SiteContext,
    document: Document,
    version: Version,
    lineage: DocumentLineage | None,
    tags: MeasureTags,
    measures: tuple[int, ...],
) -> list[list[str]]:
    from lawtrack.exports.corpus_json import site_address
    from lawtrack.pages import urls

    changes = _changes_into(document, version, lineage)
    rows = []
    for unit in units(version.primary.provisions):
        change = changes.get(unit.id)
        carried = {c.measure: c for c in tags.of(document.slug, version.version, unit.id)}
        by_language: dict[str, Provision | None] = {
            d.language: d.provision(unit.id) for d in version.drafts
        }
        rows.append(
            [
                document.slug,
                version.version,
                version.date.isoformat(),
                version.stage,
                (lineage.lineage_of(version.version, unit.id) if lineage else None) or "",
                unit.id,
                unit.kind.value,
                unit.number,
                *(_heading(by_language, lang) for lang in ("ja", "en")),
                change.kind.value if change is not None else "",
                " ".join(change.old) if change is not None else "",
                *(_measure_cell(carried, m) for m in measures),
                " ".join(str(m) for m in sorted(carried)),
                *(_text(by_language, lang) for lang in LANGUAGES),
                site_address(context, urls.version(document.slug, version.version), unit.id),
            ]
        )
    return rows


def _changes_into(
    document: Document, version: Version, lineage: DocumentLineage | None
) -> dict[str, Change]:
    """Unit id → the change from the previous version that led to it."""
    previous = document.previous(version.version)
    if previous is None or lineage is None:
        return {}
    alignment = lineage.alignment(previous.version, version.version)
    return {unit: change for change in alignment.changes for unit in change.new}


def _measure_cell(carried: dict[int, Carried], measure: int) -> str:
    """`reviewed`, `unverified` or "" (the unit does not carry the measure)."""
    found = carried.get(measure)
    if found is None:
        return ""
    return "unverified" if found.unverified else "reviewed"


def _heading(by_language: dict[str, Provision | None], language: str) -> str:
    provision = by_language.get(language)
    return provision.heading if provision is not None else ""


def _text(by_language: dict[str, Provision | None], language: str) -> str:
    provision = by_language.get(language)
    return provision.text if provision is not None else ""
