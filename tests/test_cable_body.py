"""The body of a cable, on invented text: handling words, classification markings,
caveat banners, list lines and rules of dashes are layout, not paragraphs or headings;
end markers are text; a DECL run on after a handling line and a `Classified By` value
cut before its reasons reach the panel. The handling words come from one data file."""

from __future__ import annotations

from pathlib import Path

import pytest
from edition.errors import DataError
from edition.model import Cable
from edition.readers.cable_layout import strip_rule
from edition.readers.cable_markings import HANDLING_FILE, markings
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


def test_handling_word_inside_one_long_line_is_removed_without_a_break() -> None:
    cable = body_cable("""\
    1. (C) The harbour master told us that the minister said SIPDIS that the new quays would open in the spring and that the fleet would be moved before the summer, once the dredging is done.

    2. (C) Nothing more.
    """)
    [first, second] = texts(cable, "paragraph")
    assert first == (
        "The harbour master told us that the minister said that the new quays would open in the spring "
        "and that the fleet would be moved before the summer, once the dredging is done."
    )
    assert second == "Nothing more."
    [emendation] = [e for e in cable.emendations if e.kind == "handling"]
    assert (emendation.line, emendation.original, emendation.corrected) == (13, "SIPDIS", "")
    assert "inside a sentence" in emendation.note


def test_handling_word_at_the_start_or_end_of_a_wrapped_line_is_removed() -> None:
    cable = body_cable("""\
    1. (C) THE PORT AUTHORITY OFFERED FOUR
    SIPDIS SCENARIOS FOR THE WORKS, AND THE MAYOR SIPDIS
    AGREED TO THE SECOND.
    """)
    assert texts(cable, "paragraph") == [
        "THE PORT AUTHORITY OFFERED FOUR SCENARIOS FOR THE WORKS, AND THE MAYOR AGREED TO THE SECOND."
    ]
    assert [e.original for e in cable.emendations if e.kind == "handling"] == ["SIPDIS", "SIPDIS"]


def test_handling_word_the_text_names_stays() -> None:
    cable = body_cable("1. (U) Posts should include SIPDIS in all replies and mark them NOFORN where needed.\n")
    assert texts(cable, "paragraph") == [
        "Posts should include SIPDIS in all replies and mark them NOFORN where needed."
    ]
    assert not [e for e in cable.emendations if e.kind == "handling"]


def test_handling_line_in_any_case_is_layout() -> None:
    cable = body_cable("""\
    1. (U) The minister said that the harbour works would go on

    Sipdis
    until the spring.
    """)
    assert texts(cable, "heading") == []
    assert texts(cable, "paragraph") == ["The minister said that the harbour works would go on until the spring."]


def test_classification_marking_alone_in_the_text_is_no_heading() -> None:
    cable = body_cable(
        """\
    1. (S) The first paragraph ends here.

    SECRET//FGI//NOFORN

    2. (S) The second paragraph.

    CONFIDENTIAL//NOFORN

    Full list available on request.
    """,
        banner="S E C R E T",
    )
    assert texts(cable, "heading") == []
    assert texts(cable, "paragraph") == [
        "The first paragraph ends here.",
        "The second paragraph.",
        "Full list available on request.",
    ]
    assert [(e.kind, e.original, e.corrected) for e in cable.emendations] == [
        ("marking", "SECRET//FGI//NOFORN", ""),
        ("marking", "CONFIDENTIAL//NOFORN", ""),
    ]
    assert cable.classification == "SECRET"  # a marking of part of the text is not the cable's


def test_classification_marking_at_a_page_top_keeps_the_paragraph_whole() -> None:
    cable = body_cable(
        """\
    1. (C) THE MAYOR SAID THAT THE HARBOUR WORKS WOULD GO ON
    UNTIL THE SPRING AND THAT THE
    CONFIDENTIAL

    PORTS AUTHORITY WOULD PAY FOR THEM.
    """,
        banner="CONFIDENTIAL",
    )
    assert texts(cable, "heading") == []
    assert texts(cable, "paragraph") == [
        "THE MAYOR SAID THAT THE HARBOUR WORKS WOULD GO ON UNTIL THE SPRING AND THAT THE "
        "PORTS AUTHORITY WOULD PAY FOR THEM."
    ]


def test_end_note_and_end_comment_are_text_not_headings() -> None:
    cable = body_cable("""\
    1. (U) Note: the quays were built in 1990.

    END NOTE. ------------------------------

    THE NEW HARBOUR
    ---------------

    2. (U) Comment: the works will be late.

    END COMMENT.
    -----------

    3. (U) Talking points follow.

    -- The harbour is open to all.

    END TALKING POINTS

    4. (U) Nothing more.
    """)
    assert texts(cable, "heading") == ["THE NEW HARBOUR"]
    assert "END NOTE." in texts(cable, "paragraph")
    assert "END COMMENT." in texts(cable, "paragraph")
    assert "END TALKING POINTS" in texts(cable, "paragraph")
    assert ("underline", "END NOTE.") in [(e.kind, e.corrected) for e in cable.emendations]


def test_end_marker_closing_its_line_does_not_take_the_next_heading() -> None:
    cable = body_cable("""\
    1. (U) Points to use:

    -- The quays are open.

    END POINTS TO USE.
    THE DREDGING PROGRAMME
    ----------------------

    2. (U) More.
    """)
    assert texts(cable, "heading") == ["THE DREDGING PROGRAMME"]
    assert "END POINTS TO USE." in texts(cable, "paragraph")


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


def test_rule_of_dashes_glued_to_the_words_is_layout() -> None:
    cable = body_cable("""\
    1. (C) First.

    XXXXXXXX----

    2. (C) Second.

    HARBOUR TEXT-------

    3. (C) XXXXXXXXXXX-------

    4. (C) Fourth.
    """)
    assert texts(cable, "heading") == ["XXXXXXXX", "HARBOUR TEXT"]
    assert [b.text for b in cable.blocks if b.number == "3"] == ["XXXXXXXXXXX"]
    assert [(e.kind, e.original, e.corrected) for e in cable.emendations] == [
        ("underline", "XXXXXXXX----", "XXXXXXXX"),
        ("underline", "HARBOUR TEXT-------", "HARBOUR TEXT"),
        ("underline", "3. (C) XXXXXXXXXXX-------", "3. (C) XXXXXXXXXXX"),
    ]


def test_dashes_closing_a_wrapped_line_of_text_stay() -> None:
    cable = body_cable("""\
    1. (U) The minister began to say that the works---
    but he stopped there.
    """)
    assert texts(cable, "paragraph") == ["The minister began to say that the works--- but he stopped there."]
    assert not cable.emendations


def test_strip_rule_leaves_text_dashes_alone() -> None:
    assert strip_rule("The envoy -- after a pause -- agreed", 1) == ("The envoy -- after a pause -- agreed", [])
    assert strip_rule("----------", 1) == ("----------", [])
    assert strip_rule("A" * 200 + " -----", 1)[1] == []
    assert strip_rule("HARBOUR-----", 1, glued=False) == ("HARBOUR-----", [])


def test_handling_words_are_one_list_in_one_data_file() -> None:
    found = markings()
    assert {"SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS"} <= found.handling
    assert found.inserted <= found.handling
    assert found.handling <= found.not_signatures and found.caveats <= found.not_signatures
    assert found.line.match("NOFORN SIPDIS") and not found.line.match("NOFORN reporting")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour: [RED]\n", "unknown key 'colour'"),
        ("handling: [SIPDIS, no]\n", "handling: False is not a word in capitals"),
        ("inserted: [SIPDIS, MEMO]\n", "inserted words must be handling words too: MEMO"),
    ],
)
def test_broken_handling_file_is_an_error_with_its_line(tmp_path: Path, text: str, message: str) -> None:
    good = HANDLING_FILE.read_text(encoding="utf-8")
    key = text.split(":")[0]
    lines = [line for line in good.splitlines() if not line.startswith(f"{key}:")]
    path = tmp_path / "cable_handling.yml"
    path.write_text("\n".join(lines) + "\n" + text, encoding="utf-8")
    with pytest.raises(DataError, match=message) as raised:
        markings(path)
    assert raised.value.line == len(lines) + 1


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
