"""The domain model: documents, versions, drafts and provisions, measures and notes.

Frozen dataclasses only; no I/O and no third-party imports. Everything that crosses a module
boundary is one of these types.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Mapping

Language = Literal["ja", "en"]
LANGUAGES: tuple[Language, ...] = ("ja", "en")
"""The languages a draft may be written in, in display order."""


class Kind(enum.StrEnum):
    """What a provision is."""

    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    SUBSECTION = "subsection"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    SUPPL = "suppl"
    """Supplementary provisions (附則)."""
    HEADING = "heading"
    """A section of guidelines or frameworks, or a pinned element of an unnumbered draft."""


STRUCTURAL_KINDS = frozenset({Kind.PART, Kind.CHAPTER, Kind.SECTION, Kind.SUBSECTION})
"""Kinds that only group other provisions and carry no text of their own."""


class Status(enum.StrEnum):
    """What kind of text a draft file is."""

    OFFICIAL = "official"
    UNOFFICIAL_RESTATEMENT = "unofficial-restatement"
    UNOFFICIAL_TRANSLATION = "unofficial-translation"

    @property
    def label(self) -> str:
        """A reader-facing label."""
        return {
            Status.OFFICIAL: "Official text",
            Status.UNOFFICIAL_RESTATEMENT: "Unofficial restatement",
            Status.UNOFFICIAL_TRANSLATION: "Unofficial translation",
        }[self]

    @property
    def label_ja(self) -> str:
        """The label in Japanese."""
        return {
            Status.OFFICIAL: "公式テキスト",
            Status.UNOFFICIAL_RESTATEMENT: "非公式の再述",
            Status.UNOFFICIAL_TRANSLATION: "非公式の翻訳",
        }[self]


class DocumentKind(enum.StrEnum):
    """How a document's headings are read."""

    BILL = "bill"
    GUIDELINES = "guidelines"
    FRAMEWORK = "framework"


@dataclass(frozen=True, slots=True)
class Localized:
    """A short text in Japanese and English; either may be empty."""

    en: str = ""
    ja: str = ""

    def get(self, language: str) -> str:
        """Return the text in `language`, falling back to the other language."""
        if language == "ja":
            return self.ja or self.en
        return self.en or self.ja


@dataclass(frozen=True, slots=True)
class Source:
    """Where the official text or information about it can be read."""

    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Provision:
    """One part, chapter, section, article, paragraph, item or guideline section."""

    id: str
    """Language-independent id, e.g. `art-12-2`, `art-3.p2.i1`, `ch-1`, `c-3`."""
    kind: Kind
    number: str
    """Normalised number (`12-2`, `3`), or "" when the provision has none."""
    caption: str
    """The caption (見出し) or title, without number: `報告`, `Reports`; "" if none."""
    heading: str
    """The heading as written, without `#` marks and pin; for paragraphs and items the number as
    written (`２`, `(2)`, `一`), "" for an unnumbered first paragraph."""
    parent: str | None
    """Id of the enclosing provision, or None at top level."""
    line: int
    """1-based line of the heading or first line in the file."""
    deleted: bool
    """True for 削除 / Deleted articles."""
    text: str
    """The provision's own text. For an article, all its paragraphs and items, one per line, as
    written with their numbers; for a paragraph or item, its text without the number."""
    level: int = 0
    """Markdown heading level (1–6); 0 for paragraphs and items."""

    @property
    def label(self) -> str:
        """A short reader-facing label: the heading, or the id for paragraphs."""
        return self.heading or self.id


@dataclass(frozen=True, slots=True)
class Draft:
    """One version of a document in one language: a file under drafts/."""

    path: str
    """Path relative to the project root, with forward slashes."""
    document: str
    version: str
    date: dt.date
    language: Language
    title: str
    stage: str
    status: Status
    sources: tuple[Source, ...]
    provisions: tuple[Provision, ...]
    sha256: str
    """SHA-256 of the file's bytes."""
    retrieved: dt.date | None = None
    presented_by: str = ""
    concordance: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Old id → new ids against the previous version; () as the value means removed."""
    translation_of: Language | None = None
    notes: str = ""
    """Version notes from the front matter."""
    body_line: int = 1
    """Line where the body (after the front matter) starts."""
    key_lines: tuple[tuple[str, int], ...] = ()
    """Line of each front-matter key (`date`) and concordance entry (`concordance.art-3`)."""
    _ids: dict[str, Provision] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    """Provisions by id, built on first use: pages look provisions up once per unit, and a scan
    (or a new dict) each time made a 1,000-article version quadratic."""
    _children: dict[str | None, tuple[Provision, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    """Provisions by parent id, built on first use."""

    def key_line(self, key: str) -> int:
        """The line of a front-matter key, or 2 (the first key line) if unknown."""
        return dict(self.key_lines).get(key, dict(self.key_lines).get(key.split(".")[0], 2))

    @property
    def source(self) -> Source:
        """The main official source."""
        return self.sources[0]

    def provision(self, provision_id: str) -> Provision | None:
        """Return the provision with this id, if any."""
        return self.by_id().get(provision_id)

    def by_id(self) -> Mapping[str, Provision]:
        """Every provision by its id (the same mapping on every call; do not change it)."""
        if not self._ids and self.provisions:
            self._ids.update((p.id, p) for p in reversed(self.provisions))  # first one wins
        return self._ids

    def children(self, parent: str | None) -> Iterator[Provision]:
        """Yield the direct children of `parent` (None for the top level), in order."""
        if not self._children and self.provisions:
            by_parent: dict[str | None, list[Provision]] = {}
            for provision in self.provisions:
                by_parent.setdefault(provision.parent, []).append(provision)
            self._children.update((key, tuple(value)) for key, value in by_parent.items())
        return iter(self._children.get(parent, ()))


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a document, in all the languages it exists in."""

    document: str
    version: str
    date: dt.date
    stage: str
    drafts: tuple[Draft, ...]
    """One per language, in `LANGUAGES` order."""

    @property
    def languages(self) -> tuple[Language, ...]:
        """The languages this version exists in."""
        return tuple(d.language for d in self.drafts)

    @property
    def primary(self) -> Draft:
        """The draft read first: Japanese if there is one."""
        return self.drafts[0]

    def draft(self, language: str) -> Draft | None:
        """Return the draft in `language`, if the version has one."""
        for draft in self.drafts:
            if draft.language == language:
                return draft
        return None

    @property
    def concordance(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The version's concordance (the same in every language; validated at load)."""
        for draft in self.drafts:
            if draft.concordance:
                return draft.concordance
        return ()


@dataclass(frozen=True, slots=True)
class Document:
    """A text followed through its versions: a folder under drafts/."""

    slug: str
    title: Localized
    kind: DocumentKind
    description: Localized
    sources: tuple[Source, ...]
    versions: tuple[Version, ...]
    """In date order (then by version id)."""

    def version(self, version: str) -> Version | None:
        """Return the version with this id, if any."""
        for candidate in self.versions:
            if candidate.version == version:
                return candidate
        return None

    def previous(self, version: str) -> Version | None:
        """Return the version before `version` in date order, if any."""
        ids = [v.version for v in self.versions]
        index = ids.index(version)
        return self.versions[index - 1] if index else None


class Confidence(enum.StrEnum):
    """How well a fact is established."""

    CONFIRMED = "confirmed"
    UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Where a measure appears in a reference framework or other document."""

    document: str
    provision: str
    """A lineage id in `document`."""
    confidence: Confidence
    line: int = 0


@dataclass(frozen=True, slots=True)
class Measure:
    """One of the seven measures of the 2024 working-group draft."""

    id: int
    name: Localized
    description: Localized
    confidence: Confidence
    counterparts: tuple[Counterpart, ...]
    keywords: tuple[tuple[Language, tuple[str, ...]], ...] = ()
    line: int = 0

    def keywords_for(self, language: str) -> tuple[str, ...]:
        """The suggestion keywords in `language`."""
        for lang, words in self.keywords:
            if lang == language:
                return words
        return ()


@dataclass(frozen=True, slots=True)
class MeasureTag:
    """A reviewed tag: this lineage addresses this measure (in these versions)."""

    measure: int
    versions: tuple[str, ...] = ()
    """Empty means every version of the lineage."""
    line: int = 0
    unverified: bool = False
    """The tag rests on facts the project could not confirm; shown marked as unverified."""

    def holds_for(self, version: str) -> bool:
        """Whether the tag applies to `version`."""
        return not self.versions or version in self.versions


@dataclass(frozen=True, slots=True)
class Link:
    """A related provision in another document."""

    document: str
    lineage: str
    versions: tuple[str, ...] = ()
    """Versions of the source document it holds for; empty means all."""
    target_versions: tuple[str, ...] = ()
    """Versions of the target document it holds for; empty means all."""
    note: Localized = field(default_factory=Localized)
    line: int = 0


@dataclass(frozen=True, slots=True)
class Annotation:
    """An editor's note on a lineage, written against one version."""

    version: str
    text: Localized
    unverified: bool = False
    line: int = 0


@dataclass(frozen=True, slots=True)
class LineageNotes:
    """Everything `notes.yml` says about one lineage."""

    document: str
    lineage: str
    measures: tuple[MeasureTag, ...] = ()
    links: tuple[Link, ...] = ()
    notes: tuple[Annotation, ...] = ()
    path: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything under drafts/."""

    documents: tuple[Document, ...]
    measures: tuple[Measure, ...] = ()
    notes: tuple[LineageNotes, ...] = ()

    def document(self, slug: str) -> Document | None:
        """Return the document with this slug, if any."""
        for document in self.documents:
            if document.slug == slug:
                return document
        return None

    def notes_for(self, document: str) -> tuple[LineageNotes, ...]:
        """The notes of one document."""
        return tuple(n for n in self.notes if n.document == document)


class GitState(enum.StrEnum):
    """Where a draft file stands in git."""

    COMMITTED = "committed"
    """The file is as committed."""
    MODIFIED = "modified"
    """Committed, but the working copy has changes not yet committed."""
    UNCOMMITTED = "uncommitted"
    """In a git checkout, but never committed."""
    NOT_IN_GIT = "not-in-git"
    """No git repository (e.g. a build from a tarball), or git is not installed."""


@dataclass(frozen=True, slots=True)
class CommitRef:
    """A commit as provenance shows it: never an e-mail address, never wall-clock time."""

    hexsha: str
    date: dt.date
    """The commit date, in the committer's time zone."""
    author: str
    """The author's name only."""

    @property
    def short(self) -> str:
        """The abbreviated hash shown to readers."""
        return self.hexsha[:7]


@dataclass(frozen=True, slots=True)
class Provenance:
    """When a draft file was added and last changed in git, and by whom."""

    path: str
    """Relative to the project root, as `Draft.path`."""
    state: GitState
    added: CommitRef | None = None
    changed: CommitRef | None = None
    """The last commit that changed the file."""
    truncated: bool = False
    """History is cut short (a shallow clone): `added` is the oldest commit available."""


@dataclass(frozen=True, slots=True)
class ProvenanceIndex:
    """The provenance of every draft file of a build."""

    entries: dict[str, Provenance] = field(default_factory=dict)
    """By path, relative to the project root."""

    def get(self, path: str) -> Provenance:
        """The provenance of `path`; files it does not know are not in git."""
        return self.entries.get(path) or Provenance(path, GitState.NOT_IN_GIT)
