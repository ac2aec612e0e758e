"""The text of a saved web page, for the web-page reader: the page parsed without
libxml2's default depth limit, the words a browser shows of an element, the words of
the page lost by the parser, and the page's chrome by kind.

Every walk here is one pass over the elements it visits (no walk up the ancestors of
each node): a page of a few thousand nested elements costs no more than a flat one.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement
from trafilatura.utils import repair_faulty_html

from ..errors import SourceError

_WORD = re.compile(r"\w+")
# Elements whose text is never shown by a browser.
INVISIBLE = frozenset(("script", "style", "noscript", "template", "svg", "head", "title"))
# Elements whose content the parser keeps as raw text, not as the page's words.
_RAW_TEXT = frozenset(("script", "style"))
# What the page's own text is cut to when it is counted without the parser: comments,
# scripts and styles (to their end, or to the end of the page when unclosed: one match,
# so a page of many unclosed ones stays linear), then tags. A `<` that opens no tag
# ("a < b") is text, and `[^<>]` (not `[^>]`) keeps the scan from every `<` short.
_NOT_TEXT = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)|<[!?/]?[a-z][^<>]*>",
    re.I | re.S,
)
# What each kind of chrome is called in the emendation, found by tag name or by a word
# of its class or id; the first that matches names an element.
_CHROME_KINDS = (
    ("cookie banner", re.compile(r"cookie|consent|gdpr", re.I)),
    ("comments", re.compile(r"comment|disqus|discussion", re.I)),
    ("related articles", re.compile(r"related|recommend|more-?(?:stories|news|articles)|read-?more|promo", re.I)),
    ("menus", re.compile(r"\bnav|menu|breadcrumb", re.I)),
    ("sharing buttons", re.compile(r"share|social", re.I)),
    ("advertising", re.compile(r"\bads?\b|advert|sponsor", re.I)),
    ("header", re.compile(r"^header$|masthead", re.I)),
    ("footer", re.compile(r"footer", re.I)),
)
_TAG_KINDS = {"nav": "menus", "header": "header", "footer": "footer", "aside": "related articles"}


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def parse_page(path: Path, page: str) -> HtmlElement:
    """The page's element tree, parsed as trafilatura parses it but with libxml2's
    `huge_tree` option: elements nest up to 2,048 deep instead of 256 (past the
    default limit libxml2 silently stops, and the rest of the page is lost). Raises
    SourceError naming the file (and the line) when the page cannot be parsed or
    nests deeper than that."""
    # The same options as trafilatura's own parser (its results stay the same).
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True, huge_tree=True
    )
    page = repair_faulty_html(page, page[:50].lower())
    try:
        tree = lxml.html.fromstring(page, parser=parser)
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes
        tree = lxml.html.fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception as e:  # noqa: BLE001 - libxml2 refusing a page is a bad source
        raise SourceError(path, f"not an HTML page that can be parsed ({e})") from e
    for error in parser.error_log:
        # The one fatal error of libxml2's HTML parser: it stops there.
        if error.level_name == "FATAL":
            raise SourceError(
                path,
                f"the page cannot be parsed past this line ({error.message.split(',')[0]}): "
                "its elements nest too deep, usually tags left unclosed; close them, or save the article alone",
                error.line or None,
            )
    # trafilatura's test of a page: a fragment that does not say `html` at its start
    # and parses to a single block is not a page.
    if tree is None or (len(tree) < 2 and "html" not in page[:50].lower()):
        raise SourceError(path, "not an HTML page that can be parsed: no article text found in this page")
    return tree


def visible_text(element: HtmlElement, limit: int | None = None, hidden: frozenset[str] = INVISIBLE) -> str:
    """The text a browser shows of an element (its tail left out): the text of
    scripts, styles, the head ... (`hidden`) left out. With a `limit`, the walk stops
    once the text holds more than `limit` characters other than white space, and the
    text returned is at least that long (a caller that wants only short texts pays
    for no more)."""
    parts: list[str] = []
    size = 0
    # Depth first with a stack of the open elements' contents (pages nest deeper than
    # Python recurses), taken one at a time: a walk that stops early has not listed
    # the children of an element of many.
    todo: list[Iterator[HtmlElement | str]] = [iter((element,))]
    while todo:
        item = next(todo[-1], None)
        if item is None:
            todo.pop()
            continue
        if isinstance(item, str):
            text = item
        elif isinstance(item.tag, str) and item.tag not in hidden:
            text = item.text or ""
            todo.append(_contents(item))
        else:
            continue  # a hidden subtree, or a comment (its tail comes next)
        parts.append(text)
        if limit is not None:
            size += len(text) - sum(map(text.count, " \n\t\r"))
            if size > limit:
                break
    return " ".join(parts)


def _contents(element: HtmlElement) -> Iterator[HtmlElement | str]:
    """An element's children, each followed by its tail (the text after it)."""
    for child in element:
        yield child
        if child.tail:
            yield child.tail


def lost_words(page: str, tree: HtmlElement) -> int:
    """How many words of the page's text are not in the parsed tree: the page's words
    counted without the parser (tags, comments, scripts and styles cut out), less the
    words of the tree's text (scripts and styles left out)."""
    text = html.unescape(_NOT_TEXT.sub(" ", page))
    parsed = visible_text(tree, hidden=_RAW_TEXT)
    return sum((Counter(words(text)) - Counter(words(parsed))).values())


def chrome_kinds(tree: HtmlElement, shown: Counter[str]) -> tuple[tuple[str, int], ...]:
    """Words of chrome by kind: each outermost element that looks like a kind of chrome
    (by tag, class or id) and whose words are mostly not the article's."""
    found: Counter[str] = Counter()
    todo = [tree]
    while todo:
        element = todo.pop()
        if not isinstance(element.tag, str) or element.tag in INVISIBLE:
            continue
        kind = _kind_of(element)
        if not kind:
            todo.extend(element)
            continue
        # Outermost: what lies within it is counted with it, and looked at no further.
        counted = Counter(words(visible_text(element)))
        total = sum(counted.values())
        if total and sum((counted - shown).values()) > total / 2:
            found[kind] += total
    return tuple(sorted(found.items(), key=lambda item: (-item[1], item[0])))


def _kind_of(element: HtmlElement) -> str | None:
    if not isinstance(element.tag, str) or element.tag in ("html", "body"):
        return None
    if element.tag in _TAG_KINDS:
        return _TAG_KINDS[element.tag]
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}".strip()
    if not names:
        return None
    if element.get("role") == "navigation":
        return "menus"
    return next((kind for kind, pattern in _CHROME_KINDS if any(pattern.search(n) for n in names.split())), None)
