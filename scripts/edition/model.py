"""The document model: small frozen dataclasses, no I/O.

Text held here is source text (cleaned and emended, never escaped); it becomes
Markdown only in `render`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Emendation:
    """One change made to the source text, with the original kept for the reader."""

    line: int  # line of the source file where the original stands
    kind: str  # page-break, rejoin, link-debris, renumber, unescape, correction, ...
    original: str
    corrected: str  # "" when something was removed
    note: str = ""


@dataclass(frozen=True)
class Link:
    """An external link kept from the source: `text[start:end]` points to `url`."""

    start: int
    end: int
    url: str


@dataclass(frozen=True)
class Span:
    """A style of the source kept over `text[start:end]`: emphasis (`em`) or strong
    emphasis (`strong`). Spans may nest and may hold or sit inside a link."""

    start: int
    end: int
    kind: str  # em | strong


@dataclass(frozen=True)
class Block:
    """A unit of body text: a paragraph, heading, pull quote, sub-paragraph ...

    Kinds: paragraph | lead | subparagraph | heading | pull_quote (all readers);
    quote (a paragraph of a block quote) | item (a paragraph of a list item) |
    figure (an image: `text` its description, `target` its address) | caption |
    code | rule | row (a table row: `cells` start offsets into `text`) (Markdown);
    article anatomy: fly_title | standfirst | dateline | byline | end_mark | bio |
    sources_heading (the label of a closing list of sources or notes) | source (one entry).
    """

    kind: str
    text: str
    line: int
    anchor: str = ""  # "p4": the id readers link to
    number: str | None = None  # paragraph number as printed (after emendation)
    marking: str | None = None  # classification marking: C, U, SBU, S, ...
    repeats: str = ""  # for a pull quote: anchor of the paragraph it repeats
    links: tuple[Link, ...] = ()  # external links, as spans of `text`
    level: int = 0  # heading level (0: as the reader decides), list or quote depth, 1 for a table's head row
    target: str = ""  # a figure's image: a checked http(s) address, or "" when it has none
    cells: tuple[int, ...] = ()  # a table row: where each cell starts in `text` (cells joined by one space)
    styles: tuple[Span, ...] = ()  # emphasis kept from the source, as spans of `text`


@dataclass(frozen=True)
class Addressee:
    routing: str  # routing indicator, e.g. RUEHC ("" when the line has none)
    name: str  # SECSTATE WASHDC PRIORITY 3017


@dataclass(frozen=True)
class Reference:
    """A reference cable or document listed in a cable's REF line."""

    label: str  # "A", "B" ... or "" for a single unlettered reference
    text: str  # as printed: "BAKU 568"
    cable_id: str | None  # canonical id "07BAKU568" when it names a cable
    kind: str = "cable"  # cable | document (an e-mail, a memo, a resolution: no id)


@dataclass(frozen=True, kw_only=True)
class Document:
    kind: ClassVar[str] = "document"
    id: str
    source: str  # file name of the source, as found in the sources folder
    title: str
    date: str | None  # ISO 8601, possibly of reduced precision ("2013-11")
    date_precision: str  # minute | day | month | year | unknown
    date_approximate: bool = False  # inferred (by the editors, or from a partial record), not printed
    blocks: tuple[Block, ...]
    emendations: tuple[Emendation, ...] = ()
    notes: tuple[str, ...] = ()  # editorial notes shown with the document

    @property
    def page(self) -> str:
        """Path of the generated Markdown page, relative to the docs folder."""
        return f"documents/{self.id}.md"

    @property
    def url(self) -> str:
        """URL of the page relative to the site root."""
        return self.url_in(directory_urls=True)

    def url_in(self, directory_urls: bool) -> str:
        """The URL as MkDocs writes it: `documents/ID/`, or `documents/ID.html` for a
        site meant to be opened from a folder (use_directory_urls: false)."""
        return f"documents/{self.id}/" if directory_urls else f"documents/{self.id}.html"


@dataclass(frozen=True, kw_only=True)
class Cable(Document):
    kind: ClassVar[str] = "cable"
    cable_id: str | None
    origin: str | None
    precedence: str | None  # Priority, Immediate, Flash, Routine
    date_time_group: str | None
    classification: str | None
    subject: str | None
    tags: tuple[str, ...] = ()
    to: tuple[Addressee, ...] = ()
    info: tuple[Addressee, ...] = ()
    references: tuple[Reference, ...] = ()
    routing: tuple[str, ...] = ()  # header lines kept as metadata
    handling: tuple[str, ...] = ()  # SIPDIS, DEPT FOR ..., NOFORN ...
    declassification: str | None = None
    classified_by: str | None = None
    reasons: str | None = None
    signer: str | None = None
    partial: bool = False  # the publisher cut off the header
    cable_number: str | None = None  # "BAKU 595": station and serial number
    printed_header: tuple[str, ...] = ()  # every header line as printed
    sections: tuple[tuple[str, str, str], ...] = ()  # (summary|comment, first anchor, last anchor)
    origin_derived: bool = False  # the origin is the station of the classification line: no sender line (FM ...)
    # Contradictions within the record (another cable's classification line in the
    # body ...): shown on the page as a warning box, and reported by the build.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Article(Document):
    """An article; what its text does not say (publication, author, date, address)
    comes from editorial metadata and stays None when unknown."""

    kind: ClassVar[str] = "article"
    publication: str | None = None
    author: str | None = None
    url_original: str | None = None  # a checked http(s) address, safe in a Markdown link
    source_format: str = "text"  # text | markdown | html: the form the article was read from
    date_from_text: bool = False  # the date is read from a dateline in the text, not stated as metadata
    tags: tuple[str, ...] = ()  # front matter `tags`/`categories`, as given
    metadata: tuple[tuple[str, str], ...] = ()  # other front-matter keys and their values, as given

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "heading")

    def parts(self, kind: str) -> tuple[str, ...]:
        """The text of each block of one kind: `parts("standfirst")`."""
        return tuple(b.text for b in self.blocks if b.kind == kind)
