"""The glossary loader: schema checks with file:line, and the mention matcher."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import ROOT
from edition.errors import DataError
from edition.glossary import Glossary, Matcher, load_glossary


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


GOOD_ENTRY = "editorial: test\nentries:\n  - id: us\n    name: United States\n    kind: place\n    aliases: [US]\n    definition: A country.\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            GOOD_ENTRY + "  - id: us-again\n    name: USA\n    kind: place\n    aliases: [US]\n    definition: Same.\n",
            8,
            "alias 'US' of 'us-again' already belongs to 'us' (line 3)",
        ),
        (
            "editorial: test\nentries:\n  - id: x\n    name: X\n    definition: No kind.\n",
            3,
            "missing key 'kind' in glossary entry",
        ),
        (
            "editorial: test\nentries:\n  - id: x\n    name: X\n    kind: planet\n    definition: Bad kind.\n",
            5,
            "kind must be one of person, organisation, place, equipment, abbreviation, tag, term, post, got 'planet'",
        ),
        ("editorial: test\nentries:\n  - id: x\n    name: [unclosed\n", 5, "invalid YAML"),
        (
            "editorial: test\nentries:\n  - id: x\n    name: X\n    kind: place\n    definition: D.\n    colour: red\n",
            7,
            "unknown key 'colour' in glossary entry",
        ),
        (
            GOOD_ENTRY + "  - id: us\n    name: Other\n    kind: place\n    definition: Same id.\n",
            8,
            "duplicate id 'us' (first at line 3)",
        ),
        (
            "editorial: test\nentries:\n  - id: x\n    name: X\n    kind: place\n    definition: D.\n    see_also: [nowhere]\n",
            3,
            "entry 'x': see_also names unknown entry 'nowhere'",
        ),
        (
            "editorial: test\nentries:\n  - id: mfa\n    name: MFA\n    kind: term\n"
            "    definition: Ministry of Foreign Affairs; in this cable, that of Azerbaijan.\n",
            6,
            "definition of 'mfa' speaks of one document ('this cable')",
        ),
        (
            "editorial: test\nentries:\n  - id: x\n    name: X\n    kind: place\n    definition: D.\n"
            "    note: The first article says so.\n",
            7,
            "note of 'x' speaks of one document ('first article')",
        ),
        (
            "editorial: test\nentries:\n  - id: x\n    name: X\n    kind: place\n    definition: D.\n"
            "    scoped:\n      - note: Nowhere.\n",
            8,
            "a scoped note needs documents, posts, from or until",
        ),
        (
            "editorial: test\nentries:\n  - id: x\n    name: X\n    kind: place\n    definition: D.\n"
            "    link: [telegram]\n",
            7,
            "link must be true, false or a list of cable, article",
        ),
    ],
    ids=[
        "duplicate-alias",
        "missing-kind",
        "bad-kind",
        "bad-yaml",
        "unknown-key",
        "duplicate-id",
        "unknown-see-also",
        "definition-speaks-of-one-document",
        "note-speaks-of-one-document",
        "scope-without-scope",
        "bad-link",
    ],  # fmt: skip
)
def test_broken_glossary_fails_with_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataError) as error:
        load_glossary(path)
    assert error.value.line == line
    assert str(error.value).startswith(f"{path}:{line}: {message}")


def test_broken_glossary_stops_the_command_with_file_and_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = tmp_path / "data"
    data.mkdir()
    write(data, "editorial: test\nentries:\n  - id: x\n    name: X\n    definition: No kind.\n")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "preprocess.py"), "--data", str(data), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert f"error: {data / 'glossary.yml'}:3: missing key 'kind' in glossary entry" in run.stderr
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_matcher_takes_the_longest_form_and_whole_words(tmp_path: Path) -> None:
    glossary = load_glossary(
        write(
            tmp_path,
            """
        editorial: test
        entries:
          - {id: us, name: United States, kind: place, aliases: [US], definition: A country.}
          - {id: usun, name: USUN, kind: organisation, definition: US mission to the UN.}
          - {id: vostok, name: Vostok-E, kind: equipment, aliases: [Vostok], definition: A radar.}
          - {id: s125, name: S-125 Pechora-2M, kind: equipment, aliases: [S-125, Pechora], definition: A missile.}
    """,
        )
    )
    found = lambda text: [(text[s:e], entry.id) for s, e, entry in Matcher(glossary).find(text)]  # noqa: E731
    assert found("USUN NEW YORK and the US, not USA or bus") == [("USUN", "usun"), ("US", "us")]
    assert found("the Vostok-E system; Vostok radars") == [("Vostok-E", "vostok"), ("Vostok", "vostok")]
    assert found("most likely the S-125 Pechora-2M, then Pechoras") == [("S-125 Pechora-2M", "s125")]
    assert found("United States and us") == [("United States", "us")]


def test_the_edition_glossary_loads() -> None:
    glossary = load_glossary(ROOT / "data" / "glossary.yml", ROOT / "data" / "glossary-ignore.yml")
    assert isinstance(glossary, Glossary) and glossary.entries


def test_exclusions_keep_longer_names_from_matching_an_alias(tmp_path: Path) -> None:
    glossary = load_glossary(
        write(
            tmp_path,
            """
        editorial: test
        entries:
          - {id: west, name: West, kind: place, exclude: [West Bank], definition: Western states.}
          - {id: africa, name: Africa, kind: place, exclude: [South Africa], definition: A continent.}
    """,
        )
    )
    found = lambda text: [(text[s:e], entry.id) for s, e, entry in Matcher(glossary).find(text)]  # noqa: E731
    assert found("the West Bank and the West; South Africa and Africa") == [("West", "west"), ("Africa", "africa")]


def test_scoped_notes_apply_to_their_documents_posts_and_periods(tmp_path: Path) -> None:
    from edition.model import Cable

    glossary = load_glossary(
        write(
            tmp_path,
            """
        editorial: test
        entries:
          - id: mfa
            name: MFA
            kind: term
            definition: A foreign ministry.
            scoped:
              - {documents: [07BAKU595], note: Azerbaijan's.}
              - {posts: [Embassy Moscow], from: 2009, until: 2009-12, note: Russia's.}
    """,
        )
    )
    mfa = glossary.by_id()["mfa"]

    def cable(cable_id: str, date: str, origin: str) -> Cable:
        header = dict(precedence=None, date_time_group=None, classification=None, subject=None)
        return Cable(
            id=cable_id, source=cable_id, title="t", date=date, date_precision="day", blocks=(), cable_id=cable_id,
            origin=origin, **header,
        )  # fmt: skip

    baku, moscow = cable("07BAKU595", "2007-05-16", "Embassy Baku"), cable("09MOSCOW1", "2009-03-01", "Embassy Moscow")
    late = cable("10MOSCOW1", "2010-01-01", "Embassy Moscow")
    assert mfa.in_document(baku).local_note == "Azerbaijan's."
    assert mfa.in_document(moscow).local_note == "Russia's."
    assert mfa.in_document(late).local_note is None
    assert mfa.in_document(late).definition == "A foreign ministry."


def test_editorial_entries_override_or_extend_codebook_entries(tmp_path: Path) -> None:
    glossary = load_glossary(
        write(
            tmp_path,
            """
        editorial: test
        entries:
          - {id: prel, see_also: [pgov]}
          - {id: pgov, name: PGOV, kind: tag, match: false, definition: Domestic politics as the editors put it.}
    """,
        )
    )
    entries = glossary.by_id()
    assert entries["prel"].definition == "External political relations (TAGS subject code)."
    assert entries["prel"].see_also == ("pgov",) and entries["prel"].generated is None
    assert entries["pgov"].definition == "Domestic politics as the editors put it."
    assert entries["pter"].generated  # untouched codebook entries stay
    assert dict(glossary.tags)["PREL"] == "prel"
