"""Reading a cable's body: numbered paragraphs with their classification markings,
sub-paragraphs, headings, SUMMARY and COMMENT sections, and the signature.

Paragraphs split by a page break are rejoined and paragraph numbers that break the
sequence are corrected on clear evidence; both are logged as emendations, and so is
the layout taken out of the text first (`_read_layout`): handling words printed
between the lines, caveat banners such as `SENSITIVE BUT UNCLASSIFIED`, which go to
the panel, and rules of dashes printed on a heading's line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Block, Emendation
from .cleaning import continues, ends_open, join_wrapped, strip_underline

Warn = Callable[[int | None, str], None]

PARAGRAPH = re.compile(
    r"^¶?\s*(?P<number>\d{1,3})\s*\.(?!\d)\s*(?:\((?P<marking>[A-Za-z/]{1,12})\)(?:\s+|$))?(?P<text>.*)$", re.S
)
_SUBPARAGRAPH = re.compile(r"^(?:--?\s|[A-Za-z][.)]\s|\([A-Za-z0-9]{1,3}\)\s|\d{1,2}\)\s|[*•]\s|-\s?[A-Z])")
# Dashes, equals signs or underscores drawn under or around a heading.
UNDERLINE = re.compile(r"^\s*(?:[-=_]\s?){3,}\s*$")
# A signature on its own line: `DERSE`, `Rice`, `McELDOWNEY`, `BRENNAN/KEEGAN`.
_SIGNATURE = re.compile(r"^[A-Z][A-Za-z.'-]{1,20}(?:[ /][A-Z][A-Za-z.'-]{1,20}){0,2}(?: [Jj]r\.?)?\.?$")
# A signature after the last sentence: `... considered. CLINTON`, also after a
# stray full stop (`... restructuring. .FARRAR`) or a redaction (`... people.
# XXXXXXXXXXX STEPHENS`), which stay in the text.
# A name in capitals may end with a full stop; a name in mixed case (`... End
# Comment. Eikenberry`, `LeBaron`) may not, so that a sentence's last word is never taken.
# The parts of a name are bounded ({1,30}): unbounded, a last line of `A-A-A-…` could be
# cut into two names at every hyphen, each cut read to the end (quadratic).
_TRAILING_SIGNATURE = re.compile(
    r"(?<=[.!?\"”’)*])\s++\.?(?:X{4,}+\s+)?"
    r"(?P<name>(?!X{4})[A-Z][A-Z'-]{1,30}(?:[ /-][A-Z][A-Z'-]{1,30})?\.?"
    r"|(?:Mc|Mac|O')?[A-Z][a-z'-]{2,30}(?:[A-Z][a-z]{1,30})?"
    r"|[A-Z][a-z]{1,2}[A-Z][a-z]{2,30})"
    r"(?:\s+\d{4}-\d{2}-\d{2})?$"
)
# `... Abstain/blank/spoiled: 14 EIKENBERRY`: a name in capitals after a figure
# that closes a line of mixed-case text (checked where it is used).
_AFTER_FIGURE = re.compile(r"(?<=\d)\s+(?P<name>[A-Z][A-Z'-]{3,})$")
# `CLINTON UNQUOTE CLINTON`: the signer of a cable that quotes another, after the quotation.
_AFTER_UNQUOTE = re.compile(r"\bUNQUOTE\b[.:]?\s+(?P<name>[A-Z][A-Z'-]{2,})\.?$")
# Words that are never a signature: closing words, markings and handling words a
# printout repeats at the end (`LIMITED OFFICIAL USE`), and stray words of a closing.
_NOT_SIGNATURES = {
    "END", "COMMENT", "SUMMARY", "BT", "NNNN", "SIPDIS", "NOFORN", "TEXT", "UNQUOTE", "ENDS", "CABLE",
    "LIMITED", "OFFICIAL", "USE", "ONLY", "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "SENSITIVE",
    "EXDIS", "NODIS", "LIMDIS", "NOTE", "PAGE", "REGARDS", "THANKS", "MINIMIZE", "CONSIDERED", "DECLASSIFIED",
    "RELEASED", "CLEARED", "DRAFTED", "APPROVED", "XMT", "MESSAGE",
}  # fmt: skip
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


@dataclass
class _Layout:
    """What `_read_layout` takes out of the body's lines before they are grouped."""

    lines: list[str]  # the lines, rules of dashes on a heading's line removed
    skipped: set[int] = field(default_factory=set)  # line numbers read as if absent
    underlined: set[int] = field(default_factory=set)  # line numbers of headings that lost their rule
    caveats: list[str] = field(default_factory=list)
    emendations: list[Emendation] = field(default_factory=list)


# A line of handling words only: `SIPDIS`, `NOFORN SIPDIS`; handling words before
# the rest of a sentence (`SIPDIS roles in the ...`).
_HANDLING_LINE = re.compile(r"^(?:(?:SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS)\W*)+$")
_HANDLING_PREFIX = re.compile(r"^(?:(?:SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS)\b[^\w\s]*\s+)+(?=[a-z])")
# A banner of the classification's caveat standing alone in the text:
# `SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY`, `SBU - PLEASE PROTECT ACCORDINGLY.`
_CAVEAT_BANNER = re.compile(
    r"^(?:SENSITIVE\s+BUT\s+UNCLASSIFIED|SBU)(?:\s*[-\u2013\u2014,:]*\s*(?:PLEASE\s+)?"
    r"(?:HANDLE|PROTECT|TREAT)\s+ACCORDINGLY)?\W*$",
    re.I,
)


def read_body(
    lines: list[str], start: int, page_breaks: set[int], warn: Warn, subject: str | None = None
) -> BodyReading:
    """Group the lines from `start` into blocks; `page_breaks` are the line numbers
    where a page-break marker was removed; the `subject` helps tell its tail, cut
    off and printed under the signature, from the signature."""
    reading = BodyReading()
    layout = _read_layout(lines, start)
    reading.caveats = layout.caveats
    reading.emendations += layout.emendations
    ruled: set[int] = set()  # first lines of the groups that end in a heading whose rule was removed
    chunks = _chunks(layout.lines, start, layout.skipped, layout.underlined, ruled)
    _take_signature(chunks, reading, subject)
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
        elif (underlined and len(text) <= 120) or _is_heading(chunk, text, k + 1 < len(chunks)):
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


def _take_signature(chunks: list[tuple[int, list[str]]], reading: BodyReading, subject: str | None) -> None:
    """The signer's name on the last line, alone or after the last sentence. Lines
    that close the message (`NNNN`, a lone full stop, the publisher's database
    query, a print stamp) may follow it, and so may debris printed under it: the
    name again in lower case, or the tail of the subject cut off with `...`. All
    of them stay in the text."""
    while chunks and all(UNDERLINE.match(line) for line in chunks[-1][1]):
        chunks.pop()
    position = _last_text_line(chunks)
    if position is None:
        return
    above = _line_above(chunks, *position)
    if above is not None and _is_debris(_line(chunks, position), _line(chunks, above), subject):
        position = above
    k, j = position
    number, chunk = chunks[k]
    last = chunk[j].strip()
    previous_position = _line_above(chunks, k, j)
    previous = _line(chunks, previous_position) if previous_position else ""
    name = _signature_line(last, previous, len(chunk) == 1, j > 0 and _runs_on(chunk[j - 1]))
    if name is not None:
        reading.signer = name
        # Only the name moves to the panel: `End Text.` or a date on its line stay.
        remainder = " ".join(last.replace(name, "", 1).split())
        rest = [*chunk[:j], *([remainder] if re.search(r"\w", remainder) else []), *chunk[j + 1 :]]
        if rest:
            chunks[k] = (number, rest)
        else:
            del chunks[k]
        return
    m = (
        _TRAILING_SIGNATURE.search(last)
        or _AFTER_ADDRESS.search(last)
        or _AFTER_COMMENT.search(last)
        or _AFTER_UNQUOTE.search(last)
        or _after_figure(last)
    )
    if m and not set(re.split(r"[ /-]", m["name"].upper())) & _NOT_SIGNATURES:
        reading.signer = m["name"].rstrip(".")
        kept = (last[: m.start("name")].rstrip() + " " + last[m.end("name") :].strip()).strip()
        chunks[k] = (number, [*chunk[:j], kept, *chunk[j + 1 :]])


def _line(chunks: list[tuple[int, list[str]]], position: tuple[int, int]) -> str:
    return chunks[position[0]][1][position[1]].strip()


def _line_above(chunks: list[tuple[int, list[str]]], k: int, j: int) -> tuple[int, int] | None:
    if j > 0:
        return k, j - 1
    return (k - 1, len(chunks[k - 1][1]) - 1) if k > 0 else None


def _is_debris(line: str, above: str, subject: str | None) -> bool:
    """`huntsman` under `Huntsman`; `HTS ACTIVIST LIU XIAOBO...`, the end of the
    subject cut off by the publisher, under the signature."""
    if re.fullmatch(r"[a-z][a-z'-]{2,20}", line) and line == above.casefold():
        return True
    tail = _cut_off(line)
    if tail is None or subject is None or len(tail) < 3:
        return False
    return " ".join(tail.split()).casefold() in " ".join(subject.split()).casefold()


def _cut_off(line: str) -> str | None:
    """The text before a closing `...` or `…` (and the spaces before it), or None.
    String code: the pattern `(\\S.*?)\\s*\\.{3}` would read a long run of spaces
    again for each character before it."""
    if line.endswith("…"):
        tail = line[:-1].rstrip()
    elif line.endswith("..."):
        tail = line[:-3].rstrip()
    else:
        return None
    return tail if tail and not tail[0].isspace() else None


def _after_figure(line: str) -> re.Match[str] | None:
    """`... spoiled: 14 EIKENBERRY`, on a line of mixed-case text only: in a cable
    printed in capitals, `... PARA 4 BELOW` is no signature."""
    m = _AFTER_FIGURE.search(line)
    return m if m and re.search(r"[a-z]", line[: m.start("name")]) else None


_CLOSING = re.compile(
    r"^(?:NNNN|BT|\.+|…|End(?: of)?(?: Cable)? Text\.?|SELECT \* FROM .*|[*\s]+|.*Classified Web ?site.*"
    r"|\S*(?:https?://|www\.|gov\.gov)\S*"
    # a redaction standing alone; the classification marking repeated at the end
    r"|X{4,}\.?|(?:TOP\s+SECRET|UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED\s+OFFICIAL\s+USE(?:\s+ONLY)?"
    r"|SENSITIVE\s+BUT\s+UNCLASSIFIED)(?:\s*//\s*[A-Z]+)*"
    # the classification spelt out letter by letter (`C O N F I D E N T I A L`)
    r"|(?:[A-Z] ){5,}[A-Z]"
    # handling words repeated under the name (`SIPDIS`, `NOFORN SIPDIS`)
    r"|(?:(?:SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS)\W*)+"
    # stamps of the printout or of the copy the publisher worked from, the
    # declassification stamp also split over two lines at any word
    r"|(?:Declassified/)?Released US Department of State.*|Declassified/Released\b.*|(?:US )?Department of State EO"
    r"|(?:EO )?Systematic Review \d.*|.* From \w+/Inbox\b.*"
    # the record's own stamp: `2004CARACA01540 - UNCLASSIFIED`
    r"|\d{4}[A-Z]{3,6}\d{5}\s*-\s*[A-Z ]+"
    # a telegraph note below the name: `NOTE BY OC/T: ...`
    r"|(?-i:NOTE)\b(?!\s*\.?\)).*"
    # punctuation left over from the printout: `>`, `#`, `--`
    r"|[^\w\s]{1,3}"
    r"|Track impresi[oó]n:.*|\S+ @ EL P.*|ID:\s+\d+)$",
    re.I,
)
# `... index. cfm TUTTLE`: a name after the web address of the post's website,
# also after a row of asterisks that closes it.
# The address is looked for from the start of its word, and the first sign of one
# found in the word is kept (atomic group): searched from each of its characters, or
# retried at each later sign, a long word full of `www.` would be read to its end
# every time. Only `c fm` can reach into the next word: it has an alternative of its own.
_AFTER_ADDRESS = re.compile(
    r"(?<!\S)(?:(?>\S*?(?:https?:|www\.|\bc ?fm|\.htm|Kingdom))|\S*?\bc fm)"
    r"\S*+(?:\s++\*++)*+\s++(?P<name>[A-Z][A-Za-z'-]{2,}+)$"
)
# `... END COMMENT THORNE`: a name right after the end of the closing comment.
_AFTER_COMMENT = re.compile(r"\bEND\s+COMMENT\b\.?\s+(?P<name>[A-Z][A-Za-z'-]{2,}(?: [A-Z][A-Z'-]+)?)$", re.I)
# `End Text.`, `End Cable Text`, `End of Part One` before a name on the closing line.
_END_OF_TEXT = re.compile(r"^(?:End(?: of)?(?: Cable)? Text|End of Part \w+|Minimize considered|X{4,})\.?\s*", re.I)
# The line above a lower-case name: the end of the closing comment, or a name.
_ABOVE_LOWER_CASE_NAME = re.compile(r"http|www\.|\*{5}|Website|\b(?i:END\s+COMMENT)\W*$|^[A-Z][a-z]{2,20}$")


def _last_text_line(chunks: list[tuple[int, list[str]]]) -> tuple[int, int] | None:
    for k in range(len(chunks) - 1, -1, -1):
        for j in range(len(chunks[k][1]) - 1, -1, -1):
            line = chunks[k][1][j].strip()
            # The post's web address closes the message, unless a name follows it.
            if not _CLOSING.match(line) or _AFTER_ADDRESS.search(line):
                return k, j
    return None


def _runs_on(line: str) -> bool:
    """A line that does not end a sentence: the next line continues it."""
    return not re.search(r"[.!?:;\"”’)]$", line.rstrip())


def _signature_line(line: str, previous: str, alone: bool, after_open_line: bool = False) -> str | None:
    """`DERSE`, `Rice`, `SOBEL 2008-01-08`; a lower-case name only where nothing
    else stands: alone, under the post's web address, the end of the closing
    comment or a first name (`Jeff` / `clinton`). A word with a full stop under a
    line that runs on ends that sentence: `... APPRECIATES TRINIDAD'S / ASSISTANCE.`"""
    # `RICE##`: marks a printout leaves after the name are not part of it.
    line = _END_OF_TEXT.sub("", _without_date_or_stop(line)).rstrip("#")
    words = set(re.split(r"[\s/.]+", line.upper())) - {""}
    if len(line) > 40 or PARAGRAPH.match(line) or not words or words & _NOT_SIGNATURES:
        return None
    if line.endswith(("...", "…")) or (line.endswith(".") and after_open_line):
        return None  # text cut off by the publisher; a sentence's last word
    if _SIGNATURE.match(line):
        # `KUBISKE KUBISKE`: the name printed twice; the repeat stays in the text.
        first = line.split()[0]
        if len(line.split()) == 2 and line.split()[1].casefold() == first.casefold():
            return first
        return line.rstrip(".")
    if re.fullmatch(r"[a-z][a-z'-]{2,20}", line) and (alone or _ABOVE_LOWER_CASE_NAME.search(previous.strip())):
        return line
    return None


def _without_date_or_stop(line: str) -> str:
    """The line without a date (`SOBEL 2008-01-08`) or a lone full stop at its end,
    and the spaces before them. String code: a pattern starting with `\\s+` and
    searched along the line would read a long run of spaces once per space."""
    if line.endswith(".") and line[-2:-1].isspace():
        return line[:-1].rstrip()
    if line[-11:-10].isspace() and _DATE.fullmatch(line[-10:]):
        return line[:-10].rstrip()
    return line


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _read_layout(lines: list[str], start: int) -> _Layout:
    """Take the layout out of the body's lines, line numbers unchanged, each removal an
    emendation: a line of handling words (`SIPDIS`) is read as if absent, and so are
    the blank lines around it when it stands inside a sentence, so the paragraph stays
    whole; a caveat banner standing alone goes to the panel; a rule of dashes printed
    on a heading's line is removed and the heading counts as underlined."""
    layout = _Layout(list(lines))
    texts = [(i, line.strip()) for i, line in enumerate(lines[start:], start=start) if line.strip()]
    for k, (i, text) in enumerate(texts):
        before = texts[k - 1] if k > 0 else None
        after = texts[k + 1] if k + 1 < len(texts) else None
        alone = (before is None or before[0] < i - 1) and (after is None or after[0] > i + 1)
        if _HANDLING_LINE.match(text):
            layout.skipped.add(i + 1)
            note = "handling word printed between the lines of the text removed"
            if before is not None and after is not None and _inside_sentence(texts, k):
                layout.skipped.update(range(before[0] + 2, after[0] + 1))
                note += "; the paragraph it split kept whole"
            layout.emendations.append(Emendation(i + 1, "handling", text, "", note))
        elif prefix := _HANDLING_PREFIX.match(text):
            layout.lines[i] = text[prefix.end() :]
            note = "handling word printed inside a sentence removed"
            if before is not None and ends_open(before[1]):
                layout.skipped.update(range(before[0] + 2, i + 1))
                note += "; the paragraph it split kept whole"
            layout.emendations.append(Emendation(i + 1, "handling", prefix.group(0).strip(), "", note))
        elif alone and _CAVEAT_BANNER.match(text):
            layout.skipped.add(i + 1)
            layout.caveats.append(text)
            note = "banner of the classification's caveat: shown with the classification"
            layout.emendations.append(Emendation(i + 1, "caveat", text, "", note))
        else:
            stripped, found = strip_underline(text, i + 1)
            if found:
                layout.lines[i] = stripped
                layout.underlined.add(i + 1)
                layout.emendations += found
    return layout


def _inside_sentence(texts: list[tuple[int, str]], k: int) -> bool:
    """Whether the handling line `texts[k]` stands inside a sentence: the line above
    stops without final punctuation and is no heading (the rest of a paragraph, or
    followed by lower-case words), and the line below starts no paragraph or heading."""
    (above_at, above), (_, below) = texts[k - 1], texts[k + 1]
    if not ends_open(above) or UNDERLINE.match(above) or PARAGRAPH.match(below) or UNDERLINE.match(below):
        return False
    if k + 2 < len(texts) and UNDERLINE.match(texts[k + 2][1]):
        return False  # the line below is an underlined heading
    in_paragraph = k >= 2 and texts[k - 2][0] == above_at - 1 or len(above) > 80
    return continues(below) or in_paragraph


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
        if current and (PARAGRAPH.match(line.strip()) or _starts_item(current[-1], line)):
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
    if len(chunk) != 1 or len(text) > 80 or text[-1:] in ".,;:" or not followed:
        return False
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
