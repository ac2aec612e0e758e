"""The one place where source text becomes Markdown or HTML.

Everything a source says is data. Document text and apparatus are written as raw
HTML, which Python-Markdown passes through untouched (much cheaper than parsing it):
`html_text` and `html_attribute` escape for it, and `html_inline` escapes the text
around the markup the edition adds itself (footnote markers, glossary and external
links), so the two never mix. Headings and titles stay Markdown, for the table of
contents: `escape` makes any string print literally under the Markdown extensions
this edition enables (pymdownx.escapeall lets a backslash escape any character).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

# Characters that start markup anywhere in a line (core Markdown and the pymdownx
# extensions a configuration might switch on).
_ANYWHERE = set("\\`*_{}[]|#~^=$")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_TABLE = str.maketrans({**{char: "\\" + char for char in _ANYWHERE}, **_ENTITIES})
# Characters that are markup only at the start of a block: lists, rules, definitions.
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+:])")


def escape(text: str) -> str:
    """Markdown that renders as exactly `text` (whitespace collapsed to single spaces)."""
    escaped = " ".join(text.split()).translate(_TABLE)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def html_text(text: str) -> str:
    """HTML that shows exactly `text` (whitespace collapsed to single spaces)."""
    return html.escape(" ".join(text.split()), quote=False)


# Markdown's inline patterns that run before raw HTML is recognised (code, escapes,
# links, footnotes) must not see an attribute of an inline tag: those characters
# become character references.
_ATTRIBUTE_TABLE = str.maketrans({char: f"&#{ord(char)};" for char in "&<>\"'\\`*_{}[]|#~^=$!"})


def html_attribute(text: str) -> str:
    """A double-quoted attribute value, also safe inside a Markdown paragraph."""
    return " ".join(text.split()).translate(_ATTRIBUTE_TABLE)


# Characters YAML refuses in a document, or reads as line breaks inside a quoted string.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar (for front matter), exactly as given."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m[0]):04x}" if ord(m[0]) <= 0xFFFF else f"\\U{ord(m[0]):08x}", quoted)


@dataclass(frozen=True)
class Mark:
    """Markup the edition adds around `text[start:end]` (empty span: an insertion)."""

    start: int
    end: int
    before: str = ""  # HTML, already safe
    after: str = ""  # HTML, already safe
    note: str = ""  # a footnote marker: the note's label (its markup comes later)


def non_overlapping(marks: list[Mark]) -> list[Mark]:
    """`marks` in text order, without those that overlap an earlier one (first wins)."""
    kept = []
    position = 0
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if mark.start >= position:
            kept.append(mark)
            position = mark.end
    return kept


_SPACES = re.compile(r"\s+")
# Whitespace that collapsing would change: a run, or any white character but a space.
_UNCOLLAPSED = re.compile(r"\s\s|[^\S ]")


def html_inline(text: str, marks: list[Mark]) -> str:
    """HTML that shows `text` (whitespace collapsed) with `marks` woven in; `marks`
    come from `non_overlapping`."""
    out: list[str] = []
    position = 0
    for mark in marks:
        out += (text[position : mark.start], mark.before, text[mark.start : mark.end], mark.after)
        position = mark.end
    out.append(text[position:])
    # In each group of four parts, the first and third are text and the others markup.
    if _UNCOLLAPSED.search(text):
        out = [_SPACES.sub(" ", part) if i % 4 in (0, 2) else part for i, part in enumerate(out)]
    return "".join(html.escape(part, quote=False) if i % 4 in (0, 2) else part for i, part in enumerate(out)).strip()
