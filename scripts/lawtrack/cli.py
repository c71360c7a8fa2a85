"""The `lawtrack` command line: a thin click layer over the package.

The only module that imports click and the only one that exits the process. Each command
delegates to a library function and turns `LawtrackError` into a one-line message and exit 1.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from lawtrack.errors import LawtrackError, Problem, errors_only
from lawtrack.project import find_root

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from lawtrack.model import CommitRef, Provenance


class _Failure(click.ClickException):
    """Exit 1 with `lawtrack: error: …` and no traceback."""

    exit_code = 1

    def show(self, file: object = None) -> None:
        click.echo(f"lawtrack: error: {self.message}", err=True)


class _Group(click.Group):
    """A group that reports the library's errors as one line and exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except LawtrackError as error:
            raise _Failure(str(error)) from None


def _root(ctx: click.Context) -> Path:
    root = ctx.obj.get("root") if ctx.obj else None
    if root is None:
        try:
            root = find_root()
        except LawtrackError as error:
            raise _Failure(str(error)) from None
    return Path(root)


def _report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'lawtrack COMMAND --help' for the options and an example of each command.",
)
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Project folder (default: the nearest folder upward with mkdocs.yml).",
)
@click.version_option(package_name="lawtrack")
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """Track versions of AI legislation texts: validate, show, compare and publish them."""
    ctx.ensure_object(dict)
    ctx.obj["root"] = root


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="List every untagged unit and every unresolved in-text reference.",
)
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], verbose: bool) -> None:
    r"""Check drafts: front matter, structure, notes and measures.

    PATHS are draft files or folders (default: the whole drafts/ folder). Every problem is
    listed as `path:line: what is wrong (expected …)`. Exits 0 when valid, 1 when not.
    Warnings (units without a reviewed measure tag: one line per document, each unit with
    --verbose) do not make the drafts invalid.

    \b
    Example:
      lawtrack validate
      lawtrack validate drafts/ai-law/2025-06-04-promulgated.ja.md
    """
    from lawtrack.validate import validate_paths

    root = _root(ctx)
    with _progress("checking") as progress:
        report = validate_paths(root, list(paths), verbose=verbose, progress=progress)
    _report(report.problems)
    errors = errors_only(report.problems)
    if errors:
        click.echo(f"{len(errors)} error(s) in {report.summary}", err=True)
        sys.exit(1)
    warnings = len(report.problems) - len(errors)
    click.echo(f"valid: {report.summary}" + (f", {warnings} warning(s)" if warnings else ""))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text", "markdown"]),
    default="text",
    show_default=True,
)
@click.pass_context
def show(ctx: click.Context, file: Path, fmt: str) -> None:
    r"""Print the provisions of one draft.

    The JSON format is the parse output contract: one object with path, document, version,
    language and the flat list of provisions (id, kind, number, caption, parent, line,
    deleted, text). The markdown format writes the parse back as a draft file, which parses
    to the same provisions (docs/quality.md).

    \b
    Example:
      lawtrack show drafts/ai-law/2025-06-04-promulgated.ja.md --format json
    """
    from lawtrack.corpus import document_kind, load_draft
    from lawtrack.render_text import draft_outline, draft_to_json
    from lawtrack.serialize import draft_markdown

    root = _root(ctx)
    kind, problems = document_kind(file, root)
    draft, problems = load_draft(file, root, kind) if kind else (None, problems)
    if draft is None or kind is None:
        _report(problems)
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(draft_to_json(draft), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(draft_markdown(draft, kind), nl=False)
    else:
        click.echo(draft_outline(draft))


@main.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@click.pass_context
def compare(ctx: click.Context, old: Path, new: Path, fmt: str) -> None:
    r"""Compare two versions of a draft, provision by provision.

    Lists what is unchanged, modified, added, removed, split and merged, with a redline of
    each change. The JSON format is the compare output contract. Exits 0 when compared, 1
    when a draft is invalid, 2 on wrong usage.

    \b
    Example:
      lawtrack compare drafts/ai-law/2025-02-28-cabinet-bill.ja.md \
                       drafts/ai-law/2025-06-04-promulgated.ja.md --format json
    """
    from lawtrack.compare import to_json, to_text
    from lawtrack.compare_files import compare_files

    comparison, problems = compare_files(old, new, _root(ctx))
    if comparison is None:
        _report(problems)
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(to_json(comparison), ensure_ascii=False, indent=2))
    else:
        click.echo(to_text(comparison, color=True), nl=False)


def _problems_or_error(error: LawtrackError) -> None:
    """Report a library error: validation problems one per line, anything else as one line."""
    from lawtrack.errors import ValidationError

    if isinstance(error, ValidationError):
        _report(error.problems)
        click.echo(f"{len(errors_only(error.problems))} error(s); nothing was changed", err=True)
        sys.exit(1)
    raise _Failure(str(error))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-commit", is_flag=True, help="Write the file into drafts/ but do not commit.")
@click.option("--new-document", is_flag=True, help="The document is new: write its document.yml.")
@click.option(
    "--kind", type=click.Choice(["bill", "guidelines", "framework"]), help="New document."
)
@click.option("--title-en", default="", help="New document: English title.")
@click.option("--title-ja", default="", help="New document: Japanese title.")
@click.option("--description-en", default="", help="New document: English description.")
@click.option("--description-ja", default="", help="New document: Japanese description.")
@click.option("--document-source", multiple=True, help="New document: an official page (URL).")
@click.pass_context
def add(
    ctx: click.Context, /, file: Path, no_commit: bool, new_document: bool, **meta: Any
) -> None:
    r"""Add a new version of a document: validate, place, write atomically, commit.

    FILE is a draft anywhere on disk. It goes to drafts/<document>/<date>-<version>.<lang>.md
    as its front matter says, and is committed alone (message 'Add <document> <version>
    (<lang>)' and its source URL) with your git identity; other staged or unstaged changes
    stay as they are. Nothing is written or committed when anything is wrong.

    \b
    Example:
      lawtrack add ~/new/2026-06-01-amended.ja.md
      lawtrack add draft.md --new-document --kind bill --title-en "…" --title-ja "…"
    """
    from lawtrack.editor import NewDocument, add_draft

    root = _root(ctx)
    document = None
    if new_document:
        if not meta["kind"]:
            raise click.UsageError("--new-document needs --kind and --title-en or --title-ja")
        sources = tuple(meta.pop("document_source") or ())
        document = NewDocument(sources=sources, **meta)
    try:
        added = add_draft(root, file, commit=not no_commit, new_document=document)
    except LawtrackError as error:
        _problems_or_error(error)
        return
    click.echo(f"added {added.path}: {added.document} {added.version} ({added.language})")
    if added.document_file:
        click.echo(f"added {added.document_file}: new document '{added.document}'")
    if added.commit is not None:
        click.echo(f"committed {added.commit.short} '{added.message}' by {added.commit.author}")
    else:
        click.echo("not committed (--no-commit)")
    click.echo(f"source: {added.source}")
    click.echo(f"page: {added.page} (after the next build)")


@main.group(name="import", cls=_Group)
def import_() -> None:
    r"""Convert an official text into a draft.

    \b
    Example:
      lawtrack import egov law.xml --document ai-law --version promulgated --date 2025-06-04 \
        --stage 公布 --source https://laws.e-gov.go.jp/law/507AC0000000053 -o draft.ja.md
    """


@import_.command(name="egov")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--document", required=True, help="The document slug, e.g. ai-law.")
@click.option("--version", "version", required=True, help="The version id, e.g. promulgated.")
@click.option("--date", required=True, type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD.")
@click.option("--stage", required=True, help="Where the text stands, e.g. 公布.")
@click.option("--source", required=True, help="The official source URL (the e-Gov page).")
@click.option("--source-title", default="", help="A title for the source link.")
@click.option("--title", default="", help="Title (default: the law's title and number).")
@click.option("--retrieved", type=click.DateTime(["%Y-%m-%d"]), help="When it was downloaded.")
@click.option("--presented-by", default="", help="Who presented or published the text.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
def import_egov(file: Path, output: Path | None, **options: Any) -> None:
    r"""Convert e-Gov standard law XML (法令標準XML) into a draft with status 'official'.

    The draft is printed, or written to --output (atomically). It always passes
    'lawtrack validate' and has the ids e-Gov's numbering gives (art-2-2, art-3.p2.i1, ch-1,
    suppl-art-1 …); anything the format cannot hold is an error with the XML line.

    \b
    Example:
      lawtrack import egov law.xml --document ai-law --version promulgated \
        --date 2025-06-04 --stage 公布 --source https://laws.e-gov.go.jp/law/507AC0000000053
    """
    from lawtrack.editor import write_atomic
    from lawtrack.egov import ImportMeta, convert

    for key in ("date", "retrieved"):
        options[key] = options[key].date() if options[key] is not None else None
    try:
        text = convert(file.read_bytes(), str(file), ImportMeta(**options))
        if output is not None:
            write_atomic(output, text.encode("utf-8"))
    except LawtrackError as error:
        _problems_or_error(error)
        return
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {output}; add it with: lawtrack add {output}", err=True)


@main.command(name="provenance")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--at", "revision", default="HEAD", show_default=True, help="Read history up to here."
)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@click.pass_context
def provenance_command(
    ctx: click.Context, files: tuple[Path, ...], revision: str, fmt: str
) -> None:
    r"""Show when draft files were added and last changed in git, and by whom.

    \b
    Example:
      lawtrack provenance drafts/ai-law/2025-06-04-promulgated.ja.md
    """
    from lawtrack.corpus import relative
    from lawtrack.history import provenance

    root = _root(ctx)
    paths = [relative(file, root) for file in files]
    index = provenance(root, paths, revision)
    for path in paths:
        entry = index.get(path)
        if fmt == "json":
            click.echo(json.dumps(_provenance_json(entry), ensure_ascii=False))
            continue
        click.echo(f"{path}: {entry.state.value}")
        for label, ref in (("added", entry.added), ("last changed", entry.changed)):
            if ref is not None:
                click.echo(f"  {label}: {ref.date.isoformat()} by {ref.author} ({ref.short})")


def _provenance_json(entry: Provenance) -> dict[str, Any]:
    def ref(commit: CommitRef | None) -> dict[str, str] | None:
        if commit is None:
            return None
        return {"commit": commit.hexsha, "date": commit.date.isoformat(), "author": commit.author}

    return {
        "path": entry.path,
        "state": entry.state.value,
        "added": ref(entry.added),
        "changed": ref(entry.changed),
        "truncated": entry.truncated,
    }


@contextlib.contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; None (and silence) otherwise.

    Yields a callback taking (done, total); the bar appears at its first call.
    """
    if not sys.stderr.isatty():
        yield None
        return
    with contextlib.ExitStack() as stack:
        bars: list[Any] = []

        def update(done: int, total: int) -> None:
            if not bars:
                bars.append(stack.enter_context(click.progressbar(length=total, label=label)))
            bars[0].update(done - bars[0].pos)

        yield update


def _status(message: str) -> None:
    """A line on stderr about a long step, only when it is a terminal."""
    if sys.stderr.isatty():
        click.echo(message, err=True)


@main.command()
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write (created if missing), e.g. generated/.",
)
@click.pass_context
def generate(ctx: click.Context, out: Path) -> None:
    r"""Write the site as plain files that Material (or Zensical) builds without this plugin.

    OUT gets the generated pages and files, the hand-written pages of docs/ with their
    directives filled, the theme overrides and a mkdocs.yml without the lawtrack plugin. Only
    files whose content changed are written; files an earlier run wrote that are no longer
    generated are removed. A progress bar shows on a terminal.

    \b
    Example:
      lawtrack generate --out generated && cd generated && mkdocs build --strict
    """
    from lawtrack.generate import check_out, read_config
    from lawtrack.generate import generate as generate_site

    root = _root(ctx)
    check_out(root, out, read_config(root))
    _status("lawtrack: reading, comparing and rendering the drafts…")
    try:
        with _progress("writing") as progress:
            report = generate_site(root, out, progress=progress)
    except LawtrackError as error:
        _problems_or_error(error)
        return
    click.echo(
        f"{out}: {len(report.written)} written, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged"
    )
