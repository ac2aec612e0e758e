"""Glossary pages (one per kind, or several for a large kind: `glossary_pages`, plus
an index) and `glossary.json`."""

from __future__ import annotations

import html
import json

from . import parallel, render_html
from .crosslinks import Crosslinks, shown_entries
from .escape import escape, html_text, yaml_string
from .glossary import KINDS, Entry, Glossary
from .glossary_pages import PARAGRAPH_LINKS, SHOWN_DOCUMENTS, ranked_documents, sort_key
from .markdown_raw import raw
from .render import TEMPLATES, EntryDigests, templates_stamp

# Paragraph links shown open for one document; more are folded in <details>.
OPEN_PARAGRAPHS = 4
# Unknown TAGS codes: documents named for each on the TAGS page (all in glossary.json).
UNKNOWN_TAG_DOCUMENTS = 5


def _paragraph_label(anchor: str) -> str:
    return f"¶ {anchor[1:]}" if anchor[0] == "p" else anchor


def _mentions(entry: Entry, links: Crosslinks, page: str, directory_urls: bool) -> str:
    """One line per document, most mentions first: its title, the number of
    paragraphs that mention the entry, then a link to each (folded when many, cut
    at PARAGRAPH_LINKS). HTML: an entry can be mentioned in thousands of documents."""
    ranked = ranked_documents(links.backlinks.get(entry.id, []))
    if not ranked:
        return ""
    linker = render_html.Linker(page, directory_urls)
    items = []
    for document, anchors in ranked[:SHOWN_DOCUMENTS]:
        paragraphs = [linker.anchor(document.page, _paragraph_label(a), a) for a in anchors[:PARAGRAPH_LINKS]]
        if len(anchors) > PARAGRAPH_LINKS:
            paragraphs.append(f"and {len(anchors) - PARAGRAPH_LINKS} more")
        line = linker.anchor(document.page, html_text(document.title))
        count = f" ({len(anchors)} paragraphs)" if len(anchors) > 1 else ""
        if len(anchors) > OPEN_PARAGRAPHS:
            line += f"{count}<details><summary>Paragraphs</summary>" + ", ".join(paragraphs) + "</details>"
        elif paragraphs:
            line += f"{count}: " + ", ".join(paragraphs)
        items.append(line)
    more = len(ranked) - SHOWN_DOCUMENTS
    listed = render_html.document_list(items, "glossary-mentions")
    if more > 0:
        listed += f'\n\n<p class="glossary-more">and {more:,} more documents (all listed in glossary.json).</p>'
    return listed


def _see_also(entry: Entry, entries: dict[str, Entry]) -> list[str]:
    """Links to the other entries named, among those shown."""
    links = []
    for other_id in entry.see_also:
        other = entries.get(other_id)
        if other is None:
            continue
        page = f"{other.slug}.md" if other.slug != entry.slug else ""
        links.append(f"[{escape(other.name)}]({page}#{other.id})")
    return links


def _provenance(entry: Entry, sources: list[str]) -> str:
    """The short mark of a generated entry: what it was made from, and a link to the
    full provenance, listed once at the end of the page (`sources`)."""
    if not entry.generated:
        return ""
    if entry.generated not in sources:
        sources.append(entry.generated)
    title = entry.generated.split(";")[0]
    number = sources.index(entry.generated) + 1
    what = html_text(f"Generated from the {entry.generated_from or 'data'}:")
    link = f'<a href="#provenance-{number}">{html_text(title)}</a>'
    return raw(f'<p class="glossary-generated"><em>{what}</em> {link}</p>')


def _sources(sources: list[str]) -> str:
    """The full provenance of the page's generated entries, numbered as their marks link."""
    if not sources:
        return ""
    items = "".join(f'<li id="provenance-{n}">{html_text(s)}</li>\n' for n, s in enumerate(sources, 1))
    return raw(f'<ol class="glossary-sources">\n{items}</ol>')


def _page_heading(heading: str, members: list[Entry], number: int, count: int) -> str:
    if count == 1:
        return heading
    return f"{heading} ({number} of {count}): {members[0].name} to {members[-1].name}"


def _unknown_tags(links: Crosslinks, page: str, directory_urls: bool) -> str:
    """The TAGS codes of the edition's cables that no entry explains, as HTML."""
    if not links.unknown_tags:
        return ""
    linker = render_html.Linker(page, directory_urls)
    items = []
    for code, document_ids in links.unknown_tags.items():
        # A document's page is named after its id (model.Document.page).
        cited = [linker.anchor(f"documents/{i}.md", html_text(i)) for i in document_ids[:UNKNOWN_TAG_DOCUMENTS]]
        more = len(document_ids) - UNKNOWN_TAG_DOCUMENTS
        items.append(
            f"<strong>{html_text(code)}</strong>: " + ", ".join(cited) + (f" and {more:,} more" if more > 0 else "")
        )
    return render_html.document_list(items, "glossary-unknown-tags")


def glossary_key(glossary: Glossary, links: Crosslinks, directory_urls: bool, entries: EntryDigests) -> bytes:
    """A digest of everything `glossary_pages` and `glossary_json` read: the glossary,
    the entries of `links` and which of them the edition uses, and each entry's
    mentions (of a document, its id and title: its page and address follow from its id)."""
    backlinks = [(i, [(d.id, d.title, anchor) for d, anchor in found]) for i, found in links.backlinks.items()]
    inputs = (
        templates_stamp(),
        directory_urls,
        glossary,
        [(i, entries.of(e)) for i, e in links.entries.items()],
        links.entries_of,
        backlinks,
        links.unknown_tags,
    )
    return parallel.digest(b"glossary", repr(inputs))


def glossary_pages(glossary: Glossary, links: Crosslinks, directory_urls: bool = True) -> dict[str, str]:
    """Markdown pages, keyed by path relative to the docs folder. The entries are
    those of `links` (the glossary with the entries of the cable headers, each told
    its page); `glossary` is the edition's, as loaded."""
    shown = shown_entries(links) if links.entries else list(glossary.entries)
    entries = {e.id: e for e in shown}
    pages = {}
    kinds = []
    for kind, (kind_slug, heading) in KINDS.items():
        members = sorted((e for e in shown if e.kind == kind), key=sort_key)
        if not members and not (kind == "tag" and links.unknown_tags):
            continue
        slugs = list(dict.fromkeys(e.slug for e in members)) or [kind_slug]
        parts = []
        for number, slug in enumerate(slugs, 1):
            on_page = [e for e in members if e.slug == slug]
            title = _page_heading(heading, on_page, number, len(slugs))
            page = f"glossary/{slug}.md"
            sources: list[str] = []
            rows = [
                {
                    "id": e.id,
                    "name": escape(e.name),
                    "aliases": [escape(a) for a in e.aliases],
                    "definition": escape(e.definition),
                    "note": escape(e.note) if e.note else "",
                    "role": escape(e.role) if e.role else "",
                    "see_also": _see_also(e, entries),
                    "generated": _provenance(e, sources),
                    "mentions": _mentions(e, links, page, directory_urls),
                }
                for e in on_page
            ]
            last = number == len(slugs)
            pages[page] = TEMPLATES.get_template("glossary_kind.md.j2").render(
                heading=escape(title),
                entries=rows,
                # Material prints the front-matter title into <title> and the header as
                # HTML: a generated name (a post's FM line) is source text, escaped here.
                meta_title=yaml_string(html.escape(f"Glossary: {title}", quote=False)),
                sources=_sources(sources),
                pages=[] if len(slugs) == 1 else [{"slug": s, "number": n} for n, s in enumerate(slugs, 1)],
                unknown_tags=_unknown_tags(links, page, directory_urls) if kind == "tag" and last else "",
            )
            parts.append({"slug": slug, "number": number, "count": len(on_page)})
        kinds.append({"slug": kind_slug, "heading": heading, "count": len(members), "pages": parts})
    pages["glossary/index.md"] = TEMPLATES.get_template("glossary_index.md.j2").render(kinds=kinds)
    return pages


def glossary_json(glossary: Glossary, links: Crosslinks, directory_urls: bool = True) -> str:
    entries = []
    for e in shown_entries(links) if links.entries else list(glossary.entries):
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
                "generated_from": e.generated_from,
                "provenance": e.generated,
                "url": e.url_in(directory_urls),
                "mentions": mentions,
            }
        )
    unknown = [{"code": code, "documents": ids} for code, ids in links.unknown_tags.items()]
    return json.dumps({"entries": entries, "unknown_tags": unknown}, ensure_ascii=False, indent=2) + "\n"
