"""The layout printed among a cable's lines, taken out of the body before its lines are
grouped into blocks, line numbers unchanged, each removal an emendation:

- handling words (`SIPDIS`, `NOFORN SIPDIS`; `data/cable_handling.yml`) on a line of
  their own, before the rest of a sentence, or, for the words the cable system printed
  into the text, anywhere inside a line (`... the minister said SIPDIS that ...`);
- classification markings standing alone (`CONFIDENTIAL`, `SECRET//FGI//NOFORN`), which
  the panel shows, and caveat banners (`SENSITIVE BUT UNCLASSIFIED`), which go to the
  panel as the classification's caveat;
- rules of dashes printed on a heading's line, after a space or not
  (`TITLE TEXT -------`, `XXXXXXXX----`): the heading counts as underlined.

A line taken out inside a sentence takes the blank lines around it along, so the
paragraph it split stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Emendation
from .cable_header import parse_banner
from .cable_markings import markings
from .cleaning import continues, ends_open, strip_underline

PARAGRAPH = re.compile(
    r"^¶?\s*(?P<number>\d{1,3})\s*\.(?!\d)\s*(?:\((?P<marking>[A-Za-z/]{1,12})\)(?:\s+|$))?(?P<text>.*)$", re.S
)
# Dashes, equals signs or underscores drawn under or around a heading.
UNDERLINE = re.compile(r"^\s*(?:[-=_]\s?){3,}\s*$")
# The end of a part of the text: `END NOTE.`, `End Comment.`, `END TALKING POINTS`:
# text that closes what it ends, never a heading.
END_MARKER = re.compile(
    r"^(?:END\b(?-i:\s+[A-Z/-]+){1,6}|End(?:\s+of)?\s+(?:note|comment|summary|text|talking\s+points|points|"
    r"non-?paper|quote|cable|message)\b[\w/ -]{0,40})\s*\.?$",
    re.I,
)
# A banner of the classification's caveat standing alone in the text:
# `SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY`, `SBU - PLEASE PROTECT ACCORDINGLY.`
_CAVEAT_BANNER = re.compile(
    r"^(?:SENSITIVE\s+BUT\s+UNCLASSIFIED|SBU)(?:\s*[-\u2013\u2014,:]*\s*(?:PLEASE\s+)?"
    r"(?:HANDLE|PROTECT|TREAT)\s+ACCORDINGLY)?\W*$",
    re.I,
)
# A rule of dashes glued to a heading's last word (`XXXXXXXX----`, `TITLE TEXT-------`):
# the rule and the word are parted by a space, and read as `strip_underline` reads a
# rule printed after a space.
_GLUED_RULE = re.compile(r"(?<=[^-\s])(?=-{3,}+\s?-?\s*$)")


@dataclass
class Layout:
    """What `read_layout` takes out of the body's lines before they are grouped."""

    lines: list[str]  # the lines, layout inside a line removed
    skipped: set[int] = field(default_factory=set)  # line numbers read as if absent
    underlined: set[int] = field(default_factory=set)  # line numbers of headings that lost their rule
    caveats: list[str] = field(default_factory=list)
    emendations: list[Emendation] = field(default_factory=list)


def read_layout(lines: list[str], start: int) -> Layout:
    """Take the layout out of the body's lines from `start` (see the module)."""
    layout = Layout(list(lines))
    texts = [(i, line.strip()) for i, line in enumerate(lines[start:], start=start) if line.strip()]
    for k, (i, text) in enumerate(texts):
        before = texts[k - 1] if k > 0 else None
        after = texts[k + 1] if k + 1 < len(texts) else None
        alone = (before is None or before[0] < i - 1) and (after is None or after[0] > i + 1)
        handling = bool(markings().line.match(text))
        if handling or _is_marking(text):
            kind, what = ("handling", "handling word") if handling else ("marking", "classification marking")
            note = f"{what} printed between the lines of the text removed"
            layout.skipped.add(i + 1)
            if before is not None and after is not None and _inside_sentence(texts, k):
                layout.skipped.update(range(before[0] + 2, after[0] + 1))
                note += "; the paragraph it split kept whole"
            layout.emendations.append(Emendation(i + 1, kind, text, "", note))
        elif alone and _CAVEAT_BANNER.match(text):
            layout.skipped.add(i + 1)
            layout.caveats.append(text)
            note = "banner of the classification's caveat: shown with the classification"
            layout.emendations.append(Emendation(i + 1, "caveat", text, "", note))
        else:
            text = _take_handling_words(text, i, before, layout)
            stripped, found = strip_rule(text, i + 1, glued=_stands_alone(text, i, before, after))
            if found:
                layout.lines[i] = stripped
                layout.emendations += found
                if not END_MARKER.match(stripped):
                    layout.underlined.add(i + 1)
    return layout


def _stands_alone(text: str, i: int, before: tuple[int, str] | None, after: tuple[int, str] | None) -> bool:
    """Whether the line `i` stands as a heading does: after a blank line, a rule or
    a finished sentence (or as a numbered paragraph), and before a blank line, a rule
    or a numbered paragraph."""
    starts = before is None or before[0] < i - 1 or not ends_open(before[1]) or bool(UNDERLINE.match(before[1]))
    starts = starts or bool(PARAGRAPH.match(text))
    ends = after is None or after[0] > i + 1 or bool(UNDERLINE.match(after[1]) or PARAGRAPH.match(after[1]))
    return starts and ends


def _is_marking(text: str) -> bool:
    """A classification marking in capitals standing for a line: `CONFIDENTIAL`,
    `SECRET//FGI//NOFORN`, `S E C R E T`, never one that names a cable."""
    if text != text.upper() or not re.search(r"[A-Z]", text):
        return False
    banner = parse_banner(text)
    return banner is not None and banner.station is None


def _take_handling_words(text: str, i: int, before: tuple[int, str] | None, layout: Layout) -> str:
    """The line `i` (`text`) without the handling words printed into it: before the
    rest of a sentence (`SIPDIS roles in ...`), which joins the paragraph it split;
    and, for the words the cable system inserted, anywhere between words, unless
    the text names them (`include SIPDIS in all replies`)."""
    if prefix := markings().prefix.match(text):
        text = text[prefix.end() :]
        note = "handling word printed inside a sentence removed"
        if before is not None and ends_open(before[1]):
            layout.skipped.update(range(before[0] + 2, i + 1))
            note += "; the paragraph it split kept whole"
        layout.emendations.append(Emendation(i + 1, "handling", prefix.group(0).strip(), "", note))
    pieces = []
    position = 0
    for m in markings().inserted_word.finditer(text):
        word_before = text[max(0, m.start() - 40) : m.start()].split()[-1:]
        if word_before and word_before[0].strip("\"'(“").upper() in markings().named_after:
            continue
        pieces.append(text[position : m.start()].rstrip())  # the word and the spaces before it
        position = m.end()
        note = "handling word printed inside a sentence removed"
        layout.emendations.append(Emendation(i + 1, "handling", m.group(0), "", note))
    if position:
        text = ("".join(pieces) + text[position:]).strip()
    if text != layout.lines[i].strip():
        layout.lines[i] = text
    return text


def strip_rule(line: str, number: int, glued: bool = True) -> tuple[str, list[Emendation]]:
    """The line without the rule of dashes printed on it around a heading, the
    removal an emendation (`cleaning.strip_underline`). A rule glued to the words
    (`TITLE-------`) counts only where `glued`: on a line that stands as a heading does."""
    spaced = _GLUED_RULE.sub(" ", line, count=1) if glued and "---" in line else line
    text, found = strip_underline(spaced, number)
    return text, [replace(e, original=line.strip()) for e in found]


def _inside_sentence(texts: list[tuple[int, str]], k: int) -> bool:
    """Whether the line `texts[k]` stands inside a sentence: the line above stops
    without final punctuation and is no heading (the rest of a paragraph, or followed
    by lower-case words), and the line below starts no paragraph or heading."""
    (above_at, above), (_, below) = texts[k - 1], texts[k + 1]
    if not ends_open(above) or UNDERLINE.match(above) or PARAGRAPH.match(below) or UNDERLINE.match(below):
        return False
    if k + 2 < len(texts) and UNDERLINE.match(texts[k + 2][1]):
        return False  # the line below is an underlined heading
    in_paragraph = k >= 2 and texts[k - 2][0] == above_at - 1 or len(above) > 80
    return continues(below) or in_paragraph
