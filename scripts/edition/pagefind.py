"""Pagefind: an optional search engine for large editions.

Material's search ships one index that the browser must download and build before
the first result (megabytes at a thousand documents); Pagefind splits its index into
small fragments fetched on demand. EDITION_SEARCH chooses: `material`, `pagefind`, or
`auto` (the default: Pagefind above AUTO_THRESHOLD sources). With Pagefind the hook
switches Material's search off, the pages carry Pagefind filters (kind, year, classification,
TAGS, post), and `index_site` indexes the built site. Only the document text is
indexed: the article element, without permalink symbols.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

from .errors import EditionError
from .model import Cable, Document

ENGINE_VARIABLE = "EDITION_SEARCH"
ROOT_SELECTOR = "article.md-content__inner"
# Not document text: permalink symbols, and apparatus that repeats the text or the
# panel (the emendation log, the header as printed, BibTeX).
EXCLUDE_SELECTORS = [
    ".headerlink",
    ".md-content__button",
    ".footnote-backref",
    ".edition-emendations",
    ".edition-printed-header",
    ".edition-bibtex",
]


ENGINES = ("auto", "material", "pagefind")
# Material's search makes a reader wait for its whole index: about 1.5 s before the
# first result at 300 documents, 9 s at 1,000 (docs/benchmark.md).
AUTO_THRESHOLD = 500


def enabled(sources: int) -> bool:
    """Whether an edition of `sources` source files is searched with Pagefind.
    Raises EditionError for an unknown EDITION_SEARCH value."""
    engine = os.environ.get(ENGINE_VARIABLE, "auto").strip().lower() or "auto"
    if engine not in ENGINES:
        raise EditionError(Path(ENGINE_VARIABLE), f"unknown search engine {engine!r}: use one of {', '.join(ENGINES)}")
    return engine == "pagefind" or (engine == "auto" and sources > AUTO_THRESHOLD)


def filters(document: Document) -> str:
    """Hidden elements that give Pagefind the document's facets."""
    values: list[tuple[str, str]] = [("kind", document.kind)]
    if document.date:
        values.append(("year", document.date[:4]))
    if isinstance(document, Cable):
        if document.classification:
            values.append(("classification", document.classification))
        values += [("tags", tag) for tag in document.tags]
        if document.origin:
            values.append(("post", document.origin))
    spans = "".join(
        f'<span hidden data-pagefind-filter="{html.escape(name)}:{html.escape(value)}"></span>'
        for name, value in values
    )
    return f'<div class="edition-facets" hidden>{spans}</div>'


def index_site(site_dir: Path) -> str:
    """Run Pagefind over the built site; returns its report. Raises EditionError."""
    command = [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--root-selector", ROOT_SELECTOR,
        "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
    ]  # fmt: skip
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as e:
        raise EditionError(site_dir, f"cannot run Pagefind: {e}") from e
    if run.returncode != 0:
        raise EditionError(site_dir, f"Pagefind failed: {(run.stderr or run.stdout).strip()[-500:]}")
    return run.stdout
