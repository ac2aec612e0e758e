"""The documents index: one table of every document, to sort and filter in the page.

Each row carries what the page's script (docs/assets/javascripts/documents-index.js)
filters on as data attributes and its sort keys; without the script the whole table
is shown, in date order. The cells are short (no panel, no excerpt), so that the
page stays light at thousands of rows (docs/benchmark.md measures it).
"""

from __future__ import annotations

import html

from . import pagefind
from .escape import html_text
from .markdown_raw import raw
from .model import Article, Cable, Document
from .render import TEMPLATES, format_date
from .render_html import Linker

_PAGE = "documents/index.md"
_COLUMNS = ("Date", "Id", "Title", "From", "Classification")


def _values(document: Document) -> tuple[str, str, str]:
    """(id, from, classification): a cable's id, post and classification, an
    article's publication and author."""
    if isinstance(document, Cable):
        return document.cable_id or "", pagefind.post(document) or "", document.classification or ""
    assert isinstance(document, Article)
    source = ", ".join(part for part in (document.publication, document.author) if part)
    return "", source, ""


def _row(document: Document, linker: Linker) -> str:
    ident, source, classification = _values(document)
    data = {
        "kind": document.kind,
        "year": (document.date or "")[:4] or "undated",
        "from": source,
        "classification": classification,
    }
    attributes = "".join(f' data-{name}="{html.escape(value)}"' for name, value in data.items() if value)
    cells = [
        f'<td data-sort="{html.escape(document.date or "")}">{html_text(format_date(document.date, approximate=document.date_approximate))}</td>',
        f"<td>{html_text(ident)}</td>",
        f"<td>{linker.anchor(document.page, html_text(document.title))}</td>",
        f"<td>{html_text(source)}</td>",
        f"<td>{html_text(classification)}</td>",
    ]
    return f"<tr{attributes}>{''.join(cells)}</tr>\n"


def render_documents_index(documents: list[Document], directory_urls: bool = True) -> str:
    linker = Linker(_PAGE, directory_urls)
    ordered = sorted(documents, key=lambda d: (d.date or "9999", d.id))
    head = "".join(f'<th scope="col">{name}</th>' for name in _COLUMNS)
    rows = "".join(_row(d, linker) for d in ordered)
    table = raw(f'<table class="edition-index">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>')
    return TEMPLATES.get_template("documents.md.j2").render(table=table, count=len(documents))
