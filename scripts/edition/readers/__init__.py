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
from .markdown import MarkdownReader
from .web_page import WebPageReader

Warn = Callable[[int | None, str], None]


class Reader(Protocol):
    kind: str  # readers of articles also name their `format` (markdown, text, html)

    def detect(self, source: Source) -> bool: ...

    def read(self, source: Source, warn: Warn) -> Sequence[Document]: ...


# Most specific first: a cable is also plain text; Markdown (by its extension or front
# matter) and saved web pages before the plain-text article, which would take their
# markup for text.
READERS: list[Reader] = [CableReader(), MarkdownReader(), WebPageReader(), ArticleReader()]


def reader_for(source: Source) -> Reader:
    """The reader named by the editorial metadata (`format:`, then `kind:`), or the
    first whose rule matches; raises SourceError when none does."""
    if source.editorial.format:
        # The editors' word on an article's format: read as that, whatever it looks like.
        return next(r for r in READERS if getattr(r, "format", None) == source.editorial.format)
    if source.editorial.kind:
        # `kind: article` lets a reader of an article format (Markdown, a web page)
        # read a file it recognises; otherwise the kind's catch-all reader, the last
        # of its kind in READERS (plain text).
        kind = source.editorial.kind
        matching = [r for r in READERS if kind in (r.kind, getattr(r, "document_kind", None))]
        return next((r for r in matching if r.detect(source)), matching[-1])
    for reader in READERS:
        if reader.detect(source):
            return reader
    raise SourceError(
        source.path,
        "unknown kind of document: neither a cable (classification line, TAGS/SUBJECT) "
        "nor an article (it holds no letter of any script); declare `kind:` in "
        f"{source.path.with_suffix('.yml').name} if it is one",
    )
