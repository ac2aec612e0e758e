"""Measurements: a child process's wall time and peak memory (its whole process tree's,
sampled from /proc), a built site's size."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_BUILT_IN = re.compile(r"Documentation built in ([\d.]+) seconds")
_PROC = Path("/proc")
SAMPLE_INTERVAL_S = 0.05


@dataclass(frozen=True)
class Run:
    """A finished child process: wall time from start to exit, peak memory, exit code
    and what it printed.

    `largest_process_bytes` is the peak resident memory of the child or of one of its
    descendants, whichever was largest (`os.wait4`'s ru_maxrss), never their sum;
    `tree_peak_bytes` the highest sum of the resident memory of the child and all its
    descendants alive at once (Pagefind or the preprocessing's workers beside MkDocs),
    sampled every 50 ms, or None where /proc cannot be read."""

    seconds: float
    largest_process_bytes: int
    returncode: int
    output: str
    tree_peak_bytes: int | None = None

    @property
    def peak_bytes(self) -> int:
        """The peak memory of the whole run: the sampled sum, or the largest process
        where there is no sample (or a brief peak fell between two samples)."""
        return max(self.tree_peak_bytes or 0, self.largest_process_bytes)

    @property
    def mkdocs_seconds(self) -> float | None:
        """The build time MkDocs reports (without interpreter start-up), if printed."""
        m = _BUILT_IN.search(self.output)
        return float(m[1]) if m else None

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.output.splitlines() if line.startswith("WARNING"))


def proc_available() -> bool:
    """Whether processes can be read from /proc (Linux)."""
    return (_PROC / "self" / "status").is_file()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except OSError:  # the process has ended meanwhile
        return None


def _children_by_ppid() -> dict[int, list[int]]:
    """Every process's children, from the parent ids in /proc/*/stat (kernels without
    the `children` files)."""
    children: dict[int, list[int]] = {}
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        stat = _read(entry / "stat")
        if stat is None:
            continue
        # The command name, in parentheses, may hold spaces: the parent id follows it.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _children(pid: int) -> list[int] | None:
    """The children of `pid` (started by any of its threads), or None when the kernel
    has no `children` files."""
    try:
        tasks = list((_PROC / str(pid) / "task").iterdir())
    except OSError:
        return []
    found: list[int] = []
    for task in tasks:
        text = _read(task / "children")
        if text is None:
            if not (task / "children").exists() and task.exists():
                return None
            continue
        found.extend(int(child) for child in text.split())
    return found


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants alive now (those of /proc; empty without it)."""
    if not (_PROC / str(pid)).exists():
        return []
    tree, pending = [], [pid]
    by_ppid: dict[int, list[int]] | None = None
    while pending:
        current = pending.pop()
        tree.append(current)
        children = _children(current) if by_ppid is None else by_ppid.get(current, [])
        if children is None:
            by_ppid = _children_by_ppid()
            children = by_ppid.get(current, [])
        pending.extend(children)
    return tree


def resident_bytes(pid: int) -> int:
    """The resident memory of one process (VmRSS), 0 once it has ended or is a zombie."""
    status = _read(_PROC / str(pid) / "status")
    for line in (status or "").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024  # in kB
    return 0


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of the processes `pids` (their threads included)."""
    ticks = 0
    for pid in pids:
        stat = _read(_PROC / str(pid) / "stat")
        if stat is not None:
            fields = stat[stat.rfind(")") + 2 :].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


class TreeMemory:
    """Samples, in a thread, the summed resident memory of a process and all its
    descendants, and keeps the highest sum.

    The sum counts a page shared by several processes (forked workers' copy-on-write
    pages) once per process, so it can overstate what the system had to provide, never
    understate it at the moment of a sample. Without /proc, `peak_bytes` stays None."""

    def __init__(self, pid: int, interval: float = SAMPLE_INTERVAL_S) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_bytes: int | None = None
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample_until_stopped, name=f"tree-memory-{pid}", daemon=True)

    def __enter__(self) -> TreeMemory:
        if proc_available():
            self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join()

    def sample(self) -> int:
        """One sample now; returns the sum."""
        total = sum(resident_bytes(pid) for pid in process_tree(self.pid))
        self.samples += 1
        self.peak_bytes = max(self.peak_bytes or 0, total)
        return total

    def _sample_until_stopped(self) -> None:
        while True:
            try:
                self.sample()
            except (OSError, ValueError, IndexError):
                pass  # a process read as it ended: the next sample will do
            if self._stop.wait(self.interval):
                return


def run_child(args: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run `args` to completion, output (stdout and stderr) to the file `log`, its
    process tree's memory sampled meanwhile.

    `os.wait4` gives the resource usage of this child alone, so the peak memory of
    one build is not mixed with that of earlier ones (as RUSAGE_CHILDREN would be).
    """
    with log.open("wb") as stream:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=stream, stderr=subprocess.STDOUT)
        with TreeMemory(process.pid) as memory:
            # The sampler stops before the child is reaped: its pid cannot be reused meanwhile.
            if hasattr(os, "waitid"):
                os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kibibytes on Linux.
    return Run(
        seconds,
        usage.ru_maxrss * 1024,
        process.returncode,
        log.read_text(encoding="utf-8", errors="replace"),
        memory.peak_bytes,
    )


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
