"""Rendering documents to Markdown pages through Jinja2 templates.

Python prepares safe fragments, raw HTML for text and apparatus and Markdown for
headings (via `escape`); the templates only lay them out. Nothing here reads or
writes files.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2

from . import annotate, pagefind, render_body, render_html
from .crosslinks import Crosslinks
from .escape import Mark, escape, html_text, non_overlapping, yaml_string
from .markdown_raw import raw
from .model import Article, Cable, Document
from .timeline import Event

_TEMPLATE_DIR = Path(__file__).parent / "templates"
# Shared by the modules that render pages.
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_TEMPLATE_DIR),
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # fragments arrive escaped by `escape`
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_MONTHS = "January February March April May June July August September October November December".split()


def format_date(date: str | None, with_time: bool = False, approximate: bool = False) -> str:
    """`16 May 2007, 13:24 UTC`, `November 2013 (approximate)`, or `undated`."""
    if not date:
        return "undated"
    year, month, day = date[:4], date[5:7], date[8:10]
    text = year
    if month:
        text = f"{_MONTHS[int(month) - 1]} {year}"
    if day:
        text = f"{int(day)} {text}"
    if with_time and len(date) >= 16:
        text += f", {date[11:16]} UTC"
    if approximate:
        text += " (approximate)"
    return text


def human_date(document: Document) -> str:
    return format_date(document.date, document.date_precision == "minute", document.date_approximate)


def glossary_marks(links: Crosslinks, document: Document, index: int, linker: render_html.Linker) -> list[Mark]:
    """Links from the first mention of each entry in a block to the entry (inline
    HTML around the escaped mention)."""
    marks = []
    for m in links.mentions.get((document.id, index), []):
        before, after = render_html.glossary_link(linker, m.entry, "\0").split("\0")
        marks.append(Mark(m.start, m.end, before, after))
    return marks


def render_citation(document: Document, context: annotate.Context, linker: render_html.Linker) -> str:
    """A "Cite this" section: a plain reference and BibTeX."""
    url = (context.site_url.rstrip("/") + "/" if context.site_url else "") + document.url_in(context.directory_urls)
    author = getattr(document, "author", None) or (getattr(document, "origin", None) or "")
    date = human_date(document)
    plain = f"{author + '. ' if author else ''}“{document.title}”. {date}. In {context.site_name}. {url}"
    year = (document.date or "")[:4]
    fields = {
        "title": document.title,
        "author": author,
        "year": year,
        "howpublished": context.site_name,
        "url": url,
        "note": f"Source file {document.source}",
    }
    body = ",\n".join(f"  {key} = {{{re.sub(r'[{}]', '', value)}}}" for key, value in fields.items() if value)
    bibtex = f"@misc{{{re.sub(r'[^A-Za-z0-9-]', '', document.id)},\n{body}\n}}"
    source = linker.anchor(render_html.source_path(document), "Original source text")
    return (
        "## Cite this { #cite-this }\n\n"
        + raw(
            f'<p class="edition-citation">{html_text(plain)}</p>\n'
            f'<pre class="edition-bibtex"{render_html.NOT_SEARCHED}><code>{html.escape(bibtex)}</code></pre>\n'
            f"<p>{source} (published unchanged)</p>"
        )
        + "\n"
    )


def article_panel(article: Article, date: str, linker: render_html.Linker, notes: list[str]) -> str:
    """The metadata panel of an article; one read from Markdown (or a web page) adds
    its tags, whether its date is read from the text, and every other front-matter
    key with its value as given."""
    if article.source_format == "text" and not (article.tags or article.metadata or article.date_from_text):
        return render_html.article_panel(article, date, linker, notes)
    rows = [
        ("Publication", html_text(article.publication) if article.publication else "not stated"),
        ("Date", html_text(date + (" (read from the dateline in the text)" if article.date_from_text else ""))),
        ("Author", html_text(article.author) if article.author else "not stated"),
    ]
    if article.url_original:
        address = html_text(article.url_original)
        link = f'<a href="{html.escape(article.url_original)}" class="external" rel="nofollow">{address}</a>'
        rows.append(("Original address", link))
    if article.tags:
        rows.append(("Tags", html_text(" · ".join(article.tags))))
    rows += [(key, html_text(value) or "(empty)") for key, value in article.metadata]
    source = linker.anchor(render_html.source_path(article), html_text(article.source))
    rows.append(("Source", f"{source} (original text, unchanged; read as {html_text(article.source_format)})"))
    rows += [("Editorial note", html_text(note)) for note in notes]
    return render_html.table(rows, "edition-panel")


def render_apparatus(document: Document, links: Crosslinks, linker: render_html.Linker) -> str:
    """Sections after the text: documents citing this one, related documents."""
    parts = []
    citing = links.referenced_by.get(document.id, [])
    if citing:
        parts.append(f"## Referenced by {{ #referenced-by }}\n\n{render_html.referenced_by(citing, linker)}\n")
    related = links.related.get(document.id, [])
    if related:
        items = [(d, shared, human_date(d)) for d, shared in related]
        parts.append(f"## Related documents {{ #related-documents }}\n\n{render_html.related(items, linker, links)}\n")
    return "\n".join(parts)


def render_document(document: Document, context: annotate.Context) -> str:
    links = context.links
    linker = render_html.Linker(document.page, context.directory_urls)
    # Headings carry no marks: no footnote markers, no links.
    marks = [
        non_overlapping(annotate.block_marks(document, block) + glossary_marks(links, document, index, linker))
        if block.kind != "heading"
        else []
        for index, block in enumerate(document.blocks)
    ]
    date = human_date(document)
    notes = list(document.notes)
    cited: list[tuple[str, str]] = []
    if isinstance(document, Cable):
        used = {mark.note for block_marks in marks for mark in block_marks if mark.note}
        cited = annotate.footnotes(document, context, used, linker)
        panel = render_html.cable_panel(document, date, linker, links, notes)
    else:
        assert isinstance(document, Article)
        panel = article_panel(document, date, linker, notes)
    page = TEMPLATES.get_template("document.md.j2").render(
        # Material prints the front-matter title into <title> and the header as HTML.
        meta_title=yaml_string(html.escape(document.title, quote=False)),
        title=escape(document.title),
        fly_title="\n".join(
            raw(render_body.block_html(block, block_marks, render_body.Footnotes([])))
            for block, block_marks in zip(document.blocks, marks, strict=True)
            if block.kind == "fly_title"
        ),
        warnings=_warning_box(document),
        panel=panel,
        body=render_body.body(document.blocks, marks, render_body.Footnotes(cited)),
        emendations=render_html.emendation_log(document, linker),
    )
    sections = [
        page.rstrip("\n"),
        render_apparatus(document, links, linker),
        render_citation(document, context, linker),
    ]
    if context.search_facets:
        sections.append(raw(pagefind.filters(document)))
    return "\n\n".join(section for section in sections if section)


def _warning_box(document: Document) -> str:
    """What the record contradicts in itself (another cable's text under this one's
    header), as Material's warning box above the panel; "" when nothing."""
    warnings = getattr(document, "warnings", ())
    if not warnings:
        return ""
    items = "".join(f"<li>{html_text(w)}</li>\n" for w in warnings)
    return raw(
        '<div class="admonition warning edition-warnings">\n'
        '<p class="admonition-title">This record contradicts itself</p>\n'
        "<p>The header and the text below it do not belong together; the panel describes the header.</p>\n"
        f"<ul>\n{items}</ul>\n</div>"
    )


def _table(documents: list[Document], page: str, directory_urls: bool, detail: bool) -> str:
    """Documents in date order as an HTML table, linked from the page `page`."""
    head = "<th>Date</th> <th>Kind</th> <th>Title</th>" + (" <th>Classification / publication</th>" if detail else "")
    rows = []
    for d in documents:
        title = render_html.Linker(page, directory_urls).anchor(d.page, html_text(d.title))
        cells = [html_text(human_date(d)), d.kind, title]
        if detail:
            cells.append(html_text(getattr(d, "classification", None) or getattr(d, "publication", None) or ""))
        rows.append("<tr>" + " ".join(f"<td>{cell}</td>" for cell in cells) + "</tr>\n")
    return raw(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>")


def _in_date_order(documents: list[Document]) -> list[Document]:
    return sorted(documents, key=lambda d: (d.date or "9999", d.id))


def render_documents_index(documents: list[Document], directory_urls: bool = True) -> str:
    years: dict[str, list[Document]] = {}
    for d in _in_date_order(documents):
        years.setdefault((d.date or "")[:4] or "Undated", []).append(d)
    tables = {
        year: _table(members, "documents/index.md", directory_urls, detail=True) for year, members in years.items()
    }
    return TEMPLATES.get_template("documents.md.j2").render(years=tables, count=len(documents))


def render_timeline(events: list[Event], directory_urls: bool = True) -> str:
    linker = render_html.Linker("timeline.md", directory_urls)
    years: dict[str, list[str]] = {}
    for event in events:
        # A cable's subject is a line of capitals: its id is the shorter name.
        title = f"Cable {event.document.id}" if isinstance(event.document, Cable) else event.document.title
        # Numbered paragraphs are cited by number; other passages by their place.
        where = f"¶ {event.anchor[1:]}" if re.fullmatch(r"p\d+", event.anchor) else "passage"
        date = format_date(event.date, approximate=event.date_approximate)
        link = linker.anchor(
            event.document.page, html_text(f"{title}, {where}"), event.anchor, ' data-pagefind-ignore=""'
        )
        years.setdefault(event.date[:4], []).append(
            f'<li class="edition-event">\n<time class="edition-event-date" datetime="{html.escape(event.date)}">'
            f"{html_text(date)}</time>\n<p>{html_text(event.text)} — {link}</p>\n</li>\n"
        )
    lists = {year: raw(f'<ol class="edition-timeline">\n{"".join(items)}</ol>') for year, items in years.items()}
    return TEMPLATES.get_template("timeline.md.j2").render(years=lists)
