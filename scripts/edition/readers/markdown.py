"""Reader for Markdown articles: `.md`/`.markdown` files, and any file that opens
with a front-matter block (YAML between `---` lines, TOML between `+++` lines).

Contract for other readers (the saved-web-page reader hands its Markdown here):

    read_markdown(source, text, warn, origin_note="", emendations=()) -> list[Article]

`text` is Markdown, optionally opening with a front-matter block (blank lines before
it allowed); line numbers in emendations and warnings are lines of `text`. `source`
gives the file name, the editorial sidecar (which overrides whatever the text says)
and nothing else: `source.text` is not looked at. `origin_note` (e.g. "text extracted
from a saved web page") is shown as an editorial note on each article; `emendations`
(e.g. page chrome the extractor dropped) go into the first article's log. A second
front-matter block starts a new article. Raises SourceError naming file:line when no
article can be made (nothing but front matter, say).

Size: a Markdown text of more than `MAX_MARKDOWN_BYTES` (1 MiB in UTF-8, several times
the longest article) is refused with a SourceError that says to split it. The parser
takes time in proportion to the text, but up to seconds per 100 KB for some shapes of
text (a run of `[`, of `_a`, or of link definitions), so a bound on the size is a bound
on the time one file can take.

`MarkdownReader().read(source, warn)` is `read_markdown(source, source.text, warn)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..editorial import ArticleMeta
from ..errors import SourceError
from ..model import Article, Block, Emendation
from ..sources import Source
from . import frontmatter
from .anatomy import find_parts
from .article import _slug
from .cleaning import apply_corrections, web_address
from .envelope import Envelope, content_groups, find_envelope
from .frontmatter import FrontMatter
from .markdown_body import body_blocks, drop_directives
from .plain_text import title_from_file_name
from .pull_quotes import pull_quotes

Warn = Callable[[int | None, str], None]

SUFFIXES = (".md", ".markdown")
MAX_MARKDOWN_BYTES = 1024 * 1024
# Blocks numbered p1, p2 … in the order of the text, as a paragraph is in other formats.
_NUMBERED = ("paragraph", "quote", "item", "bio", "source")
# A later front-matter block must say something about an article, so that a rule, a
# `Note: …` line and another rule in a text are not taken for one.
_ARTICLE_KEYS = {key for name in ("title", "date", "author", "url") for key in frontmatter.FIELDS[name]}


class MarkdownReader:
    kind = "markdown"
    document_kind = "article"  # what it reads, for a sidecar that says `kind: article`
    format = "markdown"  # for a sidecar that says `format: markdown`

    def detect(self, source: Source) -> bool:
        return source.path.suffix.lower() in SUFFIXES or frontmatter.opening_block(source.lines) is not None

    def read(self, source: Source, warn: Warn) -> list[Article]:
        return read_markdown(source, source.text, warn)


@dataclass(frozen=True)
class _Segment:
    """The lines of one article: its front matter (if any) and its body."""

    front: FrontMatter | None
    start: int  # first line index of the segment (its front matter's fence, if any)
    body: int  # first line index of the body
    end: int  # line index after the segment
    envelope: Envelope | None = None  # a scraper's, around the body (then `front` is its metadata)


def read_markdown(
    source: Source, text: str, warn: Warn, origin_note: str = "", emendations: Sequence[Emendation] = ()
) -> list[Article]:
    """The articles of the Markdown `text` (see the module docstring for the contract)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_MARKDOWN_BYTES:
        raise SourceError(
            source.path,
            f"too large to read as Markdown: {size:,} bytes (the limit is {MAX_MARKDOWN_BYTES:,}); "
            "split it into several files, one per article or chapter, each under the limit",
        )
    lines, changes, unused = apply_corrections(text.split("\n"), source.editorial.corrections)
    for correction in unused:
        warn(None, f"editorial correction {correction.original!r} (line {correction.line} of the sidecar) not found")
    segments = _segments(source, lines)
    metas = _metas(source, segments, warn)
    articles: list[Article] = []
    ids: set[str] = set()
    for k, (segment, meta) in enumerate(zip(segments, metas, strict=True)):
        own = [e for e in changes if segment.start < e.line <= segment.end]
        if k == 0:
            own += emendations
        article = _article(source, lines, segment, meta, own, warn, origin_note)
        if article.id in ids:  # two articles of one file with one title
            article = replace(article, id=f"{article.id}-{k + 1}")
        ids.add(article.id)
        articles.append(article)
    if not articles:
        raise SourceError(source.path, "no article found: the file holds no text")
    return articles


def _segments(source: Source, lines: list[str]) -> list[_Segment]:
    """Where each article begins: at the opening front matter, and at each later
    front-matter block that names an article's title, date, author or address."""
    opening = frontmatter.opening_block(lines)
    starts: list[tuple[FrontMatter | None, int, int]] = []
    body = 0
    envelope = None if opening else find_envelope(lines)
    if envelope:
        # One article: its text is the Content section, which holds no front matter.
        return [_Segment(envelope.front, 0, envelope.content[0], len(lines), envelope)]
    if opening:
        first = frontmatter.parse(source.path, lines, opening)
        starts.append((first, 0, first.end))
        body = first.end
    elif any(line.strip() for line in lines):
        starts.append((None, 0, 0))
    for block in frontmatter.later_blocks(lines, body):
        try:
            later = frontmatter.parse(source.path, lines, block)
        except SourceError:
            continue  # not front matter: a rule, text, a rule
        if len(later.values) >= 2 and {k.lower() for k in later.values} & _ARTICLE_KEYS:
            starts.append((later, later.start, later.end))
    segments = []
    for k, (front, start, body_start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(lines)
        if front is None and not any(line.strip() for line in lines[start:end]):
            continue  # only blank lines before the first front matter
        segments.append(_Segment(front, start, body_start, end))
    return segments


def _metas(source: Source, segments: list[_Segment], warn: Warn) -> list[ArticleMeta]:
    """The sidecar's facts for each article: by order when it declares as many
    articles as the file holds, otherwise by title."""
    declared = list(source.editorial.articles)
    if not declared:
        return [ArticleMeta(title="") for _ in segments]
    if len(declared) == len(segments):
        return declared
    metas = []
    for segment in segments:
        title = (segment.front and frontmatter.as_text(_value(segment.front, "title"))) or ""
        match = next((m for m in declared if title and " ".join(m.title.split()) == " ".join(title.split())), None)
        if match:
            declared.remove(match)
        metas.append(match or ArticleMeta(title=""))
    for meta in declared:
        warn(None, f"editorial article {meta.title!r} matches no article of the file (by its front-matter title)")
    return metas


def _value(front: FrontMatter, key: str) -> object:
    return next((v for k, v in front.values.items() if k.lower() == key), None)


def _article(
    source: Source,
    lines: list[str],
    segment: _Segment,
    meta: ArticleMeta,
    emendations: list[Emendation],
    warn: Warn,
    origin_note: str,
) -> Article:
    fields = frontmatter.fields(segment.front, warn) if segment.front else frontmatter.Fields()
    if segment.envelope:
        blocks, found = _envelope_content(lines, segment.envelope)
        emendations = emendations + list(segment.envelope.emendations) + found
    else:
        body_lines, dropped = drop_directives(lines[segment.body : segment.end], segment.body + 1)
        blocks, found = body_blocks("\n".join(body_lines), segment.body)
        emendations = emendations + dropped + found
    parts = find_parts(blocks, meta.title or fields.title)
    emendations += parts.emendations
    blocks = _description(fields, emendations) + parts.blocks
    title = meta.title or parts.title
    if not title:
        title = title_from_file_name(source.path)
        warn(segment.start + 1, f"no title in front matter or heading; titled after the file name: {title!r}")
    date, precision, from_text = meta.date, None, False
    if not date and fields.date:
        date, precision = fields.date, fields.date_precision
    elif not date and parts.date:
        (date, precision), from_text = parts.date, True
    metadata = list(fields.metadata)
    stated_url = meta.url or fields.url
    url = web_address(stated_url) if stated_url else parts.url
    if stated_url and not url:
        warn(segment.start + 1, f"original address {stated_url!r} is not a web address (http or https); not linked")
        metadata.append(("address (not a web address)", stated_url))
    notes = tuple(n for n in (meta.note, origin_note) if n)
    return Article(
        id=meta.id or _slug(title),
        source=source.name,
        title=title,
        date=date,
        date_precision=precision or {4: "year", 7: "month", 10: "day"}.get(len(date or ""), "unknown"),
        date_approximate=meta.date_approximate,
        blocks=tuple(_number(blocks)),
        emendations=tuple(sorted(emendations, key=lambda e: e.line)),
        notes=notes,
        publication=meta.publication or fields.publication,
        author=meta.author or fields.author or parts.author,
        url_original=url or None,
        source_format="markdown",
        date_from_text=from_text,
        tags=fields.tags,
        metadata=tuple(metadata),
    )


def _envelope_content(lines: list[str], envelope: Envelope) -> tuple[list[Block], list[Emendation]]:
    """The blocks of a scraper's Content section, read a paragraph per line."""
    blocks: list[Block] = []
    emendations: list[Emendation] = []
    for start, end in content_groups(lines, *envelope.content):
        group, dropped = drop_directives(lines[start:end], start + 1)
        found_blocks, found = body_blocks("\n".join(group), start)
        blocks += found_blocks
        emendations += dropped + found
    return blocks, emendations


def _description(fields: frontmatter.Fields, emendations: list[Emendation]) -> list[Block]:
    """The front matter's description as blocks: one paragraph is the standfirst;
    Markdown of several blocks (Hugo writes whole show notes there) is read as such."""
    if not fields.description:
        return []
    blocks, found = body_blocks(fields.description, fields.description_line - 1)
    emendations += found
    if len(blocks) == 1 and blocks[0].kind == "paragraph":
        return [replace(blocks[0], kind="standfirst")]
    return blocks


def _number(blocks: list[Block]) -> list[Block]:
    """Text blocks numbered p1, p2 … (the first paragraph, before any heading, is the
    lead); pull quotes q1, q2 … pointing at the paragraph they repeat; figures
    figure-1, figure-2 …"""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "paragraph"]
    quote_of = {paragraphs[a]: paragraphs[b] for a, b in pull_quotes([blocks[i] for i in paragraphs]).items()}
    out = list(blocks)
    anchors: dict[int, str] = {}
    headed = False
    figures = 0
    for i, block in enumerate(blocks):
        headed = headed or block.kind == "heading"
        if block.kind in _NUMBERED and i not in quote_of:
            anchors[i] = f"p{len(anchors) + 1}"
            lead = block.kind == "paragraph" and anchors[i] == "p1" and not headed
            out[i] = replace(block, kind="lead" if lead else block.kind, anchor=anchors[i])
        elif block.kind == "figure":
            figures += 1
            out[i] = replace(block, anchor=f"figure-{figures}")
    for number, i in enumerate(sorted(quote_of), start=1):
        out[i] = replace(blocks[i], kind="pull_quote", anchor=f"q{number}", repeats=anchors[quote_of[i]])
    return out
