"""Cables: the header decoders on their own, the seed cable read into the model and
built into the site, and malformed cables that still give a page with warnings."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from edition.build import build
from edition.editorial import NONE
from edition.model import Cable, Reference
from edition.readers import cable_header as hdr
from edition.readers import cable_refs
from edition.readers.cable import CableReader
from edition.sources import Source, read_source

SEED = ROOT / "seeds" / "000_38d8196d0b9cec23.txt"
BAD = Path(__file__).parent / "bad"


def read_cable(text: str, name: str = "test.txt") -> tuple[Cable, list[tuple[int | None, str]]]:
    """Read a cable from a string; returns it with the warnings given."""
    warnings: list[tuple[int | None, str]] = []
    source = Source(Path(name), textwrap.dedent(text).lstrip("\n"), "utf-8", NONE)
    [cable] = CableReader().read(source, lambda line, message: warnings.append((line, message)))
    return cable, warnings


@pytest.fixture(scope="module")
def seed() -> Cable:
    source, _ = read_source(SEED)
    [cable] = CableReader().read(source, lambda line, message: pytest.fail(f"warning {line}: {message}"))
    return cable


# --- header decoders ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "precedence", "iso"),
    [
        ("P 161324Z MAY 07", "Priority", "2007-05-16T13:24Z"),
        ("O 111022Z FEB 10", "Immediate", "2010-02-11T10:22Z"),
        ("Z 010000Z JAN 09", "Flash", "2009-01-01T00:00Z"),
        ("R 071702Z JUN 06", "Routine", "2006-06-07T17:02Z"),
        ("O R 141437Z NOV 07", "Immediate", "2007-11-14T14:37Z"),
        ("O 071830Z SEP 07 ZDK", "Immediate", "2007-09-07T18:30Z"),
        ("O 091547Z OCT 09 (CCY ADC1AECC MSI3311-632)", "Immediate", "2009-10-09T15:47Z"),
        ("R 020930Z MAR 75", "Routine", "1975-03-02T09:30Z"),
        ("291359Z Nov 00", None, "2000-11-29T13:59Z"),
        ("Wednesday, 29 November 2000, 13:59", None, "2000-11-29T13:59Z"),
    ],
)
def test_date_time_group(line: str, precedence: str | None, iso: str) -> None:
    dtg = hdr.parse_date_time_group(line)
    assert dtg is not None
    assert (dtg.precedence, dtg.iso) == (precedence, iso)


@pytest.mark.parametrize(
    "line", ["P 321324Z MAY 07", "P 161324Z MAI 07", "P 161324Z MAY 07 and more text", "PP RUEHDBU"]
)
def test_not_a_date_time_group(line: str) -> None:
    assert hdr.parse_date_time_group(line) is None


@pytest.mark.parametrize(
    ("line", "classification", "station", "number", "section", "garbled"),
    [
        ("C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000595", "CONFIDENTIAL", "BAKU", 595, (1, 2), False),
        ("C O N F I D E N T I A L BAKU 000097", "CONFIDENTIAL", "BAKU", 97, None, False),
        ("UNCLAS ASUNCION 000589", "UNCLASSIFIED", "ASUNCION", 589, None, False),
        ("UNCLASSIFIED   STATE   00100153", "UNCLASSIFIED", "STATE", 100153, None, False),
        ("S E C R E T SECTION 01 OF 05 ABU DHABI 000744", "SECRET", "ABUDHABI", 744, (1, 5), False),
        ("SECRET STATE 015220", "SECRET", "STATE", 15220, None, False),
        ("C o n f i d e n t i a l section 01 of 04 ankara 000348", "CONFIDENTIAL", "ANKARA", 348, (1, 4), False),
        ("C ONFIDENTIAL PARIS 001234", "CONFIDENTIAL", "PARIS", 1234, None, False),
        ("SS E C R E T SECTION 01 OF 02 PARIS 001699", "SECRET", "PARIS", 1699, (1, 2), True),
        ("E C R E T SANAA 000473", "SECRET", "SANAA", 473, None, True),
        ("UUNCLAS MANAGUA 001002", "UNCLASSIFIED", "MANAGUA", 1002, None, True),
        ("CONFIDENTIAL", "CONFIDENTIAL", None, None, None, False),
    ],
)
def test_banner(
    line: str, classification: str, station: str | None, number: int | None, section: tuple | None, garbled: bool
) -> None:
    banner = hdr.parse_banner(line)
    assert banner is not None
    assert (banner.classification, banner.station, banner.number, banner.section, banner.garbled) == (
        classification,
        station,
        number,
        section,
        garbled,
    )


def test_banner_caveats() -> None:
    assert hdr.parse_banner("UNCLAS SENSITIVE SECTION 01 OF 03 BRASILIA 001460").caveats == ("SENSITIVE",)
    assert hdr.parse_banner("S E C R E T NOFORN STATE 016843").caveats == ("NOFORN",)


@pytest.mark.parametrize("line", ["Classified By: Ambassador", "Secretary Rice met the Minister on May 4", "SIPDIS"])
def test_not_a_banner(line: str) -> None:
    assert hdr.parse_banner(line) is None or line.startswith("Classified")


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("BAKU 568", 2007, "07BAKU568"),
        ("STATE 61831", 2007, "07STATE61831"),
        ("2008 BAKU 917", 2010, "08BAKU917"),
        ("09 KABUL 4066", 2010, "09KABUL4066"),
        ("BRASILIA 000440", 2008, "08BRASILIA440"),
        ("SAO PAULO 000991", 2008, "08SAOPAULO991"),
        ("State 77660", 2008, "08STATE77660"),
        ("TSOU-NEA EMAILS/TELCONS", 2008, None),
        ("KUJAWINSKI-FRANCE DESK 3/11 E-MAIL", 2005, None),
        ("BAKU 568", None, None),
    ],
)
def test_reference_cable_id(text: str, year: int | None, expected: str | None) -> None:
    ids = cable_refs.cable_ids(text, year)
    assert (ids[0] if ids else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A. BAKU 568 B. STATE 61831 C. STATE 63345",
            [("A", "07BAKU568"), ("B", "07STATE61831"), ("C", "07STATE63345")],
        ),
        (
            "A. A) BAKU 91 ¶B. B) BAKU 30 ¶C. C) 2009 BAKU 972 ¶D. AND PREVIOUS",
            # The viewer letters each printed line (¶D.); the cable's own letters
            # (A) B) C)) name the items, so the unlettered last line continues C.
            [("A", "07BAKU91"), ("B", "07BAKU30"), ("C", "09BAKU972")],
        ),
        ("A) STATE 1234 B) PARIS 55", [("A", "07STATE1234"), ("B", "07PARIS55")]),
        ("A: STATE 1234; B: PARIS 55", [("A", "07STATE1234"), ("B", "07PARIS55")]),
        ("a. 07 state 75839 b. State 15220", [("A", "07STATE75839"), ("B", "07STATE15220")]),
        ("(A) PARIS 3668 (B) PARIS 3700", [("A", "07PARIS3668"), ("B", "07PARIS3700")]),
        ("STATE 32641", [("", "07STATE32641")]),
        ("A. J. SMITH EMAIL OF MAY 3", [("A", None)]),
    ],
)
def test_references(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(r.label, r.cable_id) for r in cable_refs.parse_references(text, 2007)] == expected


@pytest.mark.parametrize(
    ("text", "classifier", "reasons"),
    [
        ("Classified By: Ambassador Anne E. Derse per 1.4 (b,d).", "Ambassador Anne E. Derse", "1.4 (b) and (d)"),
        (
            "Rob Garverick, Political/Economic Counselor, Reasons 1.4 (b) and (d)",
            "Rob Garverick, Political/Economic Counselor",
            "1.4 (b) and (d)",
        ),
        ("Charge d'Affaires Richard LeBaron, reasons 1.4 b, d", "Charge d'Affaires Richard LeBaron", "1.4 (b) and (d)"),
        (
            "(U) Classified by Ambassador Eric Edelman; reasons: E.O. 12958 1.4 (a,b,c,d).",
            "Ambassador Eric Edelman",
            "1.4 (a), (b), (c) and (d)",
        ),
        (
            "POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT, FOR REAS ONS 1.4 B/D",
            "POLITICAL MINISTER-COUNSELOR JOSIAH ROSENBLATT",
            "1.4 (b) and (d)",
        ),
        (
            "Political Minister Counselor Aubrey Carlson. Reasons 1. 4 (b) and (d).",
            "Political Minister Counselor Aubrey Carlson",
            "1.4 (b) and (d)",
        ),
        ("Ambassador Eric Edelman; reasons: 1.5 (b,d).", "Ambassador Eric Edelman", "1.5 (b) and (d)"),
        ("Derived from Multiple Sources", "Derived from Multiple Sources", None),
    ],
)
def test_classified_by(text: str, classifier: str, reasons: str | None) -> None:
    assert hdr.split_classified_by(text) == (classifier, reasons)


def test_tags() -> None:
    assert hdr.parse_tags("PHUM PREL ECON BO RU AJ") == (["PHUM", "PREL", "ECON", "BO", "RU", "AJ"], True)
    assert hdr.parse_tags("PREL, PGOV, PTER, LY, UK") == (["PREL", "PGOV", "PTER", "LY", "UK"], True)
    assert hdr.parse_tags("parm, prel, ettc") == (["PARM", "PREL", "ETTC"], True)
    assert hdr.parse_tags("OVIP (CLINTON, HILLARY) PREL") == (["OVIP (CLINTON, HILLARY)", "PREL"], True)
    assert hdr.parse_tags("PREL, ?? [[ garbled 12 PGOV") == (["PREL", "PGOV"], False)


def test_station_of_origin() -> None:
    assert hdr.station_of_origin("AMEMBASSY LA PAZ") == "LAPAZ"
    assert hdr.station_of_origin("SECSTATE WASHDC") == "STATE"
    assert hdr.station_of_origin("AMCONSUL SHENYANG") == "SHENYANG"


# --- the seed cable ------------------------------------------------------------


def test_seed_header(seed: Cable) -> None:
    assert seed.cable_id == "07BAKU595" == seed.id
    assert seed.date == "2007-05-16T13:24Z"
    assert (seed.precedence, seed.classification) == ("Priority", "CONFIDENTIAL")
    assert seed.origin == "AMEMBASSY BAKU"
    assert [(a.routing, a.name) for a in seed.to] == [("RUEHC", "SECSTATE WASHDC PRIORITY 3017")]
    assert [a.routing for a in seed.info] == ["RUCNCIS", "RUEHAK", "RUEHVEN", "RUCNDT", "RUEHGV"]
    assert seed.routing == ("VZCZCXRO7044", "PP RUEHDBU", "DE RUEHKB #0595/01 1361324", "ZNY CCCCC ZZH")
    assert seed.tags == ("PHUM", "PREL", "ECON", "BO", "RU", "AJ")
    assert seed.subject == "DEMARCHE DELIVERED: CAUTIONING AZERBAIJAN AGAINST CLOSER RELATIONS WITH BELARUS"
    assert seed.references == (
        Reference("A", "BAKU 568", "07BAKU568"),
        Reference("B", "STATE 61831", "07STATE61831"),
        Reference("C", "STATE 63345", "07STATE63345"),
    )
    assert (seed.classified_by, seed.reasons) == ("Ambassador Anne E. Derse", "1.4 (b) and (d)")
    assert seed.declassification == "DECL: 05/16/2017"
    assert seed.handling == ("SIPDIS", "SIPDIS", "DEPT FOR EUR/CARC")
    assert seed.signer == "DERSE"
    assert not seed.partial


def test_seed_body(seed: Cable) -> None:
    paragraphs = [b for b in seed.blocks if b.number]
    assert [b.number for b in paragraphs] == ["1", "2", "3", "4", "5"]
    assert [b.anchor for b in paragraphs] == ["p1", "p2", "p3", "p4", "p5"]
    assert {b.marking for b in paragraphs} == {"C"}
    assert len(seed.blocks) == 5  # the split paragraphs 3 and 5 are whole again
    assert "two to three years" in paragraphs[2].text
    assert "engagement with Lukashenko for years" in paragraphs[4].text
    assert all("BAKU 00000595" not in b.text and "](#)" not in b.text for b in seed.blocks)
    assert not paragraphs[4].text.endswith("DERSE")


def test_seed_emendations_show_the_original(seed: Cable) -> None:
    kinds = [(e.kind, e.original, e.corrected) for e in seed.emendations]
    assert ("page-break", "BAKU 00000595 002 OF 002", "") in kinds
    assert ("renumber", "14.", "4.") in kinds and ("renumber", "15.", "5.") in kinds
    assert ("link-debris", "[B](#)", "B") in kinds and ("link-debris", "[PHUM](#)", "PHUM") in kinds
    assert sum(1 for e in seed.emendations if e.kind == "rejoin") == 2


def test_seed_page(site: Path) -> None:
    html = (site / "documents" / "07BAKU595" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    assert soup.select_one("h1").get_text(strip=True).startswith("DEMARCHE DELIVERED")
    panel = " ".join(article.select_one(".edition-panel").get_text(" ").split())
    for shown in (
        "16 May 2007, 13:24 UTC",
        "AMEMBASSY BAKU",
        "CONFIDENTIAL",
        "PHUM PREL ECON BO RU AJ",
        "Ambassador Anne E. Derse, reasons 1.4 (b) and (d)",
        "DERSE",
        "C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000595",
        "E.O. 12958: DECL: 05/16/2017",
        "Classified By: Ambassador Anne E. Derse per 1.4 (b,d).",
    ):
        assert shown in panel, shown
    for n in range(1, 6):
        assert article.select_one(f"#p{n}") is not None
    # Footnote markers where the text uses the references: ref a, ref b, ref b and c.
    p1, p2 = article.select_one("#p1"), article.select_one("#p2")
    assert [a["href"] for a in p1.select("sup a")] == ["#fn:ref-a", "#fn:ref-b"]
    assert [a["href"] for a in p2.select("sup a")] == ["#fn:ref-b", "#fn:ref-c"]
    assert "cable 07STATE61831" in article.select_one(".footnote").get_text(" ")
    assert "BAKU 00000595 002 OF 002" not in " ".join(p.get_text(" ") for p in article.select(".edition-para"))
    assert "](#)" not in " ".join(p.get_text(" ") for p in article.select(".edition-para"))
    assert article.select_one("#emendations") is not None
    assert article.select_one('a[href="../../sources/000_38d8196d0b9cec23.txt"]') is not None


def test_seed_catalogue_entry(site: Path) -> None:
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    entry = next(d for d in catalogue["documents"] if d["id"] == "07BAKU595")
    assert entry["cable_id"] == "07BAKU595"
    assert (entry["origin"], entry["precedence"], entry["classification"]) == (
        "AMEMBASSY BAKU",
        "Priority",
        "CONFIDENTIAL",
    )
    assert entry["tags"] == ["PHUM", "PREL", "ECON", "BO", "RU", "AJ"]
    assert entry["references"][1] == {"label": "B", "text": "STATE 61831", "cable_id": "07STATE61831"}
    assert (entry["signer"], entry["paragraphs"], entry["partial"]) == ("DERSE", 5, False)
    assert entry["emendations"] == 16
    assert (entry["classified_by"], entry["reasons"]) == ("Ambassador Anne E. Derse", "1.4 (b) and (d)")


# --- inline cases: layouts and artefacts ------------------------------------------


_SMALL_CABLE = """\
P 010101Z JAN 09
FM AMEMBASSY BAKU
TO RUEHC/SECSTATE WASHDC PRIORITY 1

C O N F I D E N T I A L BAKU 000001

E.O. 12958: DECL: 01/01/2019
TAGS: PREL AJ
SUBJECT: {subject}

REF: A. BAKU 2 B. STATE 3

Classified By: Ambassador Anne E. Derse, reasons 1.4 (b,d).

{body}
"""


def small_cable_page(tmp_path: Path, subject: str, body: str) -> str:
    """The Markdown page built from a cable with references A and B and `body`."""
    sources = tmp_path / "sources"
    sources.mkdir()
    text = _SMALL_CABLE.format(subject=subject, body=textwrap.dedent(body).strip())
    (sources / "c.txt").write_text(text, encoding="utf-8")
    build(sources, tmp_path / "out")
    return (tmp_path / "out" / "documents" / "09BAKU1.md").read_text(encoding="utf-8")


def test_reference_uses_get_footnotes(tmp_path: Path) -> None:
    page = small_cable_page(
        tmp_path,
        "USES OF REFERENCES",
        """\
        1. (C) As ref (a) says, and per refs a and b, see reftel.
        DERSE
        """,
    )
    markers = re.findall(
        r'(\w+ \(?\w\)?)<sup id="([^"]+)"><a class="footnote-ref" href="#fn:([^"]+)">(\w+)</a></sup>', page
    )
    assert markers == [  # markers show the REF letters
        ("ref (a)", "fnref:ref-a", "ref-a", "A"),
        ("refs a", "fnref2:ref-a", "ref-a", "A"),  # the second use of note A
        ("and b", "fnref:ref-b", "ref-b", "B"),
    ]
    # Each note links back to every place that cites it.
    assert re.findall(r'class="footnote-backref" href="#([^"]+)"', page) == [
        "fnref:ref-a",
        "fnref2:ref-a",
        "fnref:ref-b",
    ]


def test_headings_carry_no_footnotes_and_keep_their_own_ids(tmp_path: Path) -> None:
    """A heading that names a reference gets no marker (so no orphan note shifts the
    numbers), and a heading that reads like a paragraph anchor does not take its id."""
    page = small_cable_page(
        tmp_path,
        "HEADINGS",
        """\
        1. (C) Opening words.

        -----------------
        Background to ref A
        -----------------

        2. (C) As ref b says.

        --------------
        P1
        --------------

        3. (C) Closing words. DERSE
        """,
    )
    assert "## Background to ref A { #background-to-ref-a }" in page
    assert re.findall(r'<li id="(fn:[^"]+)">', page) == ["fn:ref-b"]  # no note for ref A
    assert '<a class="footnote-ref" href="#fn:ref-b">B</a>' in page
    assert "## P1 { #p1_1 }" in page  # p1 is the first paragraph's anchor
    assert page.count('id="p1"') == 1


def test_signature_at_the_end_of_the_last_paragraph() -> None:
    cable, _ = read_cable(
        """
        O 010101Z JAN 10
        FM SECSTATE WASHDC
        TO AMEMBASSY BAKU IMMEDIATE

        UNCLAS STATE 000007

        E.O. 12958: N/A
        TAGS: PREL
        SUBJECT: SIGNED AT THE END

        1. (U) Posts should report any reaction, and the Department
        will be grateful for views on how it should be considered. CLINTON
        """
    )
    assert cable.signer == "CLINTON"
    assert cable.cable_id == "10STATE7"
    assert cable.blocks[-1].text.endswith("considered.")


def test_grid_header_and_fields_without_colons() -> None:
    cable, warnings = read_cable(
        """
        INFO  LOG-00   CIAE-00  INL-00   DODE-00
              EAP-00   DHSE-00  EUR-00    /000W
                          ------------------EE9C66  240653Z /38
        P 240645Z OCT 08
        FM AMEMBASSY LONDON
        TO SECSTATE WASHDC PRIORITY 0179
        INFO AMEMBASSY TRIPOLI PRIORITY

        C O N F I D E N T I A L LONDON 002673

        NOFORN

        EO 12958 DECL: 10/23/2018
        TAGS PREL, PGOV, PTER, LY, UK
        SUBJECT: PAN AM 103 BOMBER HAS INCURABLE CANCER; LIBYANS
        SEEK HIS RELEASE

        REF: A. TSOU-NEA EMAILS/TELCONS  B. TSOU-L EMAILS/TELCONS

        Classified By: Charge d'Affaires Richard LeBaron, reasons 1.4 b, d

        1. (C/NF) Summary. Text of the summary. End summary.

        2. (C/NF) More text.

        LEBARON
        """
    )
    assert warnings == []
    assert cable.cable_id == "08LONDON2673"
    assert cable.classification == "CONFIDENTIAL//NOFORN"
    assert [a.name for a in cable.info] == ["AMEMBASSY TRIPOLI PRIORITY"]
    assert cable.routing[0].startswith("INFO  LOG-00") or cable.routing[0].startswith("INFO LOG-00")
    assert cable.tags == ("PREL", "PGOV", "PTER", "LY", "UK")
    assert cable.declassification == "DECL: 10/23/2018"
    assert [r.label for r in cable.references] == ["A", "B"]
    assert cable.references[0].cable_id is None
    assert cable.sections == (("summary", "p1", "p1"),)
    assert cable.blocks[0].marking == "C/NF"


def test_partial_record_without_id_is_undated() -> None:
    cable, _ = read_cable(
        """
        This record is a partial extract of the original cable. The full text of the original cable is not available.

        C O N F I D E N T I A L SECTION 01 OF 02 MADRID 000569

        SIPDIS

        E.O. 12958: DECL: 02/11/2015
        TAGS: PREL PGOV
        SUBJECT: A PARTIAL RECORD

        1. (C) Text.
        """
    )
    # No id (the file name does not name the cable), so no year: the DECL date does not date it.
    assert cable.partial and not cable.date_approximate
    assert (cable.date, cable.date_precision) == (None, "unknown")
    assert cable.cable_id is None and cable.cable_number == "MADRID 569"
    assert "Date unknown: the record states no date." in cable.notes
    assert cable.printed_header[0].startswith("This record is a partial extract")


def test_inline_page_marker_and_underlined_heading() -> None:
    cable, _ = read_cable(
        """
        P 010101Z JAN 09
        FM AMEMBASSY BAKU
        TO RUEHC/SECSTATE WASHDC PRIORITY 1

        C O N F I D E N T I A L BAKU 001835

        E.O. 12958: DECL: 01/01/2019
        TAGS: PREL AJ
        SUBJECT: MARKERS

        Classified By: Ambassador Anne E. Derse, reasons 1.4 (b,d).

        Heading of a Section
        --------------------

        1. (C) The sentence runs on BAKU 00001835  001.2 OF 003 past the marker.
        DERSE
        """
    )
    assert cable.blocks[0].kind == "heading" and cable.blocks[0].text == "Heading of a Section"
    assert cable.blocks[1].text == "The sentence runs on past the marker."
    assert [e.original for e in cable.emendations if e.kind == "page-break"] == ["BAKU 00001835  001.2 OF 003"]


# --- malformed cables ------------------------------------------------------------


def test_malformed_headers_give_pages_and_warnings(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("cable-no-dtg.txt", "cable-garbled-tags.txt"):
        shutil.copy(BAD / name, sources / name)
    result = build(sources, tmp_path / "out")
    assert not result.failed
    messages = [str(p) for p in result.problems]
    assert messages == [
        f"{sources / 'cable-garbled-tags.txt'}:10: warning: TAGS line not understood in full: 'PREL, ?? [[ garbled 12 ;; PGOV'",
        f"{sources / 'cable-no-dtg.txt'}:5: warning: no date-time group (e.g. 'P 161324Z MAY 07') above this line: page marked partial",
        f"{sources / 'cable-no-dtg.txt'}:8: warning: partial record without cable id: it states no date, "
        "and the file name 'cable-no-dtg.txt' does not name the cable of the classification line (TBILISI 412)",
    ]
    by_source = {d.source: d for d in result.documents}
    no_dtg = by_source["cable-no-dtg.txt"]
    assert isinstance(no_dtg, Cable)
    assert no_dtg.partial and no_dtg.date is None
    assert no_dtg.subject == "GEORGIA: OPPOSITION PLANS APRIL RALLIES"
    assert (no_dtg.classification, no_dtg.signer, no_dtg.cable_number) == ("CONFIDENTIAL", "TEFFT", "TBILISI 412")
    assert (tmp_path / "out" / no_dtg.page).is_file()
    garbled = by_source["cable-garbled-tags.txt"]
    assert isinstance(garbled, Cable)
    assert garbled.tags == ("PREL", "PGOV")
    assert garbled.subject == "GEORGIA: RALLY PERMITS ISSUED"
    assert "?? [[ garbled 12 ;; PGOV" in (tmp_path / "out" / garbled.page).read_text(encoding="utf-8").replace("\\", "")


def test_header_without_classification_line() -> None:
    cable, warnings = read_cable(
        """
        VZCZCXYZ0002
        DE RUEHLP #3262/01 3482321
        ZNY SSSSS ZZH
        O 142321Z DEC 07
        FM AMEMBASSY LA PAZ
        TO RUEHC/SECSTATE WASHDC IMMEDIATE 5974
        SIPDIS
        E.O. 12958: DECL: 12/15/2027
        TAGS: ASEC PREL
        SUBJECT: NO BANNER

        1. (S) Text.
        """
    )
    assert warnings == [
        (7, "no classification line found (e.g. 'C O N F I D E N T I A L BAKU 000595') above this line")
    ]
    assert cable.classification == "SECRET"
    assert cable.cable_id == "07LAPAZ3262"
    assert cable.subject == "NO BANNER"


@pytest.mark.parametrize(
    ("ending", "signer", "kept"),
    [
        ("will be considered. CLINTON", "CLINTON", "will be considered."),
        ("the hearts and minds of the people. End Comment. Eikenberry", "Eikenberry", "End Comment."),
        ("to the government. END COMMENT THORNE", "THORNE", "END COMMENT"),
        ("an autonomous offense. KUBISKE 2009-12-31", "KUBISKE", "2009-12-31"),
        ("Website: http://www.state.sgov.gov/p/eur/london/index. cfm Tuttle", "Tuttle", "index. cfm"),
        ("rings true for South Africa in 2009. LA LIME", "LA LIME", "in 2009."),
    ],
)
def test_signatures_at_the_end_of_the_last_paragraph(ending: str, signer: str, kept: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from edition.build import build

    seed = (ROOT / "seeds" / "000_38d8196d0b9cec23.txt").read_text(encoding="utf-8")
    text = seed.replace("served by close relations with Belarus.\nDERSE", "served by close relations with " + ending)
    (tmp_path / "cable.txt").write_text(text, encoding="utf-8")
    cable = build(tmp_path, tmp_path / "out").documents[0]
    assert cable.signer == signer
    last = [b for b in cable.blocks if b.kind == "paragraph"][-1].text
    assert last.endswith(kept) and signer not in last.split()[-1:]
