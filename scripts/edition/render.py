"""Rendering documents to Markdown pages through Jinja2 templates.

Python prepares safe Markdown fragments (via `escape`); the templates only lay them
out. Nothing here reads or writes files.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

import jinja2

from . import annotate, pagefind
from .crosslinks import Crosslinks
from .escape import Mark, attribute, escape, inline, yaml_string
from .model import Article, Block, Cable, Document, Emendation
from .timeline import Event

_TEMPLATE_DIR = Path(__file__).parent / "templates"
# Shared by the modules that render pages.
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_TEMPLATE_DIR),
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # Markdown, not HTML: fragments arrive escaped by `escape`
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_FOOTNOTE_USE = re.compile(r"\[\^([\w-]+)\]")
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


def source_link(document: Document) -> str:
    """Link from a document page to its source file, whatever the file is named."""
    return "../sources/" + quote(document.source)


def human_date(document: Document) -> str:
    return format_date(document.date, document.date_precision == "minute", document.date_approximate)


def render_block(document: Document, block: Block, extra_marks: list[Mark] | None = None) -> str:
    text = inline(block.text, annotate.block_marks(document, block) + (extra_marks or []))
    if block.kind == "heading":
        return f"## {escape(block.text)}"
    if block.kind == "pull_quote":
        return (
            f'<aside class="edition-pull-quote" markdown="1">\n\n{text}\n\n'
            f"[Pull quote: repeats paragraph {block.repeats[1:]}](#{block.repeats})\n{{ .edition-pull-quote-source }}\n\n</aside>"
        )
    if block.kind == "subparagraph":
        return f"{text}\n{{ .edition-subparagraph }}"
    prefix = ""
    if block.number:
        marking = f" ({escape(block.marking)})" if block.marking else ""
        prefix = f"[{block.number}.](#{block.anchor}){{ .edition-pnum }}{marking} "
    classes = " .edition-lead" if block.kind == "lead" else ""
    anchor = f"#{block.anchor} " if block.anchor else ""
    return f"{prefix}{text}\n{{ {anchor}.edition-para{classes} }}"


def emendation_rows(emendations: tuple[Emendation, ...]) -> list[dict[str, str]]:
    return [
        {
            "line": str(e.line),
            "kind": e.kind,
            "original": escape(e.original) or "(nothing)",
            "corrected": escape(e.corrected) or "(removed)",
            "note": escape(e.note),
        }
        for e in emendations
    ]


def glossary_marks(links: Crosslinks, document: Document, index: int) -> list[Mark]:
    """Links from the first mention of each entry in a block to the entry."""
    return [
        Mark(
            m.start,
            m.end,
            "[",
            f'](../{m.entry.page}#{m.entry.id} "{attribute(m.entry.definition)}"){{ .glossary-link }}',
        )
        for m in links.mentions.get((document.id, index), [])
    ]


def render_citation(document: Document, context: annotate.Context) -> str:
    """A "Cite this" section: a plain reference and BibTeX (raw HTML, escaped here)."""
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
    return (
        "## Cite this { #cite-this }\n\n"
        f"{escape(plain)}\n{{ .edition-citation }}\n\n"
        f'<pre class="edition-bibtex"><code>{html.escape(bibtex)}</code></pre>\n\n'
        f"[Original source text]({source_link(document)}) (published unchanged)\n"
    )


def tag_link(tag: str, links: Crosslinks) -> str:
    """A TAGS code in the panel, linked to its glossary entry when there is one."""
    entry = links.tags.get(tag)
    if entry is None:
        return escape(tag)
    return f'[{escape(tag)}](../{entry.page}#{entry.id} "{attribute(entry.definition)}"){{ .glossary-link }}'


def render_apparatus(document: Document, links: Crosslinks) -> str:
    """Sections after the text: documents citing this one, related documents."""
    parts = []
    citing = links.referenced_by.get(document.id, [])
    if citing:
        items = "\n".join(f"- [{escape(d.title)}]({d.id}.md) ({escape(d.id)})" for d in citing)
        parts.append(f"## Referenced by {{ #referenced-by }}\n\n{items}\n")
    related = links.related.get(document.id, [])
    if related:
        items = "\n".join(
            f"- [{escape(d.title)}]({d.id}.md), {escape(human_date(d))}; shared entries: "
            + ", ".join(escape(links.entries[e].name) for e in shared)
            for d, shared in related
        )
        parts.append(f"## Related documents {{ #related-documents }}\n\n{items}\n")
    return "\n".join(parts)


def render_document(document: Document, context: annotate.Context) -> str:
    links = context.links
    body = [
        render_block(document, block, glossary_marks(links, document, index))
        for index, block in enumerate(document.blocks)
    ]
    used = set(_FOOTNOTE_USE.findall("\n".join(body)))
    common = {
        "doc": document,
        "title": escape(document.title),
        "date": human_date(document),
        "body": body,
        "emendations": emendation_rows(document.emendations),
        "source_link": source_link(document),
        "source_name": escape(document.source),
        "notes": [escape(n) for n in document.notes],
        "e": escape,
        # Material prints the front-matter title into <title> and the header as HTML.
        "meta_title": yaml_string(html.escape(document.title, quote=False)),
    }
    if isinstance(document, Cable):
        footnotes = annotate.footnotes(document, context, used)
        page = TEMPLATES.get_template("cable.md.j2").render(
            footnotes=footnotes,
            tags=[tag_link(tag, links) for tag in document.tags],
            references=[(r.label, escape(r.text), r.cable_id) for r in document.references],
            **common,
        )
    else:
        page = TEMPLATES.get_template("article.md.j2").render(**common)
    sections = [page.rstrip("\n"), render_apparatus(document, links), render_citation(document, context)]
    if context.search_facets:
        sections.append(pagefind.filters(document))
    return "\n\n".join(section for section in sections if section)


def _rows(documents: list[Document], relative_to: str) -> list[dict[str, str]]:
    rows = []
    for d in sorted(documents, key=lambda d: (d.date or "9999", d.id)):
        detail = ""
        if isinstance(d, Cable):
            detail = escape(d.classification or "")
        elif isinstance(d, Article):
            detail = escape(d.publication or "")
        rows.append(
            {
                "title": escape(d.title),
                "page": d.page.removeprefix(relative_to),
                "kind": d.kind,
                "date": human_date(d),
                "year": (d.date or "")[:4] or "Undated",
                "detail": detail,
            }
        )
    return rows


HOME_LIMIT = 50  # documents listed on the home page; the documents index has them all


def render_home(documents: list[Document]) -> str:
    rows = _rows(documents, "")
    return TEMPLATES.get_template("home.md.j2").render(documents=rows[:HOME_LIMIT], more=len(rows) - HOME_LIMIT)


def render_documents_index(documents: list[Document]) -> str:
    years: dict[str, list[dict[str, str]]] = {}
    for row in _rows(documents, "documents/"):
        years.setdefault(row["year"], []).append(row)
    return TEMPLATES.get_template("documents.md.j2").render(years=years, count=len(documents))


def render_timeline(events: list[Event]) -> str:
    years: dict[str, list[dict[str, str]]] = {}
    for event in events:
        years.setdefault(event.date[:4], []).append(
            {
                "date": format_date(event.date, approximate=event.date_approximate),
                "iso": event.date,
                "text": escape(event.text),
                # A cable's subject is a line of capitals: its id is the shorter name.
                "title": escape(
                    f"Cable {event.document.id}" if isinstance(event.document, Cable) else event.document.title
                ),
                "link": f"{event.document.page}#{event.anchor}",
                "anchor": event.anchor,
                # Numbered paragraphs are cited by number; other passages by their place.
                "where": f"¶ {event.anchor[1:]}" if re.fullmatch(r"p\d+", event.anchor) else "passage",
            }
        )
    return TEMPLATES.get_template("timeline.md.j2").render(years=years)
