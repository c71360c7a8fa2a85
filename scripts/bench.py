"""Measure lawtrack's heavy stages on synthetic and real texts.

Usage (from the project root, with the package installed):

    python scripts/bench.py compare --articles 1000 --json    # align + diff of a synthetic pair
    python scripts/bench.py compare --articles 1000           # the same as a short report

`compare` generates a version pair of a bill with N articles in Japanese and in English
(insertions that renumber everything after them, modifications, splits, merges, deletions, and
cross-references re-rendered after renumbering), then times aligning and diffing it (median of
`--repeat` runs, parsing not included) and the largest real pair of the corpus. It also reports
how many generated changes the alignment recovered. Subcommands are functions of this module so
other measurements (site builds) can be added beside it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from lawtrack.align import Alignment, ChangeKind, align, units  # noqa: E402
from lawtrack.compare import compare_drafts  # noqa: E402
from synthetic import parse, synthetic_texts  # noqa: E402

if TYPE_CHECKING:
    from lawtrack.model import Draft


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


def main(argv: list[str] | None = None) -> int:
    """Run one measurement and print it (JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
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
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
