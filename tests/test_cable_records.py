"""Damaged and partial cable records: ids, dates and origins inferred only as far as
the evidence goes; signers and classifiers past the debris around them; body text
kept whole past handling words, banners and underlines; contradictions between a
record's header and its body shown and reported. All texts are invented."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from edition.editorial import NONE
from edition.model import Cable
from edition.readers import cable_record as record
from edition.readers.cable import CableReader
from edition.sources import Source

Warnings = list[tuple[int | None, str]]


def read_cable(text: str, name: str = "test.txt") -> tuple[Cable, Warnings]:
    warnings: Warnings = []
    source = Source(Path(name), textwrap.dedent(text).lstrip("\n"), "utf-8", NONE)
    [cable] = CableReader().read(source, lambda line, message: warnings.append((line, message)))
    return cable, warnings


PARTIAL = """
    This record is a partial extract of the original cable. The full text of the original cable is not available.

    S E C R E T SECTION 01 OF 03 PORT LOUIS 004321

    SIPDIS

    E.O. 12958: DECL: 03/02/2031
    TAGS: PREL PGOV MP
    SUBJECT: AN INVENTED PARTIAL RECORD

    Classified By: Ambassador Jane Q. Example for reasons 1.4 (b) and (d).

    1. (C) The minister spoke of the harbour.

    EXAMPLE
    """


# --- partial records ---------------------------------------------------------------


def test_partial_record_takes_its_id_year_from_an_agreeing_file_name() -> None:
    cable, warnings = read_cable(PARTIAL, name="07PORTLOUIS4321.txt")
    assert cable.cable_id == "07PORTLOUIS4321" and cable.id == "07PORTLOUIS4321"
    # The date is the id's year and no other: the DECL date (2031) would give 2021.
    assert (cable.date, cable.date_precision, cable.date_approximate) == ("2007", "year", True)
    assert any(n.startswith("Cable id 07PORTLOUIS4321") and "07PORTLOUIS4321.txt" in n for n in cable.notes)
    assert any(n.startswith("Date approximate: 2007") for n in cable.notes)
    assert (cable.origin, cable.origin_derived) == ("PORT LOUIS", True)
    assert any(n.startswith("Origin derived: PORT LOUIS") for n in cable.notes)
    assert not [m for _, m in warnings if "cable id" in m]


def test_declassification_date_is_named_as_evidence_only_when_it_agrees() -> None:
    cable, _ = read_cable(PARTIAL.replace("03/02/2031", "03/02/2017"), name="07PORTLOUIS4321.txt")
    assert cable.date == "2007"
    assert any("declassification date DECL: 03/02/2017" in n and "agrees" in n for n in cable.notes)
    cable, _ = read_cable(PARTIAL, name="07PORTLOUIS4321.txt")
    assert not any("DECL: 03/02/2031" in n for n in cable.notes)


@pytest.mark.parametrize("name", ["07PORTLOUIS4322.txt", "07LOMEPORT4321.txt", "notes.txt", "PORTLOUIS4321.txt"])
def test_partial_record_without_agreeing_file_name_has_no_id_and_a_warning(name: str) -> None:
    cable, warnings = read_cable(PARTIAL, name=name)
    assert cable.cable_id is None and cable.cable_number == "PORTLOUIS 4321"
    assert cable.date is None  # the DECL date (2031) dates nothing
    assert [line for line, m in warnings if m.startswith("partial record without cable id")] == [3]
    assert any(f"the file name {name!r} does not name the cable" in m for _, m in warnings)
    # The origin needs no year: it is the station of the classification line.
    assert cable.origin == "PORT LOUIS" and cable.origin_derived


def test_partial_record_whose_classification_line_names_no_cable_warns() -> None:
    text = PARTIAL.replace("S E C R E T SECTION 01 OF 03 PORT LOUIS 004321", "S E C R E T")
    cable, warnings = read_cable(text, name="07PORTLOUIS4321.txt")
    assert cable.cable_id is None and cable.origin is None and not cable.origin_derived
    assert any(m.startswith("partial record without cable id: no classification line names") for _, m in warnings)


def test_partial_record_with_a_printed_date_keeps_it() -> None:
    text = PARTIAL.replace("    S E C R E T SECTION", "    121530Z Mar 07\n\n    S E C R E T SECTION", 1)
    cable, warnings = read_cable(text, name="unrelated.txt")
    assert cable.cable_id == "07PORTLOUIS4321"
    assert (cable.date, cable.date_approximate) == ("2007-03-12T15:30Z", False)
    assert not [m for _, m in warnings if "cable id" in m]


@pytest.mark.parametrize(
    ("stem", "station", "number", "year"),
    [
        ("04ANYTOWN7211", "ANYTOWN", 7211, 2004),
        ("99ANYTOWN007211", "ANYTOWN", 7211, 1999),
        ("04anytown7211", "ANYTOWN", 7211, 2004),
        ("04ANYTOWN7212", "ANYTOWN", 7211, None),
        ("04OTHERTOWN7211", "ANYTOWN", 7211, None),
        ("cable-04ANYTOWN7211", "ANYTOWN", 7211, None),
    ],
)
def test_file_name_year(stem: str, station: str, number: int, year: int | None) -> None:
    assert record.file_name_year(stem, station, number) == year


@pytest.mark.parametrize(
    ("line", "station", "printed"),
    [
        ("C O N F I D E N T I A L SECTION 01 OF 02 SAN JOSE 000123", "SANJOSE", "SAN JOSE"),
        ("S E C R E T NEWTOWN 000042", "NEWTOWN", "NEWTOWN"),
        ("c o n f i d e n t i a l section 01 of 04 newtown 000042", "NEWTOWN", "NEWTOWN"),
        ("UNCLAS SECTION 01 OF 02 ST JOHNS WOOD 000042", "STJOHNSWOOD", "ST JOHNS WOOD"),
        ("S E C R E T NOWHERE 000042", "NEWTOWN", None),
    ],
)
def test_printed_station(line: str, station: str, printed: str | None) -> None:
    assert record.printed_station(line, station) == printed


# --- signers and classifiers -----------------------------------------------------------

COMPLETE = """
    R 010101Z JAN 09
    FM AMEMBASSY ANYTOWN
    TO RUEHC/SECSTATE WASHDC 0001

    C O N F I D E N T I A L ANYTOWN 000123

    E.O. 12958: DECL: 01/01/2019
    TAGS: PREL
    SUBJECT: AN INVENTED CABLE

    Classified By: Ambassador Jane Q. Example, reasons 1.4 (b) and (d).

    1. (C) The minister spoke of the harbour and the
    new quay.

    {closing}
    """


@pytest.mark.parametrize(
    ("closing", "signer"),
    [
        ("EXAMPLE\nSIPDIS", "EXAMPLE"),
        ("EXAMPLE\nNOFORN SIPDIS", "EXAMPLE"),
        ("EXAMPLE\nDeclassified/Released US Department of State\nEO Systematic Review 01 JAN 2010", "EXAMPLE"),
        ("EXAMPLE\nDeclassified/Released US Department of State EO\nSystematic Review 01 JAN 2010", "EXAMPLE"),
        ("EXAMPLE\nNOTE BY TELEGRAPH OFFICE: NOT PASSED TO OTHER POSTS.", "EXAMPLE"),
        ("EXAMPLE\nNNNN\n2009ANYTOW00123 - CONFIDENTIAL", "EXAMPLE"),
        ("EXAMPLE\n CONFIDENTIAL\n>", "EXAMPLE"),
        ("EXAMPLE\nC O N F I D E N T I A L", "EXAMPLE"),
        ("EXAMPLE##", "EXAMPLE"),
        ("LIMITED OFFICIAL USE", None),
        ("EXAMPLE\nLIMITED OFFICIAL USE", "EXAMPLE"),
        ("REGARDS", None),
        ("SENSITIVE BUT UNCLASSIFIED", None),
    ],
)
def test_signer_past_closing_lines(closing: str, signer: str | None) -> None:
    cable, _ = read_cable(COMPLETE.replace("{closing}", closing.replace("\n", "\n    ")))
    assert cable.signer == signer


@pytest.mark.parametrize(
    ("text", "classifier", "reasons"),
    [
        ("AMBASSADOR J. DOE FOR REASONS 1.5 (B) AND (D).", "AMBASSADOR J. DOE", "1.5 (b) and (d)"),
        ("CDA J. Doe; E.O. 12958, reasons 1.4 (b) and (d).", "CDA J. Doe", "1.4 (b) and (d)"),
        ("Counselor J. Doe for reaso ns 1.4 b and d.", "Counselor J. Doe", "1.4 (b) and (d)"),
        ("Counselor J. Doe, r eason 1.4, b and d", "Counselor J. Doe", "1.4 (b) and (d)"),
        ("AMBASSADOR J. DOE, FOR REASON", "AMBASSADOR J. DOE", None),
        ("DCM J. Doe for reasons b, d", "DCM J. Doe", "(b) and (d)"),
        ("DCM J. Doe; Reasons ( b) and (d)", "DCM J. Doe", "(b) and (d)"),
        ("Counselor J. Doe, reason 1.4, a/b/c/d", "Counselor J. Doe", "1.4 (a), (b), (c) and (d)"),
        ("Ambassador J. Doe for Reasons 1:4 b,d", "Ambassador J. Doe", "1.4 (b) and (d)"),
        ("CDA J. Doe for reasons: 1/4 (B), (D), (E), and (G)", "CDA J. Doe", "1.4 (b), (d), (e) and (g)"),
        ("CDA J. Doe for reasons 1.4", "CDA J. Doe", "1.4"),
        ("Counselor J. Doe; reasons 1.5 (B) a nd (D).", "Counselor J. Doe", "1.5 (b) and (d)"),
        ("Ambassador J. Doe for reasons 1.4 (B),(C) and(D).", "Ambassador J. Doe", "1.4 (b), (c) and (d)"),
        ("Ambassador J. Doe for reasons 1.4 (b)and(d)", "Ambassador J. Doe", "1.4 (b) and (d)"),
        ("Alice Band, reasons 1.4 (a) and (b)", "Alice Band", "1.4 (a) and (b)"),
    ],
)
def test_classified_by_past_damaged_reasons(text: str, classifier: str, reasons: str | None) -> None:
    from edition.readers import cable_header as hdr

    assert hdr.split_classified_by(text) == (classifier, reasons)


def test_classified_by_in_the_first_paragraph_of_an_older_cable() -> None:
    text = COMPLETE.replace("    Classified By: Ambassador Jane Q. Example, reasons 1.4 (b) and (d).\n\n", "")
    text = text.replace(
        "1. (C) The minister",
        "1. (U) CLASSIFIED BY AMBASSADOR J. DOE. REASONS 1.5 (B) AND (D).\n\n    2. (C) The minister",
    )
    cable, _ = read_cable(text.replace("{closing}", "DOE"))
    assert (cable.classified_by, cable.reasons) == ("AMBASSADOR J. DOE", "1.5 (b) and (d)")
    assert cable.blocks[0].text.startswith("CLASSIFIED BY")  # the paragraph stays in the text
    assert any("read from paragraph 1" in n for n in cable.notes)


# --- header and body that disagree -------------------------------------------------------

JOINED = COMPLETE.replace(
    "    C O N F I D E N T I A L ANYTOWN 000123\n",
    "    C O N F I D E N T I A L ANYTOWN 000123\n\n    XS E C R E T SECTION 01 OF 02 OTHERTOWN 000045\n",
).replace("new quay.", "new quay.\n\n    OTHERTOWN 00000045 002 OF 002\n\n    2. (C) More text.")


def test_another_cables_banner_in_the_record_is_a_contradiction() -> None:
    cable, warnings = read_cable(JOINED.replace("{closing}", "EXAMPLE"))
    assert cable.cable_id == "09ANYTOWN123"
    assert len(cable.warnings) == 1 and "names OTHERTOWN 45" in cable.warnings[0]
    assert [line for line, m in warnings if m.startswith("header and body disagree")] == [7]


@pytest.mark.parametrize(
    "line",
    [
        "ANYTOWN 00000123 002 OF 002",
        "CONFIDENTIAL     PTQ1859",
        "C O N F I D E N T I A L SECTION 02 OF 02 ANYTOWN 000123",
    ],
)
def test_own_markers_are_no_contradiction(line: str) -> None:
    text = COMPLETE.replace("new quay.", f"new quay.\n\n    {line}\n\n    2. (C) More text.")
    cable, _ = read_cable(text.replace("{closing}", "EXAMPLE"))
    assert cable.warnings == ()


def test_page_shows_the_contradiction_and_the_build_reports_it(tmp_path: Path) -> None:
    from edition.build import build

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "joined.txt").write_text(textwrap.dedent(JOINED.replace("{closing}", "EXAMPLE")).lstrip("\n"))
    result = build(sources, tmp_path / "out")
    assert not result.failed
    [problem] = [p for p in result.problems if "header and body disagree" in str(p)]
    assert str(problem).startswith(f"{sources / 'joined.txt'}:7: warning: header and body disagree")
    page = (tmp_path / "out" / "documents" / "09ANYTOWN123.md").read_text(encoding="utf-8")
    box = page[page.index('<div class="admonition warning') : page.index("</div>")]
    assert "This record contradicts itself" in box and "OTHERTOWN 45" in box
    assert page.index("admonition warning") < page.index("edition-panel")
