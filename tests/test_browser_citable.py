"""Reading like a scholar, in a real browser: the first screen of a document (its
byline, the record folded, the first paragraph in view), citable paragraphs (their
numbers, the paragraph a link leads to marked, the buttons that copy a paragraph's
address and citation), the publisher's redactions and references to cables that
are not in the edition. The site is the real build, served under a sub-path."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, build_site, served
from edition.metadata import CABLE_ID, load_edition

pytestmark = pytest.mark.browser
CORPUS = ROOT.parent / "shared" / "corpus" / "cablegate-2010"
SEED_CABLE = "documents/07BAKU595/"
ARTICLE = "documents/belarusian-defence-industry-recovers/"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
REDACTION = re.compile(r"X{12}")


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"the Cablegate corpus is not at {CORPUS}")
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """The seeds with the corpus's longest cable and its first redacted one, built and
    served; yields (site URL, long cable's page, redacted cable's page)."""
    files = corpus_files()
    longest = max(files, key=lambda path: (path.stat().st_size, path.name))
    redacted = next(path for path in files if REDACTION.search(path.read_text(encoding="utf-8", errors="replace")))
    project = tmp_path_factory.mktemp("corpus-project")
    sources = project / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    for path in (longest, redacted):
        shutil.copy(path, sources / path.name)
    result = build_site(project, sources)
    assert result.returncode == 0, result.stdout + result.stderr
    with served(project / "site") as url:
        yield url, f"documents/{longest.stem}/", f"documents/{redacted.stem}/"


def first_screen(browser, url: str, viewport: str) -> dict:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(url)
    facts = page.evaluate(
        """() => {
        const first = document.querySelector('article .edition-para')
        const title = document.querySelector('article h1')
        const visible = [...document.querySelectorAll('article th')].filter(
            th => th.checkVisibility() && th.getBoundingClientRect().top < window.innerHeight)
        return {
            paragraphTop: first.getBoundingClientRect().top,
            height: window.innerHeight,
            byline: document.querySelector('article .edition-docline').innerText,
            bylineTop: document.querySelector('article .edition-docline').getBoundingClientRect().top,
            titleTop: title.getBoundingClientRect().top,
            recordOpen: document.querySelector('article details.edition-panel').open,
            shownRows: visible.map(th => th.innerText),
            title: title.firstChild.textContent.trim(),
            caps: getComputedStyle(title).fontVariantCaps,
            text: document.querySelector('article').textContent,
        }
    }"""
    )
    context.close()
    return facts


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_seed_cable_opens_on_its_byline_and_first_paragraph(site_url: str, browser, viewport: str) -> None:  # type: ignore[no-untyped-def]
    facts = first_screen(browser, site_url + SEED_CABLE, viewport)
    # Line height of the text: the first line of the first paragraph is in view.
    assert facts["paragraphTop"] + 24 <= facts["height"], facts
    assert facts["titleTop"] < facts["bylineTop"] < facts["paragraphTop"]
    parts = facts["byline"].split(" · ")
    assert parts[:2] == ["07BAKU595", "CONFIDENTIAL"]
    assert "AMEMBASSY BAKU → SECSTATE WASHDC" in parts and "16 May 2007" in parts
    assert re.fullmatch(r"\d+ paragraphs", parts[-1])
    # The record is folded, and nothing of it (a Subject row repeating the title) shows.
    assert facts["recordOpen"] is False and facts["shownRows"] == []
    assert "SIPDIS · SIPDIS" not in facts["text"]
    # The subject keeps its capitals; the stylesheet sets them as small capitals.
    assert facts["title"] == "DEMARCHE DELIVERED: CAUTIONING AZERBAIJAN AGAINST CLOSER RELATIONS WITH BELARUS"
    assert facts["caps"] == "all-small-caps"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_long_corpus_cable_opens_on_its_first_paragraph(corpus_site, browser, viewport: str) -> None:  # type: ignore[no-untyped-def]
    url, longest, _ = corpus_site
    facts = first_screen(browser, url + longest, viewport)
    assert facts["paragraphTop"] + 24 <= facts["height"], facts
    assert facts["recordOpen"] is False and facts["shownRows"] == []
    assert re.fullmatch(r"\d+ paragraphs", facts["byline"].split(" · ")[-1])


def test_the_record_unfolds_with_the_decoded_header_and_the_header_as_printed(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + SEED_CABLE)
    page.locator("details.edition-panel > summary").click()
    rows = page.locator("details.edition-panel table th").all_inner_texts()
    assert {"Cable", "Classification", "From", "To", "TAGS", "References"} <= set(rows)
    assert "Subject" not in rows  # the page's title
    handling = page.locator("details.edition-panel tr", has_text="Handling").locator("td").inner_text()
    assert handling.split(" · ").count("SIPDIS") == 1
    printed = page.locator("details.edition-printed-header")
    assert printed.is_visible() and printed.get_attribute("open") is None


def test_an_article_shows_the_numbers_of_its_paragraphs(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + ARTICLE)
    numbers = page.evaluate(
        """() => [...document.querySelectorAll('article p.edition-para[id]')].map(p => {
            const number = getComputedStyle(p, '::before')
            return [p.id, number.content, number.display !== 'none' && number.visibility !== 'hidden']
        })"""
    )
    assert len(numbers) >= 5
    # Each paragraph shows the number of its address (#p3: 3), outside its text.
    assert numbers == [[anchor, f'"{anchor[1:]}"', True] for anchor, *_ in numbers]


def highlight(page, anchor: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f"[id='{anchor}']").evaluate("element => getComputedStyle(element).backgroundColor")


def test_a_glossary_backlink_lands_on_the_paragraph_marked(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "glossary/people/")
    link = page.locator(f"article a[href*='{ARTICLE}#p']").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()  # the theme's instant navigation: no new page load
    page.wait_for_url(re.compile("#" + anchor + "$"))
    target = page.locator(f"[id='{anchor}']")
    target.wait_for()
    page.wait_for_function(f"document.getElementById('{anchor}').classList.contains('edition-arrived')")
    assert target.is_visible()
    assert highlight(page, anchor) not in ("rgba(0, 0, 0, 0)", "transparent")
    others = page.locator("article p.edition-para[id^='p']")
    other = next(
        others.nth(i).get_attribute("id") for i in range(others.count()) if others.nth(i).get_attribute("id") != anchor
    )
    assert highlight(page, other) == "rgba(0, 0, 0, 0)"


def test_a_paragraph_address_opened_directly_is_marked(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + SEED_CABLE + "#p3")
    assert highlight(page, "p3") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert highlight(page, "p2") == "rgba(0, 0, 0, 0)"


@pytest.fixture
def clipboard_page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


BUTTONS = {"link": "Copy the address", "cite": "Copy a citation"}


def copied(page, anchor: str, action: str) -> str:  # type: ignore[no-untyped-def]
    """What the paragraph's `action` button puts on the clipboard."""
    paragraph = page.locator(f"[id='{anchor}']")
    paragraph.hover()
    button = paragraph.locator(f":scope > .edition-para-actions button[aria-label^='{BUTTONS[action]}']")
    assert button.is_visible() and button.inner_text() == action
    button.click()
    button.filter(has_text="copied").wait_for()
    return page.evaluate("navigator.clipboard.readText()")


def page_citation(page) -> dict | None:  # type: ignore[no-untyped-def]
    element = page.locator("#edition-citation")
    return json.loads(element.text_content()) if element.count() else None


@pytest.mark.parametrize(("path", "anchor", "number"), [(ARTICLE, "p3", "3"), (SEED_CABLE, "p2", "2")])
def test_the_buttons_copy_a_paragraph_address_and_citation(site_url: str, clipboard_page, path, anchor, number) -> None:  # type: ignore[no-untyped-def]
    page = clipboard_page
    page.goto(site_url + path)
    assert copied(page, anchor, "link") == f"{site_url}{path}#{anchor}"
    citation = copied(page, anchor, "cite")
    assert f"¶ {number}" in citation
    cited = page_citation(page)
    if cited is None:
        title = page.locator("article h1").evaluate("h1 => h1.firstChild.textContent.trim()")
        assert citation == f"{title}, ¶ {number}, {site_url}{path}#{anchor}."
        return
    if cited.get("url"):
        assert f"{cited['url']}#{anchor}" in citation
    template = (cited.get("templates") or {}).get("paragraph_chicago")
    if template:
        assert citation.startswith(template.split("{paragraph}")[0])
    else:
        assert citation.startswith(cited["chicago"].rstrip("."))


def test_without_the_page_citation_a_paragraph_is_cited_by_title_and_address(site_url: str, clipboard_page) -> None:  # type: ignore[no-untyped-def]
    page = clipboard_page
    page.goto(site_url + ARTICLE)
    page.evaluate("document.getElementById('edition-citation')?.remove()")
    title = page.locator("article h1").evaluate("h1 => h1.firstChild.textContent.trim()")
    assert copied(page, "p4", "cite") == f"{title}, ¶ 4, {site_url}{ARTICLE}#p4."


def test_the_publisher_redactions_are_shown_as_removals_and_kept_in_the_text(corpus_site, page) -> None:  # type: ignore[no-untyped-def]
    url, _, redacted = corpus_site
    page.goto(url + redacted)
    marks = page.locator("article .edition-redaction")
    assert marks.count() >= 1
    assert marks.first.get_attribute("title") == "removed by the publisher"
    assert re.fullmatch(r"X{5,}|x{5,}", marks.first.inner_text())
    # The run of X stays in the text, where a search finds it.
    paragraph = marks.first.locator("xpath=ancestor::p[1]")
    assert marks.first.inner_text() in paragraph.inner_text()


def test_a_reference_to_a_cable_outside_the_edition_says_so(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + SEED_CABLE)
    note = page.locator("[id='fn:ref-a']")
    assert "BAKU 568 (cable 07BAKU568): not in this edition" in note.inner_text()
    pattern = load_edition(ROOT / "data").cable_copy_url
    copies = note.locator("a.external")
    if pattern:
        assert copies.get_attribute("href") == pattern.replace(CABLE_ID, "07BAKU568")
    else:
        assert copies.count() == 0


def test_an_emendation_leads_to_its_line_in_the_source_view_and_to_its_paragraph(site_url: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + SEED_CABLE)
    row = page.locator(".edition-emendations tbody tr", has=page.locator("td:last-child a")).first
    paragraph = row.locator("td:last-child a").get_attribute("href").split("#")[1]
    line = row.locator("td").first.inner_text()
    row.locator("td:last-child a").click()
    page.wait_for_url(re.compile("#" + paragraph + "$"))
    assert page.locator(f"[id='{paragraph}']").is_visible()
    page.go_back()
    page.locator(f".edition-emendations td:first-child a:text-is('{line}')").first.click()
    page.wait_for_url(re.compile("/source-view/.+#L" + line + "$"))
    target = page.locator(f"[id='L{line}']")
    assert target.is_visible()
    # The line is numbered by a counter (the number is its place among the lines) and marked.
    shown = target.evaluate(
        """span => [getComputedStyle(span, '::before').content, [...span.parentNode.children].indexOf(span) + 1,
            getComputedStyle(span).backgroundColor]"""
    )
    assert shown[:2] == ["counter(line)", int(line)] and shown[2] != "rgba(0, 0, 0, 0)"
