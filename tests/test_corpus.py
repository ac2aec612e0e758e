"""The cable reader over the real Cablegate corpus (1,283 cables), in-process.

Skipped when the corpus is absent: it lives beside the repository, at
`../shared/corpus/cablegate-2010/`, or where $EDITION_CORPUS points. Run with `-s` to
see the coverage table. The corpus's file names are the cables' canonical ids: the
test uses them to check the ids the reader builds (the reader never sees them).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT
from edition import annotate, render
from edition.coverage import word_coverage
from edition.model import Cable
from edition.readers.cable import CableReader
from edition.readers.cable_layout import END_MARKER
from edition.readers.cable_markings import markings
from edition.readers.cable_tags import CODE_SHAPE
from edition.sources import read_source

pytestmark = pytest.mark.corpus

CORPUS = Path(os.environ.get("EDITION_CORPUS", ROOT.parent / "shared" / "corpus" / "cablegate-2010"))
PARTIAL_NOTICE = "This record is a partial extract of the original cable."
_REF_LINE = re.compile(r"^\s*(?:REFS?|Ref|REFTEL)\b\s*:?", re.M)
_SUBJECT_LINE = re.compile(r"^\s*SUBJ(?:ECT)?\s*:", re.M | re.I)
_INSERTED = re.compile(r"(?P<before>[\w'’]*)\W*\bSIPDIS\b")


@dataclass
class Read:
    name: str
    text: str
    cable: Cable
    warnings: list[str] = field(default_factory=list)

    @property
    def partial_extract(self) -> bool:
        return self.text.lstrip().startswith(PARTIAL_NOTICE)

    @property
    def cut_off(self) -> bool:
        """The publisher cut the text short: it ends in `...`."""
        return self.text.rstrip().endswith(("...", "…"))


@pytest.fixture(scope="module")
def corpus() -> list[Read]:
    if not CORPUS.is_dir():
        pytest.skip(f"Cablegate corpus not found at {CORPUS}; set EDITION_CORPUS to run the corpus tests")
    reader = CableReader()
    reads = []
    for path in sorted(CORPUS.glob("*.txt")):
        source, _ = read_source(path)
        assert reader.detect(source), f"{path.name} not recognised as a cable"
        warnings: list[str] = []
        [cable] = reader.read(source, lambda line, message, w=warnings: w.append(f"{line}: {message}"))
        reads.append(Read(path.name, source.text, cable, warnings))
    return reads


def share(reads: list[Read], test) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return sum(1 for r in reads if test(r)), len(reads)


def coverage_table(reads: list[Read]) -> dict[str, tuple[int, int]]:
    with_ref = [r for r in reads if _REF_LINE.search(r.text[:6000])]
    with_subject = [r for r in reads if _SUBJECT_LINE.search(r.text[:6000])]
    whole = [r for r in reads if not r.cut_off]
    return {
        "date": share(reads, lambda r: r.cable.date),
        "classification": share(reads, lambda r: r.cable.classification),
        "subject": share(reads, lambda r: r.cable.subject),
        "subject (SUBJECT line printed)": share(with_subject, lambda r: r.cable.subject),
        "TAGS": share(reads, lambda r: r.cable.tags),
        "references (REF line printed)": share(with_ref, lambda r: r.cable.references),
        "numbered paragraphs": share(reads, lambda r: any(b.number for b in r.cable.blocks)),
        "numbered paragraphs (text not cut off)": share(whole, lambda r: any(b.number for b in r.cable.blocks)),
        "signer": share(reads, lambda r: r.cable.signer),
        "signer (text not cut off)": share(whole, lambda r: r.cable.signer),
        "cable id = file name": share(reads, lambda r: r.cable.cable_id == r.name.removesuffix(".txt")),
    }


def print_table(title: str, table: dict[str, tuple[int, int]]) -> None:
    print(f"\n{title}")
    for name, (found, total) in table.items():
        print(f"  {name:42} {found:5} / {total:5}  {found / total if total else 1:7.1%}")


def test_every_cable_gives_a_page(corpus: list[Read]) -> None:
    assert len(corpus) >= 1000
    for read in corpus:
        assert read.cable.title, read.name
        assert read.cable.blocks or read.cable.printed_header, read.name
    warnings = sum(len(r.warnings) for r in corpus)
    print(f"\n{warnings} warnings for {sum(1 for r in corpus if r.warnings)} cables")


def test_coverage_of_complete_cables(corpus: list[Read]) -> None:
    complete = [r for r in corpus if not r.partial_extract]
    table = coverage_table(complete)
    print_table(f"{len(complete)} complete cables", table)

    def ratio(name: str) -> float:
        found, total = table[name]
        return found / total

    assert ratio("date") == 1.0
    assert ratio("classification") == 1.0
    assert ratio("subject (SUBJECT line printed)") == 1.0
    assert ratio("subject") >= 0.99  # ten cables print no SUBJECT line at all
    assert ratio("TAGS") >= 0.99
    assert ratio("references (REF line printed)") >= 0.98
    assert ratio("numbered paragraphs") >= 0.98
    assert ratio("cable id = file name") >= 0.99
    # About 3% of the cables print no signature at all (the text stops after the last
    # paragraph, or the publisher cut it off); the share below is of all cables.
    assert ratio("signer") >= 0.969
    assert ratio("signer (text not cut off)") >= 0.975


def record_table(reads: list[Read]) -> dict[str, tuple[int, int]]:
    """The facts of the metadata panel, complete or not, record by record."""
    return {
        "cable id": share(reads, lambda r: r.cable.cable_id),
        "date": share(reads, lambda r: r.cable.date),
        "origin": share(reads, lambda r: r.cable.origin),
        "classification": share(reads, lambda r: r.cable.classification),
        "subject": share(reads, lambda r: r.cable.subject),
        "TAGS": share(reads, lambda r: r.cable.tags),
        "signer": share(reads, lambda r: r.cable.signer),
        "classifier": share(reads, lambda r: r.cable.classified_by),
        "classifier (classified records)": share(
            [r for r in reads if not (r.cable.classification or "").startswith("UNCLASSIFIED")],
            lambda r: r.cable.classified_by,
        ),
    }


def test_record_coverage_of_complete_and_partial_records(corpus: list[Read]) -> None:
    complete = [r for r in corpus if not r.partial_extract]
    partial = [r for r in corpus if r.partial_extract]
    print_table(f"{len(complete)} complete records", record_table(complete))
    print_table(f"{len(partial)} partial records", record_table(partial))
    contradicted = [r.name for r in corpus if r.cable.warnings]
    print(f"\n{len(contradicted)} records whose header and text disagree: {', '.join(contradicted)}")
    assert partial and complete


def test_partial_extracts_have_an_id_or_say_why_not(corpus: list[Read]) -> None:
    partial = [r for r in corpus if r.partial_extract]
    for read in partial:
        cable = read.cable
        assert cable.partial, read.name
        assert cable.cable_id or any("without cable id" in w for w in read.warnings), read.name
        if cable.date_time_group is None and cable.date:
            # No date printed: the id's year, marked approximate, with its evidence.
            assert cable.date_precision == "year" and cable.date_approximate, read.name
            assert any(n.startswith("Date approximate") for n in cable.notes), read.name
        if cable.origin_derived:
            assert any(n.startswith("Origin derived") for n in cable.notes), read.name
    assert all(not r.cable.partial for r in corpus if not r.partial_extract and r.cable.date_time_group)


def test_no_date_outside_the_year_of_its_id(corpus: list[Read]) -> None:
    outside = [
        (r.name, r.cable.cable_id, r.cable.date)
        for r in corpus
        if r.cable.cable_id and r.cable.date and r.cable.date[2:4] != r.cable.cable_id[:2]
    ]
    assert outside == []


def test_no_tags_value_outside_the_code_shape(corpus: list[Read]) -> None:
    outside = [(r.name, tag) for r in corpus for tag in r.cable.tags if not CODE_SHAPE.fullmatch(tag)]
    assert outside == []


def test_no_handling_word_left_in_the_text_where_the_system_printed_it(corpus: list[Read]) -> None:
    """`SIPDIS` inside a sentence is the cable system's: removed, unless the text names it."""
    named = markings().named_after
    left = [
        (r.name, b.line, m.group(0))
        for r in corpus
        for b in r.cable.blocks
        for m in _INSERTED.finditer(b.text)
        if m["before"].upper() not in named
    ]
    assert left == []


def test_no_marking_end_marker_or_handling_line_as_a_heading(corpus: list[Read]) -> None:
    headings = [(r.name, b.text) for r in corpus for b in r.cable.blocks if b.kind == "heading"]
    wrong = [
        (name, text)
        for name, text in headings
        if markings().line.match(text)
        or END_MARKER.match(text)
        or re.search(r"-{3,}$|^(?:SECRET|CONFIDENTIAL)//", text)
    ]
    assert wrong == []


def test_every_word_of_every_cable_is_on_its_page(corpus: list[Read]) -> None:
    """Rendered in-process (no MkDocs): each page's Markdown holds every word of its
    source, in the text, the panel (header as printed) or the emendation log."""
    context = annotate.Context(pages={r.cable.id: r.cable.page for r in corpus})
    short = {}
    for read in corpus:
        coverage = word_coverage(read.text, [render.render_document(read.cable, context)])
        if coverage.ratio < 1.0:
            short[read.name] = dict(list(coverage.missing.items())[:5])
    assert short == {}
