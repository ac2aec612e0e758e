"""The "Glossary terms" line of a document page: every entry the document names, in
its text or its header, with the entry's other names.

It is what makes a search by any name of an entry find every document that names it
by another: an article that writes "Lukashenka" lists "Alexander Lukashenka (also
Lukashenko …)", so a search for Lukashenko finds it, with Material's search (which
indexes the page's text, section by section) and with Pagefind (which indexes the
article) alike. The line is visible text, not hidden index text: a reader who lands on
the page from a search sees why it was found, and both engines index it the same way.
TAGS codes are left out: the panel lists and links them. Generated header entries
(posts, signers) are linked from here, not from the panel.
"""

from __future__ import annotations

from .crosslinks import Crosslinks
from .escape import html_text
from .markdown_raw import raw
from .model import Document
from .render_html import Linker


def terms_section(document: Document, links: Crosslinks, linker: Linker) -> str:
    """The section as Markdown (a heading, then raw HTML); "" when the document names
    no entry."""
    entries = [links.entries[i] for i in links.entries_of.get(document.id, []) if i in links.entries]
    entries = sorted((e for e in entries if e.kind != "tag"), key=lambda e: (e.name.casefold(), e.id))
    if not entries:
        return ""
    items = []
    for entry in entries:
        # An entry the editors do not link in this kind of document (`link:`) is named only.
        name = html_text(entry.name)
        item = (
            linker.anchor(entry.page, name, entry.id, ' class="glossary-term"') if document.kind in entry.link else name
        )
        if entry.aliases:
            item += " (also " + ", ".join(html_text(a) for a in entry.aliases) + ")"
        items.append(item)
    return "## Glossary terms { #glossary-terms }\n\n" + raw(f'<p class="edition-terms">{" · ".join(items)}</p>') + "\n"
