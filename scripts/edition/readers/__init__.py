"""One reader per kind of source, chosen by a detection rule.

A reader has a `kind`, a `detect(source)` test and a `read(source, warn)` method that
returns the documents the source holds. Adding a kind of source means one new module
and one line in READERS.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..errors import SourceError
from ..model import Document
from ..sources import Source
from .article import ArticleReader
from .cable import CableReader

Warn = Callable[[int | None, str], None]


class Reader(Protocol):
    kind: str

    def detect(self, source: Source) -> bool: ...

    def read(self, source: Source, warn: Warn) -> Sequence[Document]: ...


# Most specific first: a cable is also plain text.
READERS: list[Reader] = [CableReader(), ArticleReader()]


def reader_for(source: Source) -> Reader:
    """The reader named by the editorial metadata, or the first whose rule matches."""
    if source.editorial.kind:
        return next(r for r in READERS if r.kind == source.editorial.kind)
    for reader in READERS:
        if reader.detect(source):
            return reader
    raise SourceError(
        source.path,
        "unknown kind of document: neither a cable (classification line, TAGS/SUBJECT) "
        "nor an article (a title line followed by prose); declare `kind:` in "
        f"{source.path.with_suffix('.yml').name} if it is one",
    )
