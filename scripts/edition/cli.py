"""Command line: `python scripts/preprocess.py [--sources DIR] [--out DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build
from .errors import EditionError
from .progress import TerminalProgress
from .report import summary_table

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="preprocess.py", description="Turn primary sources into Markdown pages for the edition."
    )
    parser.add_argument("--sources", type=Path, default=ROOT / "seeds", help="folder of source files (default: seeds/)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="docs folder to write into (default: docs/)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="editorial data folder (default: data/)")
    parser.add_argument(
        "--report",
        action="store_true",
        help="print the summary of the edition report (docs/report.md) and list candidate terms "
        "that have no glossary entry",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    try:
        result = build(args.sources, args.out, args.data, progress=TerminalProgress(), report_terms=args.report)
    except KeyboardInterrupt:
        if args.debug:
            raise
        # The output is never left half written (output.py). On a terminal the line
        # starts after the echoed ^C and any progress counter.
        start = "\n" if sys.stderr.isatty() else ""
        print(f"{start}interrupted: {args.out} holds the previous build or this one, whole", file=sys.stderr)
        return 130
    except EditionError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - the command line reports, --debug shows
        if args.debug:
            raise
        print(f"error: {type(e).__name__}: {e} (run with --debug for the traceback)", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if args.report:
        if result.report is not None:
            print(summary_table(result.report))
            print(f"  (every source in {args.out / 'report.md'} and {args.out / 'report.json'})")
        print(f"Candidate terms without a glossary entry: {len(result.unknown_terms)}")
        for term, documents in result.unknown_terms.items():
            print(f"  {term}: {', '.join(documents)}")
    kinds: dict[str, int] = {}
    for document in result.documents:
        kinds[document.kind] = kinds.get(document.kind, 0) + 1
    summary = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(kinds.items())) or "no documents"
    errors = sum(1 for p in result.problems if p.severity == "error")
    print(
        f"{summary} from {args.sources}; {len(result.written)} files written, "
        f"{len(result.removed)} removed in {args.out}" + (f"; {errors} source(s) failed" if errors else "")
    )
    return 1 if result.failed else 0
