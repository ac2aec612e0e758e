"""A progress counter for long runs, on the terminal only.

Silent when standard error is not a terminal (piped, logged) or under CI, and for
runs too short to need one.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO


class TerminalProgress:
    def __init__(self, stream: TextIO = sys.stderr, threshold: int = 200) -> None:
        self.stream = stream
        self.threshold = threshold
        self.enabled = stream.isatty() and not os.environ.get("CI")

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < self.threshold:
            return
        if done == total or done % 25 == 0:
            self.stream.write(f"\r{stage} {done}/{total} ({done * 100 // total}%)")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()
