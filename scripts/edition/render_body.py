"""The text of a document, written as HTML.

Paragraphs carry their anchors (`p4`) and classes; the marks of `annotate` and of
the glossary are woven into the escaped text. A cable's reference notes follow the
text in the markup of Python-Markdown's footnotes extension, so that Material's
footnote tooltips and the reader's habits work unchanged. Headings stay Markdown, so
that they enter the page's table of contents. Parsing the text as Markdown would cost
more than all the rest of the page (docs/benchmark.md).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from markdown.extensions.toc import slugify, unique

from .escape import Mark, escape, html_inline, html_text
from .markdown_raw import raw
from .model import Block


class Footnotes:
    """Numbers and markers of the notes a document cites, in the order given."""

    def __init__(self, notes: list[tuple[str, str]]) -> None:
        self.notes = notes  # (label, HTML)
        self.numbers = {label: number for number, (label, _) in enumerate(notes, 1)}
        self.uses: Counter[str] = Counter()

    def marker(self, label: str) -> str:
        self.uses[label] += 1
        return (
            f'<sup id="{_reference_id(label, self.uses[label])}">'
            f'<a class="footnote-ref" href="#fn:{label}">{self.numbers[label]}</a></sup>'
        )

    def html(self) -> str:
        """The list of notes, each with links back to every place that cites it."""
        if not self.notes:
            return ""
        items = []
        for label, note in self.notes:
            title = f"Jump back to footnote {self.numbers[label]} in the text"
            back = "".join(
                f'<a class="footnote-backref" href="#{_reference_id(label, use)}" title="{title}">&#8617;</a>'
                for use in range(1, self.uses[label] + 1)
            )
            items.append(f'<li id="fn:{label}">\n<p>{note}&#160;{back}</p>\n</li>\n')
        return f'<div class="footnote">\n<hr />\n<ol>\n{"".join(items)}</ol>\n</div>'


def _reference_id(label: str, use: int) -> str:
    return f"fnref:{label}" if use == 1 else f"fnref{use}:{label}"


def block_html(block: Block, marks: list[Mark], footnotes: Footnotes) -> str:
    """One block (not a heading) as HTML; `marks` from `escape.non_overlapping`."""
    marks = [replace(m, after=footnotes.marker(m.note)) if m.note else m for m in marks]
    text = html_inline(block.text, marks)
    if block.kind == "pull_quote":
        source = f"Pull quote: repeats paragraph {block.repeats[1:]}"
        return (
            f'<aside class="edition-pull-quote">\n<p>{text}</p>\n'
            f'<p class="edition-pull-quote-source"><a href="#{html.escape(block.repeats)}">{source}</a></p>\n</aside>'
        )
    if block.kind == "subparagraph":
        return f'<p class="edition-subparagraph">{text}</p>'
    prefix = ""
    if block.number:
        marking = f" ({html_text(block.marking)})" if block.marking else ""
        prefix = f'<a class="edition-pnum" href="#{block.anchor}">{html_text(block.number)}.</a>{marking} '
    classes = "edition-para edition-lead" if block.kind == "lead" else "edition-para"
    anchor = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
    return f'<p{anchor} class="{classes}">{prefix}{text}</p>'


# Ids of the sections after the text (render.py), which a heading must not take.
_PAGE_IDS = {"emendations", "referenced-by", "related-documents", "cite-this"}


def body(blocks: Sequence[Block], marks: list[list[Mark]], footnotes: Footnotes) -> list[str]:
    """The text as Markdown headings between raw HTML regions, notes at the end.

    A heading's id is the one Python-Markdown's toc extension would give it, made
    unique against the paragraphs' anchors (`p4`), which it cannot see in raw HTML."""
    out: list[str] = []
    run: list[str] = []
    taken = _PAGE_IDS | {block.anchor for block in blocks if block.anchor}
    for block, block_marks in zip(blocks, marks, strict=True):
        if block.kind == "heading":
            if run:
                out.append(raw("\n".join(run)))
                run = []
            heading_id = unique(slugify(block.text, "-") or "section", taken)
            out.append(f"## {escape(block.text)} {{ #{heading_id} }}")
        else:
            run.append(block_html(block, block_marks, footnotes))
    notes = footnotes.html()
    if notes:
        run.append(notes)
    if run:
        out.append(raw("\n".join(run)))
    return out
