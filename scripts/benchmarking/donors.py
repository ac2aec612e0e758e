"""Material for generated cables, harvested from real ones with the cable reader.

A donor keeps what a cable's header says (sender, addressees, classification, TAGS,
subject, signer); paragraphs go into one shared pool, so a generated cable can take
its header from one real cable and its paragraphs from many.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from edition.model import Addressee
from edition.readers.cable import CableReader
from edition.sources import read_source

# Stations that REF lines can name and the reader can read back (up to three words).
_STATION = re.compile(r"[A-Z]{3,}(?: [A-Z]{2,}){0,2}")
_DE_LINE = re.compile(r"^DE (RU[A-Z]{3,5}) ")


@dataclass(frozen=True)
class Donor:
    """The header of one real cable, as the reader understood it."""

    origin: str  # AMEMBASSY BAKU
    station: str  # BAKU, as printed in the cable number
    routing: str  # RUEHKB, the sender's routing indicator
    to: tuple[str, ...]  # RUEHC/SECSTATE WASHDC PRIORITY 3017
    info: tuple[str, ...]
    classification: str  # CONFIDENTIAL, SECRET//NOFORN, UNCLASSIFIED//SENSITIVE ...
    tags: tuple[str, ...]
    subject: str
    classified_by: str | None
    reasons: str | None
    signer: str | None


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of a real cable: its marking and its text."""

    marking: str | None
    text: str


@dataclass(frozen=True)
class Pools:
    donors: tuple[Donor, ...]
    paragraphs: tuple[Paragraph, ...]
    lengths: tuple[int, ...]  # numbered paragraphs of each real cable: how long generated ones are


def _addressee(addressee: Addressee) -> str:
    return f"{addressee.routing}/{addressee.name}" if addressee.routing else addressee.name


def harvest(paths: Iterable[Path]) -> Pools:
    """Donors and paragraphs of the cables at `paths`, in the order given.

    Cables the reader cannot date, number or title are skipped as donors, but their
    paragraphs are still used. Raises ValueError when nothing usable was found.
    """
    reader = CableReader()
    donors: list[Donor] = []
    paragraphs: list[Paragraph] = []
    lengths: list[int] = []
    for path in paths:
        source, _ = read_source(path)
        [cable] = reader.read(source, lambda line, message: None)
        numbered = [
            Paragraph(b.marking, " ".join(b.text.split()))
            for b in cable.blocks
            if b.kind == "paragraph" and b.number and len(b.text) > 40
        ]
        paragraphs += numbered
        if numbered:
            lengths.append(len(numbered))
        station = cable.cable_number.rsplit(" ", 1)[0] if cable.cable_number else ""
        routing = next((m[1] for line in cable.routing if (m := _DE_LINE.match(line))), "RUEHC")
        if cable.partial or not cable.origin or not cable.subject or not _STATION.fullmatch(station):
            continue
        donors.append(
            Donor(
                origin=cable.origin,
                station=station,
                routing=routing,
                to=tuple(_addressee(a) for a in cable.to) or ("RUEHC/SECSTATE WASHDC",),
                info=tuple(_addressee(a) for a in cable.info),
                classification=cable.classification or "UNCLASSIFIED",
                tags=cable.tags,
                subject=cable.subject,
                classified_by=cable.classified_by,
                reasons=cable.reasons,
                signer=cable.signer,
            )
        )
    if not donors or not paragraphs:
        raise ValueError("no usable cable among the real cables given")
    return Pools(tuple(donors), tuple(paragraphs), tuple(lengths))
