"""Benchmark corpora: the first N real cables in name order, then generated cables
when N exceeds the real ones, plus the seed documents.

A generated cable takes its header from one real cable, its subject from another
and its paragraphs from many (as many as the numbered paragraphs of a real cable drawn
at random), under a new station number. Its REF line names
earlier generated cables, so the edition cross-links them ("Referenced by"). Each
cable draws from its own random generator, seeded with the corpus seed and its
position: the same N gives the same files, and a larger N adds cables without
changing the earlier ones.
"""

from __future__ import annotations

import random
import shutil
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from edition.readers.cable import CableReader
from edition.readers.cable_header import canonical_cable_id
from edition.readers.cable_refs import cable_ids
from edition.sources import read_source

from .donors import Donor, Pools, harvest

SEED = 2010
_MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
_BANNERS = {"SECRET": "S E C R E T", "CONFIDENTIAL": "C O N F I D E N T I A L", "UNCLASSIFIED": "UNCLAS"}
_ROUTING_CLASS = {"SECRET": "ZNY SSSSS ZZH", "CONFIDENTIAL": "ZNY CCCCC ZZH", "UNCLASSIFIED": "ZNR UUUUU ZZH"}
_YEARS = (2006, 2007, 2008, 2008, 2009, 2009, 2009, 2010)
_RECENT = 40  # REF lines cite one of the last _RECENT generated cables


@dataclass(frozen=True)
class Generated:
    """A generated cable: its canonical id, its year and the text of its file."""

    cable_id: str
    year: int
    station: str
    number: int
    text: str
    references: tuple[str, ...]  # ids of the generated cables its REF line names

    @property
    def name(self) -> str:
        return f"{self.cable_id}.txt"


@dataclass(frozen=True)
class CorpusInfo:
    folder: Path
    real: int  # real cables copied
    generated: int  # cables generated
    text_bytes: int  # bytes of all source texts (sidecars excluded)


def _ref_item(target: Generated, year: int) -> str:
    return (
        f"{target.station} {target.number}"
        if target.year == year
        else f"{target.year} {target.station} {target.number}"
    )


def _ref_line(targets: list[Generated], year: int) -> str:
    """`REF: BAKU 568`, or lettered items `REF: A. BAKU 568 B. 2008 STATE 61831`."""
    items = [_ref_item(t, year) for t in targets]
    if len(items) == 1:
        return f"REF: {items[0]}"
    return "REF: " + " ".join(f"{chr(ord('A') + i)}. {item}" for i, item in enumerate(items))


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, width=68, break_long_words=False, break_on_hyphens=False) or [text]


def generate_cable(index: int, pools: Pools, taken: set[str], earlier: list[Generated], seed: int = SEED) -> Generated:
    """The generated cable at position `index` (0-based); `taken` holds the ids in use
    (the new id is added to it), `earlier` the cables generated before this one."""
    rng = random.Random(f"{seed}/{index}")
    donor: Donor = rng.choice(pools.donors)
    subject = rng.choice(pools.donors).subject
    year = rng.choice(_YEARS)
    while True:
        number = rng.randint(10000, 140000) if donor.station == "STATE" else rng.randint(100, 9999)
        cable_id = canonical_cable_id(year, donor.station, number)
        if cable_id and cable_id not in taken:
            break
    taken.add(cable_id)

    day = date(year, rng.randint(1, 12), rng.randint(1, 28))
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    precedence = rng.choice("PPPROZ")
    level, _, caveat = donor.classification.partition("//")
    level = level if level in _BANNERS else "CONFIDENTIAL"

    candidates = earlier[-_RECENT:]
    wanted = min(rng.choice((0, 1, 1, 2, 3)), len(candidates))
    targets = [t for t in rng.sample(candidates, wanted) if cable_ids(_ref_item(t, year), year)[:1] == [t.cable_id]]

    lines = [
        f"VZCZCXRO{rng.randint(0, 9999):04d}",
        f"{precedence}{precedence} RUEHWEB",
        f"DE {donor.routing} #{number % 10000:04d}/01 {day.timetuple().tm_yday:03d}{hour:02d}{minute:02d}",
        _ROUTING_CLASS[level],
        f"{precedence} {day.day:02d}{hour:02d}{minute:02d}Z {_MONTHS[day.month - 1]} {year % 100:02d}",
        f"FM {donor.origin}",
        f"TO {donor.to[0]}",
        *donor.to[1:],
    ]
    if donor.info:
        lines += [f"INFO {donor.info[0]}", *donor.info[1:]]
    lines += ["", f"{_BANNERS[level]} {donor.station} {number:06d}", "", "SIPDIS", ""]
    if caveat:
        lines += [caveat, ""]
    lines += [
        f"E.O. 12958: DECL: {day.month:02d}/{day.day:02d}/{year + 10}",
        f"TAGS: {', '.join(donor.tags) or 'PREL'}",
        f"SUBJECT: {subject}",
        "",
    ]
    if targets:
        lines += [_ref_line(targets, year), ""]
    if level != "UNCLASSIFIED":
        by = donor.classified_by or "Ambassador"
        lines += [f"Classified By: {by}, reasons {donor.reasons or '1.4 (b) and (d)'}.", ""]
    for number_in_text, paragraph in enumerate(
        rng.sample(pools.paragraphs, min(rng.choice(pools.lengths), len(pools.paragraphs))), start=1
    ):
        marking = f"({paragraph.marking}) " if paragraph.marking else ""
        lines += [*_wrap(f"¶{number_in_text}. {marking}{paragraph.text}"), ""]
    lines.append(donor.signer or "")
    text = "\n".join(lines).rstrip() + "\n"
    return Generated(cable_id, year, donor.station, number, text, tuple(t.cable_id for t in targets))


def generate(count: int, pools: Pools, taken: set[str], seed: int = SEED) -> list[Generated]:
    """`count` generated cables, REF lines pointing back at earlier ones."""
    cables: list[Generated] = []
    for index in range(count):
        cables.append(generate_cable(index, pools, taken, cables, seed))
    return cables


def _cable_ids(paths: list[Path]) -> set[str]:
    """Ids of the cables among `paths` (the seeds), so generated ids avoid them."""
    reader = CableReader()
    ids: set[str] = set()
    for path in paths:
        source, _ = read_source(path)
        if reader.detect(source):
            ids.update(c.id for c in reader.read(source, lambda line, message: None))
    return ids


def make_corpus(
    folder: Path, size: int, real_dir: Path, seeds_dir: Path, real_limit: int | None = None, seed: int = SEED
) -> CorpusInfo:
    """Write a corpus of `size` cables into the empty or missing `folder`: the first
    real cables in name order (at most `real_limit`), generated ones for the rest,
    and every file of `seeds_dir`. Raises ValueError when `folder` is not empty or
    cables must be generated from no real ones."""
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"corpus folder {folder} is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    every_real = sorted(real_dir.glob("*.txt"))
    real = every_real[: min(size, len(every_real) if real_limit is None else real_limit)]
    for path in real:
        shutil.copyfile(path, folder / path.name)
    seeds = sorted(p for p in seeds_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    for path in seeds:
        shutil.copyfile(path, folder / path.name)
    count = size - len(real)
    if count > 0:
        if not real:
            raise ValueError("cables can only be generated from at least one real cable")
        taken = {p.stem for p in every_real} | _cable_ids([p for p in seeds if p.suffix == ".txt"])
        for cable in generate(count, harvest(real), taken, seed):
            (folder / cable.name).write_text(cable.text, encoding="utf-8")
    text_bytes = sum(p.stat().st_size for p in folder.iterdir() if p.suffix not in {".yml", ".yaml"})
    return CorpusInfo(folder, len(real), max(count, 0), text_bytes)
