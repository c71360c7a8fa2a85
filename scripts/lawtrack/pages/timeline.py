"""The document overview's timeline picture, its text table, and the version picker.

The picture is generated SVG: versions with their stages and dates, and for each consecutive pair
how many provisions were added, removed and modified and the share of text changed. Each bar has
its own outline pattern and a text label, so print and screen readers do not depend on colour;
the same figures are in a table beside it. The picker is two selects and a little script
(docs/assets/javascripts/compare.js) over a table of links that works without script. Pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawtrack.pages import urls
from lawtrack.pages.markup import attr, link, md_inline, md_text, safe_id, table
from lawtrack.pages.text import version_label

if TYPE_CHECKING:
    from lawtrack.compare import Counts
    from lawtrack.model import Document, Version
    from lawtrack.pages import SiteContext

STEP = 170
"""Horizontal distance between two versions in the picture."""
BAR_MAX = 60
"""Height of the tallest bar."""


def stage_of(version: Version) -> str:
    """The English stage if there is an English draft, else the stage as written."""
    english = version.draft("en")
    return english.stage if english is not None else version.stage


def pair_counts(context: SiteContext, document: Document) -> list[tuple[Version, Version, Counts]]:
    """The counts of each consecutive pair, in the pair's first compared language."""
    out = []
    index = context.analysis.compare
    for old, new in zip(document.versions, document.versions[1:], strict=False):
        languages = index.languages(document.slug, old.version, new.version)
        comparison = (
            index.comparison(document.slug, old.version, new.version, languages[0])
            if languages
            else None
        )
        if comparison is not None:
            out.append((old, new, comparison.counts()))
    return out


def modified(counts: Counts) -> int:
    """Modified provisions, counting splits and merges as modified."""
    return counts.modified + counts.split + counts.merged


def timeline_section(context: SiteContext, document: Document, src: str) -> str:
    """The picture and the table with the same figures (nothing for a single version)."""
    if len(document.versions) < 2:
        return ""
    pairs = pair_counts(context, document)
    return "\n".join(
        ["## Timeline\n", timeline_svg(document, pairs), "", changes_table(document, pairs, src)]
    )


def _text(x: float, y: float, content: str, css: str, anchor: str = "middle") -> str:
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" class="{attr(css)}">'
        f"{md_inline(content)}</text>"
    )


def _bar(x: float, value: int, top: int, kind: str, sign: str) -> list[str]:
    height = max(2, round(BAR_MAX * value / top)) if value else 0
    base = 230
    out = []
    if height:
        out.append(
            f'<rect x="{x:.0f}" y="{base - height}" width="22" height="{height}" '
            f'class="lt-tl-bar lt-tl-{kind}"/>'
        )
    out.append(_text(x + 11, base + 16, f"{sign}{value}", f"lt-tl-count lt-tl-{kind}-label"))
    return out


def timeline_svg(document: Document, pairs: list[tuple[Version, Version, Counts]]) -> str:
    """The SVG figure (one raw HTML block, no blank lines)."""
    count = len(document.versions)
    width = max(640, STEP * count)
    xs = [STEP / 2 + i * (width - STEP) / max(1, count - 1) for i in range(count)]
    top = max([1] + [max(c.added, c.removed, modified(c)) for _, _, c in pairs])
    slug = safe_id(document.slug)
    body = [
        f'<title id="lt-tl-title-{slug}">Timeline of the versions</title>',
        f'<desc id="lt-tl-desc-{slug}">{md_inline(_description(document, pairs))}</desc>',
        f'<line x1="{xs[0]:.0f}" y1="60" x2="{xs[-1]:.0f}" y2="60" class="lt-tl-axis"/>',
    ]
    for x, version in zip(xs, document.versions, strict=True):
        body.append(f'<circle cx="{x:.0f}" cy="60" r="7" class="lt-tl-dot"/>')
        body.append(_text(x, 36, version.version, "lt-tl-version"))
        body.append(_text(x, 88, version.date.isoformat(), "lt-tl-date"))
        body.append(_text(x, 106, _short(stage_of(version)), "lt-tl-stage"))
    for i, (_, _, counts) in enumerate(pairs):
        middle = (xs[i] + xs[i + 1]) / 2
        body.extend(_bar(middle - 40, counts.added, top, "added", "+"))
        body.extend(_bar(middle - 11, counts.removed, top, "removed", "−"))
        body.extend(_bar(middle + 18, modified(counts), top, "modified", "~"))
        body.append(
            _text(middle, 150, f"{counts.share_changed:.0%} of text changed", "lt-tl-share")
        )
    body.extend(_legend(width))
    svg = (
        f'<svg class="lt-timeline" viewBox="0 0 {width} 290" role="img" '
        f'aria-labelledby="lt-tl-title-{slug} lt-tl-desc-{slug}" xmlns="http://www.w3.org/2000/svg">'
    )
    caption = (
        "Versions and how much changed between each and the next; "
        "the table below has the same figures."
    )
    return (
        '<figure class="lt-timeline-figure">\n'
        + svg
        + "\n"
        + "\n".join(body)
        + "\n</svg>\n"
        + f"<figcaption>{md_inline(caption)}</figcaption>\n</figure>"
    )


def _legend(width: int) -> list[str]:
    y = 276
    out = []
    for i, (kind, sign, label) in enumerate(
        (
            ("added", "+", "added"),
            ("removed", "−", "removed"),
            ("modified", "~", "modified (incl. split, merged)"),
        )
    ):
        x = 20 + i * 150
        out.append(
            f'<rect x="{x}" y="{y - 11}" width="14" height="12" class="lt-tl-bar lt-tl-{kind}"/>'
        )
        out.append(_text(x + 20, y, f"{sign} {label}", "lt-tl-legend", "start"))
    del width
    return out


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _description(document: Document, pairs: list[tuple[Version, Version, Counts]]) -> str:
    parts = [f"{v.version}, {v.date.isoformat()}, {stage_of(v)}" for v in document.versions]
    changes = [
        f"{old.version} to {new.version}: {c.added} added, {c.removed} removed, "
        f"{modified(c)} modified, {c.share_changed:.0%} of text changed"
        for old, new, c in pairs
    ]
    return "Versions: " + "; ".join(parts) + ". Changes: " + "; ".join(changes) + "."


def changes_table(
    document: Document, pairs: list[tuple[Version, Version, Counts]], src: str
) -> str:
    """The picture's figures as a table, with a link to each comparison."""
    rows = []
    for old, new, c in pairs:
        target = urls.rel(src, urls.compare(document.slug, old.version, new.version))
        rows.append(
            [
                link(f"`{old.version}` → `{new.version}`", target),
                str(c.added),
                str(c.removed),
                str(c.modified),
                str(c.split),
                str(c.merged),
                str(c.renumbered),
                str(c.unchanged),
                f"{c.share_changed:.0%}",
            ]
        )
    header = [
        "Versions",
        "Added",
        "Removed",
        "Modified",
        "Split",
        "Merged",
        "Renumbered",
        "Unchanged",
        "Text changed",
    ]
    return table(header, rows) + "\n"


def picker_section(document: Document, src: str) -> str:
    """Two selects that land on the compare permalink, and every pair as a link without script."""
    if len(document.versions) < 2:
        return ""
    return "\n".join(
        ["## Compare versions\n", picker_form(document), "", pairs_table(document, src)]
    )


def picker_form(document: Document) -> str:
    """The form (hidden until the script shows it)."""
    slug = safe_id(document.slug)
    versions = document.versions
    selects = []
    for name, label, chosen in (("old", "From", versions[-2]), ("new", "To", versions[-1])):
        options = "".join(
            f'<option value="{attr(v.version)}"{" selected" if v is chosen else ""}>'
            f"{md_inline(v.version)} · {md_inline(version_label(v))}</option>"
            for v in versions
        )
        selects.append(
            f'<label for="lt-{name}-{slug}">{label}</label> '
            f'<select id="lt-{name}-{slug}" name="{name}" required>{options}</select>'
        )
    return (
        '<form class="lt-picker" hidden aria-label="Compare two versions">\n'
        + "\n".join(selects)
        + '\n<button type="submit" class="md-button">Compare</button>\n'
        '<p class="lt-picker-status" aria-live="polite"></p>\n</form>'
    )


def pairs_table(document: Document, src: str) -> str:
    """Every pair of versions as a link: rows are the older, columns the newer version."""
    versions = document.versions
    header = ["From \\ to", *(f"`{v.version}`" for v in versions[1:])]
    rows = []
    for i, old in enumerate(versions[:-1]):
        row = [f"`{old.version}`"]
        for j, new in enumerate(versions[1:], start=1):
            if j <= i:
                row.append("")
                continue
            target = urls.rel(src, urls.compare(document.slug, old.version, new.version))
            label = md_text(f"{old.version} → {new.version}")
            data = f'data-lt-old="{attr(old.version)}" data-lt-new="{attr(new.version)}"'
            row.append(f"{link(label, target)}{{ {data} }}")
        rows.append(row)
    return table(header, rows) + "\n"
