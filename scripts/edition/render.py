"""Rendering documents to Markdown pages through Jinja2 templates.

Python prepares safe fragments, raw HTML for text and apparatus and Markdown for
headings (via `escape`); the templates only lay them out. Nothing here reads or
writes files. A document's page is a function of the document and of a slice of the
edition (`page_key` names every part of it), so a page whose slice is unchanged
need not be rendered again (`mkdocs serve`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2

from . import annotate, citations, pagefind, parallel, render_body, render_html
from .crosslinks import Crosslinks, tag_entry
from .escape import Mark, escape, html_text, non_overlapping, yaml_string
from .glossary import Entry
from .markdown_raw import raw
from .model import Article, Cable, Document
from .render_terms import terms_section
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
    """The "Cite this" section (`citations`): every format of the reference with a copy
    button, and the source; kept out of the search indexes, heading included."""
    source = linker.anchor(render_html.source_path(document), "Original source text")
    return (
        "## Cite this { #cite-this data-search-exclude data-pagefind-ignore }\n\n"
        + raw(citations.section_html(citations.cited_work(document, context), f"<p>{source} (published unchanged)</p>"))
        + "\n"
    )


def render_apparatus(document: Document, links: Crosslinks, linker: render_html.Linker) -> str:
    """Sections after the text: documents citing this one, related documents. They
    name other documents: kept out of the search indexes, headings included, so that
    a search finds those documents themselves, not their mention here."""
    parts = []
    citing = links.referenced_by.get(document.id, [])
    if citing:
        heading = f"## Referenced by {{ #referenced-by {_NOT_SEARCHED} }}"
        parts.append(f"{heading}\n\n{raw(_not_searched(render_html.referenced_by(citing, linker)))}\n")
    related = links.related.get(document.id, [])
    if related:
        items = [(d, shared, human_date(d)) for d, shared in related]
        heading = f"## Related documents {{ #related-documents {_NOT_SEARCHED} }}"
        parts.append(f"{heading}\n\n{raw(_not_searched(render_html.related(items, linker, links)))}\n")
    return "\n".join(parts)


# Out of both search indexes: Material's (`data-search-exclude`) and Pagefind's.
_NOT_SEARCHED = "data-search-exclude data-pagefind-ignore"


def _not_searched(html_block: str) -> str:
    return f'<div data-search-exclude data-pagefind-ignore="all">\n{html_block}\n</div>'


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
        panel = render_html.article_panel(document, date, linker, notes)
    page = TEMPLATES.get_template("document.md.j2").render(
        # Material prints the front-matter title into <title> and the header as HTML.
        meta_title=yaml_string(html.escape(document.title, quote=False)),
        # The reference as metadata for the page head (overrides/main.html).
        citation=citations.front_matter(citations.cited_work(document, context)),
        title=escape(document.title),
        # A cable's subject is printed in capitals: the stylesheet sets it as small capitals.
        title_class="edition-caps" if isinstance(document, Cable) and document.title.isupper() else "",
        byline=render_html.byline(document, format_date(document.date, approximate=document.date_approximate)),
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
        terms_section(document, links, linker),
        render_apparatus(document, links, linker),
        render_citation(document, context, linker),
    ]
    if context.search_facets:
        mentioned = [links.entries[i] for i in links.entries_of.get(document.id, ()) if i in links.entries]
        sections.append(raw(pagefind.filters(document, mentioned)))
    return "\n\n".join(section for section in sections if section)


class EntryDigests:
    """A digest of each entry of the edition's links, computed once per build."""

    def __init__(self, links: Crosslinks) -> None:
        self._known = {id(e): (e, parallel.digest(repr(e))) for e in links.entries.values()}

    def of(self, entry: Entry) -> bytes:
        known = self._known.get(id(entry))
        # An entry as shown in one document (`Entry.in_document`) is an entry of its own.
        return known[1] if known is not None and known[0] is entry else parallel.digest(repr(entry))


def templates_stamp() -> str:
    """The templates' sizes and modification times: Jinja2 reloads a template that
    changed, and so must a page kept from an earlier build."""
    return repr(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in _TEMPLATE_DIR.iterdir()))


def page_key(
    document: Document, context: annotate.Context, document_digest: bytes, entries: EntryDigests, shared: bytes
) -> bytes:
    """A digest of everything `render_document` reads: the document (its digest),
    what all pages read alike (`shared_inputs`), and of the edition's links and pages
    the parts that concern this document. Two builds with one key render the same page."""
    links = context.links
    references: list[tuple[str, str | None]] = []
    tags: list[bytes | None] = []
    if isinstance(document, Cable):
        # A reference links to the page of a cited cable of the edition (`annotate`).
        references = [(r.cable_id, context.pages.get(r.cable_id)) for r in document.references if r.cable_id]
        tags = [entries.of(e) if (e := tag_entry(links, tag)) is not None else None for tag in document.tags]
    mentions = [
        (index, m.start, m.end, entries.of(m.entry))
        for index in range(len(document.blocks))
        for m in links.mentions.get((document.id, index), ())
    ]
    named = [
        (i, entries.of(links.entries[i]) if i in links.entries else None) for i in links.entries_of.get(document.id, ())
    ]
    citing = [(d.page, d.title, d.id) for d in links.referenced_by.get(document.id, ())]
    related = [
        (
            d.page,
            d.title,
            human_date(d),
            shared,
            [links.entries[e].name if e in links.entries else None for e in shared],
        )
        for d, shared in links.related.get(document.id, ())
    ]
    inputs = (references, tags, mentions, named, citing, related)
    return parallel.digest(b"page", shared, document_digest, repr(inputs))


def shared_inputs(context: annotate.Context) -> bytes:
    """A digest of what every page reads alike: the templates and the context's settings."""
    settings = (context.site_name, context.site_url, context.directory_urls, context.search_facets, context.edition)
    return parallel.digest(templates_stamp(), repr(settings))


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
