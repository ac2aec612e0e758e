"""Annotation: the apparatus added to document text, as marks over source text.

Footnote markers for a cable's references (`ref a`, `ref b and c`, `reftel`), the
publisher's redactions in a cable, and external links kept from articles. Marks are
positions in the source text carrying HTML; `escape.html_inline` weaves them into the
escaped text. A footnote marker's markup depends on its number and on how often the
note was cited before, so its mark names the note and `render_body` writes the marker.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from .crosslinks import Crosslinks
from .escape import Mark, html_attribute, html_text
from .metadata import DEFAULT as DEFAULT_EDITION
from .metadata import EditionInfo
from .model import Block, Cable, Document, Reference
from .render_html import Linker

# `ref a`, `refs a and b`, `ref (c)`, `reftel`, `REF B demarche` ...
_REF_USE = re.compile(
    r"\b(?P<word>reftels?|refs?)\b\.?(?P<letters>(?:\s*(?:,|and|&|/)?\s*\(?[A-Za-z]\)?(?![\w'’-]))*)",
    re.I,
)
_LETTER = re.compile(r"(?<![A-Za-z])\(?([A-Za-z])\)?(?![A-Za-z])")


@dataclass(frozen=True)
class Context:
    """What annotation needs to know about the whole edition."""

    pages: dict[str, str]  # document id -> Markdown page path, for cross-links
    links: Crosslinks = field(default_factory=Crosslinks)  # glossary mentions, related documents
    site_name: str = "Annotated Edition"
    site_url: str = ""  # absolute address of the published site, for citations
    directory_urls: bool = True  # MkDocs' use_directory_urls
    search_facets: bool = False  # pages carry Pagefind filters
    edition: EditionInfo = DEFAULT_EDITION  # data/edition.yml, for citations


def footnote_label(reference: Reference) -> str:
    """`ref-a` for REF A, `ref` for an unlettered REF: render_body shows `A`, `Ref`."""
    return f"ref-{reference.label.lower()}" if reference.label else "ref"


def block_marks(document: Document, block: Block) -> list[Mark]:
    marks = [
        Mark(link.start, link.end, f'<a href="{html.escape(link.url)}" class="external" rel="nofollow">', "</a>")
        for link in block.links
    ]
    if isinstance(document, Cable):
        marks += redaction_marks(block.text)
        if document.references:
            marks += _reference_marks(document, block.text)
    return marks


# The publisher's redactions in Cablegate: a name or a detail replaced by a run of
# X, capital or not (most often twelve capitals, or five small letters). Shorter runs
# can be a cable's own placeholders. A run glued to other letters or digits
# (`XXXXXXXXXXXX10.`) is left as it stands: marking it would cut the word in two.
_REDACTION = re.compile(r"(?<!\w)(?:X{5,}|x{5,})(?!\w)")
REDACTION_TITLE = "removed by the publisher"


def redaction_marks(text: str) -> list[Mark]:
    """Each run of X the publisher put in place of words, marked as such; the X stay
    in the text, so that a search for them still finds it."""
    return [
        Mark(m.start(), m.end(), f'<span class="edition-redaction" title="{REDACTION_TITLE}">', "</span>")
        for m in _REDACTION.finditer(text)
    ]


def _reference_marks(cable: Cable, text: str) -> list[Mark]:
    by_label: dict[str, Reference] = {}
    for cited in cable.references:
        by_label.setdefault(cited.label.upper(), cited)
    # An unlettered REF (one item, maybe naming several cables) is what `reftel` means.
    only = cable.references[0] if set(by_label) == {""} else None
    marks = []
    for m in _REF_USE.finditer(text):
        found = False
        for letter in _LETTER.finditer(m["letters"]):
            reference = by_label.get(letter[1].upper())
            if reference is not None:
                # `ref b)` in brackets: the marker goes after the letter, not the bracket.
                at = m.start("letters") + (letter.end() if letter[0].startswith("(") else letter.end(1))
                marks.append(Mark(at, at, note=footnote_label(reference)))
                found = True
        if not found and only is not None:
            at = m.end("word")
            marks.append(Mark(at, at, note=footnote_label(only)))
    return marks


def footnotes(cable: Cable, context: Context, used: set[str], linker: Linker) -> list[tuple[str, str]]:
    """(label, HTML) for each item of the REF line the text uses, in REF order: one
    note per label, naming each document of the item."""
    groups: dict[str, list[Reference]] = {}
    for reference in cable.references:
        groups.setdefault(footnote_label(reference), []).append(reference)
    return [(label, _item_note(group, context, linker)) for label, group in groups.items() if label in used]


def _item_note(references: list[Reference], context: Context, linker: Linker) -> str:
    label = references[0].label
    prefix = html_text(f"Ref. {label}:" if label else "Ref.:") + " "
    return prefix + "; ".join(reference_note(r, context, linker).removesuffix(".") for r in references) + "."


def reference_note(reference: Reference, context: Context, linker: Linker) -> str:
    """One document of a REF item, as HTML: its text, and its cable id or why it has none."""
    text = html_text(reference.text)
    if reference.kind != "cable":
        return text + " (not a cable; not in this edition)."
    if reference.cable_id is None:
        return text + " (a cable of unknown year; not in this edition)."
    if reference.cable_id in context.pages:
        title = html_attribute(f"Cable {reference.cable_id}")
        link = linker.anchor(context.pages[reference.cable_id], reference.cable_id, attributes=f' title="{title}"')
        return f"{text}, cable {link} in this edition."
    # A public copy elsewhere, when data/edition.yml says where copies are.
    address = context.edition.cable_copy(quote(reference.cable_id))
    if not address:
        return f"{text} (cable {reference.cable_id}): not in this edition."
    copy = f'<a href="{html.escape(address)}" class="external" rel="nofollow">a public copy</a>'
    return f"{text} (cable {reference.cable_id}): not in this edition; see {copy}."
