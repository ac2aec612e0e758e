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
    # Pagefind loads its filters after the first results, slower on a busy machine.
    page.locator(".pagefind-ui__filter-name", has_text="Kind").wait_for(state="attached", timeout=90_000)
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


def open_filters(page) -> None:  # type: ignore[no-untyped-def]
    """Open every filter group; Pagefind may draw the panel again closed, so until they stay open."""
    script = """() => {
        const blocks = [...document.querySelectorAll('.pagefind-ui__filter-block')];
        blocks.forEach(block => { block.open = true });
        return blocks.length > 0 && blocks.every(block => block.open);
    }"""
    page.wait_for_function(script)
    page.wait_for_timeout(300)
    page.wait_for_function(script)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_and_filters_read_well_in_both_palettes(pagefind_url: str, browser, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)  # the palette follows the reader's preference
    page = context.new_page()
    assert len(results(page, pagefind_url, "Belarus")) > 1
    open_filters(page)
    page.locator(".pagefind-ui__filter-label").first.wait_for()
    area = {"include": [["#edition-search"]]}
    violations = Axe().run(page, context=area).response["violations"]
    contrast = [node["target"] for v in violations if v["id"] == "color-contrast" for node in v["nodes"]]
    assert contrast == [], (scheme, contrast)
    serious = [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], (scheme, serious)

    def style(selector: str, pseudo: str = "") -> dict[str, str]:
        return page.locator(selector).first.evaluate(
            "(e, pseudo) => { const s = getComputedStyle(e, pseudo || null);"
            " return {background: s.backgroundColor, color: s.color, content: s.content, mask: s.maskImage,"
            " border: s.borderTopWidth, listStyle: s.listStyleType, boxShadow: s.boxShadow}; }",
            pseudo,
        )

    white = "rgb(255, 255, 255)"
    page_background = page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor")
    search_input = style(".pagefind-ui__search-input")
    assert search_input["background"] == (white if scheme == "light" else page_background), search_input
    if scheme == "dark":
        assert search_input["background"] != white
    # Material's admonition look does not reach Pagefind's filter groups and results.
    block = style(".pagefind-ui__filter-block")
    assert block["boxShadow"] == "none" and block["border"] == "0px", block
    assert style(".pagefind-ui__filter-name", "::before")["content"] in ("none", "normal")  # no pencil icon
    assert style(".pagefind-ui__filter-name", "::after")["mask"] == "none"
    assert style(".pagefind-ui__result")["listStyle"] == "none"
    assert page.locator(".pagefind-ui__search-input").get_attribute("title") is None  # no stray "Search" tooltip
    context.close()
