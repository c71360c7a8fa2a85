"""Editor commands: add a new draft version safely, and write files atomically.

`add_draft` validates a draft exactly as `lawtrack validate` would once it is in place, puts it
where its front matter says, writes it atomically and commits only that file (through
`history`). Any failure leaves drafts/, the index and HEAD as they were. No printing, no click.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lawtrack import history
from lawtrack.checks import SLUG_RE
from lawtrack.corpus import document_meta, relative
from lawtrack.errors import EditorError, Problem, ValidationError, errors_only
from lawtrack.frontmatter import decode, expected_name, read_draft, read_meta, split
from lawtrack.model import LANGUAGES
from lawtrack.pages import urls
from lawtrack.sidecar import read_document
from lawtrack.validate import validate_paths

if TYPE_CHECKING:
    from lawtrack.frontmatter import Meta
    from lawtrack.model import CommitRef, DocumentKind

_SITE_URL_RE = re.compile(r"^site_url:\s*['\"]?(https?://[^\s'\"]+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class NewDocument:
    """What `document.yml` says for a document added with `--new-document`."""

    kind: str
    """`bill`, `guidelines` or `framework`."""
    title_en: str = ""
    title_ja: str = ""
    description_en: str = ""
    description_ja: str = ""
    sources: tuple[str, ...] = ()
    """Official pages for the document as a whole (URLs)."""


@dataclass(frozen=True, slots=True)
class Added:
    """What `add_draft` did."""

    path: str
    """The new file, relative to the project root."""
    document: str
    version: str
    language: str
    source: str
    """The main official source URL."""
    page: str
    """The page it will appear on: a URL (with the site's `site_url`) or a site path."""
    commit: CommitRef | None = None
    """The commit made, or None with `--no-commit`."""
    document_file: str = ""
    """The `document.yml` written for a new document, or ""."""

    @property
    def message(self) -> str:
        """The commit message's first line."""
        return commit_subject(self.document, self.version, self.language)


def commit_subject(document: str, version: str, language: str) -> str:
    """`Add <document> <version> (<lang>)`."""
    return f"Add {document} {version} ({language})"


def add_draft(
    root: Path,
    file: Path,
    *,
    commit: bool = True,
    new_document: NewDocument | None = None,
    drafts: str = "drafts",
) -> Added:
    """Validate a draft, put it in drafts/<document>/, and commit only that file.

    Args:
        root: The project root.
        file: The draft, anywhere on disk.
        commit: Commit it with the editor's git identity (False: only write it).
        new_document: Metadata for a document that does not exist yet.
        drafts: The drafts folder, relative to `root`.

    Returns:
        What was added, where, its page and the commit.

    Raises:
        ValidationError: The draft is invalid, alone or with the rest of drafts/.
        EditorError: The version and language exist, or the document is unknown.
        HistoryError: Committing is impossible (checked before anything is written) or failed
            (the written files are removed again).
    """
    shown = relative(file, root)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise EditorError(f"cannot read {shown}: {error.strerror}") from None
    meta = _meta(data, shown)
    if not (root / drafts).is_dir():
        raise EditorError(f"no {drafts}/ folder in {root} (expected a lawtrack project)")
    folder = root / drafts / meta.document
    target = folder / expected_name(meta)
    files = [(relative(target, root), data)]
    kind, document_yml = _document_file(folder, meta.document, new_document, root)
    if document_yml is not None:
        files.insert(0, (relative(folder / "document.yml", root), document_yml))
    _refuse_existing(folder, meta, root)
    _validate(root, drafts, shown, kind, files)
    if commit:
        history.check_can_commit(root, [path for path, _ in files])
    written = _write_new(root, files)
    try:
        made = history.commit_files(root, files, _message(meta, new_document)) if commit else None
    except history.CommittedError:
        raise  # the commit exists: the file must stay
    except BaseException:
        _remove(written)
        raise
    return Added(
        files[-1][0],
        meta.document,
        meta.version,
        meta.language,
        meta.sources[0].url,
        _page(root, folder, meta),
        made,
        files[0][0] if document_yml is not None else "",
    )


def _meta(data: bytes, shown: str) -> Meta:
    """The validated front matter, or the problems with it."""
    text, problems = decode(data, shown)
    if text is None:
        raise ValidationError(problems)
    front, _, _, problems = split(text, shown)
    if problems:
        raise ValidationError(problems)
    meta, problems, _ = read_meta(front, shown)
    if meta is None:
        raise ValidationError(problems)
    return meta


def _document_file(
    folder: Path, slug: str, new: NewDocument | None, root: Path
) -> tuple[DocumentKind, bytes | None]:
    """The document's kind, and the document.yml to write for a new document."""
    known = (folder / "document.yml").is_file()
    if known and new is not None:
        raise EditorError(f"document '{slug}' already exists (expected no --new-document)")
    if known:
        existing, problems = document_meta(folder, root)
        if existing is None:
            raise ValidationError(problems)
        return existing.kind, None
    if new is None:
        slugs = sorted(p.name for p in folder.parent.iterdir() if (p / "document.yml").is_file())
        raise EditorError(
            f"unknown document '{slug}' (expected one of {', '.join(slugs) or 'none'}, or "
            "--new-document with --kind and --title-en or --title-ja)"
        )
    if slug in urls.RESERVED_DOCUMENTS or not SLUG_RE.match(slug):
        raise EditorError(f"'{slug}' cannot name a document (the site uses it)")
    data = document_yml(new).encode("utf-8")
    meta, problems = read_document(data, relative(folder / "document.yml", root))
    if meta is None:
        raise ValidationError(problems)
    return meta.kind, data


def document_yml(new: NewDocument) -> str:
    """The text of a document.yml (strings JSON-quoted, which is valid YAML)."""

    def localized(key: str, en: str, ja: str) -> list[str]:
        pairs = [(lang, value) for lang, value in (("en", en), ("ja", ja)) if value.strip()]
        if not pairs:
            return []
        return [f"{key}:", *(f"  {lang}: {json.dumps(v, ensure_ascii=False)}" for lang, v in pairs)]

    lines = [
        *localized("title", new.title_en, new.title_ja),
        f"kind: {json.dumps(new.kind)}",
        *localized("description", new.description_en, new.description_ja),
    ]
    if new.sources:
        lines.append("sources:")
        lines.extend(f"  - url: {json.dumps(url, ensure_ascii=False)}" for url in new.sources)
    return "\n".join(lines) + "\n"


def _refuse_existing(folder: Path, meta: Meta, root: Path) -> None:
    """Refuse a version and language that are already in the document, under any date."""
    suffix = f"-{meta.version}.{meta.language}.md"
    if not folder.is_dir():
        return
    for existing in sorted(folder.iterdir()):
        if existing.name[10:] == suffix:
            raise EditorError(
                f"{relative(existing, root)} already exists: version '{meta.version}' of "
                f"'{meta.document}' in '{meta.language}' (expected a new version id; nothing "
                "was changed)"
            )


def _validate(
    root: Path, drafts: str, shown: str, kind: DocumentKind, files: list[tuple[str, bytes]]
) -> None:
    """Validate the draft alone, then drafts/ with it in place; only new errors count."""
    path, data = files[-1]
    _, problems, _ = read_draft(data, shown, kind)
    if problems:
        raise ValidationError(problems)
    before = {str(p) for p in errors_only(validate_paths(root, []).problems)}
    with tempfile.TemporaryDirectory(prefix="lawtrack-add-") as scratch:
        shutil.copytree(root / drafts, Path(scratch) / drafts, symlinks=False)
        for rel, content in files:
            (Path(scratch) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(scratch) / rel).write_bytes(content)
        after = errors_only(validate_paths(Path(scratch), []).problems)
    new = [_shown_as(p, path, shown) for p in after if str(p) not in before]
    if new:
        raise ValidationError(new)


def _shown_as(problem: Problem, path: str, shown: str) -> Problem:
    if problem.path != path:
        return problem
    return Problem(shown, problem.line, problem.message, problem.expected, problem.severity)


def _write_new(root: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    """Write each file atomically; return what was created (files and folders), in order."""
    created: list[Path] = []
    try:
        for rel, data in files:
            target = root / rel
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True)
                created.append(target.parent)
            write_atomic(target, data, overwrite=False)
            created.append(target)
    except BaseException:
        _remove(created)
        raise
    return created


def _remove(created: list[Path]) -> None:
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() else path.unlink()


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write a file so that it is either absent (or as before) or complete, never partial.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the file is
    renamed over `path` (`os.replace`, atomic on POSIX and Windows).

    Raises:
        EditorError: `path` exists and `overwrite` is False, or writing failed.
    """
    if not overwrite and path.exists():
        raise EditorError(f"{path} already exists (nothing was changed)")
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise EditorError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _message(meta: Meta, new: NewDocument | None) -> str:
    lines = [commit_subject(meta.document, meta.version, meta.language), ""]
    if new is not None:
        lines.append(f"New document '{meta.document}' ({new.kind}).")
    lines.append(f"{meta.title} — {meta.stage}, {meta.date.isoformat()}, {meta.status.value}.")
    lines.extend(f"Source: {source.url}" for source in meta.sources)
    return "\n".join(lines) + "\n"


def _page(root: Path, folder: Path, meta: Meta) -> str:
    """The URL of the page the draft will appear on."""
    tails = {f"-{meta.version}.{language}.md" for language in LANGUAGES}
    names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    several = sum(len(n) > 10 and n[10:] in tails for n in names) > 1
    src = urls.version(meta.document, meta.version, meta.language if several else None)
    config = root / "mkdocs.yml"
    found = _SITE_URL_RE.search(config.read_text("utf-8")) if config.is_file() else None
    base = found.group(1).rstrip("/") + "/" if found else "/"
    return base + urls.url_of(src)
