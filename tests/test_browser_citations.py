"""Copying a reference in Chromium: the copy buttons put the reference on the clipboard,
with the reader's access date, also after Material's instant navigation."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import pytest
from conftest import ROOT, build_site, served
from edition import citations

pytestmark = pytest.mark.browser
PUBLISHED = "https://example.org/edition/"
CABLE_PAGE = "documents/07BAKU595/"


@pytest.fixture(scope="module")
def published_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seeds built for a published address (so that references carry an access
    date), served on 127.0.0.1."""
    project = tmp_path_factory.mktemp("published-browser")
    result = build_site(project, ROOT / "seeds", SITE_URL=PUBLISHED)
    assert result.returncode == 0, result.stdout + result.stderr
    with served(project / "site") as url:
        yield url


@pytest.fixture
def clipboard_page(browser, published_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def today(page) -> datetime.date:  # type: ignore[no-untyped-def]
    """The browser's day (its time zone, not Python's)."""
    year, month, day = page.evaluate(
        "() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()] }"
    )
    return datetime.date(year, month, day)


def expected(page, style: str, **slots: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The reference the page's data gives for `style`, dated today (either side of midnight)."""
    data = json.loads(page.locator("script#edition-citation").text_content())
    name = f"paragraph_{style}" if slots else style
    days = {today(page), datetime.date.today()}
    return {data["templates"][name].format(accessed=citations.access_text(style, day), **slots) for day in days}


def copy(page, target: str) -> str:  # type: ignore[no-untyped-def]
    page.locator(f'button.edition-copy[data-copy-target="{target}"]').click()
    page.wait_for_function(
        "b => b.textContent === 'Copied'", arg=page.locator(f'[data-copy-target="{target}"]').element_handle()
    )
    return str(page.evaluate("() => navigator.clipboard.readText()"))


def test_copy_buttons_put_the_reference_on_the_clipboard(clipboard_page, published_url: str) -> None:  # type: ignore[no-untyped-def]
    page = clipboard_page
    page.goto(published_url + CABLE_PAGE)
    chicago = copy(page, "cite-chicago")
    assert chicago in expected(page, "chicago")
    assert chicago.startswith("US Embassy Baku. “")
    assert chicago.endswith(citations.access_text("chicago", today(page)) + f"{PUBLISHED}{CABLE_PAGE}.")
    # What is copied is what the reader sees, access date included.
    assert page.locator("#cite-chicago").inner_text() == chicago
    assert copy(page, "cite-mla") in expected(page, "mla")

    page.locator("details.edition-cite-format summary", has_text="BibTeX").click()
    bibtex = copy(page, "cite-bibtex")
    assert bibtex.startswith("@techreport{07BAKU595,\n") and bibtex.endswith(
        f"  urldate = {{{today(page).isoformat()}}}\n}}"
    )
    page.locator("details.edition-cite-format summary", has_text="CSL-JSON").click()
    [item] = json.loads(copy(page, "cite-csl"))
    assert item["number"] == "07BAKU595" and item["accessed"]["date-parts"] == [list(today(page).timetuple()[:3])]
    # The paragraph references other scripts build from the page's data.
    paragraph = page.evaluate("() => window.editionCitation.paragraph('chicago', '4', 'p4')")
    assert paragraph in expected(page, "chicago", paragraph="4", anchor="p4")
    assert ", ¶ 4. " in paragraph and paragraph.endswith(f"{PUBLISHED}{CABLE_PAGE}#p4.")


@pytest.fixture(scope="module")
def local_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seeds built for the address they are served at, as `mkdocs serve` does: the
    theme's instant navigation takes only links to the address in its sitemap. A local
    address is not a published one: the references give none, and no access date."""
    project = tmp_path_factory.mktemp("local-browser")
    (project / "site").mkdir()
    with served(project / "site") as url:
        result = build_site(project, ROOT / "seeds", SITE_URL=url)
        assert result.returncode == 0, result.stdout + result.stderr
        yield url


def test_references_after_instant_navigation(browser, local_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(local_url + "documents/", wait_until="networkidle")  # the theme has read its sitemap
    page.evaluate("() => { window.notReloaded = true }")
    page.locator('article a[href$="07BAKU595/"]').first.click()
    page.wait_for_url("**/07BAKU595/")
    page.locator("#cite-chicago").wait_for()
    # Material swapped the page in (no reload), head included: the data is this page's.
    assert page.evaluate("() => window.notReloaded") is True
    data = json.loads(page.locator("script#edition-citation").text_content())
    assert data["id"] == "07BAKU595" and data["url"] is None
    chicago = copy(page, "cite-chicago")
    assert chicago == data["chicago"] and chicago.endswith("Address not yet published.")
    page.locator("details.edition-cite-format summary", has_text="RIS").click()
    assert "Y2  - " not in copy(page, "cite-ris")  # no address, no access date
    # The paragraph references other scripts build from the page's data.
    paragraph = page.evaluate("() => window.editionCitation.paragraph('chicago', '4', 'p4')")
    assert paragraph == data["templates"]["paragraph_chicago"].format(accessed="", paragraph="4", anchor="p4")
    assert ", ¶ 4. " in paragraph
    context.close()
    assert errors == []
