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
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from markdown.extensions.toc import slugify, unique

from .escape import Mark, escape, html_inline, html_text
from .markdown_raw import raw
from .model import Block, Span


class Footnotes:
    """Markers of the notes a document cites, in the order given.

    A cable's REF notes are keyed by the letters of the REF line (`ref-g` shows `G`,
    an unlettered REF `Ref`): readers of cables cite references by letter."""

    def __init__(self, notes: list[tuple[str, str]]) -> None:
        self.notes = notes  # (label, HTML)
        self.numbers = {label: marker_text(label, number) for number, (label, _) in enumerate(notes, 1)}
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


def marker_text(label: str, number: int) -> str:
    """What a note's marker shows: the REF letter, `Ref`, or else its number."""
    if label == "ref":
        return "Ref"
    if label.startswith("ref-"):
        return label.removeprefix("ref-").upper()
    return str(number)


def _reference_id(label: str, use: int) -> str:
    return f"fnref:{label}" if use == 1 else f"fnref{use}:{label}"


def block_html(block: Block, marks: list[Mark], footnotes: Footnotes) -> str:
    """One block (not a heading) as HTML; `marks` from `escape.non_overlapping`."""
    marks = [replace(m, after=footnotes.marker(m.note)) if m.note else m for m in marks]
    marks = styled(marks, block.styles)
    if block.kind in _MARKDOWN_KINDS:
        return _markdown_block(block, marks)
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
    if block.number:  # a cable's paragraph keeps the number it is printed with
        marking = f" ({html_text(block.marking)})" if block.marking else ""
        prefix = f'<a class="edition-pnum" href="#{block.anchor}">{html_text(block.number)}.</a>{marking} '
    classes = "edition-para edition-lead" if block.kind == "lead" else "edition-para"
    anchor = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
    number = "" if block.number else assigned_number(block.anchor)
    return f'<p{anchor}{number} class="{classes}">{prefix}{text}</p>'


_EDITION_ANCHOR = re.compile(r"p(\d+)")


def assigned_number(anchor: str) -> str:
    """The number the edition gives a paragraph that has none as printed (an
    article's), as an attribute of the paragraph: the one in its anchor (`p4`). The
    stylesheet shows it in the margin; it is not part of the text (not searched, not
    copied with it). "" for an anchor of another shape."""
    found = _EDITION_ANCHOR.fullmatch(anchor)
    return f' data-number="{found[1]}"' if found else ""


_STYLE_TAGS = ("strong", "em")  # the order they nest in, outermost first


def styled(marks: list[Mark], styles: Sequence[Span]) -> list[Mark]:
    """`marks` (non-overlapping, in text order) with the `styles` woven in as
    `<em>`/`<strong>`, still non-overlapping: the text is cut wherever a mark or a
    style begins or ends, and each piece carries the tags of the styles over it,
    inside the mark over it. `*a [b* c](u)` gives `<em>a </em><a><em>b</em> c</a>`:
    tags always nest, whatever the spans of the source do."""
    if not styles:
        return marks
    cuts = sorted(
        {m.start for m in marks} | {m.end for m in marks} | {s.start for s in styles} | {s.end for s in styles}
    )
    index = {cut: i for i, cut in enumerate(cuts)}
    # How many spans of each style open (+1) and close (-1) at each cut: one sweep
    # then gives the styles over each piece, however many there are.
    change = {tag: [0] * len(cuts) for tag in _STYLE_TAGS}
    for style in styles:
        if style.kind in change:
            change[style.kind][index[style.start]] += 1
            change[style.kind][index[style.end]] -= 1
    spans = iter([m for m in marks if m.start < m.end])
    owner = next(spans, None)
    out = [m for m in marks if m.start == m.end]  # insertions stay where they are
    depth = dict.fromkeys(_STYLE_TAGS, 0)
    for i, (start, end) in enumerate(zip(cuts, cuts[1:], strict=False)):
        for tag in _STYLE_TAGS:
            depth[tag] += change[tag][i]
        while owner is not None and owner.end <= start:
            owner = next(spans, None)
        within = owner if owner is not None and owner.start <= start else None
        tags = [tag for tag in _STYLE_TAGS if depth[tag] > 0]
        if not tags and within is None:
            continue
        before = "".join(f"<{tag}>" for tag in tags)
        after = "".join(f"</{tag}>" for tag in reversed(tags))
        if within is not None:
            before = (within.before if start == within.start else "") + before
            after += within.after if end == within.end else ""
        out.append(Mark(start, end, before, after))
    return sorted(out, key=lambda m: (m.start, m.end))


# Kinds of block the Markdown reader makes (model.Block), each written as what it is.
_PARTS = {
    "fly_title": "edition-fly-title",
    "standfirst": "edition-standfirst",
    "dateline": "edition-dateline",
    "byline": "edition-byline",
    "caption": "edition-caption",
}
_MARKDOWN_KINDS = {
    *_PARTS,
    "quote",
    "item",
    "figure",
    "code",
    "rule",
    "row",
    "end_mark",
    "bio",
    "sources_heading",
    "source",
}


def _markdown_block(block: Block, marks: list[Mark]) -> str:
    # `number` is a list item's marker here: the paragraph's number is the edition's.
    anchor = f' id="{html.escape(block.anchor)}"{assigned_number(block.anchor)}' if block.anchor else ""
    level = f" edition-level-{block.level}" if block.level > 1 else ""
    if block.kind == "code":  # white space is part of code: not collapsed
        return f'<pre class="edition-code"><code>{html.escape(block.text, quote=False)}</code></pre>'
    if block.kind == "rule":
        return '<hr class="edition-rule">'
    if block.kind == "row":
        return _row(block, marks)
    if block.kind == "end_mark":
        return f'<p class="edition-end-mark" title="End of the article">{html_text(block.text)}</p>'
    text = html_inline(block.text, marks)
    if block.kind in _PARTS:
        return f'<p class="{_PARTS[block.kind]}">{text}</p>'
    if block.kind == "quote":
        return f'<blockquote class="edition-quote{level}">\n<p{anchor} class="edition-para">{text}</p>\n</blockquote>'
    if block.kind == "sources_heading":  # not a Markdown heading: the list closes the text, not a section of it
        return f'<p class="edition-sources-heading" role="heading" aria-level="2">{text}</p>'
    if block.kind == "source":
        marker = f'<span class="edition-item-marker">{html_text(block.number)}</span> ' if block.number else ""
        return f'<p{anchor} class="edition-source">{marker}{text}</p>'
    if block.kind == "item":
        marker = f'<span class="edition-item-marker">{html_text(block.number)}</span> ' if block.number else ""
        return f'<p{anchor} class="edition-item{level}">{marker}{text}</p>'
    if block.kind == "bio":
        return f'<aside class="edition-bio">\n<p{anchor} class="edition-para">{text}</p>\n</aside>'
    # A figure: the image is never fetched; its description, and a link to it.
    image = (
        f' <a href="{html.escape(block.target)}" class="external" rel="nofollow">(image at its original address)</a>'
        if block.target
        else ""
    )
    description = text or "(no description)"
    return (
        f'<figure{anchor} class="edition-figure">\n'
        f'<p><span class="edition-figure-label">Image, not shown:</span> {description}{image}</p>\n</figure>'
    )


def _row(block: Block, marks: list[Mark]) -> str:
    """A table row: each cell the span of the text from its start to the next."""
    cell = "th" if block.level == 1 else "td"
    ends = [*block.cells[1:], len(block.text) + 1]
    cells = []
    for start, end in zip(block.cells, ends, strict=True):
        end -= 1  # the space between two cells
        inside = [
            replace(m, start=m.start - start, end=m.end - start) for m in marks if start <= m.start and m.end <= end
        ]
        cells.append(f"<{cell}>{html_inline(block.text[start:end], inside)}</{cell}>")
    return f"<tr>{''.join(cells)}</tr>"


# Ids of the sections after the text (render.py), which a heading must not take.
_PAGE_IDS = {"emendations", "referenced-by", "related-documents", "cite-this"}


def body(blocks: Sequence[Block], marks: list[list[Mark]], footnotes: Footnotes) -> list[str]:
    """The text as Markdown headings between raw HTML regions, notes at the end.

    A heading's id is the one Python-Markdown's toc extension would give it, made
    unique against the paragraphs' anchors (`p4`), which it cannot see in raw HTML."""
    out: list[str] = []
    run: list[str] = []
    taken = _PAGE_IDS | {block.anchor for block in blocks if block.anchor}
    in_table = False
    for block, block_marks in zip(blocks, marks, strict=True):
        if block.kind == "fly_title":  # above the title: render.py places it
            continue
        if in_table and block.kind != "row":
            run.append("</tbody>\n</table>\n</div>")
            in_table = False
        if block.kind == "heading":
            if run:
                out.append(raw("\n".join(run)))
                run = []
            heading_id = unique(slugify(block.text, "-") or "section", taken)
            hashes = "#" * min(6, max(2, block.level))  # the page's title is the one level-1 heading
            out.append(f"{hashes} {escape(block.text)} {{ #{heading_id} }}")
        else:
            if block.kind == "row" and not in_table:
                run.append('<div class="edition-table">\n<table>\n<tbody>')
                in_table = True
            run.append(block_html(block, block_marks, footnotes))
    if in_table:
        run.append("</tbody>\n</table>\n</div>")
    notes = footnotes.html()
    if notes:
        run.append(notes)
    if run:
        out.append(raw("\n".join(run)))
    return out
