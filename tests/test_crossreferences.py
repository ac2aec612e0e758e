"""A REF that names a cable of the edition links to it, and that cable shows who
refers to it: checked on a site built from the seed cable and the cable it cites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site

CITED = """\
VZCZCXRO0001
PP RUEHDBU
DE RUEHKB #0568/01 1291200
ZNY CCCCC ZZH
P 091200Z MAY 07
FM AMEMBASSY BAKU
TO RUEHC/SECSTATE WASHDC PRIORITY 3001

C O N F I D E N T I A L BAKU 000568

SIPDIS

E.O. 12958: DECL: 05/09/2017
TAGS: PREL BO AJ
SUBJECT: LUKASHENKO VISIT TO BAKU

Classified By: Ambassador Anne E. Derse per 1.4 (b,d).

1. (C) Summary: Lukashenko visited Baku and signed agreements. End summary.

2. (C) The embassy will report on the demarche separately.
DERSE
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("refs")
    sources = root / "sources"
    sources.mkdir()
    shutil.copy(ROOT / "seeds" / "000_38d8196d0b9cec23.txt", sources)
    (sources / "baku-568.txt").write_text(CITED, encoding="utf-8")
    result = build_site(root / "project", sources)
    assert result.returncode == 0, result.stderr
    return root / "project" / "site"


def page(site: Path, cable_id: str) -> BeautifulSoup:
    return BeautifulSoup((site / "documents" / cable_id / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_ref_footnote_links_to_the_cited_cable(site: Path) -> None:
    footnotes = page(site, "07BAKU595").select_one(".footnote")
    links = [a for a in footnotes.select("a") if "07BAKU568" in a.get_text()]
    assert links and links[0]["href"].rstrip("/").endswith("07BAKU568")
    assert "not in this edition" in footnotes.get_text()  # refs B and C are not


def test_cited_cable_shows_referenced_by(site: Path) -> None:
    section = page(site, "07BAKU568").find(id="referenced-by")
    assert section is not None
    links = section.find_next("ul").select("a")
    assert [a["href"].rstrip("/").split("/")[-1] for a in links] == ["07BAKU595"]
