"""Names of the files the edition publishes: safe to serve, short, valid UTF-8, unique.

A copy of each source is published as plain text. GitHub Pages and `mkdocs serve` give
a file its type by its extension, so a source named `report.html`, `x.svg` or `a.js`
published as it is would be a live page (or script) of the site; and MkDocs would even
render a `.md`. The rule, in `published_source_name`: a name ending in `.txt` (any case)
that is safe is kept; any other safe name gets `.txt` added. A name is safe when it is
valid UTF-8 (Linux allows any bytes), has no control, format or separator characters,
no slash or backslash, does not start with a dot, and is at most MAX_NAME_BYTES long
once published. Any other name is cut, its unsafe characters made `_`, and given a
short hash of the whole name (undecodable bytes spelled `\\xNN`, as in
`printable_name`), so that two sources do not share a published name by accident;
`check_names` reports those that do all the same (`notes` and `notes.txt` both
publish as `notes.txt`).

Page names come from document ids (`documents/ID.md`), which the readers make of
letters, digits and hyphens; an id too long to be a file name (MAX_ID_BYTES) is
reported and its document skipped.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, replace
from urllib.parse import quote

from .errors import Problem, printable_name
from .model import Document
from .sources import Source

# Longest published source name, in UTF-8 bytes: far below the 255 bytes of a file
# name, so that the name, a temporary sibling and any suffix MkDocs adds all fit.
MAX_NAME_BYTES = 100
# Longest document id (page `documents/ID.md`, built as `ID.html` or `ID/index.html`).
MAX_ID_BYTES = 200
_HASH_CHARS = 12
# Characters that never stand in a published name: C0 and C1 controls, format
# characters (bidirectional overrides, zero-width spaces: a name that reads as
# another), line and paragraph separators, surrogates; and path separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SEPARATORS = frozenset("/\\")


def _is_safe_character(c: str) -> bool:
    return c not in _SEPARATORS and unicodedata.category(c) not in _UNSAFE_CATEGORIES


def _is_safe(name: str) -> bool:
    return bool(name) and not name.startswith(".") and all(_is_safe_character(c) for c in name)


def published_source_name(name: str) -> str:
    """The file name under `sources/` of the source named `name`; always ends in
    `.txt`, so the copy is served as text. The same for a name and its printable form."""
    text = printable_name(name)
    published = text if text.lower().endswith(".txt") else text + ".txt"
    if _is_safe(text) and text == name and len(published.encode("utf-8")) <= MAX_NAME_BYTES:
        return published
    digest = "-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:_HASH_CHARS] + ".txt"
    stem = text[: -len(".txt")] if text.lower().endswith(".txt") else text
    stem = "".join(c if _is_safe_character(c) else "_" for c in stem).lstrip(".")
    budget = MAX_NAME_BYTES - len(digest)
    # Cut at a character boundary: never half of a multi-byte character.
    return stem.encode("utf-8")[:budget].decode("utf-8", "ignore") + digest


def source_url(name: str) -> str:
    """Address of the published copy of the source `name`, relative to the docs
    folder (and the site root), percent-encoded."""
    return "sources/" + quote(published_source_name(name))


@dataclass(frozen=True)
class Names:
    """What `check_names` keeps: the documents, the copies of their sources by path
    relative to the docs folder, and the problems found."""

    documents: list[Document]
    source_files: dict[str, bytes]
    problems: list[Problem]


def check_names(documents: list[Document], sources: list[Source]) -> Names:
    """The documents whose page and source copy can be published, each known by the
    printable name of its source; a document whose id is too long, or whose source
    would be published under a name another source already takes, is reported (an
    error naming the file) and skipped."""
    by_name = {source.name: source for source in sources}
    owners: dict[str, str] = {}  # published name -> the source name that takes it
    kept: list[Document] = []
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for document in documents:
        source = by_name.get(document.source)
        where = str(source.path) if source is not None else document.source
        size = len(document.id.encode("utf-8"))
        if size > MAX_ID_BYTES:
            message = (
                f"document id {document.id[:40] + '…'!r} is {size} bytes long, more than a page name may be "
                f"({MAX_ID_BYTES}); give it a shorter `id:` in the sidecar, or rename the file; skipped"
            )
            problems.append(Problem("error", where, None, message))
            continue
        published = published_source_name(document.source)
        owner = owners.setdefault(published, document.source)
        if owner != document.source:
            message = (
                f"would be published as sources/{published}, which {printable_name(owner)} already is; "
                "rename one of the two files; skipped"
            )
            problems.append(Problem("error", where, None, message))
            continue
        if source is not None:
            files["sources/" + published] = source.data
        printable = printable_name(document.source)
        kept.append(document if printable == document.source else replace(document, source=printable))
    return Names(kept, files, problems)
