"""Reading and rendering spread over worker processes give what one process gives.

Workers are forked only from a process that runs no other thread, and the test
session runs some (the browser tests' web server): what must fork runs in a fresh
interpreter.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from conftest import ROOT
from edition import parallel
from test_determinism import snapshot

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="worker processes are forked, not on this platform"
)


def _in_fresh_interpreter(code: str) -> str:
    """Run `code` (with scripts/ importable) in a new interpreter; returns its output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"))
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def _mixed_sources(folder: Path) -> Path:
    """The seeds and every test source, good and bad, with their sidecars."""
    folder.mkdir()
    for origin in ("seeds", "tests/cases", "tests/inputs", "tests/hostile", "tests/bad"):
        for path in sorted((ROOT / origin).iterdir()):
            if path.suffix in (".txt", ".yml"):
                shutil.copy(path, folder / path.name)
    return folder


def test_workers_write_the_same_files_and_report_the_same_problems(tmp_path: Path) -> None:
    sources = _mixed_sources(tmp_path / "sources")
    code = f"""
        import json
        from pathlib import Path
        from edition import parallel
        from edition.build import build

        pools = []  # the worker pools each build starts, by their size

        class Counted(parallel.ProcessPoolExecutor):
            def __init__(self, workers, *args):
                pools.append(workers)
                super().__init__(workers, *args)

        parallel.ProcessPoolExecutor = Counted
        sources, data = Path({str(sources)!r}), Path({str(ROOT / "data")!r})
        for workers in (1, 2):
            pools.clear()
            result = build(sources, Path({str(tmp_path)!r}) / str(workers), data, workers=workers)
            print(json.dumps([[d.id for d in result.documents], [str(p) for p in result.problems], pools]))
    """
    alone, spread = (json.loads(line) for line in _in_fresh_interpreter(code).splitlines())
    assert alone[2] == [] and spread[2] == [2, 2, 2]  # reading, glossary mentions, rendering
    assert len(alone[0]) > 10 and any(": error: " in problem for problem in alone[1])
    assert spread[:2] == alone[:2]
    assert snapshot(tmp_path / "2") == snapshot(tmp_path / "1")


def test_results_come_back_in_order_counted_from_other_processes() -> None:
    code = """
        import os
        from edition import parallel

        told = []
        results = parallel.ordered_map(
            lambda item: (item * item, os.getpid()), list(range(50)), 2, lambda done, total: told.append((done, total))
        )
        assert [square for square, _ in results] == [item * item for item in range(50)], results
        assert os.getpid() not in {pid for _, pid in results}, "ran in the main process"
        assert told == [(done, 50) for done in range(1, 51)], told
    """
    _in_fresh_interpreter(code)


def test_a_worker_that_dies_fails_the_build_instead_of_holding_it() -> None:
    code = """
        import os
        from concurrent.futures.process import BrokenProcessPool
        from edition import parallel

        try:
            parallel.ordered_map(lambda item: os._exit(3) if item == 7 else item, list(range(20)), 2)
        except BrokenProcessPool:
            print("broken")
    """
    assert _in_fresh_interpreter(code).strip() == "broken"


def test_an_error_in_a_worker_is_raised_as_it_was() -> None:
    code = """
        from edition import parallel
        from edition.errors import SourceError

        def task(item):
            if item == 30:
                raise SourceError("sources/x.txt", "cannot be read", 12)
            return item

        try:
            parallel.ordered_map(task, list(range(40)), 2)
        except SourceError as e:
            print(type(e).__name__, e.path, e.line, e.message, sep="|")
    """
    assert _in_fresh_interpreter(code).strip() == "SourceError|sources/x.txt|12|cannot be read"


def test_a_worker_does_not_fork_workers_of_its_own() -> None:
    code = """
        from edition import parallel

        print(set(parallel.ordered_map(lambda item: parallel.worker_count(1000), list(range(8)), 2)))
    """
    assert _in_fresh_interpreter(code).strip() == "{1}"


def test_large_editions_use_every_cpu_small_ones_none() -> None:
    code = """
        from edition import parallel

        print(parallel.worker_count(10), parallel.worker_count(parallel.MIN_ITEMS), parallel.available_cpus())
    """
    small, large, cpus = map(int, _in_fresh_interpreter(code).split())
    assert (small, large) == (1, min(cpus, 8))


def test_no_fork_while_another_thread_runs() -> None:
    """`mkdocs serve` runs its web server in threads: a fork would copy their locks."""
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert not parallel.can_fork()
        assert parallel.worker_count(10_000) == 1 and parallel.worker_count(10_000, requested=4) == 1
        pids = parallel.ordered_map(lambda item: os.getpid(), list(range(300)), workers=2)
        assert set(pids) == {os.getpid()}
    finally:
        stop.set()
        server.join()
