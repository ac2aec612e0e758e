"""Source and data text never becomes markup in the browser either, after the theme's
JavaScript has run: tooltips made from titles, truncated header titles and table of
contents entries, search results, instant navigation and published source files.

Each page of a site built from hostile sources (tests/browser_hostile/) is loaded in
Chromium, scrolled, every element with a tooltip and every contents entry hovered, and
searched; any dialog, console error, script flag or element or attribute that a
payload would create fails the test. Payloads are in upper and mixed case and spelt
with character references, not only `<script>alert(1)</script>`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import build_site, served

pytestmark = pytest.mark.browser
HOSTILE = Path(__file__).parent / "browser_hostile"

# Run in the page after each interaction: what a payload would have left behind.
_INJECTED = """() => {
  const found = []
  if (window.__pwned !== undefined) found.push("window.__pwned set")
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase()
    if (["img", "iframe", "object", "embed", "frame", "base"].includes(tag)) found.push("<" + tag + ">")
    // The page's reference (citations.py) holds a hostile title as JSON data, which runs nothing.
    if (tag === "script" && /alert|pwned/i.test(el.textContent) && !/json$/.test(el.type)) found.push("<script>" + el.textContent)
    for (const attribute of el.attributes) {
      if (/^on/i.test(attribute.name)) found.push(tag + " " + attribute.name)
      // Pagefind's own search form: action="javascript:void(0);".
      if (/^(href|src|action|formaction|xlink:href)$/i.test(attribute.name) && /^\\s*(javascript|data):/i.test(attribute.value)
          && !(tag === "form" && attribute.value === "javascript:void(0);"))
        found.push(tag + " " + attribute.name + "=" + attribute.value)
    }
  }
  // A tooltip made from a title attribute holds text only (footnote tooltips hold
  // copies of the notes, which are the page's own elements).
  for (const tip of document.querySelectorAll(".md-tooltip__inner, .md-tooltip2[role=tooltip] .md-tooltip2__inner"))
    if (tip.children.length) found.push("element in tooltip: " + tip.innerHTML)
  return found
}"""


def build_hostile(tmp_path_factory: pytest.TempPathFactory, name: str, **options: Any) -> Path:
    """The site of the hostile sources, with its own glossary of hostile definitions;
    `options` as for `build_site`."""
    project = tmp_path_factory.mktemp(name)
    shutil.copytree(HOSTILE / "data", project / "data")
    result = build_site(project, HOSTILE / "sources", **options)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory, "browser-hostile")


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with served(hostile_site) as url:
        yield url


@pytest.fixture(scope="module")
def tooltip_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site with Material's title tooltips on (the edition switches them off)."""
    with served(build_hostile(tmp_path_factory, "browser-hostile-tooltips", features=("content.tooltips",))) as url:
        yield url


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site searched with Pagefind, as large editions are."""
    with served(build_hostile(tmp_path_factory, "browser-hostile-pagefind", EDITION_SEARCH="pagefind")) as url:
        yield url


@pytest.fixture
def watched(browser):  # type: ignore[no-untyped-def]
    """A wide page (contents sidebar shown) that records dialogs, script errors and
    console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.events = []  # type: ignore[attr-defined]

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        page.events.append(f"dialog {dialog.type}: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: page.events.append(f"page error: {error}"))  # type: ignore[attr-defined]

    def on_console(message) -> None:  # type: ignore[no-untyped-def]
        # The browser asks for /favicon.ico when it shows a plain text file.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            page.events.append(f"console: {message.text} ({message.location.get('url')})")  # type: ignore[attr-defined]

    page.on("console", on_console)
    yield page
    context.close()


def pages_of(site: Path) -> list[str]:
    """Every HTML page of the site, as addresses relative to its root."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        if relative != "404" and not relative.startswith("assets"):
            pages.append("" if relative == "." else relative + "/")
    return pages


_TARGETS = "[title], .md-nav__link, .md-ellipsis, .md-header__topic, a.footnote-ref, .glossary-link"


def hover_everything(page) -> int:  # type: ignore[no-untyped-def]
    """Scroll through the page, then hover each element with a title, each contents
    entry and the header title; returns how many elements were hovered."""
    height = page.evaluate("document.body.scrollHeight")
    for _ in range(0, height + 400, 400):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)  # Material truncates visible titles after scrolling settles
    # Numbered once: the theme moves titles into tooltips and back while we hover.
    count = page.evaluate(
        f"() => {{ const all = document.querySelectorAll({_TARGETS!r});"
        " all.forEach((e, i) => e.setAttribute('data-probe', i)); return all.length }"
    )
    hovered = 0
    for i in range(count):
        target = page.locator(f"[data-probe='{i}']")
        if not target.is_visible():
            continue
        if target.evaluate("e => !!e.closest('.md-header')"):
            # The header shows the page title only while the page is scrolled down.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
            page.wait_for_timeout(100)
        else:
            target.scroll_into_view_if_needed()
        box = target.bounding_box()
        if not box or not box["width"]:
            continue
        page.mouse.move(box["x"] + min(box["width"] / 2, 40), box["y"] + box["height"] / 2)
        hovered += 1
        page.wait_for_timeout(150)
    page.wait_for_timeout(400)
    return hovered


def search_for(page, query: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").press_sequentially(query, delay=10)
    page.wait_for_timeout(600)
    results = page.locator(".md-search-result__item")
    for i in range(min(results.count(), 5)):
        results.nth(i).hover()
    page.keyboard.press("Escape")


def test_hostile_site_has_the_pages_the_payloads_need(hostile_site: Path) -> None:
    # The attack surface exists: a long title, a contents entry with one long word,
    # a cable subject, glossary mentions and a published HTML source.
    pages = pages_of(hostile_site)
    assert "documents/09NOWHERE2/" in pages
    assert any(p.startswith("documents/regional-report-") for p in pages)
    article = next(hostile_site.glob("documents/regional-report-*/index.html")).read_text(encoding="utf-8")
    assert "Antidisestablishmentarianism" in article and 'class="glossary-link"' in article


def test_no_page_runs_source_or_glossary_script(hostile_site: Path, hostile_url: str, watched) -> None:  # type: ignore[no-untyped-def]
    hovered = 0
    for address in pages_of(hostile_site):
        watched.goto(hostile_url + address)
        hovered += hover_everything(watched)
        assert watched.evaluate(_INJECTED) == [], address
        assert watched.events == [], address
    assert hovered > 20  # the hovering really happened


def test_the_checks_catch_script_where_material_parses_titles(tooltip_site: str, watched) -> None:  # type: ignore[no-untyped-def]
    # Why content.tooltips is off: with it, Material parses a title as HTML, and the
    # checks above see the glossary definition's and the cable subject's payloads.
    found = []
    for address in ["documents/09NOWHERE2/", "glossary/terms/"]:
        watched.goto(tooltip_site + address)
        hover_everything(watched)
        found += watched.evaluate(_INJECTED) + watched.events
    # The cable subject's entity-spelt alert, through the truncated header title, and
    # the glossary definition's, through a mention's title.
    assert "dialog alert: 3" in found and "dialog alert: 12" in found, found


def test_truncated_titles_and_definitions_reach_tooltips_as_text(hostile_site: Path, hostile_url: str, watched) -> None:  # type: ignore[no-untyped-def]
    page = next(hostile_site.glob("documents/regional-report-*/index.html")).parent.relative_to(hostile_site).as_posix()
    watched.goto(f"{hostile_url}{page}/")
    hover_everything(watched)
    # The header title and the long contents entry were cut short, and Material gave
    # them their full text as a title: text, never parsed.
    titles = watched.evaluate("() => [...document.querySelectorAll('[title]')].map(e => e.getAttribute('title'))")
    assert any("<img src=x onerror=alert(1)>" in t for t in titles), titles
    assert any("<svg/onload=alert(2)>" in t for t in titles), titles
    definition = watched.locator("a.glossary-link").first.get_attribute("title")
    assert "<img src=x onerror=alert(12)>" in definition
    assert watched.evaluate(_INJECTED) == []
    assert watched.events == []


def test_search_results_and_highlights_stay_text(hostile_url: str, watched) -> None:  # type: ignore[no-untyped-def]
    watched.goto(hostile_url)
    for query in ["onerror", "img", "ALERT", "Quillwort", "x61", "script", "lt"]:
        search_for(watched, query)
        assert watched.evaluate(_INJECTED) == [], query
    # Open a result: the page it opens highlights the words searched for.
    watched.locator(".md-search__input").click()
    watched.locator(".md-search__input").fill("")
    watched.locator(".md-search__input").press_sequentially("onerror", delay=10)
    watched.locator(".md-search-result__item a").first.click()
    watched.wait_for_load_state()
    watched.wait_for_timeout(500)
    hover_everything(watched)
    assert watched.evaluate(_INJECTED) == []
    assert watched.events == []


def test_pagefind_results_stay_text(pagefind_site: str, watched) -> None:  # type: ignore[no-untyped-def]
    watched.goto(pagefind_site + "search/")
    watched.locator(".edition-search--ready").wait_for(state="attached", timeout=60_000)
    for query in ["onerror", "img", "ALERT", "Quillwort", "script"]:
        watched.locator(".edition-search__input").fill(query)
        watched.locator(".edition-search__link").first.wait_for()
        watched.wait_for_timeout(300)
        assert watched.evaluate(_INJECTED) == [], query
    titles = watched.locator(".edition-search__link").all_inner_texts()
    assert any("<img src=x onerror=alert(1)>" in t or "<IMG SRC=X" in t for t in titles), titles
    # Filters and result lines show the sources' values (posts, classifications) as text.
    watched.evaluate("() => document.querySelectorAll('.edition-search__group').forEach(g => { g.open = true })")
    assert watched.evaluate(_INJECTED) == []
    watched.locator(".edition-search__link").first.click()
    watched.wait_for_load_state()
    hover_everything(watched)
    assert watched.evaluate(_INJECTED) == []
    assert watched.events == []


def test_instant_navigation_swaps_in_text(hostile_url: str, watched) -> None:  # type: ignore[no-untyped-def]
    watched.goto(hostile_url + "documents/")
    for i in range(watched.locator("article table a").count()):
        watched.goto(hostile_url + "documents/")
        watched.locator("article table a").nth(i).click()  # fetched and swapped in by Material
        watched.wait_for_load_state()
        hover_everything(watched)
        assert watched.evaluate(_INJECTED) == [], i
    assert watched.events == []


def test_a_published_html_source_is_shown_as_text(hostile_site: Path, hostile_url: str, watched) -> None:  # type: ignore[no-untyped-def]
    assert not (hostile_site / "sources" / "report.html").exists()
    assert [
        p for p in (hostile_site / "sources").iterdir() if p.suffix.lower() in (".html", ".htm", ".svg", ".xml")
    ] == []
    page = next(hostile_site.glob("documents/a-saved-report-*/index.html"))
    watched.goto(hostile_url + page.parent.relative_to(hostile_site).as_posix() + "/")
    link = watched.locator("article a[href*='sources/']").first
    response = watched.request.get(link.evaluate("a => a.href"))
    assert response.headers["content-type"].startswith("text/plain")
    watched.goto(link.evaluate("a => a.href"))
    assert "<script>alert(8)</script>" in watched.locator("body").inner_text()  # the page as saved, as text
    assert watched.evaluate(_INJECTED) == []
    assert watched.events == []
