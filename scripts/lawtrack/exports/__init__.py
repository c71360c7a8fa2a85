"""Data exports under `/data/`: the corpus as JSON with its schema, CSV, and Akoma Ntoso XML.

A page renderer like the others (see `lawtrack.pages.renderers`): it yields generated files, and
the `exports` directive lists them on the hand-written docs/data.md. Measures come from
`measure_tags` only. Pure: analysis in, bytes out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.exports import akn
from lawtrack.exports.corpus_json import corpus_json
from lawtrack.exports.schema import schema_json
from lawtrack.exports.table import provisions_csv
from lawtrack.measure_tags import measure_tags
from lawtrack.pages import SiteFile, urls
from lawtrack.pages.markup import link, md_text, table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lawtrack.pages import SiteContext

CORPUS = "corpus.json"
SCHEMA = "corpus.schema.json"
CSV = "provisions.csv"


def render(context: SiteContext) -> Iterator[SiteFile]:
    """Yield every data export."""
    tags = measure_tags(context.analysis)
    schema_id = context.site_url.rstrip("/") + "/" + urls.data(SCHEMA) if context.site_url else ""
    yield SiteFile(urls.data(CORPUS), corpus_json(context, tags))
    yield SiteFile(urls.data(SCHEMA), schema_json(schema_id))
    yield SiteFile(urls.data(CSV), provisions_csv(context, tags))
    for document in context.corpus.documents:
        lineage = context.analysis.compare.lineage(document.slug)
        for version in document.versions:
            for draft in version.drafts:
                src = urls.akn(document.slug, version.version, draft.language)
                yield SiteFile(src, akn.akn_xml(document, version, draft, lineage))


def akn_table(context: SiteContext, src: str) -> str:
    """The list of Akoma Ntoso files on docs/data.md: one row per version, a link per language."""
    rows = []
    for document in context.corpus.documents:
        for version in document.versions:
            files = " · ".join(
                link(
                    f"`{version.version}.{draft.language}.xml`",
                    urls.rel(src, urls.akn(document.slug, version.version, draft.language)),
                )
                for draft in version.drafts
            )
            rows.append(
                [
                    md_text(document.title.en or document.title.ja),
                    version.date.isoformat(),
                    f"`{akn.akn_type(document, version)}`",
                    files,
                ]
            )
    return table(["Document", "Date", "AKN type", "Files"], rows) + "\n"


def directives(context: SiteContext) -> dict[str, Callable[[str], str]]:
    """Renderers for the `<!-- lawtrack:... -->` directives of docs/data.md."""
    return {"akn-files": lambda src: akn_table(context, src)}
