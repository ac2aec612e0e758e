"""The body of a cable, on invented text: handling words, caveat banners, list lines
and rules of dashes are layout, not paragraphs or headings; a DECL run on after a
handling line and a `Classified By` value cut before its reasons reach the panel."""

from __future__ import annotations

from edition.model import Cable
from edition.readers.cleaning import strip_underline
from test_cables import read_cable

HEAD = """\
    R 010101Z MAR 09
    FM AMEMBASSY ATLANTIS
    TO SECSTATE WASHDC 0001

    {banner} ATLANTIS 000123

    SIPDIS

    E.O. 12958: N/A
    TAGS: PREL XX
    SUBJECT: AN INVENTED CABLE

"""


def body_cable(body: str, banner: str = "UNCLAS") -> Cable:
    cable, _ = read_cable(HEAD.format(banner=banner) + body)
    return cable


def texts(cable: Cable, kind: str) -> list[str]:
    return [b.text for b in cable.blocks if b.kind == kind]


def test_handling_line_inside_a_sentence_keeps_the_paragraph_whole() -> None:
    cable = body_cable("""\
    1. (U) The minister said that the harbour works would go on
    until the spring and that the

    SIPDIS
    ports authority would pay for them.

    2. (U) Nothing more.
    """)
    [first, second] = texts(cable, "paragraph")
    assert first == (
        "The minister said that the harbour works would go on until the spring and that the "
        "ports authority would pay for them."
    )
    assert second == "Nothing more."
    [emendation] = [e for e in cable.emendations if e.kind == "handling"]
    assert (emendation.original, emendation.corrected) == ("SIPDIS", "")
    assert "kept whole" in emendation.note


def test_handling_word_before_the_rest_of_a_sentence_is_removed() -> None:
    cable = body_cable("""\
    1. (U) The envoy hopes the two sides will play an important
    SIPDIS role in the talks.

    2. (U) Nothing more.
    """)
    assert texts(cable, "paragraph")[0] == "The envoy hopes the two sides will play an important role in the talks."
    assert [e.original for e in cable.emendations if e.kind == "handling"] == ["SIPDIS"]


def test_handling_line_between_paragraphs_is_no_heading() -> None:
    cable = body_cable("""\
    1. (U) The first paragraph ends here.

    NOFORN SIPDIS

    2. (U) The second paragraph.
    """)
    assert texts(cable, "heading") == []
    assert texts(cable, "paragraph") == ["The first paragraph ends here.", "The second paragraph."]
    assert [e.original for e in cable.emendations if e.kind == "handling"] == ["NOFORN SIPDIS"]


def test_caveat_banner_is_the_classifications_caveat_not_a_heading() -> None:
    cable = body_cable("""\
    SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY

    1. (SBU) The first paragraph.
    """)
    assert texts(cable, "heading") == []
    assert cable.classification == "UNCLASSIFIED//SENSITIVE"
    assert "SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY" in cable.handling
    assert [e.kind for e in cable.emendations] == ["caveat"]


def test_sbu_banner_counts_as_the_caveat_too() -> None:
    cable = body_cable("SBU - PLEASE PROTECT ACCORDINGLY.\n\n1. (SBU) Text.\n")
    assert cable.classification == "UNCLASSIFIED//SENSITIVE"
    assert texts(cable, "paragraph") == ["Text."]


def test_caveat_words_inside_a_sentence_stay_text() -> None:
    cable = body_cable("1. (U) This cable is sensitive but unclassified and not for the press.\n")
    assert cable.classification == "UNCLASSIFIED"
    assert not [e for e in cable.emendations if e.kind == "caveat"]


def test_lines_of_role_and_name_are_a_list_not_headings() -> None:
    cable = body_cable("""\
    1. (U) The new cabinet:

    Chief Minister -- Anna Example

    Minister of Harbours -- Bo Sample

    Minister for Lighthouses -- Carl D. Invented

    2. (U) More text.
    """)
    assert texts(cable, "heading") == []
    assert texts(cable, "subparagraph") == [
        "Chief Minister -- Anna Example",
        "Minister of Harbours -- Bo Sample",
        "Minister for Lighthouses -- Carl D. Invented",
    ]


def test_one_heading_with_two_dashes_stays_a_heading() -> None:
    cable = body_cable("""\
    1. (U) First.

    Harbour Works -- Not Before Spring

    2. (U) Second.
    """)
    assert texts(cable, "heading") == ["Harbour Works -- Not Before Spring"]


def test_rule_of_dashes_on_the_headings_line_is_layout() -> None:
    cable = body_cable("""\
    1. (U) First.

    THE HARBOUR ON THE RIGHT FOOT ----------------------------- -----

    2. (U) Second.

    ------- Comment -------

    3. (U) Third.
    """)
    assert texts(cable, "heading") == ["THE HARBOUR ON THE RIGHT FOOT", "Comment"]
    assert [(e.kind, e.corrected) for e in cable.emendations] == [
        ("underline", "THE HARBOUR ON THE RIGHT FOOT"),
        ("underline", "Comment"),
    ]


def test_strip_underline_leaves_text_dashes_alone() -> None:
    assert strip_underline("The envoy -- after a pause -- agreed", 1) == ("The envoy -- after a pause -- agreed", [])
    assert strip_underline("----------", 1) == ("----------", [])
    assert strip_underline("A" * 200 + " -----", 1)[1] == []


DECL_GLUED = """\
    R 010101Z MAR 09
    FM AMEMBASSY ATLANTIS
    TO SECSTATE WASHDC 0001

    C O N F I D E N T I A L ATLANTIS 000123

    SIPDIS

    DEPT FOR ABC/DEF E.O. 12958: DECL: 03/01/2019
    TAGS: PREL XX
    SUBJECT: AN INVENTED CABLE

    Classified By: Ambassador Jane Roe, for reason

    1.4(d).

    1. (C) Text.
    """


def test_decl_run_on_after_a_handling_line_reaches_the_panel() -> None:
    cable, _ = read_cable(DECL_GLUED)
    assert cable.declassification == "DECL: 03/01/2019"
    assert "DEPT FOR ABC/DEF" in cable.handling
    assert cable.tags == ("PREL", "XX")


def test_classified_by_cut_before_its_reasons_runs_across_a_blank_line() -> None:
    cable, _ = read_cable(DECL_GLUED)
    assert cable.classified_by == "Ambassador Jane Roe"
    assert cable.reasons == "1.4 (d)"
    assert texts(cable, "paragraph") == ["Text."]
