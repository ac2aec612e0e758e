"""Which glossary page holds each entry: one page per kind, split into several when
the kind's entries would make one page too heavy to load.

A corpus of a thousand cables names hundreds of people and posts, and mentions a
country in hundreds of documents. Each entry lists at most SHOWN_DOCUMENTS documents
and PARAGRAPH_LINKS paragraph links per document (glossary.json keeps every mention),
so the HTML an entry adds to its page is bounded; the entries of a kind, in name order,
are then cut into pages of at most PAGE_BUDGET estimated bytes. The estimate is made
before any page is written, because documents link to the entry's page.
"""

from __future__ import annotations

from collections import defaultdict

from .glossary import KINDS, Entry
from .model import Document

# Documents listed under an entry; beyond, the rest are counted.
SHOWN_DOCUMENTS = 10
# Paragraph links listed for one document under an entry; beyond, the rest are counted.
PARAGRAPH_LINKS = 12
# Estimated HTML of one page's entries. The estimate runs high (about 1.8 times the
# entries' HTML measured over the Cablegate corpus); Material's page around them
# (header, sidebars, the table of contents, about 140 bytes an entry) adds about
# 25 KB: pages stay under about 120 KB (tests/test_glossary_corpus.py measures them).
PAGE_BUDGET = 150_000
# HTML of an entry besides its texts and mentions: heading and permalink, its line in
# the page's index and in the table of contents, labels, the provenance line.
_ENTRY_COST = 900
# One listed document: its link, count and the list around it (its title added).
_DOCUMENT_COST = 260
_PARAGRAPH_COST = 80  # one paragraph link (a relative address and a label)


def ranked_documents(backlinks: list[tuple[Document, str]]) -> list[tuple[Document, list[str]]]:
    """The documents that mention an entry, each with its paragraph anchors, most
    mentions first (then in edition order)."""
    by_document: dict[str, tuple[Document, list[str]]] = {}
    for document, anchor in backlinks:
        _, anchors = by_document.setdefault(document.id, (document, []))
        if anchor and anchor not in anchors:
            anchors.append(anchor)
    return sorted(by_document.values(), key=lambda item: -len(item[1]))


def estimated_size(entry: Entry, backlinks: list[tuple[Document, str]]) -> int:
    """About how many bytes of HTML the entry adds to its glossary page."""
    texts = (entry.name, *entry.aliases, entry.definition, entry.note or "", entry.role or "", entry.generated or "")
    size = _ENTRY_COST + sum(len(t) + 4 for t in texts) + len(entry.name) * 2
    for document, anchors in ranked_documents(backlinks)[:SHOWN_DOCUMENTS]:
        size += _DOCUMENT_COST + len(document.title) + min(len(anchors), PARAGRAPH_LINKS) * _PARAGRAPH_COST
    return size


def sort_key(entry: Entry) -> tuple[str, str]:
    return entry.name.casefold(), entry.id


def assign_pages(entries: list[Entry], backlinks: dict[str, list[tuple[Document, str]]]) -> dict[str, str]:
    """Entry id -> page slug, for the entries of kinds that need several pages
    (`people`, `people-2`, ...); the entries of a kind that fits one page are left out
    (their page is the kind's)."""
    by_kind: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_kind[entry.kind].append(entry)
    pages: dict[str, str] = {}
    for kind, members in by_kind.items():
        members.sort(key=sort_key)
        sizes = [estimated_size(e, backlinks.get(e.id, [])) for e in members]
        if sum(sizes) <= PAGE_BUDGET:
            continue
        number, used = 1, 0
        for entry, size in zip(members, sizes, strict=True):
            if used and used + size > PAGE_BUDGET:
                number, used = number + 1, 0
            used += size
            pages[entry.id] = KINDS[kind][0] + (f"-{number}" if number > 1 else "")
    return pages
