"""What a cable record tells about itself when its routing header is cut off: the
year of its id, its date and its origin, each inferred only as far as the evidence
goes, and said so on the page.

A partial record prints no date-time group and no sender line (FM ...). Its
classification line still names the cable (`ANKARA 007211`), and the corpus names
each file after the cable's canonical id (`04ANKARA7211.txt`). When both name the
same cable, the file name's year completes the id; the date is then that year and
no other, and the origin is the station of the classification line. Whatever is
inferred never contradicts the id: the declassification date, which often falls
ten years after the cable but as often does not, is only mentioned when it agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cable_header as hdr

# `04ANKARA7211`, `05ABUDHABI2178`, `10STATE004108`: a canonical id as a file name.
_ID_FILE_NAME = re.compile(r"(?P<year>\d{2})(?P<station>[A-Za-z]+?)0*(?P<number>\d{1,8})")


@dataclass
class Inference:
    """What was inferred, with the notes that say so on the page and the warnings
    (line, message) the build reports."""

    year: int | None = None  # the id's year
    date: tuple[str, str, bool] | None = None  # (ISO date, precision, approximate)
    notes: list[str] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


def file_name_year(stem: str, station: str, number: int) -> int | None:
    """The year of a file named after a canonical id (`04ANKARA7211`) when the rest of
    the name is the cable the classification line names (`ANKARA 007211`), else None."""
    m = _ID_FILE_NAME.fullmatch(stem)
    if m is None or m["station"].upper() != station or int(m["number"]) != number:
        return None
    return hdr.full_year(int(m["year"]))


def printed_station(line: str, station: str) -> str | None:
    """The station as the classification line prints it (`RIO DE JANEIRO`, `TEL
    AVIV`): the words before the cable number that, spaces removed, are `station`."""
    words = line.upper().split()
    for end in range(len(words) - 1, 0, -1):
        if re.fullmatch(r"0*\d{1,8}", words[end]):
            for start in range(end - 1, max(end - 5, -1), -1):
                if "".join(words[start:end]) == station:
                    return " ".join(words[start:end])
    return None


def derive_origin(banner: hdr.Banner | None, banner_text: str) -> tuple[str | None, str | None]:
    """(origin, note) for a record without a sender line: the station of its
    classification line (`ANKARA`), marked as derived; (None, None) without one."""
    if banner is None or not banner.names_cable or banner.station is None:
        return None, None
    origin = printed_station(banner_text, banner.station) or banner.station
    return origin, (
        f"Origin derived: {origin} is the station named on the classification line; "
        "the record prints no sender line (FM …)."
    )


def infer_year(
    banner: hdr.Banner | None, banner_line: int | None, file_name: str, declassification: str | None
) -> Inference:
    """The id's year and the date of a record without a date-time group, or a
    warning saying why it has no id."""
    found = Inference()
    if banner is None or not banner.names_cable:
        found.warnings.append((banner_line, "partial record without cable id: no classification line names the cable"))
        return found
    station, number = banner.station or "", banner.number or 0
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    year = file_name_year(stem, station, number)
    if year is None:
        found.warnings.append(
            (
                banner_line,
                f"partial record without cable id: it states no date, and the file name {file_name!r} "
                f"does not name the cable of the classification line ({station} {number})",
            )
        )
        return found
    found.year = year
    cable_id = hdr.canonical_cable_id(year, station, number)
    found.notes.append(
        f"Cable id {cable_id}: the record states no date; its year, {year}, is read from the file name "
        f"{file_name}, which names the same cable as the classification line ({station} {number})."
    )
    evidence = f"the year of the cable id {cable_id}"
    m = hdr.DECL_DATE.search(declassification or "")
    if m and int(m["year"]) - 10 == year:
        evidence += f", with which the declassification date {m.group(0)} (by default ten years after the cable) agrees"
    found.notes.append(f"Date approximate: {year} is {evidence}; the record states no date.")
    found.date = (str(year), "year", True)
    return found


# A classification line, also garbled at its start (`CSE C R E T SECTION 01 OF 02
# SHENYANG 000004`): the classification spelt out, then station and number.
_SPELLED_BANNER = re.compile(
    r"(?:^|\s|[A-Z]{1,2})(?:[A-Z] ){3,}[A-Z]\s+(?:SECTION\s+\d{1,2}\s+OF\s+\d{1,2}\s+)?"
    r"(?P<station>[A-Z][A-Z .'-]{1,30}?)\s+0*(?P<number>\d{1,8})\s*$"
)
# A page marker as removed from the text: `SHENYANG 00000004 002 OF 002`.
_MARKER = re.compile(r"^(?P<station>[A-Z][A-Z ]*?)\s+(?P<number>\d{8})\s+\d{3}")


def contradictions(
    station: str, number: int, lines: list[str], banner_line: int | None, page_breaks: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """(line, message) for each other cable the record's text names as itself: a
    classification line or a page marker with another station or number than the
    header's (`station`, `number`). The publisher joined one cable's header to
    another's text; each other cable is reported once, at its first line."""
    found: dict[tuple[str, int], int] = {}
    for index, line in enumerate(lines, start=1):
        if index == banner_line or not line.strip():
            continue
        # The number stands apart from the station (`PTQ1859` is a printout's code).
        banner = hdr.parse_banner(line) if re.search(r"[A-Za-z]\s+0*\d{1,8}\s*$", line) else None
        if banner and banner.names_cable and banner.station and banner.number is not None:
            other = (banner.station, banner.number)
        elif m := _SPELLED_BANNER.search(line):
            other = (m["station"].replace(" ", ""), int(m["number"]))
        else:
            continue
        if not _same_cable(other, station, number):
            found.setdefault(other, index)
    for index, original in page_breaks:
        if m := _MARKER.match(original):
            other = (m["station"].replace(" ", ""), int(m["number"]))
            if not _same_cable(other, station, number):
                found.setdefault(other, index)
    return [
        (
            index,
            f"header and body disagree: the header names {station} {number}, but line {index} of the text "
            f"names {other_station} {other_number}: the text may be another cable's",
        )
        for (other_station, other_number), index in sorted(found.items(), key=lambda item: item[1])
    ]


def _same_cable(other: tuple[str, int], station: str, number: int) -> bool:
    """Page markers print the station cut to ten characters (`BUENOSAIR`); a post may
    drop a prefix of its station in its own banner (`DUBAI` for RPODUBAI)."""
    other_station, other_number = other
    return other_number == number and (other_station in station or station in other_station)
