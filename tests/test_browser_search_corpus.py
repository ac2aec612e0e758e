"""Search as a researcher uses it, on an edition of 400 real cables and the seeds,
searched with Pagefind, in a real browser: the header's search box, browsing by
filters alone, the state in the address, phrases, and results that say what they are.
Skipped without the shared corpus."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter

import pytest
from conftest import CABLES, ROOT, build_site, served

pytestmark = pytest.mark.browser

SIZE = 400


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if not CABLES.is_dir():
        pytest.skip("the shared corpus is absent")
    root = tmp_path_factory.mktemp("search-corpus")
    sources = root / "sources"
    sources.mkdir()
    for path in sorted(CABLES.glob("*.txt"))[:SIZE]:
        shutil.copy(path, sources / path.name)
    for path in (ROOT / "seeds").iterdir():
        shutil.copy(path, sources / path.name)
    result = build_site(root / "project", sources, EDITION_SEARCH="pagefind")
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "project" / "site"
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    with served(site) as url:
        yield url, catalogue


def wait_for_results(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.locator(".edition-search--ready").wait_for(state="attached", timeout=60_000)
    page.wait_for_function(
        "() => /^\\d+ results?/.test(document.querySelector('.edition-search__status').textContent)",
        timeout=60_000,
    )
    return page.locator(".edition-search__link").evaluate_all("els => els.map(a => a.getAttribute('href'))")


def page_name(href: str) -> str:
    return href.rstrip("/").split("/")[-1]


def test_the_header_search_on_a_document_page_finds_a_cable(edition, page) -> None:  # type: ignore[no-untyped-def]
    url, _ = edition
    page.goto(url + "documents/07BAKU595/")
    page.locator(".edition-header-search input").fill("07BAKU595")
    page.locator(".edition-header-search input").press("Enter")
    assert page_name(wait_for_results(page)[0]) == "07BAKU595"
    # A result says what it is: id and date under its title.
    meta = page.locator(".edition-search__meta").first.inner_text()
    assert meta.startswith("07BAKU595 · 16 May 2007")


def test_browsing_by_classification_and_year_lists_the_right_documents(edition, page) -> None:  # type: ignore[no-untyped-def]
    url, catalogue = edition
    cables = [d for d in catalogue if d["kind"] == "cable" and d["date"] and d.get("classification")]
    (classification, year), _ = Counter((d["classification"], d["date"][:4]) for d in cables).most_common(1)[0]
    expected = {d["id"] for d in cables if d["classification"] == classification and d["date"][:4] == year}
    page.goto(url + "search/")
    page.locator(".edition-search--ready").wait_for(state="attached", timeout=60_000)
    page.locator(".edition-search__group[data-name=classification] summary").click()
    page.locator(f'input[name=classification][value="{classification}"]').check()
    wait_for_results(page)
    page.locator(".edition-search__group[data-name=year] summary").click()
    page.locator(f'input[name=year][value="{year}"]').check()
    page.wait_for_function(
        f"() => document.querySelector('.edition-search__status').textContent.startsWith('{len(expected)} result')"
    )
    while page.locator(".edition-search__more:not([hidden])").count():
        page.locator(".edition-search__more").click()
        page.wait_for_timeout(200)
    found = {page_name(href) for href in wait_for_results(page)}
    assert found == expected
    # Every line names the year and the classification chosen.
    for line in page.locator(".edition-search__meta").all_inner_texts():
        assert year in line and classification in line, line


def test_back_and_reload_restore_the_query_and_the_filters(edition, page) -> None:  # type: ignore[no-untyped-def]
    url, _ = edition
    page.goto(url + "search/")
    page.locator(".edition-search__input").fill("nuclear")
    first = wait_for_results(page)
    page.locator(".edition-search__group[data-name=kind] summary").click()
    page.locator("input[name=kind][value=cable]").check()
    page.wait_for_url(re.compile(r"f=kind%3Acable"))
    narrowed = wait_for_results(page)
    page.reload()
    assert wait_for_results(page) == narrowed
    assert page.locator(".edition-search__input").input_value() == "nuclear"
    assert page.locator("input[name=kind][value=cable]").is_checked()
    page.locator(".edition-search__link").first.click()
    page.wait_for_load_state()
    page.go_back()
    assert wait_for_results(page) == narrowed
    assert page.locator("input[name=kind][value=cable]").is_checked()
    page.go_back()  # before the filter was chosen
    page.wait_for_function("() => !document.querySelector('input[name=kind][value=cable]')?.checked")
    assert wait_for_results(page) == first


def test_a_quoted_phrase_matches_only_the_phrase(edition, page) -> None:  # type: ignore[no-untyped-def]
    url, _ = edition
    page.goto(url + "search/?q=%22human%20rights%22")
    exact = wait_for_results(page)
    assert exact
    for excerpt in page.locator(".edition-search__excerpt").all_inner_texts():
        assert "human rights" in " ".join(excerpt.lower().split()), excerpt
    page.goto(url + "search/?q=human%20rights")
    loose = wait_for_results(page)
    assert len(loose) >= len(exact)


def test_results_read_in_the_dark_palette(edition, browser) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    url, _ = edition
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(url + "search/?q=Moscow&f=kind:cable")
    wait_for_results(page)
    page.evaluate("() => document.querySelectorAll('.edition-search__group').forEach(g => { g.open = true })")
    violations = Axe().run(page, context={"include": [["#edition-search"], [".edition-header-search"]]}).response
    contrast = [n["target"] for v in violations["violations"] if v["id"] == "color-contrast" for n in v["nodes"]]
    assert contrast == []
    context.close()
