"""The optional Pagefind search (EDITION_SEARCH=pagefind), in a real browser, on a
site served under a sub-path: hyphenated names are found, and facets filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, build_site, serve
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    project = tmp_path_factory.mktemp("pagefind")
    result = build_site(project, ROOT / "seeds", EDITION_SEARCH="pagefind")
    assert result.returncode == 0, result.stderr
    site: Path = project / "site"
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert not (site / "search" / "search_index.json").exists()  # Material's index is off
    server, url = serve(site)
    yield url
    server.shutdown()
    server.server_close()


def results(page, url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(url + "search/")
    page.locator(".pagefind-ui__search-input").fill(query)
    page.locator(".pagefind-ui__result").first.wait_for()
    return [href.removeprefix("/edition/") for href in page_links(page)]


def page_links(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The page of each result (its first link; the others are sections of it)."""
    # Pagefind shows a placeholder first and fills each result in as it loads.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.pagefind-ui__result')]"
        ".every(r => r.querySelector('.pagefind-ui__result-link'))"
    )
    return page.locator(".pagefind-ui__result").evaluate_all(
        "els => els.map(r => r.querySelector('.pagefind-ui__result-link').getAttribute('href'))"
    )


def test_hyphenated_names_and_cable_ids_are_found(pagefind_url: str, page) -> None:  # type: ignore[no-untyped-def]
    first = results(page, pagefind_url, "Vostok-E")[0]
    assert page.locator(".md-search").count() == 0  # Material's search box is gone
    assert first in ("glossary/equipment/", "documents/belarusian-defence-industry-recovers/")
    assert "documents/belarusian-defence-industry-recovers/" in results(page, pagefind_url, "Buk-M2E")[:3]
    assert results(page, pagefind_url, "07BAKU595")[0] == "documents/07BAKU595/"
    assert "glossary/people/" in results(page, pagefind_url, "Lukashenko")


def test_facets_filter_by_kind(pagefind_url: str, page) -> None:  # type: ignore[no-untyped-def]
    everything = results(page, pagefind_url, "Belarus")
    assert any(r.startswith("glossary/") for r in everything)
    # Pagefind fills the filter panel in after the first results and may draw it again
    # closed: open the Kind group until its options show.
    label = page.locator("label", has_text="cable")
    for _ in range(5):
        page.locator(".pagefind-ui__filter-name", has_text="Kind").click()
        try:
            label.wait_for(state="visible", timeout=2000)
            break
        except PlaywrightTimeoutError:
            continue
    label.click()
    page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__result').length === 1")
    assert page_links(page) == ["/edition/documents/07BAKU595/"]
    names = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"Kind", "Year", "Classification", "Tags", "Post"} <= {n.strip().title() for n in names}
