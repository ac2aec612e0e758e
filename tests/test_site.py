"""The real site, built with `mkdocs build --strict` from seeds/."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, broken_links


def test_catalogue_lists_exactly_the_seed_documents(site: Path) -> None:
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    documents = catalogue["documents"]
    assert sorted(d["kind"] for d in documents) == ["article", "article", "cable"]
    sources = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    for d in documents:
        assert {"id", "kind", "title", "date", "source", "page"} <= set(d)
        assert d["source"] in sources
        assert (site / d["page"] / "index.html").is_file(), d["page"]
        assert d["date"] is None or d["date"][:4].isdigit()
    titles = {d["title"] for d in documents}
    assert "Belarus and Azerbaijan: Similar Regimes but Different Treatment by the EU" in titles
    assert "Belarusian Defence Industry Recovers from The Last Year's Scandal" in titles


def test_sources_are_published_unchanged(site: Path) -> None:
    for source in (ROOT / "seeds").glob("*.txt"):
        assert (site / "sources" / source.name).read_bytes() == source.read_bytes()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        return response.read().decode()


def test_site_works_under_a_sub_path(site: Path, site_url: str) -> None:
    html = fetch(site_url)
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    for document in catalogue["documents"]:
        # Links are relative, so they resolve under any sub-path.
        assert f'href="{document["page"]}"' in html
        page = fetch(site_url + document["page"])
        assert "../../assets/" in page and 'href="/assets' not in page
    assert json.loads(fetch(site_url + "catalogue.json")) == catalogue
    # Nothing is served outside the sub-path: the test server behaves like Pages.
    with pytest.raises(urllib.error.HTTPError):
        fetch(site_url.replace("/edition/", "/") + "catalogue.json")


def test_every_link_in_the_content_resolves(site: Path) -> None:
    assert broken_links(site) == []


def test_search_index_holds_the_text_not_the_repeated_apparatus(site: Path) -> None:
    """Material's index, like Pagefind's: the header as printed, the emendation log and
    BibTeX repeat what the page already says, and would only add duplicate hits."""
    entries = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    cable = " ".join(e["text"] for e in entries if e["location"].startswith("documents/07BAKU595/"))
    assert "Nagorno-Karabakh" in cable  # the text is indexed
    assert "AMEMBASSY BAKU" in cable  # and so is the panel
    assert "Header as printed" not in cable and "E.O. 12958" not in cable  # the header as printed
    assert "@misc" not in cable  # BibTeX
    assert "Changes made to the source text" not in cable  # the emendation log
