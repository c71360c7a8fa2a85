"""What every feed shares: ids, the rights note, addresses and labels. Pure functions."""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import TYPE_CHECKING

from lawtrack.feeds import Feed
from lawtrack.pages import urls
from lawtrack.pages.compare import unit_label

if TYPE_CHECKING:
    from lawtrack.feeds import FeedEntry
    from lawtrack.model import Document, Version
    from lawtrack.pages import SiteContext

TAG = "tag:lawtrack.github.io,2024:"
"""Prefix of every feed and entry id. Fixed, so that ids survive a move of the site."""
RIGHTS = (
    "Texts are the lawtrack project's unofficial restatements and translations, not the "
    "official texts, and not legal advice."
)


def address(context: SiteContext, from_src: str, to_src: str, anchor: str = "") -> str:
    """The URL of a page for a feed: absolute under site_url, else relative to the feed."""
    target = urls.url_of(to_src)
    if context.site_url:
        out = context.site_url.rstrip("/") + "/" + target
    else:
        base = posixpath.dirname(from_src) or "."
        out = posixpath.relpath(target or ".", base)
        if target.endswith("/") or not target:
            out = out.rstrip("/") + "/"
    return f"{out}#{anchor}" if anchor else out


def newest_day(context: SiteContext) -> dt.date:
    """The newest version date of the corpus: `updated` of feeds without entries."""
    days = [v.date for d in context.corpus.documents for v in d.versions]
    return max(days) if days else dt.date(1970, 1, 1)


def doc_title(document: Document) -> str:
    """The English title, or the Japanese one."""
    return document.title.en or document.title.ja


def version_src(document: Document, version: Version) -> str:
    """The source path of a version's page."""
    return urls.version(document.slug, version.version)


def unit_name(document: Document, version: str, unit: str) -> str:
    """A unit's heading in a version, English first (its id if it has none)."""
    found = document.version(version)
    if found is None:
        return unit
    draft = found.draft("en") or found.primary
    provision = draft.provision(unit)
    if provision is None:
        return unit
    return unit_label(provision, draft.by_id())


def newest_first(entries: list[FeedEntry]) -> tuple[FeedEntry, ...]:
    """Newest first; entries of one day keep their (document and version) order."""
    return tuple(sorted(entries, key=lambda e: e.day, reverse=True))


def make_feed(
    context: SiteContext,
    src: str,
    path: str,
    title: str,
    page: str,
    entries: list[FeedEntry],
    subtitle: str,
) -> Feed:
    """A feed at `src` with id `TAG + path`, following `page`, its entries newest first."""
    return Feed(
        f"{TAG}{path}",
        title,
        address(context, src, page),
        address(context, src, src),
        newest_first(entries),
        newest_day(context),
        subtitle=subtitle,
        rights=RIGHTS,
    )
