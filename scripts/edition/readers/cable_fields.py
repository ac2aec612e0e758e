"""Reading a cable's header block line by line: routing lines, date-time group and
addressees above the classification line; handling lines and the E.O., TAGS,
SUBJECT, REF and `Classified By` fields below it.

Every header line is kept as printed (`HeaderReading.printed`), whatever was made
of it, so the page can show the header as the cable prints it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Addressee
from . import cable_header as hdr
from . import cable_refs, cable_tags
from .cable_markings import markings

Warn = Callable[[int | None, str], None]

PARTIAL_NOTICE = re.compile(r"^\s*This record is a partial extract of the original cable", re.I)
# A numbered paragraph: `1. (C) ...`, `¶1. ...`, `1 . ...`.
PARAGRAPH_START = re.compile(r"^¶?\s*\d{1,3}\s*\.(?:\s|\(|$)")
_FIELD = re.compile(
    r"^(?:\(U\)\s*)?(?P<key>E\.?\s?O\.?\s?12958|E\.?O\.?(?=\s)|"
    rf"{cable_tags.FIELD_NAME}|SUBJECT|SUBJ|REF\(S\)|REFS?|REFTEL|"
    r"CLASSIFIED\s+BY|DECLASSIFY\s+ON|DERIVED\s+FROM)(?![\w/])\s*(?P<colon>:?)\s*(?P<rest>.*)$",
    re.I,
)
# A REF run into the subject: `... AS UK PRIMEREF: A. LONDON 1939`, `... Ref(s): ...`.
_GLUED_REF = re.compile(r"(?:REF|Ref)(?:S|s|\((?:S|s)\)|TEL)?\s*:\s*(?=\S)")
# The E.O. field run on after a handling line: `DEPT FOR WHA/BSC E.O. 12958: DECL: ...`.
_GLUED_EO = re.compile(r"\s(?=E\.?\s?O\.?\s?12958\b)", re.I)
# A `Classified By` value cut before its reasons: `..., FOR REASON`, `Reasons:`.
_REASONS_FOLLOW = re.compile(r"\bREASONS?\s*:?\s*$", re.I)
# A second field on the same line: `E.O. 12958: DECL: 01/07/2014 Tags: prel ...`.
_INLINE_FIELD = re.compile(r"\s(?=(?:TAGS?|SUBJECT|REF|Classified By)\s*:)", re.I)


def _field(text: str) -> re.Match[str] | None:
    """The field a header line starts with. A misprinted TAGS (`TGS`) counts only
    with a colon or a line of codes after it: `TGS military success` is a sentence."""
    m = _FIELD.match(text)
    if m and cable_tags.garbled_name(m["key"]) and re.fullmatch(cable_tags.FIELD_NAME, m["key"], re.I):
        if not (m["colon"] or cable_tags.looks_like_codes(m["rest"])):
            return None
    return m


_GRID_INFO = re.compile(r"^INFO\s+LOG-\d")
_ROUTED_ADDRESSEE = re.compile(r"^[A-Z0-9]{4,8}/")
_REF_ITEM_START = re.compile(r"^¶?\s*\(?[A-Za-z][.):](?:\s|$)")
_RULE = re.compile(r"^[-_=*\s]{5,}$")
_MARKED_TEXT = re.compile(r"^\((?:U|C|S|SBU|TS|C/NF|S/NF)\)\s+\S+\s+\S+")
_ZNY = re.compile(r"^ZN[YR]\s+(?P<code>[CSU]{5}|EEEEE)\b")
# A line of TAGS codes only: words of two capitals or more between spaces and commas.
# Each run of capitals is one word taken whole (possessive), so a long line of
# capitals (a SUBJECT that lost its label) fails in linear time instead of being
# split into codes every possible way.
_TAG_CODES = re.compile(r"[A-Z]{2,}+(?:[\s,]++[A-Z]{2,}+)*+[\s,]*+")


@dataclass
class HeaderReading:
    printed: list[str] = field(default_factory=list)  # header lines as printed
    partial_notice: bool = False
    routing: list[str] = field(default_factory=list)
    dtg: hdr.DateTimeGroup | None = None
    dtg_text: str | None = None
    dtg_rejected: str | None = None  # a date-time group whose date does not exist, as printed
    origin: str | None = None
    to: list[Addressee] = field(default_factory=list)
    info: list[Addressee] = field(default_factory=list)
    banner: hdr.Banner | None = None
    banner_line: int | None = None  # line number (1-based)
    origin_line: int | None = None  # line of `FM ...`
    routing_classification: str | None = None  # from `ZNY CCCCC`
    routing_number: int | None = None  # from `DE RUEHKB #0595/01 1361324`
    handling: list[str] = field(default_factory=list)
    declassification: str | None = None
    declassification_line: int | None = None
    tags: list[str] = field(default_factory=list)
    subject: str | None = None
    ref_text: str = ""
    classified_by: str = ""
    other: list[str] = field(default_factory=list)  # header lines not understood
    body_start: int = 0  # index of the first body line
    # Field values as the lines that make them up, joined once the header is read:
    # joining at each line would copy a long value again for every line it runs on.
    parts: dict[str, list[str]] = field(default_factory=dict)
    ref_labels: cable_refs.LastLabel = field(default_factory=cable_refs.LastLabel)  # of the REF lines read so far
    ref_lines_read: int = 0  # REF lines given to `ref_labels`


def read_header(lines: list[str], warn: Warn) -> HeaderReading:
    """Read the header of a cable from its (repaired) lines."""
    reading = HeaderReading()
    first_paragraph = next((i for i, line in enumerate(lines) if PARAGRAPH_START.match(line.strip())), len(lines))
    limit = min(first_paragraph, 250)
    banner_at = _find_banner(lines, limit)
    start = _read_routing(lines, banner_at if banner_at is not None else limit, reading, warn)
    if banner_at is not None:
        banner_text, glued = _split_glued(lines[banner_at])
        reading.banner = hdr.parse_banner(banner_text)
        reading.banner_line = banner_at + 1
        if reading.banner and reading.banner.garbled:
            warn(banner_at + 1, f"classification line misprinted: {lines[banner_at].strip()!r}")
        if start >= banner_at:  # else fields stand above it; the field reader prints it
            reading.printed.append(banner_text.strip())
            start = banner_at + 1
        if glued:
            # The header's lines run on in the classification line: read them as lines.
            pieces = re.split(r"\s{2,}", glued.strip())
            read = _read_fields(pieces, 0, reading, lambda _, message: warn(banner_at + 1, message))
            reading.other += pieces[read:]
            reading.printed += pieces[read:]
    else:
        warn(start + 1, "no classification line found (e.g. 'C O N F I D E N T I A L BAKU 000595') above this line")
    reading.body_start = _read_fields(lines, start, reading, warn)
    _join_fields(reading)
    return reading


def _join_fields(reading: HeaderReading) -> None:
    parts = reading.parts
    if "EO" in parts:
        reading.declassification = " ".join(parts["EO"]).strip() or None
    if "SUBJECT" in parts:
        reading.subject = " ".join(parts["SUBJECT"]).strip() or None
    if "REF" in parts:
        reading.ref_text = " ".join(part for part in parts["REF"] if part)
    if "CLASSIFIEDBY" in parts:
        reading.classified_by = " ".join(parts["CLASSIFIEDBY"])
    for key, texts in parts.items():
        if key.startswith("other "):  # lines that carry on a field kept as printed
            reading.other[int(key.removeprefix("other "))] += " " + " ".join(texts)


def _has_subject(reading: HeaderReading) -> bool:
    # The first part is the text after `SUBJECT:`, maybe empty; the lines that carry
    # it on are never empty.
    subject = reading.parts.get("SUBJECT", [])
    return len(subject) > 1 or bool(subject and subject[0])


# A classification line with the rest of the header run on after two spaces.
_GLUED = re.compile(r"^(?P<banner>\s*\S.*?\b[A-Za-z]{3,}(?: [A-Za-z]+){0,2} 0*\d{3,8})\s{2,}(?P<rest>\S.*)$")


def _split_glued(line: str) -> tuple[str, str]:
    """(classification line, text run on after it)."""
    if hdr.parse_banner(line) is None and (m := _GLUED.match(line)) and hdr.parse_banner(m["banner"]):
        return m["banner"], m["rest"]
    return line, ""


def _find_banner(lines: list[str], limit: int) -> int | None:
    """Index of the classification line: the first naming station and number, else
    the first with the classification word alone. A printout may repeat the line
    above the routing block; the cable's own stands below the sender (FM ...)."""
    sender = next((i for i, line in enumerate(lines[:limit]) if line.startswith("FM ")), 0)
    for begin in dict.fromkeys((sender, 0)):
        word_only = None
        for i, line in enumerate(lines[begin:limit], start=begin):
            banner = hdr.parse_banner(_split_glued(line)[0])
            if banner is None or line.strip().lower().startswith("classified"):
                continue
            if banner.number is not None:
                return i
            if word_only is None and "//" not in line:
                word_only = i
        if word_only is not None:
            return word_only
    return None


def _read_routing(lines: list[str], end: int, reading: HeaderReading, warn: Warn) -> int:
    """Lines above the classification line: routing, DTG, FM, TO, INFO. Without a
    classification line, stops at the first field or handling line. Returns the
    index where the fields begin."""
    target: list[Addressee] | None = None
    ahead = _Ahead(lines[:end])
    for i, line in enumerate(lines[:end]):
        text = line.strip()
        if not text:
            if not _ROUTED_ADDRESSEE.match(ahead.text_after(i)):
                target = None
            continue
        # A field, a handling line (`SIPDIS`) or the text: the routing block is over.
        if _field(text) or markings().starts.match(text) or PARAGRAPH_START.match(text):
            return i
        reading.printed.append(text)
        dtg = _date_time_group(text, i + 1, reading, warn)
        if PARTIAL_NOTICE.match(text):
            reading.partial_notice = True
        elif dtg:
            reading.dtg, reading.dtg_text = dtg, text
            target = None
        elif text.startswith("FM "):
            reading.origin = text[3:].strip()
            reading.origin_line = i + 1
            target = None
        elif text.startswith("TO "):
            target = reading.to
            target.append(hdr.parse_addressee(text[3:]))
        elif text.startswith("INFO ") and not _GRID_INFO.match(text):
            target = reading.info
            target.append(hdr.parse_addressee(text[5:]))
        elif target is not None and not re.match(r"^(?:BT|XMT)\b", text):
            target.append(hdr.parse_addressee(text))
        else:
            target = None
            reading.routing.append(text)
            _routing_facts(text, reading)
    return end


def _date_time_group(text: str, number: int, reading: HeaderReading, warn: Warn) -> hdr.DateTimeGroup | None:
    """The cable's date-time group if `text` is the first. One whose date does not
    exist is an error of the header: reported, kept as printed, and no date is read
    from it."""
    if reading.dtg is not None:
        return None
    dtg, problem = hdr.read_date_time_group(text)
    if problem:
        reading.dtg_rejected = reading.dtg_rejected or text
        warn(number, f"date-time group {text!r} is not a real date ({problem}): no date is read from it")
    return dtg


def _routing_facts(text: str, reading: HeaderReading) -> None:
    if m := _ZNY.match(text):
        code = m["code"][0]
        reading.routing_classification = {"C": "CONFIDENTIAL", "S": "SECRET", "U": "UNCLASSIFIED"}.get(code)
    elif m := re.match(r"^DE\s+[A-Z]{4,8}\s+#(?P<number>\d{1,6})(?:/\d+)?\b", text):
        reading.routing_number = int(m["number"])


def _read_fields(lines: list[str], start: int, reading: HeaderReading, warn: Warn) -> int:
    """Lines below the classification line, up to the body. Returns the body start."""
    current: str | None = None  # field whose value may wrap onto the next lines
    last: str | None = None  # the last field read
    seen_field = False
    ahead = _Ahead(lines)
    i = start
    while i < len(lines):
        text = lines[i].strip()
        if not text:
            if current == "REF" and _ref_goes_on(ahead.text_after(i), reading):
                i += 1
                continue
            if current == "CLASSIFIEDBY" and _reasons_follow(ahead.text_after(i), reading):
                i += 1
                continue
            if current is not None:
                current = None
            i += 1
            continue
        if PARAGRAPH_START.match(text) and not (current == "REF" and _ref_goes_on(text, reading)):
            break
        if PARTIAL_NOTICE.match(text) or i + 1 == reading.banner_line:
            reading.partial_notice = reading.partial_notice or bool(PARTIAL_NOTICE.match(text))
            reading.printed.append(text)
            current = None
            i += 1
            continue
        printed = text
        if not seen_field and not _field(text) and (glued := _GLUED_EO.search(text)):
            # The handling line is kept as such; the E.O. field read as a line of its own.
            reading.handling.append(text[: glued.start()].strip())
            text = text[glued.end() :]
        segments = _INLINE_FIELD.split(text)
        first = _field(segments[0])
        if first:
            for segment in segments:
                m = _field(segment)
                if m is None:  # cannot happen: the split is at field names
                    continue
                current = last = _store(m["key"], m["rest"].strip(), reading, i + 1, warn)
            seen_field = True
        elif current is not None and _continues(current, text, lines, i, reading):
            _extend(current, text, reading, i + 1, warn)
        elif dtg := _date_time_group(text, i + 1, reading, warn):
            reading.dtg, reading.dtg_text = dtg, text
        elif not seen_field and not _has_subject(reading) and (len(text) <= 120 or text.upper() == text):
            reading.handling.append(text)
        elif hdr.parse_banner(text) is not None:
            reading.other.append(text)  # a marking line such as `SECRET//NOFORN`
        elif not _has_subject(reading) and any(_field(line.strip()) for line in lines[i + 1 : i + 4]):
            reading.other.append(text)  # a line of a printout's form between the fields
        elif last == "SUBJECT" and _field(ahead.text_after(i)):
            _extend("SUBJECT", text, reading, i + 1, warn)  # a subject wrapped across a blank line
        else:
            break
        reading.printed.append(printed)
        i += 1
    return i


def _reasons_follow(text: str, reading: HeaderReading) -> bool:
    """Whether the line after a blank one carries on a `Classified By` value cut
    before its reasons (`... FOR REASON` / `1.4(C).`)."""
    value = reading.parts.get("CLASSIFIEDBY", [])
    return bool(value) and bool(_REASONS_FOLLOW.search(value[-1])) and bool(re.match(r"^\(?\d\.\d", text))


def _last_ref_label(reading: HeaderReading) -> str | None:
    """The label of the last REF item read so far, each REF line read once."""
    parts = reading.parts.get("REF", [])
    while reading.ref_lines_read < len(parts):
        reading.ref_labels.add(parts[reading.ref_lines_read])
        reading.ref_lines_read += 1
    return reading.ref_labels.last


def _ref_goes_on(text: str, reading: HeaderReading) -> bool:
    """Whether a line after a blank one (a page break, a gap) carries on the REF: the
    next item in order, or the rest of an item cut by the break (a cable, `AND
    PREVIOUS`, lower-case words), never a field or a numbered paragraph."""
    if cable_refs.starts_next_item(text, _last_ref_label(reading)):
        return True
    if _field(text) or PARAGRAPH_START.match(text) or _MARKED_TEXT.match(text) or _REF_ITEM_START.match(text):
        return False
    parts = reading.parts.get("REF", [])
    cut = bool(parts) and bool(re.search(r"(?:[,;:/-]|\b(?:AND|OF|FOR|TO))\s*$", parts[-1], re.I))
    return cut or bool(re.match(r"^(?:AND|&)\s+PREVIOUS\b|^[a-z]", text)) or cable_refs.cites_first(text, whole=True)


class _Ahead:
    """The next line with text after line `i`, for `i` that only grow: each line is
    read once, where looking ahead from every blank line of a long run of them would
    read the run again each time."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.found = -1  # a line with text, or len(lines); the lines before it up to `i` are blank

    def text_after(self, i: int) -> str:
        if self.found <= i:
            self.found = next((j for j in range(i + 1, len(self.lines)) if self.lines[j].strip()), len(self.lines))
        return self.lines[self.found].strip() if self.found < len(self.lines) else ""


def _continues(current: str, text: str, lines: list[str], i: int, reading: HeaderReading) -> bool:
    """Whether a line without a field name carries on the field above it."""
    if current == "TAGS":
        previous = lines[i - 1].strip()
        return previous.endswith(",") or bool(_TAG_CODES.fullmatch(text))
    if current == "EO":
        return bool(re.match(r"^(?:AS AMENDED|DECLASSIFIED|DECL\b)", text, re.I))
    if current == "REF" and cable_refs.starts_next_item(text, _last_ref_label(reading)):
        return True  # `(C) MOSCOW 1603` after items A and B: an item, not a marking
    if _MARKED_TEXT.match(text) or _RULE.match(text) or re.match(r"^(?:[A-Z] ){3,}[A-Z]\b", text):
        return False  # an unnumbered paragraph with its marking: the body begins
    return current in ("SUBJECT", "REF", "CLASSIFIEDBY", "DECLASSIFYON")


def _key(name: str) -> str:
    key = re.sub(r"[\s.]", "", name.upper())
    if key.startswith("EO"):
        return "EO"
    if re.fullmatch(cable_tags.FIELD_NAME, key):
        return "TAGS"
    if key in ("SUBJ", "SUBJECT"):
        return "SUBJECT"
    if key in ("REF", "REFS", "REF(S)", "REFTEL"):
        return "REF"
    return key  # CLASSIFIEDBY, DECLASSIFYON, DERIVEDFROM


def _store(name: str, rest: str, reading: HeaderReading, number: int, warn: Warn) -> str:
    key = _key(name)
    if key == "EO":
        reading.parts["EO"] = [rest.lstrip(": ")]
        reading.declassification_line = number
    elif key == "TAGS":
        _add_tags(rest, reading, number, warn)
    elif key == "SUBJECT":
        subject, ref = _split_glued_ref(rest)
        reading.parts[key] = [subject]
        if ref is not None:
            reading.parts.setdefault("REF", []).append(ref)
            return "REF"
    elif key == "CLASSIFIEDBY":
        reading.parts[key] = [rest]
    elif key == "REF":
        if not re.fullmatch(r"(?:none|n/a)\.?", rest, re.I):
            reading.parts.setdefault("REF", []).append(rest)
    else:
        reading.other.append(f"{name} {rest}".strip())
    return key


def _extend(key: str, text: str, reading: HeaderReading, number: int, warn: Warn) -> None:
    if key == "TAGS":
        _add_tags(text, reading, number, warn)
    elif key == "SUBJECT" and (split := _split_glued_ref(text))[1] is not None:
        reading.parts.setdefault(key, []).append(split[0])
        reading.parts.setdefault("REF", []).append(split[1] or "")
    elif key in ("SUBJECT", "REF", "CLASSIFIEDBY", "EO"):
        reading.parts.setdefault(key, []).append(text)
    else:
        reading.parts.setdefault(f"other {len(reading.other) - 1}", []).append(text)


def _split_glued_ref(text: str) -> tuple[str, str | None]:
    """(subject, REF text) of a subject line a REF runs into, (text, None) if none
    does: the REF must start with an item label or a cable."""
    for m in _GLUED_REF.finditer(text):
        rest = text[m.end() :]
        if cable_refs.last_label(rest[:8]) == "A" or cable_refs.cites_first(rest):
            return text[: m.start()].rstrip(" ;,-"), rest
    return text, None


def _add_tags(text: str, reading: HeaderReading, number: int, warn: Warn) -> None:
    tags = cable_tags.parse_tags(text)
    reading.tags += tags.codes
    reading.handling += [word for word in tags.handling if word not in reading.handling]
    if not tags.well_formed:  # words that are not codes, a page header: dropped
        warn(number, f"TAGS line not understood in full: {text!r}")
