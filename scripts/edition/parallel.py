"""Per-item work of a large edition spread over the machine's CPUs.

Reading sources, finding glossary mentions and rendering pages treat each item alone,
so they can run in worker processes: one per CPU (at most MAX_WORKERS) when there
are MIN_ITEMS items or more. Workers are forked from the running build: they inherit
its data (the parsed documents, the glossary, the cross-links), and only items'
positions go out and results come back. Forking is used only where it is safe: where
the platform offers it (not Windows, not macOS, whose system libraries do not survive
it), and while the process runs no other thread (`mkdocs serve` rebuilds while its web
server runs in threads, so its rebuilds use one process; they re-read only the sources
that changed anyway). Elsewhere, and for small editions, the work runs in this
process, in the same order, with the same results.

A `Memo` kept between builds (`mkdocs serve`) holds the results of such work under a
digest of all its inputs (`digest`): `memo_map` runs only the items whose inputs changed.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Generic, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting workers costs more than it saves.
MIN_ITEMS = 200
MAX_WORKERS = 8

# The task of the running `ordered_map`, inherited by the forked workers (a closure
# cannot be sent to a worker; an item's position can).
_task: Callable[[int], object] | None = None


def _run(index: int) -> object:
    assert _task is not None
    return _task(index)


def _start_worker(parent: int) -> None:
    # Ctrl-C is the build's to handle: it stops the workers it started.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":  # a build killed outright takes its workers with it
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:  # already gone
            os._exit(1)


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return (
        sys.platform not in ("win32", "darwin")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and multiprocessing.parent_process() is None  # not from a worker
    )


def worker_count(items: int, requested: int | None = None) -> int:
    """How many processes to use for `items` items: `requested` when given, else one
    per available CPU for MIN_ITEMS items or more; 1 (this process alone) wherever
    forking is unsafe, whatever was requested."""
    if not can_fork():
        return 1
    if requested is not None:
        return max(1, requested)
    return 1 if items < MIN_ITEMS else min(available_cpus(), MAX_WORKERS)


def ordered_map(
    task: Callable[[T], R], items: Sequence[T], workers: int, progress: Callable[[int, int], None] | None = None
) -> list[R]:
    """`task` applied to every item, results in the items' order, over `workers`
    forked processes (in this process when `workers` is 1 or forking is unsafe);
    `progress(done, total)` is told of every result. An exception in a task is
    raised here; a worker that dies raises BrokenProcessPool rather than leaving the
    build waiting; an interrupted build cancels the work not yet started."""
    global _task
    workers = min(workers, len(items))
    if workers <= 1 or not can_fork():
        return _collect(map(task, items), len(items), progress)
    _task = lambda index: task(items[index])  # noqa: E731 - inherited by the fork
    # Objects that exist before the fork are kept out of the workers' garbage
    # collection, which would otherwise touch (and so copy) the whole inherited heap.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, context, _start_worker, (os.getpid(),)) as pool:
            try:
                results = pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (workers * 8)))
                return _collect(cast(Iterator[R], results), len(items), progress)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
        _task = None


def _collect(results: Iterator[R], total: int, progress: Callable[[int, int], None] | None) -> list[R]:
    collected = []
    for result in results:
        collected.append(result)
        if progress is not None:
            progress(len(collected), total)
    return collected


def digest(*parts: str | bytes) -> bytes:
    """A digest of `parts`, each length-prefixed so that no two sequences of parts
    share one (`("ab", "c")` is not `("a", "bc")`)."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in parts:
        # A decoded source may hold lone surrogates (undecodable bytes kept).
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.digest()


class Memo(Generic[R]):
    """Results of pure work, each under a digest of all of its inputs, kept from one
    build to the next. `collect` (at the end of a build) drops what that build did not
    use, so the memo holds one build's results, never a history of them."""

    def __init__(self) -> None:
        self._kept: dict[bytes, R] = {}  # from the builds before
        self._used: dict[bytes, R] = {}  # looked up or computed by the running build
        self.hits = 0  # since the memo was made: results reused
        self.misses = 0  # results computed

    def get(self, key: bytes) -> R | None:
        found = self._used.get(key)
        if found is None:
            found = self._kept.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = found
        return found

    def put(self, key: bytes, value: R) -> None:
        self._used[key] = value

    def collect(self) -> None:
        self._kept, self._used = self._used, {}


def remembered(memo: Memo[R] | None, key: bytes | None, compute: Callable[[], R]) -> R:
    """What `compute()` gives, taken from `memo` under `key` if it is there, and kept
    there if not (no memo or no key: computed, not kept)."""
    if memo is None or key is None:
        return compute()
    found = memo.get(key)
    if found is None:
        found = compute()
        memo.put(key, found)
    return found


def memo_map(
    task: Callable[[T], R],
    items: Sequence[T],
    keys: Sequence[bytes | None],
    memo: Memo[R] | None,
    requested: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[R]:
    """`ordered_map` of `task` over the items whose result `memo` lacks (under the
    item's key; None: not memoized), with `worker_count(those items, requested)`
    workers; the others are taken from the memo."""
    if len(keys) != len(items):  # keys go with items by position
        raise ValueError(f"{len(keys)} memo keys for {len(items)} items")
    found: list[R | None] = [memo.get(key) if memo is not None and key is not None else None for key in keys]
    missing = [index for index, result in enumerate(found) if result is None]
    computed = ordered_map(task, [items[i] for i in missing], worker_count(len(missing), requested), progress)
    for index, result in zip(missing, computed, strict=True):
        found[index] = result
        key = keys[index]
        if memo is not None and key is not None:
            memo.put(key, result)
    return cast(list[R], found)
