"""The `lawtrack` command line: a thin click layer over the package.

The only module that imports click and the only one that exits the process. Each command
delegates to a library function and turns `LawtrackError` into a one-line message and exit 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawtrack.errors import LawtrackError, Problem, errors_only
from lawtrack.project import find_root

if TYPE_CHECKING:
    from collections.abc import Sequence


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
    "--verbose", "-v", is_flag=True, help="Also list notices such as unresolved references."
)
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], verbose: bool) -> None:
    r"""Check drafts: front matter, structure, notes and measures.

    PATHS are draft files or folders (default: the whole drafts/ folder). Every problem is
    listed as `path:line: what is wrong (expected …)`. Exits 0 when valid, 1 when not.

    \b
    Example:
      lawtrack validate
      lawtrack validate drafts/ai-law/2025-06-04-promulgated.ja.md
    """
    from lawtrack.validate import validate_paths

    root = _root(ctx)
    report = validate_paths(root, list(paths), verbose=verbose)
    _report(report.problems)
    errors = errors_only(report.problems)
    if errors:
        click.echo(f"{len(errors)} error(s) in {report.summary}", err=True)
        sys.exit(1)
    click.echo(f"valid: {report.summary}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@click.pass_context
def show(ctx: click.Context, file: Path, fmt: str) -> None:
    r"""Print the provisions of one draft.

    The JSON format is the parse output contract: one object with path, document, version,
    language and the flat list of provisions (id, kind, number, caption, parent, line,
    deleted, text).

    \b
    Example:
      lawtrack show drafts/ai-law/2025-06-04-promulgated.ja.md --format json
    """
    from lawtrack.corpus import load_draft
    from lawtrack.render_text import draft_outline, draft_to_json

    root = _root(ctx)
    draft, problems = load_draft(file, root)
    if draft is None:
        _report(problems)
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(draft_to_json(draft), ensure_ascii=False, indent=2))
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
