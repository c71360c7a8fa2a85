"""Site builds for scripts/bench.py: the tracker build against a plain Material build.

Each measurement runs `mkdocs build` in a child process, as a user would, and reads its wall
time and peak memory (`os.wait4`). A project is the shipped one (a clone of this repository with
the working tree's drafts, docs and config, so provenance is read from the real history) or a
synthetic one (`synthetic_corpus`: N articles × V versions in Japanese and English, one commit
per version). The plain build is of the output of `lawtrack generate`: the same Markdown,
Material alone, no lawtrack plugin.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides")
"""What a project needs besides drafts/."""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass(frozen=True, slots=True)
class Run:
    """One child process: wall seconds and peak memory."""

    seconds: float
    peak_rss_mb: float
    """The largest peak resident memory of the process or any process it forked (`wait4`)."""
    peak_pss_mb: float = 0.0
    """The peak of the memory of the process and its workers together, shared pages split
    between them (PSS, sampled ten times a second; 0 where /proc does not say)."""


def run_measured(command: list[str], cwd: Path) -> Run:
    """Run a command, timing it and reading its peak memory (`os.wait4`, and PSS samples)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    sampler = _PssSampler(child.pid)
    sampler.start()
    err = child.stderr.read()
    sampler.stop()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode != 0:
        message = err.decode("utf-8", "replace")[-4000:]
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{message}")
    return Run(seconds, usage.ru_maxrss / 1024, sampler.peak_kb / 1024)  # kilobytes on Linux


class _PssSampler(threading.Thread):
    """The peak, over time, of the summed PSS of a process and its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    """A process and its descendants (Linux /proc; just the process elsewhere)."""
    found, todo = [], [pid]
    while todo:
        here = todo.pop()
        found.append(here)
        try:
            tasks = Path(f"/proc/{here}/task").iterdir()
            todo.extend(int(c) for task in tasks for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def mkdocs_build(config: Path, site: Path) -> Run:
    """`mkdocs build` of a config into `site` (quiet, not strict: synthetic docs may warn)."""
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    return run_measured(command, config.parent)


def generate(project: Path, out: Path) -> Run:
    """`lawtrack generate --out` for a project."""
    cli = "from lawtrack.cli import main; main()"
    command = [sys.executable, "-c", cli, "--root", str(project), "generate"]
    return run_measured([*command, "--out", str(out)], project)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=ENV)


def shipped_project(where: Path) -> Path:
    """A clone of this repository with the working tree's site and drafts copied over it."""
    project = where / "shipped"
    _git("clone", "-q", "--no-hardlinks", str(ROOT), str(project), cwd=where)
    for part in (*PROJECT_PARTS, "drafts"):
        target = project / part
        if target.is_dir():
            shutil.rmtree(target)
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.is_file():
            shutil.copy2(source, target)
    return project


def synthetic_project(where: Path, articles: int, versions: int) -> tuple[Path, list[Path]]:
    """A project with the site's config and docs and one synthetic document, in git."""
    from synthetic_corpus import commit_versions, write_drafts

    project = where / f"synthetic-{articles}x{versions}"
    project.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        elif source.is_file():
            shutil.copy2(source, project / part)
    drafts = write_drafts(project / "drafts", articles, versions)
    commit_versions(project, drafts)
    return project, drafts


def site_stats(site: Path) -> dict[str, Any]:
    """Pages (HTML files of pages), size on disk, and search index bytes per indexed page."""
    html = [p for p in site.rglob("*.html") if p.name != "404.html"]
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    index_bytes = index.stat().st_size if index.is_file() else 0
    pages = len(html)
    return {
        "pages": pages,
        "site_mb": round(size / 1e6, 2),
        "search_index_bytes": index_bytes,
        "search_index_bytes_per_page": round(index_bytes / pages) if pages else 0,
    }


def measure_project(project: Path, repeat: int = 1) -> dict[str, Any]:
    """Cold tracker builds, a warm one, and plain builds of the generated Markdown.

    The builds alternate (tracker, plain, tracker) so that a change in the machine's load
    during the run affects both sides. With `repeat` > 1 the cold and plain builds are run that
    many times each, alternating, and the ratio is of their medians (a build of a few seconds
    varies by a fifth from one run to the next on a shared machine).
    """
    cache = project / ".cache"
    colds, plains = [], []
    made = generate(project, project / "plain")
    for _ in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(mkdocs_build(project / "mkdocs.yml", project / "site"))
        plains.append(mkdocs_build(project / "plain" / "mkdocs.yml", project / "plain-site"))
    stats = site_stats(project / "site")
    warm = mkdocs_build(project / "mkdocs.yml", project / "site")
    cold_s = statistics.median(r.seconds for r in colds)
    plain_s = statistics.median(r.seconds for r in plains)
    result = {
        "build_s": round(cold_s, 2),
        "warm_build_s": round(warm.seconds, 2),
        "plain_build_s": round(plain_s, 2),
        "overhead_ratio": round(cold_s / plain_s, 3),
        "warm_overhead_ratio": round(warm.seconds / plain_s, 3),
        "generate_s": round(made.seconds, 2),
        "peak_rss_mb": round(max(r.peak_rss_mb for r in colds), 1),
        "peak_pss_mb": round(max(r.peak_pss_mb for r in colds), 1),
        "plain_peak_rss_mb": round(max(r.peak_rss_mb for r in plains), 1),
        **stats,
    }
    if repeat > 1:
        result["runs"] = {
            "build_s": [round(r.seconds, 2) for r in colds],
            "plain_build_s": [round(r.seconds, 2) for r in plains],
        }
    return result


def compile_package() -> bool:
    """Byte-compile lawtrack where it is imported from, as pip does for installed packages.

    An editable install is not compiled, and with PYTHONDONTWRITEBYTECODE set (as on the
    machines this is measured on) every build compiled lawtrack's sources again, while
    MkDocs and Material, installed by pip, load compiled code: 0.1 s of a 5-second build.
    """
    import compileall

    import lawtrack

    return bool(compileall.compile_dir(Path(lawtrack.__file__).parent, quiet=1))


def measure_rebuild(project: Path, draft: Path) -> dict[str, Any]:
    """Rebuild after editing one draft, the way `mkdocs serve` rebuilds (see `serve_rebuild`)."""
    command = [sys.executable, str(Path(__file__).resolve()), str(project), str(draft)]
    child = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    if child.returncode != 0:
        raise SystemExit(f"rebuild measurement failed:\n{child.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def edit_draft(draft: Path) -> None:
    """Change one sentence of a draft, as an editor fixing a word would."""
    text = draft.read_text(encoding="utf-8")
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if line and not line.startswith(("#", "-", " "))]
    at = body[len(body) // 2]
    lines[at] = lines[at] + (" 改めて" if draft.name.endswith(".ja.md") else " again")
    draft.write_text("\n".join(lines), encoding="utf-8")


def serve_rebuild(project: Path, draft: Path) -> dict[str, Any]:
    """In this process: build as `mkdocs serve` does, edit `draft`, rebuild, time the rebuild.

    The same sequence as mkdocs/commands/serve.py: the config is loaded again for every build,
    the plugin instance (and what it keeps) survives because it defines `on_startup`, and the
    site is built into a temporary folder with the dev server's URL as site_url.
    """
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    config_file = str(project / "mkdocs.yml")
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    serve_url = "http://127.0.0.1:8000/"
    config.site_url = serve_url
    build(config, serve_url=serve_url)
    edit_draft(draft)
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.site_url = serve_url
    start = time.perf_counter()
    build(config, serve_url=serve_url)
    seconds = time.perf_counter() - start
    plugin = config.plugins["lawtrack"]
    stats = dict(getattr(plugin, "stats", {}))
    shutil.rmtree(site_dir, ignore_errors=True)
    return {
        "rebuild_s": round(seconds, 2),
        "cache_hit_ratio": _ratio(stats.get("cache_hits", 0), stats.get("cache_misses", 0)),
        "page_cache_hit_ratio": _ratio(stats.get("page_hits", 0), stats.get("page_misses", 0)),
        "cache": stats,
    }


def _ratio(hits: int, misses: int) -> float | None:
    return round(hits / (hits + misses), 3) if hits + misses else None


if __name__ == "__main__":  # the child process of `measure_rebuild`
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    print(json.dumps(serve_rebuild(Path(sys.argv[1]), Path(sys.argv[2]))))  # noqa: T201
