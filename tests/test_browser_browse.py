"""The documents index in a real browser: one table to sort and narrow, readable on a
phone; and the index at the size of the shared corpus (its weight, and the script at
that size)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def visible_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("table.edition-index tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()


def visible_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("table.edition-index tbody tr:not([hidden]) td:nth-child(3)").all_inner_texts()


def test_documents_index_sorts_and_narrows(site: Path, site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    documents = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    page.goto(site_url + "documents/")
    page.locator(".edition-index-controls:not([hidden])").wait_for()
    assert page.locator("table.edition-index tbody tr").count() == len(documents)
    dated = sorted((d for d in documents if d["date"]), key=lambda d: d["date"])
    titles = visible_titles(page)
    assert titles[: len(dated)] == [d["title"] for d in dated]  # date order, undated last
    row = page.locator("table.edition-index tbody tr", has_text="07BAKU595")
    assert row.locator("td").all_inner_texts() == [
        "16 May 2007",
        "07BAKU595",
        "DEMARCHE DELIVERED: CAUTIONING AZERBAIJAN AGAINST CLOSER RELATIONS WITH BELARUS",
        "BAKU",
        "CONFIDENTIAL",
    ]
    # Newest first: the second press on the Date column reverses the order.
    page.locator("th button", has_text="Date").click()
    assert page.locator("th").first.get_attribute("aria-sort") == "descending"
    assert visible_titles(page)[: len(dated)] == [d["title"] for d in reversed(dated)]
    # Narrowed by kind, then by words.
    page.locator("select[data-filter=kind]").select_option("article")
    articles = {d["title"] for d in documents if d["kind"] == "article"}
    assert set(visible_titles(page)) == articles
    assert page.locator(".edition-index-status").inner_text() == f"{len(articles)} of {len(documents)} documents"
    page.locator("select[data-filter=kind]").select_option("")
    page.locator(".edition-index-words").fill("closer belarus")
    page.wait_for_function("() => document.querySelector('.edition-index-status').textContent.startsWith('1 of')")
    assert visible_ids(page) == ["07BAKU595"]


def test_documents_index_reads_on_a_phone(site_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "documents/")
    page.locator(".edition-index-controls:not([hidden])").wait_for()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, overflow  # no sideways scrolling
    title = page.locator("table.edition-index tbody tr", has_text="07BAKU595").locator("td").nth(2)
    box = title.bounding_box()
    assert box is not None and box["width"] > 300  # the title has a line of its own
    context.close()


def material_results(page, site_url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The pages Material's search lists for `query` (their addresses, in order)."""
    page.goto(site_url)
    page.locator(".md-search__input").focus()
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
    )
    page.locator(".md-search__input").press_sequentially(query, delay=10)  # Material reads keystrokes
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('matching')")
    page.wait_for_timeout(400)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    return [href.split("#")[0].split("?")[0] for href in hrefs]


def test_material_search_matches_a_quoted_phrase(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    loose = material_results(page, site_url, "defence commander")
    exact = material_results(page, site_url, '"defence commander"')
    assert loose and exact
    assert len(exact) < len(loose)
    texts = page.locator(".md-search-result__item").all_inner_texts()
    assert all("defence commander" in " ".join(t.lower().split()) for t in texts[1:]), texts
    # The benchmark page is not searched: a cable's number finds the cable first.
    found = material_results(page, site_url, "BAKU 595")
    assert found[0].endswith("/documents/07BAKU595/"), found
    assert not any("benchmark" in f for f in found)


def test_the_search_dialog_keeps_focus_and_returns_it(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "documents/07BAKU595/")
    opener = page.locator("article a[href]").first
    opener.focus()
    page.keyboard.press("/")  # Material's shortcut: opens the dialog, focus on its input
    page.locator(".md-search__input:focus").wait_for()
    page.keyboard.type("Belarus", delay=10)
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")  # Material's keys move through the results
    assert page.evaluate("() => !!document.activeElement.closest('.md-search-result')")
    # Tab and Shift+Tab stay inside the open dialog, around its box and results.
    for key in ["Tab"] * 15 + ["Shift+Tab"] * 20:
        page.keyboard.press(key)
        assert page.evaluate("() => document.getElementById('__search').checked"), key
        assert page.evaluate("() => !!document.activeElement.closest('.md-search')"), key
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    page.wait_for_function("() => !document.activeElement.closest('.md-search')")
    assert opener.evaluate("el => el === document.activeElement")
