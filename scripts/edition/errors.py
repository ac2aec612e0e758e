"""Problems found while building the edition.

Every problem names the file and, where it makes sense, the line. A run collects
its problems and reports them together; errors fail the run, warnings do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class EditionError(Exception):
    """A problem that stops one source (or one data file) from being read."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(self.location() + ": " + message)

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __reduce__(self) -> tuple[type, tuple[Path, str, int | None]]:
        # Rebuilt from its parts when it comes back from a worker process.
        return type(self), (self.path, self.message, self.line)


class SourceError(EditionError):
    """A source file cannot be decoded or parsed into a document."""


class DataError(EditionError):
    """An editorial data file (YAML) is malformed or breaks its schema."""


@dataclass(frozen=True)
class Problem:
    """One reported problem: `severity` is "error" or "warning"."""

    severity: str
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"

    @classmethod
    def from_error(cls, error: EditionError) -> Problem:
        return cls("error", str(error.path), error.line, error.message)
