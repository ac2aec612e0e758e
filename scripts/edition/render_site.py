"""The edition's own pages: the home page and "About this edition".

Both are made from the edition's metadata (`data/edition.yml`, `metadata`) and from
the documents. The home page stays one screen or two at a thousand documents: counts
by kind, classification and post, the span of dates, the newest and the most-cited
documents, and links to the rest. The About page explains the edition's rules in the
words of the code that applies them (docstrings and constants), so it cannot drift.
"""

from __future__ import annotations

import html
import inspect
import re
from collections import Counter
from collections.abc import Callable

from . import crosslinks, render_html, sources, timeline
from . import glossary as glossary_module
from .crosslinks import Crosslinks
from .escape import escape, html_text
from .glossary import KINDS, Glossary
from .markdown_raw import raw
from .metadata import EditionInfo
from .model import Cable, Document, Emendation
from .readers import anatomy, cable, frontmatter
from .render import TEMPLATES, format_date, human_date

SHORT_LIST = 10  # documents, posts ... shown on the home page; the rest are folded or in the index


def _counts(counter: Counter[str], label: str) -> str:
    """A count table, the SHORT_LIST most frequent first, the rest folded."""
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    rows = [[html_text(name), f"{count:,}"] for name, count in ranked]
    table = render_html.head_table(rows[:SHORT_LIST], [label, "Documents"])
    if len(rows) > SHORT_LIST:
        rest = render_html.head_table(rows[SHORT_LIST:], [label, "Documents"])
        table += f"\n<details>\n<summary>{len(rows) - SHORT_LIST:,} more</summary>\n{rest}\n</details>"
    return raw(table)


def _document_list(documents: list[Document], linker: render_html.Linker, extra: Callable[[Document], str]) -> str:
    rows = [[html_text(human_date(d)), d.kind, linker.anchor(d.page, html_text(d.title)), extra(d)] for d in documents]
    return raw(render_html.head_table(rows, ["Date", "Kind", "Title", ""]))


def render_home(documents: list[Document], links: Crosslinks, edition: EditionInfo, directory_urls: bool = True) -> str:
    linker = render_html.Linker("index.md", directory_urls)
    cables = [d for d in documents if isinstance(d, Cable)]
    dated = sorted((d for d in documents if d.date), key=lambda d: (d.date or "", d.id))
    newest = list(reversed(dated[-SHORT_LIST:]))
    by_id = {d.id: d for d in documents}
    cited = sorted(
        ((len(citing), doc_id) for doc_id, citing in links.referenced_by.items() if citing and doc_id in by_id),
        key=lambda item: (-item[0], item[1]),
    )[:SHORT_LIST]
    citations = {doc_id: count for count, doc_id in cited}
    return TEMPLATES.get_template("home.md.j2").render(
        title=escape(edition.title),
        description=raw(f"<p>{html_text(edition.description)}</p>") if edition.description else "",
        count=len(documents),
        kinds=_counts(Counter(d.kind for d in documents), "Kind") if documents else "",
        classifications=_counts(Counter(d.classification or "not stated" for d in cables), "Classification")
        if cables
        else "",
        posts=_counts(Counter(d.origin or "not stated" for d in cables), "Post") if cables else "",
        first=format_date(dated[0].date) if dated else "",
        last=format_date(dated[-1].date) if dated else "",
        undated=len(documents) - len(dated),
        newest=_document_list(newest, linker, lambda d: "") if newest else "",
        most_cited=_document_list([by_id[i] for _, i in cited], linker, lambda d: f"cited by {citations[d.id]:,}")
        if cited
        else "",
    )


_CODE = re.compile(r"`([^`]+)`")


def _prose(text: str) -> str:
    """A paragraph of the code's own documentation as HTML: lines joined, `code` kept."""
    return _CODE.sub(r"<code>\1</code>", html_text(text))


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in inspect.cleandoc(text).split("\n\n") if p.strip()]


# A function's docstring opens with what it returns, `(ISO date, precision) …`: that
# sentence is for programmers; the rules follow it.
_RETURNS = re.compile(r"^\([^)]*\)[^.]*\.\s*")
_SCHEMA_NOTE = re.compile(r"\s*\(schema below[^)]*\)")


def _doc(obj: object) -> str:
    """The rules a function's docstring states, on one line."""
    return _RETURNS.sub("", " ".join((inspect.getdoc(obj) or "").split()))


def _rules(edition_documents: list[Document], glossary: Glossary) -> dict[str, str]:
    """Each rule section of the About page, as HTML from the code's documentation."""
    decoding = next(p for p in _paragraphs(sources.__doc__ or "") if p.startswith("Decoding rule"))
    dateline = next(
        (line.strip("- ") for line in (anatomy.__doc__ or "").splitlines() if line.strip().startswith("- dateline")),
        "",
    )
    dates = [
        f"Cables: the date-time group of the header. {_doc(cable._date)}",
        f"Articles: the editorial metadata, else the first of the front-matter keys "
        f"{', '.join(frontmatter.FIELDS['date'])}. {_doc(frontmatter.parse_date)}",
        f"Articles without a stated date: the {dateline}.",
        f"Timeline: {_SCHEMA_NOTE.sub('', _paragraphs(timeline.__doc__ or '')[1])}",
    ]
    kinds = Counter(e.kind for d in edition_documents for e in d.emendations)
    entries = Counter(e.kind for e in glossary.entries)
    glossary_kinds = [f"{heading} ({entries.get(kind, 0):,})" for kind, (_, heading) in KINDS.items()]
    return {
        "decoding": raw(f"<p>{_prose(decoding)}</p>"),
        "dates": raw("<ul>\n" + "".join(f"<li>{_prose(d)}</li>\n" for d in dates) + "</ul>"),
        "emendation": raw(
            f"<p>{_prose(_doc(Emendation))} Each one is listed at the end of its document's page, with the line of "
            f"the source, the original and the reading of the edition. Kinds in this edition: "
            f"{html_text(', '.join(f'{k} ({n:,})' for k, n in sorted(kinds.items())) or 'none')}.</p>"
        ),
        "glossary": raw(
            f"<p>{_prose(_paragraphs(glossary_module.__doc__ or '')[0])} Entries by kind: "
            f"{html_text(', '.join(glossary_kinds))}. {_prose(_doc(crosslinks))}</p>"
        ),
    }


def render_about(edition: EditionInfo, documents: list[Document], glossary: Glossary) -> str:
    items = [f"<li>{html_text(c)}</li>\n" for c in edition.collections]
    return TEMPLATES.get_template("about.md.j2").render(
        title=escape(edition.title),
        description=raw(f"<p>{html_text(edition.description)}</p>") if edition.description else "",
        editors=raw(f"<p>Edited by {html_text(', '.join(edition.editors))}.</p>") if edition.editors else "",
        collections=raw("<ul>\n" + "".join(items) + "</ul>") if items else "",
        licence=raw(f"<p>{html_text(edition.licence)}</p>") if edition.licence else "",
        url=raw(f'<p>Published at <a href="{html.escape(edition.url)}">{html_text(edition.url)}</a>.</p>')
        if edition.url
        else "",
        **_rules(documents, glossary),
    )
