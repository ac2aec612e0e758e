"""Reading a cable's body: numbered paragraphs with their classification markings,
sub-paragraphs, headings, SUMMARY and COMMENT sections, and the signature.

The layout printed among the lines is taken out first (`cable_layout`: handling
words, classification markings, caveat banners, rules of dashes) and the signature
read from the last lines (`cable_signature`). Paragraphs split by a page break are
then rejoined and paragraph numbers that break the sequence are corrected on clear
evidence; every change is logged as an emendation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Block, Emendation
from .cable_layout import END_MARKER, PARAGRAPH, UNDERLINE, read_layout
from .cable_signature import take_signature
from .cleaning import continues, ends_open, join_wrapped

Warn = Callable[[int | None, str], None]

_SUBPARAGRAPH = re.compile(r"^(?:--?\s|[A-Za-z][.)]\s|\([A-Za-z0-9]{1,3}\)\s|\d{1,2}\)\s|[*•]\s|-\s?[A-Z])")
_SUMMARY_START = re.compile(r"^(?:\(\w+(?:/\w+)?\)\s*)?(?:begin\s+)?summary\b(?!\s+(?:of|and\s+comment\b))", re.I)
_COMMENT_START = re.compile(r"^(?:\(\w+(?:/\w+)?\)\s*)?(?:begin\s+)?comment\b\s*(?:[:.\-]|$)", re.I)
_SECTION_END = {"summary": re.compile(r"\bend\s+summary\b", re.I), "comment": re.compile(r"\bend\s+comment\b", re.I)}


@dataclass
class BodyReading:
    blocks: list[Block] = field(default_factory=list)
    emendations: list[Emendation] = field(default_factory=list)
    signer: str | None = None
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, first anchor, last anchor)
    caveats: list[str] = field(default_factory=list)  # banners of the classification's caveat, as printed


def read_body(
    lines: list[str], start: int, page_breaks: set[int], warn: Warn, subject: str | None = None
) -> BodyReading:
    """Group the lines from `start` into blocks; `page_breaks` are the line numbers
    where a page-break marker was removed; the `subject` helps tell its tail, cut
    off and printed under the signature, from the signature."""
    reading = BodyReading()
    layout = read_layout(lines, start)
    reading.caveats = layout.caveats
    reading.emendations += layout.emendations
    ruled: set[int] = set()  # first lines of the groups that end in a heading whose rule was removed
    chunks = _chunks(layout.lines, start, layout.skipped, layout.underlined, ruled)
    reading.signer = take_signature(chunks, subject)
    breaks = sorted(page_breaks)
    # The text of the last block, as the parts rejoined to it: joined once it is
    # complete, since joining at each rejoin would copy a growing text again and again.
    pieces: list[str] = []
    unnumbered = 0
    for k, (number, chunk) in enumerate(chunks):
        text = join_wrapped([line for line in chunk if not UNDERLINE.match(line)])
        if not text:
            continue  # a rule drawn with dashes: layout, not text
        underlined = any(UNDERLINE.match(line) for line in chunk) or number in ruled
        para = PARAGRAPH.match(text)
        previous = reading.blocks[-1] if reading.blocks else None
        if para is None and previous is not None and _rejoins(previous, pieces[-1], text, number, breaks):
            before = _last_chars(pieces, 40)
            reading.emendations.append(
                Emendation(
                    number,
                    "rejoin",
                    f"{before} ¶ {text[:40]}",
                    f"{before} {text[:40]}",
                    "paragraph split by a page break or blank line rejoined",
                )
            )
            pieces.append(text)
            continue
        _complete_last(reading.blocks, pieces)
        if para:
            marking = para["marking"].upper() if para["marking"] else None
            reading.blocks.append(
                Block("paragraph", para["text"].strip(), number, f"p{para['number']}", para["number"], marking)
            )
        elif _is_list_line(chunks, k):
            reading.blocks.append(Block("subparagraph", text, number))
        elif (underlined and len(text) <= 120 and not END_MARKER.match(text)) or _is_heading(
            chunk, text, k + 1 < len(chunks)
        ):
            reading.blocks.append(Block("heading", text, number))
        elif _SUBPARAGRAPH.match(text) and previous is not None:
            reading.blocks.append(Block("subparagraph", text, number))
        else:
            unnumbered += 1
            reading.blocks.append(Block("paragraph", text, number, f"t{unnumbered}"))
        pieces = [reading.blocks[-1].text]
    _complete_last(reading.blocks, pieces)
    reading.blocks, renumbered = renumber(reading.blocks)
    reading.emendations += renumbered
    reading.blocks = _unique_anchors(reading.blocks)
    reading.sections = _sections(reading.blocks)
    if not any(b.number for b in reading.blocks):
        warn(start + 1 if start < len(lines) else None, "no numbered paragraphs found")
    return reading


def _rejoins(previous: Block, previous_end: str, text: str, number: int, breaks: list[int]) -> bool:
    """A page break between two blocks is evidence enough when the first is cut off
    mid-sentence; without one the second must also start in lower case.
    `previous_end` is the last part of the previous block; `breaks` are sorted."""
    if previous.kind not in ("paragraph", "subparagraph") or not ends_open(previous_end):
        return False
    first_after = bisect_right(breaks, previous.line)
    after_break = first_after < len(breaks) and breaks[first_after] < number
    return continues(text) or (after_break and not _SUBPARAGRAPH.match(text))


def _complete_last(blocks: list[Block], pieces: list[str]) -> None:
    """Give the last block the text of all the parts rejoined to it."""
    if len(pieces) > 1:
        b = blocks[-1]
        blocks[-1] = Block(b.kind, " ".join(pieces), b.line, b.anchor, b.number, b.marking)


def _last_chars(pieces: list[str], count: int) -> str:
    """The last `count` characters of the parts joined by spaces, joining only those needed."""
    tail: list[str] = []
    size = 0
    for piece in reversed(pieces):
        tail.append(piece)
        size += len(piece) + 1
        if size > count:
            break
    return " ".join(reversed(tail))[-count:]


def _chunks(
    lines: list[str], start: int, skipped: set[int], underlined: set[int], ruled: set[int]
) -> list[tuple[int, list[str]]]:
    """Blank-line separated groups of lines, with the line number of each group. A
    numbered paragraph starts a group; an underline ends one, and so does a line in
    `underlined` (a heading whose rule was removed from its line): the first line
    numbers of such groups are added to `ruled`. Lines in `skipped` are read as if absent."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if number in skipped:
            continue
        if not line.strip():
            if current:
                chunks.append((first, current))
                current = []
            continue
        if current and (
            PARAGRAPH.match(line.strip())
            or _starts_item(current[-1], line)
            or _closes(current[-1])
            or (number in underlined and not ends_open(current[-1]))  # a heading after a finished sentence
        ):
            chunks.append((first, current))
            current = []
        if not current:
            first = number
        current.append(line)
        if UNDERLINE.match(line) or number in underlined:
            if number in underlined:
                ruled.add(first)
            chunks.append((first, current))
            current = []
    if current:
        chunks.append((first, current))
    return chunks


def _closes(line: str) -> bool:
    """An end marker closing its sentence (`END NOTE.`, `END IC POINTS.`): what follows
    on the next line starts a group of its own."""
    return line.rstrip().endswith(".") and bool(END_MARKER.match(line.strip()))


def _starts_item(previous: str, line: str) -> bool:
    """A list item on the line after a colon, semicolon or full stop: `-- econoff:`,
    `A. repairs ...`. A dash or letter after a line that runs on is wrapped text."""
    return bool(_ITEM.match(line.strip())) and previous.rstrip().endswith((":", ";", "."))


_ITEM = re.compile(r"^(?:--?\s|[A-Z][.)]\s|\([a-z]\)\s)")


# A line of a list of office holders: `Prime Minister -- Jane Doe`, the name in
# one to four capitalised words.
_ROLE_AND_NAME = re.compile(
    r"^[A-Z][\w.,'’&/ ()-]{1,80}? -- (?:[A-Z][a-z]*\.?|[A-Z][\w'’.-]*[a-z][\w'’.-]*)(?: [A-Z][\w'’.-]*){0,3}$"
)


def _is_list_line(chunks: list[tuple[int, list[str]]], k: int) -> bool:
    """A role and a name between two dashes on a line of its own, in a run of such
    lines: an item of a list, not a heading."""

    def role_and_name(j: int) -> bool:
        return 0 <= j < len(chunks) and len(chunks[j][1]) == 1 and bool(_ROLE_AND_NAME.match(chunks[j][1][0].strip()))

    return role_and_name(k) and (role_and_name(k - 1) or role_and_name(k + 1))


def _is_heading(chunk: list[str], text: str, followed: bool) -> bool:
    """A short line standing alone, without final punctuation, followed by text."""
    if len(chunk) != 1 or len(text) > 80 or text[-1:] in ".,;:" or not followed or END_MARKER.match(text):
        return False  # `END TALKING POINTS` closes what it ends
    return not _SUBPARAGRAPH.match(text) and (ends_open(text) or text.endswith("?"))


def renumber(blocks: list[Block]) -> tuple[list[Block], list[Emendation]]:
    """Correct paragraph numbers that break the sequence when the evidence is clear:
    the printed number is the expected one with a stray leading digit (14 for 4), and
    the correction leaves the whole sequence 1, 2, 3 ... unbroken."""
    numbered = [i for i, b in enumerate(blocks) if b.number]
    if not numbered:
        return blocks, []
    printed = [int(blocks[i].number or 0) for i in numbered]
    fixed = list(printed)
    for k in range(1, len(fixed)):
        expected = fixed[k - 1] + 1
        if fixed[k] != expected and len(str(printed[k])) > 1 and str(printed[k])[1:] == str(expected):
            fixed[k] = expected
    if fixed == printed or fixed != list(range(fixed[0], fixed[0] + len(fixed))):
        return blocks, []
    out = list(blocks)
    emendations = []
    for i, old, new in zip(numbered, printed, fixed, strict=True):
        if old != new:
            b = out[i]
            out[i] = Block(b.kind, b.text, b.line, f"p{new}", str(new), b.marking)
            emendations.append(
                Emendation(
                    b.line,
                    "renumber",
                    f"{old}.",
                    f"{new}.",
                    f"paragraph number out of sequence; the paragraphs before it are 1–{new - 1}",
                )
            )
    return out, emendations


def _unique_anchors(blocks: list[Block]) -> list[Block]:
    """A number printed twice (a cable restarting its numbering) must not give two
    paragraphs the same anchor: the second becomes `p3-2`."""
    seen: dict[str, int] = {}
    out = []
    for b in blocks:
        if b.anchor:
            seen[b.anchor] = seen.get(b.anchor, 0) + 1
            if seen[b.anchor] > 1:
                b = Block(b.kind, b.text, b.line, f"{b.anchor}-{seen[b.anchor]}", b.number, b.marking)
        out.append(b)
    return out


def _sections(blocks: list[Block]) -> list[tuple[str, str, str]]:
    """SUMMARY ... END SUMMARY and COMMENT ... END COMMENT, as (kind, first anchor,
    last anchor). A section without its end marker covers its first paragraph."""
    sections = []
    anchored = [b for b in blocks if b.anchor or b.kind == "heading"]
    # Where each kind of section may end, found once: searching forward from every
    # start would read the rest of a cable once per SUMMARY paragraph.
    ends = {
        kind: [j for j, b in enumerate(anchored) if b.anchor and pattern.search(b.text)]
        for kind, pattern in _SECTION_END.items()
    }
    k = 0
    while k < len(anchored):
        block = anchored[k]
        kind = _section_start(block)
        if kind is None:
            k += 1
            continue
        first_index = k + 1 if block.kind == "heading" else k
        if first_index >= len(anchored) or not anchored[first_index].anchor:
            k += 1
            continue
        found = bisect_left(ends[kind], first_index)
        last_index = ends[kind][found] if found < len(ends[kind]) else first_index
        sections.append((kind, anchored[first_index].anchor, anchored[last_index].anchor))
        k = last_index + 1
    return sections


def _section_start(block: Block) -> str | None:
    text = block.text.strip()
    if block.kind == "heading":
        word = text.strip(" :.-").lower()
        return word if word in ("summary", "comment") else None
    if _SUMMARY_START.match(text):
        return "summary"
    if _COMMENT_START.match(text):
        return "comment"
    return None
