"""The preprocessing alone, as a child process of the benchmark.

`python prep_child.py SOURCES OUT DATA [PROFILE]` times one `edition.build.build`
call (imports excluded) and prints one JSON line: seconds, documents, problems. With
PROFILE, the call runs under cProfile instead and its statistics go to that file
(slower: use it for where the time goes, not for how much).
"""

from __future__ import annotations

import cProfile
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from edition.build import BuildResult, build  # noqa: E402


def main(argv: list[str]) -> int:
    sources, out, data = (Path(a) for a in argv[1:4])
    profile = Path(argv[4]) if len(argv) > 4 else None
    result: BuildResult
    started = time.perf_counter()
    if profile is None:
        result = build(sources, out, data)
    else:
        profiler = cProfile.Profile()
        result = profiler.runcall(build, sources, out, data)
        profiler.dump_stats(profile)
    seconds = time.perf_counter() - started
    errors = sum(1 for p in result.problems if p.severity == "error")
    report = {
        "seconds": seconds,
        "documents": len(result.documents),
        "errors": errors,
        "warnings": len(result.problems) - errors,
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
