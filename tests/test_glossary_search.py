"""A document that names a glossary entry under one name is found by every name of
the entry, with both search engines, in a real browser: the articles write
"Lukashenka", the cable "Lukashenko", and each is found by the other spelling through
the page's visible "Glossary terms" line (`render_terms`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, served
from test_browser_pagefind import results as pagefind_results
from test_browser_reading import page_of
from test_browser_reading import search as material_search

pytestmark = pytest.mark.browser

CABLE = "documents/07BAKU595/"
ARTICLES = ("documents/belarus-and-azerbaijan-similar-regimes/", "documents/belarusian-defence-industry-recovers/")


def words_outside_terms(site: Path, page: str) -> str:
    """The page's article text without its Glossary terms section."""
    article = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(
        "article"
    )
    for terms in article.select(".edition-terms"):
        terms.decompose()
    return article.get_text(" ")


def test_the_seeds_spell_the_name_differently(site: Path) -> None:
    """The premise: outside the terms line, the articles never write Lukashenko and the
    cable never writes Lukashenka; the terms line names both."""
    for article in ARTICLES:
        assert "Lukashenka" in words_outside_terms(site, article)
        assert "Lukashenko" not in words_outside_terms(site, article)
    assert "Lukashenko" in words_outside_terms(site, CABLE)
    assert "Lukashenka" not in words_outside_terms(site, CABLE).replace("Alexander Lukashenka", "")
    for page in (CABLE, *ARTICLES):
        soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        terms = soup.select_one(".edition-terms").get_text()
        assert "Lukashenka" in terms and "Lukashenko" in terms
        assert soup.find(id="glossary-terms").name == "h2"


def test_material_search_finds_every_spelling(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    found = {page_of(r) for r in material_search(page, site_url, "Lukashenko")}
    assert set(ARTICLES) <= found, found
    found = {page_of(r) for r in material_search(page, site_url, "Lukashenka")}
    assert CABLE in found, found


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("alias-pagefind")
    result = build_site(project, ROOT / "seeds", EDITION_SEARCH="pagefind")
    assert result.returncode == 0, result.stderr
    with served(project / "site") as url:
        yield url


def test_pagefind_finds_every_spelling(pagefind_site: str, page) -> None:  # type: ignore[no-untyped-def]
    found = set(pagefind_results(page, pagefind_site, "Lukashenko"))
    assert set(ARTICLES) <= found, found
    assert CABLE in set(pagefind_results(page, pagefind_site, "Lukashenka"))
