"""Reader for plain-text articles copied from the web.

A file holds one article (first line = title) or, as its editorial metadata declares,
several: each begins at the line equal to its declared title. Within an article,
blank lines separate blocks; a block is a heading, a paragraph or a pull quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from ..editorial import ArticleMeta
from ..errors import SourceError
from ..model import Article, Block, Emendation, Link
from ..sources import Source
from .cleaning import apply_corrections, continues, ends_open, join_wrapped, strip_dead_links

Warn = Callable[[int | None, str], None]

_LINK = re.compile(r"(?P<image>!?)\[(?P<text>[^\[\]\n]*)\]\((?P<target>[^()\s]*)\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$%&~|<>\"'])")
_SENTENCE = re.compile(r"(?<=[.!?…”\"])\s+(?=[\"“A-Z0-9])")
_HEADING_MAX = 100
# A pull quote repeats a sentence of a paragraph at most this many blocks away.
_PULL_QUOTE_REACH = 3
_PULL_QUOTE_SIMILARITY = 0.6


class ArticleReader:
    kind = "article"

    def detect(self, source: Source) -> bool:
        if source.editorial.articles:
            return True
        blocks = [b for b in source.text.split("\n\n") if b.strip()]
        prose = [b for b in blocks if len(b.split()) >= 8 and re.search(r"[a-z]{3,}.*[.!?]", b, re.S)]
        return len(prose) >= 1 and len(blocks[0].strip().split("\n")) == 1

    def read(self, source: Source, warn: Warn) -> list[Article]:
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
        first = next(i for i, line in enumerate(lines) if line.strip())
        return [(first, ArticleMeta(title=lines[first].strip()))]
    starts = []
    for meta in declared:
        matches = [i for i, line in enumerate(lines) if line.strip() == meta.title]
        if not matches:
            raise SourceError(
                source.editorial.path or source.path,
                f"article title {meta.title!r} is not a line of {source.name}",
            )
        starts.append((matches[0], meta))
    starts.sort(key=lambda s: s[0])
    before = [line for line in lines[: starts[0][0]] if line.strip()]
    if before:
        raise SourceError(
            source.path, f"text before the first declared article: {before[0][:60]!r}", lines.index(before[0]) + 1
        )
    return starts


def _read_article(
    source: Source, lines: list[str], first: int, end: int, meta: ArticleMeta, emendations: list[Emendation], warn: Warn
) -> Article:
    chunks = _chunks(lines, first + 1, end, emendations)
    blocks: list[Block] = []
    for k, (number, text, links) in enumerate(chunks):
        previous = blocks[-1] if blocks else None
        following = chunks[k + 1][1] if k + 1 < len(chunks) else ""
        if previous and previous.kind == "paragraph" and ends_open(previous.text) and continues(text):
            offset = len(previous.text) + 1
            moved = tuple(Link(link.start + offset, link.end + offset, link.url) for link in links)
            blocks[-1] = Block(
                "paragraph", f"{previous.text} {text}", previous.line, previous.anchor, links=previous.links + moved
            )
            emendations.append(
                Emendation(
                    number,
                    "rejoin",
                    f"{previous.text[-30:]} ¶ {text[:30]}",
                    f"{previous.text[-30:]} {text[:30]}",
                    "paragraph cut in two by a page break rejoined",
                )
            )
        elif _is_heading(text, following):
            blocks.append(Block("heading", text, number))
        else:
            blocks.append(Block("paragraph", text, number, links=links))
    blocks = _number_and_find_pull_quotes(blocks)
    if not any(b.kind == "paragraph" for b in blocks):
        warn(first + 1, "article has a title but no paragraphs")
    date_precision = {4: "year", 7: "month", 10: "day"}.get(len(meta.date or ""), "unknown")
    slug = meta.id or _slug(meta.title)
    return Article(
        id=slug,
        source=source.name,
        title=meta.title,
        date=meta.date,
        date_precision=date_precision,
        date_approximate=meta.date_approximate,
        blocks=tuple(blocks),
        emendations=tuple(sorted(emendations, key=lambda e: e.line)),
        notes=(meta.note,) if meta.note else (),
        publication=meta.publication,
        author=meta.author,
        url_original=meta.url,
    )


def _chunks(
    lines: list[str], start: int, end: int, emendations: list[Emendation]
) -> list[tuple[int, str, tuple[Link, ...]]]:
    """Blank-line separated blocks, cleaned: escapes undone, links resolved."""
    out = []
    group: list[str] = []
    first = 0
    for number in range(start, end + 1):
        line = lines[number] if number < end else ""
        if line.strip():
            if not group:
                first = number + 1
            cleaned, found = _clean_line(line, number + 1)
            emendations += found
            group.append(cleaned)
        elif group:
            text, links = _resolve_links(join_wrapped(group), first, emendations)
            out.append((first, text, links))
            group = []
    return out


def _clean_line(line: str, number: int) -> tuple[str, list[Emendation]]:
    line, emendations = strip_dead_links(line, number)
    for m in _ESCAPE.finditer(line):
        emendations.append(
            Emendation(number, "unescape", m.group(0), m.group(1), "escape character from the web copy removed")
        )
    return _ESCAPE.sub(r"\1", line), emendations


def _resolve_links(text: str, number: int, emendations: list[Emendation]) -> tuple[str, tuple[Link, ...]]:
    """Keep http(s) links as links; any other target keeps its text and is noted."""
    links: list[Link] = []
    out: list[str] = []
    position = 0
    for m in _LINK.finditer(text):
        out.append(text[position : m.start()])
        start = sum(len(part) for part in out)
        target = m["target"]
        if not m["image"] and re.match(r"https?://[^\s/]+\.[^\s]+$", target, re.I):
            links.append(Link(start, start + len(m["text"]), target))
        else:
            what = "image" if m["image"] else "link"
            emendations.append(
                Emendation(
                    number,
                    "link-removed",
                    m.group(0),
                    m["text"],
                    f"{what} to {target!r} not followed: not a web address",
                )
            )
        out.append(m["text"])
        position = m.end()
    out.append(text[position:])
    return "".join(out), tuple(links)


def _is_heading(text: str, following: str) -> bool:
    """A short line without final punctuation, in title case, followed by text."""
    words = text.split()
    if not following or len(text) > _HEADING_MAX or len(words) > 14 or text[-1] in ".,;:":
        return False
    long_words = [w.strip("\"“”'(") for w in words if len(w.strip("\"“”'(")) >= 4]
    capitalised = [w for w in long_words if w[:1].isupper()]
    return bool(long_words) and len(capitalised) / len(long_words) >= 0.6


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _similarity(quote: str, sentence: str) -> float:
    return SequenceMatcher(None, _words(quote), _words(sentence), autojunk=False).ratio()


def _number_and_find_pull_quotes(blocks: list[Block]) -> list[Block]:
    """Number paragraphs p1, p2 ...; a short paragraph that repeats a sentence of a
    nearby paragraph becomes a pull quote pointing at that paragraph."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "paragraph"]
    quote_of: dict[int, int] = {}
    for i in paragraphs:
        block = blocks[i]
        if len(block.text) > 300 or len(_SENTENCE.split(block.text)) > 2:
            continue
        best, best_score = None, 0.0
        for j in paragraphs:
            if j == i or abs(j - i) > _PULL_QUOTE_REACH or j in quote_of:
                continue
            for sentence in _SENTENCE.split(blocks[j].text):
                score = _similarity(block.text, sentence)
                if score > best_score:
                    best, best_score = j, score
        if best is not None and best_score >= _PULL_QUOTE_SIMILARITY:
            quote_of[i] = best
    out = list(blocks)
    number = 0
    anchors: dict[int, str] = {}
    for i in paragraphs:
        if i not in quote_of:
            number += 1
            anchors[i] = f"p{number}"
            b = out[i]
            out[i] = Block("lead" if number == 1 else "paragraph", b.text, b.line, anchors[i], links=b.links)
    for quotes, (i, j) in enumerate(quote_of.items(), start=1):
        b = out[i]
        out[i] = Block("pull_quote", b.text, b.line, f"q{quotes}", repeats=anchors[j], links=b.links)
    return out


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:60].rstrip("-") or "article"
