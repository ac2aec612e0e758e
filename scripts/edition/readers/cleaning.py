"""Repairs shared by the readers. Each repair returns the text and the emendations
it made, so nothing changes without a record that shows the original."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

from ..editorial import Correction
from ..model import Emendation, Link

# `[text](#)`: a link whose target was lost when the page was scraped.
DEAD_LINK = re.compile(r"\[([^\[\]\n]*)\]\(#\)")
# A line that opens or closes a fenced code block in Markdown.
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’')\]»]\s*$")
# What a web copy keeps of Markdown: a backslash escape (`\$`), or a link or image
# `[text](target "title")` whose target may hold one level of parentheses. Escapes and
# links are found in one pass, so an escaped bracket never opens a link.
_ESCAPABLE = r"[\\`*_{}\[\]()#+\-.!$%&~|<>\"']"
_WEB_MARKUP = re.compile(
    rf"""(?P<escape>\\{_ESCAPABLE})
    | (?P<image>!?)\[(?P<text>(?:\\.|[^\[\]\\])*)\]
      \(\s*(?P<target><[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)
      (?:\s+(?P<title>"[^"\n]*"|'[^'\n]*'))?\s*\)""",
    re.X,
)
_ESCAPE = re.compile(rf"\\({_ESCAPABLE})")
_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?(?:[/?#]\S*)?", re.I)
# Characters kept as they are in a web address; anything else (spaces, quotes,
# parentheses, angle brackets, backslashes ...) is percent-encoded, so the address
# can stand in a Markdown link without ending it early.
_URL_SAFE = "/?#[]@!$&'*+,;=:%~-._"


def strip_dead_links(line: str, number: int) -> tuple[str, list[Emendation]]:
    """Reduce every `[text](#)` on a line to its text."""
    if "](#)" not in line:
        return line, []
    emendations = [
        Emendation(number, "link-debris", m.group(0), m.group(1), "dead link reduced to its text")
        for m in DEAD_LINK.finditer(line)
    ]
    return DEAD_LINK.sub(r"\1", line), emendations


def web_address(target: str) -> str | None:
    """`target` as a safe http(s) address, or None when it is not a web address."""
    target = target.strip()
    if not _WEB_ADDRESS.fullmatch(target):
        return None
    return quote(target, safe=_URL_SAFE)


def resolve_web_markup(text: str, line_at: Callable[[int], int]) -> tuple[str, tuple[Link, ...], list[Emendation]]:
    """Undo the Markdown a web copy keeps; `line_at(offset)` gives an offset's source line.

    Escapes (`\\$`) are undone. A link to a web address stays a link (a `Link` span of
    the returned text); a dead link `[text](#)`, a link to anything else (`javascript:`,
    a file, an anchor) and an image keep only their text. Each change is an emendation.
    """
    out: list[str] = []
    links: list[Link] = []
    emendations: list[Emendation] = []
    position = length = 0
    for m in _WEB_MARKUP.finditer(text):
        out.append(text[position : m.start()])
        length += m.start() - position
        position = m.end()
        line = line_at(m.start())
        if m["escape"]:
            piece, address = m["escape"][1], None
            emendations.append(Emendation(line, "unescape", m["escape"], piece, _UNESCAPED))
        else:
            piece, address, changes = _resolve_link(m, line)
            emendations += changes
        if address:
            links.append(Link(length, length + len(piece), address))
        out.append(piece)
        length += len(piece)
    out.append(text[position:])
    return "".join(out), tuple(links), emendations


_UNESCAPED = "escape character from the web copy removed"


def _resolve_link(m: re.Match[str], line: int) -> tuple[str, str | None, list[Emendation]]:
    """The text a link or image leaves, the web address it keeps (or None), the changes."""
    text = _ESCAPE.sub(r"\1", m["text"])
    target = _ESCAPE.sub(r"\1", m["target"].strip("<>"))
    original = m.group(0)
    if m["image"]:
        return (
            text,
            None,
            [Emendation(line, "image", original, text, f"image {target!r} not shown; its description kept")],
        )
    if target in ("", "#"):
        return text, None, [Emendation(line, "link-debris", original, text, "dead link reduced to its text")]
    address = web_address(target)
    if address is None or not text.strip():
        why = "not a web address" if address is None else "the link has no text"
        return text, None, [Emendation(line, "link-removed", original, text, f"link to {target!r} not followed: {why}")]
    changes = [Emendation(line, "unescape", e.group(0), e.group(1), _UNESCAPED) for e in _ESCAPE.finditer(m["text"])]
    if m["title"]:
        changes.append(Emendation(line, "link-title", m["title"], "", "title of a kept link dropped"))
    return text, address, changes


def apply_corrections(
    lines: list[str], corrections: tuple[Correction, ...]
) -> tuple[list[str], list[Emendation], list[Correction]]:
    """Apply editorial corrections line by line; returns the corrections never used."""
    emendations: list[Emendation] = []
    used: set[int] = set()
    out = []
    for number, line in enumerate(lines, start=1):
        for index, correction in enumerate(corrections):
            if correction.original in line:
                used.add(index)
                line = line.replace(correction.original, correction.corrected)
                note = correction.note or "editorial correction"
                emendations.append(Emendation(number, "correction", correction.original, correction.corrected, note))
        out.append(line)
    unused = [c for i, c in enumerate(corrections) if i not in used]
    return out, emendations, unused


def ends_open(text: str) -> bool:
    """True when a paragraph stops without final punctuation (cut, not ended)."""
    return bool(text) and not _SENTENCE_END.search(text)


def continues(text: str) -> bool:
    """True when a paragraph starts as the rest of a sentence (in lower case)."""
    stripped = text.lstrip("\"“'(")
    return bool(stripped) and stripped[0].islower()


def join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph; whitespace is collapsed."""
    return " ".join(" ".join(line.split()) for line in lines if line.strip())


# A rule of dashes printed on a heading's own line, after it or on both sides
# (`RELATIONSHIP OFF ON THE RIGHT FOOT -------`, `------- Summary -------`): the line
# break between the heading and its underline was lost. Three dashes at least, so
# that a dash of the text (`Sarkozy -- after`) is never taken.
_RULED_LINE = re.compile(r"^\s*+(?:-{3,}+\s?)*+(?P<text>[^-\s](?:.*?\S)?)\s+(?:-{3,}+\s?)++-?\s*$")
_RULED_LINE_MAX = 160


def strip_underline(line: str, number: int) -> tuple[str, list[Emendation]]:
    """The line without the rule of dashes printed on it around a heading; the
    removal is an emendation. A line without one, or a long line (text, not a
    heading), comes back as it is."""
    if "---" not in line or len(line) > _RULED_LINE_MAX:
        return line, []
    m = _RULED_LINE.match(line)
    if m is None:
        return line, []
    text = m["text"]
    if not re.search(r"\w", text):
        return line, []
    note = "underline printed on the heading's line removed: layout, not text"
    return text, [Emendation(number, "underline", line.strip(), text, note)]
