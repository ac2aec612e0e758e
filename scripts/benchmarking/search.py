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
import functools
import gzip
import http.server
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium")


_PAGEFIND = re.compile(r"/pagefind(-\d+)?/")  # the bundles of the index in parts


# Notes when the first search result enters the document (ms from the navigation).
_FIRST_RESULT = """
new MutationObserver((changes, observer) => {
  if (document.querySelector(".edition-search__result")) {
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
    search_bytes: int  # response bodies the search fetched after the load event
    first_result_bytes: int = 0  # of which fetched by the time the first result is on screen


def _for_search(url: str) -> bool:
    """Requests of the search itself (not, say, the sitemap that Material's instant
    navigation fetches after every cold load)."""
    return _PAGEFIND.search(url) is not None or any(
        part in url for part in ("search_index", "/workers/search", "search-worker")
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        pass


@contextlib.contextmanager
def _served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class IndexTiming:
    rows: int
    html_bytes: int  # documents/index.html as served
    compressed_bytes: int  # the same, gzip-compressed (as GitHub Pages serves it)
    interactive_s: float  # from navigation to the table sortable and filterable
    filter_s: float  # typing a word: until the rows are narrowed


def measure_index(site: Path) -> IndexTiming:
    """Open the documents index cold; time until its script has made it interactive,
    and one narrowing by a word."""
    from playwright.sync_api import sync_playwright

    page_file = site / "documents" / "index.html"
    data = page_file.read_bytes()
    with _served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context().new_page()
        start = time.perf_counter()
        page.goto(url + "documents/", wait_until="commit")
        page.locator(".edition-index-controls:not([hidden])").wait_for(timeout=120_000)
        interactive = time.perf_counter() - start
        rows = page.locator("table.edition-index tbody tr").count()
        start = time.perf_counter()
        page.locator(".edition-index-words").fill("nuclear")
        page.wait_for_function("() => / of /.test(document.querySelector('.edition-index-status').textContent)")
        narrowed = time.perf_counter() - start
        browser.close()
    return IndexTiming(rows, len(data), len(gzip.compress(data)), round(interactive, 3), round(narrowed, 3))


def measure(site: Path, engine: str, query: str) -> SearchTiming:
    """Open the site cold (new browser context), type `query` at once, time it."""
    from playwright.sync_api import Request, sync_playwright

    with _served(site) as url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context().new_page()
            fetched: list[int] = []
            loaded = [False]

            def count(request: Request) -> None:
                if loaded[0] and _for_search(request.url):
                    fetched.append(request.sizes()["responseBodySize"])

            page.on("requestfinished", count)
            if engine == "pagefind":
                # As a reader arrives from the header's search box: the search page
                # opened with the query, timed by the page itself from the start of
                # the navigation to the first result in the document (the harness's
                # own round trips, about 0.2 s here, left out).
                page.add_init_script(_FIRST_RESULT)
                loaded[0] = True
                page.goto(url + "search/?q=" + urllib.parse.quote(query), wait_until="commit")
                page.locator(".edition-search__result").first.wait_for(state="attached", timeout=120_000)
                first = sum(fetched)
                elapsed = page.evaluate("window.__editionFirstResult") / 1000
            else:
                page.goto(url, wait_until="load")
                loaded[0] = True
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
                first = sum(fetched)
            page.wait_for_timeout(300)  # let fetches for the first result finish
            browser.close()
    return SearchTiming(engine, query, round(elapsed, 3), sum(fetched), first)
