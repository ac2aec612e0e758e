#!/usr/bin/env python3
"""Benchmark the edition build against a plain MkDocs build of the same texts.

    python scripts/benchmark.py [--sizes 10,100,1000,3000] [--runs N] [--out DIR] [--json FILE] [--markdown FILE]
                                [--material-limit N] [--edit-loop 100,1000] [--edit-runs K]

For each size N: a corpus of N cables (the first N real Cablegate cables in name
order, generated ones beyond the real corpus) plus the seed documents; then, each in
its own child process, the preprocessing alone, our `mkdocs build`, and a plain
`mkdocs build` of the same texts; with --runs N, each of them N times in rounds, and
the median time is reported (single timings on a shared machine vary by tens of
percent). Peak memory is the highest sum over a child and its descendants (Pagefind,
workers). Where our build chose Pagefind, it is built again with Material's search,
up to --material-limit cables. With --edit-loop, for each of those sizes, the time
from saving a source to `mkdocs serve --dirty` serving its new page, K times (the
default sizes are then left out unless --sizes is given). Writes Markdown tables (to
stdout unless --markdown) and, with --json, every figure.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmarking.editloop import RUNS, EditLoop, EditLoopFailed, measure_edit_loop  # noqa: E402
from benchmarking.report import machine, to_json, to_markdown  # noqa: E402
from benchmarking.runner import MATERIAL_LIMIT, BuildFailed, Measurement, measure_size  # noqa: E402
from benchmarking.sites import ROOT  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "cablegate-2010"
DEFAULT_SIZES = [10, 100, 300, 1000, 3000]


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers separated by commas: {text!r}") from e
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be at least 1: {text!r}")
    return sizes


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmark.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=_sizes, help="numbers of cables (default: 10,100,300,1000,3000; none with --edit-loop)"
    )
    parser.add_argument("--out", type=Path, help="working folder, kept (default: a temporary folder, removed)")
    parser.add_argument("--json", type=Path, help="write every figure as JSON to this file")
    parser.add_argument("--markdown", type=Path, help="write the tables to this file (default: stdout)")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ.get("EDITION_CORPUS", DEFAULT_CORPUS)),
        help="folder of real cables (default: $EDITION_CORPUS or ../shared/corpus/cablegate-2010)",
    )
    parser.add_argument("--real-limit", type=int, help="use at most this many real cables; generate the rest")
    parser.add_argument("--profile", action="store_true", help="also profile the preprocessing (OUT/nN/prep.prof)")
    parser.add_argument("--runs", type=int, default=1, help="time every build this many times; report the median")
    parser.add_argument(
        "--material-limit",
        type=int,
        default=MATERIAL_LIMIT,
        help=f"above this many cables, skip our build with Material's search (default {MATERIAL_LIMIT})",
    )
    parser.add_argument(
        "--edit-loop", type=_sizes, default=[], metavar="SIZES", help="measure the edit loop at these numbers of cables"
    )
    parser.add_argument("--edit-runs", type=int, default=RUNS, help=f"edits per edit-loop size (default {RUNS})")
    return parser


def _say(message: str) -> None:
    """Progress on a terminal only; quiet when standard error is piped or logged."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace, work: Path) -> tuple[list[Measurement], list[EditLoop]]:
    sizes = args.sizes if args.sizes is not None else [] if args.edit_loop else DEFAULT_SIZES
    rows = [
        measure_size(
            size,
            work / f"n{size}",
            args.corpus,
            ROOT / "seeds",
            args.real_limit,
            args.profile,
            _say,
            args.runs,
            args.material_limit,
        )
        for size in sizes
    ]
    loops = [
        measure_edit_loop(
            size, work / f"edit-n{size}", args.corpus, ROOT / "seeds", args.real_limit, args.edit_runs, _say
        )
        for size in args.edit_loop
    ]
    return rows, loops


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus folder not found: {args.corpus} (set EDITION_CORPUS or --corpus)", file=sys.stderr)
        return 2
    if args.edit_runs < 1:
        print(f"error: --edit-runs must be at least 1: {args.edit_runs!r}", file=sys.stderr)
        return 2
    try:
        if args.out is not None:
            rows, loops = run(args, args.out)
        else:
            with tempfile.TemporaryDirectory(prefix="edition-benchmark-") as folder:
                rows, loops = run(args, Path(folder))
    except (BuildFailed, EditLoopFailed) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    host = machine()
    markdown = to_markdown(rows, host, loops)
    if args.markdown is not None:
        args.markdown.write_text(markdown, encoding="utf-8")
    else:
        sys.stdout.write(markdown)
    if args.json is not None:
        args.json.write_text(to_json(rows, host, loops), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
