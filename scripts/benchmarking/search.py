"""Search at scale, measured in headless Chromium: how long after a cold page load
the first result of a query appears, and how many bytes the search fetched.

Material's search downloads its whole index and builds it in a web worker before it
can answer; Pagefind fetches the fragments a query needs. Measured, not asserted.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium")


@dataclass(frozen=True)
class SearchTiming:
    engine: str  # material | pagefind
    query: str
    first_result_s: float  # from the load event to the first result on screen
    search_bytes: int  # response bodies the search fetched after the load event


def _for_search(url: str) -> bool:
    """Requests of the search itself (not, say, the sitemap that Material's instant
    navigation fetches after every cold load)."""
    return any(part in url for part in ("/pagefind/", "search_index", "/workers/search", "search-worker"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        pass


def measure(site: Path, engine: str, query: str) -> SearchTiming:
    """Open the site cold (new browser context), type `query` at once, time it."""
    from playwright.sync_api import Request, sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
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
                page.goto(url + "search/", wait_until="load")
                box, result = ".pagefind-ui__search-input", ".pagefind-ui__result"
            else:
                page.goto(url, wait_until="load")
                box, result = ".md-search__input", ".md-search-result__item"
            loaded[0] = True
            # Focused first, as a reader's click does: Material opens its search dialog
            # on focus, and its results are visible only in the open dialog.
            page.locator(box).focus()
            start = time.perf_counter()
            page.locator(box).fill(query)
            # Rendered, whether or not the theme has opened its dialog yet: the time to
            # a result is the search's, not the dialog's.
            page.locator(result).first.wait_for(state="attached", timeout=120_000)
            elapsed = time.perf_counter() - start
            page.wait_for_timeout(300)  # let fetches for the first result finish
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return SearchTiming(engine, query, round(elapsed, 3), sum(fetched))
