"""The edition's own pages stay readable as the edition grows: the home page counts
and ranks instead of listing, the About page is made from data/edition.yml and the
code's own rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, render_markdown
from edition import metadata
from edition.build import build
from edition.datafile import load_yaml
from edition.errors import DataError
from edition.model import Emendation

EDITION = """\
editorial: the editors
title: "Cables & *Articles*: an edition"
editors: [Ada Editor, "<b>Bo</b> Editor"]
description: What the edition holds.
collections:
  - Cablegate, as published by WikiLeaks on 10 December 2010
licence: CC BY 4.0 for the apparatus
url: https://example.org/edition/
"""


def data_folder(tmp_path: Path, text: str = EDITION) -> Path:
    data = tmp_path / "data"
    data.mkdir(parents=True)
    (data / "edition.yml").write_text(text, encoding="utf-8")
    return data


def test_documents_index_is_one_table_in_date_order(tmp_path: Path) -> None:
    build(ROOT / "seeds", tmp_path)
    index = render_markdown((tmp_path / "documents" / "index.md").read_text(encoding="utf-8"))
    rows = index.select("table.edition-index tbody tr")
    assert [r.select("td")[0].get("data-sort", "")[:4] for r in rows] == ["2007", "2013", "2013"]
    cable = rows[0]
    assert [td.get_text() for td in cable.select("td")] == [
        "16 May 2007",
        "07BAKU595",
        "DEMARCHE DELIVERED: CAUTIONING AZERBAIJAN AGAINST CLOSER RELATIONS WITH BELARUS",
        "BAKU",
        "CONFIDENTIAL",
    ]
    assert cable.select_one("a")["href"] == "07BAKU595/"
    # What the page's script filters on.
    assert (cable["data-kind"], cable["data-year"], cable["data-from"]) == ("cable", "2007", "BAKU")
    assert rows[1]["data-kind"] == "article" and "Belarus Digest" in rows[1]["data-from"]


def test_home_links_every_part_of_the_edition(tmp_path: Path) -> None:
    build(ROOT / "seeds", tmp_path)
    home = render_markdown((tmp_path / "index.md").read_text(encoding="utf-8"))
    links = {a["href"] for a in home.select("a[href]")}
    assert {"documents/index.md", "timeline.md", "glossary/index.md", "search.md", "about.md", "report.md"} <= links
    assert "Dated from 16 May 2007 to" in home.get_text()


def test_about_and_citations_come_from_edition_yml(tmp_path: Path) -> None:
    result = build(ROOT / "seeds", tmp_path / "out", data_folder(tmp_path))
    assert not result.failed, result.problems
    about = render_markdown((tmp_path / "out" / "about.md").read_text(encoding="utf-8"))
    text = about.get_text()
    assert "Cables & *Articles*: an edition" in text  # editorial text, shown literally
    assert "<b>Bo</b> Editor" in text and about.find("b") is None
    assert "Cablegate, as published by WikiLeaks on 10 December 2010" in text
    assert "CC BY 4.0 for the apparatus" in text
    assert about.select_one('a[href="https://example.org/edition/"]') is not None
    # The rules in the code's own words.
    assert " ".join((Emendation.__doc__ or "").split()) in text
    assert "declassification date" in text  # how a cable's year is inferred
    home = render_markdown((tmp_path / "out" / "index.md").read_text(encoding="utf-8"))
    assert home.select_one("h1").get_text().startswith("Cables & *Articles*: an edition")
    page = (tmp_path / "out" / "documents" / "07BAKU595.md").read_text(encoding="utf-8")
    cited = yaml.safe_load(page.split("---\n")[1])["citation"]["data"]
    assert cited["chicago"].endswith(
        "In Cables & *Articles*: an edition. https://example.org/edition/documents/07BAKU595/."
    )


def test_edition_yml_is_validated_with_file_and_line(tmp_path: Path) -> None:
    data = data_folder(tmp_path, EDITION + "publisher: someone\n")
    line = EDITION.count("\n") + 1
    with pytest.raises(DataError, match=rf"edition.yml:{line}: unknown key 'publisher'"):
        metadata.load_edition(data)
    with pytest.raises(DataError, match=r"edition.yml:8: url must be an http or https address"):
        metadata.load_edition(data_folder(tmp_path / "b", EDITION.replace("https://", "javascript:")))
    with pytest.raises(DataError, match="missing key 'title'"):
        metadata.load_edition(data_folder(tmp_path / "c", "editorial: x\n"))


def test_the_repository_edition_yml_is_valid() -> None:
    edition = metadata.load_edition(ROOT / "data")
    assert edition.title and edition.collections
    assert set(load_yaml(ROOT / "data" / "edition.yml")) <= {
        "editorial",
        "title",
        "editors",
        "description",
        "collections",
        "licence",
        "url",
        "cable_copy_url",
    }


def test_without_edition_yml_the_edition_keeps_its_default_name(tmp_path: Path) -> None:
    build(ROOT / "seeds", tmp_path / "out", tmp_path)
    page = (tmp_path / "out" / "documents" / "07BAKU595.md").read_text(encoding="utf-8")
    # No published address (no url: in edition.yml, no site_url): none is invented.
    assert re.search(rf"In {metadata.DEFAULT_TITLE}\. Address not yet published\.", page)
