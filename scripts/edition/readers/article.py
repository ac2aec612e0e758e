"""Reader for plain-text articles copied from the web.

A file holds one article (first line = title) or, as its editorial metadata declares,
several: each begins at the line equal to its declared title. Within an article blank
lines separate blocks. Stages, in order:

1. corrections from the editorial metadata, line by line;
2. blocks: wrapped lines joined, web debris repaired (escapes, links, images);
3. headings: a short single line in title case, without final punctuation, followed
   by text;
4. page breaks: a paragraph ending without final punctuation followed by one starting
   in lower case is one paragraph cut in two, and is rejoined;
5. pull quotes: a short paragraph repeating a sentence of a nearby longer paragraph;
6. numbering: paragraphs p1, p2 ...; the first, if before any heading, is the lead.

Every change is an emendation that keeps the original text.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from ..editorial import ArticleMeta
from ..errors import SourceError
from ..model import Article, Block, Emendation, Link
from ..sources import Source
from .cleaning import apply_corrections, continues, ends_open, resolve_web_markup, web_address
from .plain_text import TITLE_MAX, markdown_signs, paragraph_ends, title_from_file_name, title_problem
from .pull_quotes import pull_quotes

Warn = Callable[[int | None, str], None]

_HEADING_MAX_CHARS = 100
_HEADING_MAX_WORDS = 14
# In a heading, at least this share of the words of four letters or more are capitalised.
_HEADING_CAPITALISED = 0.6


@dataclass(frozen=True)
class _Chunk:
    """A blank-line separated block of the source, cleaned."""

    line: int  # first source line, from 1
    lines: int  # how many source lines it spans
    text: str
    links: tuple[Link, ...]


class ArticleReader:
    kind = "article"

    format = "text"  # for a sidecar that says `format: text`

    def detect(self, source: Source) -> bool:
        # Every text that is not a cable is an article, however short; one without a
        # letter of any script (figures, punctuation) has nothing to read as one.
        return bool(source.editorial.articles) or any(c.isalpha() for c in source.text)

    def read(self, source: Source, warn: Warn) -> list[Article]:
        signs = markdown_signs(source.lines) if source.editorial.format != "text" else None
        if signs:
            sidecar = source.editorial.path.name if source.editorial.path else source.path.stem + ".yml"
            warn(
                signs[0],
                f"looks like Markdown ({signs[1]}) but is read as plain text, its markup shown as written; "
                f"to read it as Markdown, name it .md or add `format: markdown` to its editorial sidecar {sidecar}",
            )
        lines, emendations, unused = apply_corrections(source.lines, source.editorial.corrections)
        for correction in unused:
            warn(
                None,
                f"editorial correction {correction.original!r} (line {correction.line} of "
                f"{source.editorial.path.name if source.editorial.path else 'metadata'}) not found in the source",
            )
        starts = _article_starts(source, lines)
        articles = []
        for k, (first, meta) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
            own = [e for e in emendations if first < e.line <= end]
            articles.append(_read_article(source, lines, first, end, meta, own, warn))
        return articles


def _article_starts(source: Source, lines: list[str]) -> list[tuple[int, ArticleMeta]]:
    """Index of each article's title line, with its metadata, in file order."""
    declared = source.editorial.articles
    if not declared:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise SourceError(source.path, "no text left after the editorial corrections")
        return [(first, ArticleMeta(title=""))]  # title: the first line, cleaned
    # Lines by their text, as they stand and as corrected: one pass over the file.
    by_text: dict[str, list[int]] = {}
    for i, (line, original) in enumerate(zip(lines, source.lines, strict=True)):
        for text in {line.strip(), original.strip()}:
            by_text.setdefault(text, []).append(i)
    starts: list[tuple[int, ArticleMeta]] = []
    for meta in declared:
        taken = {i for i, _ in starts}
        matches = [i for i in by_text.get(meta.title, []) if i not in taken]
        if not matches:  # the title as it reads once cleaned of web debris (escapes, dead links)
            matches = [i for i in range(len(lines)) if i not in taken and _is_cleaned_title(meta.title, lines, i)]
        if not matches:
            raise SourceError(
                source.editorial.path or source.path,
                f"article title {meta.title!r} is not a line of {source.name}",
            )
        starts.append((matches[0], meta))
    starts.sort(key=lambda s: s[0])
    before = [i for i in range(starts[0][0]) if lines[i].strip()]
    if before:
        raise SourceError(
            source.path, f"text before the first declared article: {lines[before[0]][:60]!r}", before[0] + 1
        )
    return starts


def _is_cleaned_title(title: str, lines: list[str], i: int) -> bool:
    return bool(lines[i].strip()) and _chunk(lines, i, i + 1, []).text == title


def _read_article(
    source: Source, lines: list[str], first: int, end: int, meta: ArticleMeta, emendations: list[Emendation], warn: Warn
) -> Article:
    # Undeclared, the title is the first line, cleaned; as it stands if nothing is left.
    # A first line too long to be a title is text: the title is then its opening words.
    # Another that does not look like a title (plain_text.py) is text too, and the
    # article is titled after its file name.
    body_start = first + 1
    title = meta.title
    problem = None if title else title_problem(lines, first)
    if problem and len(lines[first]) > TITLE_MAX:
        words = lines[first][:TITLE_MAX].split()[:-1]
        title = (" ".join(words) if words else lines[first].strip()[:80]) + " …"
        body_start = first
        warn(
            first + 1,
            f"first line is too long for a title ({len(lines[first])} characters); titled by its opening words",
        )
    elif problem:
        title = title_from_file_name(source.path)
        body_start = first
        warn(first + 1, f"first line {problem}: read as text; titled after the file name: {title!r}")
    title = title or _chunk(lines, first, first + 1, emendations).text or lines[first].strip()
    chunks = _chunks(lines, body_start, end, emendations)
    blocks = _number(_structure(chunks, emendations))
    if not any(b.kind in ("lead", "paragraph") for b in blocks):
        warn(first + 1, "article has a title but no paragraphs")
    url = meta.url and web_address(meta.url)
    if meta.url and not url:
        warn(None, f"original address {meta.url!r} is not a web address (http or https); not shown")
    return Article(
        id=meta.id or _slug(title),
        source=source.name,
        title=title,
        date=meta.date,
        date_precision={4: "year", 7: "month", 10: "day"}.get(len(meta.date or ""), "unknown"),
        date_approximate=meta.date_approximate,
        blocks=tuple(blocks),
        emendations=tuple(sorted(emendations, key=lambda e: e.line)),
        notes=(meta.note,) if meta.note else (),
        publication=meta.publication,
        author=meta.author,
        url_original=url or None,
    )


def _chunks(lines: list[str], start: int, end: int, emendations: list[Emendation]) -> list[_Chunk]:
    """Blank-line separated blocks of `lines[start:end]`, each cut where a line ends
    a paragraph (`paragraph_ends`), cleaned."""
    out = []
    group_start = None
    for number in range(start, end + 1):
        blank = number == end or not lines[number].strip()
        if not blank and group_start is None:
            group_start = number
        elif blank and group_start is not None:
            cuts = [group_start + i + 1 for i in paragraph_ends(lines[group_start:number])]
            for a, b in zip([group_start, *cuts], [*cuts, number], strict=True):
                out.append(_chunk(lines, a, b, emendations))
            group_start = None
    return out


def _chunk(lines: list[str], start: int, end: int, emendations: list[Emendation]) -> _Chunk:
    """`lines[start:end]` joined with single spaces and cleaned of web debris."""
    parts = [" ".join(line.split()) for line in lines[start:end]]
    offsets = [0]
    for part in parts[:-1]:
        offsets.append(offsets[-1] + len(part) + 1)
    text, links, found = resolve_web_markup(" ".join(parts), lambda at: start + bisect_right(offsets, at))
    emendations += found
    return _Chunk(start + 1, end - start, text, links)


def _structure(chunks: list[_Chunk], emendations: list[Emendation]) -> list[Block]:
    """Headings and paragraphs; paragraphs cut by a page break rejoined."""
    blocks: list[Block] = []
    joined: list[_Chunk] = []  # the chunks of the last block, when it is a paragraph
    for k, chunk in enumerate(chunks):
        following = chunks[k + 1] if k + 1 < len(chunks) else None
        # The joined text ends as its last chunk does: every chunk after the first
        # starts with a lower-case letter, so none is empty.
        if joined and ends_open(joined[-1].text) and continues(chunk.text):
            before = " ".join(_last_words(joined, 4))
            after = " ".join(chunk.text.split(None, 4)[:4])
            emendations.append(
                Emendation(
                    chunk.line,
                    "rejoin",
                    f"…{before} ¶ {after}…",
                    f"…{before} {after}…",
                    "paragraph cut in two by a page break rejoined",
                )
            )
            joined.append(chunk)
            continue
        _join_paragraph(blocks, joined)
        if _is_heading(chunk, following):
            blocks.append(Block("heading", chunk.text, chunk.line, links=chunk.links))
            joined = []
        else:
            joined = [chunk]
    _join_paragraph(blocks, joined)
    return blocks


def _join_paragraph(blocks: list[Block], joined: list[_Chunk]) -> None:
    """Add the paragraph made of `joined` (once, at its end: joining at each rejoin
    would copy a growing text again and again), links moved to their place in it."""
    if len(joined) < 2:
        blocks += [Block("paragraph", c.text, c.line, links=c.links) for c in joined]
        return
    links: list[Link] = []
    offset = 0
    for chunk in joined:
        links += [Link(link.start + offset, link.end + offset, link.url) for link in chunk.links]
        offset += len(chunk.text) + 1
    text = " ".join(chunk.text for chunk in joined)
    blocks.append(Block("paragraph", text, joined[0].line, links=tuple(links)))


def _last_words(joined: list[_Chunk], count: int) -> list[str]:
    """The last `count` words of the chunks, reading back only as far as needed."""
    words: list[str] = []
    for chunk in reversed(joined):
        words = chunk.text.rsplit(None, count)[-count:] + words
        if len(words) >= count:
            break
    return words[-count:]


def _is_heading(chunk: _Chunk, following: _Chunk | None) -> bool:
    """A short single line in title case, beginning with a letter, digit or quotation
    mark and ending without final punctuation, followed by text that does not continue it.
    A line holding a web link stays a paragraph, where the link can be shown."""
    text, words = chunk.text, chunk.text.split()
    if chunk.lines != 1 or chunk.links or following is None or continues(following.text) or not words:
        return False
    if len(text) > _HEADING_MAX_CHARS or len(words) > _HEADING_MAX_WORDS or text[-1] in ".,;:…":
        return False
    if not (text[0].isalnum() or text[0] in "\"“‘'("):  # `*[HTML]: ...`, `| a |`, `- item` are not titles
        return False
    long_words = [w.strip("\"“”'(") for w in words if len(w.strip("\"“”'(")) >= 4]
    capitalised = [w for w in long_words if w[:1].isupper()]
    return bool(long_words) and len(capitalised) / len(long_words) >= _HEADING_CAPITALISED


def _number(blocks: list[Block]) -> list[Block]:
    """Paragraphs numbered p1, p2 ... (the first before any heading is the lead); pull
    quotes q1, q2 ... pointing at the paragraph they repeat."""
    quote_of = pull_quotes(blocks)
    out = list(blocks)
    anchors: dict[int, str] = {}
    headed = False
    for i, b in enumerate(blocks):
        headed = headed or b.kind == "heading"
        if b.kind == "paragraph" and i not in quote_of:
            anchors[i] = f"p{len(anchors) + 1}"
            kind = "lead" if anchors[i] == "p1" and not headed else "paragraph"
            out[i] = Block(kind, b.text, b.line, anchors[i], links=b.links)
    for number, i in enumerate(sorted(quote_of), start=1):
        b = blocks[i]
        out[i] = Block("pull_quote", b.text, b.line, f"q{number}", repeats=anchors[quote_of[i]], links=b.links)
    return out


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    # A title without Latin letters or digits still needs an id of its own.
    return "-".join(words)[:60].rstrip("-") or "article-" + hashlib.sha1(title.encode()).hexdigest()[:8]
