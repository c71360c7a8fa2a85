"""The feedgen adapter: Atom feeds from frozen descriptions, byte for byte the same every time.

The only module that imports feedgen. Every date comes from the description (the versions'
dates, at midnight UTC); feedgen's own defaults (the wall clock, its version in `generator`) never
reach the output. Text is given to feedgen as text, which it escapes; HTML content must be built
from escaped pieces by the caller. Pure apart from feedgen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

ATOM_TYPE = "application/atom+xml"
"""The media type of an Atom feed (for `<link rel="alternate">`)."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed."""

    id: str
    """A stable id (a tag: URI), the same in every build and in every feed that has the entry."""
    title: str
    day: dt.date
    """The date of the version the entry is about: its `updated` and `published` date."""
    link: str
    """The page the entry is about."""
    summary: str = ""
    """Plain text."""
    content_html: str = ""
    """HTML built only from escaped text (sent as `type="html"`, escaped once more by XML)."""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    """A whole Atom feed."""

    id: str
    title: str
    link: str
    """The page the feed follows (`rel="alternate"`)."""
    self_link: str
    """The feed's own address (`rel="self"`)."""
    entries: tuple[FeedEntry, ...]
    """Newest first."""
    fallback_day: dt.date
    """The feed's `updated` when it has no entries (otherwise the newest entry's date)."""
    subtitle: str = ""
    author: str = "lawtrack project"
    rights: str = ""
    language: str = "en"


def instant(day: dt.date) -> dt.datetime:
    """Midnight UTC of a day: the time every feed date is given at."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)


def updated(feed: Feed) -> dt.date:
    """The feed's `updated` date: its newest entry's date."""
    return max((entry.day for entry in feed.entries), default=feed.fallback_day)


def atom(feed: Feed) -> bytes:
    """Write a feed as Atom 1.0 (RFC 4287), UTF-8, indented.

    Args:
        feed: The description of the feed.

    Returns:
        The XML document.
    """
    generator = FeedGenerator()
    generator.id(feed.id)
    generator.title(feed.title)
    generator.updated(instant(updated(feed)))
    generator.link(href=feed.link, rel="alternate", type="text/html")
    generator.link(href=feed.self_link, rel="self", type=ATOM_TYPE)
    generator.author({"name": feed.author})
    generator.generator("lawtrack")
    generator.language(feed.language)
    if feed.subtitle:
        generator.subtitle(feed.subtitle)
    if feed.rights:
        generator.rights(feed.rights)
    for entry in feed.entries:
        _add(generator, entry)
    return bytes(generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True))


def _add(generator: FeedGenerator, entry: FeedEntry) -> None:
    item = generator.add_entry(order="append")
    item.id(entry.id)
    item.title(entry.title)
    item.updated(instant(entry.day))
    item.published(instant(entry.day))
    item.link(href=entry.link, rel="alternate", type="text/html")
    if entry.summary:
        item.summary(entry.summary)
    if entry.content_html:
        item.content(entry.content_html, type="html")
    for term in entry.categories:
        item.category(term=term)
