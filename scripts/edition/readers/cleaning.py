"""Repairs shared by the readers. Each repair returns the text and the emendations
it made, so nothing changes without a record that shows the original."""

from __future__ import annotations

import re

from ..editorial import Correction
from ..model import Emendation

# `[text](#)`: a link whose target was lost when the page was scraped.
DEAD_LINK = re.compile(r"\[([^\[\]\n]*)\]\(#\)")
_SENTENCE_END = re.compile(r"[.!?:;\"”’')\]»]\s*$")


def strip_dead_links(line: str, number: int) -> tuple[str, list[Emendation]]:
    """Reduce every `[text](#)` on a line to its text."""
    emendations = [
        Emendation(number, "link-debris", m.group(0), m.group(1), "dead link reduced to its text")
        for m in DEAD_LINK.finditer(line)
    ]
    return DEAD_LINK.sub(r"\1", line), emendations


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
