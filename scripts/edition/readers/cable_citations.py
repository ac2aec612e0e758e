"""The cables a REF item cites: `[year] STATION NUMBER` in its many notations (`08 STATE
1234`, `'08`, `(08)`, `STATE 1234-08`, `09CAIRO0561`, `10-OTTAWA-57`, `STATE 936/935`).

Posts whose names have several words, other names of a station and words that are not
stations live in `data/cable_stations.yml`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..datafile import check_keys, load_yaml
from ..errors import DataError, quoted
from .cable_header import canonical_cable_id, full_year, redacted

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
    words = data.get("not_stations") or ()
    for word in words:
        if not isinstance(word, str):  # `NO`, `ON` unquoted: YAML reads a boolean
            raise DataError(
                path, f"not_stations: {quoted(word)} is not a word (quote NO, ON, YES)", data.line_of("not_stations")
            )
    not_stations = frozenset(w.upper() for w in words)
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
    if redacted(words.replace(" ", "")):
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
