"""The parts of an article around its text, recognised in its blocks.

Magazines, news sites and blogs lay an article out in the same few parts; each part
found becomes a block of its own kind, shown as what it is:

- title: the front matter's, or the first level-1 heading (then not repeated), or
  else an opening heading or short opening line followed by text;
- fly-title: a heading just above the title;
- dateline: a block above or just below the title that is only a date
  (`> Jan 16th 2020`, `### [2011-12-4](…)`): it dates the article;
- standfirst: a level-5/6 heading or a block quote just below the title;
- byline: `By …` just below the title: the author;
- end mark: `■` (or `###`, `-30-`) ending the last paragraph or standing alone;
- original address: a trailing `## URL` (or `Source:`) section holding only an
  address, or a last line `Source: https://…`: removed from the text, with an
  emendation, and shown in the metadata panel;
- author bio: a short last section after a rule, about a person (`X is a …`);
- sources or notes: a last heading (or a line of its own) `Sources`, `Notes`,
  `References`, `Source:` … followed only by entries (list items or short lines):
  the label becomes a `sources_heading`, each entry a `source`;
- related links: a trailing `Related:` (`Related articles`, `Read more` …) list is
  the publishing site's chrome, not the article: removed, its words kept in one
  emendation.

Rules are general and cheap: position and shape, never the wording of one file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Block, Emendation, Link
from .cleaning import web_address
from .frontmatter import parse_date

# Names, joined by `,`, `&` or `and` (which the name characters take in already). Each
# part starts at a character the one before cannot take, and the repetitions are
# possessive, so that a long byline that does not match fails at once rather than
# after trying every way of splitting it.
_BYLINE = re.compile(r"^(?:by|written by)\s+(?P<name>[^\W\d_][\w.'’ -]*+(?:[,&] [\w.'’ -]++)*+)$", re.I)
_BYLINE_MAX_WORDS = 12
_END_MARKS = ("■", "□", "◼", "###", "# # #", "-30-", "– 30 –")
_URL_HEADING = re.compile(r"^(?:url|link|source|original|original (?:url|address|article)|source url)\s*:?$", re.I)
_URL_LINE = re.compile(
    r"^(?:url|link|source|original|original (?:url|address|article)|source url)\s*:\s*(?P<url>\S+)$", re.I
)
_BIO = re.compile(
    r"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,4},? (?:is|was|writes|has been|works|teaches|covers|serves|leads|lives)\b"
)
_BIO_MAX_WORDS = 120
_BIO_MAX_PARAGRAPHS = 3
_TEXT_KINDS = ("paragraph", "quote")
_SOURCES_LABEL = re.compile(
    r"^(?:sources?|notes?|references?|endnotes|footnotes|bibliography|further reading|works cited|citations"
    r"|sources and notes|notes and sources|sources and further reading)\s*:?$",
    re.I,
)
_RELATED_LABEL = re.compile(
    r"^(?:related|related (?:articles|stories|posts|news|content|reading|links)|read more|more stories"
    r"|you may also like|recommended(?: articles| stories)?)\s*:?$",
    re.I,
)
_ENTRY_KINDS = ("paragraph", "item")
_SOURCE_MAX_WORDS = 80  # a longer paragraph is text, not an entry
_LABEL_MAX_CHARACTERS = 40
_TITLE_MAX = 120  # characters; a longer opening paragraph is text


@dataclass
class Parts:
    title: str | None = None
    date: tuple[str, str] | None = None  # (ISO date, precision) from a dateline
    author: str | None = None  # from a byline
    url: str | None = None  # checked address from a URL section or line
    blocks: list[Block] = field(default_factory=list)
    emendations: list[Emendation] = field(default_factory=list)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().rstrip(" .") == " ".join(b.split()).casefold().rstrip(" .")


def find_parts(blocks: list[Block], stated_title: str | None) -> Parts:
    """The article's parts; `stated_title` is the title the metadata states, if any."""
    parts = Parts(blocks=list(blocks))
    after = _take_title(parts, stated_title)
    _top(parts, after)
    _end_mark(parts)
    _related_links(parts)
    _url_section(parts)
    _sources(parts)
    _bio(parts)
    return parts


def _take_title(parts: Parts, stated: str | None) -> int:
    """Remove the title heading (if it is one); returns where the text after it starts."""
    blocks = parts.blocks
    first_h1 = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1), None)
    if stated:
        parts.title = stated
        if first_h1 is not None and _same(blocks[first_h1].text, stated):
            del blocks[first_h1]
            _above_title(parts, first_h1)
            return first_h1
        return 0
    if first_h1 is None and blocks and _title_like(blocks):
        first_h1 = 0
    if first_h1 is None:
        return 0
    parts.title = blocks[first_h1].text
    del blocks[first_h1]
    _above_title(parts, first_h1)
    return first_h1


def _title_like(blocks: list[Block]) -> bool:
    """Without a level-1 heading, an opening heading, or an opening short paragraph
    followed by more text (a title line, as in a plain-text article), is the title."""
    first = blocks[0]
    return first.kind == "heading" or (
        first.kind == "paragraph" and len(first.text) <= _TITLE_MAX and len(blocks) > 1 and not first.links
    )


def _above_title(parts: Parts, title_at: int) -> None:
    """A dateline and a fly-title among the blocks just above the title."""
    fly_title = False
    for i in range(title_at - 1, -1, -1):
        block = parts.blocks[i]
        if block.kind in ("figure", "caption"):
            continue
        if block.kind in ("heading", "quote", "paragraph") and _dateline(parts, i):
            continue
        if block.kind == "heading" and not fly_title:
            parts.blocks[i] = replace(block, kind="fly_title", level=0)
            fly_title = True
            continue
        break


def _dateline(parts: Parts, i: int) -> bool:
    """Make block `i` the dateline if it is only a date (and there is none yet)."""
    if parts.date is not None:
        return False
    parsed = parse_date(parts.blocks[i].text)
    if parsed is None:
        return False
    parts.date = parsed
    parts.blocks[i] = replace(parts.blocks[i], kind="dateline")
    return True


def _top(parts: Parts, start: int) -> None:
    """Dateline, standfirst and byline in the blocks that open the text."""
    blocks = parts.blocks
    standfirst = any(b.kind == "standfirst" for b in blocks)
    for i in range(start, len(blocks)):
        block = blocks[i]
        if block.kind in ("figure", "caption", "rule", "dateline", "fly_title", "standfirst"):
            continue
        if block.kind in ("heading", "quote", "paragraph") and _dateline(parts, i):
            continue
        short = block.kind in _TEXT_KINDS and len(block.text.split()) <= _BYLINE_MAX_WORDS
        byline = _BYLINE.match(block.text.strip(" *_")) if short else None
        if byline:
            blocks[i] = replace(block, kind="byline")
            parts.author = parts.author or byline["name"].strip()
            continue
        is_standfirst = (block.kind == "heading" and block.level >= 5) or (block.kind == "quote" and block.level == 1)
        if is_standfirst and not standfirst and i == _first_text(blocks, start):
            blocks[i] = replace(block, kind="standfirst", level=0)
            standfirst = True
            continue
        break


def _first_text(blocks: list[Block], start: int) -> int:
    """Index of the first block from `start` that is not a figure, caption or dateline."""
    return next(
        (i for i in range(start, len(blocks)) if blocks[i].kind not in ("figure", "caption", "dateline", "rule")),
        len(blocks),
    )


def _end_mark(parts: Parts) -> None:
    blocks = parts.blocks
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if block.kind not in _TEXT_KINDS:
            continue
        text = block.text.rstrip()
        if text in _END_MARKS:
            blocks[i] = Block("end_mark", text, block.line)
            return
        if text.endswith("■") and len(text) > 1:
            kept = len(text[:-1].rstrip())
            styles = tuple(replace(s, end=min(s.end, kept)) for s in block.styles if s.start < kept)
            blocks[i] = replace(block, text=text[:kept], links=_within(block, kept), styles=styles)
            blocks.insert(i + 1, Block("end_mark", "■", block.line))
            return


def _within(block: Block, length: int) -> tuple[Link, ...]:
    return tuple(link for link in block.links if link.end <= length)


def _url_section(parts: Parts) -> None:
    """A trailing `## URL` section or `Source: https://…` line: the original address."""
    blocks = parts.blocks
    tail = [i for i, b in enumerate(blocks) if b.kind not in ("end_mark", "rule")]
    if len(tail) >= 2:
        heading, body = blocks[tail[-2]], blocks[tail[-1]]
        address = _only_address(body)
        if heading.kind == "heading" and _URL_HEADING.match(heading.text) and address:
            original = f"{heading.text} ¶ {body.text}"
            note = "trailing section naming the original address: shown in the metadata panel"
            parts.emendations.append(Emendation(heading.line, "url-section", original, "", note))
            parts.url = address
            del blocks[tail[-1]]
            del blocks[tail[-2]]
            return
    if tail:
        last = blocks[tail[-1]]
        found = _URL_LINE.match(last.text) if last.kind in _TEXT_KINDS else None
        address = web_address(found["url"]) if found else None
        if address:
            note = "closing line naming the original address: shown in the metadata panel"
            parts.emendations.append(Emendation(last.line, "url-section", last.text, "", note))
            parts.url = address
            del blocks[tail[-1]]


def _only_address(block: Block) -> str | None:
    if block.kind not in ("paragraph", "item", "quote"):
        return None
    if len(block.links) == 1 and block.links[0].start == 0 and block.links[0].end == len(block.text):
        return block.links[0].url
    return web_address(block.text) if " " not in block.text.strip() else None


def _bio(parts: Parts) -> None:
    """A short section about a person after the last rule, ending the article."""
    blocks = parts.blocks
    rules = [i for i, b in enumerate(blocks) if b.kind == "rule"]
    if not rules:
        return
    after = [i for i in range(rules[-1] + 1, len(blocks)) if blocks[i].kind != "end_mark"]
    if not after or len(after) > _BIO_MAX_PARAGRAPHS or any(blocks[i].kind != "paragraph" for i in after):
        return
    if sum(len(blocks[i].text.split()) for i in after) > _BIO_MAX_WORDS:
        return
    if not _BIO.match(blocks[after[0]].text.strip(" *_")):
        return
    for i in after:
        blocks[i] = replace(blocks[i], kind="bio")


def _label(block: Block, pattern: re.Pattern[str]) -> bool:
    """A heading, or a short line of its own (`**Sources:**`), naming a section."""
    text = block.text.strip(" *_")
    if block.kind == "heading" or (block.kind == "paragraph" and len(text) <= _LABEL_MAX_CHARACTERS):
        return bool(pattern.match(text))
    return False


def _trailing_section(blocks: list[Block], pattern: re.Pattern[str]) -> tuple[int, list[int]] | None:
    """(label, entries) of a last section named by `pattern` holding only entries
    (list items, short paragraphs; an end mark or rule may close it)."""
    tail = [i for i, b in enumerate(blocks) if b.kind not in ("end_mark", "rule")]
    for position in range(len(tail) - 1, -1, -1):
        block = blocks[tail[position]]
        if position < len(tail) - 1 and _label(block, pattern):
            return tail[position], tail[position + 1 :]
        if block.kind not in _ENTRY_KINDS or len(block.text.split()) > _SOURCE_MAX_WORDS:
            return None
    return None


def _related_links(parts: Parts) -> None:
    """A trailing list of related articles: the site's chrome, kept in the log."""
    found = _trailing_section(parts.blocks, _RELATED_LABEL)
    if found is None:
        return
    label, entries = found
    if any(parts.blocks[i].kind != "item" for i in entries):
        return  # a related list is a list; lines of text may be the article's own
    texts = [parts.blocks[label].text] + [parts.blocks[i].text for i in entries]
    words = sum(len(text.split()) for text in texts)
    note = f"list of related articles ({words} words): the publishing site's chrome, not the article"
    parts.emendations.append(Emendation(parts.blocks[label].line, "page-chrome", " ¶ ".join(texts), "", note))
    for i in sorted([label, *entries], reverse=True):
        del parts.blocks[i]


def _sources(parts: Parts) -> None:
    """A last section of sources or notes: its label and each of its entries."""
    found = _trailing_section(parts.blocks, _SOURCES_LABEL)
    if found is None:
        return
    label, entries = found
    parts.blocks[label] = replace(parts.blocks[label], kind="sources_heading", level=0)
    for i in entries:
        parts.blocks[i] = replace(parts.blocks[i], kind="source")
