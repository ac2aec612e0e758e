"""The signer of a cable: the name on its last line, alone or after the last sentence,
under which the printout and the publisher may have left closing lines and debris.

Only the name moves to the panel; whatever else stands on its line stays in the text.
Words that are never a name (closing words, handling words) are listed in
`data/cable_handling.yml`.
"""

from __future__ import annotations

import re

from .cable_layout import PARAGRAPH, UNDERLINE
from .cable_markings import markings

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


def take_signature(chunks: list[tuple[int, list[str]]], subject: str | None) -> str | None:
    """The signer's name on the last line, alone or after the last sentence. Lines
    that close the message (`NNNN`, a lone full stop, the publisher's database
    query, a print stamp) may follow it, and so may debris printed under it: the
    name again in lower case, or the tail of the subject cut off with `...`. All
    of them stay in the text. Returns the name, taken out of `chunks`, or None."""
    while chunks and all(UNDERLINE.match(line) for line in chunks[-1][1]):
        chunks.pop()
    position = _last_text_line(chunks)
    if position is None:
        return None
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
        # Only the name moves to the panel: `End Text.` or a date on its line stay.
        remainder = " ".join(last.replace(name, "", 1).split())
        rest = [*chunk[:j], *([remainder] if re.search(r"\w", remainder) else []), *chunk[j + 1 :]]
        if rest:
            chunks[k] = (number, rest)
        else:
            del chunks[k]
        return name
    m = (
        _TRAILING_SIGNATURE.search(last)
        or _AFTER_ADDRESS.search(last)
        or _AFTER_COMMENT.search(last)
        or _AFTER_UNQUOTE.search(last)
        or _after_figure(last)
    )
    if m and not set(re.split(r"[ /-]", m["name"].upper())) & markings().not_signatures:
        kept = (last[: m.start("name")].rstrip() + " " + last[m.end("name") :].strip()).strip()
        chunks[k] = (number, [*chunk[:j], kept, *chunk[j + 1 :]])
        return m["name"].rstrip(".")
    return None


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
            # The post's web address closes the message, unless a name follows it;
            # handling words may be repeated under the name (`SIPDIS`, `NOFORN SIPDIS`).
            closing = _CLOSING.match(line) or markings().line.match(line)
            if not closing or _AFTER_ADDRESS.search(line):
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
    if len(line) > 40 or PARAGRAPH.match(line) or not words or words & markings().not_signatures:
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
