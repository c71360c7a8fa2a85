"""Measure search: the real Material worker in Chromium, over index and worker variants.

Usage (from the project root, with the test extras installed and /usr/bin/chromium):

    python scripts/search_bench.py            # Markdown tables on stdout, for docs/search.md

It builds the site once with the index as Material writes it (`lawtrack: search_index: false`),
derives each configuration's index from it, loads Material's search worker (or ours) in a
page of that site, times the index build (READY after SETUP, median of three) and runs the
query table of tests/test_search_browser.py, ranking results as Material shows them (page
link, then the sections that tie the top score; "N more on this page" is folded away).
"""

from __future__ import annotations

import copy
import functools
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from lawtrack.corpus import load_corpus  # noqa: E402
from lawtrack.searchindex import (  # noqa: E402
    KEYS_FIELD,
    SearchPolicy,
    page_url,
    policy_for,
    rewrite_index,
)

OURS = "assets/javascripts/workers/lawtrack-search.js"
SPLITTING = "assets/javascripts/workers/lawtrack-search-splitting.js"
EN_SEPARATOR = r"[\s\-]+"
JA_SEPARATOR = r"[\s\-　、。，．]+"
RUNS = 3

JS = """
async ({index, queries, worker, runs}) => {
  const times = [];
  let out = [];
  for (let run = 0; run < runs; run++) {
    const w = new Worker(worker);
    const next = () => new Promise(r => { w.onmessage = e => r(e.data) });
    const t0 = performance.now();
    let p = next();
    w.postMessage({type: 0, data: {config: index.config, docs: index.docs,
                                   options: {suggest: false}}});
    await p;
    times.push(performance.now() - t0);
    out = [];
    for (const q of queries) {
      p = next(); w.postMessage({type: 2, data: q});
      const res = await p;
      out.push(res.data.items.map(g => g.map(i => [i.location, i.score])));
    }
    w.terminate();
  }
  return {times, out};
}
"""


def build_raw_site(site_dir: Path) -> Path:
    """Build the site with Material's own index (our rewrite off)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins["lawtrack"].config["search_index"] = False
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return site_dir


def visible(groups: list[list[list[Any]]]) -> list[str]:
    """Result locations as Material renders them (see its renderSearchResultItem)."""
    shown: list[str] = []
    for result in groups:
        threshold = result[0][1]
        docs = list(result)
        parent = next(i for i, doc in enumerate(docs) if "#" not in doc[0])
        article = docs.pop(parent)
        cut = next((i for i, doc in enumerate(docs) if doc[1] < threshold), len(docs))
        shown += [article[0], *(doc[0] for doc in docs[:cut])]
    return shown


def variants(raw: dict[str, Any], policy: SearchPolicy) -> dict[str, tuple[dict[str, Any], str]]:
    """Each measured configuration: its index and the worker that runs it."""
    material = "material"

    def config(lang: list[str], separator: str, pipeline: list[str]) -> dict[str, Any]:
        index = copy.deepcopy(raw)
        index["config"].update(lang=lang, separator=separator, pipeline=pipeline)
        return index

    shipped = raw["config"]
    ours = config(shipped["lang"], shipped["separator"], shipped["pipeline"])
    rewritten = rewrite_index(ours, policy)
    no_keys = copy.deepcopy(rewritten)
    for doc in no_keys["docs"]:
        doc.pop(KEYS_FIELD, None)
    return {
        "A `lang: en` (before)": (config(["en"], EN_SEPARATOR, ["stopWordFilter"]), material),
        "B `lang: ja`": (config(["ja"], JA_SEPARATOR, ["stemmer"]), material),
        "C `lang: [ja, en]`, stemmer": (config(["ja", "en"], JA_SEPARATOR, ["stemmer"]), material),
        "D `lang: [en, ja]`, stopWordFilter, our separator": (ours, material),
        "E = D + index rewrite": (rewritten, material),
        "F = E + our worker, Material's Han splitting on": (rewritten, SPLITTING),
        "G = E + our worker, no `keys` field": (no_keys, OURS),
        "H = E + our worker (shipped)": (rewritten, OURS),
    }


def serve(root: Path) -> http.server.ThreadingHTTPServer:
    """Serve a folder on 127.0.0.1 (random port) in a thread."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(site: Path, configs: dict[str, tuple[dict[str, Any], str]], queries: list[str]) -> Any:
    """Run every configuration in Chromium; return {name: (median ms, [visible results])}."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, find_chromium

    material = next(site.glob("assets/javascripts/workers/search.*.min.js")).name
    ours = (site / OURS).read_text(encoding="utf-8")
    (site / SPLITTING).write_text(ours.replace("  keepHanRunsWhole(self.lunr)\n", ""), "utf-8")
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "/404.html")
        for name, (index, worker) in configs.items():
            path = f"assets/javascripts/workers/{material}" if worker == "material" else worker
            url = f"{base}/{path}" + ("" if worker == "material" else f"#{material}")
            arg = {"index": index, "queries": queries, "worker": url, "runs": RUNS}
            result = page.evaluate(JS, arg)
            out[name] = (statistics.median(result["times"]), [visible(g) for g in result["out"]])
        browser.close()
    server.shutdown()
    return out


def size_table(index: dict[str, Any]) -> list[str]:
    """Bytes of index JSON per page: total, pages, mean, largest."""
    per_page: Counter[str] = Counter()
    for doc in index["docs"]:
        per_page[page_url(doc["location"])] += len(json.dumps(doc, ensure_ascii=False).encode())
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
    largest = ", ".join(f"`{p or '/'}` {n:,}" for p, n in per_page.most_common(3))
    return [
        f"{len(text):,} bytes ({len(gzip.compress(text, mtime=0)):,} gzipped), "
        f"{len(index['docs'])} entries, {len(per_page)} pages, "
        f"{sum(per_page.values()) // max(len(per_page), 1):,} bytes per page on average; "
        f"largest: {largest}"
    ]


def main() -> int:
    """Build, measure, print Markdown."""
    from test_search_browser import QUERIES

    result = load_corpus(ROOT, "drafts")
    assert result.corpus is not None, result.problems
    with tempfile.TemporaryDirectory() as tmp:
        site = build_raw_site(Path(tmp) / "site")
        raw_text = (site / "search" / "search_index.json").read_text("utf-8")
        raw = json.loads(raw_text)
        configs = variants(raw, policy_for(result.corpus))
        results = measure(site, configs, [q for q, _ in QUERIES])
    names = list(configs)
    lines = ["| query | " + " | ".join(n.split(" ", 1)[0] for n in names) + " |"]
    lines.append("|---|" + "---|" * len(names))
    hits = Counter[str]()
    for row, (query, expected) in enumerate(QUERIES):
        cells = []
        for name in names:
            shown = results[name][1][row]
            rank = next((i + 1 for i, loc in enumerate(shown) if loc in expected), None)
            hits[name] += bool(rank and rank <= 5)
            cells.append(str(rank) if rank else "–")
        lines.append(f"| {query} | " + " | ".join(cells) + " |")
    lines.append(
        "| **in first five** | " + " | ".join(f"**{hits[n]}/{len(QUERIES)}**" for n in names) + " |"
    )
    lines.append("| index build, ms | " + " | ".join(f"{results[n][0]:.0f}" for n in names) + " |")
    lines += ["", *(f"- {name}" for name in names), ""]
    on_disk = len(raw_text.encode())
    lines += [f"Material's index: {on_disk:,} bytes as written; as UTF-8: {size_table(raw)[0]}"]
    lines += ["Shipped index: " + size_table(configs[names[-1]][0])[0]]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
