"""Decoding the parts of a cable's header: date-time group, banner, references.

Pure functions over strings, so each rule can be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Addressee, Reference

PRECEDENCE = {"Z": "Flash", "O": "Immediate", "P": "Priority", "R": "Routine"}
_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()

DATE_TIME_GROUP = re.compile(
    r"^\s*(?P<prec>[ZOPR])\s*(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})Z\s+"
    r"(?P<month>[A-Z]{3})\s+(?P<year>\d{2}|\d{4})\s*$"
)

# Banner words, matched after removing spaces ("C O N F I D E N T I A L").
_CLASSIFICATIONS = [
    ("TOPSECRET", "TOP SECRET"),
    ("SECRET", "SECRET"),
    ("CONFIDENTIAL", "CONFIDENTIAL"),
    ("UNCLASSIFIED", "UNCLASSIFIED"),
    ("UNCLAS", "UNCLASSIFIED"),
    ("LIMITEDOFFICIALUSE", "LIMITED OFFICIAL USE"),
]
_BANNER_START = re.compile(
    r"^\s*(T\s?O\s?P\s+)?(S\s?E\s?C\s?R\s?E\s?T|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|"
    r"U\s?N\s?C\s?L\s?A\s?S(\s?S\s?I\s?F\s?I\s?E\s?D)?|L\s?I\s?M\s?I\s?T\s?E\s?D\s+O\s?F\s?F\s?I\s?C\s?I\s?A\s?L\s+U\s?S\s?E)\b"
)
_CABLE_NUMBER = re.compile(r"\b(?P<station>[A-Z][A-Z]+(?: [A-Z]+){0,2}) 0*(?P<number>\d{1,7})\s*$")
_SECTION = re.compile(r"\bSECTION\s+(\d+)\s+OF\s+(\d+)\b", re.I)
# A REF item that names a cable: optional year, station, number.
_REF_CABLE = re.compile(
    r"^(?:(?P<year>\d{4}|\d{2})\s+)?(?P<station>[A-Z][A-Z]+(?: [A-Z]+){0,2})\s+0*(?P<number>\d{1,7})\b"
)
_NOT_STATIONS = {"AND", "OF", "THE", "SEE", "TO", "FOR", "IN", "ON", "DATED", "EMAIL", "MEMO", "TELCON", "PARA"}


@dataclass(frozen=True)
class DateTimeGroup:
    precedence: str
    iso: str  # 2007-05-16T13:24Z
    year: int


def parse_date_time_group(line: str) -> DateTimeGroup | None:
    """`P 161324Z MAY 07` → Priority, 2007-05-16T13:24Z; None when not a DTG."""
    m = DATE_TIME_GROUP.match(line.upper())
    if not m or m["month"] not in _MONTHS:
        return None
    year = int(m["year"])
    if year < 100:
        year += 1900 if year >= 60 else 2000
    month = _MONTHS.index(m["month"]) + 1
    day, hour, minute = int(m["day"]), int(m["hour"]), int(m["minute"])
    if not (1 <= day <= 31 and hour <= 23 and minute <= 59):
        return None
    return DateTimeGroup(PRECEDENCE[m["prec"]], f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}Z", year)


def is_banner(line: str) -> bool:
    """A classification line: `C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000595`."""
    return bool(_BANNER_START.match(line)) and not line.lower().lstrip().startswith("classified by")


@dataclass(frozen=True)
class Banner:
    classification: str
    station: str | None
    number: int | None
    section: tuple[int, int] | None


def parse_banner(line: str) -> Banner:
    squeezed = re.sub(r"\s+", "", line.upper())
    classification = next(name for key, name in _CLASSIFICATIONS if squeezed.startswith(key))
    if "NOFORN" in squeezed:
        classification += "//NOFORN"
    elif classification == "UNCLASSIFIED" and "SENSITIVE" in squeezed:
        classification += "//SENSITIVE"
    section = _SECTION.search(line)
    number = _CABLE_NUMBER.search(line.rstrip())
    station = None
    if number:
        words = [w for w in number["station"].split() if w not in {"SECTION", "OF", "NOFORN", "SENSITIVE", "SIPDIS"}]
        # Spaced-letter banners leave single letters behind; a station is a word.
        while words and len(words[0]) == 1:
            words.pop(0)
        station = " ".join(words) or None
    return Banner(
        classification,
        station,
        int(number["number"]) if number and station else None,
        (int(section[1]), int(section[2])) if section else None,
    )


def canonical_cable_id(year: int | None, station: str, number: int) -> str | None:
    """`07BAKU595`: two-digit year, station without spaces, number without zeros."""
    if year is None:
        return None
    return f"{year % 100:02d}{station.replace(' ', '')}{number}"


def reference_cable_id(text: str, cable_year: int | None) -> str | None:
    """Canonical id of a REF item (`2008 BAKU 917` → 08BAKU917), None if not a cable."""
    m = _REF_CABLE.match(text.strip().upper())
    if not m or set(m["station"].split()) & _NOT_STATIONS:
        return None
    year = int(m["year"]) if m["year"] else cable_year
    if year is not None and year < 100:
        year += 1900 if year >= 60 else 2000
    return canonical_cable_id(year, m["station"], int(m["number"]))


# REF items: `A. BAKU 568`, `A) ...`, `(A) ...`, doubled `A. A) ...`.
_REF_ITEM = re.compile(r"(?:^|(?<=\s)|(?<=¶))\(?(?P<label>[A-Z])[.)](?:\s*\(?(?P=label)[.)])?\s+")


def parse_references(text: str, cable_year: int | None) -> list[Reference]:
    """Split the text after `REF:` into lettered or single references."""
    text = " ".join(text.replace("¶", " ¶").split())
    starts = []
    expected = "A"
    for m in _REF_ITEM.finditer(text):
        if m["label"].upper() == expected:
            starts.append(m)
            expected = chr(ord(expected) + 1)
    if not starts:
        return [Reference("", text, reference_cable_id(text, cable_year))] if text else []
    refs = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        item = text[m.end() : end].strip(" ;,¶")
        refs.append(Reference(m["label"].upper(), item, reference_cable_id(item, cable_year)))
    return refs


def parse_addressee(line: str) -> Addressee:
    """`RUEHC/SECSTATE WASHDC PRIORITY 3017` → routing indicator and name."""
    line = " ".join(line.split())
    routing, sep, name = line.partition("/")
    if sep and re.fullmatch(r"[A-Z0-9]{4,8}", routing):
        return Addressee(routing, name)
    return Addressee("", line)
