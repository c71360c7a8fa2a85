"""Measure lawtrack against baselines in one run: site builds, rebuilds, comparisons.

Usage (from the project root, with the package installed):

    python scripts/bench.py --json                 # everything, defaults sized for a few minutes
    python scripts/bench.py --articles 1000 --versions 10 --json   # the issue's large corpus
    python scripts/bench.py compare --articles 1000 --json        # align + diff only

Without a subcommand it builds, in a temporary folder: the shipped project (a clone of this
repository with the working tree's drafts) and a synthetic one of N articles x V versions in
Japanese and English (scripts/synthetic_corpus.py), each with the tracker (`mkdocs build`, a
cold cache, then warm) and as plain Material (`lawtrack generate`, then `mkdocs build` without
the plugin); then a rebuild after editing one draft, done the way `mkdocs serve` rebuilds (same
plugin instance); a build of 2N articles for the scale ratio; and the align + diff of a
1,000-article pair against difflib. It prints a table, or one JSON object with --json
(docs/performance.md explains every key). Progress shows on a terminal only.

`compare` generates a version pair of a bill with N articles in Japanese and in English
(insertions that renumber everything after them, modifications, splits, merges, deletions, and
cross-references re-rendered after renumbering), then times aligning and diffing it (median of
`--repeat` runs, parsing not included) and the largest real pair of the corpus. It also reports
how many generated changes the alignment recovered.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from lawtrack.align import Alignment, ChangeKind, align, units  # noqa: E402
from lawtrack.compare import compare_drafts  # noqa: E402
from lawtrack.pages.compare import FULL_LIMIT  # noqa: E402
from synthetic import parse, synthetic_texts  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lawtrack.model import Draft

DEFAULT_ARTICLES = 250
"""N of the default run: a few minutes on a 2-core machine, and N and 2N both above
`FULL_LIMIT`, so that the scale ratio compares pages of the same kind (see `_synthetic`)."""
DEFAULT_VERSIONS = 10


def compare_once(old: Draft, new: Draft) -> tuple[float, Alignment]:
    """Align and diff a pair once; the seconds it took and the alignment."""
    start = time.perf_counter()
    changes = align(units(old.provisions), units(new.provisions), language=old.language)
    alignment = Alignment("synthetic", "v1", "v2", old.language, changes)
    compare_drafts(alignment, old, new)
    return time.perf_counter() - start, alignment


def measure_synthetic(articles: int, language: str, repeat: int) -> dict[str, Any]:
    """Median align + diff time of a synthetic pair and what the alignment found."""
    old_text, new_text, made, truth = synthetic_texts(articles, language)
    old, new = parse(old_text, language, "v1"), parse(new_text, language, "v2")
    runs = [compare_once(old, new) for _ in range(repeat)]
    changes = runs[0][1].changes
    found = {kind.value: sum(c.kind is kind for c in changes) for kind in ChangeKind}
    seen = {(frozenset(c.old), frozenset(c.new)) for c in changes}
    return {
        "seconds": statistics.median(r[0] for r in runs),
        "true_changes": len(truth),
        "missed_changes": len(truth - seen),
        "chars": sum(len(u.text) for u in units(old.provisions))
        + sum(len(u.text) for u in units(new.provisions)),
        "made": made,
        "found": found,
    }


def _largest_pair(corpus: Any) -> tuple[int, Any, Any] | None:
    """The pair of versions with the most characters of unit text, over all documents."""
    best: tuple[int, Any, Any] | None = None
    for document in corpus.documents:
        for i, old in enumerate(document.versions):
            for new in document.versions[i + 1 :]:
                size = sum(
                    len(u.text) for v in (old, new) for d in v.drafts for u in units(d.provisions)
                )
                if best is None or size > best[0]:
                    best = (size, old, new)
    return best


def _time_pair(old: Any, new: Any) -> float:
    """Seconds to align a pair and diff it in every shared language."""
    from lawtrack.align import align_versions

    start = time.perf_counter()
    alignment = align_versions(old, new)
    for draft in old.drafts:
        other = new.draft(draft.language)
        if other is not None:
            compare_drafts(alignment, draft, other)
    return time.perf_counter() - start


def measure_real(repeat: int) -> dict[str, Any]:
    """The largest real version pair's align + diff time, and the whole corpus's (all pairs)."""
    from lawtrack.compare_index import build_index
    from lawtrack.corpus import load_corpus

    corpus = load_corpus(ROOT).corpus
    if corpus is None:
        raise SystemExit("the corpus in drafts/ does not load; run lawtrack validate")
    best = _largest_pair(corpus)
    if best is None:
        return {}
    size, old, new = best
    whole = []
    for _ in range(repeat):
        start = time.perf_counter()
        index = build_index(corpus)
        whole.append(time.perf_counter() - start)
    return {
        "pair": f"{old.document}: {old.version}...{new.version}",
        "chars": size,
        "seconds": statistics.median(_time_pair(old, new) for _ in range(repeat)),
        "all_pairs": len(index.comparisons),
        "all_pairs_seconds": statistics.median(whole),
    }


def compare_command(args: argparse.Namespace) -> dict[str, Any]:
    """The `compare` subcommand: synthetic ja and en pairs, and the largest real pair."""
    result: dict[str, Any] = {"articles": args.articles, "repeat": args.repeat}
    for language in ("ja", "en"):
        result[f"synthetic_{language}"] = measure_synthetic(args.articles, language, args.repeat)
    result[f"compare_{args.articles}_s"] = max(
        result[f"synthetic_{lang}"]["seconds"] for lang in ("ja", "en")
    )
    result["largest_real_pair"] = measure_real(args.repeat)
    return result


def difflib_command(articles: int) -> dict[str, Any]:
    """Our diffs of a synthetic pair against difflib's on the same texts, and timeouts.

    `difflib_ratio`: the diff engines alone on the same token sequences (one character per
    token: characters in Japanese, words in English), `difflib.SequenceMatcher` ÷
    fast-diff-match-patch with semantic cleanup: what choosing the engine gains.
    `difflib_end_to_end_ratio`: every changed pair of the alignment diffed by `diff_texts`
    (tokens, guard, engine, cleanup, mapping back) against difflib on tokens from
    `textnorm.tokens`, tokenising included on both sides, which both need and which dominates
    short Japanese pairs. `degraded` counts diffs that differ from a run without a time limit.
    """
    from lawtrack import diff

    totals: dict[str, float] = {}
    result: dict[str, Any] = {"pairs": 0, "degraded": 0, "slowest_diff_s": 0.0}
    for language in ("ja", "en"):
        texts = _changed_texts(articles, language)
        diff._encoded.cache_clear()  # as cold as difflib: no text tokenised before
        ours = [_timed(diff.diff_texts, a, b, language) for a, b in texts]
        theirs = sum(_timed(_difflib, a, b, language)[0] for a, b in texts)
        codes = [diff._encode_pair(a, b, language)[1::2] for a, b in texts]
        engine = sum(_timed(diff.ENGINES["fast"], a, b, diff.TIMEOUT)[0] for a, b in codes)
        their_engine = sum(_timed(_difflib_codes, a, b)[0] for a, b in codes)
        result["degraded"] += sum(
            d != diff.diff_texts(a, b, language, timeout=1e6)
            for (_, d), (a, b) in zip(ours, texts, strict=True)
        )
        result["pairs"] += len(texts)
        result["slowest_diff_s"] = max(result["slowest_diff_s"], *(t for t, _ in ours))
        ours_s = sum(t for t, _ in ours)
        result[f"difflib_end_to_end_ratio_{language}"] = round(theirs / ours_s, 1)
        result[f"difflib_ratio_{language}"] = round(their_engine / engine, 1)
        for key, value in (("ours", ours_s), ("difflib", theirs), ("engine", engine)):
            totals[key] = totals.get(key, 0.0) + value
        totals["difflib_engine"] = totals.get("difflib_engine", 0.0) + their_engine
    result["ours_s"], result["difflib_s"] = round(totals["ours"], 3), round(totals["difflib"], 3)
    result["difflib_end_to_end_ratio"] = round(totals["difflib"] / totals["ours"], 1)
    result["difflib_ratio"] = round(totals["difflib_engine"] / totals["engine"], 1)
    result["engine_s"] = round(totals["engine"], 3)
    result["difflib_engine_s"] = round(totals["difflib_engine"], 3)
    result["slowest_diff_s"] = round(result["slowest_diff_s"], 4)
    return result


def _changed_texts(articles: int, language: str) -> list[tuple[str, str]]:
    """The old and new texts of every changed unit of a synthetic pair."""
    from lawtrack.compare import side_text

    old_text, new_text, _, _ = synthetic_texts(articles, language)
    old, new = parse(old_text, language, "v1"), parse(new_text, language, "v2")
    olds, news = {p.id: p for p in old.provisions}, {p.id: p for p in new.provisions}
    changes = align(units(old.provisions), units(new.provisions), language=language)
    texts = [(side_text(olds, c.old), side_text(news, c.new)) for c in changes]
    return [(a, b) for a, b in texts if a != b]


def _timed(function: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def _difflib_codes(old: str, new: str) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _difflib(old: str, new: str, language: str) -> Sequence[tuple[str, int, int, int, int]]:
    from lawtrack.textnorm import tokens

    _, old_keys = tokens(old, language)
    _, new_keys = tokens(new, language)
    return difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()


def site_command(args: argparse.Namespace) -> dict[str, Any]:
    """Everything, in one run (see the module docstring)."""
    import bench_site as site

    n, v = args.articles, args.versions
    result: dict[str, Any] = {"articles": n, "versions": v, "machine": _machine()}
    result["machine"]["bytecode_compiled"] = site.compile_package()
    steps = _Steps(4 if args.no_shipped else 5)
    with tempfile.TemporaryDirectory(prefix="lawtrack-bench-") as folder, steps as step:
        where = Path(folder)
        if not args.no_shipped:
            step("shipped corpus: tracker and plain builds")
            shipped = site.shipped_project(where)
            result["shipped"] = site.measure_project(shipped, repeat=args.shipped_repeat)
        result.update(_synthetic(where, n, v, step))
        step(f"align + diff of a {args.compare_articles}-article pair, and difflib")
        compared = compare_command(argparse.Namespace(articles=args.compare_articles, repeat=3))
        result["compare_1000_s"] = compared[f"compare_{args.compare_articles}_s"]
        result["compare"] = {**compared, **difflib_command(args.compare_articles)}
        result["difflib_ratio"] = result["compare"]["difflib_ratio"]
        result["difflib_end_to_end_ratio"] = result["compare"]["difflib_end_to_end_ratio"]
    result["targets"] = targets(result)
    return result


def _synthetic(where: Path, n: int, v: int, step: _Steps) -> dict[str, Any]:
    """Builds of N x V (tracker, plain, serve rebuild) and of 2N x V (tracker, for scale)."""
    import bench_site as site

    step(f"synthetic {n} x {v}: tracker and plain builds")
    project, drafts = site.synthetic_project(where, n, v)
    result = site.measure_project(project)
    step("rebuild after editing one draft, as mkdocs serve does")
    result.update(site.measure_rebuild(project, drafts[-2]))  # the newest version, Japanese
    result["rebuild_ratio"] = round(result["rebuild_s"] / result["plain_build_s"], 3)
    step(f"synthetic {2 * n} x {v}: tracker and plain builds")
    double, _ = site.synthetic_project(where, 2 * n, v)
    build = site.mkdocs_build(double / "mkdocs.yml", double / "site")
    result["scale"] = {"articles": 2 * n, "build_s": round(build.seconds, 2)}
    result["scale"]["peak_rss_mb"] = round(build.peak_rss_mb, 1)
    result["scale"]["peak_pss_mb"] = round(build.peak_pss_mb, 1)
    result["scale"].update(site.site_stats(double / "site"))
    site.generate(double, double / "plain")
    plain = site.mkdocs_build(double / "plain" / "mkdocs.yml", double / "plain-site")
    result["scale"]["plain_build_s"] = round(plain.seconds, 2)
    result["scale_ratio"] = round(build.seconds / result["build_s"], 3)
    # the same ratio for plain Material on the same Markdown: how much of it is not ours
    result["plain_scale_ratio"] = round(plain.seconds / result["plain_build_s"], 3)
    result["scale"]["same_page_kinds"] = (n > FULL_LIMIT) == (2 * n > FULL_LIMIT)
    return result


def targets(result: dict[str, Any]) -> dict[str, bool | None]:
    """Each target of issue 9: met, not met, or None when this run does not measure it."""
    large = result["articles"] >= 1000 and result["versions"] >= 10
    shipped = result.get("shipped", {}).get("overhead_ratio")
    return {
        "overhead_ratio_shipped<=1.15": shipped <= 1.15 if shipped is not None else None,
        "overhead_ratio_1000x10<=1.3": result["overhead_ratio"] <= 1.3 if large else None,
        # across FULL_LIMIT the 2N corpus gets summary pages: its ratio says nothing of scaling
        "scale_ratio<=2.2": (
            result["scale_ratio"] <= 2.2 if result["scale"]["same_page_kinds"] else None
        ),
        "peak_rss_mb_1000x10<=1024": result["peak_rss_mb"] <= 1024 if large else None,
        "compare_1000_s<=1.0": result["compare_1000_s"] <= 1.0,
        "difflib_ratio>=10": (result["difflib_ratio"] or 0) >= 10,
        "no_degraded_diffs": result["compare"]["degraded"] == 0,
        "rebuild_s<=1.2*plain_build_s": result["rebuild_ratio"] <= 1.2,
    }


def _machine() -> dict[str, Any]:
    from lawtrack import workers

    return {
        "cpus": os.cpu_count(),
        "processes": workers.jobs(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


class _Steps:
    """A progress bar over the steps, on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, -1
        self.bar: Any = None

    def __enter__(self) -> _Steps:
        if sys.stderr.isatty():
            import click

            self.bar = click.progressbar(length=self.total, label="lawtrack bench", file=sys.stderr)
            self.bar.__enter__()
        return self

    def __call__(self, label: str) -> None:
        """Start the next step."""
        self.done += 1
        if self.bar is not None:
            self.bar.label = label
            self.bar.update(self.done - self.bar.pos)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.update(self.total - self.bar.pos)
            self.bar.__exit__(*exc)


def print_table(result: dict[str, Any], prefix: str = "") -> None:
    """The result as a two-column table (nested objects flattened with dots)."""
    for key, value in result.items():
        if isinstance(value, dict):
            print_table(value, f"{prefix}{key}.")
        else:
            print(f"{prefix + key:<48} {value}")


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print them (JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="N articles")
    parser.add_argument("--versions", type=int, default=DEFAULT_VERSIONS, help="V versions")
    parser.add_argument("--compare-articles", type=int, default=1000)
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped corpus")
    parser.add_argument(
        "--shipped-repeat", type=int, default=5, help="cold and plain builds of the shipped site"
    )
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(run=site_command)
    commands = parser.add_subparsers(dest="command")
    compare = commands.add_parser(
        "compare", help="align + diff of a synthetic pair and the largest real pair"
    )
    compare.add_argument("--articles", type=int, default=1000)
    compare.add_argument("--repeat", type=int, default=5)
    compare.add_argument("--json", action="store_true")
    compare.set_defaults(run=compare_command)
    args = parser.parse_args(argv)
    result = args.run(args)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
