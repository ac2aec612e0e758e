"""The optional Pagefind search (EDITION_SEARCH=pagefind), in a real browser, on a
site served under a sub-path: hyphenated names are found, and facets filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, build_site, serve, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    project = tmp_path_factory.mktemp("pagefind")
    result = build_site(project, ROOT / "seeds", EDITION_SEARCH="pagefind")
    assert result.returncode == 0, result.stderr
    site: Path = project / "site"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()  # Material's index is off
    server, url = serve(site)
    yield url
    server.shutdown()
    server.server_close()


def results(page, url: str, query: str = "", state: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """The pages found for `query` (typed into the box) or by the address `state`."""
    page.goto(url + "search/" + state)
    page.locator(".edition-search--ready").wait_for(state="attached", timeout=60_000)
    if query:
        page.locator(".edition-search__input").fill(query)
    page.locator(".edition-search__result").first.wait_for(timeout=60_000)
    return [href.removeprefix("/edition/") for href in page_links(page)]


def page_links(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => !document.querySelector('.edition-search__status').textContent.startsWith('Searching')"
    )
    return page.locator(".edition-search__link").evaluate_all("els => els.map(a => a.getAttribute('href'))")


def test_hyphenated_names_and_cable_ids_are_found(pagefind_url: str, page) -> None:  # type: ignore[no-untyped-def]
    first = results(page, pagefind_url, "Vostok-E")[0]
    assert first in ("glossary/equipment/", "documents/belarusian-defence-industry-recovers/")
    assert "documents/belarusian-defence-industry-recovers/" in results(page, pagefind_url, "Buk-M2E")[:3]
    assert results(page, pagefind_url, "07BAKU595")[0] == "documents/07BAKU595/"
    assert results(page, pagefind_url, "BAKU 595")[0] == "documents/07BAKU595/"
    assert "glossary/people/" in results(page, pagefind_url, "Lukashenko")


def test_the_header_searches_from_every_page(pagefind_url: str, page) -> None:  # type: ignore[no-untyped-def]
    for address in ("", "documents/07BAKU595/", "glossary/people/"):
        page.goto(pagefind_url + address)
        assert page.locator(".edition-header-search input").count() == 1, address
    page.locator(".edition-header-search input").fill("Vostok-E")
    page.locator(".edition-header-search input").press("Enter")
    page.wait_for_url("**/search/?q=Vostok-E")
    page.locator(".edition-search__result").first.wait_for(timeout=60_000)
    assert page.locator(".edition-search__input").input_value() == "Vostok-E"
    # Back to the page searched from, forward to the search again: the query is kept.
    page.go_back()
    page.wait_for_url("**/glossary/people/")
    page.go_forward()
    page.locator(".edition-search__result").first.wait_for(timeout=60_000)
    assert page.locator(".edition-search__input").input_value() == "Vostok-E"


def test_filters_browse_without_a_query_and_live_in_the_address(pagefind_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(pagefind_url + "search/")
    page.locator(".edition-search--ready").wait_for(state="attached", timeout=60_000)
    names = page.locator(".edition-search__group-name").all_inner_texts()
    assert {"Kind", "Year", "Month", "Classification", "TAGS", "Post", "People mentioned"} <= {n.strip() for n in names}
    people = page.locator(".edition-search__group[data-name=people] label").all_text_contents()
    assert any(p.startswith("Alexander Lukashenka") for p in people), people
    assert page.locator(".edition-search__result").count() == 0
    # Browse: no query, one filter.
    page.locator(".edition-search__group-name", has_text="Kind").click()
    page.locator("input[name=kind][value=cable]").check()
    page.wait_for_function("() => document.querySelectorAll('.edition-search__result').length === 1")
    assert page_links(page) == ["/edition/documents/07BAKU595/"]
    assert "f=kind%3Acable" in page.url
    # Each result says what it is.
    meta = page.locator(".edition-search__meta").first.inner_text()
    assert meta == "07BAKU595 · 16 May 2007 · BAKU · CONFIDENTIAL"
    # TAGS carry their meanings; values without results are hidden.
    tags = page.locator(".edition-search__group[data-name=tags] label").all_text_contents()
    assert any(t.startswith("PREL · ") for t in tags), tags
    kinds = page.locator(".edition-search__group[data-name=kind] label").all_text_contents()
    assert [k.split()[0] for k in kinds] == ["cable"]  # articles and glossary pages: zero, hidden
    # The address restores the state; back returns to the empty search.
    page.goto(pagefind_url + "search/?q=Belarus&sort=date-desc&f=kind:article")
    page.locator(".edition-search__result").first.wait_for(timeout=60_000)
    assert page.locator(".edition-search__input").input_value() == "Belarus"
    assert page.locator(".edition-search__sort").input_value() == "date-desc"
    found = page_links(page)
    assert found and all(link.startswith("/edition/documents/") for link in found)
    assert page.locator("input[name=kind][value=article]").is_checked()


def test_a_phrase_in_quotes_is_matched_as_a_phrase(pagefind_url: str, page) -> None:  # type: ignore[no-untyped-def]
    loose = results(page, pagefind_url, "defence industry")
    exact = results(page, pagefind_url, '"defence industry"')
    assert exact and set(exact) <= set(loose)
    assert len(exact) <= len(loose)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_and_filters_read_well_in_both_palettes(pagefind_url: str, browser, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)  # the palette follows the reader's preference
    page = context.new_page()
    assert len(results(page, pagefind_url, "Belarus")) > 1
    page.evaluate("() => document.querySelectorAll('.edition-search__group').forEach(g => { g.open = true })")
    area = {"include": [["#edition-search"], [".edition-header-search"]]}
    violations = Axe().run(page, context=area).response["violations"]
    contrast = [node["target"] for v in violations if v["id"] == "color-contrast" for node in v["nodes"]]
    assert contrast == [], (scheme, contrast)
    serious = [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], (scheme, serious)

    def style(selector: str, pseudo: str = "") -> dict[str, str]:
        return page.locator(selector).first.evaluate(
            "(e, pseudo) => { const s = getComputedStyle(e, pseudo || null);"
            " return {background: s.backgroundColor, color: s.color, content: s.content,"
            " border: s.borderTopWidth, listStyle: s.listStyleType, boxShadow: s.boxShadow}; }",
            pseudo,
        )

    page_background = page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor")
    assert style(".edition-search__input")["background"] == page_background
    # Material's admonition look does not reach the filter groups, nor list markers the results.
    block = style(".edition-search__group")
    assert block["boxShadow"] == "none" and block["border"] == "0px", block
    assert style(".edition-search__group-name", "::before")["content"] in ("none", "normal")
    assert style(".edition-search__result")["listStyle"] == "none"
    context.close()


def test_on_a_phone_results_come_before_the_filters(pagefind_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    results(page, pagefind_url, state="?q=Belarus")
    first = page.locator(".edition-search__result").first.bounding_box()
    filters = page.locator(".edition-search__filters").bounding_box()
    assert first is not None and filters is not None
    assert first["y"] < filters["y"] and first["y"] < 844
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, overflow
    context.close()


def test_the_header_search_after_instant_navigation(tmp_path_factory: pytest.TempPathFactory, page) -> None:  # type: ignore[no-untyped-def]
    """Built for the address it is served at, as `mkdocs serve` does, so that the
    theme's instant navigation swaps pages in and keeps the header of the first one:
    its search box still opens the site's search page."""
    project = tmp_path_factory.mktemp("pagefind-instant")
    (project / "site").mkdir()
    with served(project / "site") as url:
        result = build_site(project, ROOT / "seeds", EDITION_SEARCH="pagefind", SITE_URL=url)
        assert result.returncode == 0, result.stderr
        page.goto(url, wait_until="networkidle")  # the theme has read its sitemap
        page.evaluate("() => { window.notReloaded = true }")
        page.locator('a[href$="documents/"]').first.click()
        page.wait_for_url("**/documents/")
        page.locator('article a[href$="07BAKU595/"]').first.click()
        page.wait_for_url("**/documents/07BAKU595/")
        assert page.evaluate("() => window.notReloaded") is True  # swapped in, header kept
        page.locator(".edition-header-search input").fill("Vostok-E")
        page.locator(".edition-header-search input").press("Enter")
        page.wait_for_url(url + "search/?q=Vostok-E")
        page.locator(".edition-search__result").first.wait_for(timeout=60_000)


def test_on_a_phone_the_header_keeps_the_name_and_offers_a_search_button(pagefind_url: str, page) -> None:  # type: ignore[no-untyped-def]
    size = page.viewport_size
    try:
        page.set_viewport_size({"width": 375, "height": 740})
        page.goto(pagefind_url + "documents/07BAKU595/")
        name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the edition's name is cut"
        assert not page.locator(".edition-header-search input").is_visible()
        button = page.locator(".edition-header-search__open")
        assert button.is_visible() and button.get_attribute("aria-label") == "Search the edition"
        button.click()
        page.wait_for_url("**/search/?q=")
        page.locator(".edition-search--ready").wait_for(state="attached", timeout=60_000)
        assert page.locator(".edition-search__input").is_visible()
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(pagefind_url + "documents/07BAKU595/")
        assert page.locator(".edition-header-search input").is_visible()
        assert not page.locator(".edition-header-search__open").is_visible()
    finally:
        if size:
            page.set_viewport_size(size)
