"""The body of a Markdown article as blocks of the model.

Parsed with markdown-it-py, in its CommonMark preset with tables: it is the Python
port of the reference CommonMark parser, follows the specification (so a file reads
as any standard renderer shows it), and gives every block token its source lines
(`token.map`), which emendations and warnings need. The parser's raw-HTML recognition
is on, so that raw HTML arrives as tokens of its own rather than mixed into text; the
edition never outputs them as HTML. Each is shown as text, or, when it carries no text
at all (`<br/>`, an empty `<excerpt/>`, a `<script src=…>` line, an embed), dropped
with an emendation that keeps the original.

Mapping: headings, paragraphs, block-quote paragraphs (`quote`), list-item paragraphs
(`item`, the marker as printed in `number`), images (`figure` and its `caption`),
rules, tables (`row`), code. Inline, the text is kept, links to web addresses
become `Link` spans and emphasis `Span`s (`em`, `strong`; a heading's are kept but
not shown, headings being written as escaped Markdown); inline code keeps its text
only; a link to anything but http(s) keeps its text, with an emendation. CMS
directives that stand alone on a line (`{{< youtube x >}}`, `{% tweet "1" %}`, kramdown `{: … }`) are
dropped with an emendation before parsing; written inside a sentence they stay text.

Nesting is bounded: the parser recurses for each block quote and list, and past its
nesting limit it silently skips the rest of the text. A line whose quote and list
markers (with their indentation) run past `MAX_PREFIX_COLUMNS` columns is flattened
before parsing, keeping its words, with an emendation; its text stays in the deepest
quote or list kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import TypedDict

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..model import Block, Emendation, Link, Span
from .cleaning import FENCE, web_address

# Flattened lines give at most about one level of nesting per column of their prefix,
# well within the parser's limit, which is raised from the preset's 20 (where ten
# levels of list already end the text) but kept low, as the parser recurses.
# Inline, the limit stays at 20: there it only bounds links within links (deeper
# brackets stay text), and the time a run of `[` takes grows with it.
MAX_PREFIX_COLUMNS = 40
_KEPT_COLUMNS = MAX_PREFIX_COLUMNS - 12  # room for the last marker, a number up to nine digits
_MAX_NESTING = 64
_PARSER = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable("table")
_INLINE_PARSER = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table")


def _inline_limit(state: StateCore) -> None:
    state.md = _INLINE_PARSER  # the core rules after this one parse the inline text with it


_PARSER.core.ruler.before("inline", "inline_limit", _inline_limit)
# Every link destination is taken as a link, so that one to `javascript:` or a file is
# seen as such, reduced to its text and logged (markdown-it would leave it as
# bracketed text); only http(s) addresses are ever linked (`web_address`).
for _parser in (_PARSER, _INLINE_PARSER):
    _parser.validateLink = lambda url: True  # type: ignore[method-assign]
# Link syntax CommonMark does not read (a space in the address: `[a](tel:1 2)`).
_LINK_DEBRIS = re.compile(r"\[([^\[\]\n]*)\]\(([^()\n]*)\)")
# A whole line that is a template or CMS directive, not text.
_DIRECTIVE = re.compile(r"^\s*(?:\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%-?\s*\w.*?-?%\}|\{:[^{}\n]*\})\s*$")
# A kramdown attribute list glued to an image or link: `![a](b){:width="400px"}`.
_ATTRIBUTES = re.compile(r"(?<=\))\{:[^{}\n]*\}")
# A comment left open runs to the end (as in HTML): matching it lazily to the end
# once, rather than failing at every `<`, keeps this linear.
_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<[^<>]*>", re.S)
# The quote and list markers opening a line, each with the indentation before it.
_MARKER = re.compile(r"[ \t]*+(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_MARKERS = re.compile(r"(?:[ \t]*+(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*+")
_IMAGE_MARK = re.compile(r"\0(\d+)\0")
_STYLES = {"em_open": "em", "strong_open": "strong"}
# Links and styles: spans of a text, moved together whenever the text changes.
_Spans = list[Link | Span]


class _BlockSpans(TypedDict):
    links: tuple[Link, ...]
    styles: tuple[Span, ...]


def _kept(spans: _Spans | tuple[Link | Span, ...]) -> _BlockSpans:
    """The spans as the keyword arguments of a Block: `links` and `styles`."""
    return {
        "links": tuple(x for x in spans if isinstance(x, Link)),
        "styles": tuple(x for x in spans if isinstance(x, Span)),
    }


def drop_directives(lines: list[str], first_line: int) -> tuple[list[str], list[Emendation]]:
    """`lines` with CMS directives removed (outside code fences); `first_line` is
    the file line of `lines[0]`."""
    out, emendations = [], []
    fenced = False
    for number, line in enumerate(lines, start=first_line):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and _DIRECTIVE.match(line):
            emendations.append(Emendation(number, "directive", line.strip(), "", "template or CMS directive removed"))
            line = ""
        elif not fenced and _ATTRIBUTES.search(line):
            for found in _ATTRIBUTES.finditer(line):
                emendations.append(Emendation(number, "directive", found[0], "", "kramdown attribute list removed"))
            line = _ATTRIBUTES.sub("", line)
        out.append(line)
    return out, emendations


def flatten_nesting(lines: list[str], first_line: int, in_fences: bool = False) -> list[Emendation]:
    """Flatten, in place, each line of `lines` whose quote and list markers run past
    `MAX_PREFIX_COLUMNS` columns: the markers that fit are kept, then the last one,
    then the text. Lines in code fences are left alone unless `in_fences`."""
    emendations = []
    fenced = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        if fenced and not in_fences:
            continue
        prefix = _MARKERS.match(line)
        if not prefix or len(prefix[0].expandtabs(4)) <= MAX_PREFIX_COLUMNS:
            continue
        kept, last, full = "", "", False
        for found in _MARKER.finditer(prefix[0]):
            last = found[0].lstrip(" \t")
            if full:
                continue
            if len((kept + found[0]).expandtabs(4)) <= _KEPT_COLUMNS:
                kept += found[0]
            else:  # as much of its indentation as fits, so that a list item stays deep
                space = found[0][: -len(last)]
                while space and len((kept + space).expandtabs(4)) > _KEPT_COLUMNS:
                    space = space[:-1]
                kept, full = kept + space, True
        text = line[prefix.end() :].lstrip(" \t")
        lines[index] = f"{kept}{last} {text}"
        note = f"quotes and lists nested too deeply to read: flattened ({len(prefix[0])} characters of markers)"
        emendations.append(Emendation(first_line + index, "nesting", line, lines[index], note))
    return emendations


def _mover(shifts: list[tuple[int, int]]) -> Callable[[int], int]:
    """Where an offset of a text lands once pieces of it are replaced: `shifts` holds,
    in order, the end of each replaced piece and the characters the replacement gained."""
    ends = [end for end, _ in shifts]
    totals = list(accumulate(gained for _, gained in shifts))

    def moved(offset: int) -> int:
        count = bisect_right(ends, offset)
        return offset + (totals[count - 1] if count else 0)

    return moved


@dataclass
class _Inline:
    """Text being built from an inline token, with its links, styles and changes."""

    line: int
    parts: list[str] = field(default_factory=list)
    spans: _Spans = field(default_factory=list)  # links and styles
    emendations: list[Emendation] = field(default_factory=list)
    images: list[tuple[str, str, str, int]] = field(default_factory=list)  # alt, src, title, line
    length: int = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _inline(token: Token, first_line: int) -> _Inline:
    """The text of an inline token; images are collected, not written into it."""
    out = _Inline(first_line)
    link_start: list[tuple[int, str, int]] = []  # offset, target, first part
    style_start: list[tuple[int, str]] = []  # offset, kind
    line = first_line
    for child in token.children or []:
        if child.type == "text":
            out.add(child.content)
        elif child.type == "code_inline":
            out.add(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.add(" ")
            line += 1
        elif child.type in _STYLES:
            style_start.append((out.length, _STYLES[child.type]))
        elif child.type in ("em_close", "strong_close") and style_start:
            start, kind = style_start.pop()
            if out.length > start:
                out.spans.append(Span(start, out.length, kind))
        elif child.type == "link_open":
            link_start.append((out.length, str(child.attrGet("href") or ""), len(out.parts)))
        elif child.type == "link_close" and link_start:
            start, target, first_part = link_start.pop()
            text = "".join(out.parts[first_part:])
            address = web_address(target)
            if address and text.strip():
                out.spans.append(Link(start, out.length, address))
            else:
                why = "the link has no text" if address else "not a web address"
                note = f"link to {target!r} not followed: {why}"
                out.emendations.append(Emendation(line, "link-removed", f"[{text}]({target})", text, note))
        elif child.type == "image":
            alt = child.content
            src, title = str(child.attrGet("src") or ""), str(child.attrGet("title") or "")
            out.images.append((alt, src, title, line))
            out.add(f"\0{len(out.images) - 1}\0")  # where the image stood; resolved by the caller
        elif child.type == "html_inline":
            if _TAG.sub("", child.content).strip() == "" and _is_empty_markup(child.content):
                note = "HTML markup with no text removed"
                out.emendations.append(Emendation(line, "markup", child.content, "", note))
            else:
                out.add(child.content)
    return out


_VOID = re.compile(r"^<(?:br|wbr|hr|img|input|meta|link|source|embed)\b[^<>]*>$|^<[^<>]*/>$|^<!--.*-->$", re.I | re.S)


def _is_empty_markup(html: str) -> bool:
    """A tag that holds no text by its nature: a line break, a self-closed element, a
    comment. An opening tag such as `<b>` is not: what follows is its text."""
    return bool(_VOID.match(html.strip()))


def _collapse(text: str, links: _Spans) -> tuple[str, tuple[Link | Span, ...]]:
    """Runs of white space as one space, the ends stripped; spans moved with the text."""
    kept: list[str] = []
    position_map: list[int] = []  # new offset for each old offset
    previous_space = True  # strips leading space
    for char in text:
        position_map.append(len(kept))
        if char.isspace():
            if not previous_space:
                kept.append(" ")
            previous_space = True
        else:
            kept.append(char)
            previous_space = False
    position_map.append(len(kept))
    while kept and kept[-1] == " ":
        kept.pop()
    size = len(kept)
    moved = []
    for link in links:
        start, end = min(position_map[link.start], size), min(position_map[link.end], size)
        while start < end and kept[start] == " ":
            start += 1
        while end > start and kept[end - 1] == " ":
            end -= 1
        if start < end:
            moved.append(replace(link, start=start, end=end))
    return "".join(kept), tuple(moved)


class _Mapper:
    """Walks the token stream, keeping track of the quotes and lists it is in."""

    def __init__(self, line_offset: int) -> None:
        self.offset = line_offset  # file line of the text's first line, minus one
        self.blocks: list[Block] = []
        self.emendations: list[Emendation] = []
        self.quote_depth = 0
        self.list_depth = 0
        self.marker: str | None = None  # of the list item whose first paragraph is next
        self.row: list[tuple[str, tuple[Link | Span, ...]]] | None = None
        self.head = False
        self.row_line = 0
        self.nested = False  # reading what is left of an HTML block: its markup lines already dropped

    def line(self, token: Token) -> int:
        return self.offset + (token.map[0] + 1 if token.map else 1)

    def run(self, tokens: list[Token]) -> None:
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
            elif kind == "list_item_open":
                self.marker = f"{token.info}{token.markup}" if token.info else "•"
            elif kind == "inline":
                self.inline(tokens[i - 1], token)
            elif kind in ("fence", "code_block"):
                self.blocks.append(Block("code", token.content.rstrip("\n"), self.line(token)))
            elif kind == "hr":
                self.blocks.append(Block("rule", "", self.line(token), level=self.quote_depth))
            elif kind == "html_block":
                self.html_block(token)
            elif kind == "thead_open":
                self.head = True
            elif kind == "thead_close":
                self.head = False
            elif kind == "tr_open":
                self.row, self.row_line = [], self.line(token)
            elif kind == "tr_close" and self.row is not None:
                self.table_row()

    def inline(self, opener: Token, token: Token) -> None:
        content = _inline(token, self.line(token))
        self.emendations += content.emendations
        if opener.type in ("th_open", "td_open") and self.row is not None:
            self.row.append(self.resolved(content, strip_images=True))
            return
        if opener.type == "heading_open":
            text, links = self.resolved(content, strip_images=True)
            self.blocks.append(Block("heading", text, content.line, level=int(opener.tag[1:]), **_kept(links)))
            return
        if content.images and content.text.strip().startswith("\0") and self.is_figure(content):
            return
        text, links = self.resolved(content, strip_images=True)
        if not text:
            return
        kind, level, number = "paragraph", 0, None
        if self.list_depth:
            kind, level, number, self.marker = "item", self.list_depth, self.marker, None
        elif self.quote_depth:
            kind, level = "quote", self.quote_depth
        self.blocks.append(Block(kind, text, content.line, number=number, level=level, **_kept(links)))

    def resolved(self, content: _Inline, strip_images: bool) -> tuple[str, tuple[Link | Span, ...]]:
        """The text, each image replaced by its description (with an emendation)."""
        text = content.text
        links = list(content.spans)
        if "](" in text:
            text, links = self.link_debris(text, links, content.line)
        if content.images:
            text, links = self.image_descriptions(text, links, content.images)
        return _collapse(text, links) if strip_images else (text, tuple(links))

    def image_descriptions(
        self, text: str, links: _Spans, images: list[tuple[str, str, str, int]]
    ) -> tuple[str, _Spans]:
        """Each image's mark in `text` replaced by its description, spans moved."""
        out: list[str] = []
        position = 0
        shifts: list[tuple[int, int]] = []  # (end of a mark in `text`, characters it gained)
        for found in _IMAGE_MARK.finditer(text):
            alt, src, _title, line = images[int(found[1])]
            out.append(text[position : found.start()] + alt)
            shifts.append((found.end(), len(alt) - len(found[0])))
            position = found.end()
            note = f"image {src!r} not shown; its description kept"
            self.emendations.append(Emendation(line, "image", f"![{alt}]({src})", alt, note))
        out.append(text[position:])

        moved = _mover(shifts)
        return "".join(out), [replace(x, start=moved(x.start), end=moved(x.end)) for x in links]

    def link_debris(self, text: str, links: _Spans, line: int) -> tuple[str, _Spans]:
        """Link syntax the parser left as text reduced to its text, spans moved."""
        out: list[str] = []
        position = 0
        removed: list[tuple[int, int]] = []  # (end of a match in `text`, characters it gained)
        for found in _LINK_DEBRIS.finditer(text):
            out.append(text[position : found.start()] + found[1])
            removed.append((found.end(), len(found[1]) - len(found[0])))
            position = found.end()
            note = f"link to {found[2]!r} not followed: not a web address, nor one Markdown can read"
            self.emendations.append(Emendation(line, "link-removed", found[0], found[1], note))
        out.append(text[position:])

        moved = _mover(removed)
        return "".join(out), [replace(x, start=moved(x.start), end=moved(x.end)) for x in links]

    def is_figure(self, content: _Inline) -> bool:
        """A paragraph that opens with images: each a figure, the text after the
        last (a caption under the image) its caption."""
        pieces = re.split(r"\0(\d+)\0", content.text)
        # pieces: text before, index, text, index, text ... ; only blank before the first.
        between = pieces[2:-1:2]
        if pieces[0].strip() or any(p.strip() for p in between):
            return False
        for alt, src, title, line in content.images:
            self.blocks.append(Block("figure", " ".join(alt.split()), line, target=web_address(src) or ""))
            note = "image not fetched: shown as a figure with its description" + (
                ", linked to its address" if web_address(src) else f" (its address {src!r} is not a web address)"
            )
            self.emendations.append(Emendation(line, "image", f"![{alt}]({src})", alt, note))
            if title.strip():
                self.blocks.append(Block("caption", " ".join(title.split()), line))
        caption_start = content.text.rfind("\0") + 1
        links: _Spans = [
            replace(x, start=x.start - caption_start, end=x.end - caption_start)
            for x in content.spans
            if x.start >= caption_start
        ]
        caption, caption_links = _collapse(content.text[caption_start:], links)
        if caption:
            self.blocks.append(Block("caption", caption, content.line, **_kept(caption_links)))
        return True

    def html_block(self, token: Token) -> None:
        html = token.content.strip()
        line = self.line(token)
        lines = token.content.rstrip().split("\n")
        markup = _markup_lines(lines)
        if all(markup):
            note = "HTML markup with no text removed (nothing of it is shown)"
            self.emendations.append(Emendation(line, "markup", html, "", note))
            return
        if markup[0] and not self.nested:
            # A line of markup alone (`<div>`, `<br/>`) opens an HTML block that runs on
            # to the next blank line, swallowing the Markdown after it. Each run of such
            # lines is dropped (blank lines keep the line numbers) and the rest read
            # once, never again split: nested tags cannot make this recurse.
            for first, run in _runs(markup):
                note = "HTML markup with no text removed (nothing of it is shown)"
                original = "\n".join(lines[first : first + run]).strip()
                self.emendations.append(Emendation(line + first, "markup", original, "", note))
            inner = _Mapper(line - 1)
            inner.quote_depth, inner.list_depth, inner.nested = self.quote_depth, self.list_depth, True
            kept = "\n".join("" if is_markup else text for text, is_markup in zip(lines, markup, strict=True))
            inner.run(_PARSER.parse(kept))
            self.blocks += inner.blocks
            self.emendations += inner.emendations
            return
        kind = "item" if self.list_depth else "quote" if self.quote_depth else "paragraph"
        self.blocks.append(Block(kind, " ".join(html.split()), line, level=self.list_depth or self.quote_depth))

    def table_row(self) -> None:
        assert self.row is not None
        texts: list[str] = []
        links: _Spans = []
        starts: list[int] = []
        position = 0
        for text, cell_links in self.row:
            starts.append(position)
            texts.append(text)
            links += [replace(x, start=x.start + position, end=x.end + position) for x in cell_links]
            position += len(text) + 1
        row = Block(
            "row", " ".join(texts), self.row_line, level=1 if self.head else 0, cells=tuple(starts), **_kept(links)
        )
        self.blocks.append(row)
        self.row = None


def _markup_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it holds markup only (tags, comments, white space);
    a tag or comment may span lines."""
    text = "\n".join(lines)
    covered = bytearray(len(text))  # 1 where a tag or comment stands
    for found in _TAG.finditer(text):
        covered[found.start() : found.end()] = b"\1" * (found.end() - found.start())
    out = []
    position = 0
    for line in lines:
        out.append(all(covered[position + i] or char.isspace() for i, char in enumerate(line)))
        position += len(line) + 1
    return out


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first index, length) of each run of true values."""
    runs: list[tuple[int, int]] = []
    for index, flag in enumerate(flags):
        if flag and runs and sum(runs[-1]) == index:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        elif flag:
            runs.append((index, 1))
    return runs


def body_blocks(text: str, line_offset: int) -> tuple[list[Block], list[Emendation]]:
    """Blocks of the Markdown `text`, whose first line is line `line_offset + 1` of the
    file, and the emendations made reading it."""
    lines = text.split("\n")
    flattened = flatten_nesting(lines, line_offset + 1)
    tokens = _PARSER.parse("\n".join(lines) if flattened else text)
    if any(token.level >= _MAX_NESTING - 1 for token in tokens):
        # The parser stopped at its nesting limit and skipped the rest: nesting was
        # hidden from the line-by-line count (in what looked like a code fence, say).
        lines = text.split("\n")
        flattened = flatten_nesting(lines, line_offset + 1, in_fences=True)
        tokens = _PARSER.parse("\n".join(lines))
    mapper = _Mapper(line_offset)
    mapper.run(tokens)
    return mapper.blocks, flattened + mapper.emendations
