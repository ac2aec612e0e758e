"""Measurements: a child process's wall time and peak memory, a built site's size."""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

_BUILT_IN = re.compile(r"Documentation built in ([\d.]+) seconds")


@dataclass(frozen=True)
class Run:
    """A finished child process: wall time from start to exit, its own peak resident
    memory (not its siblings'), exit code and what it printed."""

    seconds: float
    peak_bytes: int
    returncode: int
    output: str

    @property
    def mkdocs_seconds(self) -> float | None:
        """The build time MkDocs reports (without interpreter start-up), if printed."""
        m = _BUILT_IN.search(self.output)
        return float(m[1]) if m else None

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.output.splitlines() if line.startswith("WARNING"))


def run_child(args: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run `args` to completion, output (stdout and stderr) to the file `log`.

    `os.wait4` gives the resource usage of this child alone, so the peak memory of
    one build is not mixed with that of earlier ones (as RUSAGE_CHILDREN would be).
    """
    with log.open("wb") as stream:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=stream, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kibibytes on Linux.
    return Run(seconds, usage.ru_maxrss * 1024, process.returncode, log.read_text(encoding="utf-8", errors="replace"))


@dataclass(frozen=True)
class SiteSize:
    """Bytes of a built site: all files, the search index, and the document pages
    (`documents/NAME/index.html`, the documents index excluded)."""

    total_bytes: int
    search_engine: str  # material | pagefind
    search_index_bytes: int  # Material's search_index.json, or every Pagefind file
    pages: int
    page_bytes: int

    @property
    def bytes_per_page(self) -> float:
        return self.page_bytes / self.pages if self.pages else 0.0


def site_size(site: Path) -> SiteSize:
    """Measure the site MkDocs built into `site` (directory URLs)."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    pagefind = site / "pagefind"
    pages = [p for p in (site / "documents").glob("*/index.html")]
    return SiteSize(
        total_bytes=total,
        search_engine="pagefind" if pagefind.is_dir() else "material",
        search_index_bytes=(
            sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
            if pagefind.is_dir()
            else index.stat().st_size
            if index.exists()
            else 0
        ),
        pages=len(pages),
        page_bytes=sum(p.stat().st_size for p in pages),
    )
