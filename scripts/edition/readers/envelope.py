"""A web scraper's envelope around an article saved as Markdown.

Scrapers write what they fetched as a Markdown file of their own making: a heading
(often the site's domain), a `Metadata` section of `**Key**: value` bullets (URL,
title, author, date, fetch details), sometimes other sections (an outline of the
page's headings, a list of its links), and a `Content` section holding the page's
text. Recognised by that shape, whatever the names of the other sections:

- a `Metadata` heading whose section is only `- **Key**: value` bullets (two or
  more), and a later `Content` heading of the same level;
- only headings before the `Metadata` heading.

The metadata become the article's front matter (title, date, author, address …,
other keys shown as given); without a title, the first heading of an outline section
(a bullet `- # Headline`) is the title. Every other part of the envelope is dropped,
each section logged as one emendation that keeps its text. The Content section is
text as the scraper took it from the page, a line per piece of text: each line is a
paragraph, unless the next line goes on with it (it starts in lower case or with
punctuation, or the line ends with a comma, colon or dash), as when a link's text
stands on a line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Emendation
from .cleaning import FENCE
from .frontmatter import FrontMatter

_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$")
_ITEM = re.compile(r"^\s*[-*+][ \t]+\*\*(?P<key>[^*\n]+?):?\*\*:?[ \t]*(?P<value>.*?)\s*$")
_OUTLINE_HEADING = re.compile(r"^\s*[-*+][ \t]+(?P<marks>#{1,6})[ \t]+(?P<text>.+?)\s*$")
# A line that opens a Markdown block of its own: never joined to or cut from its neighbours.
_BLOCK_START = re.compile(r"^(?: {0,3}(?:#{1,6}(?:\s|$)|>|[-*+][ \t]|\d{1,9}[.)][ \t]|\||```|~~~)| {4})")


@dataclass(frozen=True)
class Envelope:
    front: FrontMatter  # the Metadata section, as front matter ("list" syntax)
    content: tuple[int, int]  # line indexes of the Content section's text: [start, end)
    emendations: tuple[Emendation, ...]  # every other part, dropped


def find_envelope(lines: list[str]) -> Envelope | None:
    """The envelope around the text of `lines`, or None when it has none."""
    headings = _headings(lines)
    meta = next((k for k, (_, level, text) in enumerate(headings) if text.casefold() == "metadata"), None)
    if meta is None or any(line.strip() and not _HEADING.match(line) for line in lines[: headings[meta][0]]):
        return None
    level = headings[meta][1]
    content = next(
        (
            k
            for k in range(meta + 1, len(headings))
            if headings[k][1] == level and headings[k][2].casefold() == "content"
        ),
        None,
    )
    if content is None:
        return None
    meta_end = headings[meta + 1][0]
    items = [lines[i] for i in range(headings[meta][0] + 1, meta_end) if lines[i].strip()]
    found = [_ITEM.match(line) for line in items]
    if len(items) < 2 or not all(found):
        return None
    values: dict[str, object] = {}
    key_lines: dict[str, int] = {}
    for i in range(headings[meta][0] + 1, meta_end):
        item = _ITEM.match(lines[i])
        if item and item["key"].strip() not in values:
            values[item["key"].strip()] = item["value"]
            key_lines[item["key"].strip()] = i + 1
    content_start = headings[content][0] + 1
    after = next((h for h in headings[content + 1 :] if h[1] <= level), None)
    content_end = after[0] if after else len(lines)
    if not any(key.casefold() == "title" for key in values):
        outline = _outline_title(lines, meta_end, headings[content][0])
        if outline:
            values["title"], key_lines["title"] = outline[1], outline[0] + 1
    front = FrontMatter("list", headings[meta][0], meta_end, values, key_lines)
    dropped = [(0, content_start), (content_end, len(lines))]
    return Envelope(front, (content_start, content_end), tuple(_dropped(lines, dropped, headings)))


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, text) of each ATX heading outside code fences."""
    out = []
    fenced = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading:
            out.append((i, len(heading["marks"]), heading["text"].strip()))
    return out


def _outline_title(lines: list[str], start: int, end: int) -> tuple[int, str] | None:
    """The highest heading of an outline (`- ## Headline` bullets) between the lines."""
    found = [(len(m["marks"]), i, m["text"]) for i in range(start, end) if (m := _OUTLINE_HEADING.match(lines[i]))]
    if not found:
        return None
    _, i, text = min(found)
    return i, " ".join(text.split())


def _dropped(lines: list[str], spans: list[tuple[int, int]], headings: list[tuple[int, int, str]]) -> list[Emendation]:
    """One emendation per section of the envelope within `spans`, its lines joined by ¶."""
    out = []
    for span_start, span_end in spans:
        cuts = sorted({span_start} | {h[0] for h in headings if span_start <= h[0] < span_end}) + [span_end]
        for a, b in zip(cuts, cuts[1:], strict=False):
            text = [line.strip() for line in lines[a:b] if line.strip()]
            if not text:
                continue
            heading = _HEADING.match(lines[a])
            name = heading["text"].strip().casefold() if heading else ""
            if name == "metadata":
                note = "scraper's metadata: shown in the metadata panel"
            elif name == "content" and b - a == 1:
                note = "scraper's heading above the page's text: dropped"
            else:
                note = "scraper's section around the page's text, not part of it: dropped"
            out.append(Emendation(a + 1, "envelope", " ¶ ".join(text), "", note))
    return out


def content_groups(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The Content section's lines `[start, end)` cut into runs, one paragraph each
    (see the module docstring); Markdown blocks and code fences are never cut."""
    cuts = [start]
    fenced = False
    for i in range(start, end - 1):
        if FENCE.match(lines[i]):
            fenced = not fenced
        this, following = lines[i], lines[i + 1]
        if fenced or not this.strip() or not following.strip():
            continue
        if _BLOCK_START.match(this) or _BLOCK_START.match(following):
            continue
        if _goes_on(following) or this.rstrip()[-1] in ",:;(–—-":
            continue
        cuts.append(i + 1)
    return list(zip(cuts, [*cuts[1:], end], strict=True))


def _goes_on(line: str) -> bool:
    """A line that carries on the sentence above it: lower case or punctuation first."""
    first = line.lstrip(" \t\"“‘'«([")[:1]
    return first.islower() or (bool(first) and first in ",.;:)!?»”’]}…")
