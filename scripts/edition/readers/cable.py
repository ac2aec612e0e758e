"""Reader for US diplomatic cables in the Cablegate format.

A cable is read in three passes: repair artefacts line by line (link debris, page-break
lines), split header from body at the classification line, then group the body into
paragraphs. Every repair is logged as an emendation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Addressee, Block, Cable, Emendation
from ..sources import Source
from . import cable_header as hdr
from .cleaning import apply_corrections, continues, ends_open, join_wrapped, strip_dead_links

Warn = Callable[[int | None, str], None]

# `BAKU 00000595 002 OF 002`, also `BAKU 00001835  001.2 OF 003` inside a sentence.
PAGE_MARKER = re.compile(r"\b[A-Z][A-Z]+(?: [A-Z]+){0,2} \d{8}\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}\b")
_PARAGRAPH = re.compile(r"^¶?\s*(?P<number>\d{1,3})\s*\.\s*(?:\((?P<marking>[A-Z/]{1,12})\)\s*)?(?P<text>.*)$", re.S)
_SUBPARAGRAPH = re.compile(r"^(?:--?\s|[A-Za-z][.)]\s|\([A-Za-z0-9]{1,3}\)\s|\d{1,2}\)\s|[*•]\s)")
_SIGNATURE = re.compile(r"^[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,2}$")
_TRAILING_SIGNATURE = re.compile(r"(?<=[.!?\"”)])\s+(?P<name>[A-Z]{3,}(?:[ -][A-Z]{2,})?)$")
_FIELD = re.compile(
    r"^\s*(?P<key>E\.?\s?O\.?\s?12958|E\.?O\.?|TAGS?|SUBJECT|SUBJ|REF|REFS|CLASSIFIED BY)\b\s*:?\s*(?P<rest>.*)$", re.I
)
_UNDERLINE = re.compile(r"^\s*-{3,}[\s-]*$")


def looks_like_cable(text: str) -> bool:
    head = text.lstrip()[:4000]
    has_banner = any(hdr.is_banner(line) for line in head.split("\n")[:80])
    has_fields = bool(re.search(r"^\s*(TAGS?\b|SUBJECT\s*:|FM |E\.?\s?O\.? ?12958)", head, re.M))
    return has_banner and has_fields


@dataclass
class _Header:
    routing: list[str] = field(default_factory=list)
    dtg: hdr.DateTimeGroup | None = None
    dtg_text: str | None = None
    origin: str | None = None
    to: list[Addressee] = field(default_factory=list)
    info: list[Addressee] = field(default_factory=list)
    banner: hdr.Banner | None = None
    handling: list[str] = field(default_factory=list)
    declassification: str | None = None
    tags: list[str] = field(default_factory=list)
    subject: str | None = None
    ref_text: str = ""
    classified_by: str | None = None
    reasons: str | None = None


class CableReader:
    kind = "cable"

    def detect(self, source: Source) -> bool:
        return looks_like_cable(source.text)

    def read(self, source: Source, warn: Warn) -> list[Cable]:
        lines, emendations = _repair_lines(source, warn)
        header = _Header()
        banner_at = next((i for i, line in enumerate(lines[:200]) if hdr.is_banner(line)), None)
        if banner_at is None:
            warn(None, "no classification line found; header fields not read")
            banner_at = -1
        else:
            _read_routing(lines[:banner_at], header, warn)
            header.banner = hdr.parse_banner(lines[banner_at])
        body_at = _read_fields(lines, banner_at + 1, header, warn)
        page_breaks = {e.line for e in emendations if e.kind == "page-break"}
        blocks, body_emendations, signer = _read_body(lines, body_at, page_breaks, warn)
        emendations += body_emendations

        year = header.dtg.year if header.dtg else None
        banner = header.banner
        cable_id = None
        if banner and banner.station and banner.number is not None:
            cable_id = hdr.canonical_cable_id(year, banner.station, banner.number)
        references = hdr.parse_references(header.ref_text, year) if header.ref_text else []
        partial = header.dtg is None
        if partial:
            warn(None, "no date-time group: header cut off or malformed; page marked partial")
        doc_id = cable_id or source.path.stem
        subject = header.subject
        return [
            Cable(
                id=doc_id,
                source=source.name,
                title=_title_case_subject(subject) if subject else doc_id,
                date=header.dtg.iso if header.dtg else None,
                date_precision="minute" if header.dtg else "unknown",
                blocks=tuple(blocks),
                emendations=tuple(sorted(emendations, key=lambda e: e.line)),
                cable_id=cable_id,
                origin=header.origin,
                precedence=header.dtg.precedence if header.dtg else None,
                date_time_group=header.dtg_text,
                classification=banner.classification if banner else None,
                subject=subject,
                tags=tuple(header.tags),
                to=tuple(header.to),
                info=tuple(header.info),
                references=tuple(references),
                routing=tuple(header.routing),
                handling=tuple(header.handling),
                declassification=header.declassification,
                classified_by=header.classified_by,
                reasons=header.reasons,
                signer=signer,
                partial=partial,
            )
        ]


def _title_case_subject(subject: str) -> str:
    # Subjects are printed in capitals; the page title keeps them as printed.
    return subject


def _repair_lines(source: Source, warn: Warn) -> tuple[list[str], list[Emendation]]:
    """Remove link debris and page-break markers, line numbers unchanged."""
    lines, emendations, unused = apply_corrections(source.lines, source.editorial.corrections)
    for correction in unused:
        warn(None, f"editorial correction {correction.original!r} not found in the source")
    out = []
    for number, line in enumerate(lines, start=1):
        line, found = strip_dead_links(line.replace("\t", " "), number)
        emendations += found
        for m in PAGE_MARKER.finditer(line):
            emendations.append(
                Emendation(number, "page-break", m.group(0), "", "page-break line of the printed cable removed")
            )
        line = PAGE_MARKER.sub("", line)
        out.append(line.rstrip())
    return out, emendations


def _read_routing(lines: list[str], header: _Header, warn: Warn) -> None:
    """Routing block before the classification line: DTG, FM, TO, INFO."""
    target: list[Addressee] | None = None
    for line in lines:
        text = line.strip()
        if not text:
            continue
        dtg = hdr.parse_date_time_group(text)
        if dtg and header.dtg is None:
            header.dtg, header.dtg_text = dtg, text
            target = None
        elif text.startswith("FM "):
            header.origin = text[3:].strip()
            target = None
        elif text.startswith("TO "):
            target = header.to
            target.append(hdr.parse_addressee(text[3:]))
        elif text.startswith("INFO "):
            target = header.info
            target.append(hdr.parse_addressee(text[5:]))
        elif target is not None and text != "BT":
            target.append(hdr.parse_addressee(text))
        else:
            header.routing.append(text)
    if header.dtg is None and lines:
        warn(None, "routing header has no date-time group (e.g. 'P 161324Z MAY 07')")


def _read_fields(lines: list[str], start: int, header: _Header, warn: Warn) -> int:
    """Lines between the classification line and the first paragraph. Returns body start."""
    i = start
    current: str | None = None  # field whose value may wrap onto following lines
    while i < len(lines):
        text = lines[i].strip()
        if _PARAGRAPH.match(text) and current != "REF":
            break
        if not text:
            # A blank line ends a wrapped field, except between REF items.
            if current == "REF" and _next_is_ref_item(lines, i):
                i += 1
                continue
            current = None
            i += 1
            continue
        m = _FIELD.match(text)
        key = m["key"].upper().replace(" ", "") if m else None
        if m and key:
            current = _store_field(key, m["rest"].strip(), header, i + 1, warn)
        elif current == "SUBJECT":
            header.subject = f"{header.subject} {text}".strip()
        elif current == "REF":
            header.ref_text += " " + text
        elif current == "CLASSIFIEDBY":
            header.classified_by, header.reasons = _split_reasons(f"{_joined(header)} {text}")
        elif _is_handling(text):
            header.handling.append(text)
        elif header.subject is None and hdr.is_banner(text):
            header.handling.append(text)
        else:
            break
        i += 1
    return i


def _joined(header: _Header) -> str:
    reasons = f" Reasons {header.reasons}" if header.reasons else ""
    return f"{header.classified_by or ''}{reasons}"


def _store_field(key: str, rest: str, header: _Header, number: int, warn: Warn) -> str:
    if key.startswith("E"):
        header.declassification = rest.lstrip(": ") or None
        return "EO"
    if key in ("TAGS", "TAG"):
        tags = re.split(r"[\s,;]+", rest.strip())
        header.tags = [t for t in tags if t]
        if not header.tags or any(not re.fullmatch(r"[A-Z][A-Z0-9_-]{1,9}", t) for t in header.tags):
            warn(number, f"TAGS line not understood: {rest!r}")
        return "TAGS"
    if key in ("SUBJECT", "SUBJ"):
        header.subject = rest or None
        return "SUBJECT"
    if key in ("REF", "REFS"):
        header.ref_text = rest
        return "REF"
    header.classified_by, header.reasons = _split_reasons(rest)
    return "CLASSIFIEDBY"


def _split_reasons(text: str) -> tuple[str | None, str | None]:
    """`Ambassador Anne E. Derse per 1.4 (b,d).` → classifier, `1.4 (b,d)`."""
    text = " ".join(text.split())
    m = re.search(
        r"[,;.]?\s*(?:\b(?:per|for)\b\s*)?\b(?:reasons?|reason:)?\s*:?\s*(1\.[45]\s*\(?[a-hA-H](?:[\s,&and]*\(?[a-hA-H]\)?)*\)?)\.?\s*$",
        text,
        re.I,
    )
    if not m:
        return text or None, None
    return text[: m.start()].strip(" ,;:") or None, m.group(1).strip()


_HANDLING = re.compile(
    r"^(SIPDIS|NOFORN|NOFORN\b.*|SENSITIVE|STATE FOR\b.*|DEPT FOR\b.*|DEPARTMENT FOR\b.*|PASS\b.*|FOR\b.*|"
    r"USDOC\b.*|TREASURY FOR\b.*|USAID\b.*|USEU\b.*|NSC FOR\b.*|DOD FOR\b.*|DEPT PASS\b.*|"
    r"CORRECTED COPY\b.*|EXDIS|LIMDIS|NODIS|STADIS|E X D I S|N O D I S|C O R R E C T E D.*|[A-Z/ ]+ FOR [A-Z].*)$"
)


def _is_handling(text: str) -> bool:
    return bool(_HANDLING.match(text)) and len(text) < 120 and text.upper() == text


def _next_is_ref_item(lines: list[str], i: int) -> bool:
    following = next((line.strip() for line in lines[i + 1 :] if line.strip()), "")
    return bool(re.match(r"^¶?\(?[A-Z][.)]\s", following)) and not _PARAGRAPH.match(following)


def _read_body(
    lines: list[str], start: int, page_breaks: set[int], warn: Warn
) -> tuple[list[Block], list[Emendation], str | None]:
    chunks = _chunks(lines, start)
    signer = None
    emendations: list[Emendation] = []
    if chunks:
        last_line, last_text = chunks[-1][0], join_wrapped(chunks[-1][1])
        if len(chunks[-1][1]) == 1 and _SIGNATURE.match(last_text) and len(last_text) <= 40:
            signer = last_text
            chunks.pop()
        elif (m := _TRAILING_SIGNATURE.search(last_text)) and not _PARAGRAPH.match(m["name"]):
            signer = m["name"]
            chunks[-1] = (last_line, [last_text[: m.start()]])
            # The signature stays part of the record: it is shown in the panel.
    blocks: list[Block] = []
    unnumbered = 0
    for k, (number, chunk) in enumerate(chunks):
        nxt = chunks[k + 1][1] if k + 1 < len(chunks) else []
        text = join_wrapped(chunk)
        if (
            len(chunk) <= 2
            and nxt
            and _UNDERLINE.match(nxt[0]) is None
            and len(chunk) == 2
            and _UNDERLINE.match(chunk[1])
        ):
            blocks.append(Block("heading", chunk[0].strip(), number))
            continue
        if chunk and all(_UNDERLINE.match(line) for line in chunk):
            continue  # a box or underline drawn with dashes: layout, not text
        para = _PARAGRAPH.match(text)
        previous = blocks[-1] if blocks else None
        # A page break between two blocks is evidence enough when the first is cut
        # off mid-sentence; without one the second must also start in lower case.
        after_break = previous is not None and any(previous.line < n < number for n in page_breaks)
        if (
            para is None
            and previous is not None
            and previous.kind in ("paragraph", "subparagraph")
            and ends_open(previous.text)
            and (continues(text) or after_break)
        ):
            joined = f"{previous.text} {text}"
            blocks[-1] = Block(previous.kind, joined, previous.line, previous.anchor, previous.number, previous.marking)
            emendations.append(
                Emendation(
                    number,
                    "rejoin",
                    f"{previous.text[-40:]} ¶ {text[:40]}",
                    f"{previous.text[-40:]} {text[:40]}",
                    "paragraph split by a page break or blank line rejoined",
                )
            )
            continue
        if para:
            blocks.append(
                Block("paragraph", para["text"].strip(), number, f"p{para['number']}", para["number"], para["marking"])
            )
        elif _is_heading(chunk, text):
            blocks.append(Block("heading", text, number))
        elif _SUBPARAGRAPH.match(text) and previous is not None:
            blocks.append(Block("subparagraph", text, number))
        else:
            unnumbered += 1
            blocks.append(Block("paragraph", text, number, f"t{unnumbered}"))
    blocks, renumbered = _renumber(blocks)
    emendations += renumbered
    if not any(b.number for b in blocks):
        warn(start + 1 if start < len(lines) else None, "no numbered paragraphs found")
    return blocks, emendations, signer


def _chunks(lines: list[str], start: int) -> list[tuple[int, list[str]]]:
    """Blank-line separated groups of lines, with the line number of each group."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.strip():
            if not current:
                first = number
            # A numbered paragraph starts a new chunk even without a blank line.
            if current and _PARAGRAPH.match(line.strip()) and not _UNDERLINE.match(current[-1]):
                chunks.append((first, current))
                current, first = [], number
            current.append(line)
        elif current:
            chunks.append((first, current))
            current = []
    if current:
        chunks.append((first, current))
    return chunks


def _is_heading(chunk: list[str], text: str) -> bool:
    return len(chunk) == 1 and len(text) <= 80 and ends_open(text) is not False and text[-1:] not in ".,;"


def _renumber(blocks: list[Block]) -> tuple[list[Block], list[Emendation]]:
    """Correct paragraph numbers that break the sequence when the evidence is clear:
    the printed number is the expected one with a stray leading digit (14 for 4), and
    the correction leaves the whole sequence 1, 2, 3 ... unbroken."""
    numbered = [i for i, b in enumerate(blocks) if b.number]
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
