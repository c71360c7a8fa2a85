"""Read a draft file: decode it, split and validate its front matter, parse its body.

Pure functions over bytes; the caller reads the file. Every defect is a `Problem` naming the
line of the offending key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from lawtrack import yamlio
from lawtrack.checks import ID_RE, SLUG_RE, VERSION_RE, Checker
from lawtrack.errors import Problem
from lawtrack.model import LANGUAGES, Draft, Status
from lawtrack.structure import parse_body

if TYPE_CHECKING:
    import datetime as dt

    from lawtrack.model import DocumentKind, Language, Source

MAX_BYTES = 4 * 1024 * 1024
"""Largest draft file accepted (a whole legal code in Japanese is about 3 MB)."""

REQUIRED_KEYS = {"title", "document", "version", "date", "language", "stage", "status", "source"}
OPTIONAL_KEYS = {"retrieved", "presented_by", "concordance", "translation_of", "notes"}
STATUSES = tuple(s.value for s in Status)

FRONT_MATTER_EXAMPLE = (
    "a file that starts with '---', YAML keys (title, document, version, date, language, "
    "stage, status, source), and '---'"
)


@dataclass(frozen=True, slots=True)
class Meta:
    """The validated front matter of a draft."""

    title: str
    document: str
    version: str
    date: dt.date
    language: Language
    stage: str
    status: Status
    sources: tuple[Source, ...]
    retrieved: dt.date | None
    presented_by: str
    concordance: tuple[tuple[str, tuple[str, ...]], ...]
    translation_of: Language | None
    notes: str


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (with or without BOM) and normalise line endings."""
    if len(data) > MAX_BYTES:
        size = len(data) / 1024 / 1024
        return None, [
            Problem(
                path, 0, f"file is too large ({size:.1f} MB)", f"at most {MAX_BYTES // 2**20} MB"
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            Problem(path, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x})", "UTF-8 text")
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(path, line, "contains a NUL character", "UTF-8 text")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split(text: str, path: str) -> tuple[str, str, int, list[Problem]]:
    """Split front matter from body.

    Returns:
        (front matter YAML, body, line where the body starts, problems).
    """
    if not text.strip():
        return "", "", 1, [Problem(path, 1, "empty file", FRONT_MATTER_EXAMPLE)]
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return "", "", 1, [Problem(path, 1, "missing front matter", FRONT_MATTER_EXAMPLE)]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2, []
    return (
        "",
        "",
        1,
        [Problem(path, 1, "front matter is not closed", "a '---' line after the keys")],
    )


def read_meta(front: str, path: str) -> tuple[Meta | None, list[Problem], dict[str, int]]:
    """Validate front matter YAML (which starts on line 2 of the file).

    Returns:
        The metadata (None if any error), the problems, and the line of each top-level key and
        of each concordance entry (`concordance.<old id>`).
    """
    doc, problems = yamlio.load(front, path, first_line=2)
    if doc is None:
        return None, problems, {}
    lines = {
        ".".join(str(part) for part in key): line
        for key, line in doc.lines.items()
        if len(key) == 1 or (len(key) == 2 and key[0] == "concordance")
    }
    check = Checker(doc, path)
    data = check.mapping(doc.data, (), "the front matter")
    if data is None:
        return None, check.problems, lines
    check.keys(data, (), REQUIRED_KEYS, REQUIRED_KEYS | OPTIONAL_KEYS)
    values = {
        "title": check.text(data.get("title"), ("title",)) if "title" in data else None,
        "document": check.slug(data.get("document"), ("document",), SLUG_RE)
        if "document" in data
        else None,
        "version": check.slug(data.get("version"), ("version",), VERSION_RE)
        if "version" in data
        else None,
        "date": check.date(data.get("date"), ("date",)) if "date" in data else None,
        "language": check.choice(data.get("language"), ("language",), LANGUAGES)
        if "language" in data
        else None,
        "stage": check.text(data.get("stage"), ("stage",)) if "stage" in data else None,
        "status": check.choice(data.get("status"), ("status",), STATUSES)
        if "status" in data
        else None,
        "source": check.sources(data.get("source"), ("source",)) if "source" in data else None,
    }
    optional = _optional(check, data)
    if check.problems or any(v is None for v in values.values()) or optional is None:
        return None, check.problems, lines
    meta = Meta(
        title=cast("str", values["title"]),
        document=cast("str", values["document"]),
        version=cast("str", values["version"]),
        date=cast("dt.date", values["date"]),
        language=cast("Language", values["language"]),
        stage=cast("str", values["stage"]),
        status=Status(cast("str", values["status"])),
        sources=cast("tuple[Source, ...]", values["source"]),
        **optional,
    )
    return meta, [], lines


def _optional(check: Checker, data: dict[str, Any]) -> dict[str, Any] | None:
    retrieved = check.date(data["retrieved"], ("retrieved",)) if "retrieved" in data else None
    presented_by = check.text(data.get("presented_by"), ("presented_by",), required=False)
    notes = check.text(data.get("notes"), ("notes",), required=False)
    translation_of = None
    if data.get("translation_of") is not None:
        translation_of = check.choice(data["translation_of"], ("translation_of",), LANGUAGES)
        if translation_of is not None and translation_of == data.get("language"):
            check.error(
                ("translation_of",),
                "a file cannot translate its own language",
                "the other language",
            )
    concordance = _concordance(check, data.get("concordance"))
    if presented_by is None or notes is None or concordance is None:
        return None
    return {
        "retrieved": retrieved,
        "presented_by": presented_by,
        "notes": notes,
        "translation_of": translation_of,
        "concordance": concordance,
    }


def _concordance(check: Checker, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    if value is None:
        return ()
    data = check.mapping(value, ("concordance",), "'concordance'")
    if data is None:
        return None
    out: list[tuple[str, tuple[str, ...]]] = []
    for old, new in data.items():
        where = ("concordance", old)
        targets: tuple[str, ...] | None = () if new is None else check.string_list(new, where)
        if targets is None:
            continue
        bad = [t for t in (old, *targets) if not ID_RE.match(t)]
        if bad:
            check.error(where, f"concordance id {bad[0]!r} is not a provision id", "ids like art-3")
            continue
        out.append((old, targets))
    return tuple(out)


def expected_name(meta: Meta) -> str:
    """The file name a draft with this front matter must have."""
    return f"{meta.date.isoformat()}-{meta.version}.{meta.language}.md"


def read_draft(
    data: bytes, path: str, kind: DocumentKind
) -> tuple[Draft | None, list[Problem], dict[str, int]]:
    """Read a whole draft file.

    Args:
        data: The file's bytes.
        path: Its path relative to the project root, for messages and the result.
        kind: The kind of its document, which decides how headings are read.

    Returns:
        The draft (None if any error), every problem found, and the line of each front-matter key
        (for messages about concordance and naming found later).
    """
    text, problems = decode(data, path)
    if text is None:
        return None, problems, {}
    front, body, body_line, problems = split(text, path)
    if problems:
        return None, problems, {}
    meta, problems, lines = read_meta(front, path)
    if meta is None:
        return None, problems, lines
    parsed = parse_body(body, path=path, language=meta.language, kind=kind, first_line=body_line)
    if parsed.problems:
        return None, list(parsed.problems), lines
    return (
        Draft(
            path=path,
            document=meta.document,
            version=meta.version,
            date=meta.date,
            language=meta.language,
            title=meta.title,
            stage=meta.stage,
            status=meta.status,
            sources=meta.sources,
            provisions=parsed.provisions,
            sha256=hashlib.sha256(data).hexdigest(),
            retrieved=meta.retrieved,
            presented_by=meta.presented_by,
            concordance=meta.concordance,
            translation_of=meta.translation_of,
            notes=meta.notes,
            body_line=body_line,
            key_lines=tuple(sorted(lines.items())),
        ),
        [],
        lines,
    )
