"""The signer read from the end of a cable's text: a name printed there, alone or
after the last sentence, with the debris the publisher left around it. Each case is
an invented cable tail; the negative cases end in a capitalised word that is no
signature."""

from __future__ import annotations

import pytest
from conftest import ROOT, text_with_addresses
from edition.build import build
from edition.coverage import word_coverage
from edition.readers.cable_body import BodyReading, read_body


def read(tail: str, subject: str | None = None) -> BodyReading:
    lines = ["1. (C) The delegation met the minister on Tuesday.", "", *tail.split("\n")]
    return read_body(lines, 0, set(), lambda line, message: None, subject)


def text_of(reading: BodyReading) -> str:
    return " ".join(b.text for b in reading.blocks)


@pytest.mark.parametrize(
    ("tail", "signer"),
    [
        # the name again in lower case under it
        ("2. (U) The delegation cleared this message.\nMoravec\nmoravec", "Moravec"),
        # a lower-case name under the end of the closing comment, or under a first name
        ('2. (C) Comment: "We shall see," he said. END COMMENT\nhalvorsen', "halvorsen"),
        ("With thanks for your work,\n\nMarta\nkowalczyk", "kowalczyk"),
        # stamps of the printout or of the copy the publisher worked from
        ("2. (C) The talks resume in May. End comment.\nQUIMBY\n\nEPET @ EL PAIS", "QUIMBY"),
        (
            "2. (C) Talks resume in May.\nQUIMBY\nTrack impresión: reader @ Mon Jan 3 10:00:00 2011.\nID: 123456",
            "QUIMBY",
        ),
        (
            "2. (C) Talks resume in May.\nQUIMBY\nEnd Cable Text\nAnna B Reader 01/02/2008 09:10:11 AM From DB/Inbox: X",
            "QUIMBY",
        ),
        (
            "2. (C) TALKS RESUME IN MAY.\nQUIMBY\nDeclassified/Released US Department of State EO\nSystematic Review 01 JAN 2001",
            "QUIMBY",
        ),
        # the classification marking or a redaction after the signature
        ("2. (S) Talks resume in May.\nQUIMBY\nSECRET", "QUIMBY"),
        ("2. (S) Sources on request. QUIMBY\nNNNN\nEnd Cable Text\n XXXXXXXXXXXX", "QUIMBY"),
        # after the last sentence, with debris between
        ("2. (C) A slow erosion is more likely. .TREMBLAY", "TREMBLAY"),
        ("2. (C) Winning them over will take years. XXXXXXXXXXX OKONKWO", "OKONKWO"),
        ("2. (U) Votes: Yea: 81 Nay: 12 Abstain: 3 OKONKWO", "OKONKWO"),
        ("2. (C) It is a chance to engage on ports. DeMarco", "DeMarco"),
        ('2. (C) We agree with this "approach."\nQUIMBY UNQUOTE QUIMBY', "QUIMBY"),
        ("2. (U) Visit our Classified Website: http://www.example.sgov.gov/p/x ***** ***** ARBUTHNOT", "ARBUTHNOT"),
        ("2. (U) Talks resume in May.\nEnd of Part One VAN DAM", "VAN DAM"),
        ("2. (U) Talks resume in May.\nPELLEGRINO PELLEGRINO", "PELLEGRINO"),
    ],
)
def test_signature_with_debris(tail: str, signer: str) -> None:
    assert read(tail).signer == signer


def test_the_tail_of_the_subject_under_the_signature() -> None:
    subject = "FOREIGN MINISTER TOURS THE NORTHERN PORTS"
    reading = read("2. (C) The ports will reopen in May.\nHallorann\n\nTOURS THE NORTHERN PO...", subject)
    assert reading.signer == "Hallorann"
    assert text_of(reading).endswith("TOURS THE NORTHERN PO...")


@pytest.mark.parametrize(
    "tail",
    [
        "2. (C) The minister will travel on to meetings in BAKU.",
        "2. (C) Ankara wants closer consultations with NATO.",
        # the last word of a sentence in capitals, wrapped onto a line of its own
        "2. PLEASE CABLE CONCURRENCE. POST APPRECIATES THE MINISTRY'S\nASSISTANCE.",
        # a figure and a word in capitals, in a cable printed in capitals
        "2. (C) FOR DETAILS SEE PARA 4 BELOW",
        # a lower-case word under an ordinary sentence
        "2. (C) The talks end in May.\nthanks",
        "2. (C) The talks end in May.\nregards\nthanks",
        # text cut off by the publisher, not the tail of the subject
        "2. (C) The talks end in May.\nQUIMBY\n\nTHE MINISTRY SAID...",
        "2. (C) The talks end in May. Both sides expect a l...",
        # a redaction alone is no name
        "2. (C) The talks end in May.\nXXXXXXXXXXXX",
        "2. (C) The talks end in May. UNQUOTE",
    ],
)
def test_no_signature(tail: str) -> None:
    assert read(tail, "MINISTER VISITS THE NORTHERN PORTS").signer is None


def test_only_the_name_leaves_the_text() -> None:
    reading = read("2. (C) The delegation cleared this message.\nMoravec\nmoravec")
    assert text_of(reading).endswith("cleared this message. moravec")
    reading = read("2. (U) Votes: Yea: 81 Nay: 12 Abstain: 3 OKONKWO")
    assert text_of(reading).endswith("Abstain: 3")
    reading = read('2. (C) We agree with this "approach."\nQUIMBY UNQUOTE QUIMBY')
    assert text_of(reading).endswith("QUIMBY UNQUOTE")


@pytest.mark.parametrize(
    ("ending", "signer"),
    [
        ("Belarus.\nDerse\nderse", "Derse"),
        ("Belarus. End comment.\nDERSE\n\nEPET @ EL PAIS", "DERSE"),
        ("Belarus. XXXXXXXXXXX DERSE", "DERSE"),
        ('Belarus."\nDERSE UNQUOTE DERSE', "DERSE"),
        ("Belarus. .DERSE", "DERSE"),
        ("Belarus.\nDERSE DERSE", "DERSE"),
    ],
)
def test_every_word_stays_on_the_page(ending: str, signer: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed = (ROOT / "seeds" / "000_38d8196d0b9cec23.txt").read_text(encoding="utf-8")
    text = seed.replace("served by close relations with Belarus.\nDERSE", "served by close relations with " + ending)
    assert text != seed
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "cable.txt").write_text(text, encoding="utf-8")
    result = build(tmp_path / "sources", tmp_path / "out")
    [cable] = result.documents
    assert cable.signer == signer
    page = text_with_addresses((tmp_path / "out" / cable.page).read_text(encoding="utf-8"))
    assert word_coverage(text, [page]).missing == {}
