"""Ctrl-C held back for the few moments in which the output must not be cut short.

Python raises KeyboardInterrupt wherever the main thread happens to be; in the middle
of replacing the output's files, that would leave the docs folder half old, half new.
Inside `held()`, SIGINT and SIGTERM are recorded instead, and delivered to their usual
handlers when the block ends (a Ctrl-C then raises KeyboardInterrupt as ever).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def held() -> Iterator[None]:
    """Run the block with SIGINT and SIGTERM held back, then deliver them. Outside the
    main thread, which alone receives signals in Python, the block simply runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def record(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {signum: signal.signal(signum, record) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            # None: a handler not installed from Python, which Python cannot restore.
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        for held_back in dict.fromkeys(received):
            signal.raise_signal(held_back)
