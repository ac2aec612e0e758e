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
rules, tables (`row`), code. Inline, the text is kept and links to web addresses
become `Link` spans; emphasis and inline code keep their text only; a link to
anything but http(s) keeps its text, with an emendation. CMS directives that stand
alone on a line (`{{< youtube x >}}`, `{% tweet "1" %}`, kramdown `{: … }`) are
dropped with an emendation before parsing; written inside a sentence they stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Block, Emendation, Link
from .cleaning import web_address

_PARSER = MarkdownIt("commonmark").enable("table")
# Every link destination is taken as a link, so that one to `javascript:` or a file is
# seen as such, reduced to its text and logged (markdown-it would leave it as
# bracketed text); only http(s) addresses are ever linked (`web_address`).
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]
# Link syntax CommonMark does not read (a space in the address: `[a](tel:1 2)`).
_LINK_DEBRIS = re.compile(r"\[([^\[\]\n]*)\]\(([^()\n]*)\)")
# A whole line that is a template or CMS directive, not text.
_DIRECTIVE = re.compile(r"^\s*(?:\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%-?\s*\w.*?-?%\}|\{:[^{}\n]*\})\s*$")
# A kramdown attribute list glued to an image or link: `![a](b){:width="400px"}`.
_ATTRIBUTES = re.compile(r"(?<=\))\{:[^{}\n]*\}")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TAG = re.compile(r"<[^<>]*>|<!--.*?-->", re.S)


def drop_directives(lines: list[str], first_line: int) -> tuple[list[str], list[Emendation]]:
    """`lines` with CMS directives removed (outside code fences); `first_line` is
    the file line of `lines[0]`."""
    out, emendations = [], []
    fenced = False
    for number, line in enumerate(lines, start=first_line):
        if _FENCE.match(line):
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


@dataclass
class _Inline:
    """Text being built from an inline token, with its links and changes."""

    line: int
    parts: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
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
    line = first_line
    for child in token.children or []:
        if child.type == "text":
            out.add(child.content)
        elif child.type == "code_inline":
            out.add(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.add(" ")
            line += 1
        elif child.type == "link_open":
            link_start.append((out.length, str(child.attrGet("href") or ""), len(out.parts)))
        elif child.type == "link_close" and link_start:
            start, target, first_part = link_start.pop()
            text = "".join(out.parts[first_part:])
            address = web_address(target)
            if address and text.strip():
                out.links.append(Link(start, out.length, address))
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


def _collapse(text: str, links: list[Link]) -> tuple[str, tuple[Link, ...]]:
    """Runs of white space as one space, the ends stripped; links moved with the text."""
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
            moved.append(Link(start, end, link.url))
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
        self.row: list[tuple[str, tuple[Link, ...]]] | None = None
        self.head = False
        self.row_line = 0

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
            self.blocks.append(Block("heading", text, content.line, links=links, level=int(opener.tag[1:])))
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
        self.blocks.append(Block(kind, text, content.line, number=number, links=links, level=level))

    def resolved(self, content: _Inline, strip_images: bool) -> tuple[str, tuple[Link, ...]]:
        """The text, each image replaced by its description (with an emendation)."""
        text = content.text
        links = list(content.links)
        if "](" in text:
            text, links = self.link_debris(text, links, content.line)
        for index, (alt, src, _title, line) in enumerate(content.images):
            text = text.replace(f"\0{index}\0", alt, 1)
            note = f"image {src!r} not shown; its description kept"
            self.emendations.append(Emendation(line, "image", f"![{alt}]({src})", alt, note))
        return _collapse(text, links) if strip_images else (text, tuple(links))

    def link_debris(self, text: str, links: list[Link], line: int) -> tuple[str, list[Link]]:
        """Link syntax the parser left as text reduced to its text, links moved."""
        out: list[str] = []
        position = 0
        removed: list[tuple[int, int]] = []  # (end of a match in `text`, characters it lost)
        for found in _LINK_DEBRIS.finditer(text):
            out.append(text[position : found.start()] + found[1])
            removed.append((found.end(), len(found[0]) - len(found[1])))
            position = found.end()
            note = f"link to {found[2]!r} not followed: not a web address, nor one Markdown can read"
            self.emendations.append(Emendation(line, "link-removed", found[0], found[1], note))
        out.append(text[position:])

        def moved(offset: int) -> int:
            return offset - sum(lost for end, lost in removed if end <= offset)

        return "".join(out), [Link(moved(x.start), moved(x.end), x.url) for x in links]

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
        links = [
            Link(x.start - caption_start, x.end - caption_start, x.url)
            for x in content.links
            if x.start >= caption_start
        ]
        caption, caption_links = _collapse(content.text[caption_start:], links)
        if caption:
            self.blocks.append(Block("caption", caption, content.line, links=caption_links))
        return True

    def html_block(self, token: Token) -> None:
        html = token.content.strip()
        line = self.line(token)
        first, _, rest = html.partition("\n")
        if not _TAG.sub("", first).strip() and rest.strip():
            # A line of markup alone (`<br/>`) opens an HTML block that runs on to the
            # next blank line, swallowing the Markdown after it: drop the line, read the rest.
            note = "HTML markup with no text removed (nothing of it is shown)"
            self.emendations.append(Emendation(line, "markup", first.strip(), "", note))
            inner = _Mapper(line)
            inner.quote_depth, inner.list_depth = self.quote_depth, self.list_depth
            inner.run(_PARSER.parse(rest))
            self.blocks += inner.blocks
            self.emendations += inner.emendations
            return
        if not _TAG.sub("", html).strip():
            note = "HTML markup with no text removed (nothing of it is shown)"
            self.emendations.append(Emendation(line, "markup", html, "", note))
            return
        kind = "item" if self.list_depth else "quote" if self.quote_depth else "paragraph"
        self.blocks.append(Block(kind, " ".join(html.split()), line, level=self.list_depth or self.quote_depth))

    def table_row(self) -> None:
        assert self.row is not None
        texts: list[str] = []
        links: list[Link] = []
        starts: list[int] = []
        position = 0
        for text, cell_links in self.row:
            starts.append(position)
            texts.append(text)
            links += [Link(x.start + position, x.end + position, x.url) for x in cell_links]
            position += len(text) + 1
        row = Block(
            "row", " ".join(texts), self.row_line, links=tuple(links), level=1 if self.head else 0, cells=tuple(starts)
        )
        self.blocks.append(row)
        self.row = None


def body_blocks(text: str, line_offset: int) -> tuple[list[Block], list[Emendation]]:
    """Blocks of the Markdown `text`, whose first line is line `line_offset + 1` of the
    file, and the emendations made reading it."""
    mapper = _Mapper(line_offset)
    mapper.run(_PARSER.parse(text))
    return mapper.blocks, mapper.emendations
