"""One build at a time writes into an output folder.

Two builds of the same edition (a `make build` beside `mkdocs serve`, two terminals)
would otherwise interleave their writes. A build takes an exclusive lock on a file in
the output folder for its write phase; a second one says that it waits, and waits.
The lock is `flock`, released by the kernel when the process ends however it ends, so
a killed build leaves no stale lock. Where `fcntl` does not exist (Windows) builds are
not locked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import EditionError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


@contextmanager
def exclusive(path: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold an exclusive lock on the file `path` (created if missing) for the block;
    `waiting()` is called once if another process holds it. Raises EditionError when
    the file cannot be opened."""
    if fcntl is None:
        yield
        return
    # Append mode creates the file without truncating it: its content is never used,
    # and an unchanged file does not wake `mkdocs serve`.
    try:
        handle = open(path, "ab")
    except OSError as e:
        raise EditionError(path, f"cannot open the lock file: {e.strerror or e}") from e
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)  # Ctrl-C interrupts the wait
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
