"""The grammar of a cable's REF line: items, their labels, and the cables they cite.

A REF line is a list of items, lettered (`A.`, `(A)`, `A)`, `[A]`, `A -`, `A STATE 1`),
numbered (`(1)`) or unlettered. Each item names one document or more: cables, written
`[year] STATION NUMBER` in many notations (`08 STATE 1234`, `'08`, `(08)`, `STATE
1234-08`, `09CAIRO0561`, `10-OTTAWA-57`, `STATE 936/935`), and other documents (an
e-mail, a memo, a resolution, a meeting), which get no cable id.

The Cablegate viewer letters every line of a REF field (`¶B.`) whatever the cable's own
labels: where those lines carry labels of their own (`A. A) ...`, `¶B. D. ...`), the
viewer's are dropped and a line without a label continues the item above it.

The cables themselves are found by `cable_citations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Reference

# `cable_ids` and `stations` are re-exported: other modules take them from here.
from .cable_citations import cable_ids as cable_ids
from .cable_citations import citations
from .cable_citations import stations as stations
from .cable_header import canonical_cable_id

# A label, in any of its forms. Whether it starts an item depends on its letter (the
# next in order) and its form: see `_labels`.
_LABEL = re.compile(
    r"(?:^|(?<=[\s;,]))(?:"
    r"\((?P<bracketed>[A-Za-z]|\d{1,2})\)"
    r"|\[(?P<squared>[A-Za-z]|\d{1,2})\]"
    r"|(?P<closed>[A-Za-z]|\d{1,2})\)"
    r"|(?P<dotted>[A-Za-z])(?:\.\)|[.:])(?=\s|$)"
    r"|(?P<dashed>[A-Z])\s+-(?=\s)"
    r"|(?P<bare>[A-Z])(?=\s+\S)"
    r")"
)
_REF_WORD = re.compile(r"\s*(?:REF(?:TELS?|S)?\b\.?:?\s*)", re.I)


@dataclass(frozen=True)
class _Label:
    start: int  # where the label begins
    end: int  # where the item's text begins
    label: str  # "A", "1"
    form: str


def _label_at(text: str, position: int) -> _Label | None:
    m = _LABEL.match(text, position)
    if m is None or m.lastgroup is None:
        return None
    return _Label(m.start(), m.end(), m[m.lastgroup].upper(), m.lastgroup)


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _labels(text: str) -> list[_Label]:
    """The labels that start items: letters or numbers in order from A or 1, a letter
    repeated in the same form, each with the doubled label or the word REF that may
    follow it (`A. A)`, `d. D)`, `A. REF A`) taken into the label."""
    return _scan_labels(text, 0, None, 0)


def _scan_labels(text: str, start: int, previous: _Label | None, text_start: int) -> list[_Label]:
    """`_labels` of `text` from `start`, after the label `previous` (None: none yet),
    `previous` first in the list when given; `text_start` is where the whole text
    starts in `text` (-1: before it), where a bare `A` may start a list."""
    found: list[_Label] = [previous] if previous else []
    expected = {_next_label(previous.label)} if previous else {"A", "1"}
    for m in _LABEL.finditer(text, start):
        label = _Label(m.start(), m.end(), m[m.lastgroup or ""].upper(), m.lastgroup or "")
        if found and label.start < found[-1].end:
            continue  # inside the doubled label of the item before
        previous = found[-1] if found else None
        in_order = label.label in expected
        repeated = previous is not None and label.label == previous.label and label.form == previous.form
        if not (in_order or repeated):
            continue
        if label.form == "bare":
            # `A Montreal 365`: a bare letter is a label only at the start, followed by
            # a cable, and then only after other bare labels (`A` is also a word).
            if previous is None and not (label.start == text_start and _bare_list(text, label)):
                continue
            if previous is not None and previous.form != "bare":
                continue
        found.append(_absorb_doubled(text, label))
        expected = {_next_label(label.label)}
    return found


def _bare_list(text: str, first: _Label) -> bool:
    """Whether a bare `A` at the start labels an item: it is followed by a cable, or
    a bare `B` later on is."""
    if cites_first(text[first.end : first.end + _CITATION_REACH]):
        return True
    return any(cites_first(text[m.end() : m.end() + _CITATION_REACH]) for m in _BARE_B.finditer(text))


_BARE_B = re.compile(r"(?<=\s)B(?=\s)")
# How far `cites_first` looks for the first cable: slicing no further keeps the
# slices short.
_CITATION_REACH = 60


def cites_first(text: str, whole: bool = False) -> bool:
    """Whether `text` starts with a cable (`whole`: holds nothing but cables, with
    their separators and `(NOTAL)`, `AND PREVIOUS`)."""
    found = citations(text if whole else text[:_CITATION_REACH])
    if not found or text[: found[0].start].strip():
        return False
    if not whole:
        return True
    gaps = [text[a.end : b.start] for a, b in zip(found, found[1:], strict=False)] + [text[found[-1].end :]]
    return not re.sub(r"(?i)[\s;,.:/]|\bAND\b|&|\(NOTAL\)|\bPREVIOUS\b", "", "".join(gaps))


def _absorb_doubled(text: str, label: _Label) -> _Label:
    end = label.end
    ref = _REF_WORD.match(text, end)
    if ref and ref.end() > end:
        end = ref.end()
    spaces = len(text[end:]) - len(text[end:].lstrip())
    again = _label_at(text, end + spaces)
    if again is not None and again.label == label.label and (again.form != "bare" or ref):
        end = again.end
    return _Label(label.start, end, label.label, label.form)


# The viewer's label of each line after the first: `¶B.`.
_LINE_LABEL = re.compile(r"¶\s*(?:[A-Za-z][.):]\s*)?")


def _without_line_labels(text: str) -> str:
    """The REF text with the viewer's line labels dropped where the lines carry labels
    of their own, or with only the `¶` dropped where they do not."""
    lines = re.split(r"¶", text)
    heads = [_LINE_LABEL.sub("", "¶" + line, count=1) if i else line for i, line in enumerate(lines)]
    first = _label_at(lines[0].lstrip(), 0)
    doubled = first is not None and _label_at(lines[0].lstrip(), _skip_spaces(lines[0].lstrip(), first.end))
    own = [_label_at(head.lstrip(), 0) for head in heads[1:]]
    if len(lines) > 1 and (doubled or any(label and label.form != "bare" for label in own)):
        if first is not None and doubled:
            heads[0] = lines[0].lstrip()[first.end :]
        return " ".join(head.strip() for head in heads)
    return " ".join(line.strip() for line in lines)


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def parse_references(text: str, cable_year: int | None) -> list[Reference]:
    """The references of a REF line (the text after `REF:`), in order.

    An item that cites several cables gives one reference per cable, all with the
    item's label, the item's text shared out between them; an item that cites no
    cable gives one reference of kind "document" and no id.
    """
    text = " ".join(text.split())
    if "¶" in text:
        text = " ".join(_without_line_labels(text).split())
    text = _REF_WORD.sub("", text, count=1) if _REF_WORD.match(text) else text
    labels = _labels(text)
    items: list[tuple[str, str]] = []
    lead = text[: labels[0].start] if labels else text
    if lead.strip(" ;,.:"):
        items.append(("", lead))
    for i, found in enumerate(labels):
        end = labels[i + 1].start if i + 1 < len(labels) else len(text)
        items.append((found.label, text[found.end : end]))
    references: list[Reference] = []
    for label, item in items:
        references += _item_references(label, _tidy(item), cable_year)
    return references


def _tidy(item: str) -> str:
    return item.strip().strip(" ;,").strip()


def _item_references(label: str, item: str, cable_year: int | None) -> list[Reference]:
    cited = citations(item)
    if not cited:
        return [Reference(label, item, None, "document")] if item else []
    out = []
    for i, citation in enumerate(cited):
        start = 0 if i == 0 else citation.start
        end = cited[i + 1].start if i + 1 < len(cited) else len(item)
        piece = re.sub(r"(?:[\s;,:/]|\bAND\b|&)+$", "", item[start:end], flags=re.I).strip()
        year = citation.year if citation.year is not None else cable_year
        for n, number in enumerate(citation.numbers):
            cable_id = canonical_cable_id(year, citation.station, number)
            out.append(Reference(label, piece if n == 0 else str(number), cable_id, "cable"))
    return out


def last_label(text: str) -> str | None:
    """The label of the last item of a REF text read so far: `B` for `A. X B. Y`."""
    text = " ".join(_without_line_labels(text).split()) if "¶" in text else " ".join(text.split())
    labels = _labels(text)
    return labels[-1].label if labels else None


class LastLabel:
    """`last_label` of a REF text read line by line (`add`), in time linear in its
    length: the text is scanned once, and again only from its last label on, which the
    next line may still change (`A.` then `A)`: a doubled label).

    The viewer's line labels (`¶B.`) are read as `_without_line_labels` reads them,
    both ways side by side (the viewer's labels dropped, or only their `¶`) until a
    line shows that the lines carry labels of their own."""

    def __init__(self) -> None:
        self._viewer = _Scan()  # `¶` read as a space: the viewer's labels count
        self._own: _Scan | None = None  # the viewer's labels dropped, from the first `¶` on
        self._own_labels = False  # a line carries a label of its own, or the first is doubled
        self._open = False  # the last line ended with `¶`: its label starts the next line
        self._head_open = False  # the last line ended with a viewer's label: what follows may be the line's own

    def add(self, line: str) -> None:
        if self._open:
            line, self._open = "¶ " + line, False
        if self._head_open:
            self._own_label(line)
            self._head_open = False
        if self._own is None and "¶" not in line:
            self._viewer.add(line)
            return
        pieces = line.split("¶")
        if len(pieces) > 1 and not pieces[-1].strip():
            pieces.pop()
            self._open = True
        before = self._viewer.whole() if self._own is None else ""
        self._viewer.add(" ".join(pieces))
        if self._own is None:
            # The first `¶`: all the text before it is the first line, whose first
            # label is the viewer's when another follows it (`A. A) ...`).
            first_line = " ".join(f"{before} {pieces[0]}".split())
            first = _label_at(first_line, 0)
            if first is not None and _label_at(first_line, _skip_spaces(first_line, first.end)):
                self._own_labels = True
                first_line = first_line[first.end :]
            self._own = _Scan()
            pieces[0] = first_line
        heads = [_LINE_LABEL.sub("", "¶" + piece, count=1) for piece in pieces[1:]]
        for head in heads:
            self._own_label(head)
        self._head_open = bool(heads) and not heads[-1].strip()
        self._own.add(" ".join([pieces[0], *heads]))

    def _own_label(self, head: str) -> None:
        label = _label_at(head.lstrip(), 0)
        self._own_labels = self._own_labels or (label is not None and label.form != "bare")

    @property
    def last(self) -> str | None:
        return self._own.last if self._own is not None and self._own_labels else self._viewer.last


class _Scan:
    """The labels of a growing text, scanned from a checkpoint: the last label's start
    while the text after it may still change it (a doubled label), else a few
    characters before the end (a label may be cut by the end). Only the text from
    the checkpoint on is kept as one string (`window`, from `offset`)."""

    _LABEL_REACH = 32  # more than a label with the doubled label or the `REF` it takes in

    def __init__(self) -> None:
        self.parts: list[str] = []  # the whole text, for a rare second reading from the start
        self.head = ""  # its first characters
        self.window = ""
        self.offset = 0  # where the window starts in the whole text
        self.resume = 0  # the checkpoint, in the window
        self.previous: _Label | None = None  # the label before the checkpoint, in the window
        self.last: str | None = None
        self.bare_pending = False  # a bare `A` at the start, not yet a label: a cable after it or a `B` may make it one

    def whole(self) -> str:
        """All the text added, joined again (read once, at a `¶` that decides the reading)."""
        return " ".join(self.parts)

    def add(self, more: str) -> None:
        more = " ".join(more.split())
        if not more:
            return
        first = not self.parts
        self.parts.append(more)
        added_at = len(self.window) + 1 if self.window else 0
        self.window = f"{self.window} {more}" if self.window else more
        if len(self.head) < 2 + _CITATION_REACH:
            self.head = " ".join(self.parts)[: 2 + _CITATION_REACH]
        if self.bare_pending and self._bare_list(added_at):
            # Read again from the start, once: the `A` is a label after all.
            self.window, self.offset, self.resume, self.previous = " ".join(self.parts), 0, 0, None
            self.bare_pending = False
        found = _scan_labels(self.window, self.resume, self.previous, 0 if self.offset == 0 else -1)
        new = found[1:] if self.previous else found
        if first:
            self.bare_pending = bool(re.match(r"A(?!\S)", self.window)) and not (new and new[0].start == 0)
        if new:
            self.last = new[-1].label
            if len(self.window) - new[-1].end > self._LABEL_REACH:  # the last label is final
                self.previous = new[-1]
                self.resume = len(self.window) - self._LABEL_REACH
            else:
                self.previous = found[-2] if len(found) > 1 else None
                self.resume = new[-1].start
        else:
            self.resume = max(self.resume, len(self.window) - self._LABEL_REACH)
        self._trim()

    def _trim(self) -> None:
        """Drop the window's text before the checkpoint and the reach of `_bare_list`."""
        cut = min(self.resume, len(self.window) - _CITATION_REACH - self._LABEL_REACH) - 1
        if cut <= 0:
            return
        self.window = self.window[cut:]
        self.offset += cut
        self.resume -= cut
        if self.previous is not None:
            p = self.previous
            self.previous = _Label(p.start - cut, p.end - cut, p.label, p.form)

    def _bare_list(self, added_at: int) -> bool:
        """`_bare_list` for the `A` at the start, in the text from `added_at` on."""
        if self.offset + added_at <= 1 + _CITATION_REACH and cites_first(self.head[1 : 1 + _CITATION_REACH]):
            return True
        bs = _BARE_B.finditer(self.window, max(0, added_at - _CITATION_REACH - 2))
        return any(cites_first(self.window[m.end() : m.end() + _CITATION_REACH]) for m in bs)


def starts_next_item(line: str, previous: str | None) -> bool:
    """Whether `line` starts the REF item after the one labelled `previous` (`(C)`
    after `B`), rather than a paragraph with its marking."""
    label = _label_at(line.lstrip("¶ "), 0)
    if label is None or label.form == "bare":
        return False
    expected = _next_label(previous) if previous else "A"
    return label.label == expected
