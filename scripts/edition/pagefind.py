"""Pagefind: an optional search engine for large editions.

Material's search ships one index that the browser must download and build before
the first result (megabytes at a thousand documents); Pagefind splits its index into
small fragments fetched on demand. EDITION_SEARCH chooses: `material`, `pagefind`, or
`auto` (the default: Pagefind above AUTO_THRESHOLD sources). With Pagefind the hook
switches Material's search off, the pages carry Pagefind filters (kind, year, classification,
TAGS, post), and the site is indexed. Only the document text is indexed: the article
element, without permalink symbols.

Pagefind indexes the pages' content, not the finished pages: once MkDocs has converted
every page, `Indexing` writes each page's article into a bare HTML file at the page's
address and runs Pagefind over those in the background, while MkDocs renders the
theme's templates; the build then waits for it. The index is the same (the article is
all Pagefind reads of a page) and the build is seconds shorter. `index_site` indexes a
finished site instead, for builds that did not convert every page (`--dirty`).
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from pagefind.service import get_executable

from .errors import EditionError
from .model import Cable, Document

ENGINE_VARIABLE = "EDITION_SEARCH"
ROOT_SELECTOR = "article.md-content__inner"
# Not document text: permalink symbols, and the apparatus the pages mark as not
# searched (render_html.NOT_SEARCHED: the header as printed, the emendation log, BibTeX).
EXCLUDE_SELECTORS = [".headerlink", ".md-content__button", ".footnote-backref", "[data-search-exclude]"]


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


def _command(site_dir: Path, output: Path | None = None) -> list[str]:
    """Pagefind's own binary (from the pagefind[bin] package; not the `python -m
    pagefind` wrapper, which would leave the binary running when it is stopped)."""
    binary = get_executable()
    if binary is None:
        raise EditionError(site_dir, "cannot run Pagefind: its binary is not installed (pagefind[bin])")
    command = [
        str(binary),
        "--site", str(site_dir),
        "--root-selector", ROOT_SELECTOR,
        "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS),
    ]  # fmt: skip
    return command + (["--output-path", str(output)] if output else [])


def _failed(site_dir: Path, output: str) -> EditionError:
    return EditionError(site_dir, f"Pagefind failed: {output.strip()[-500:]}")


def index_site(site_dir: Path) -> str:
    """Run Pagefind over the built site; returns its report. Raises EditionError."""
    try:
        run = subprocess.run(_command(site_dir), capture_output=True, text=True, check=False)
    except OSError as e:
        raise EditionError(site_dir, f"cannot run Pagefind: {e}") from e
    if run.returncode != 0:
        raise _failed(site_dir, run.stderr or run.stdout)
    return run.stdout


def article_page(content: str, title: str, language: str) -> str:
    """A bare page holding `content` (a page's HTML) as the theme's article does."""
    return (
        f'<!doctype html>\n<html lang="{html.escape(language)}">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        f'<body><article class="md-content__inner md-typeset">\n{content}\n</article></body>\n</html>\n'
    )


class Indexing:
    """Pagefind running in the background over the articles of a site's pages.

    `pages` are (address of the built file relative to the site, title, content);
    the index is written to `site_dir/pagefind`. Raises EditionError if Pagefind
    cannot start."""

    def __init__(self, pages: Iterable[tuple[str, str, str]], language: str, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._folder = Path(tempfile.mkdtemp(prefix="edition-pagefind-"))
        self._log: IO[str] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        try:
            articles = self._folder / "articles"
            for address, title, content in pages:
                path = articles / address
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(article_page(content, title, language), encoding="utf-8")
            self._log = (self._folder / "pagefind.log").open("w+", encoding="utf-8")
            command = _command(articles, site_dir.resolve() / "pagefind")
            self._process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)
        except BaseException as e:
            self.cancel()
            if isinstance(e, OSError):
                raise EditionError(site_dir, f"cannot run Pagefind: {e}") from e
            raise

    def wait(self) -> str:
        """Wait for the index; returns Pagefind's report. Raises EditionError."""
        assert self._process is not None and self._log is not None
        try:
            returncode = self._process.wait()
        except BaseException:  # interrupted: Pagefind must not go on writing
            self.cancel()
            raise
        self._log.seek(0)
        report = self._log.read()
        self._close()
        if returncode != 0:
            raise _failed(self.site_dir, report)
        return report

    def cancel(self) -> None:
        """Stop Pagefind (the build failed or was interrupted) and remove its input."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._close()

    def _close(self) -> None:
        if self._log is not None:
            self._log.close()
        shutil.rmtree(self._folder, ignore_errors=True)
