"""What a reader sees in a real browser: search results and highlights, tooltips,
the documents index, the timeline, and accessibility. The site is served under a
sub-path, as on GitHub Pages. Screenshots for the README go to tests/artifacts/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"
DEFENCE = "documents/belarusian-defence-industry-recovers/"


def search(page, site_url: str, query: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Type `query` in the search box; return, per result, the links it offers."""
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    # Results update after each keystroke: read them until two reads agree.
    script = """() => [...document.querySelectorAll('.md-search-result__item')].map(
        item => [...item.querySelectorAll('a')].map(a => a.getAttribute('href')))"""
    results, previous = page.evaluate(script), None
    for _ in range(20):
        if results == previous and results:
            break
        page.wait_for_timeout(250)
        previous, results = results, page.evaluate(script)
    # Links relative to the site root, without the highlight query: "glossary/equipment/#vostok-e".
    return [
        [href.removeprefix(site_url).split("?")[0] + ("#" + href.split("#")[1] if "#" in href else "") for href in r]
        for r in results
    ]


def page_of(links: list[str]) -> str:
    return links[0].split("#")[0]


def test_vostok_e_first_result_is_the_entry_or_the_article_and_is_highlighted(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    results = search(page, site_url, "Vostok-E")
    first = results[0]
    assert page_of(first) in (DEFENCE, "glossary/equipment/")
    assert page_of(first) == DEFENCE or any(link.endswith("#vostok-e") for link in first)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.png"))
    # Open the first result itself.
    page.locator(".md-search-result__item").first.locator("a").first.click()
    page.wait_for_load_state()
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    texts = marks.all_inner_texts()
    assert "Vostok" in texts and "E" in texts
    assert all(len(t.strip()) > 1 or t == "E" for t in texts)  # no stray one-letter marks


@pytest.mark.parametrize("query", ["S-125", "Buk-M2E", "Bor-1M", "vostok-e", "Vostok"])
def test_hyphenated_models_find_the_defence_article_among_the_first_three(site_url: str, page, query: str) -> None:  # type: ignore[no-untyped-def]
    results = search(page, site_url, query)
    assert DEFENCE in [page_of(r) for r in results[:3]]


def test_cable_id_finds_the_cable_first(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    results = search(page, site_url, "07BAKU595")
    assert page_of(results[0]) == "documents/07BAKU595/"


def test_reference_number_finds_the_citing_cable(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    results = search(page, site_url, "BAKU 568")
    assert "documents/07BAKU595/" in [page_of(r) for r in results]


def test_lukashenko_finds_the_entry_listing_lukashenka(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    results = search(page, site_url, "Lukashenko")
    assert any(link.endswith("glossary/people/#lukashenka") for r in results for link in r)
    page.goto(site_url + "glossary/people/#lukashenka")
    entry = page.locator("#lukashenka").locator("xpath=following-sibling::*[1]")
    assert "Lukashenko" in entry.inner_text() and "Lukashenka" in page.locator("#lukashenka").inner_text()


def tooltip_after_hovering(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    page.locator(selector).first.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for()
    return tooltip.inner_text()


def test_hovering_a_ref_marker_shows_the_reference(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "documents/07BAKU595/")
    assert "BAKU 568" in tooltip_after_hovering(page, "#p1 a.footnote-ref")


def test_hovering_a_glossary_link_shows_the_definition(site: Path, site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    entries = {e["id"]: e for e in json.loads((site / "glossary.json").read_text(encoding="utf-8"))["entries"]}
    page.goto(site_url + "documents/07BAKU595/")
    link = page.locator("#p1 a.glossary-link").first
    entry = entries[link.get_attribute("href").split("#")[1]]
    # The browser's own tooltip, which shows text: Material's would parse it as HTML.
    link.hover()
    page.wait_for_timeout(500)
    # The definition, then what is true of this document only (a scoped note).
    notes = [f"Here: {s['note']}" for s in entry["scoped"] if "07BAKU595" in s["documents"]]
    assert link.get_attribute("title") == " ".join([entry["definition"], *notes])
    assert page.locator(".md-tooltip2").count() == 0


def test_documents_index_lists_every_document_with_its_date(site: Path, site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    documents = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    page.goto(site_url + "documents/")
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(documents)
    listed = {
        rows.nth(i).locator("a").inner_text(): rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())
    }
    assert listed["DEMARCHE DELIVERED: CAUTIONING AZERBAIJAN AGAINST CLOSER RELATIONS WITH BELARUS"] == "16 May 2007"
    assert set(listed) == {d["title"] for d in documents}
    assert all(re.search(r"\d{4}", date) for date in listed.values())


def test_timeline_links_land_on_the_paragraph_that_states_the_event(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "timeline/")
    events = page.locator("li.edition-event")
    count = events.count()
    assert count >= 5
    assert page.locator("li.edition-event time").count() == count
    for i in range(count):
        page.goto(site_url + "timeline/")
        event = page.locator("li.edition-event").nth(i)
        text = event.inner_text()
        anchor = event.locator("a").last.get_attribute("href").split("#")[1]
        event.locator("a").last.click()
        page.wait_for_url(re.compile("#" + re.escape(anchor) + "$"))
        paragraph = page.locator(f"[id='{anchor}']")
        assert paragraph.is_visible(), text
        # The paragraph names what the event is about: a name from the event's text.
        names = set(re.findall(r"\b[A-Z][a-z]{3,}\b", text.split("—")[0])) - {"Ambassador", "The"}
        assert any(name in paragraph.inner_text() for name in names), (text, names)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_serious_accessibility_violations(site_url: str, browser, scheme: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme)  # the palette follows the reader's preference
    page = context.new_page()
    # A document opened at a paragraph (marked, its buttons shown) and a source's lines.
    source_view = "source-view/" + sorted((ROOT / "seeds").glob("*.txt"))[0].name + "/#L3"
    paths = ["", "documents/", "documents/07BAKU595/#p2", DEFENCE + "#p3", "timeline/", "glossary/people/", source_view]
    for path in paths:
        page.goto(site_url + path)
        if "#p" in path:
            page.locator(f"[id='{path.split('#')[1]}']").hover()
            page.locator("details.edition-panel > summary").click()  # the full record, open
        if "#" in path:
            page.wait_for_timeout(500)  # the theme's header fades to the page title when scrolled
        violations = axe.run(page).response["violations"]
        serious = [
            (v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (scheme, path, serious)
    context.close()
