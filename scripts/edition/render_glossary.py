"""Glossary pages (one per kind, plus an index) and `glossary.json`."""

from __future__ import annotations

import json

from . import render_html
from .crosslinks import Crosslinks
from .escape import escape, html_text
from .glossary import KINDS, Entry, Glossary
from .model import Document
from .render import TEMPLATES


def _mentions(entry: Entry, links: Crosslinks, page: str, directory_urls: bool) -> str:
    """One line per document: its title, then a link to each paragraph (HTML: an
    entry can be mentioned in thousands of documents)."""
    by_document: dict[str, tuple[Document, list[str]]] = {}
    for document, anchor in links.backlinks.get(entry.id, []):
        _, anchors = by_document.setdefault(document.id, (document, []))
        if anchor and anchor not in anchors:
            anchors.append(anchor)
    if not by_document:
        return ""
    linker = render_html.Linker(page, directory_urls)
    items = []
    for document, anchors in by_document.values():
        paragraphs = ", ".join(linker.anchor(document.page, f"¶ {a[1:] if a[0] == 'p' else a}", a) for a in anchors)
        items.append(
            linker.anchor(document.page, html_text(document.title)) + (f": {paragraphs}" if paragraphs else "")
        )
    return render_html.document_list(items, "glossary-mentions")


def _see_also(entry: Entry, entries: dict[str, Entry]) -> list[str]:
    links = []
    for other_id in entry.see_also:
        other = entries[other_id]
        page = f"{KINDS[other.kind][0]}.md" if other.kind != entry.kind else ""
        links.append(f"[{escape(other.name)}]({page}#{other.id})")
    return links


def glossary_pages(glossary: Glossary, links: Crosslinks, directory_urls: bool = True) -> dict[str, str]:
    """Markdown pages, keyed by path relative to the docs folder."""
    entries = glossary.by_id()
    pages = {}
    kinds = []
    for kind, (slug, heading) in KINDS.items():
        members = sorted((e for e in glossary.entries if e.kind == kind), key=lambda e: e.name.casefold())
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
    for e in glossary.entries:
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
                "url": e.url_in(directory_urls),
                "mentions": mentions,
            }
        )
    return json.dumps({"entries": entries}, ensure_ascii=False, indent=2) + "\n"
