"""The source view: each source published unchanged as `.txt` in `sources/` (served
as text) and as a page in `source-view/`, its lines numbered and anchored, that the
emendation log links to."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT

SEED_CABLE = "documents/07BAKU595/index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def seed_sources() -> list[Path]:
    return sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix == ".txt")


def test_each_source_is_published_unchanged_and_served_as_text(site: Path, site_url: str) -> None:
    for source in seed_sources():
        copy = site / "sources" / source.name
        assert copy.read_bytes() == source.read_bytes()
        with urllib.request.urlopen(f"{site_url}sources/{source.name}") as response:
            assert response.headers.get_content_type() == "text/plain"
            assert response.read() == source.read_bytes()


def test_the_sources_folder_holds_only_the_copies(site: Path) -> None:
    assert sorted(p.name for p in (site / "sources").iterdir()) == [p.name for p in seed_sources()]


def test_each_source_has_a_page_with_every_line_numbered_and_anchored(site: Path) -> None:
    for source in seed_sources():
        page = soup(site / "source-view" / source.name / "index.html")
        lines = source.read_text(encoding="utf-8").split("\n")
        shown = page.select("article pre.edition-source-lines > code > span")
        assert [span["id"] for span in shown] == [f"L{n}" for n in range(1, len(lines) + 1)]
        assert [span.get_text() for span in shown] == lines
        # The raw copy, and the page made of the source, are linked from it.
        links = [a["href"] for a in page.select("article .edition-source-about a")]
        assert f"../../sources/{source.name}" in links


def test_source_pages_are_out_of_the_search_index(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("source-view/")]


def test_emendations_link_to_the_source_line_and_to_the_paragraph(site: Path) -> None:
    page = soup(site / SEED_CABLE)
    rows = page.select(".edition-emendations tbody tr")
    assert rows
    in_text = 0
    for row in rows:
        cells = row.select("td")
        line, original = cells[0].select_one("a"), cells[2].get_text()
        view, _, anchor = line["href"].partition("#")
        assert anchor == "L" + line.get_text()
        target = soup((site / SEED_CABLE).parent / view / "index.html").select_one(f"[id='{anchor}']")
        # The line holds what was changed (a run-on change can span two lines).
        if original != "(nothing)":
            first_word = original.strip("…").split()[0]
            assert first_word in target.get_text() or first_word in target.find_next_sibling().get_text()
        paragraph = cells[5].select_one("a")
        if paragraph is not None:
            in_text += 1
            assert page.select_one(f"[id='{paragraph['href'].removeprefix('#')}']") is not None
            assert paragraph.get_text().startswith("¶ ")
    assert in_text > 0
