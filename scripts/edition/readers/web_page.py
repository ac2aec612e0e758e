"""Reader for saved web pages: `.html`/`.htm` files, and any source whose text is an
HTML document (it opens with `<!DOCTYPE html` or `<html`, after white space).

The page is not read as text. Stages, in order:

1. parsing and size: the page is parsed once (elements may nest 2,048 deep; deeper,
   the parser stops, and the page is refused naming the line); a page of more than
   MAX_PAGE_CHARS characters (4 million: scripts and styles count), MAX_ELEMENTS
   elements (15,000) or MAX_TEXT_CHARS characters of text (a million) is refused
   with a SourceError naming the file and what to do: these bounds keep any page to a
   few seconds (measured: at most about 4 s on the build machine);
2. extraction: trafilatura finds the article's main text (as Markdown) and metadata,
   from the saved file alone: nothing is ever fetched, dates are not guessed from the
   clock, so the same file always gives the same article;
3. metadata checked against what the page states: the headline is the page's `<h1>`
   when one names the same story as the metadata title; the author of a claim that
   a fact-check reviews is not the article's author; a site name or a social-media
   handle is not a byline, nor a handle a publication;
4. page chrome: the words of the page that the article does not keep (menus, cookie
   banners, related-article lists, comments ...) are counted and logged as one
   emendation, so that nothing is dropped without a record; the page's words are also
   counted without the parser, and words the parsed page does not hold are noted;
   a page whose only text is its headline is refused;
5. the article is Markdown with a front-matter block (title, author, date, url,
   publication, description), read by the Markdown reader; its line numbers are then
   moved to the lines of the saved page where each block's text begins.

The saved page itself is the article's source, published as text (`filenames`).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trafilatura
import yaml
from lxml.html import HtmlElement
from trafilatura.xml import xmltotxt

from ..errors import SourceError, describe, quoted
from ..model import Article, Emendation
from ..sources import Source
from .article import ArticleReader
from .markdown import read_markdown
from .web_page_text import chrome_kinds, lost_words, parse_page, visible_text
from .web_page_text import words as _words

Warn = Callable[[int | None, str], None]
LineMap = Callable[[int], int]

# Bounds that keep a page to a few seconds (measured on the build machine, 2 cores).
# trafilatura's time grows with the number of elements, about 0.1 to 0.3 ms each
# (20,000 paragraphs, list items or table cells: 2 to 5 s with the Markdown reader);
# real article pages hold about 300 to 1,100 (the corpus). Elements inside inline SVG
# images are not counted: trafilatura drops them first.
MAX_ELEMENTS = 15_000
# htmldate searches the whole page, scripts and styles included, for dates: about
# 0.5 s a million characters.
MAX_PAGE_CHARS = 4_000_000
# The text shown: a million characters (about 160,000 words, a long book) take about
# 1.5 s; the corpus's largest page shows 35,000.
MAX_TEXT_CHARS = 1_000_000
# Counted without the parser, a page's words differ from the parsed page's by a few
# (a `>` inside an attribute's value ends a tag early for the count); the words of the
# real pages of the corpus all agree. More than this is text the parser lost.
_LOST_WORDS_NOTED = 20
_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html)[\s>]", re.I)


@dataclass(frozen=True)
class WebPage:
    """What a saved page gives: the article as Markdown, its metadata, and the words
    of the page it leaves out."""

    body: str
    title: str | None
    author: str | None
    date: str | None
    url: str | None
    publication: str | None
    description: str | None
    chrome_words: int
    chrome_kinds: tuple[tuple[str, int], ...]  # (kind, words), most words first
    lost_words: int = 0  # words of the page's text that the parsed page does not hold


class WebPageReader:
    kind = "article"
    format = "html"  # for a sidecar that says `format: html`

    def detect(self, source: Source) -> bool:
        return source.path.suffix.lower() in _SUFFIXES or bool(_HTML_START.match(source.text[:200]))

    def read(self, source: Source, warn: Warn) -> list[Article]:
        try:
            page = extract_page(source.path, source.text)
        except SourceError:
            # A text file that only bears a page's name (`notes.html` holding prose):
            # read as the text it is, rather than refused.
            if _HTML_START.match(source.text[:200]) or not ArticleReader().detect(source):
                raise
            warn(None, "named as a web page, but holds no page to extract: read as plain text")
            return ArticleReader().read(source, warn)
        if page.lost_words >= _LOST_WORDS_NOTED:
            warn(
                None,
                f"{page.lost_words:,} words of the page's text are neither in the article nor in its page "
                "chrome: the HTML parser did not keep them; check the page's markup, or save the article alone",
            )
        markdown = front_matter(page) + page.body
        offset = front_matter(page).count("\n")
        lines = _line_map(markdown.split("\n"), source.lines, offset)

        def page_warn(line: int | None, message: str) -> None:
            warn(lines(line) if line else None, message)

        chrome = chrome_emendation(page, _body_line(source.lines))
        articles = read_markdown(
            source,
            markdown,
            page_warn,
            origin_note="text and metadata extracted from a saved web page (trafilatura); "
            "the page as saved is the source",
            emendations=(chrome,) if chrome else (),
        )
        return [_moved(article, lines, chrome) for article in articles]


def extract_page(path: Path, page: str) -> WebPage:
    """The article of a saved page and its metadata. Raises SourceError naming the
    file when the page is too large or holds no article text."""
    if len(page) > MAX_PAGE_CHARS:
        raise SourceError(
            path,
            f"page too large to extract: {len(page):,} characters (at most {MAX_PAGE_CHARS:,}); "
            "save the article alone, or without its inline scripts and images",
        )
    tree = parse_page(path, page)
    elements = len(tree.xpath("//*")) - len(tree.xpath("//svg//*"))
    if elements > MAX_ELEMENTS:
        raise SourceError(
            path, f"page too large to extract: {elements:,} elements (at most {MAX_ELEMENTS:,}); save the article alone"
        )
    shown_text = visible_text(tree)
    text_chars = len(shown_text) - sum(map(shown_text.count, " \n\t\r"))  # indentation costs little
    if text_chars > MAX_TEXT_CHARS:
        raise SourceError(
            path,
            f"page too large to extract: {text_chars:,} characters of text (at most {MAX_TEXT_CHARS:,}); "
            "split it, or save the article alone",
        )
    try:
        meta = trafilatura.bare_extraction(
            tree,  # parsed once, past libxml2's default depth limit (trafilatura copies it)
            output_format="markdown",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_links=False,  # relative to a site the edition does not have
            include_images=False,  # never fetched
            favor_precision=True,  # measured on the corpus: the same coverage, far less chrome
            deduplicate=False,
            # A fixed bound instead of today's date: the same page gives the same date
            # whatever the day of the build.
            date_extraction_params={"original_date": True, "extensive_search": True, "max_date": "2100-01-01"},
        )
        if not isinstance(meta, trafilatura.settings.Document):
            meta = None
        # The Markdown that `trafilatura.extract` writes, without extracting twice.
        body = unicodedata.normalize("NFC", xmltotxt(meta.body, True)).strip() if meta is not None else ""
    except Exception as e:  # noqa: BLE001 - a page the extractor trips on is a bad source, not a crash
        raise SourceError(path, f"no article text found in this page (the extractor failed: {describe(e)})") from e
    if meta is None or not _words(body):
        raise SourceError(path, "no article text found in this page")
    title = _headline(tree, meta.title)
    publication = _publication(tree, meta.sitename, meta.url)
    body = _without_title(body, title)
    if not _words(body):
        raise SourceError(path, f"no article text found in this page: only its headline {quoted(title)}")
    description = _description(meta.description, body, title)
    author = _author(tree, meta.author, publication)
    shown = " ".join(filter(None, (body, title, author, description)))
    chrome = Counter(_words(shown_text)) - Counter(_words(shown))
    return WebPage(
        body=body.strip() + "\n",
        title=title,
        author=author,
        date=meta.date,
        url=meta.url,
        publication=publication,
        description=description,
        chrome_words=sum(chrome.values()),
        chrome_kinds=chrome_kinds(tree, Counter(_words(shown))),
        lost_words=lost_words(page, tree),
    )


def front_matter(page: WebPage) -> str:
    """The YAML block the Markdown reader takes metadata from; unknown values left out."""
    fields = {
        "title": page.title,
        "author": page.author,
        "date": page.date,
        "url": page.url,
        "publication": page.publication,
        "description": page.description,
    }
    # Dumped, not formatted: a title with a colon or a quotation mark stays a string.
    block = yaml.safe_dump({k: v for k, v in fields.items() if v}, allow_unicode=True, sort_keys=False, width=10**6)
    return f"---\n{block}---\n\n"


def chrome_emendation(page: WebPage, line: int) -> Emendation | None:
    """The page chrome as one emendation: how many words, and of what kinds."""
    if not page.chrome_words:
        return None
    named = sum(words for _, words in page.chrome_kinds)
    kinds = [f"{kind} ({words})" for kind, words in page.chrome_kinds]
    if page.chrome_words > named:
        kinds.append(f"other ({page.chrome_words - named})")
    return Emendation(
        line,
        "page-chrome",
        f"{page.chrome_words} words of page chrome: " + ", ".join(kinds),
        "",
        "the text of the saved page around the article, dropped by the extractor; the page is published as the source",
    )


def _headline(tree: HtmlElement, meta_title: str | None) -> str | None:
    """The page's own headline: the first `<h1>` that shares a word with the metadata
    title (a site's logo in an `<h1>` does not); otherwise the metadata title."""
    title_words = set(_words(meta_title or ""))
    for h1 in tree.iter("h1"):
        text = " ".join(visible_text(h1, _HEADLINE_MAX_CHARS).split())
        if text and (not title_words or title_words & set(_words(text))):
            return text
    return meta_title


def _without_title(body: str, title: str | None) -> str:
    """The body without a first heading that repeats the title (it heads the page)."""
    first, _, rest = body.lstrip().partition("\n")
    if title and first.startswith("#") and _words(first) == _words(title):
        return rest.lstrip("\n")
    return body


def _description(description: str | None, body: str, title: str | None) -> str | None:
    """The page's summary, unless the article already says it (a truncated first
    paragraph, the title again)."""
    if not description:
        return None
    words = _words(description.rstrip(".… "))
    if not words or words == _words(title or "") or " ".join(words) in " ".join(_words(body)):
        return None
    return " ".join(description.split())


def _json_ld_claim_authors(tree: HtmlElement) -> list[list[str]]:
    """Words of the names of claims' authors in the page's JSON-LD (a fact-check's
    ClaimReview: `itemReviewed.author`), which are not the article's authors."""
    names = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue  # broken JSON-LD says nothing
        for reviewed in _values_of(data, "itemReviewed"):
            for author in _values_of(reviewed, "author"):
                name = author.get("name") if isinstance(author, dict) else author
                if isinstance(name, str):
                    names.append(_words(name))
    return names


def _values_of(data: Any, key: str, depth: int = 0) -> Iterator[Any]:
    """Every value of `key` in nested JSON (lists flattened), to a bounded depth."""
    if depth > 20:
        return
    if isinstance(data, dict):
        for k, value in data.items():
            if k == key:
                yield from value if isinstance(value, list) else [value]
            yield from _values_of(value, key, depth + 1)
    elif isinstance(data, list):
        for item in data:
            yield from _values_of(item, key, depth + 1)


# A byline is shorter than this; a longer candidate is no byline, and a headline
# longer than this is no headline (their text is collected no further).
_BYLINE_MAX_CHARS = 200
_HEADLINE_MAX_CHARS = 1_000
# A label before a byline's names: "By", "Text:", "Текст:", "Words:" ...
_BYLINE_LABEL = re.compile(r"^\s*(?:by\b|\w+\s*:)\s*", re.I)


def _author(tree: HtmlElement, author: str | None, publication: str | None) -> str | None:
    """The extracted author, checked against the page: not the author of a claim the
    page reviews; as the page's byline writes it when one names the same people
    ("By A, B and C" rather than "A; B; C Associated Press"); without the outlet's
    name run into it ("Finian Cunningham. Sputnik International")."""
    if not author:
        return None
    words = [w for w in _words(author) if w != "and"]
    if any(set(words) <= set(claim) for claim in _json_ld_claim_authors(tree)):
        return None  # the person or body whose claim is checked
    stated = _byline(tree, words)
    if stated:
        return stated
    if publication:
        # Only from the start of a run of separators: a long run is not tried from
        # each of its characters.
        end = re.search(r"(?<![\s.,;|-])[\s.,;|-]+" + re.escape(publication) + r"\s*$", author, re.I)
        if end and end.start() > 0:
            author = author[: end.start()]
    return " ".join(author.split()) or None


def _byline(tree: HtmlElement, author_words: list[str]) -> str | None:
    """The longest byline of the page (an element whose class or id says byline or
    author) whose names, label left out, are a run of at least two of `author_words`."""
    joined = " " + " ".join(author_words) + " "
    found = []
    for element in tree.xpath(
        '//body//*[contains(@class, "byline") or contains(@class, "author") or contains(@id, "byline")]'
    ):
        # Bounded: a candidate that holds more than a byline (an `author` class on the
        # article's wrapper, or on each of many nested elements) costs no more.
        text = _BYLINE_LABEL.sub("", " ".join(visible_text(element, 2 * _BYLINE_MAX_CHARS).split()), count=1)
        names = [w for w in _words(text) if w != "and"]
        if len(names) >= 2 and " " + " ".join(names) + " " in joined and len(text) <= _BYLINE_MAX_CHARS:
            found.append(text)
    return max(found, key=len, default=None)


def _publication(tree: HtmlElement, sitename: str | None, url: str | None) -> str | None:
    """The site's name as the page states it: trafilatura's, unless that is only the
    page's social-media handle; then the name after the headline in `<title>`, else
    the host of the page's address."""
    handles = {h.lstrip("@").casefold() for h in tree.xpath('//meta[@name="twitter:site"]/@content')}
    if sitename and sitename.casefold() not in handles:
        return sitename
    title = " ".join((tree.findtext(".//title") or "").split())
    suffix = re.search(r"\s[-|–—]\s([^-|–—]{2,60})$", title)
    if suffix:
        return suffix[1].strip()
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or sitename


def _body_line(lines: list[str]) -> int:
    """The line of the page's `<body>` (1 if it has none): where its chrome stands."""
    return next((i for i, line in enumerate(lines, start=1) if re.search(r"<body[\s>]", line, re.I)), 1)


# How far ahead in the page's text a block's first words are looked for: the page's
# text runs in the article's order, and a bound keeps a page of many blocks linear.
_LINE_SEARCH_CHARS = 50_000
# A tag on one line of the page; `[^<>]`, not `[^>]`: a long line of `<` without `>`
# (a script's `a<b`) is not scanned to its end from each `<`.
_TAG = re.compile(r"<[^<>]*>")


def _line_map(markdown: list[str], page: list[str], offset: int) -> LineMap:
    """A function from a line of the Markdown to the line of the page where its text
    begins: the first place after the previous block's where the page's text, tags and
    entities left out, holds the block's first words. Lines not found, and lines
    within a block, go to the line of the last block found before them."""
    starts = [0]
    parts = []
    for line in page:
        part = " ".join(_words(html.unescape(_TAG.sub(" ", line))))
        parts.append(part)
        starts.append(starts[-1] + len(part) + 1)
    text = " ".join(parts)
    numbers: list[int] = []
    lines: list[int] = []
    at = 0
    for number, line in enumerate(markdown, start=1):
        words = " ".join(_words(line)[:4])
        if number <= offset or not words or (number > 1 and markdown[number - 2].strip()):
            continue  # front matter, blank lines and lines within a block
        hit = text.find(words, at, at + _LINE_SEARCH_CHARS)
        if hit >= 0:
            at = hit
            numbers.append(number)
            lines.append(bisect_right(starts, hit))
    body = _body_line(page)

    def page_line(number: int) -> int:
        k = bisect_right(numbers, number)
        return lines[k - 1] if k else body

    return page_line


def _moved(article: Article, page_line: LineMap, chrome: Emendation | None) -> Article:
    """The article with its lines moved from the Markdown to the saved page, marked
    as read from HTML."""
    blocks = tuple(replace(b, line=page_line(b.line)) for b in article.blocks)
    emendations = tuple(e if e is chrome else replace(e, line=page_line(e.line)) for e in article.emendations)
    return replace(article, blocks=blocks, emendations=emendations, source_format="html")
