"""Search and browsing at scale, measured in headless Chromium: how long after a cold
page load the first result of a query appears and how many bytes the search fetched;
and what the documents index weighs and how soon it can be sorted and filtered.

Material's search downloads its whole index and builds it in a web worker before it
can answer (timed from typing, after the page has loaded); Pagefind fetches the
fragments a query needs (timed from opening the search page with the query, as the
header's search box does). Measured, not asserted.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import select
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

CHROMIUM = os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium")
SERVER_START_S = 30


_PAGEFIND = re.compile(r"/pagefind(-\d+)?/")  # the bundles of the index in parts


# Notes when the first search result enters the document (ms from the navigation).
_FIRST_RESULT = """
new MutationObserver((changes, observer) => {
  if (document.querySelector(".edition-search__result, .md-search-result__item")) {
    window.__editionFirstResult = performance.now()
    observer.disconnect()
  }
}).observe(document, { subtree: true, childList: true })
"""


@dataclass(frozen=True)
class SearchTiming:
    engine: str  # material | pagefind
    query: str
    first_result_s: float  # to the first result: from the navigation (Pagefind), from typing (Material)
    search_bytes: int  # bodies of the search's requests, as received (compressed text), once it is done
    first_result_bytes: int = 0  # of which requested before the first result was drawn


def _for_search(url: str) -> bool:
    """Requests of the search itself (not, say, the sitemap that Material's instant
    navigation fetches after every cold load)."""
    return _PAGEFIND.search(url) is not None or any(
        part in url for part in ("search_index", "/workers/search", "search-worker")
    )


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site served as GitHub Pages serves it (`serve.py`: text compressed), by a
    process of its own: a server thread in this process would share the interpreter
    with the browser driver, which handles an event for every request, and slow the
    very pages it measures (by about a quarter at 10,000 documents here)."""
    command = [sys.executable, str(Path(__file__).with_name("serve.py")), str(site)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            ready, _, _ = select.select([server.stdout], [], [], SERVER_START_S)
            started = re.search(r"port (\d+)", server.stdout.readline() if ready else "")  # "Serving on port N"
            if not started:
                raise RuntimeError(f"the site server for {site} did not start within {SERVER_START_S} s")
            yield f"http://127.0.0.1:{started.group(1)}/"
        finally:
            server.terminate()


@contextlib.contextmanager
def _cold_page(browser: Browser | None) -> Iterator[Page]:
    """A page in a new browser context (nothing cached), in `browser` or, without
    one, in a Chromium of its own."""
    if browser is not None:
        context = browser.new_context()
        try:
            yield context.new_page()
        finally:
            context.close()
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield launched.new_context().new_page()
        finally:
            launched.close()


@dataclass(frozen=True)
class IndexTiming:
    rows: int
    html_bytes: int  # documents/index.html as served
    compressed_bytes: int  # the same, gzip-compressed (as GitHub Pages serves it)
    interactive_s: float  # from navigation to the table sortable and filterable
    filter_s: float  # typing a word: until the rows are narrowed


def measure_index(site: Path, url: str, browser: Browser | None = None) -> IndexTiming:
    """Open the documents index of `site`, served at `url` (`served`), cold; time
    until its script has made it interactive, and one narrowing by a word."""
    page_file = site / "documents" / "index.html"
    data = page_file.read_bytes()
    with _cold_page(browser) as page:
        start = time.perf_counter()
        page.goto(url + "documents/", wait_until="commit")
        page.locator(".edition-index-controls:not([hidden])").wait_for(timeout=120_000)
        interactive = time.perf_counter() - start
        rows = page.locator("table.edition-index tbody tr").count()
        start = time.perf_counter()
        page.locator(".edition-index-words").fill("nuclear")
        page.wait_for_function("() => / of /.test(document.querySelector('.edition-index-status').textContent)")
        narrowed = time.perf_counter() - start
    return IndexTiming(rows, len(data), len(gzip.compress(data)), round(interactive, 3), round(narrowed, 3))


def measure(url: str, engine: str, query: str, browser: Browser | None = None) -> SearchTiming:
    """Open the site served at `url` (`served`) cold (a new browser context), search
    `query` at once, time it."""
    with _cold_page(browser) as page:
        finished: list[Request] = []

        def note(request: Request) -> None:
            if _for_search(request.url):
                finished.append(request)

        page.add_init_script(_FIRST_RESULT)
        page.on("requestfinished", note)
        if engine == "pagefind":
            # As a reader arrives from the header's search box: the search page
            # opened with the query, timed by the page itself from the start of
            # the navigation to the first result in the document (the harness's
            # own round trips, about 0.2 s here, left out).
            page.goto(url + "search/?q=" + urllib.parse.quote(query), wait_until="commit")
            page.locator(".edition-search__result").first.wait_for(state="attached", timeout=120_000)
            elapsed = _first_result(page) / 1000
            # The page is done once the filters' values have come and are drawn.
            page.locator(".edition-search--ready").wait_for(state="attached", timeout=120_000)
        else:
            page.goto(url, wait_until="load")
            # Focused first, as a reader's click does: Material opens its search
            # dialog on focus, and its results are visible only in the open dialog.
            page.locator(".md-search__input").focus()
            start = time.perf_counter()
            page.locator(".md-search__input").fill(query)
            # Material searches on key presses: the one a reader's last key sends.
            page.locator(".md-search__input").dispatch_event("keyup")
            # Rendered, whether or not the theme has opened its dialog yet: the
            # time to a result is the search's, not the dialog's.
            page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=120_000)
            elapsed = time.perf_counter() - start
        page.wait_for_timeout(300)  # what the last step started
        drawn = page.evaluate("performance.timeOrigin") + _first_result(page)
        page.remove_listener("requestfinished", note)
        # Requested before the first result was drawn, whether or not its answer had
        # come: an upper bound on what the first result needed. (When a request was
        # sent is exact; Playwright places when its answer ended late by the time it
        # waited in the browser's queue.)
        rows = [(request.timing["startTime"] <= drawn, _received(request)) for request in list(finished)]
    return SearchTiming(
        engine, query, round(elapsed, 3), sum(size for _, size in rows), sum(size for early, size in rows if early)
    )


def _first_result(page: Page) -> float:
    """When the first result entered the document: ms from the navigation."""
    noted = page.evaluate("window.__editionFirstResult")
    if not isinstance(noted, int | float):
        raise RuntimeError("the page did not note its first search result")
    return float(noted)


def _received(request: Request) -> int:
    """The response's bytes as they came over the wire; Chromium counts none for a
    worker's script (Pagefind's), whose size the server announced."""
    size = request.sizes()["responseBodySize"]
    response = request.response() if size == 0 else None
    length = response.headers.get("content-length", "") if response is not None else ""
    return int(length) if length.isdigit() else size
