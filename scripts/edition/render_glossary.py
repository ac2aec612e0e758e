"""Glossary pages (one per kind, plus an index) and `glossary.json`."""

from __future__ import annotations

import json

from . import render_html
from .crosslinks import Crosslinks
from .escape import escape, html_text
from .glossary import KINDS, Entry, Glossary
from .model import Document
from .render import TEMPLATES

# Documents listed under an entry in full; beyond, the rest are counted. A place
# such as Russia is mentioned in hundreds of cables: listing them all made one page
# weigh hundreds of kilobytes. glossary.json keeps every mention.
SHOWN_DOCUMENTS = 10
# Paragraph links shown open for one document; more are folded in <details>.
OPEN_PARAGRAPHS = 4


def _mentions(entry: Entry, links: Crosslinks, page: str, directory_urls: bool) -> str:
    """One line per document, most mentions first: its title, the number of
    paragraphs that mention the entry, then a link to each (folded when many).
    HTML: an entry can be mentioned in thousands of documents."""
    by_document: dict[str, tuple[Document, list[str]]] = {}
    for document, anchor in links.backlinks.get(entry.id, []):
        _, anchors = by_document.setdefault(document.id, (document, []))
        if anchor and anchor not in anchors:
            anchors.append(anchor)
    if not by_document:
        return ""
    linker = render_html.Linker(page, directory_urls)
    ranked = sorted(by_document.values(), key=lambda item: -len(item[1]))
    items = []
    for document, anchors in ranked[:SHOWN_DOCUMENTS]:
        paragraphs = [linker.anchor(document.page, f"¶ {a[1:] if a[0] == 'p' else a}", a) for a in anchors]
        line = linker.anchor(document.page, html_text(document.title))
        if len(paragraphs) > OPEN_PARAGRAPHS:
            line += (
                f" ({len(paragraphs)} paragraphs)<details><summary>Paragraphs</summary>"
                + ", ".join(paragraphs)
                + "</details>"
            )
        elif paragraphs:
            count = f" ({len(paragraphs)} paragraphs)" if len(paragraphs) > 1 else ""
            line += f"{count}: " + ", ".join(paragraphs)
        items.append(line)
    more = len(ranked) - SHOWN_DOCUMENTS
    listed = render_html.document_list(items, "glossary-mentions")
    if more > 0:
        listed += f'\n\n<p class="glossary-more">and {more:,} more documents (all listed in glossary.json).</p>'
    return listed


def shown_entries(glossary: Glossary, links: Crosslinks) -> list[Entry]:
    """Editorial entries, and the generated (codebook) entries the edition uses: a
    TAGS code of one of its cables, or a term its text mentions."""
    used = {entry_id for ids in links.entries_of.values() for entry_id in ids} | set(links.backlinks)
    return [e for e in glossary.entries if e.generated is None or e.id in used]


def _see_also(entry: Entry, entries: dict[str, Entry]) -> list[str]:
    """Links to the other entries named, among those shown."""
    links = []
    for other_id in entry.see_also:
        other = entries.get(other_id)
        if other is None:
            continue
        page = f"{KINDS[other.kind][0]}.md" if other.kind != entry.kind else ""
        links.append(f"[{escape(other.name)}]({page}#{other.id})")
    return links


def glossary_pages(glossary: Glossary, links: Crosslinks, directory_urls: bool = True) -> dict[str, str]:
    """Markdown pages, keyed by path relative to the docs folder."""
    shown = shown_entries(glossary, links)
    entries = {e.id: e for e in shown}
    pages = {}
    kinds = []
    for kind, (slug, heading) in KINDS.items():
        members = sorted((e for e in shown if e.kind == kind), key=lambda e: e.name.casefold())
        if not members:
            continue
        kinds.append({"slug": slug, "heading": heading, "count": len(members)})
        rows = [
            {
                "id": e.id,
                "name": escape(e.name),
                "aliases": [escape(a) for a in e.aliases],
                "definition": escape(e.definition),
                "note": escape(e.note) if e.note else "",
                "role": escape(e.role) if e.role else "",
                "see_also": _see_also(e, entries),
                "generated": escape(e.generated) if e.generated else "",
                "mentions": _mentions(e, links, f"glossary/{slug}.md", directory_urls),
            }
            for e in members
        ]
        pages[f"glossary/{slug}.md"] = TEMPLATES.get_template("glossary_kind.md.j2").render(
            heading=heading, entries=rows, meta_title=json.dumps(f"Glossary: {heading}")
        )
    pages["glossary/index.md"] = TEMPLATES.get_template("glossary_index.md.j2").render(kinds=kinds)
    return pages


def glossary_json(glossary: Glossary, links: Crosslinks, directory_urls: bool = True) -> str:
    entries = []
    for e in shown_entries(glossary, links):
        mentions = []
        for document, anchor in links.backlinks.get(e.id, []):
            page = document.url_in(directory_urls)
            url = f"{page}#{anchor}" if anchor else page
            if url not in mentions:
                mentions.append(url)
        entries.append(
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "definition": e.definition,
                "note": e.note,
                "role": e.role,
                "see_also": list(e.see_also),
                "scoped": [
                    {
                        "documents": list(s.documents),
                        "posts": list(s.posts),
                        "from": s.start,
                        "until": s.end,
                        "note": s.note,
                    }
                    for s in e.scoped
                ],
                "generated": e.generated is not None,
                "provenance": e.generated,
                "url": e.url_in(directory_urls),
                "mentions": mentions,
            }
        )
    return json.dumps({"entries": entries}, ensure_ascii=False, indent=2) + "\n"
