"""The edit loop: from saving a source to `mkdocs serve --dirty` serving its new page.

For a corpus of N cables, our project is served by `mkdocs serve --dirty` in a child
process. Once the first build is served and the server is idle, one real cable (the
sixth in name order, or the last when there are fewer) is edited K times: a new word
is appended to its first numbered paragraph (`editloop1x`, `editloop2x`, ...), the
file replaced at once (as editors that save atomically do), and its page requested
every 20 ms until the word is in it. The edit loop is the time from the replacement
to that response. The server answers no page while it rebuilds (MkDocs holds requests
until the site is whole), so the first response with the word comes right after the
build that carried it. Between edits, the server is left to become idle again.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import median

from .corpus import make_corpus
from .measure import cpu_seconds, proc_available, process_tree
from .sites import environment, our_project

RUNS = 5
POLL_S = 0.02  # between two requests for the edited page
SERVED_TIMEOUT_S = 900.0  # for the first build (about a minute at 1,000 cables here)
EDIT_TIMEOUT_S = 600.0  # for one edit to be served
IDLE_QUIET_S = 1.0  # no log line and next to no CPU for this long: the server is idle
_NUMBERED = re.compile(r"^\s*(¶\s*)?1\.\s")
# What `mkdocs serve` logs about its builds (mkdocs/livereload and commands/serve).
_CHANGES = "Detected file changes"
_REBUILT = "Reloading browsers"
_FAILED = "An error happened during the rebuild"


@dataclass(frozen=True)
class EditLoop:
    """What the edit loop of one size gave; times in wall seconds."""

    size: int  # cables asked for (seed documents come on top)
    documents: int  # documents in the served edition's catalogue
    source: str  # the file edited
    page: str  # its page, relative to the site's root
    first_build_s: float  # from starting `mkdocs serve` to the first page served
    seconds: tuple[float, ...]  # per edit, from saving the file to its page served with the edit
    rebuilds: tuple[int, ...]  # builds the server started per edit (until idle again)

    @property
    def runs(self) -> int:
        return len(self.seconds)

    @property
    def median_s(self) -> float:
        return median(self.seconds)

    @property
    def max_s(self) -> float:
        return max(self.seconds)

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "runs": self.runs, "median_s": self.median_s, "max_s": self.max_s}


class EditLoopFailed(RuntimeError):
    """The server did not start, a rebuild failed, or an edit was never served; the
    message ends with the server log's last lines."""


def token(run: int) -> str:
    """The word appended by edit `run` (1-based); no token is part of another."""
    return f"editloop{run}x"


def edited(text: str, word: str) -> str:
    """`text` with `word` appended to its first numbered paragraph's first line (`¶1.`
    or `1.`), or else to the first non-empty line after the SUBJECT line. Raises
    ValueError when there is neither."""
    lines = text.splitlines(keepends=True)
    index = next((i for i, line in enumerate(lines) if _NUMBERED.match(line)), None)
    if index is None:
        subject = next((i for i, line in enumerate(lines) if line.startswith("SUBJECT:")), None)
        if subject is not None:
            index = next((i for i in range(subject + 1, len(lines)) if lines[i].strip()), None)
    if index is None:
        raise ValueError("no numbered paragraph and no line after the SUBJECT line to edit")
    line = lines[index]
    body = line.rstrip("\r\n")
    lines[index] = f"{body.rstrip()} {word}{line[len(body) :]}"
    return "".join(lines)


def pick_source(corpus: Path, real_dir: Path) -> Path:
    """The real cable to edit: the sixth of the corpus in name order (the last when
    there are fewer). Raises ValueError when the corpus has no real cable."""
    real = {p.name for p in real_dir.glob("*.txt")}
    candidates = sorted(p for p in corpus.iterdir() if p.name in real)
    if not candidates:
        raise ValueError(f"no real cable in {corpus}")
    return candidates[min(5, len(candidates) - 1)]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _interruptible() -> None:
    """In the server's process before MkDocs starts: Ctrl-C (SIGINT) stops it cleanly
    even when the benchmark was started with SIGINT ignored (in the background of a
    script), which the server would inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


class _Server:
    """`mkdocs serve --dirty` in a child process of its own session, its output in a
    log file; `stop` ends it and anything it started."""

    def __init__(self, config: Path, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.log = log
        self._read = 0  # bytes of the log counted so far
        self.counts = {_CHANGES: 0, _REBUILT: 0, _FAILED: 0}
        args = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config)]
        args += ["-a", f"127.0.0.1:{self.port}"]
        with log.open("wb") as stream:
            self.process = subprocess.Popen(
                args,
                cwd=config.parent,
                env=env,
                stdout=stream,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C on the terminal is for us: `stop` passes it on
                preexec_fn=_interruptible,
            )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def get(self, path: str, timeout: float = EDIT_TIMEOUT_S) -> bytes | None:
        """The body of a 200 response, or None (not listening yet, another status)."""
        try:
            with urllib.request.urlopen(self.url(path), timeout=timeout) as response:
                return bytes(response.read()) if response.status == 200 else None
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def read_log(self) -> None:
        """Count the build lines logged since the last call (whole lines only)."""
        with self.log.open("rb") as stream:
            stream.seek(self._read)
            chunk = stream.read()
        complete = chunk[: chunk.rfind(b"\n") + 1]
        self._read += len(complete)
        text = complete.decode("utf-8", errors="replace")
        for key in self.counts:
            self.counts[key] += text.count(key)

    def failure(self, message: str) -> EditLoopFailed:
        tail = self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:]
        return EditLoopFailed(f"{message} (log {self.log}):\n" + "\n".join(tail))

    def check(self) -> None:
        """Raises EditLoopFailed when the server has ended or a rebuild failed."""
        if self.process.poll() is not None:
            raise self.failure(f"mkdocs serve --dirty exited with code {self.process.returncode}")
        self.read_log()
        if self.counts[_FAILED]:
            raise self.failure("a rebuild of mkdocs serve --dirty failed")

    def wait_served(self, timeout: float = SERVED_TIMEOUT_S) -> None:
        """Until the site's home page is served (the first build is over)."""
        deadline = time.monotonic() + timeout
        while self.get("", timeout=timeout) is None:
            self.check()
            if time.monotonic() > deadline:
                raise self.failure(f"mkdocs serve --dirty served nothing within {timeout:.0f} s")
            time.sleep(0.2)

    def wait_idle(self, timeout: float = EDIT_TIMEOUT_S) -> None:
        """Until the server has rebuilt after every change it detected, and then logged
        nothing and used next to no CPU for IDLE_QUIET_S (a build can be silent for
        seconds; the edition's hook rewrites pages, which can start one more build)."""
        deadline = time.monotonic() + timeout
        quiet_since, size, cpu = time.monotonic(), -1, -1.0
        while True:
            self.check()
            now = time.monotonic()
            tree_cpu = cpu_seconds(process_tree(self.process.pid)) if proc_available() else 0.0
            log_size = self.log.stat().st_size
            busy = self.counts[_CHANGES] > self.counts[_REBUILT]
            if busy or log_size != size or tree_cpu - cpu > 0.05:
                quiet_since, size, cpu = now, log_size, tree_cpu
            elif now - quiet_since >= IDLE_QUIET_S:
                return
            if now > deadline:
                raise self.failure(f"mkdocs serve --dirty was still busy after {timeout:.0f} s")
            time.sleep(0.1)

    def stop(self) -> None:
        """Ctrl-C first (MkDocs then removes its temporary site), then SIGTERM, then
        SIGKILL; the descendants it leaves (Pagefind, workers) are killed by id."""
        if self.process.poll() is not None:
            return
        descendants = process_tree(self.process.pid)[1:]
        for how, wait in ((signal.SIGINT, 15.0), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            try:
                self.process.send_signal(how)
                self.process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
        for pid in descendants:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass  # ended with its parent (the usual case), or its pid reused


@contextmanager
def _serving(config: Path, env: dict[str, str], log: Path) -> Iterator[_Server]:
    """The server, stopped on the way out: errors, Ctrl-C and SIGTERM included."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm) if in_main_thread else None
    server = None
    try:
        server = _Server(config, env, log)
        yield server
    finally:
        if server is not None:
            server.stop()
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _page_of(server: _Server, source: str) -> tuple[str, int]:
    """The page of the document read from the file `source`, from the served
    catalogue, and the number of documents in it."""
    body = server.get("catalogue.json")
    if body is None:
        raise server.failure("the served site has no catalogue.json")
    documents = json.loads(body)["documents"]
    pages = [d["page"] for d in documents if d["source"] == source]
    if not pages:
        raise server.failure(f"no document of {source!r} in the served catalogue")
    return pages[0], len(documents)


def _replace(path: Path, text: str, scratch: Path) -> float:
    """Write `text` to `scratch` (outside the watched folder), then move it onto `path`
    at once; returns the time just before the move."""
    scratch.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    saved = time.perf_counter()
    os.replace(scratch, path)
    return saved


def _served_with(server: _Server, page: str, word: str, saved: float) -> tuple[float, bytes]:
    """Seconds from `saved` to the first response of `page` containing `word`, and that
    response. Raises EditLoopFailed when a rebuild fails or after EDIT_TIMEOUT_S."""
    needle = word.encode("ascii")
    while True:
        body = server.get(page)
        received = time.perf_counter()
        if body is not None and needle in body:
            return received - saved, body
        server.check()
        if received - saved > EDIT_TIMEOUT_S:
            raise server.failure(f"{word!r} not served in {page} within {EDIT_TIMEOUT_S:.0f} s")
        time.sleep(POLL_S)


def measure_edit_loop(
    size: int,
    work: Path,
    real_dir: Path,
    seeds_dir: Path,
    real_limit: int | None = None,
    runs: int = RUNS,
    say: Callable[[str], None] = lambda message: None,
) -> EditLoop:
    """Measure the edit loop of a corpus of `size` cables in the folder `work` (emptied
    first): the server log is `work/serve.log`, the last page served `work/last-page.html`
    (and Material's search index, if it searches the edition, `work/last-search-index.json`).
    Raises EditLoopFailed (the server did not start, a rebuild failed, an edit was not
    served) and ValueError (no real cable to edit)."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    say(f"edit loop n={size}: writing the corpus")
    corpus = make_corpus(work / "corpus", size, real_dir, seeds_dir, real_limit)
    source = pick_source(corpus.folder, real_dir)
    original = source.read_bytes().decode("utf-8", errors="surrogateescape")
    config = our_project(work / "ours")
    # MkDocs serves from a temporary folder: kept in `work`, whatever becomes of it.
    (work / "tmp").mkdir()
    env = dict(environment(corpus.folder), TMPDIR=str(work / "tmp"))  # NO_MKDOCS_2_WARNING set

    say(f"edit loop n={size}: mkdocs serve --dirty, first build")
    started = time.perf_counter()
    with _serving(config, env, work / "serve.log") as server:
        server.wait_served()
        first_build_s = time.perf_counter() - started
        server.wait_idle()
        page, documents = _page_of(server, source.name)
        seconds: list[float] = []
        rebuilds: list[int] = []
        for run in range(1, runs + 1):
            say(f"edit loop n={size}: edit {run} of {runs} ({source.name})")
            word = token(run)
            before = server.counts[_CHANGES]
            saved = _replace(source, edited(original, word), work / "edit.tmp")
            elapsed, body = _served_with(server, page, word, saved)
            (work / "last-page.html").write_bytes(body)
            server.wait_idle()
            seconds.append(elapsed)
            rebuilds.append(server.counts[_CHANGES] - before)
        # Material's index as served after the last edit, where it searches the edition.
        if (index := server.get("search/search_index.json")) is not None:
            (work / "last-search-index.json").write_bytes(index)
    return EditLoop(size, documents, source.name, page, first_build_s, tuple(seconds), tuple(rebuilds))
