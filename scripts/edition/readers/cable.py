"""Reader for US diplomatic cables in the Cablegate format.

A cable is read in four passes:
1. repair artefacts line by line (link debris, page-break markers), keeping line
   numbers, each repair logged as an emendation;
2. read the header (`cable_fields`): routing, date-time group, addressees,
   classification line, handling lines and the E.O./TAGS/SUBJECT/REF/Classified By
   fields, decoded by `cable_header`;
3. read the body (`cable_body`): paragraphs, sections, signature;
4. assemble the `Cable`; a partial record is identified, dated and placed only as far as
   the evidence goes (`cable_record`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from ..model import Block, Cable, Emendation
from ..sources import Source
from . import cable_header as hdr
from . import cable_record as record
from .cable_body import read_body
from .cable_fields import PARTIAL_NOTICE, HeaderReading, read_header
from .cable_refs import parse_references
from .cleaning import apply_corrections, strip_dead_links

Warn = Callable[[int | None, str], None]

# `BAKU 00000595 002 OF 002`, also `BAKU 00001835  001.2 OF 003` inside a sentence. The
# station is printed cut to ten characters (`BUENOS AIR 00000123 ...`): of the capital
# words before the number, only those that begin the cable's own station belong to the
# marker (`_marker_start`); the others are text (`... TO WASHINGTON BRASILIA 00000351 ...`).
PAGE_MARKER = re.compile(r"\b(?P<words>[A-Z][A-Z]+(?: [A-Z]+){0,2}) \d{8}\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}\b")
# Page headers of the Department's printout: `PAGE 02 RUEHFRA0170 S E C R E T` (the
# whole line) and `PAGE 02 HARARE 06677 02 OF 03 291401Z` (text may follow). The
# station's spaces stand between capitals, so that a long run of spaces is read once.
_PAGE_HEADER = re.compile(
    r"^\s*PAGE\s+\d{2}\s+(?:RUEH[A-Z]{2,4}\d{4}\b.*|[A-Z](?:[A-Z ]*[A-Z])?\s+\d{5,6}\s+\d{2}\s+OF\s+\d{2}\s+\d{6}Z)\s*"
)
_HEAD_LINES = 250  # long address lists push the banner down


def looks_like_cable(text: str) -> bool:
    head = text.lstrip().split("\n")[:_HEAD_LINES]
    if head and PARTIAL_NOTICE.match(head[0]):
        return True
    routing = "\n".join(head[:120])
    if re.search(r"^[ZOPR] (?:[ZOPR] )?\d{6}Z [A-Z]{3} \d{2}", routing, re.M) and re.search(r"^FM ", routing, re.M):
        return True
    has_banner = any(hdr.parse_banner(line) is not None for line in head)
    # `[^\S\n]*`, not `\s*`: from each line start, `\s*` would run on over all the blank lines below.
    has_fields = bool(
        re.search(r"^[^\S\n]*(TAGS?\b|SUBJECT\s*:|FM |E\.?\s?O\.?\s?12958)", "\n".join(head), re.M | re.I)
    )
    return has_banner and has_fields


class CableReader:
    kind = "cable"

    def detect(self, source: Source) -> bool:
        return looks_like_cable(source.text)

    def read(self, source: Source, warn: Warn) -> list[Cable]:
        lines, emendations = _repair_lines(source, warn)
        header = read_header(lines, warn)
        page_breaks = {e.line for e in emendations if e.kind == "page-break"}
        body = read_body(lines, header.body_start, page_breaks, warn, header.subject)
        emendations += body.emendations
        notes: list[str] = []

        # A date-time group whose date does not exist was reported as such: the
        # header is there, only its date is wrong, so the record is not partial.
        partial = header.partial_notice or (header.dtg is None and header.dtg_rejected is None)
        if partial and not header.partial_notice:
            where = header.origin_line or header.banner_line or 1
            warn(where, "no date-time group (e.g. 'P 161324Z MAY 07') above this line: page marked partial")
        if header.partial_notice:
            notes.append("Partial record: the publisher cut off the routing header of this cable.")
        year = header.dtg.year if header.dtg else None
        banner_text = lines[header.banner_line - 1] if header.banner_line else ""
        inferred = None
        if partial and header.dtg is None and header.dtg_rejected is None:
            inferred = record.infer_year(header.banner, header.banner_line, source.name, header.declassification)
            year = inferred.year
            notes += inferred.notes
            for line, message in inferred.warnings:
                warn(line, message)
        date, precision, approximate = inferred.date if inferred and inferred.date else _date(header, notes, warn)
        origin, origin_note = header.origin, None
        if origin is None:
            origin, origin_note = record.derive_origin(header.banner, banner_text)

        classification = _classification(header, body.caveats, notes)
        cable_number, cable_id = _cable_number(header, year, notes, warn)
        references = parse_references(header.ref_text, year) if header.ref_text else []
        classified_by, reasons = hdr.split_classified_by(header.classified_by) if header.classified_by else (None, None)
        if classified_by is None and reasons is None:
            classified_by, reasons = _classified_in_text(body.blocks, notes)
        subject = _subject(header.subject)
        if subject is None and not partial:
            warn(header.banner_line, "no SUBJECT line")
        if origin_note:
            notes.append(origin_note)
        warnings = _contradictions(cable_number, lines, header.banner_line, emendations)
        for line, message in warnings:
            warn(line, message)
        doc_id = cable_id or _page_name(source.path.stem)
        return [
            Cable(
                id=doc_id,
                source=source.name,
                title=subject or f"Cable {cable_number or doc_id}",
                date=date,
                date_precision=precision,
                blocks=tuple(body.blocks),
                emendations=tuple(sorted(emendations, key=lambda e: e.line)),
                notes=tuple(notes),
                cable_id=cable_id,
                cable_number=cable_number,
                origin=origin,
                origin_derived=origin_note is not None,
                warnings=tuple(message for _, message in warnings),
                precedence=header.dtg.precedence if header.dtg else None,
                date_time_group=header.dtg_text,
                date_approximate=approximate,
                classification=classification,
                subject=subject,
                tags=tuple(header.tags),
                to=tuple(header.to),
                info=tuple(header.info),
                references=tuple(references),
                routing=tuple(header.routing),
                handling=tuple(header.handling + header.other + body.caveats),
                declassification=header.declassification,
                classified_by=classified_by,
                reasons=reasons,
                signer=body.signer,
                partial=partial,
                printed_header=tuple(header.printed),
                sections=tuple(body.sections),
            )
        ]


def _repair_lines(source: Source, warn: Warn) -> tuple[list[str], list[Emendation]]:
    """Remove link debris and page-break markers, line numbers unchanged."""
    lines, emendations, unused = apply_corrections(source.lines, source.editorial.corrections)
    for correction in unused:
        warn(None, f"editorial correction {correction.original!r} not found in the source")
    stations = _stations(lines)
    out = []
    for number, line in enumerate(lines, start=1):
        line, found = strip_dead_links(line.replace("\t", " "), number)
        emendations += found
        if " OF " in line or "PAGE" in line:  # both markers need these; most lines have neither
            line, found = _strip_page_markers(line, number, stations)
            emendations += found
        out.append(line.rstrip())
    return out, emendations


def _stations(lines: list[str]) -> set[str]:
    """The cable's station, spaces removed, as its classification line or its sender
    (FM ...) names it: what a page marker prints before the cable number."""
    stations = set()
    for line in lines[:_HEAD_LINES]:
        banner = hdr.parse_banner(line)
        if banner and banner.names_cable and banner.station:
            stations.add(banner.station)
        if line.startswith("FM ") and (station := hdr.station_of_origin(line[3:])):
            stations.add(station)
    return stations


def _strip_page_markers(line: str, number: int, stations: set[str]) -> tuple[str, list[Emendation]]:
    """The line without its page header and page markers, each removal logged with
    exactly the text it removed; every other word stays."""
    emendations = []
    pieces = []
    position = 0
    header = _PAGE_HEADER.match(line)  # at the start of the line only
    if header:
        position = header.end()
        emendations.append(_page_break(number, header.group(0).strip()))
    for m in PAGE_MARKER.finditer(line, position):
        start = _marker_start(m, stations)
        pieces.append(line[position:start])
        emendations.append(_page_break(number, line[start : m.end()]))
        position = m.end()
    pieces.append(line[position:])
    return "".join(pieces), emendations


def _marker_start(marker: re.Match[str], stations: set[str]) -> int:
    """Where a page marker begins: at the most words before its number (up to three)
    that, spaces removed, begin the cable's station (`RIO DE JAN` for RIODEJANEIRO);
    at its last word when none do (a station the header does not name)."""
    words = marker["words"].split(" ")  # one space apart, as the pattern has them
    for k in range(len(words)):
        if any(station.startswith("".join(words[k:])) for station in stations):
            break
    else:
        k = len(words) - 1
    return marker.end("words") - len(" ".join(words[k:]))


def _page_break(number: int, original: str) -> Emendation:
    return Emendation(number, "page-break", original, "", "page-break marker of the printed cable removed")


def _date(header: HeaderReading, notes: list[str], warn: Warn) -> tuple[str | None, str, bool]:
    """(ISO date, precision, approximate) from the date-time group. A record without
    one is dated by its id's year (`cable_record`) or not at all: the declassification
    date falls ten years after the cable by default, but as often after 20 or 25,
    so it dates nothing. A date that does not exist gives no date at all."""
    if header.dtg:
        return header.dtg.iso, header.dtg.precision, False
    if header.dtg_rejected is not None:
        notes.append(f"Date unknown: the date-time group {header.dtg_rejected!r} names a date that does not exist.")
        return None, "unknown", False
    m = hdr.DECL_DATE.search(header.declassification or "")
    if m and not hdr.real_date(int(m["year"]), int(m["month"]), int(m["day"])):
        warn(
            header.declassification_line,
            f"declassification date {m.group(0)!r} does not exist: no year inferred from it",
        )
    notes.append("Date unknown: the record states no date.")
    return None, "unknown", False


def _classification(header: HeaderReading, banners: list[str], notes: list[str]) -> str | None:
    """One value: level and caveats, `SECRET//NOFORN`, `UNCLASSIFIED//SENSITIVE`; the
    caveats come from the classification line, the handling lines and the caveat
    `banners` printed in the text (`SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY`)."""
    banner = header.banner
    if banner is None:
        if header.routing_classification:
            notes.append("No classification line: the classification is read from the routing line (ZNY/ZNR).")
        return header.routing_classification
    caveats = set(banner.caveats)
    for line in header.handling + banners:
        for caveat in hdr.CLASSIFICATION_CAVEATS:
            if re.search(rf"\b{caveat}\b", line, re.I):
                caveats.add(caveat)
    if any(re.match(r"SBU\b", line, re.I) for line in banners):
        caveats.add("SENSITIVE")
    value = banner.classification
    if "NOFORN" in caveats:
        value += "//NOFORN"
    elif "SENSITIVE" in caveats and value == "UNCLASSIFIED":
        value += "//SENSITIVE"
    return value


def _cable_number(
    header: HeaderReading, year: int | None, notes: list[str], warn: Warn
) -> tuple[str | None, str | None]:
    """(`BAKU 595`, `07BAKU595`), from the classification line or, failing that, from
    the routing line's serial number and the station of origin."""
    banner = header.banner
    station = hdr.station_of_origin(header.origin or "")
    serial = header.routing_number
    if banner and banner.names_cable and banner.station and banner.number is not None:
        if station and serial is not None and station != banner.station and serial != banner.number % 10000:
            # The publisher joined one cable's routing header to another's text: the
            # page is filed under the routing header, which names this record.
            notes.append(
                f"The classification line names {banner.station} {banner.number}, but the routing header "
                f"(FM {header.origin}, DE … #{serial}) names {station} {serial}: the record is filed under the latter."
            )
            warn(header.banner_line, f"cable number {banner.station} {banner.number} contradicts the routing header")
            return f"{station} {serial}", hdr.canonical_cable_id(year, station, serial)
        return f"{banner.station} {banner.number}", hdr.canonical_cable_id(year, banner.station, banner.number)
    if station and banner and banner.number is not None:
        notes.append("The station is read from the sender (FM …): the classification line does not print it.")
        return f"{station} {banner.number}", hdr.canonical_cable_id(year, station, banner.number)
    if station and header.routing_number is not None:
        notes.append("The cable number is read from the routing line (DE …) and the sender (FM …).")
        return f"{station} {header.routing_number}", hdr.canonical_cable_id(year, station, header.routing_number)
    return None, None


# `1. (U) Classified by Ambassador ... for reasons 1.5 (B) and (D).`: older cables
# state the classification authority in their first paragraph.
_CLASSIFIED_IN_TEXT = re.compile(r"^(?:\(U\)\s*)?classified\s+by\b", re.I)


def _classified_in_text(blocks: list[Block], notes: list[str]) -> tuple[str | None, str | None]:
    """(classified by, reasons) from the first paragraph of the text, kept there."""
    first = next((b for b in blocks if b.kind == "paragraph"), None)
    if first is None or not _CLASSIFIED_IN_TEXT.match(first.text) or len(first.text) > 300:
        return None, None
    where = f"paragraph {first.number}" if first.number else "the first paragraph"
    notes.append(f"Classified by: read from {where} of the text, where the cable states it.")
    return hdr.split_classified_by(first.text)


def _contradictions(
    cable_number: str | None, lines: list[str], banner_line: int | None, emendations: list[Emendation]
) -> list[tuple[int, str]]:
    """Other cables the text names as itself (`cable_record.contradictions`)."""
    m = re.fullmatch(r"(?P<station>[A-Z]+) (?P<number>\d+)", cable_number or "")
    if m is None:
        return []
    page_breaks = [(e.line, e.original) for e in emendations if e.kind == "page-break"]
    return record.contradictions(m["station"], int(m["number"]), lines, banner_line, page_breaks)


def _subject(text: str | None) -> str | None:
    """The subject without the classification marking it may start with (`(C)`)."""
    if not text:
        return None
    return re.sub(r"^\((?:[A-Za-z]{1,3}(?:/[A-Za-z]{1,3})?)\)\s*", "", " ".join(text.split())) or None


def _page_name(stem: str) -> str:
    """A page name from a file name: letters, digits and hyphens only."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-")
    return name or "cable-" + hashlib.sha1(stem.encode()).hexdigest()[:8]
