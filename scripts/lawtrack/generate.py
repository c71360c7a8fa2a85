"""`lawtrack generate --out DIR`: the site as plain files, for engines that run no plugins.

Writes everything a plain Material build needs into DIR: the generated pages and files, the
hand-written pages of docs/ with their `<!-- lawtrack:… -->` directives filled, the theme's
`custom_dir`, and a `mkdocs.yml` without the lawtrack plugin (`siteconfig.plain_config`). Only
files whose bytes changed are written, and files an earlier run wrote that are no longer
generated are removed; a manifest in DIR (`MANIFEST`) records what was written. This is the
exit path from a Material in maintenance mode (DESIGN.md) and the baseline of scripts/bench.py.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lawtrack.errors import LawtrackError, ValidationError, errors_only
from lawtrack.siteconfig import (
    fill_directives,
    hidden_patterns,
    plain_config,
    plugin_options,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from lawtrack.analysis import Analysis
    from lawtrack.model import Corpus
    from lawtrack.pages import Site

    Progress = Callable[[int, int], None]
    """Called as (files done, files in all) while files are compared and written."""

MANIFEST = ".lawtrack-generate.json"
"""The list of files written by the last run, relative to DIR."""


@dataclass(frozen=True, slots=True)
class Report:
    """What one run did."""

    written: tuple[str, ...]
    """Files created or changed, relative to DIR."""
    removed: tuple[str, ...]
    """Files of an earlier run that are no longer generated."""
    unchanged: int
    """Files left as they were."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """A project's drafts, what was computed from them, and the site rendered from that."""

    corpus: Corpus
    analysis: Analysis
    site: Site


def render_project(
    root: Path, *, drafts: str = "drafts", site_url: str = "", previous: Analysis | None = None
) -> Rendered:
    """Read, check, analyse and render a project's drafts: what the plugin adds to a build.

    Args:
        root: The project root.
        drafts: The drafts folder, relative to `root`.
        site_url: The site's address (feeds link to it).
        previous: The previous build's analysis in this process, to reuse its comparisons.

    Raises:
        ValidationError: Invalid drafts, or notes that do not match the lineages.
        LawtrackError: Any other failure (git, rendering).
    """
    from lawtrack.analysis import analyze
    from lawtrack.corpus import load_corpus
    from lawtrack.diff import release_memos
    from lawtrack.pages import render_site

    result = load_corpus(root, drafts)
    if result.corpus is None or errors_only(result.problems):
        raise ValidationError(errors_only(result.problems) or result.problems)
    analysis = analyze(result.corpus, root=root, previous=previous)
    if errors_only(analysis.problems):  # notes.yml checked against the lineages
        raise ValidationError(errors_only(analysis.problems))
    site = render_site(result.corpus, analysis, site_url=site_url)
    release_memos()  # everything is diffed; MkDocs converts pages next
    return Rendered(result.corpus, analysis, site)


def read_config(root: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as plain data.

    Raises:
        LawtrackError: When it cannot be read as plain YAML (tags such as `!ENV` included).
    """
    from lawtrack.project import CONFIG_NAMES
    from lawtrack.yamlio import load

    path = next((root / n for n in CONFIG_NAMES if (root / n).is_file()), root / CONFIG_NAMES[0])
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LawtrackError(f"cannot read {path}: {error.strerror}") from None
    doc, problems = load(text, path.name)
    if doc is None or not isinstance(doc.data, dict):
        detail = "; ".join(str(p) for p in problems) or "not a mapping"
        raise LawtrackError(f"cannot copy {path.name} for a plain build: {detail}")
    return doc.data


def outputs(root: Path, site: Site, config: Mapping[str, Any]) -> dict[str, bytes]:
    """Every file of DIR by its path relative to DIR (the manifest itself aside)."""
    from lawtrack.yamlio import dump

    docs_dir = root / str(config.get("docs_dir") or "docs")
    files: dict[str, bytes] = {}
    hand_written = _tree(docs_dir)
    for name, data in hand_written.items():
        if name.endswith(".md"):
            text = fill_directives(data.decode("utf-8"), name, site.directives)
            data = text.encode("utf-8")
        files[f"docs/{name}"] = data
    for src, data in [(p.src, p.markdown.encode("utf-8")) for p in site.pages] + [
        (f.src, f.content) for f in site.files
    ]:
        if src in hand_written:
            raise LawtrackError(f"{docs_dir.name}/{src} would hide a generated page; remove it")
        files[f"docs/{src}"] = data
    hidden = hidden_patterns(site.pages, [n for n in hand_written if n.endswith(".md")])
    plain = plain_config(config, list(site.nav), hidden)
    files.update(_theme_overrides(root, plain))
    header = "# Written by `lawtrack generate`: the site without the lawtrack plugin.\n"
    files["mkdocs.yml"] = (header + dump(plain)).encode("utf-8")
    return files


def _theme_overrides(root: Path, plain: dict[str, Any]) -> dict[str, bytes]:
    """The files of the theme's `custom_dir`, copied beside the plain config.

    A `custom_dir` outside the project is not copied: the plain config names it where it is.
    """
    theme = plain.get("theme")
    if not isinstance(theme, dict) or not theme.get("custom_dir"):
        return {}
    custom = PurePosixPath(str(theme["custom_dir"]))
    if custom.is_absolute() or ".." in custom.parts:
        plain["theme"] = {**theme, "custom_dir": str((root / custom).resolve())}
        return {}
    return {f"{custom}/{name}": data for name, data in _tree(root / custom).items()}


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative POSIX path, in sorted order."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def generate(
    root: Path, out: Path, *, site: Site | None = None, progress: Progress | None = None
) -> Report:
    """Write the plain site of a project into `out`, touching only files that changed.

    Args:
        root: The project root (the folder of mkdocs.yml).
        out: The folder to write; created if missing. It must be empty or written by an earlier
            run (it holds the manifest), and may not be the project or lie in docs/.
        site: The rendered site, when the caller has it already (default: rendered here).
        progress: Told how many files have been compared and written.

    Raises:
        LawtrackError: Unusable drafts, config or output folder.
    """
    config = read_config(root)
    check_out(root, out, config)
    if site is None:
        site = render_project(
            root,
            drafts=str(plugin_options(config).get("drafts_dir", "drafts")),
            site_url=str(config.get("site_url") or ""),
        ).site
    return write_files(out, outputs(root, site, config), progress)


def check_out(root: Path, out: Path, config: Mapping[str, Any]) -> None:
    """Refuse an output folder that would overwrite the project or someone's files."""
    target, project = out.resolve(), root.resolve()
    docs = (project / str(config.get("docs_dir") or "docs")).resolve()
    if target == project or target in project.parents or docs == target or docs in target.parents:
        raise LawtrackError(
            f"cannot generate into {out} (expected a folder outside docs/ and not the project "
            "itself, e.g. generated/)"
        )
    if target.is_file():
        raise LawtrackError(f"{out} is a file (expected a folder)")
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise LawtrackError(
            f"{out} is not empty and was not written by lawtrack generate "
            f"(expected an empty folder or one with {MANIFEST})"
        )


def write_files(out: Path, files: Mapping[str, bytes], progress: Progress | None = None) -> Report:
    """Write `files` under `out` where the bytes differ; remove the last run's other files."""
    previous = _read_manifest(out)
    written: list[str] = []
    for done, name in enumerate(sorted(files), start=1):
        path = out / name
        data = files[name]
        if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, data)
            written.append(name)
        if progress is not None:
            progress(done, len(files))
    removed = sorted(set(previous) - set(files))
    for name in removed:
        (out / name).unlink(missing_ok=True)
        _prune(out, (out / name).parent)
    manifest = json.dumps({"files": sorted(files)}, indent=0).encode("utf-8") + b"\n"
    if not (out / MANIFEST).is_file() or (out / MANIFEST).read_bytes() != manifest:
        _write_atomic(out / MANIFEST, manifest)
    return Report(tuple(written), tuple(removed), len(files) - len(written))


def _read_manifest(out: Path) -> list[str]:
    """The files of the last run, each checked to be a plain path inside `out`."""
    try:
        names = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    safe = []
    for name in names if isinstance(names, list) else []:
        parts = Path(str(name)).parts
        if parts and not Path(str(name)).is_absolute() and ".." not in parts:
            safe.append(str(name))
    return safe


def _prune(out: Path, folder: Path) -> None:
    """Remove empty folders from `folder` up to (not including) `out`."""
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; a web server must read these files
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
