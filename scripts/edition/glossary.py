"""The glossary: editorial entries for people, places, equipment, terms ..., and the
entries generated from the built-in cable codebook (`data/codebook/`).

The model and the mention matcher live here; loading and validation in
`glossary_data.py` (schema there). A definition is true wherever the term appears;
what is true of one document, post or period is a scoped note, shown only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Document

# kind -> (page file name, heading), in the order the glossary shows them.
KINDS = {
    "person": ("people", "People"),
    "organisation": ("organisations", "Organisations"),
    "place": ("places", "Places"),
    "equipment": ("equipment", "Weapon systems and equipment"),
    "abbreviation": ("abbreviations", "Abbreviations"),
    "tag": ("tags", "TAGS codes"),
    "term": ("terms", "Cable terms"),
    "post": ("posts", "Posts"),
}
# What a generated entry was made from (`Entry.generated_from`).
FROM_CODEBOOK = "cable codebook"
FROM_HEADERS = "cable headers"
# Kinds of document a mention can be linked in (`link: [cable]`).
DOCUMENT_KINDS = ("cable", "article")
# The longest name or alias: longer than any real name (a ministry's full title is
# about 100 characters), short enough for the matcher's pattern to stay small.
MAX_FORM = 200


@dataclass(frozen=True)
class Scope:
    """A note true of some documents only: those listed, those sent from a post, or
    those dated within a period (ISO dates, compared to the precision given)."""

    note: str
    documents: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None

    def applies_to(self, document: Document) -> bool:
        if self.documents and document.id not in self.documents:
            return False
        if self.posts and getattr(document, "origin", None) not in self.posts:
            return False
        date = document.date or ""
        if (self.start or self.end) and not date:
            return False
        if self.start and date[: len(self.start)] < self.start:
            return False
        return not (self.end and date[: len(self.end)] > self.end)


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    definition: str
    aliases: tuple[str, ...] = ()
    note: str | None = None
    role: str | None = None
    see_also: tuple[str, ...] = ()
    link: tuple[str, ...] = DOCUMENT_KINDS  # kinds of document where mentions are linked
    match: bool = True  # looked for in the text at all (a TAGS country code is not)
    exclude: tuple[str, ...] = ()  # longer names holding a form that are not this entry
    scoped: tuple[Scope, ...] = ()
    generated: str | None = None  # provenance of a generated entry; None: editorial
    generated_from: str | None = None  # FROM_CODEBOOK or FROM_HEADERS for a generated entry
    page_slug: str = ""  # its glossary page when a kind has several (`glossary_pages`)
    local_note: str | None = None  # the scoped notes that apply where it is shown
    line: int = 0

    @property
    def page(self) -> str:
        """Markdown page of the entry, relative to the docs folder."""
        return f"glossary/{self.slug}.md"

    @property
    def slug(self) -> str:
        """Name of its glossary page: the kind's, or one of the kind's pages."""
        return self.page_slug or KINDS[self.kind][0]

    def url_in(self, directory_urls: bool) -> str:
        page = self.slug
        return f"glossary/{page}/#{self.id}" if directory_urls else f"glossary/{page}.html#{self.id}"

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling matched in text: the name and the aliases."""
        return (self.name, *self.aliases)

    def in_document(self, document: Document) -> Entry:
        """The entry as shown in `document`: with the scoped notes that apply there."""
        notes = [s.note for s in self.scoped if s.applies_to(document)]
        return replace(self, local_note=" ".join(notes)) if notes else self


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    ignored: frozenset[str] = frozenset()  # candidate terms the editors chose not to enter
    tags: tuple[tuple[str, str], ...] = ()  # (TAGS code, entry id), for the cable panel

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}


EMPTY = Glossary(())


class Matcher:
    """Finds glossary mentions in text: longest form first, whole words, case as written.

    All forms are compiled into one regular expression shaped as a trie (forms that
    share a beginning share a branch), so a scan of the text costs about the same
    whatever the number of entries: not one scan per entry, nor one try per form at
    each position. An entry's exclusions (`West Bank` for "West") are forms of no
    entry: being longer, they win the match, and the mention is dropped. Editorial
    entries take a form before generated ones.
    """

    def __init__(self, glossary: Glossary) -> None:
        self._entry_of: dict[str, Entry | None] = {}
        ordered = sorted((e for e in glossary.entries if e.match), key=lambda e: e.generated is not None)
        for entry in ordered:
            for form in entry.forms:
                self._entry_of.setdefault(form, entry)
        for entry in ordered:
            for form in entry.exclude:
                self._entry_of[form] = None
        trie = _trie_pattern(self._entry_of)
        self._pattern = re.compile(rf"(?<![\w-])(?:{trie})(?![\w]|-\w)") if trie else None

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        if self._pattern is None:
            return []
        found = []
        for m in self._pattern.finditer(text):
            entry = self._entry_of[m.group(0)]
            if entry is not None:
                found.append((m.start(), m.end(), entry))
        return found


def _trie_pattern(forms: Iterable[str]) -> str:
    """A regex matching any of `forms`, longest first (greedy branches before stopping).

    Built without recursion, bottom-up from the deepest nodes, so that a long form
    cannot exhaust Python's stack."""
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here
    # Every node, parents before children; patterns are then made children first.
    order: list[dict[str, dict]] = [trie]
    for node in order:
        order.extend(child for char, child in node.items() if char)
    pattern: dict[int, str] = {}
    for node in reversed(order):
        ends = "" in node
        options = [re.escape(char) + pattern.pop(id(child)) for char, child in sorted(node.items()) if char]
        if not options:
            pattern[id(node)] = ""
            continue
        body = options[0] if len(options) == 1 and not ends else "(?:" + "|".join(options) + ")"
        pattern[id(node)] = body + "?" if ends else body
    return pattern[id(trie)]


def load_glossary(path: Path, ignore_path: Path | None = None, codebook_path: Path | None = None) -> Glossary:
    """Read and validate the glossary over the codebook (`glossary_data.load_glossary`)."""
    from .glossary_data import load_glossary as load  # the loader needs the model above

    return load(path, ignore_path, codebook_path)
