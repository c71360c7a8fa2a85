"""The measures pages: `/measures/` (the coverage matrix) and `/measures/<n>/` (one measure).

The matrix has a row per measure and a column per version of every document; each cell links to
the provisions that carry the measure in that version and says, in words and with a symbol, where
coverage appeared or was dropped since the previous version of the same document. Only reviewed
tags count (marked "unverified" where they rest on unconfirmed facts); tags suggested by keywords
are listed apart, on each measure's page. Pure: looks everything up in `analysis.xref`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.coverage import TagKind
from lawtrack.model import Confidence
from lawtrack.pages import SitePage, urls
from lawtrack.pages.annotations import short_label, unit_heading
from lawtrack.pages.feeds import feed_link, feed_meta
from lawtrack.pages.markup import block, front_matter, link, md_text, table
from lawtrack.pages.text import version_label

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from lawtrack.coverage import Carrier, CrossIndex
    from lawtrack.model import Corpus, Document, Measure
    from lawtrack.pages import SiteContext

APPEARED = "✚ appeared"
DROPPED = "✖ dropped"
CARRIED = "✓"
ONLY_UNVERIFIED = "?"
NONE = "—"
CONFIDENCE = {Confidence.CONFIRMED: "✓ confirmed", Confidence.UNVERIFIED: "? unverified"}


def render(context: SiteContext) -> Iterator[SitePage]:
    """Yield the matrix and one page per measure (nothing when there is no measures.yml)."""
    xref = context.analysis.xref
    if not xref.measures:
        return
    yield SitePage(urls.measures(), matrix_page(context), in_nav=True)
    for measure in xref.measures:
        yield SitePage(urls.measure(measure.id), measure_page(context, measure))


def measure_title(measure: Measure) -> str:
    """`Measure 1: Safety verification (red teaming)`."""
    return f"Measure {measure.id}: {measure.name.en or measure.name.ja}"


def carrier_link(corpus: Corpus, carrier: Carrier, src: str) -> str:
    """A short link to a carrying unit on its version page, its heading as the title."""
    document = corpus.document(carrier.document)
    version = document.version(carrier.version) if document is not None else None
    provision = version.primary.provision(carrier.unit) if version is not None else None
    label = short_label(provision) if provision is not None else carrier.unit
    heading = unit_heading(corpus, carrier.document, carrier.version, carrier.unit)
    target = urls.rel(src, urls.version(carrier.document, carrier.version), carrier.unit)
    shown = link(md_text(label), target, heading)
    if carrier.tag.kind is TagKind.UNVERIFIED:
        shown += ' <span class="lt-unverified">(unverified)</span>'
    return shown


def previous_version(xref: CrossIndex, document: str, version: str) -> str | None:
    """The version before `version` in its document, if any."""
    order = xref.order(document)
    at = order.index(version)
    return order[at - 1] if at else None


def coverage_change(xref: CrossIndex, measure: int, document: str, version: str) -> str:
    """`appeared`, `dropped` or "" against the previous version of the same document."""
    previous = previous_version(xref, document, version)
    if previous is None:
        return ""
    now = bool(xref.carriers(measure, document, version))
    before = bool(xref.carriers(measure, document, previous))
    if now and not before:
        return "appeared"
    if before and not now:
        return "dropped"
    return ""


def cell(context: SiteContext, measure: int, document: str, version: str, src: str) -> str:
    """One matrix cell: a symbol, appeared/dropped in words, and links to the provisions."""
    xref = context.analysis.xref
    carriers = xref.carriers(measure, document, version)
    change = coverage_change(xref, measure, document, version)
    if not carriers:
        if change == "dropped":
            return f'<span class="lt-cov lt-cov-dropped">{DROPPED}</span>'
        return (
            f'<span class="lt-cov lt-cov-none">{NONE}<span class="lt-sr"> not carried</span></span>'
        )
    reviewed = any(c.tag.kind is TagKind.REVIEWED for c in carriers)
    mark = CARRIED if reviewed else ONLY_UNVERIFIED
    sr = "carried" if reviewed else "carried only by unverified tags"
    head = f'<span class="lt-cov">{mark}<span class="lt-sr"> {sr}</span></span>'
    if change == "appeared":
        head += f' <span class="lt-cov lt-cov-appeared">{APPEARED}</span>'
    links = ", ".join(carrier_link(context.corpus, c, src) for c in carriers)
    return f"{head} {links}"


def matrix_page(context: SiteContext) -> str:
    """The `/measures/` page: what the matrix shows, the matrix, and the list of measures."""
    src = urls.measures()
    xref = context.analysis.xref
    parts = [
        front_matter("The seven measures: coverage"),
        "# The seven measures\n",
        "The seven measures that the 2024 working-group draft would have required of developers "
        "of specific AI foundation models, and where each text carries them, version by version. "
        "Editors record which provisions carry a measure in the notes beside the texts; nothing "
        "here is inferred from the wording except the suggestions listed on each measure's page.\n",
        block("p", legend(), css="lt-legend") + "\n",
        "## Coverage matrix\n",
        matrix_table(context, src),
        "## The measures\n",
        measures_table(context.corpus, xref, src),
    ]
    return "\n".join(parts)


def legend() -> str:
    """What the symbols of the matrix mean."""
    return (
        f"**{CARRIED}** carried by a reviewed tag · **{ONLY_UNVERIFIED}** carried only by tags "
        "that rest on facts the project has not confirmed (each marked *unverified*) · "
        f"**{APPEARED}**: not carried in the previous version of the same document · "
        f"**{DROPPED}**: carried in the previous version, not in this one · **{NONE}** not "
        "carried. Tags suggested by keyword rules are not reviewed and not counted here; each "
        "measure's page lists them apart."
    )


def column_header(corpus: Corpus, document: str, version: str, src: str) -> str:
    """`ai-law` over the version id, each a link."""
    found = corpus.document(document)
    title = (found.title.en or found.title.ja) if found is not None else document
    doc_link = link(md_text(document), urls.rel(src, urls.document(document)), title)
    return f"{doc_link}<br>{link(f'`{version}`', urls.rel(src, urls.version(document, version)))}"


def matrix_table(context: SiteContext, src: str) -> str:
    """Rows the measures, columns every version of every document."""
    xref = context.analysis.xref
    header = ["Measure"] + [column_header(context.corpus, d, v, src) for d, v in xref.columns]
    rows = []
    for measure in xref.measures:
        name = link(md_text(measure_title(measure)), urls.rel(src, urls.measure(measure.id)))
        rows.append([name] + [cell(context, measure.id, d, v, src) for d, v in xref.columns])
    return table(header, rows) + "\n"


def measures_table(corpus: Corpus, xref: CrossIndex, src: str) -> str:
    """Each measure: name in both languages, description, and how well it is established."""
    rows = []
    for measure in xref.measures:
        rows.append(
            [
                link(md_text(measure_title(measure)), urls.rel(src, urls.measure(measure.id))),
                md_text(measure.name.ja),
                md_text(measure.description.en),
                CONFIDENCE[measure.confidence],
                counterpart_links(corpus, measure, src),
            ]
        )
    header = ["Measure", "日本語", "What it asks", "As a draft measure", "Counterparts"]
    return table(header, rows) + "\n"


def counterpart_links(corpus: Corpus, measure: Measure, src: str) -> str:
    """The measure's counterparts as links to their history pages, with their confidence."""
    shown = []
    for counterpart in measure.counterparts:
        target = urls.rel(src, urls.lineage(counterpart.document, counterpart.provision))
        label = f"{counterpart.document}/{counterpart.provision}"
        mark = CONFIDENCE[counterpart.confidence]
        found = corpus.document(counterpart.document)
        title = (found.title.en or found.title.ja) if found is not None else ""
        shown.append(f"{link(md_text(label), target, title)} ({mark})")
    return "<br>".join(shown) or NONE


def measure_page(context: SiteContext, measure: Measure) -> str:
    """`/measures/<n>/`: the measure, its counterparts, and every provision that carries it."""
    src = urls.measure(measure.id)
    corpus = context.corpus
    feed = urls.measure_feed(measure.id)
    parts = [
        front_matter(
            measure_title(measure),
            **feed_meta(feed, f"lawtrack: coverage of measure {measure.id}"),
        ),
        f"# {md_text(measure_title(measure))}\n",
    ]
    if measure.name.ja:
        parts.append(f'<p class="lt-subtitle" lang="ja" markdown>{md_text(measure.name.ja)}</p>\n')
    for language in ("en", "ja"):
        text = getattr(measure.description, language)
        if text:
            parts.append(block("p", md_text(text), extra=f' lang="{language}"') + "\n")
    parts.append(
        f"**As a measure of the 2024 working-group draft:** {CONFIDENCE[measure.confidence]} · "
        f"{link('All seven measures', urls.rel(src, urls.measures()))} · "
        f"{feed_link(src, feed, 'Atom feed of coverage changes')}\n"
    )
    parts.append("## Counterparts\n")
    parts.append(counterparts_table(corpus, measure, src))
    parts.append("## Where it is carried\n")
    parts.append(
        "Every provision with a reviewed tag for this measure, by document and version. "
        "*Unverified* marks tags that rest on facts the project has not confirmed.\n"
    )
    for document in corpus.documents:
        parts.append(document_section(context, measure.id, document, src))
    parts.append(suggestions_section(context, measure.id, src))
    return "\n".join(p for p in parts if p)


def counterparts_table(corpus: Corpus, measure: Measure, src: str) -> str:
    """Counterparts in the reference frameworks and guidelines, with their confidence."""
    rows = []
    for counterpart in measure.counterparts:
        found = corpus.document(counterpart.document)
        title = (found.title.en or found.title.ja) if found is not None else counterpart.document
        versions = [v.version for v in found.versions] if found is not None else []
        latest = versions[-1] if versions else ""
        heading = unit_heading(corpus, counterpart.document, latest, counterpart.provision)
        history = urls.rel(src, urls.lineage(counterpart.document, counterpart.provision))
        rows.append(
            [
                link(md_text(title), urls.rel(src, urls.document(counterpart.document))),
                link(md_text(heading), history, f"{counterpart.provision}: every version"),
                CONFIDENCE[counterpart.confidence],
            ]
        )
    if not rows:
        return "None recorded.\n"
    return table(["Document", "Provision", "Confidence"], rows) + "\n"


def document_section(context: SiteContext, measure: int, document: Document, src: str) -> str:
    """One document's versions: each carrying provision, or that none does."""
    xref = context.analysis.xref
    rows = []
    for version in document.versions:
        carriers = xref.carriers(measure, document.slug, version.version)
        change = coverage_change(xref, measure, document.slug, version.version)
        note = {"appeared": APPEARED, "dropped": DROPPED}.get(change, "")
        label = f"`{version.version}` · {md_text(version_label(version))}"
        rows.extend(_carrier_rows(context, carriers, label, note, src))
        if not carriers:
            rows.append([label, NONE, "", note or "not carried"])
    if not any(row[1] != NONE for row in rows):
        return ""
    title = document.title.en or document.title.ja
    header = ["Version", "Provision", "Tag", "Coverage"]
    heading = f"### {link(md_text(title), urls.rel(src, urls.document(document.slug)))}\n"
    return heading + "\n" + table(header, rows) + "\n"


def _carrier_rows(
    context: SiteContext, carriers: Sequence[Carrier], label: str, note: str, src: str
) -> list[list[str]]:
    rows = []
    for carrier in carriers:
        heading = unit_heading(context.corpus, carrier.document, carrier.version, carrier.unit)
        target = urls.rel(src, urls.version(carrier.document, carrier.version), carrier.unit)
        history = urls.rel(src, urls.lineage(carrier.document, carrier.lineage))
        shown = f"{link(md_text(heading), target)} ({link('history', history)})"
        kind = "unverified" if carrier.tag.kind is TagKind.UNVERIFIED else "reviewed"
        rows.append([label, shown, kind, note or CARRIED])
    return rows


def suggestions_section(context: SiteContext, measure: int, src: str) -> str:
    """Provisions for which keyword rules suggest the measure: not reviewed, listed apart."""
    xref = context.analysis.xref
    rows = []
    for document, version in xref.columns:
        for carrier in xref.suggestions(measure, document, version):
            heading = unit_heading(context.corpus, document, version, carrier.unit)
            target = urls.rel(src, urls.version(document, version), carrier.unit)
            rows.append(
                [
                    md_text(document),
                    f"`{version}`",
                    link(md_text(heading), target),
                    md_text(", ".join(carrier.tag.keywords)),
                ]
            )
    intro = (
        "## Suggested by keywords (not reviewed)\n\n"
        "Provisions without a reviewed tag whose text contains one of this measure's keywords "
        "(measures.yml). A suggestion is a lead for editors, not a finding.\n"
    )
    if not rows:
        return intro + "\nNo suggestions.\n"
    return intro + "\n" + table(["Document", "Version", "Provision", "Keywords"], rows) + "\n"
