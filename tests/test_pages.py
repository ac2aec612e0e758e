"""The edition's own pages stay readable as the edition grows: the home page counts
and ranks instead of listing, the About page is made from data/edition.yml and the
code's own rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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


def test_documents_index_groups_by_year(tmp_path: Path) -> None:
    build(ROOT / "seeds", tmp_path)
    index = (tmp_path / "documents" / "index.md").read_text(encoding="utf-8")
    assert index.index("## 2007 { #y2007 }") < index.index('href="07BAKU595/"') < index.index("## 2013 { #y2013 }")
    assert index.count("<tr><td>") == 3


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
    assert "In Cables &amp; *Articles*: an edition. https://example.org/edition/documents/07BAKU595/" in page


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
    }


def test_without_edition_yml_the_edition_keeps_its_default_name(tmp_path: Path) -> None:
    build(ROOT / "seeds", tmp_path / "out", tmp_path)
    page = (tmp_path / "out" / "documents" / "07BAKU595.md").read_text(encoding="utf-8")
    assert re.search(rf"In {metadata.DEFAULT_TITLE}\. documents/07BAKU595/", page)
