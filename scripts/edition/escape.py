"""The one place where source text becomes Markdown or HTML.

Everything a source says is data: `escape` makes any string print literally under
the Markdown extensions this edition enables (pymdownx.escapeall lets a backslash
escape any character). `inline` escapes the text around the markup the edition adds
itself (footnote markers, glossary and external links), so the two never mix.
The apparatus is written as raw HTML (Python-Markdown passes it through untouched,
which is much cheaper than parsing it): `html_text` and `html_attribute` escape for it.
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


def attribute(text: str) -> str:
    """Text for a quoted Markdown link title: escaped, with quotes made entities."""
    return escape(text).replace('"', "&quot;")


@dataclass(frozen=True)
class Mark:
    """Markup the edition adds around `text[start:end]` (empty span: an insertion)."""

    start: int
    end: int
    before: str  # Markdown, already safe
    after: str  # Markdown, already safe


def inline(text: str, marks: list[Mark]) -> str:
    """Escape `text` and weave in `marks`; overlapping marks are dropped (first wins)."""
    out = []
    position = 0
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if mark.start < position:
            continue
        out.append(escape_fragment(text[position : mark.start]))
        out.append(mark.before + escape_fragment(text[mark.start : mark.end]) + mark.after)
        position = mark.end
    out.append(escape_fragment(text[position:]))
    result = "".join(out)
    # Line-start rules apply to the whole paragraph, not to fragments.
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", result)


def escape_fragment(text: str) -> str:
    """Escape part of a line, keeping its edge spaces (they separate it from markup)."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    core = escape(text)
    return (lead + core + trail) if core else (" " if text and text.isspace() else "")
