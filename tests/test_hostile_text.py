"""Hostile text: sources built to make a reader slow, drop words or publish a date
that does not exist.

Each pathological source is generated here, written to a file and read through the
real reader (`build.read_file`) in a child process with a wall-clock limit: the limit
guards against a hang (minutes or hours before the fix), it is no speed measurement.
The child reports the problems and checks that every word of the source is still in
the documents (text, header as printed, signer or emendation log).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT
from edition.editorial import NONE
from edition.model import Cable
from edition.readers.cable import CableReader
from edition.sources import Source

# Generous: the slowest case reads 100,000 paragraphs in a few seconds; before the
# fixes these sources took minutes.
TIME_LIMIT = 60

_CHILD = """
import json, sys, time
from pathlib import Path
from edition.build import read_file
from edition.coverage import word_coverage
from edition.model import Cable

path = Path(sys.argv[1])
started = time.perf_counter()
read = read_file(path)
seconds = time.perf_counter() - started
texts = []
for d in read.documents:
    texts += [d.title, *(e.original for e in d.emendations)]
    texts += [f"{b.number or ''} {b.marking or ''} {b.text}" for b in d.blocks]
    if isinstance(d, Cable):
        texts += [*d.printed_header, d.signer or "", " ".join(d.tags)]
coverage = word_coverage(path.read_text(encoding="utf-8"), texts)
print(json.dumps({
    "seconds": seconds,
    "problems": [[p.severity, p.line, p.message] for p in read.problems],
    "documents": [
        {"kind": type(d).__name__, "title": d.title, "date": d.date, "blocks": len(d.blocks),
         "signer": getattr(d, "signer", None), "classified_by": getattr(d, "classified_by", None)}
        for d in read.documents
    ],
    "missing": coverage.missing,
}))
"""


def read_with_limit(path: Path) -> dict:
    """Read `path` in a child process; fail if it takes longer than TIME_LIMIT."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path)],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            env=dict(os.environ, PYTHONPATH=str(ROOT / "scripts")),
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: not read within {TIME_LIMIT} s (a hang)")
    assert result.returncode == 0, result.stderr
    report: dict = json.loads(result.stdout)
    errors = [p for p in report["problems"] if p[0] == "error"]
    assert errors == [], errors
    assert report["documents"], report["problems"]
    return report


HEADER = """\
P 161324Z MAY 07
FM AMEMBASSY BAKU
TO SECSTATE WASHDC PRIORITY 3017

C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000595

SIPDIS

E.O. 12958: DECL: 05/16/2017
TAGS: PREL PGOV AJ
"""
SUBJECT = "SUBJECT: TALKS ON THE NEW FRAMEWORK\n\n"
BODY = "1. (C) The minister received the delegation.\n\n2. (C) Talks went on.\n\nDERSE\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- hangs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        # A SUBJECT that lost its label, right after TAGS: long runs of capitals that
        # the TAGS-continuation pattern split every possible way (exponential).
        " ".join(["SCENESETTERFORTHEVISIT"] * 4) + ".",
        "A" * 74 + "a",
    ],
    ids=["words", "run"],
)
def test_capitals_line_after_tags(tmp_path: Path, line: str) -> None:
    report = read_with_limit(write(tmp_path, "tags.txt", HEADER + line + "\n\n" + BODY))
    assert report["missing"] == {}


def test_article_of_100000_paragraphs(tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {i} states fact number {i}. It says no more." for i in range(100_000)]
    # A pull quote within reach of the paragraph it repeats, to keep the rule at work.
    paragraphs[50_001] = "Paragraph 50000 states fact number 50000."
    text = "A Title Line\n\n" + "\n\n".join(paragraphs) + "\n"
    report = read_with_limit(write(tmp_path, "long-article.txt", text))
    [article] = report["documents"]
    assert article["blocks"] == 100_000
    assert report["missing"] == {}


def test_article_of_100000_pieces_of_one_paragraph(tmp_path: Path) -> None:
    # Every piece ends without punctuation and the next starts in lower case: all are
    # rejoined into one paragraph, which must not be copied again at each piece.
    pieces = "\n\n".join(f"and goes on {i}" for i in range(100_000))
    text = "A Title Line\n\nAn opening paragraph of prose, as articles have.\n\nThe text begins\n\n" + pieces + ".\n"
    report = read_with_limit(write(tmp_path, "one-paragraph.txt", text))
    [article] = report["documents"]
    assert article["blocks"] == 2
    assert report["missing"] == {}


def test_cable_paragraph_in_50000_pieces(tmp_path: Path) -> None:
    pieces = "\n\n".join(f"and goes on {i}" for i in range(50_000))
    text = HEADER + SUBJECT + "1. (C) The text begins\n\n" + pieces + ".\n\nDERSE\n"
    report = read_with_limit(write(tmp_path, "pieces.txt", text))
    assert report["missing"] == {}


@pytest.mark.parametrize(
    "line",
    [
        "Classified By: " + "." * 28_000 + " Ambassador Anne Derse, reasons 1.4 (b) and (d).",
        "Classified By: Ambassador Anne Derse" + "." * 28_000 + " 1.4 (b) and (d).",
        "Classified By: Ambassador Anne Derse" + " ." * 14_000 + " per 1.4 (b) and (d).",
    ],
    ids=["before-name", "before-reasons", "spaced"],
)
def test_dotted_leader_in_classified_by(tmp_path: Path, line: str) -> None:
    report = read_with_limit(write(tmp_path, "leader.txt", HEADER + SUBJECT + line + "\n\n" + BODY))
    [cable] = report["documents"]
    assert cable["classified_by"] == "Ambassador Anne Derse"
    assert report["missing"] == {}


@pytest.mark.parametrize(
    "last",
    [
        "A-" * 40_000 + "A",
        "End of text. " + "A-" * 40_000 + "A1",
        "End of text. " + "A-" * 40_000 + "a",
        "See www." + "www." * 20_000 + " " + "* " * 20_000 + "x",
        "End of text." + " " * 80_000 + "END",
        "SOBEL" + " " * 80_000 + "x...",
        "end comment " * 8_000 + "x",
    ],
    ids=["hyphens", "hyphens-after-sentence", "hyphens-lower", "addresses", "spaces", "spaces-cut", "comments"],
)
def test_long_last_line(tmp_path: Path, last: str) -> None:
    report = read_with_limit(write(tmp_path, "signature.txt", HEADER + SUBJECT + BODY.replace("DERSE\n", last + "\n")))
    assert report["missing"] == {}


@pytest.mark.parametrize(
    "text",
    [
        "PAGE 02 A" + " " * 80_000 + "x\n",  # a page header with a long station
        "\n" * 100_000,  # blank lines: a field pattern from each line start
        "REF: A. STATE 1" + "\n" * 100_000 + "B. STATE 2\n",  # looking ahead from each blank line
        "SUBJECT: TALKS\n" + "ON AND ON\n" * 100_000,  # a field carried on by many lines
        "C O N F I D E N T I A L " + "NOFORN" * 15_000 + "BAKU 595\n",  # caveats given back one by one
    ],
    ids=["page-header", "blank-lines", "ref-lookahead", "long-field", "caveats"],
)
def test_long_header_parts(tmp_path: Path, text: str) -> None:
    report = read_with_limit(write(tmp_path, "header.txt", HEADER + text + "\n" + BODY))
    assert report["missing"] == {}


# --- page markers -----------------------------------------------------------------


def read_cable(text: str) -> tuple[Cable, list[tuple[int | None, str]]]:
    warnings: list[tuple[int | None, str]] = []
    source = Source(Path("test.txt"), textwrap.dedent(text).lstrip("\n"), "utf-8", NONE)
    [cable] = CableReader().read(source, lambda line, message: warnings.append((line, message)))
    return cable, warnings


def page_breaks(cable: Cable) -> list[tuple[int, str]]:
    return [(e.line, e.original) for e in cable.emendations if e.kind == "page-break"]


def test_page_marker_inside_a_subject_keeps_its_words() -> None:
    cable, _ = read_cable(
        """
        P 161324Z MAY 07
        FM AMEMBASSY BAKU
        TO SECSTATE WASHDC PRIORITY 3017

        C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000595

        E.O. 12958: DECL: 05/16/2017
        TAGS: PREL PGOV AJ
        SUBJECT: VISIT OF THE DEFENSE MINISTER
        TO WASHINGTON BAKU 00000595 001.2 OF 002

        1. (C) The talks covered THE NEW FRAMEWORK BAKU 00000595 002.2 OF 002 and the budget.
        DERSE
        """
    )
    assert cable.title == "VISIT OF THE DEFENSE MINISTER TO WASHINGTON"
    assert cable.blocks[0].text == "The talks covered THE NEW FRAMEWORK and the budget."
    assert page_breaks(cable) == [(10, "BAKU 00000595 001.2 OF 002"), (12, "BAKU 00000595 002.2 OF 002")]


def test_page_marker_of_a_station_of_several_words() -> None:
    # The marker prints the station cut to ten characters (RIO DE JAN).
    cable, _ = read_cable(
        """
        P 161324Z MAY 07
        FM AMCONSUL RIO DE JANEIRO
        TO SECSTATE WASHDC PRIORITY 3017

        UNCLAS SECTION 01 OF 02 RIO DE JANEIRO 000353

        E.O. 12958: N/A
        TAGS: PREL
        SUBJECT: TALKS

        1. (U) Ships will call at THE PORT OF RIO DE JAN 00000353 002 OF 002 in May.
        RIO DE JAN 00000353 002 OF 002
        2. (U) Nothing more.
        JONES
        """
    )
    assert cable.blocks[0].text == "Ships will call at THE PORT OF in May."
    assert page_breaks(cable) == [(11, "RIO DE JAN 00000353 002 OF 002"), (12, "RIO DE JAN 00000353 002 OF 002")]


def test_page_marker_of_a_station_the_header_does_not_name() -> None:
    # Without a station to compare with, only the word before the number is taken.
    cable, _ = read_cable(
        """
        This record is a partial extract of the original cable.
        SUBJECT: TALKS ON THE NEW FRAMEWORK ANKARA 00000595 001.2 OF 002

        1. (C) The talks went on.
        """
    )
    assert cable.subject == "TALKS ON THE NEW FRAMEWORK"
    assert page_breaks(cable) == [(2, "ANKARA 00000595 001.2 OF 002")]


# --- dates that do not exist -----------------------------------------------------------


CABLE = """\
{dtg}
FM AMEMBASSY BAKU
TO SECSTATE WASHDC PRIORITY 3017

C O N F I D E N T I A L BAKU 000595

E.O. 12958: DECL: {decl}
TAGS: PREL
SUBJECT: TALKS

1. (C) Text.
DERSE
"""


@pytest.mark.parametrize(
    "dtg",
    [
        "P 311200Z FEB 09",
        "P 290000Z FEB 09",
        "O 161360Z MAY 07",
        "R 162400Z MAY 07",
        "P 161324Z MAI 07",
        "Wednesday, 31 April 2000, 13:59",
        "TELEGRAM        June 31, 2003",
    ],
)
def test_impossible_date_time_group_is_an_error_and_gives_no_date(dtg: str) -> None:
    cable, warnings = read_cable(CABLE.format(dtg=dtg, decl="05/16/2019"))
    assert cable.date is None and cable.date_time_group is None
    assert cable.date_precision == "unknown"
    assert not cable.partial  # the header is all there; only its date is wrong
    assert [(line, dtg in message and "not a real date" in message) for line, message in warnings] == [(1, True)]
    assert any("does not exist" in note for note in cable.notes)


def test_leap_day_is_a_date() -> None:
    cable, warnings = read_cable(CABLE.format(dtg="P 290000Z FEB 08", decl="05/16/2018"))
    assert cable.date == "2008-02-29T00:00Z"
    assert warnings == []


def test_impossible_declassification_date_gives_no_year() -> None:
    cable, warnings = read_cable(
        """
        C O N F I D E N T I A L BAKU 000595

        E.O. 12958: DECL: 02/30/2019
        TAGS: PREL
        SUBJECT: TALKS

        1. (C) Text.
        DERSE
        """
    )
    assert cable.date is None
    assert (3, "declassification date 'DECL: 02/30/2019' does not exist: no year inferred from it") in warnings


def test_possible_declassification_date_gives_no_year_either() -> None:
    """The delay before declassification varies (10, 20, 25 years): a DECL date dates nothing."""
    cable, _ = read_cable(
        """
        C O N F I D E N T I A L BAKU 000595

        E.O. 12958: DECL: 02/28/2019
        TAGS: PREL
        SUBJECT: TALKS

        1. (C) Text.
        DERSE
        """
    )
    assert (cable.date, cable.date_approximate) == (None, False)
