"""Glossary entries generated from cable headers (posts, signers, Classified By
officers) and from the codebook, on a real build of the golden cables and the seeds,
and how an editorial entry takes their place."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT
from edition import glossary_pages
from edition.build import build
from edition.glossary_headers import split_classified_by

CASES = ROOT / "tests" / "cases"
GOLDEN_CABLES = ("cable_confidential_lettered.txt", "cable_secret_reftel.txt", "cable_unclas_sections.txt")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ambassador Philip D. Murphy", ("Ambassador", "Philip D. Murphy")),
        ("Gene A. Cretz, Ambassador, U.S. Embassy Tripoli", ("Ambassador", "Gene A. Cretz")),
        ("AMBASSADOR EDUARDO AGUIRRE, JR", ("AMBASSADOR", "EDUARDO AGUIRRE, JR")),
        ("Charge d'Affaires, a.i., Lisa Kubiske", ("Charge d'Affaires, a.i.", "Lisa Kubiske")),
        ("Political Minister-Counselor Josiah Rosenblatt", ("Political Minister-Counselor", "Josiah Rosenblatt")),
        ("CDA, A.I. RON MCMULLEN", ("CDA, A.I.", "RON MCMULLEN")),
        ("By Ambassador William Wood", ("Ambassador", "William Wood")),
        ("Ambassador", None),
    ],
)
def test_a_classified_by_line_gives_title_and_name_as_printed(line: str, expected: tuple[str, str] | None) -> None:
    assert split_classified_by(line, frozenset({"CDA"})) == expected


def _data(folder: Path, entries: str = "") -> Path:
    folder.mkdir()
    (folder / "glossary.yml").write_text(
        "editorial: test\nentries:\n" + textwrap.indent(textwrap.dedent(entries), "  ")
        if entries
        else "editorial: test\nentries: []\n",
        encoding="utf-8",
    )
    return folder


def _build(tmp_path: Path, data: Path) -> dict[str, dict]:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in GOLDEN_CABLES:
        shutil.copy(CASES / name, sources / name)
    shutil.copy(ROOT / "seeds" / "000_38d8196d0b9cec23.txt", sources / "07BAKU595.txt")
    result = build(sources, tmp_path / "docs", data, workers=1)
    assert not result.failed, result.problems
    entries = json.loads((tmp_path / "docs" / "glossary.json").read_text(encoding="utf-8"))["entries"]
    return {e["id"]: e for e in entries}


def test_posts_and_people_of_the_headers_become_generated_entries(tmp_path: Path) -> None:
    entries = _build(tmp_path, _data(tmp_path / "data"))
    baku = entries["post-baku"]
    assert baku["kind"] == "post" and baku["name"] == "AMEMBASSY BAKU"
    assert baku["generated"] and baku["generated_from"] == "cable headers" and "DE line" in baku["provenance"]
    assert "routing indicator RUEHKB" in baku["definition"]  # DE RUEHKB #0595/01
    assert sorted(baku["mentions"]) == ["documents/07BAKU595/", "documents/08BAKU123/"]
    assert baku["note"].startswith("The edition holds 2 cables from it, dated 2007-05-16 to 2008-")
    ashgabat = entries["post-ashgabat"]
    assert ashgabat["name"] == "AMEMBASSY ASHGABAT" and "routing indicator" not in ashgabat["definition"]
    # Signature CURRAN and "Classified By: Charge d'Affaires Sylvia Reed Curran": one person.
    curran = next(e for e in entries.values() if e["name"] == "Sylvia Reed Curran")
    assert curran["kind"] == "person" and curran["generated_from"] == "cable headers"
    assert curran["aliases"] == ["CURRAN"]
    assert curran["role"].startswith("Charge d'Affaires (2009-09-22")
    assert "signed 1 cable, classified 1 cable" in curran["note"]
    derse = next(e for e in entries.values() if e["name"] == "Anne E. Derse")
    assert derse["aliases"] == ["DERSE"] and len(derse["mentions"]) == 2  # classified one, signed two
    # Codebook entries keep their own mark.
    assert entries["prel"]["generated_from"] == "cable codebook"
    page = (tmp_path / "docs" / "glossary" / "posts.md").read_text(encoding="utf-8")
    assert "Generated from the cable headers:" in page and 'id="provenance-1"' in page
    terms = (tmp_path / "docs" / "documents" / "07BAKU595.md").read_text(encoding="utf-8")
    assert "AMEMBASSY BAKU</a>" in terms.split("## Glossary terms")[1]


def test_an_editorial_entry_wins_by_id_or_by_a_full_name(tmp_path: Path) -> None:
    entries = _build(
        tmp_path,
        _data(
            tmp_path / "data",
            """\
            - id: post-ashgabat
              name: US Embassy in Ashgabat
              kind: organisation
              definition: The embassy of the United States in Turkmenistan.
            - id: curran
              name: Sylvia Curran
              kind: person
              aliases: [Sylvia Reed Curran]
              definition: US diplomat.
            - id: chavez
              name: Hugo Chávez
              kind: person
              aliases: [DERSE]
              definition: President of Venezuela.
            """,
        ),
    )
    ashgabat = entries["post-ashgabat"]
    assert ashgabat["name"] == "US Embassy in Ashgabat" and ashgabat["kind"] == "organisation"
    assert not ashgabat["generated"] and ashgabat["mentions"]  # editorial, with the post's cables
    curran = entries["curran"]
    assert curran["definition"] == "US diplomat." and not curran["generated"]
    assert curran["role"].startswith("Charge d'Affaires")  # the headers fill what the editors left out
    assert not any(e["name"] == "Sylvia Reed Curran" for e in entries.values() if e["generated"])
    # A bare surname does not merge a signer into an editorial entry.
    assert any(e["name"] == "Anne E. Derse" and e["generated"] for e in entries.values())
    assert entries["chavez"]["mentions"] == []


def test_a_large_kind_is_split_into_pages_that_documents_link_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(glossary_pages, "PAGE_BUDGET", 4000)
    result = build(ROOT / "seeds", tmp_path / "docs", ROOT / "data", workers=1)
    assert not result.failed
    out = tmp_path / "docs"
    pages = sorted(p.name for p in (out / "glossary").glob("places*.md"))
    assert len(pages) > 2 and "places.md" in pages and "places-2.md" in pages
    entries = json.loads((out / "glossary.json").read_text(encoding="utf-8"))["entries"]
    for entry in entries:
        page, anchor = entry["url"].split("#")
        assert f"{{ #{anchor} }}" in (out / (page.rstrip("/") + ".md")).read_text(encoding="utf-8")
    index = (out / "glossary" / "index.md").read_text(encoding="utf-8")
    assert "(places-2.md)" in index
    # A document links each entry on the page that holds it.
    cable = (out / "documents" / "07BAKU595.md").read_text(encoding="utf-8")
    belarus = next(e for e in entries if e["id"] == "belarus")
    assert f'glossary/{belarus["url"].split("/")[1]}/#belarus"' in cable


def test_the_terms_line_names_every_entry_with_its_other_names(tmp_path: Path) -> None:
    _build(
        tmp_path,
        _data(
            tmp_path / "data",
            """\
            - id: belarus
              name: Belarus
              kind: place
              aliases: [Republic of Belarus, Byelorussia]
              definition: A country of eastern Europe.
            - id: azerbaijan
              name: Azerbaijan
              kind: place
              definition: A country of the South Caucasus.
              link: false
            """,
        ),
    )
    page = (tmp_path / "docs" / "documents" / "07BAKU595.md").read_text(encoding="utf-8")
    terms = page.split("## Glossary terms { #glossary-terms }")[1].split("</p>")[0]
    assert '#belarus" class="glossary-term">Belarus</a> (also Republic of Belarus, Byelorussia)' in terms
    # An entry not linked in documents (link: false) is named, not linked.
    assert " · Azerbaijan · " in terms and "#azerbaijan" not in terms
    # The header's post and people are there too; TAGS codes are not (the panel links them).
    assert "#post-baku" in terms and "#derse-baku" in terms and ">PREL<" not in terms


def test_a_split_page_title_keeps_a_hostile_post_name_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A post's name is its FM line as printed; in the title of a split page (which
    Material prints as HTML into <title> and the header) it stays text."""
    monkeypatch.setattr(glossary_pages, "PAGE_BUDGET", 1500)
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(ROOT / "seeds" / "000_38d8196d0b9cec23.txt", sources / "07BAKU595.txt")
    for name in GOLDEN_CABLES:
        shutil.copy(CASES / name, sources / name)
    cable = textwrap.dedent(
        """\
        R 010101Z JAN 09
        FM <IMG SRC=X ONERROR=ALERT(1)>
        TO RUEHC/SECSTATE WASHDC 0001

        UNCLAS NOWHERE 000001

        E.O. 12958: N/A
        TAGS: PREL
        SUBJECT: A TEST OF NAMES

        1. (U) A paragraph.
        """
    )
    (sources / "09NOWHERE1.txt").write_text(cable, encoding="utf-8")
    result = build(sources, tmp_path / "docs", ROOT / "data", workers=1)
    assert not result.failed, result.problems
    titles = [p.read_text(encoding="utf-8").split("\n")[1] for p in (tmp_path / "docs" / "glossary").glob("posts*.md")]
    assert len(titles) > 1  # split, so titles name their first and last entries
    hostile = [t for t in titles if "IMG" in t]
    assert hostile and all("<" not in t and "&lt;IMG" in t for t in hostile), titles
