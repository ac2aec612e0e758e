"""Decoding the parts of a cable's header: date-time group, banner, references,
TAGS, the `Classified By` line.

Pure functions over strings, so each rule can be tested on its own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime

from ..model import Addressee
from .cable_markings import alternatives, markings

PRECEDENCE = {"Z": "Flash", "O": "Immediate", "P": "Priority", "R": "Routine"}
_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
_MONTH_NAMES = "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER".split()

# `P 161324Z MAY 07`; also `O R 141437Z NOV 07` (action and info precedence), a
# trailing routing remark (`O 071830Z SEP 07 ZDK`), and the bare `291359Z Nov 00`
# the publisher printed above partial records.
DATE_TIME_GROUP = re.compile(
    r"^\s*(?:(?P<prec>[ZOPR])(?:\s+[ZOPR])?\s+)?(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})Z\s+"
    r"(?P<month>[A-Za-z]{3})\s+(?P<year>\d{2}|\d{4})(?P<tail>\s+\S.*)?\s*$"
)
# `Wednesday, 29 November 2000, 13:59`: the viewer's own date line on some records.
_VIEWER_DATE = re.compile(
    r"^\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+(?P<day>\d{1,2})\s+"
    r"(?P<month>[A-Z][a-z]+)\s+(?P<year>\d{4}),\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*$"
)
# `TELEGRAM        June 03, 2003`: the date line of a message-system printout.
_TELEGRAM_DATE = re.compile(r"^\s*TELEGRAM\s+(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})\s*$")
# `E.O. 12958: DECL: 05/16/2017`: the declassification date of the E.O. field.
DECL_DATE = re.compile(r"\bDECL:?\s*(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b", re.I)

# The classification word at the start of a banner, spaces removed. Garbled banners
# double or drop the first letter (`SS E C R E T`, `E C R E T`, `UUNCLAS`).
_LEVEL = re.compile(
    r"^(?P<level>TOPSECRET|S{0,2}ECRET|C{0,2}ONFIDENTIAL|U{0,2}NCLAS(?:SIFIED)?|LIMITEDOFFICIALUSE)(?P<rest>.*)$"
)
# The caveats that become part of the classification (`SECRET//NOFORN`,
# `UNCLASSIFIED//SENSITIVE`), wherever the cable prints them.
CLASSIFICATION_CAVEATS = ("NOFORN", "SENSITIVE")
_SPELLED = {"TOPSECRET", "SECRET", "CONFIDENTIAL", "UNCLAS", "UNCLASSIFIED", "LIMITEDOFFICIALUSE"}


@functools.cache
def _banner_rest() -> re.Pattern[str]:
    """After the level: handling and caveat words (`data/cable_handling.yml`),
    `SECTION 01 OF 02`, then station and number, spaces removed."""
    return re.compile(
        rf"^(?P<caveats>(?:{alternatives(markings().words)}|//[A-Z]+)*)"
        r"(?:SECTION(?P<section>\d{1,2})OF(?P<sections>\d{1,2}))?"
        r"(?P<station>[A-Z]{3,}?)0*(?P<number>\d{1,8})$"
    )


# Caveats, section, station and number take some 30 characters (`SECTION01OF07
# PORTAUPRINCE000408`); a longer rest is text. The bound matters: the caveats can be
# given back one by one to the station, so the pattern is quadratic in the length.
_BANNER_REST_MAX = 120


@dataclass(frozen=True)
class DateTimeGroup:
    precedence: str | None  # None for the bare date printed above partial records
    iso: str  # 2007-05-16T13:24Z
    year: int
    precision: str = "minute"  # or "day" for a date printed without time


def parse_date_time_group(line: str) -> DateTimeGroup | None:
    """`P 161324Z MAY 07` → Priority, 2007-05-16T13:24Z; None when not a DTG, or when
    its date or time does not exist (`read_date_time_group` tells why)."""
    return read_date_time_group(line)[0]


def read_date_time_group(line: str) -> tuple[DateTimeGroup | None, str | None]:
    """(date-time group, None) for a DTG; (None, why) for a line with the form of one
    whose month, date or time does not exist (`P 311200Z FEB 09`); (None, None) else."""
    m = DATE_TIME_GROUP.match(line)
    # After the year only routing remarks may follow (`ZDK`, `(CCY ...)`, `CTG ...`).
    if m and (m["tail"] is None or (m["prec"] and re.match(r"\s+(?:Z[A-Z]{2}\b|\(|CTG\b)", m["tail"]))):
        return _date_time(m["prec"], m["year"], _month(m["month"]), m["day"], m["hour"], m["minute"])
    m = _VIEWER_DATE.match(line)
    if m:
        return _date_time(None, m["year"], _month(m["month"]), m["day"], m["hour"], m["minute"])
    m = _TELEGRAM_DATE.match(line)
    if m:
        found, problem = _date_time(None, m["year"], _month(m["month"]), m["day"], "0", "0")
        return (DateTimeGroup(None, found.iso[:10], found.year, "day") if found else None), problem
    return None, None


def _month(name: str) -> int | None:
    """1-12 for a month's name or its abbreviation (`MAY`, `November`, `Sept`), else None."""
    name = "SEP" if name.upper() == "SEPT" else name.upper()
    for names in (_MONTHS, _MONTH_NAMES):
        if name in names:
            return names.index(name) + 1
    return None


def _date_time(
    prec: str | None, year_text: str, month: int | None, *parts: str
) -> tuple[DateTimeGroup | None, str | None]:
    """The group, or why its date does not exist: `31 FEB` is no date, and nor is
    `2460Z`, whatever the form of the line around it."""
    year = full_year(int(year_text))
    day, hour, minute = (int(p) for p in parts)
    if month is None:
        return None, "no such month"
    if not real_date(year, month, day):
        return None, f"no such date: {day} {_MONTH_NAMES[month - 1].title()} {year}"
    if hour > 23 or minute > 59:
        return None, f"no such time: {hour:02d}:{minute:02d}"
    iso = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}Z"
    return DateTimeGroup(PRECEDENCE[prec] if prec else None, iso, year), None


def real_date(year: int, month: int, day: int) -> bool:
    """Whether the day exists in the calendar (no 31 February, no month 13)."""
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def full_year(year: int) -> int:
    """Two-digit years of cables: 60-99 are 1960-1999, 00-59 are 2000-2059."""
    if year >= 100:
        return year
    return year + (1900 if year >= 60 else 2000)


@dataclass(frozen=True)
class Banner:
    classification: str  # TOP SECRET, SECRET, CONFIDENTIAL, UNCLASSIFIED, ...
    caveats: tuple[str, ...]  # NOFORN, SENSITIVE ... printed on the banner itself
    station: str | None  # BAKU, ABUDHABI: spaces removed, as in canonical ids
    number: int | None
    section: tuple[int, int] | None  # (1, 2) for SECTION 01 OF 02
    garbled: bool  # the classification word is misprinted (`E C R E T`)

    @property
    def names_cable(self) -> bool:
        """Whether the line names a cable: a station, not a redaction (`XXXXX`), and a number."""
        return self.station is not None and self.number is not None and not redacted(self.station)


def redacted(name: str) -> bool:
    """A name the publisher redacted: `XXXXXXXXXXXX` stands for a station or a person."""
    return re.fullmatch(r"X+", name) is not None


def parse_banner(line: str) -> Banner | None:
    """`C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000595` → its parts.

    None when the line does not start with a classification word. A line with the
    word alone (`CONFIDENTIAL`) gives a banner without station and number.
    """
    first = line.split()[0] if line.strip() else ""
    spaced = re.match(r"^\s*\S{1,2}\s\S{1,11}\b", line)  # `C O N F ...`, `SS E C R E T`, `C ONFIDENTIAL`
    if not spaced:  # the first word must then be the whole classification word
        whole = _LEVEL.match(first.upper().rstrip("."))
        if whole is None or not (whole["rest"] == "" or whole["rest"].startswith("//")):
            return None
    squeezed = re.sub(r"[\s.]+", "", line.upper())
    m = _LEVEL.match(squeezed)
    if not m:
        return None
    level = m["level"]
    if level.startswith("TOP"):
        classification = "TOP SECRET"
    elif level.startswith("LIM"):
        classification = "LIMITED OFFICIAL USE"
    elif "ECRET" in level:
        classification = "SECRET"
    elif "ONFIDENTIAL" in level:
        classification = "CONFIDENTIAL"
    else:
        classification = "UNCLASSIFIED"
    rest = _banner_rest().match(m["rest"]) if len(m["rest"]) <= _BANNER_REST_MAX else None
    if rest is None:
        if re.fullmatch(r"[A-Z/]*", m["rest"]) is None or len(m["rest"]) > 20:
            return None  # a sentence that happens to start with the word
        caveats = tuple(c for c in CLASSIFICATION_CAVEATS if c in m["rest"])
        return Banner(classification, caveats, None, None, None, level not in _SPELLED)
    caveats = tuple(c for c in CLASSIFICATION_CAVEATS if c in rest["caveats"])
    section = (int(rest["section"]), int(rest["sections"])) if rest["section"] else None
    return Banner(classification, caveats, rest["station"], int(rest["number"]), section, level not in _SPELLED)


def canonical_cable_id(year: int | None, station: str, number: int) -> str | None:
    """`07BAKU595`: two-digit year, station without spaces, number without zeros."""
    if year is None:
        return None
    return f"{year % 100:02d}{station.replace(' ', '').upper()}{number}"


def parse_addressee(line: str) -> Addressee:
    """`RUEHC/SECSTATE WASHDC PRIORITY 3017` → routing indicator and name."""
    line = " ".join(line.split())
    routing, sep, name = line.partition("/")
    if sep and re.fullmatch(r"[A-Z0-9]{4,8}", routing):
        return Addressee(routing, name)
    return Addressee("", line)


_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\s*\([^()]*\))?")


def parse_tags(text: str) -> tuple[list[str], bool]:
    """`PHUM PREL, econ` → (['PHUM', 'PREL', 'ECON'], well_formed).

    A tag may carry a name in brackets (`OVIP (CLINTON, HILLARY)`). `well_formed` is
    False when something other than codes was found (the tags are still returned).
    """
    tags = []
    well_formed = bool(text.strip())
    position = 0
    for m in _TAG.finditer(text):
        between = text[position : m.start()]
        if between.strip(" ,;"):
            well_formed = False
        tags.append(" ".join(m.group(0).upper().split()))
        position = m.end()
    if text[position:].strip(" ,;."):
        well_formed = False
    # In a line of capitals, lower-case words and bare numbers are debris, not codes.
    originals = [m.group(0) for m in _TAG.finditer(text)]
    if any(o.isupper() for o in originals):
        kept = [t for t, o in zip(tags, originals, strict=True) if not re.search(r"[a-z]", o) and not o.isdigit()]
        well_formed = well_formed and len(kept) == len(tags)
        tags = kept
    if any(not re.fullmatch(r"[A-Z][A-Z0-9_-]{1,9}(?: ?\(.*\))?", t) for t in tags):
        well_formed = False
    return tags, well_formed


# One reason letter (`(b)`, `b`, `[d]`, `( b)`) and the separators between letters
# (`,`, `and`, `AND`, `&`, `/`, `, and`, a space).
_LETTER = r"(?:[(\[]\s?[a-hA-H]\s?[)\]]|[(\[]?\s?[a-hA-H](?![\w']))"
# `and` may be glued to its letters (`(b)and(d)`) or split by a wrapped line (`a nd`).
_LETTERS = rf"{_LETTER}(?:(?:\s*[,/&]\s*(?:(?i:a\s?nd)\s*)?|\s*(?i:a\s?nd)\s*|\s*(?=[(\[])|\s+){_LETTER})*"
# `1.4 (b,d)`, `1.4(b) and (d)`, `1.4 b, d`, `1.5 (B) AND (D)`, `14 (b) and (d)`, `1.
# 4 (b)`, `1.4, b/d`, `1:4 b,d`, `1/4 (B), (D)`: the reasons of E.O. 12958 section 1.4
# (1.5 in older cables); a section with a separator may stand without letters.
_REASONS = re.compile(
    rf"(?<![\d.])(?P<section>1\s*[.:/]\s*[45](?!\d)|1[45](?=\s*[(\[]?\s?[a-hA-H]\b))\s*[.,]?\s*(?P<letters>{_LETTERS})?"
)
# Letters without the section: `for reasons b, d`, `Reasons (b) and (d)`.
_BARE_REASONS = re.compile(rf"\br\s?e\s?a\s?s\s?o\s?n\s?s?\b\s*:?\s*(?P<letters>{_LETTERS})[\s.]*$", re.I)
_REASON_WORDS = re.compile(
    r"[\s,;:.]*(?:\b(?:for|per|under)\b\s*)?(?:\br\s?e\s?a\s?s\s?o\s?n\s?s?\b\s*:?)?\s*"
    r"(?:\(?\s*E\.?\s?O\.?\s*12958,?\s*(?:as amended,?\s*)?(?:sec(?:tion|\.)?\s*)?\)?)?\s*$",
    re.I,
)


def split_classified_by(text: str) -> tuple[str | None, str | None]:
    """`Ambassador Anne E. Derse per 1.4 (b,d).` → (`Ambassador Anne E. Derse`,
    `1.4 (b) and (d)`). Reasons are None when the line states none; the words that
    announce them (`for reasons`, `E.O. 12958`) are never part of the name."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:\(U\)\s*)?classified by:?\s*", "", text, flags=re.I)
    m = _REASONS.search(text)
    if m:
        section = re.sub(r"\s", "", m["section"])
        section = f"{section[0]}.{section[-1]}"
        letters = _letters(m["letters"] or "")
        reasons = f"{section} " + _join_letters([f"({c})" for c in letters]) if letters else section
        start = m.start()
    # Searched near the end only: the letters close the line.
    elif bare := _BARE_REASONS.search(text, max(0, len(text) - _REASON_WORDS_REACH)):
        reasons = _join_letters([f"({c})" for c in _letters(bare["letters"])])
        start = bare.start()
    else:
        reasons, start = None, len(text)
    head = text[:start]
    for _ in range(3):  # `; E.O. 12958, reasons`: the words come in either order
        shorter = _strip_reason_words(head)
        if shorter == head:
            break
        head = shorter
    return head.strip(" ,;:.") or None, reasons


def _letters(text: str) -> list[str]:
    text = re.sub(r"(?i)(?<![A-Za-z])a\s?nd(?![A-Za-z])", " ", text)  # the `a` of `a nd` is no reason
    return [c.lower() for c in re.findall(r"(?<![A-Za-z])[a-hA-H](?![A-Za-z])", text)]


# The reason words are short (the text's spaces are single): any match of the pattern
# starts within this many characters of the end, but for the separators before it.
_REASON_WORDS_REACH = 120


def _strip_reason_words(head: str) -> str:
    """`head` without the words that introduce the reasons (`per`, `reason:`, `E.O.
    12958, section`) and the separators before them.

    The same as `_REASON_WORDS.sub("", head)`, in linear time: the pattern is searched
    near the end only, and the run of separators before the match is taken back by
    hand. Searched from every position, a long run of separators (a dotted leader)
    would be read again from each of its characters.
    """
    m = _REASON_WORDS.search(head, max(0, len(head) - _REASON_WORDS_REACH))
    start = m.start() if m else len(head)  # the pattern always matches the empty end
    while start > 0 and (head[start - 1].isspace() or head[start - 1] in ",;:."):
        start -= 1
    return head[:start]


def _join_letters(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_ORIGIN_WORDS = re.compile(r"^(?:AMEMBASSY|AMCONSUL|USMISSION|USDEL|AMEMBASSY|USINT|AIT|USOFFICE)\s+")


def station_of_origin(origin: str) -> str | None:
    """`AMEMBASSY LA PAZ` → LAPAZ, `SECSTATE WASHDC` → STATE: the station part of
    cable numbers, for a cable whose banner does not print one."""
    origin = " ".join(origin.upper().split())
    if origin.startswith("SECSTATE"):
        return "STATE"
    stripped = _ORIGIN_WORDS.sub("", origin)
    if stripped == origin or not re.fullmatch(r"[A-Z ]{3,30}", stripped):
        return None
    return stripped.replace(" ", "")
