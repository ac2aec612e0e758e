"""The apparatus of a document page, written as raw HTML.

The metadata panel, the header as printed, the emendation log and the lists after
the text are tables and lists of links that the edition builds itself. Written as
Markdown, they cost Python-Markdown more than the text of the document; as raw HTML
they pass through it untouched. Links are therefore computed here (`urls`), as MkDocs
would write them, and every value is escaped with `escape.html_text`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .crosslinks import Crosslinks, tag_entry
from .escape import html_attribute, html_text
from .filenames import source_url
from .glossary import Entry
from .markdown_raw import raw
from .model import Addressee, Article, Block, Cable, Document, Emendation
from .urls import relative_url

# Apparatus that repeats the text or the panel (the header as printed, the emendation
# log, BibTeX) stays out of the search index, Material's and Pagefind's (pagefind.py).
NOT_SEARCHED = " data-search-exclude"


@dataclass(frozen=True)
class Linker:
    """Links from one document page to other pages of the edition."""

    page: str  # the document's Markdown page, relative to the docs folder
    directory_urls: bool

    def to(self, target: str, fragment: str = "") -> str:
        return relative_url(self.page, target, self.directory_urls, fragment)

    def anchor(self, target: str, text_html: str, fragment: str = "", attributes: str = "") -> str:
        return f'<a href="{html.escape(self.to(target, fragment))}"{attributes}>{text_html}</a>'


def source_path(document: Document) -> str:
    """The published copy of the document's source, relative to the docs folder,
    percent-encoded: always a `.txt` file, served as text (`filenames`)."""
    return source_url(document.source)


# The source views (`render_source`) have a folder of their own: `sources/` holds the
# published copies only, each a `.txt` file served as text.
SOURCE_VIEWS = "source-view/"


def source_view_path(name: str) -> str:
    """The page of the source view of the source named `name`, relative to the docs
    folder, percent-encoded: named after the published copy, `.txt` included, so that
    the page's folder never ends like a file a server would run (`report.html`)."""
    return SOURCE_VIEWS + source_url(name).removeprefix("sources/") + ".md"


def glossary_link(linker: Linker, entry: Entry, text_html: str) -> str:
    """A mention linked to its glossary entry, the definition as tooltip, followed by
    the notes scoped to the document where it stands (`Entry.in_document`). The
    tooltip is a `title`: the browser shows it as text."""
    title = entry.definition + (f" Here: {entry.local_note}" if entry.local_note else "")
    return linker.anchor(entry.page, text_html, entry.id, f' title="{html_attribute(title)}" class="glossary-link"')


def head_table(rows: list[list[str]], head: list[str]) -> str:
    """An HTML table with a header row, of cells that are already HTML."""
    header = "".join(f"<th>{cell}</th>" for cell in head)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def table(rows: Iterable[tuple[str, str]], css_class: str, after: str = "", summary: str = "") -> str:
    """A two-column table of (label, HTML value) rows, labels as row headers, with
    `after` (HTML) below it in the same box; folded away under `summary` (text) when
    one is given."""
    body = "".join(f'<tr><th scope="row">{html_text(label)}</th> <td>{value}</td></tr>\n' for label, value in rows)
    after = after + "\n" if after else ""
    inner = f"<table>\n<tbody>\n{body}</tbody>\n</table>\n{after}"
    if summary:
        return raw(f'<details class="{css_class}">\n<summary>{html_text(summary)}</summary>\n{inner}</details>')
    return raw(f'<div class="{css_class}">\n{inner}</div>')


# What the folded metadata panel is called: the byline above it gives the essentials.
PANEL_SUMMARY = "Full record"


def _or(value: str | None, missing: str = "not stated") -> str:
    return html_text(value) if value else missing


def _addressees(addressees: tuple[Addressee, ...]) -> str:
    return "<br>".join(html_text(a.name) + (f" ({html_text(a.routing)})" if a.routing else "") for a in addressees)


def _paragraph_label(anchor: str) -> str:
    return f"paragraph {anchor[1:]}" if anchor.startswith("p") else "unnumbered paragraph"


def cable_panel(cable: Cable, date: str, linker: Linker, links: Crosslinks, notes: list[str]) -> str:
    partial = " · <em>partial record: the header is cut off</em>" if cable.partial else ""
    number = f" ({html_text(cable.cable_number)})" if cable.cable_number else ""
    dtg = f" (date-time group {html_text(cable.date_time_group)})" if cable.date_time_group else ""
    rows = [
        ("Cable", _or(cable.cable_id) + number + partial),
        ("Date", html_text(date) + dtg),
        ("Precedence", _or(cable.precedence)),
        ("Classification", _or(cable.classification)),
        ("From", _or(cable.origin)),
    ]
    if cable.to:
        rows.append(("To", _addressees(cable.to)))
    if cable.info:
        rows.append(("Info", _addressees(cable.info)))
    if cable.subject != cable.title:  # the page's title says it already
        rows.append(("Subject", _or(cable.subject)))
    tags = [
        glossary_link(linker, entry.in_document(cable), html_text(tag))
        if (entry := tag_entry(links, tag)) is not None
        else html_text(tag)
        for tag in cable.tags
    ]
    rows.append(("TAGS", " ".join(tags) if tags else "none stated"))
    if cable.references:
        rows.append(
            (
                "References",
                "<br>".join(
                    (f"{html_text(r.label)}. " if r.label else "")
                    + html_text(r.text)
                    + (f" ({html_text(r.cable_id)})" if r.cable_id else "")
                    for r in cable.references
                ),
            )
        )
    reasons = f", reasons {html_text(cable.reasons)}" if cable.reasons else ""
    rows.append(("Classified by", _or(cable.classified_by) + reasons))
    rows.append(("Declassification", _or(cable.declassification)))
    if cable.handling:
        # A word printed in the header and again in the text is one handling word.
        rows.append(("Handling", html_text(" · ".join(dict.fromkeys(cable.handling)))))
    for kind, first, last in cable.sections:
        span = linker.anchor(cable.page, _paragraph_label(first), first)
        if last != first:
            span += " to " + linker.anchor(cable.page, _paragraph_label(last), last)
        rows.append((kind.capitalize(), span))
    rows.append(("Signed", _or(cable.signer)))
    if cable.routing:
        rows.append(("Routing", html_text(" · ".join(cable.routing))))
    rows += [("Note", html_text(note)) for note in notes]
    rows.append(("Source", _source(cable, linker)))
    return table(rows, "edition-panel", printed_header(cable.printed_header), PANEL_SUMMARY)


def article_panel(article: Article, date: str, linker: Linker, notes: list[str]) -> str:
    """The metadata panel of an article; one read from Markdown (or a web page) adds
    its tags, whether its date is read from the text, every other front-matter key
    with its value as given, and the format it was read as."""
    dateline = " (read from the dateline in the text)" if article.date_from_text else ""
    rows = [
        ("Publication", _or(article.publication)),
        ("Date", html_text(date + dateline)),
        ("Author", _or(article.author)),
    ]
    if article.url_original:
        address = html_text(article.url_original)
        link = f'<a href="{html.escape(article.url_original)}" class="external" rel="nofollow">{address}</a>'
        rows.append(("Original address", link))
    if article.tags:
        rows.append(("Tags", html_text(" · ".join(article.tags))))
    rows += [(key, html_text(value) or "(empty)") for key, value in article.metadata]
    plain = article.source_format == "text" and not (article.tags or article.metadata or article.date_from_text)
    read_as = "" if plain else f"; read as {html_text(article.source_format)}"
    source = linker.anchor(source_path(article), html_text(article.source))
    rows.append(("Source", f"{source} (original text, unchanged{read_as})"))
    rows += [("Editorial note", html_text(note)) for note in notes]
    return table(rows, "edition-panel", summary=PANEL_SUMMARY)


# An addressee's precedence and serial number (`SECSTATE WASHDC PRIORITY 3017`): the
# full record lists them; the byline names the office.
_ROUTING_TAIL = re.compile(r"(?:\s+(?:FLASH|IMMEDIATE|PRIORITY|ROUTINE|NIACT))*(?:\s+\d+)?\s*$")


def byline(document: Document, date: str) -> str:
    """One line above the text with what a reader looks for first: a cable's id,
    classification, sender and addressee, date and number of paragraphs; an
    article's publication, author and date."""
    if isinstance(document, Cable):
        to = ""
        if document.to:
            to = _ROUTING_TAIL.sub("", document.to[0].name) or document.to[0].name
            to += f" and {len(document.to) - 1} more" if len(document.to) > 1 else ""
        route = " → ".join(part for part in (document.origin or "", to) if part)
        count = paragraph_count(document)
        parts = [
            document.cable_id or document.id,
            document.classification or "",
            route,
            date,
            f"{count} paragraph{'' if count == 1 else 's'}" if count else "",
        ]
    else:
        assert isinstance(document, Article)
        parts = [document.publication or "", document.author or "", date]
    line = " · ".join(html_text(part) for part in parts if part)
    # The document's id heads each printed page (print.css, paragraphs.js).
    return raw(f'<p class="edition-docline" data-document-id="{html_attribute(document.id)}">{line}</p>')


def paragraph_count(document: Document) -> int:
    """Numbered paragraphs as printed; without numbers, the paragraphs of the text."""
    numbered = sum(1 for block in document.blocks if block.number and block.kind in ("paragraph", "lead"))
    return numbered or sum(1 for block in document.blocks if block.kind in ("paragraph", "lead"))


def _source(document: Document, linker: Linker) -> str:
    return linker.anchor(source_path(document), html_text(document.source)) + " (original text, unchanged)"


def printed_header(lines: tuple[str, ...]) -> str:
    """The cable's header lines exactly as printed, folded away."""
    if not lines:
        return ""
    text = "\n".join(html_text(line) for line in lines if line.strip())
    return f'<details class="edition-printed-header"{NOT_SEARCHED}>\n<summary>Header as printed</summary>\n<pre>{text}</pre>\n</details>'


def emendation_log(document: Document, linker: Linker) -> str:
    source = linker.anchor(source_path(document), "source file")
    if not document.emendations:
        return raw(
            f'<div class="edition-emendations"{NOT_SEARCHED}>\n<p>None: the text is printed as it stands in the {source}.</p>\n</div>'
        )
    view = source_view_path(document.source)
    rows = "".join(_emendation_row(e, linker, view, paragraph_at(document, e.line)) for e in document.emendations)
    return raw(
        f'<div class="edition-emendations"{NOT_SEARCHED}>\n'
        f"<p>Changes made to the source text for this page. The original stands as published in the {source};"
        f" each line number leads to the line in the {linker.anchor(view, 'source, line by line')}.</p>\n"
        "<table>\n<thead><tr><th>Line</th> <th>Kind</th> <th>Original</th> <th>Printed</th> <th>Note</th>"
        " <th>In the text</th></tr></thead>\n"
        f"<tbody>\n{rows}</tbody>\n</table>\n</div>"
    )


def _emendation_row(e: Emendation, linker: Linker, view: str, paragraph: Block | None) -> str:
    line = linker.anchor(view, str(e.line), f"L{e.line}")
    where = linker.anchor(linker.page, paragraph_name(paragraph), paragraph.anchor) if paragraph else "—"
    cells = (
        line,
        e.kind,
        html_text(e.original) or "(nothing)",
        html_text(e.corrected) or "(removed)",
        html_text(e.note),
    )
    return "<tr>" + " ".join(f"<td>{cell}</td>" for cell in (*cells, where)) + "</tr>\n"


def paragraph_name(block: Block) -> str:
    """`¶ 4` for a numbered paragraph (printed, or by the edition: `p4`); else `passage`."""
    if block.number and block.kind in ("paragraph", "lead"):
        return f"¶ {html_text(block.number)}"
    return f"¶ {block.anchor[1:]}" if re.fullmatch(r"p\d+", block.anchor) else "passage"


def paragraph_at(document: Document, line: int) -> Block | None:
    """The paragraph with an anchor that holds source line `line`: the last block to
    start at or before it, if it reaches that far (the last block's end estimated
    from its length: a source's lines are not kept per block); None for a line of
    the header, of a heading or after the text."""
    blocks = [block for block in document.blocks if block.line]
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        end = following.line if following is not None else block.line + len(block.text) // 50 + 2
        if block.line <= line < max(end, block.line + 1):
            return block if block.anchor else None
    return None


def document_list(items: Iterable[str], css_class: str) -> str:
    return raw(f'<ul class="{css_class}">\n' + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>")


def referenced_by(citing: list[Document], linker: Linker) -> str:
    return document_list(
        (f"{linker.anchor(d.page, html_text(d.title))} ({html_text(d.id)})" for d in citing),
        "edition-referenced-by",
    )


def related(items: list[tuple[Document, list[str], str]], linker: Linker, links: Crosslinks) -> str:
    """(document, shared entry ids, its date as shown) as a list of links."""
    return document_list(
        (
            f"{linker.anchor(d.page, html_text(d.title))}, {html_text(date)}; shared entries: "
            + ", ".join(html_text(links.entries[e].name) for e in shared)
            for d, shared, date in items
        ),
        "edition-related",
    )
