#!/usr/bin/env python3
"""Search at scale: Material's search against Pagefind, in headless Chromium.

    python scripts/benchmark_search.py [--sizes 1000,3000] [--query Baku] [--json FILE]

For each size N, builds the edition of N cables (as scripts/benchmark.py does) twice,
with Material's search and with EDITION_SEARCH=pagefind, then measures on each how
long after a cold page load the first result of the query appears and how many bytes
the search fetched: the median of several cold loads, each in a new browser (after
one load not counted, which fills the server's cache of compressed pages), after
the build's writes have reached the disk (a measurement taken while the system still
writes the site out can take twice as long); and the documents index of each size:
its weight and how soon it is interactive. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmarking.corpus import make_corpus  # noqa: E402
from benchmarking.search import IndexTiming, SearchTiming, measure, measure_index, served  # noqa: E402
from benchmarking.sites import ROOT, environment, mkdocs_build, our_project  # noqa: E402

DEFAULT_CORPUS = Path(os.environ.get("EDITION_CORPUS", ROOT.parent / "shared" / "corpus" / "cablegate-2010"))


def build(work: Path, corpus: Path, engine: str) -> Path:
    config = our_project(work / engine)
    env = dict(environment(corpus), EDITION_SEARCH=engine)
    subprocess.run(mkdocs_build(config), cwd=config.parent, env=env, check=True, capture_output=True)
    return config.parent / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmark_search.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000", help="numbers of cables, comma-separated")
    parser.add_argument("--query", default="Baku", help="the query typed after the page loads")
    parser.add_argument("--runs", type=int, default=3, help="cold loads per site; the median is reported")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    parser.add_argument("--engines", default="material,pagefind", help="search engines to measure, comma-separated")
    args = parser.parse_args(argv)
    rows: list[tuple[int, SearchTiming]] = []
    indexes: list[IndexTiming] = []
    with tempfile.TemporaryDirectory(prefix="edition-search-") as folder:
        for size in [int(s) for s in args.sizes.split(",")]:
            work = Path(folder) / f"n{size}"
            make_corpus(work / "corpus", size, DEFAULT_CORPUS, ROOT / "seeds")
            for engine in args.engines.split(","):
                site = build(work, work / "corpus", engine)
                if hasattr(os, "sync"):  # not on Windows
                    os.sync()
                with served(site) as url:
                    # A first load, not counted, leaves the server's compressed copies
                    # in its cache, as a host's cache holds them for a published site.
                    measure(url, engine, args.query)
                    timings = [measure(url, engine, args.query) for _ in range(max(1, args.runs))]
                    median = statistics.median_low(t.first_result_s for t in timings)
                    rows.append((size, next(t for t in timings if t.first_result_s == median)))
                    if engine == "pagefind":  # the documents index is the same with either engine
                        measure_index(site, url)
                        runs = [measure_index(site, url) for _ in range(max(1, args.runs))]
                        indexes.append(sorted(runs, key=lambda t: t.interactive_s)[(len(runs) - 1) // 2])
    print("| cables | search | first result after load (s) | requested by then (KiB) | fetched in all (KiB) |")
    print("|---:|---|---:|---:|---:|")
    for size, timing in rows:
        print(
            f"| {size:,} | {timing.engine} | {timing.first_result_s:.2f} "
            f"| {timing.first_result_bytes / 1024:,.0f} | {timing.search_bytes / 1024:,.0f} |"
        )
    print()
    print(
        "| documents | index HTML (KiB) | compressed (KiB) | interactive after navigation (s) | narrowed by a word (s) |"
    )
    print("|---:|---:|---:|---:|---:|")
    for index in indexes:
        print(
            f"| {index.rows:,} | {index.html_bytes / 1024:,.0f} | {index.compressed_bytes / 1024:,.0f} "
            f"| {index.interactive_s:.2f} | {index.filter_s:.2f} |"
        )
    if args.json:
        figures = {"search": [{"cables": s, **asdict(t)} for s, t in rows], "index": [asdict(i) for i in indexes]}
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
