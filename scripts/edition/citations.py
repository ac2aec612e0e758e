"""Citations of a document and of its paragraphs, and the metadata reference managers read.

From the model and the edition's metadata this module makes, for each document page:

- the "Cite this" section: a Chicago reference (notes and bibliography, as a
  bibliography entry), an MLA reference (9th edition), BibTeX, RIS and CSL-JSON, each
  with a copy button that `docs/assets/javascripts/cite.js` serves;
- the front-matter key `citation`, which `overrides/main.html` writes into the page
  head: Highwire `citation_*` tags (read by Zotero and Google Scholar), Dublin Core
  tags, the CSL-JSON (`<script type="application/vnd.citationstyles.csl+json">`) and
  the citation data for the page's scripts (below).

What is cited. A cable: the post that sent it, in plain words, as author and
institution (`AMEMBASSY BAKU` is `US Embassy Baku`, `SECSTATE WASHDC` the `US
Department of State`: `post_name`), its subject as title, its id as report number,
its classification and date, and the public copy named by `cable_copy_url` in
`data/edition.yml`. An article: its author, title, publication, date and original
address, as far as they are known. Both are cited as read in the edition, at the
address of their page.

The published address is `data/edition.yml`'s `url`, else MkDocs' `site_url` unless
that is a local address (127.0.0.1, localhost: the default of mkdocs.yml, a preview
build). Without one, references say "Address not yet published." instead of inventing
an address, and carry no access date.

The access date is the reader's, not the build's: nothing is dated in the page. Where
the date goes, the page holds an empty `<span data-accessed="STYLE">`, which cite.js
fills with the reader's day (on display, and again when copying): "Accessed 29
November 2026. " (Chicago, before the address), " Accessed 29 Nov. 2026." (MLA, at
the end), `urldate` (BibTeX), `Y2` (RIS), `accessed` (CSL-JSON); see `access_text`.

Contract with the page's scripts (stable: keys may be added, never changed):
`<script type="application/json" id="edition-citation">` in the page head holds

    {
      "id": "07BAKU595",
      "url": "https://…/documents/07BAKU595/",
      "chicago": "US Embassy Baku. “…” Cable 07BAKU595, 16 May 2007. … https://….",
      "mla": "US Embassy Baku. “…” Cable 07BAKU595, 16 May 2007. …",
      "templates": {
        "chicago": "… {accessed}https://…/documents/07BAKU595/.",
        "mla": "… example.org/…/documents/07BAKU595/.{accessed}",
        "paragraph_chicago": "… 16 May 2007, ¶ {paragraph}. … {accessed}https://…/07BAKU595/#{anchor}.",
        "paragraph_mla": "… 16 May 2007, ¶ {paragraph}. … …/07BAKU595/#{anchor}.{accessed}"
      }
    }

- `id`: the document id; `url`: the page's published address, or null when there is
  none (then no template holds `{accessed}` or `{anchor}`);
- `chicago`, `mla`: the document's references as plain text, without an access date;
- `templates`: the same, and a paragraph's, in Python's format syntax: `{accessed}`
  is the access date or "" (`access_text`), `{paragraph}` a paragraph's number as
  printed ("4"), `{anchor}` its id ("p4"); a brace of the text itself is doubled.

A paragraph's reference is the document's with ", ¶ N" after the date and the
paragraph's address (the page's + "#" + anchor). cite.js fills the templates for
other scripts, with the reader's access date: `window.editionCitation.paragraph(
"chicago", "4", "p4")`, `window.editionCitation.document("mla")`.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from . import annotate
from .escape import yaml_string
from .model import Article, Cable, Document

STYLES = ("chicago", "mla", "bibtex", "ris", "csl")
LABELS = {"chicago": "Chicago", "mla": "MLA", "bibtex": "BibTeX", "ris": "RIS", "csl": "CSL-JSON"}
NOT_PUBLISHED = "Address not yet published"
# Hosts of a site built for a preview on one's own machine: not a published address.
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0", ""}
_MONTHS = "January February March April May June July August September October November December".split()
_MLA_MONTHS = "Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec.".split()
_BIBTEX_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()

# How the cable system names the posts, in plain words. A post named by its kind and
# place (AMEMBASSY BAKU) follows the rule; the others are listed whole. No commas:
# RIS readers (Zotero) split an author at a comma into last and first names.
_POST_KINDS = {
    "AMEMBASSY": "US Embassy",
    "AMCONSUL": "US Consulate",
    "USMISSION": "US Mission",
    "USINT": "US Interests Section",
}
_POSTS = {
    "SECSTATE WASHDC": "US Department of State",
    "SECSTATE": "US Department of State",
    "SECDEF WASHDC": "US Department of Defense",
    "USMISSION USNATO": "US Mission to NATO",
    "USNATO": "US Mission to NATO",
    "USEU BRUSSELS": "US Mission to the European Union",
    "USMISSION UNVIE VIENNA": "US Mission to the International Organizations in Vienna",
    "UNVIE VIENNA": "US Mission to the International Organizations in Vienna",
    "USMISSION USUN NEW YORK": "US Mission to the United Nations",
    "USUN NEW YORK": "US Mission to the United Nations",
    "USMISSION USOSCE": "US Mission to the OSCE",
    "USOSCE": "US Mission to the OSCE",
    "RPO DUBAI": "Iran Regional Presence Office Dubai",
    "IRAN RPO DUBAI": "Iran Regional Presence Office Dubai",
    "AIT TAIPEI": "American Institute in Taiwan",
}
# Words of a place name written in lower case (Rio de Janeiro, Port-of-Spain).
_PARTICLES = {"AL", "AU", "DA", "DE", "DEL", "DES", "DI", "DO", "DOS", "EL", "ES", "LA", "OF"}


def post_name(origin: str) -> str:
    """The post that sent a cable in plain words: `AMEMBASSY BAKU` -> `US Embassy Baku`,
    `AMCONSUL RIO DE JANEIRO` -> `US Consulate Rio de Janeiro`; a name neither listed
    nor of a known kind is given as printed."""
    name = " ".join(origin.split()).upper()
    if name in _POSTS:
        return _POSTS[name]
    kind, _, place = name.partition(" ")
    if kind in _POST_KINDS and place:
        return f"{_POST_KINDS[kind]} {_place_name(place)}"
    return " ".join(origin.split())


def _place_name(place: str) -> str:
    words = re.split(r"([ -])", place)
    return "".join(
        w.lower() if i > 0 and w in _PARTICLES else w.capitalize() if i % 2 == 0 else w for i, w in enumerate(words)
    )


def published_address(site_url: str) -> str:
    """The address the edition is published at (ending in "/"), or "" when `site_url`
    is empty or local (a preview build: 127.0.0.1, localhost)."""
    if not site_url:
        return ""
    host = (urlsplit(site_url).hostname or "").lower()
    if host in _LOCAL_HOSTS or host.endswith(".localhost"):
        return ""
    return site_url.rstrip("/") + "/"


@dataclass(frozen=True)
class CitedWork:
    """What the references say about a document, gathered once."""

    id: str
    kind: str  # cable | article
    title: str
    author: str  # the post (cables), the author as given (articles), or ""
    date: tuple[int, ...]  # (year, month, day), shorter for a date of lower precision; () undated
    date_approximate: bool
    edition: str  # the edition's title
    url: str  # the page's published address, or ""
    number: str = ""  # cable id
    classification: str = ""
    publication: str = ""
    original_url: str = ""  # an article's original address
    public_copy: str = ""  # the public copy of a cable


def cited_work(document: Document, context: annotate.Context) -> CitedWork:
    base = published_address(context.site_url)
    url = base + quote(document.url_in(context.directory_urls), safe="/") if base else ""
    common: dict[str, Any] = {
        "id": document.id,
        "kind": document.kind,
        "title": " ".join(document.title.split()),
        "date": _date_parts(document.date),
        "date_approximate": document.date_approximate,
        "edition": context.site_name,
        "url": url,
    }
    if isinstance(document, Cable):
        number = document.cable_id or ""
        copy = context.edition.cable_copy(quote(number, safe=""))
        return CitedWork(
            **common,
            author=post_name(document.origin) if document.origin else "",
            number=number,
            classification=" ".join((document.classification or "").split()),
            public_copy=copy,
        )
    assert isinstance(document, Article)
    return CitedWork(
        **common,
        author=" ".join((document.author or "").split()),
        publication=" ".join((document.publication or "").split()),
        original_url=document.url_original or "",
    )


def _date_parts(date: str | None) -> tuple[int, ...]:
    """(2007, 5, 16) from `2007-05-16T13:24Z`; (2013, 11) from `2013-11`; () from None."""
    if not date:
        return ()
    return tuple(int(part) for part in re.findall(r"\d+", date[:10]))[:3]


# References as pieces: text, and slots that the page's script fills -------------


@dataclass(frozen=True)
class Slot:
    name: str  # accessed | paragraph | anchor


ACCESSED, PARAGRAPH, ANCHOR = Slot("accessed"), Slot("paragraph"), Slot("anchor")
Pieces = list[str | Slot]


def access_text(style: str, day: datetime.date) -> str:
    """What fills the access-date slot of a reference in `style` (cite.js does the same)."""
    if style == "chicago":
        return f"Accessed {day.day} {_MONTHS[day.month - 1]} {day.year}. "
    if style == "mla":
        return f" Accessed {day.day} {_MLA_MONTHS[day.month - 1]} {day.year}."
    if style == "bibtex":
        return f",\n  urldate = {{{day.isoformat()}}}"
    if style == "ris":
        return f"Y2  - {day.year:04d}/{day.month:02d}/{day.day:02d}/\n"
    assert style == "csl", style
    return f',\n    "accessed": {{"date-parts": [[{day.year}, {day.month}, {day.day}]]}}'


def text(
    pieces: Pieces, style: str, accessed: datetime.date | None = None, paragraph: str = "", anchor: str = ""
) -> str:
    """The reference as plain text; without `accessed`, without an access date."""
    values = {
        "accessed": access_text(style, accessed) if accessed else "",
        "paragraph": paragraph,
        "anchor": anchor,
    }
    return "".join(values[p.name] if isinstance(p, Slot) else p for p in pieces)


def template(pieces: Pieces) -> str:
    """The reference in Python's format syntax: `{accessed}`, `{paragraph}`, `{anchor}`."""
    return "".join(f"{{{p.name}}}" if isinstance(p, Slot) else p.replace("{", "{{").replace("}", "}}") for p in pieces)


def html_of(pieces: Pieces, style: str) -> str:
    """The reference as HTML, the access date an empty element for cite.js to fill."""
    slot = f'<span class="edition-accessed" data-accessed="{style}"></span>'
    return "".join(
        (slot if p == ACCESSED else "") if isinstance(p, Slot) else html.escape(p, quote=False) for p in pieces
    )


def _quoted_title(title: str) -> str:
    """`“Title.”`: the full stop inside the quotation marks, unless the title ends in one."""
    return f"“{title}”" if title[-1:] in ".?!…" else f"“{title}.”"


def _human_date(work: CitedWork, months: Sequence[str]) -> str:
    """`16 May 2007`; in brackets when the editors inferred it; "" when undated."""
    parts = [str(work.date[2])] if len(work.date) > 2 else []
    parts += [months[work.date[1] - 1]] if len(work.date) > 1 else []
    parts += [str(work.date[0])] if work.date else []
    date = " ".join(parts)
    return f"[{date}]" if date and work.date_approximate else date


def _without_scheme(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def _locator(paragraph: bool) -> Pieces:
    return [", ¶ ", PARAGRAPH] if paragraph else []


def _address(work: CitedWork, paragraph: bool, scheme: bool = True) -> Pieces:
    url = work.url if scheme else _without_scheme(work.url)
    return [url, "#", ANCHOR] if paragraph else [url]


def chicago(work: CitedWork, paragraph: bool = False) -> Pieces:
    """Chicago (notes and bibliography), as a bibliography entry; with `paragraph`,
    a paragraph's reference (slots PARAGRAPH and ANCHOR)."""
    pieces: Pieces = [f"{work.author}. "] if work.author else []
    pieces.append(_quoted_title(work.title) + " ")
    date = _human_date(work, _MONTHS) or "n.d."
    if work.kind == "cable":
        pieces += [f"Cable {work.number}, " if work.number else "Cable, ", date, *_locator(paragraph), ". "]
        if work.classification:
            pieces.append(f"{work.classification}. ")
    else:
        pieces += [f"{work.publication}, " if work.publication else "", date, *_locator(paragraph), ". "]
        if work.original_url:
            pieces.append(f"{work.original_url}. ")
    pieces.append(f"In {work.edition}. ")
    if work.url:
        pieces += [ACCESSED, *_address(work, paragraph), "."]
    else:
        pieces.append(f"{NOT_PUBLISHED}.")
    return pieces


def mla(work: CitedWork, paragraph: bool = False) -> Pieces:
    """MLA (9th edition): the source, then the edition as a second container."""
    pieces: Pieces = [f"{work.author}. "] if work.author else []
    pieces.append(_quoted_title(work.title) + " ")
    date = _human_date(work, _MLA_MONTHS)
    if work.kind == "cable":
        first = [f"Cable {work.number}" if work.number else "Cable", *([", " + date] if date else [])]
    else:
        first = [", ".join(part for part in (work.publication, date, _without_scheme(work.original_url)) if part)]
    if first != [""]:
        pieces += [*first, *_locator(paragraph), ". "]
    elif paragraph:
        pieces += ["¶ ", PARAGRAPH, ". "]
    if work.url:
        pieces += [f"{work.edition}, ", *_address(work, paragraph, scheme=False), ".", ACCESSED]
    else:
        pieces.append(f"{work.edition}. {NOT_PUBLISHED}.")
    return pieces


# The formats reference managers import ------------------------------------------


def _notes(work: CitedWork) -> list[str]:
    notes = [f"Classification: {work.classification}"] if work.classification else []
    if work.date_approximate:
        notes.append("Date inferred by the editors")
    if work.original_url:
        notes.append(f"Originally published at {work.original_url}")
    if work.public_copy:
        notes.append(f"Public copy: {work.public_copy}")
    notes.append(f"In {work.edition}" + ("" if work.url else f"; {NOT_PUBLISHED.lower()}"))
    return notes


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_TABLE = str.maketrans(_BIBTEX_SPECIAL)


def bibtex_text(value: str) -> str:
    """`value` as the text of a BibTeX field: LaTeX's special characters escaped, so
    that braces stay balanced and nothing is read as a command."""
    return " ".join(value.split()).translate(_BIBTEX_TABLE)


def bibtex(work: CitedWork) -> Pieces:
    """`@techreport` for a cable, `@article` for an article with a publication, else
    `@misc`; titles and corporate authors in double braces, to keep their case."""
    fields: list[tuple[str, str]] = []
    if work.author:
        author = bibtex_text(work.author)
        fields.append(("author", f"{{{{{author}}}}}" if work.kind == "cable" else f"{{{author}}}"))
    fields.append(("title", f"{{{{{bibtex_text(work.title)}}}}}"))
    if work.kind == "cable":
        entry = "techreport"
        fields += [("institution", f"{{{bibtex_text(work.author)}}}")] if work.author else []
        fields.append(("type", "{Cable}"))
        fields += [("number", f"{{{bibtex_text(work.number)}}}")] if work.number else []
    else:
        entry = "article" if work.publication else "misc"
        fields += [("journal", f"{{{bibtex_text(work.publication)}}}")] if work.publication else []
    if work.date:
        fields.append(("year", f"{{{work.date[0]}}}"))
        fields += [("month", _BIBTEX_MONTHS[work.date[1] - 1])] if len(work.date) > 1 else []
        fields.append(("date", "{" + "-".join(f"{p:02d}" for p in work.date) + "}"))
    fields.append(("note", f"{{{bibtex_text('. '.join(_notes(work)))}}}"))
    if work.url:
        fields.append(("url", "{" + re.sub(r"[{}\\\s]", "", work.url) + "}"))
    key = re.sub(r"[^A-Za-z0-9_:-]", "", work.id) or "document"
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return [f"@{entry}{{{key},\n{body}", *([ACCESSED] if work.url else []), "\n}"]


def ris(work: CitedWork) -> Pieces:
    """RIS: `RPRT` for a cable (report number in SN, institution in PB), `NEWS` for an article."""
    lines = [("TY", "RPRT" if work.kind == "cable" else "NEWS")]
    lines += [("AU", work.author)] if work.author else []
    lines.append(("TI", work.title))
    if work.kind == "cable":
        lines += [("PB", work.author)] if work.author else []
        lines += [("M3", "Cable")] + ([("SN", work.number)] if work.number else [])
    elif work.publication:
        lines.append(("T2", work.publication))
    if work.date:
        lines.append(("PY", f"{work.date[0]:04d}"))
        lines.append(("DA", "/".join(f"{p:02d}" for p in work.date) + "/" * (4 - len(work.date))))
    lines += [("N1", note) for note in _notes(work)]
    lines.append(("DB", work.edition))
    lines += [("UR", work.url)] if work.url else []
    lines.append(("LA", "en"))
    # One line per field: line breaks in a value would start a new (bogus) field.
    text = "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)
    return [text, *([ACCESSED] if work.url else []), "ER  - "]


def csl(work: CitedWork) -> dict[str, Any]:
    """The CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    item: dict[str, Any] = {"id": work.id, "type": "report" if work.kind == "cable" else "article-newspaper"}
    item["title"] = work.title
    if work.author:
        item["author"] = [{"literal": work.author}]
    if work.kind == "cable":
        item |= {"publisher": work.author} if work.author else {}
        item |= {"genre": "Cable"} | ({"number": work.number} if work.number else {})
    elif work.publication:
        item["container-title"] = work.publication
    if work.date:
        item["issued"] = {"date-parts": [list(work.date)]} | ({"circa": True} if work.date_approximate else {})
    item["collection-title"] = work.edition
    item["note"] = ". ".join(_notes(work))
    if work.url:
        item["URL"] = work.url
    item["language"] = "en"
    return item


def csl_json(work: CitedWork) -> Pieces:
    """The CSL-JSON item as a list of one, pretty-printed, with the access-date slot."""
    text = json.dumps([csl(work)], ensure_ascii=False, indent=2)
    end = "\n  }\n]"
    assert text.endswith(end)
    return [text[: -len(end)], *([ACCESSED] if work.url else []), end]


def formats(work: CitedWork) -> dict[str, Pieces]:
    """Every format of the document's reference, by style."""
    return {"chicago": chicago(work), "mla": mla(work), "bibtex": bibtex(work), "ris": ris(work), "csl": csl_json(work)}


# What the page carries: front matter for the page head, the "Cite this" section -----


def page_data(work: CitedWork) -> dict[str, Any]:
    """The citation data for the page's scripts (the contract in the module docstring)."""
    return {
        "id": work.id,
        "url": work.url or None,
        "chicago": text(chicago(work), "chicago"),
        "mla": text(mla(work), "mla"),
        "templates": {
            "chicago": template(chicago(work)),
            "mla": template(mla(work)),
            "paragraph_chicago": template(chicago(work, paragraph=True)),
            "paragraph_mla": template(mla(work, paragraph=True)),
        },
    }


def meta_tags(work: CitedWork) -> list[tuple[str, str]]:
    """(name, content) of the page's Highwire `citation_*` and Dublin Core tags, as
    Zotero's and Google Scholar's readers expect them; the page adds `citation_language`."""
    date = "/".join(f"{p:02d}" for p in work.date)
    tags = [("citation_title", work.title)]
    tags += [("citation_author", work.author)] if work.author else []
    tags += [("citation_date", date), ("citation_publication_date", date)] if date else []
    if work.kind == "cable":
        tags += [("citation_technical_report_number", work.number)] if work.number else []
        tags += [("citation_technical_report_institution", work.author)] if work.author else []
    elif work.publication:
        tags.append(("citation_journal_title", work.publication))
    if work.url:
        tags += [("citation_public_url", work.url), ("citation_abstract_html_url", work.url)]
    tags += [("DC.title", work.title), ("DC.type", "Text")]
    tags += [("DC.creator", work.author)] if work.author else []
    tags += [("DC.date", "-".join(f"{p:02d}" for p in work.date))] if work.date else []
    identifier = work.number if work.kind == "cable" else work.original_url
    tags += [("DC.identifier", identifier)] if identifier else []
    tags += [("DC.source", work.public_copy)] if work.public_copy else []
    return tags


def front_matter(work: CitedWork) -> str:
    """The page's front-matter key `citation` (YAML, every string double-quoted)."""
    meta = "".join(
        f"    - {_flow({'name': name, 'content': content})}\n" for name, content in meta_tags(work) if content
    )
    return f"citation:\n  meta:\n{meta}  csl: {_flow([csl(work)])}\n  data: {_flow(page_data(work))}"


def _flow(value: Any) -> str:
    """`value` as YAML in flow style, each string through `yaml_string`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_string(key)}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return yaml_string(str(value))


def section_html(work: CitedWork, after: str = "") -> str:
    """The body of the "Cite this" section: each format with its copy button (the
    access date left to cite.js), then `after` (HTML). Kept out of both search indexes."""
    parts = [
        '<div class="edition-citation" data-pagefind-ignore="all" data-search-exclude>',
        f"<p>{'' if work.url else f'{NOT_PUBLISHED}: the references below give none. '}"
        f"A numbered paragraph is cited as the page, with “¶ N” after the date"
        f"{' and its address' if work.url else ''}.</p>",
    ]
    for style, pieces in formats(work).items():
        target = f"cite-{style}"
        button = (
            f'<button class="md-button edition-copy" type="button" data-copy-target="{target}"'
            f' aria-label="Copy the {LABELS[style]} reference">Copy</button>'
        )
        if style in ("chicago", "mla"):
            parts.append(f'<p class="edition-cite-label">{LABELS[style]} {button}</p>')
            parts.append(f'<p class="edition-cite-text" id="{target}">{html_of(pieces, style)}</p>')
        else:
            parts.append(
                f'<details class="edition-cite-format">\n<summary>{LABELS[style]}</summary>\n<p>{button}</p>\n'
                f'<pre class="edition-{style}"><code id="{target}">{html_of(pieces, style)}</code></pre>\n</details>'
            )
    if work.public_copy:
        link = html.escape(work.public_copy)
        parts.append(f'<p>Public copy of the cable: <a href="{link}" class="external" rel="nofollow">{link}</a></p>')
    if after:
        parts.append(after)
    parts.append("</div>")
    return "\n".join(parts)
