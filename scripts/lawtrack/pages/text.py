"""Version pages: the full text of a version, one anchor per provision id.

Pure: drafts in, Markdown out. Draft text only reaches the page through `markup.md_text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.model import Kind, Status
from lawtrack.pages import SitePage, urls
from lawtrack.pages.bilingual import status_text
from lawtrack.pages.inline import annotated
from lawtrack.pages.markup import (
    admonition,
    block,
    external,
    front_matter,
    heading,
    link,
    md_text,
    sr_only,
    table,
)
from lawtrack.pages.provenance import provenance_box

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from lawtrack.crossref import DraftLinks
    from lawtrack.model import Document, Draft, Provision, Version
    from lawtrack.pages import SiteContext
    from lawtrack.pages.annotations import UnitExtras

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
DELETED = {"ja": "削除", "en": "Deleted"}
"""What a deleted provision (第五条　削除) shows in place of its text, per language."""


def render(context: SiteContext, part: slice = slice(None)) -> Iterator[SitePage]:
    """Yield every version page and, for versions in several languages, one page per language.

    The version page of a version in several languages holds them all side by side
    (`parallel`); each language also has a page of its own below it. `part`: only the
    versions in this slice of `versions(context)` (so that processes can share them).
    """
    from lawtrack.pages import parallel  # it imports this module

    for document, version in versions(context)[part]:
        src = urls.version(document.slug, version.version)
        markdown = (
            parallel.version_page(context, document, version, src)
            if len(version.drafts) > 1
            else version_page(context, document, version, version.primary, src)
        )
        yield SitePage(src, markdown, in_nav=True, edit_path=version.primary.path)
        if len(version.drafts) > 1:
            for draft in version.drafts:
                lang_src = urls.version(document.slug, version.version, draft.language)
                yield SitePage(
                    lang_src,
                    version_page(context, document, version, draft, lang_src),
                    edit_path=draft.path,
                )


def versions(context: SiteContext) -> list[tuple[Document, Version]]:
    """Every version of every document, in page order."""
    return [(d, v) for d in context.corpus.documents for v in d.versions]


def version_label(version: Version) -> str:
    """How a version is named in lists and navigation: `2025-06-04 · Promulgated`."""
    english = version.draft("en")
    stage = english.stage if english is not None else version.stage
    return f"{version.date.isoformat()} · {stage}"


def version_page(
    context: SiteContext, document: Document, version: Version, draft: Draft, src: str
) -> str:
    """The Markdown of one version page in one language."""
    parts = [
        front_matter(f"{draft.title} — {version_label(version)}"),
        f"# {md_text(draft.title)}\n",
        status_banner(draft),
        provenance_box(draft, context.analysis.provenance.get(draft.path)),
        metadata_table(document, version, draft, src),
    ]
    if draft.notes:
        parts.append(admonition("note", "Version notes", [md_text(draft.notes)]))
    from lawtrack.pages.annotations import unit_extras  # they import this module
    from lawtrack.pages.lineage import history_links

    parts.append(
        provisions_markdown(
            draft,
            history_links(context, document, version, src),
            links=context.analysis.links.get(draft.path),
            extras=unit_extras(context, document, version, draft, src),
        )
    )
    return "\n".join(parts)


def status_banner(draft: Draft) -> str:
    """The banner every text page carries: what the text is and where the official one is."""
    source = external(draft.source.title or "official source", draft.source.url)
    if draft.status is Status.OFFICIAL:
        return admonition(
            "info",
            "Official text",
            [f"This is the official text as published. Source: {source}."],
        )
    kind = "restatement" if draft.status is Status.UNOFFICIAL_RESTATEMENT else "translation"
    what = (
        "a restatement, provision by provision, in this project's own words"
        if kind == "restatement"
        else "this project's own translation"
    )
    return admonition(
        "warning",
        f"Unofficial {kind} — not the official text",
        [
            f"This page is {what}. It is not the official text and has no legal force.",
            f"Read the official text: {source}.",
        ],
    )


def document_row(document: Document, src: str) -> list[str]:
    """The "Document" row of a version page's metadata table: its title, linked to its overview."""
    title = md_text(document.title.en or document.title.ja)
    return ["Document", link(title, urls.rel(src, urls.document(document.slug)))]


def metadata_table(document: Document, version: Version, draft: Draft, src: str) -> str:
    """Document, version, date and languages (the provenance box has status and sources)."""
    rows = [
        document_row(document, src),
        ["Version", f"`{version.version}`"],
        ["Date", version.date.isoformat()],
        ["Language", language_switch(document, version, draft, src)],
    ]
    return table([sr_only("Field"), sr_only("Value")], rows) + "\n"


def language_switch(document: Document, version: Version, draft: Draft, src: str) -> str:
    """`日本語 · English · 対訳` with links to the other languages and to both side by side.

    A version in one language says so: `English only`.
    """
    if len(version.drafts) == 1:
        return f"{LANGUAGE_NAMES[draft.language]} only · {status_text(draft)}"
    shown = []
    for other in version.drafts:
        name = LANGUAGE_NAMES[other.language]
        if other.language == draft.language:
            shown.append(f"**{name}**")
        else:
            target = urls.version(document.slug, version.version, other.language)
            shown.append(link(name, urls.rel(src, target)))
    both = urls.rel(src, urls.version(document.slug, version.version))
    return " · ".join(shown) + f" · {link('対訳 (side by side)', both)}"


def provisions_markdown(
    draft: Draft,
    history: Mapping[str, str] | None = None,
    *,
    links: DraftLinks | None = None,
    extras: Mapping[str, UnitExtras] | None = None,
) -> str:
    """All provisions of a draft as Markdown blocks, each with its id as anchor.

    `history` maps unit ids to a link to their history page, shown under their heading;
    `links` turns references into links and marks defined terms; `extras` puts measure badges
    under a unit's heading and links and notes after its text.
    """
    depth: dict[str, int] = {}
    out: list[str] = []
    pending = ""
    for provision in draft.provisions:
        if pending and provision.kind not in (Kind.PARAGRAPH, Kind.ITEM):
            out.append(pending)
            pending = ""
        parent_depth = depth.get(provision.parent, -1) if provision.parent else -1
        depth[provision.id] = parent_depth + 1
        blocks = provision_blocks(draft, provision, parent_depth + 1, links)
        extra = extras.get(provision.id) if extras else None
        if extra is not None and extra.head:
            blocks.insert(1, extra.head)
        out.extend(blocks)
        if history and provision.id in history:
            out.append(block("p", history[provision.id], css="lt-history-link"))
        pending = extra.tail if extra is not None else pending
    if pending:
        out.append(pending)
    return "\n\n".join(out) + "\n"


def provision_blocks(
    draft: Draft, provision: Provision, depth: int, links: DraftLinks | None = None
) -> list[str]:
    """The Markdown blocks of one provision (its heading or its paragraph line)."""
    if provision.kind in (Kind.PARAGRAPH, Kind.ITEM):
        css = "lt-para" if provision.kind is Kind.PARAGRAPH else "lt-item"
        number = (
            f'<span class="lt-num">{md_text(provision.heading)}</span> '
            if provision.heading
            else ""
        )
        paragraph_text = annotated(provision, provision.text, links)
        return [block("p", number + paragraph_text, anchor=provision.id, css=css)]
    blocks = [
        heading(2 + depth, md_text(provision.heading), provision.id, f"lt-{provision.kind.value}")
    ]
    if provision.deleted:
        blocks.append(block("p", DELETED[draft.language], css="lt-deleted"))
    if provision.kind is Kind.HEADING and provision.text:
        blocks.extend(section_text(provision.text, provision, links))
    return blocks


def section_text(
    text: str, provision: Provision | None = None, links: DraftLinks | None = None
) -> list[str]:
    """The text of a guideline section: paragraphs and bullet lists."""
    out: list[str] = []
    bullets: list[str] = []

    def shown(line: str) -> str:
        return annotated(provision, line, links) if provision is not None else md_text(line)

    for line in text.split("\n"):
        if line.startswith(("- ", "* ")):
            bullets.append(block("li", shown(line[2:])))
            continue
        if bullets:
            out.append('<ul class="lt-list">\n' + "\n".join(bullets) + "\n</ul>")
            bullets = []
        out.append(block("p", shown(line), css="lt-text"))
    if bullets:
        out.append('<ul class="lt-list">\n' + "\n".join(bullets) + "\n</ul>")
    return out
