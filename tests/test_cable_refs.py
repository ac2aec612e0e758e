"""The REF grammar, the TAGS field and REF footnotes keyed by letter.

Every REF and TAGS line here is invented for the test; the corpus test at the end
reads the shared Cablegate corpus and is skipped without it.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from conftest import ROOT
from edition.readers.cable import CableReader
from edition.readers.cable_fields import read_header
from edition.readers.cable_refs import LastLabel, last_label, parse_references
from edition.readers.cable_tags import CODE_SHAPE, parse_tags
from edition.render_body import Footnotes
from edition.sources import read_source

CORPUS = Path(os.environ.get("EDITION_CORPUS", ROOT.parent / "shared" / "corpus" / "cablegate-2010"))


def refs(text: str, year: int | None = 2009) -> list[tuple[str, str | None]]:
    return [(r.label, r.cable_id) for r in parse_references(text, year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Label forms.
        ("A. LIMA 12 B. LIMA 14", [("A", "09LIMA12"), ("B", "09LIMA14")]),
        ("(A)STATE 4411, (B)STATE 4412", [("A", "09STATE4411"), ("B", "09STATE4412")]),
        ("A)STATE 4411 B)QUITO 90", [("A", "09STATE4411"), ("B", "09QUITO90")]),
        ("A Montreal 365", [("A", "09MONTREAL365")]),
        ("A PRESIDENT'S NOTE TO THE KING B STATE 808", [("A", None), ("B", "09STATE808")]),
        ("[A] SOFIA 70 [B] SOFIA 71", [("A", "09SOFIA70"), ("B", "09SOFIA71")]),
        ("A - RIGA 5 B - RIGA 6", [("A", "09RIGA5"), ("B", "09RIGA6")]),
        ("(1) OSLO 21 (2) OSLO 22", [("1", "09OSLO21"), ("2", "09OSLO22")]),
        ("c. D) DAKAR 3 d. D) DAKAR 4", []),  # no A: no lettered items, not two cables of item D
        (
            "a. A) DAKAR 1 b. B) DAKAR 2 c. C) DAKAR 3 d. D) DAKAR 4",
            [(x, f"09DAKAR{n}") for n, x in enumerate("ABCD", 1)],
        ),
        ("A) KIEV 1 B) GREEN-WHITE EMAIL 3/4/09 B) KIEV 2", [("A", "09KIEV1"), ("B", None), ("B", "09KIEV2")]),
        ("A. A. ACCRA 10 B. B. ACCRA 11", [("A", "09ACCRA10"), ("B", "09ACCRA11")]),
        # The word REF inside an item.
        ("A. REF A STATE 122214", [("A", "09STATE122214")]),
        ("REF (A) LIMA 7 (B) LIMA 8", [("A", "09LIMA7"), ("B", "09LIMA8")]),
        # Several cables in one item, or in one unlettered REF.
        ("TEHRAN 1091: TEHRAN 263: MOSCOW 1603", [("", "09TEHRAN1091"), ("", "09TEHRAN263"), ("", "09MOSCOW1603")]),
        ("STATE 1234; STATE 5678", [("", "09STATE1234"), ("", "09STATE5678")]),
        ("A. MOSCOW 936/935 B. KIEV 4", [("A", "09MOSCOW936"), ("A", "09MOSCOW935"), ("B", "09KIEV4")]),
        ("A. LIMA 3 AND LIMA 9 B. 08 LIMA 77", [("A", "09LIMA3"), ("A", "09LIMA9"), ("B", "08LIMA77")]),
        # Years written other ways.
        ("ASUNCION 701 (08)", [("", "08ASUNCION701")]),
        ("QUITO 4525-91", [("", "91QUITO4525")]),
        ("'08 LIMA 44", [("", "08LIMA44")]),
        ("(99) ROME 1200", [("", "99ROME1200")]),
        ("09CAIRO0561", [("", "09CAIRO561")]),
        ("2005PANAMA2342", [("", "05PANAMA2342")]),
        ("10-OTTAWA-57", [("", "10OTTAWA57")]),
        ("KIEV 12 (08) LIMA 5", [("", "09KIEV12"), ("", "08LIMA5")]),  # the bracketed year is LIMA's
        ("MINSK 0321 2007", [("", "07MINSK321")]),
        # Stations with spaces or punctuation.
        ("THE HAGUE 1011", [("", "09THEHAGUE1011")]),
        ("PORT-OF-SPAIN 33", [("", "09PORTOFSPAIN33")]),
        ("N'DJAMENA 140", [("", "09NDJAMENA140")]),
        ("ST. PETERSBURG 8", [("", "09STPETERSBURG8")]),
        ("A. SAN SALVADOR 5 B. TEL AVIV 6", [("A", "09SANSALVADOR5"), ("B", "09TELAVIV6")]),
        # The Department's own aliases: there is no SECSTATE id.
        ("SECSTATE 74879", [("", "09STATE74879")]),
        ("08 SECSTATE 74879", [("", "08STATE74879")]),
        # Documents that are not cables get no id.
        ("UNSCR 1737", [("", None)]),
        ("A. PARIS POINTS APRIL 10 B. PARIS 77", [("A", None), ("B", "09PARIS77")]),
        ("A. DOE-ROE EMAIL OF MAY 4 B. MEETING WITH THE MINISTER JUNE 2", [("A", None), ("B", None)]),
        ("7 FAM 180", [("", None)]),
        ("IIR 6 123 4567 09", [("", None)]),
        ("09 XXXXXXXXXX 167", [("", None)]),  # a redacted station
        ("STATE 1234", [("", "09STATE1234")]),
    ],
)
def test_reference_grammar(text: str, expected: list[tuple[str, str | None]]) -> None:
    if not expected and text.startswith("c."):
        assert all(label == "" for label, _ in refs(text))
        return
    assert refs(text) == expected


def test_reference_kinds_and_texts() -> None:
    found = parse_references("A. LIMA 3 AND LIMA 9 (NOTAL) B. UNSCR 1737", 2009)
    assert [(r.label, r.text, r.kind) for r in found] == [
        ("A", "LIMA 3", "cable"),
        ("A", "LIMA 9 (NOTAL)", "cable"),
        ("B", "UNSCR 1737", "document"),
    ]
    assert [r.cable_id for r in parse_references("LIMA 3", None)] == [None]  # year unknown: no id
    assert parse_references("LIMA 3", None)[0].kind == "cable"


def test_viewer_line_labels_give_way_to_the_cables_own() -> None:
    # Each line lettered by the viewer (`¶B.`) while the cable letters its items itself.
    text = "A. (A) EMBASSY DAILY REPORT FOR MAY 4, ¶B. 2009 ¶C. (B) LIMA 55"
    assert [(r.label, r.text) for r in parse_references(text, 2009)] == [
        ("A", "EMBASSY DAILY REPORT FOR MAY 4, 2009"),
        ("B", "LIMA 55"),
    ]
    text = "A. A. LIMA 1 B. LIMA 2 ¶B. C. LIMA 3"
    assert refs(text) == [("A", "09LIMA1"), ("B", "09LIMA2"), ("C", "09LIMA3")]
    assert refs("A. LIMA 1 ¶B. LIMA 2") == [("A", "09LIMA1"), ("B", "09LIMA2")]


@pytest.mark.parametrize(
    "lines",
    [
        ["A. LIMA 1", "B. LIMA 2", "(C) LIMA 3"],
        ["A. (A) EMBASSY DAILY REPORT FOR MAY 4,", "¶B. 2009", "¶C. (B) LIMA 55"],
        ["A. LIMA 1 ¶B. LIMA 2"],
        ["A", "LIMA 1", "B LIMA 2"],  # a bare `A`, a label once the cable after it is read
        ["A MEETING ON MAY 4", "B LIMA 2"],  # ... or once a bare `B` cites a cable
        ["A.", "A) LIMA 1", "B. LIMA 2 AND"],  # a label doubled across lines
        ["(1) LIMA 1", "(2) LIMA 2", "(2) LIMA 3", "(4) LIMA 4"],
        ["LIMA 1 AND PREVIOUS", "LIMA 2"],
    ],
)
def test_last_label_read_line_by_line_is_the_label_of_all_the_lines(lines: list[str]) -> None:
    labels = LastLabel()
    for k, line in enumerate(lines, start=1):
        labels.add(line)
        assert labels.last == last_label(" ".join(lines[:k])), lines[:k]


def test_a_long_ref_is_read_in_linear_time() -> None:
    # 3,000 items: read again from the start at every line, as the header did once,
    # this took minutes.
    lines = ["E.O. 12958: N/A", "TAGS: PREL", "SUBJECT: AN INVENTED CABLE", "REF: A. LIMA 1"]
    lines += [f"(B) LIMA {n}" for n in range(2, 3002)] + ["", "1. (U) Text."]
    started = time.perf_counter()
    header = read_header(lines, lambda line, message: None)
    assert time.perf_counter() - started < 5
    assert header.ref_labels.last == "B"
    assert header.body_start == len(lines) - 1


HEADER = """\
C O N F I D E N T I A L LIMA 000123

SIPDIS

E.O. 12958: DECL: 03/03/2019
{fields}

Classified By: Ambassador J. Doe for reasons 1.4 (b) and (d).

1. (C) Summary: text of the first paragraph. End summary.
"""


def header(fields: str) -> tuple[object, list[str]]:
    warnings: list[str] = []
    reading = read_header(HEADER.format(fields=fields).split("\n"), lambda line, message: warnings.append(message))
    return reading, warnings


def ref_ids(fields: str) -> list[tuple[str, str | None]]:
    reading, _ = header(fields)
    return refs(reading.ref_text)  # type: ignore[attr-defined]


def test_ref_glued_to_the_subject() -> None:
    reading, _ = header("TAGS: PREL PGOV\nSUBJECT: WHO WILL BE THE NEXT PRIMEREF: A. LIMA 19 B. LIMA 20")
    assert reading.subject == "WHO WILL BE THE NEXT PRIME"  # type: ignore[attr-defined]
    assert refs(reading.ref_text) == [("A", "09LIMA19"), ("B", "09LIMA20")]  # type: ignore[attr-defined]


def test_ref_on_the_subjects_second_line_and_refs_field() -> None:
    reading, _ = header("TAGS: PREL\nSUBJECT: TALKS ON THE BORDER\nRESUME IN MAY Ref(s): STATE 4411")
    assert reading.subject == "TALKS ON THE BORDER RESUME IN MAY"  # type: ignore[attr-defined]
    assert refs(reading.ref_text) == [("", "09STATE4411")]  # type: ignore[attr-defined]
    assert ref_ids("TAGS: PREL\nSUBJECT: TALKS\nRef(s): A. STATE 1 B. STATE 2") == [
        ("A", "09STATE1"),
        ("B", "09STATE2"),
    ]


def test_ref_items_across_a_page_break_and_a_marking_like_label() -> None:
    # The repaired text of a page break is a blank line; an item cut by it goes on.
    fields = "TAGS: PREL\nSUBJECT: TALKS\nREF: A. LIMA 1 B. LIMA 2 AND\n\nLIMA 3\n(C) QUITO 4"
    assert ref_ids(fields) == [("A", "09LIMA1"), ("B", "09LIMA2"), ("B", "09LIMA3"), ("C", "09QUITO4")]
    fields = "TAGS: PREL\nSUBJECT: TALKS\nREF: A. LIMA 1\n\n(B) LIMA 2"
    assert ref_ids(fields) == [("A", "09LIMA1"), ("B", "09LIMA2")]
    # A marked paragraph after the REF is the body, not an item.
    reading, _ = header("TAGS: PREL\nSUBJECT: TALKS\nREF: A. LIMA 1\n\n(C) The talks went on.")
    assert refs(reading.ref_text) == [("A", "09LIMA1")]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["TAGS:", "TAGS", "AGS:", "TAS:", "TABS:", "TGS:", "TAGES:", "TGS"])
def test_misprinted_tags_field_names(name: str) -> None:
    reading, _ = header(f"{name} PREL PGOV XY\nSUBJECT: TALKS")
    assert reading.tags == ["PREL", "PGOV", "XY"]  # type: ignore[attr-defined]


def test_a_sentence_starting_like_a_misprinted_name_is_no_field() -> None:
    reading, _ = header("TAGS: PREL\nSUBJECT: TALKS\nTGS military success against the rebels")
    assert reading.tags == ["PREL"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("PREL PGOV XY UNCLASSIFIED PAGE 02 LIMA 00123 01 OF 02 031200Z", ["PREL", "PGOV", "XY"]),
        ("PREL, PGOV  PAGE 03", ["PREL", "PGOV"]),
        ("PREL XY 14:32", ["PREL", "XY"]),
        ("PREL SIPDIS XY", ["PREL", "XY"]),
        ("PGOV PREL XY COUNTERTERRORISM GOB INTERNAL", ["PGOV", "PREL", "XY"]),
        ("PREL XY BORDER SECURITY", ["PREL", "XY"]),
        ("OVIP (DOE, JANE) PREL", ["OVIP (DOE, JANE)", "PREL"]),
        ("OVIP SMITHSON JONATHAN PREL XY", ["OVIP (SMITHSON, JONATHAN)", "PREL", "XY"]),
        ("prel, pgov", ["PREL", "PGOV"]),
        ("EUN PREL", ["EUN", "PREL"]),
    ],
)
def test_tags_keep_only_codes(line: str, codes: list[str]) -> None:
    tags = parse_tags(line)
    assert tags.codes == codes
    assert all(CODE_SHAPE.fullmatch(code) for code in tags.codes)


def test_handling_word_in_tags_is_handling() -> None:
    reading, warnings = header("TAGS: PREL SIPDIS PGOV\nSUBJECT: TALKS")
    assert reading.tags == ["PREL", "PGOV"]  # type: ignore[attr-defined]
    assert "SIPDIS" in reading.handling  # type: ignore[attr-defined]


def test_footnote_markers_show_the_ref_letters() -> None:
    notes = Footnotes([("ref-a", "first"), ("ref-g", "seventh"), ("ref", "single")])
    assert '<a class="footnote-ref" href="#fn:ref-g">G</a>' in notes.marker("ref-g")
    assert '<a class="footnote-ref" href="#fn:ref">Ref</a>' in notes.marker("ref")
    html = notes.html()
    assert '<li id="fn:ref-g">' in html  # Python-Markdown's footnote markup, for Material's tooltips
    assert "Jump back to footnote G in the text" in html


@pytest.mark.corpus
def test_corpus_tags_and_reference_ids() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"Cablegate corpus not found at {CORPUS}; set EDITION_CORPUS to run the corpus tests")
    reader = CableReader()
    bad_tags, bad_ids = [], []
    for path in sorted(CORPUS.glob("*.txt")):
        source, _ = read_source(path)
        for cable in reader.read(source, lambda line, message: None):
            bad_tags += [(path.name, tag) for tag in cable.tags if not CODE_SHAPE.fullmatch(tag)]
            bad_ids += [
                (path.name, r.cable_id)
                for r in cable.references
                if r.cable_id and re.search("REF|SECSTATE", r.cable_id)
            ]
    assert bad_tags == []
    assert bad_ids == []
