"""Links across the edition, computed once over all documents before any page is
rendered: glossary mentions (every one a backlink, the first in each section of a
document linked), backlinks to the paragraph, cables
referenced by other cables, and related documents ranked by shared entries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import partial

from . import parallel
from .glossary import Entry, Glossary, Matcher
from .glossary_headers import header_entries
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


def link_edition(documents: list[Document], glossary: Glossary, workers: int = 1) -> Crosslinks:
    """The edition's links; the glossary mentions are found by `workers` processes.

    The glossary gains the entries generated from the cable headers (posts, signers,
    classifying officers: `glossary_headers`), and each kind's entries are given
    their page (`glossary_pages`), before any mention is made."""
    headers = header_entries(documents, glossary)
    glossary = headers.glossary
    entries = glossary.by_id()
    links = Crosslinks(entries=entries, tags={code: entries[entry_id] for code, entry_id in glossary.tags})
    links.header_entries = headers.mentions
    matcher = Matcher(glossary)
    found = parallel.ordered_map(partial(_first_mentions, matcher), documents, workers)
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
    links.related = _related(documents, content)
    return links


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
    documents: list[Document], entries_of: dict[str, list[str]]
) -> dict[str, list[tuple[Document, list[str]]]]:
    """Rank other documents by shared entries, through an inverted index (entry ->
    documents), so the cost follows the shared mentions, not the pairs of documents.
    An entry held by more than _COMMON documents of a large corpus (a TAGS code such
    as PREL, a country) says little about kinship and is skipped, which also keeps the
    cost linear in the number of documents."""
    by_id = {d.id: d for d in documents}
    holders: dict[str, list[str]] = defaultdict(list)
    for doc_id, entry_ids in entries_of.items():
        for entry_id in entry_ids:
            holders[entry_id].append(doc_id)
    common = _COMMON if len(documents) > 2 * _COMMON else len(documents) + 1
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
        related[doc_id] = [(by_id[other], ids) for other, ids in ranked]
    return related
