"""The grammar of a cable's REF line: items, their labels, and the cables they cite.

A REF line is a list of items, lettered (`A.`, `(A)`, `A)`, `[A]`, `A -`, `A STATE 1`),
numbered (`(1)`) or unlettered. Each item names one document or more: cables, written
`[year] STATION NUMBER` in many notations (`08 STATE 1234`, `'08`, `(08)`, `STATE
1234-08`, `09CAIRO0561`, `10-OTTAWA-57`, `STATE 936/935`), and other documents (an
e-mail, a memo, a resolution, a meeting), which get no cable id.

The Cablegate viewer letters every line of a REF field (`¶B.`) whatever the cable's own
labels: where those lines carry labels of their own (`A. A) ...`, `¶B. D. ...`), the
viewer's are dropped and a line without a label continues the item above it.

Posts whose names have several words, other names of a station and words that are not
stations live in `data/cable_stations.yml`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..datafile import check_keys, load_yaml
from ..model import Reference
from .cable_header import canonical_cable_id, full_year

STATIONS_FILE = Path(__file__).resolve().parents[3] / "data" / "cable_stations.yml"


@dataclass(frozen=True)
class Stations:
    multiword: dict[str, str]  # "THE HAGUE" -> THEHAGUE
    aliases: dict[str, str]  # SECSTATE -> STATE
    not_stations: frozenset[str]
    pattern: re.Pattern[str]  # a cable citation


@functools.cache
def stations(path: Path = STATIONS_FILE) -> Stations:
    """The station data, read once. Raises DataError (file:line) when it is broken."""
    data = load_yaml(path)
    check_keys(path, data, {"editorial", "stations", "aliases", "not_stations"}, {"editorial", "stations"}, "file")
    multiword = {_words(str(k)): str(v).upper() for k, v in (data.get("stations") or {}).items()}
    aliases = {str(k).upper(): str(v).upper() for k, v in (data.get("aliases") or {}).items()}
    not_stations = frozenset(str(w).upper() for w in data.get("not_stations") or ())
    return Stations(multiword, aliases, not_stations, _citation_pattern(multiword))


def _words(name: str) -> str:
    """`PORT-OF-SPAIN`, `St. Petersburg` -> `PORT OF SPAIN`, `ST PETERSBURG`."""
    return " ".join(re.sub(r"[^A-Z]+", " ", name.upper()).split())


def _citation_pattern(multiword: dict[str, str]) -> re.Pattern[str]:
    # A post of several words, as printed: any run of spaces, dots, hyphens or
    # apostrophes between its words (`PORT-OF-SPAIN`, `ST. PETERSBURG`).
    names = sorted(multiword, key=len, reverse=True)
    several = "|".join(r"[\s.'-]*".join(re.escape(w) for w in name.split()) for name in names)
    # One word of three letters or more: no post is named by two (`MADRID SP 0307`).
    one = r"[A-Z][A-Z'.-]+[A-Z]"
    station = rf"(?:{several}|{one})" if several else one
    end_of_item = r"(?=\s*(?:$|[;,]))"
    return re.compile(
        r"(?<![\w/'-])"
        # A year before: `2008 `, `08 `, `'08 `, `(08) `, `10-`, or glued: `09CAIRO`.
        r"(?:(?P<year>\d{4}|\d{2})(?:\s+|-)?|'(?P<quoted>\d{2})\s*|\((?P<bracketed>\d{2}|\d{4})\)\s*)?"
        rf"(?P<station>{station})"
        r"(?:\s*-\s*|\s*)0*(?P<number>\d{1,7})"
        r"(?:/0*(?P<second>\d{3,7}))?"
        # A year after: `4525-91`, `701 (08)`, `3242 2008` (the last two only at the end
        # of an item: elsewhere a year in brackets belongs to the cable that follows).
        r"(?:-(?P<after>\d{2})(?![\w/-])"
        rf"|\s*\((?P<after_bracketed>\d{{2}}|\d{{4}})\){end_of_item}"
        rf"|\s+(?P<after_full>(?:19|20)\d{{2}}){end_of_item})?"
        r"(?=$|[\s;,()]|:(?:\s|$)|\.(?!\d)|--)"
    )


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    station: str  # as in canonical ids
    numbers: tuple[int, ...]
    year: int | None  # as printed, None when the text gives none


def citations(text: str) -> list[Citation]:
    """The cables an item names, in order."""
    data = stations()
    upper = text.upper()
    found = []
    position = 0
    while (m := data.pattern.search(upper, position)) is not None:
        station = _station(m["station"], data)
        if station is None:
            position = m.start("station") + 1
            continue
        year_text = next(
            (m[g] for g in ("year", "quoted", "bracketed", "after", "after_bracketed", "after_full") if m[g]), None
        )
        numbers = (int(m["number"]),) + ((int(m["second"]),) if m["second"] and _pair(m) else ())
        if m["second"] and not _pair(m):
            position = m.start("station") + 1
            continue
        found.append(Citation(m.start(), m.end(), station, numbers, full_year(int(year_text)) if year_text else None))
        position = m.end()
    return found


def _pair(m: re.Match[str]) -> bool:
    # `STATE 936/935` cites two cables; `POC 201/2006` or a date `12/14/07` does not:
    # the two numbers of a pair have as many digits.
    return len(m["number"]) == len(m["second"])


def _station(printed: str, data: Stations) -> str | None:
    words = _words(printed)
    if words in data.multiword:
        return data.multiword[words]
    if printed in data.not_stations or words in data.not_stations or set(words.split()) & data.not_stations:
        return None
    if re.fullmatch(r"X+", words.replace(" ", "")):  # a redacted name
        return None
    letters = words.replace(" ", "")
    return data.aliases.get(letters, letters)


def cable_ids(text: str, cable_year: int | None) -> list[str | None]:
    """Canonical ids of the cables `text` cites; None for one whose year is unknown."""
    out: list[str | None] = []
    for citation in citations(text):
        year = citation.year if citation.year is not None else cable_year
        out += [canonical_cable_id(year, citation.station, n) for n in citation.numbers]
    return out


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
    found: list[_Label] = []
    expected = {"A", "1"}
    for m in _LABEL.finditer(text):
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
            if previous is None and not (label.start == 0 and _bare_list(text, label)):
                continue
            if previous is not None and previous.form != "bare":
                continue
        found.append(_absorb_doubled(text, label))
        expected = {_next_label(label.label)}
    return found


def _bare_list(text: str, first: _Label) -> bool:
    """Whether a bare `A` at the start labels an item: it is followed by a cable, or
    a bare `B` later on is."""
    if cites_first(text[first.end :]):
        return True
    return any(cites_first(text[m.end() :]) for m in re.finditer(r"(?<=\s)B(?=\s)", text))


def cites_first(text: str, whole: bool = False) -> bool:
    """Whether `text` starts with a cable (`whole`: holds nothing but cables, with
    their separators and `(NOTAL)`, `AND PREVIOUS`)."""
    found = citations(text if whole else text[:60])
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


def starts_next_item(line: str, previous: str | None) -> bool:
    """Whether `line` starts the REF item after the one labelled `previous` (`(C)`
    after `B`), rather than a paragraph with its marking."""
    label = _label_at(line.lstrip("¶ "), 0)
    if label is None or label.form == "bare":
        return False
    expected = _next_label(previous) if previous else "A"
    return label.label == expected
