"""Links across the edition, computed once over all documents before any page is
rendered: glossary mentions (every one a backlink, the first in each section of a
document linked), backlinks to the paragraph, cables
referenced by other cables, and related documents ranked by shared entries.

Kept between builds (`LinkMemo`, `mkdocs serve`): each document's mentions, under a
digest of its text and of the glossary, the entries generated from the headers, and
the ranking of related documents, each under a digest of what it is computed from.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from functools import partial

from . import parallel
from .glossary import Entry, Glossary, Matcher
from .glossary_headers import HeaderEntries, header_entries
from .glossary_pages import assign_pages
from .model import Cable, Document

# Kinds of block whose text is linked; headings never are.
LINKED_BLOCKS = ("paragraph", "lead", "subparagraph", "pull_quote", "quote", "item", "bio", "standfirst", "caption")
RELATED_LIMIT = 5
_COMMON = 50  # documents; see _related


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entry: Entry


@dataclass
class Crosslinks:
    entries: dict[str, Entry] = field(default_factory=dict)  # entry id -> entry
    tags: dict[str, Entry] = field(default_factory=dict)  # TAGS code -> its entry
    mentions: dict[tuple[str, int], list[Mention]] = field(default_factory=dict)  # (doc id, block index)
    backlinks: dict[str, list[tuple[Document, str]]] = field(default_factory=dict)  # entry id -> (doc, anchor)
    entries_of: dict[str, list[str]] = field(default_factory=dict)  # doc id -> entry ids, sorted
    referenced_by: dict[str, list[Document]] = field(default_factory=dict)  # doc id -> citing documents
    related: dict[str, list[tuple[Document, list[str]]]] = field(default_factory=dict)  # doc -> (doc, shared ids)
    unknown_tags: dict[str, list[str]] = field(default_factory=dict)  # TAGS code without an entry -> doc ids
    header_entries: dict[str, list[str]] = field(default_factory=dict)  # doc id -> entries its header names


# A document's text: what its mentions are found in. The rest of it is its header.
_BODY_FIELDS = ("blocks", "emendations")
_PICKLE = 5  # a fixed protocol: the same value, the same bytes within a process


@dataclass(frozen=True)
class DocumentDigest:
    """Digests of a document's header (every field but its text) and of its text,
    each of the fields' values pickled: a pickle gives back the value it was made of,
    so two values with one pickle are equal (and it is quicker than `repr`)."""

    head: bytes
    body: bytes

    @property
    def whole(self) -> bytes:
        return self.head + self.body

    @classmethod
    def of(cls, document: Document) -> DocumentDigest:
        head = tuple((f.name, getattr(document, f.name)) for f in fields(document) if f.name not in _BODY_FIELDS)
        body = tuple(getattr(document, name) for name in _BODY_FIELDS)
        return cls(
            parallel.digest(pickle.dumps((type(document).__qualname__, head), _PICKLE)),
            parallel.digest(pickle.dumps(body, _PICKLE)),
        )


class LinkMemo:
    """What `link_edition` keeps from one build to the next (`mkdocs serve`)."""

    def __init__(self) -> None:
        self.headers: parallel.Memo[HeaderEntries] = parallel.Memo()
        self.mentions: parallel.Memo[dict[int, list[tuple[int, int, str]]]] = parallel.Memo()
        self.related: parallel.Memo[dict[str, list[tuple[str, list[str]]]]] = parallel.Memo()
        # A document's digests, by the document itself: unchanged sources give the
        # very same objects (the read cache), whose digests need no computing again.
        self._digests: dict[int, tuple[Document, DocumentDigest]] = {}

    def digests(self, documents: list[Document]) -> dict[str, DocumentDigest]:
        """The digests of every document, by id; only these documents' are kept."""
        kept = {}
        for document in documents:
            known = self._digests.get(id(document))
            kept[id(document)] = (
                known if known is not None and known[0] is document else (document, DocumentDigest.of(document))
            )
        self._digests = kept
        return {document.id: found for document, found in kept.values()}

    def collect(self) -> None:
        for memo in (self.headers, self.mentions, self.related):
            memo.collect()


def link_edition(
    documents: list[Document], glossary: Glossary, workers: int | None = 1, memo: LinkMemo | None = None
) -> Crosslinks:
    """The edition's links; the glossary mentions are found by `workers` processes
    (None: as many as `parallel.worker_count` gives); `memo` keeps work for the next
    build and gives back that of the last.

    The glossary gains the entries generated from the cable headers (posts, signers,
    classifying officers: `glossary_headers`), and each kind's entries are given
    their page (`glossary_pages`), before any mention is made."""
    digests = memo.digests(documents) if memo is not None else {}
    headers = _header_entries(documents, glossary, memo, digests)
    glossary = headers.glossary
    entries = glossary.by_id()
    links = Crosslinks(entries=entries, tags={code: entries[entry_id] for code, entry_id in glossary.tags})
    links.header_entries = headers.mentions
    matcher = Matcher(glossary)
    # A document's mentions follow from its text and the glossary's matched forms.
    glossary_key = parallel.digest(repr(glossary)) if memo is not None else b""
    keys = [parallel.digest(b"mentions", glossary_key, digests[d.id].body) if memo else None for d in documents]
    found = parallel.memo_map(
        partial(_first_mentions, matcher), documents, keys, memo.mentions if memo else None, workers
    )
    backlinks: dict[str, list[tuple[Document, str]]] = defaultdict(list)
    linked: list[tuple[Document, int, int, int, str]] = []  # (document, block, start, end, entry id)
    unknown_tags: dict[str, list[str]] = defaultdict(list)
    content: dict[str, list[str]] = {}  # doc id -> entries of its text and TAGS, not of its header
    for document, mentions in zip(documents, found, strict=True):
        seen_in_document: set[str] = set()
        linked_in_section: set[str] = set()
        anchor = ""
        for index, block in enumerate(document.blocks):
            anchor = block.anchor or anchor
            if block.kind == "heading":
                linked_in_section = set()
            first = mentions.get(index)
            if not first:
                continue
            # Only the first mention of an entry in a section is linked, and only in
            # the kinds of document the entry links in; every mention is a backlink.
            for start, end, entry_id in first:
                if entry_id not in linked_in_section and document.kind in entries[entry_id].link:
                    linked.append((document, index, start, end, entry_id))
                    linked_in_section.add(entry_id)
            # A pull quote repeats a paragraph: the backlink goes to the paragraph.
            target = block.repeats if block.kind == "pull_quote" and block.repeats else anchor
            for _, _, entry_id in first:
                backlinks[entry_id].append((document, target))
            seen_in_document.update(entry_id for _, _, entry_id in first)
        if isinstance(document, Cable):
            for tag in document.tags:
                entry = tag_entry(links, tag)
                if entry is None:
                    unknown_tags[tag].append(document.id)
                else:
                    seen_in_document.add(entry.id)
        content[document.id] = sorted(seen_in_document)
        # The header names the post and people: the page itself is the mention.
        for entry_id in headers.mentions.get(document.id, []):
            if entry_id not in seen_in_document:
                backlinks[entry_id].append((document, ""))
            seen_in_document.add(entry_id)
        links.entries_of[document.id] = sorted(seen_in_document)
    links.backlinks = dict(backlinks)
    links.unknown_tags = dict(sorted(unknown_tags.items()))
    # Each entry is told its page before it is linked to.
    shown = {entry_id for ids in links.entries_of.values() for entry_id in ids} | set(links.backlinks)
    pages = assign_pages([e for e in entries.values() if e.generated is None or e.id in shown], links.backlinks)
    links.entries = {i: replace(e, page_slug=pages.get(i, "")) for i, e in entries.items()}
    links.tags = {code: links.entries[entry_id] for code, entry_id in glossary.tags}
    for document, index, start, end, entry_id in linked:
        mention = Mention(start, end, links.entries[entry_id].in_document(document))
        links.mentions.setdefault((document.id, index), []).append(mention)
    links.referenced_by = _referenced_by(documents)
    # Kinship is what documents speak of: sharing a post or a signer is not.
    links.related = _related(documents, content, memo)
    return links


def _header_entries(
    documents: list[Document], glossary: Glossary, memo: LinkMemo | None, digests: dict[str, DocumentDigest]
) -> HeaderEntries:
    """`header_entries`, from the memo when the glossary and every document's header
    are those of an earlier build (the generated entries are read from the headers
    alone: editing a document's text leaves them as they were)."""
    if memo is None:
        return header_entries(documents, glossary)
    key = parallel.digest(b"headers", repr(glossary), *(digests[d.id].head for d in documents))
    return parallel.remembered(memo.headers, key, lambda: header_entries(documents, glossary))


def shown_entries(links: Crosslinks) -> list[Entry]:
    """Editorial entries, and the generated entries the edition uses: a TAGS code of
    one of its cables, a term its text mentions, a post or person its headers name."""
    used = {entry_id for ids in links.entries_of.values() for entry_id in ids} | set(links.backlinks)
    return [e for e in sorted(links.entries.values(), key=lambda e: e.id) if e.generated is None or e.id in used]


def tag_entry(links: Crosslinks, tag: str) -> Entry | None:
    """The entry of a TAGS code as a cable writes it; a code followed by a name
    (`OVIP (CLINTON, HILLARY)`) is looked up by the code."""
    return links.tags.get(tag) or links.tags.get(tag.split(" (")[0].strip())


def _first_mentions(matcher: Matcher, document: Document) -> dict[int, list[tuple[int, int, str]]]:
    """The first mention of each entry in each linked block: block index -> (start,
    end, entry id), in the order of the text."""
    mentions = {}
    for index, block in enumerate(document.blocks):
        if block.kind not in LINKED_BLOCKS:
            continue
        first: dict[str, tuple[int, int, str]] = {}
        for start, end, entry in matcher.find(block.text):
            first.setdefault(entry.id, (start, end, entry.id))
        if first:
            mentions[index] = sorted(first.values())
    return mentions


def _referenced_by(documents: list[Document]) -> dict[str, list[Document]]:
    ids = {d.id for d in documents}
    cited: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        if isinstance(document, Cable):
            for reference in document.references:
                if reference.cable_id in ids and reference.cable_id != document.id:
                    cited[reference.cable_id].append(document)
    return dict(cited)


def _related(
    documents: list[Document], entries_of: dict[str, list[str]], memo: LinkMemo | None = None
) -> dict[str, list[tuple[Document, list[str]]]]:
    """Each document's related documents, with the entries they share (`_ranked`)."""
    by_id = {d.id: d for d in documents}
    key = parallel.digest(b"related", repr(len(documents)), repr(entries_of)) if memo is not None else None
    ranked = parallel.remembered(
        memo.related if memo is not None else None, key, lambda: _ranked(len(documents), entries_of)
    )
    return {doc_id: [(by_id[other], ids) for other, ids in found] for doc_id, found in ranked.items()}


def _ranked(count: int, entries_of: dict[str, list[str]]) -> dict[str, list[tuple[str, list[str]]]]:
    """Rank other documents by shared entries, through an inverted index (entry ->
    documents), so the cost follows the shared mentions, not the pairs of documents.
    An entry held by more than _COMMON documents of a large corpus (a TAGS code such
    as PREL, a country) says little about kinship and is skipped, which also keeps the
    cost linear in the number of `count` documents."""
    holders: dict[str, list[str]] = defaultdict(list)
    for doc_id, entry_ids in entries_of.items():
        for entry_id in entry_ids:
            holders[entry_id].append(doc_id)
    common = _COMMON if count > 2 * _COMMON else count + 1
    related = {}
    for doc_id, entry_ids in entries_of.items():
        shared: dict[str, list[str]] = defaultdict(list)
        for entry_id in entry_ids:
            if len(holders[entry_id]) > common:
                continue
            for other in holders[entry_id]:
                if other != doc_id:
                    shared[other].append(entry_id)
        ranked = sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:RELATED_LIMIT]
        related[doc_id] = ranked
    return related
