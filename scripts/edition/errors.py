"""Problems found while building the edition.

Every problem names the file and, where it makes sense, the line. A run collects
its problems and reports them together; errors fail the run, warnings do not.
"""

from __future__ import annotations

import os
import re
import reprlib
from dataclasses import dataclass
from pathlib import Path

# What a quoted value is cut to: a message stays one readable line whatever the file
# holds (a 4,000-digit number, a megabyte of text, a structure of shared aliases).
QUOTE_LIMIT = 80


class _ShortRepr(reprlib.Repr):
    """`repr` that looks at a bounded part of a value: a few items, a few levels."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxstring = self.maxother = self.maxlong = limit
        self.maxdict = self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = 4

    def repr_int(self, x: int, level: int) -> str:
        # repr() of an int of more than 4,300 digits raises ValueError (and costs
        # quadratic time before that): say how long it is instead.
        if x.bit_length() > 4 * self.maxlong:
            return f"<a number of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)

    def repr_bytes(self, x: bytes, level: int) -> str:
        return repr(x[: self.maxstring])

    # The editorial YAML loader's mappings (datafile.Mapping) are dicts.
    def repr_Mapping(self, x: dict, level: int) -> str:  # noqa: N802 - reprlib's naming
        return self.repr_dict(x, level)


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`repr(value)` for a message, cut to about `limit` characters; never raises."""
    try:
        text = _ShortRepr(limit).repr(value)
    except Exception:  # noqa: BLE001 - a value that cannot be shown must not hide the problem
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cut(text: str, limit: int = 200) -> str:
    """`text` cut to `limit` characters, for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(error: BaseException, limit: int = 200) -> str:
    """`Type: message` of an unexpected exception, cut to `limit`; never raises."""
    try:
        message = str(error)
    except Exception:  # noqa: BLE001 - str() of an exception can fail (huge int args)
        message = "(no message)"
    return cut(f"{type(error).__name__}: {message}" if message else type(error).__name__, limit)


def printable_name(name: str) -> str:
    """A file name as text that can be printed and encoded: bytes that are not UTF-8
    (kept by Python as lone surrogates) shown as \\xNN escapes."""
    try:
        data = os.fsencode(name)
    except UnicodeError:  # a lone surrogate that no file system name gives
        data = name.encode("utf-8", errors="surrogatepass")
    return data.decode("utf-8", errors="backslashreplace")


# Control characters, and lone surrogates (which no output encoding accepts), are
# shown as escapes in a report: a file name or a quoted line cannot forge or break
# the lines around it.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8, as in printable_name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_unprintable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: _escape(m[0]), text)


def printable_text(text: str) -> str:
    """`text` with control characters and lone surrogates shown as escapes: safe to
    print, to encode as UTF-8 and to show on one line of a report."""
    return _escape_unprintable(text)


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


# What a note about a source is about, for the edition report: the first kind whose
# pattern the message matches. Readers state what they found in words; sorting their
# messages here keeps the kinds in one place (a problem may also be given its kind).
NOTE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("decoding", r"UTF-8|UTF-16|decoded as|byte-order"),
        ("contradiction", r"contradicts"),
        ("editorial data", r"editorial|sidecar|YAML file"),
        ("damaged field", r"misprinted|not understood|not a real date|not a date|does not exist|not a web address"),
        ("missing field", r"^no |not found|holds no |but no "),
        ("inferred", r"inferred|titled|read as"),
        ("unknown code", r"has no glossary entry"),
    )
)
OTHER_KIND = "other"


def note_kind(message: str) -> str:
    """The kind of a note, from its message (`NOTE_KINDS`), or OTHER_KIND."""
    return next((kind for kind, pattern in NOTE_KINDS if pattern.search(message)), OTHER_KIND)


@dataclass(frozen=True)
class Problem:
    """One reported problem: `severity` is "error" (fails the build) or "warning" (a
    note about a source); `kind` sorts notes in the edition report ("" : derived from
    the message, see `note_kind`)."""

    severity: str
    path: str
    line: int | None
    message: str
    kind: str = ""

    @property
    def category(self) -> str:
        """ "error" for an error; for a note, its kind."""
        if self.severity == "error":
            return "error"
        return self.kind or note_kind(self.message)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _escape_unprintable(f"{where}: {self.severity}: {self.message}")

    @classmethod
    def from_error(cls, error: EditionError) -> Problem:
        return cls("error", str(error.path), error.line, error.message)
