"""The shape of a plain text, which has no markup to say it: where its title is,
where its paragraphs end, and whether it is Markdown saved as text.

- Title: the first line, when it looks like one: at most `TITLE_MAX` characters, with
  a letter, not ending as a sentence that goes on (`,` `;`), and not continued by the
  next line (which would start in lower case). Otherwise the article is titled after
  its file name.
- Paragraphs: blank lines separate them. Within a block, lines are joined (text
  hard-wrapped by a mail client or an editor), except after a line that ends a
  sentence when the next starts one and either its first word would have fitted on
  the line (a wrapper would have put it there: the line ended a paragraph), or no line
  of the block is wrapped (one longer than anyone wraps), or every line of the block
  ends a sentence (one paragraph a line, as text pasted from a page often is).
- Markdown saved as text: two ATX headings or more, an image line, or three
  block-quote lines or more. It is still read as text; the reader says how to change
  that.
"""

from __future__ import annotations

import re
from pathlib import Path

from .cleaning import continues

TITLE_MAX = 200  # characters; a longer first line is text, not a title
# Hard-wrapped text is wrapped at 60 to 80 columns; a line longer than this was not.
_WRAP_MAX = 100
_SENTENCE_END = re.compile(r"[.!?…][\"”’'»)\]]*$")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S")
_IMAGE_LINE = re.compile(r"^ {0,3}!\[[^\]\n]*\]\([^)\n]*\)")
_QUOTE_LINE = re.compile(r"^ {0,3}>[ \t]*\S")


def title_problem(lines: list[str], first: int) -> str | None:
    """Why `lines[first]` is not a title, or None when it looks like one."""
    line = " ".join(lines[first].split())
    following = lines[first + 1].strip() if first + 1 < len(lines) else ""
    if len(line) > TITLE_MAX:
        return f"is too long for a title ({len(line)} characters)"
    if not any(c.isalpha() for c in line):
        return "holds no word"
    if line[-1] in ",;":
        return "ends as a sentence that goes on"
    if following and continues(following):
        return "goes on in the next line"
    return None


def title_from_file_name(path: Path) -> str:
    """A title made of a file's name: `plain_bbc-gazprom-tax.txt` -> `plain bbc gazprom tax`."""
    return " ".join(re.sub(r"[_-]+", " ", path.stem).split()) or path.name


def paragraph_ends(lines: list[str]) -> list[int]:
    """Indexes of the lines of a block (no blank line in it) that end a paragraph
    before its last line (see the module docstring)."""
    texts = [" ".join(line.split()) for line in lines]
    if len(texts) < 2:
        return []
    ends = [i for i in range(len(texts) - 1) if _SENTENCE_END.search(texts[i]) and not continues(texts[i + 1])]
    if not ends:
        return []
    width = max(len(text) for text in texts)
    every_line = len(ends) == len(texts) - 1 and _SENTENCE_END.search(texts[-1])
    if width > _WRAP_MAX or every_line:
        return ends
    return [i for i in ends if len(texts[i]) + 1 + len(texts[i + 1].split()[0]) <= width]


def markdown_signs(lines: list[str]) -> tuple[int, str] | None:
    """(first line, what was seen) when the text looks like Markdown, else None."""
    headings = [i for i, line in enumerate(lines) if _ATX_HEADING.match(line)]
    images = [i for i, line in enumerate(lines) if _IMAGE_LINE.match(line)]
    quotes = [i for i, line in enumerate(lines) if _QUOTE_LINE.match(line)]
    if len(headings) < 2 and not images and len(quotes) < 3:
        return None
    seen = [
        f"{len(found)} {name}{'' if len(found) == 1 else 's'}"
        for found, name in ((headings, "ATX heading"), (images, "image line"), (quotes, "block-quote line"))
        if found
    ]
    return min(headings + images + quotes) + 1, ", ".join(seen)
