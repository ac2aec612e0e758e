"""Pagefind: an optional search engine for large editions.

Material's search ships one index that the browser must download and build before
the first result (megabytes at a thousand documents); Pagefind splits its index into
small fragments fetched on demand. EDITION_SEARCH chooses: `material`, `pagefind`, or
`auto` (the default: Pagefind above AUTO_THRESHOLD sources). With Pagefind the hook
switches Material's search off, the pages carry Pagefind filters (kind, year, classification,
TAGS, post), and the site is indexed. Only the document text is indexed: the article
element, without permalink symbols.

Pagefind indexes the pages' content, not the finished pages: `Indexing` runs Pagefind's
service and hands it each page's article in a bare HTML page at the page's address
(`article_page`), or a finished page, whose article Pagefind reads the same way
(`index_site`, Pagefind's own command over a finished site, is the reference the
tests compare with). The index is made in parts while MkDocs renders the theme's
templates: see `pagefind_parts`.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from pagefind.service import get_executable

from .errors import EditionError
from .glossary import Entry, Glossary
from .glossary_headers import station_of
from .model import Article, Cable, Document
from .readers.cable_refs import stations

ENGINE_VARIABLE = "EDITION_SEARCH"
ROOT_SELECTOR = "article.md-content__inner"
# Not document text: permalink symbols, and the apparatus the pages mark as not
# searched (render_html.NOT_SEARCHED: the header as printed, the emendation log, BibTeX).
EXCLUDE_SELECTORS = [".headerlink", ".md-content__button", ".footnote-backref", "[data-search-exclude]"]


ENGINES = ("auto", "material", "pagefind")
# Material's search makes a reader wait for its whole index: about 4 s before the
# first result at 1,000 documents, 12 s at 3,000 (docs/benchmark.md).
AUTO_THRESHOLD = 500


def enabled(sources: int, directory_urls: bool = True) -> bool:
    """Whether an edition of `sources` source files is searched with Pagefind. Not by
    choice of size for a copy with `.html` addresses (`make offline`), which is opened
    from a folder, where Pagefind cannot fetch its index. Raises EditionError for an
    unknown EDITION_SEARCH value."""
    engine = os.environ.get(ENGINE_VARIABLE, "auto").strip().lower() or "auto"
    if engine not in ENGINES:
        raise EditionError(Path(ENGINE_VARIABLE), f"unknown search engine {engine!r}: use one of {', '.join(ENGINES)}")
    return engine == "pagefind" or (engine == "auto" and directory_urls and sources > AUTO_THRESHOLD)


def post(cable: Cable) -> str | None:
    """One name per post however its cables spell it (`AMEMBASSY ADDIS ABABA`, `ADDIS
    ABABA` in a cut-off header, `PORT-AU-PRINCE`): the station of the cable id, printed
    with its spaces where the station data gives them; else the origin as printed."""
    station = station_of(cable)
    return _printed_stations().get(station, station) if station else None


@functools.cache
def _printed_stations() -> dict[str, str]:
    return {code: printed for printed, code in stations().multiword.items()}


# Glossary entries a reader narrows a search by: kind of entry -> filter.
ENTRY_FILTERS = {"person": "people", "place": "places", "organisation": "organisations", "equipment": "equipment"}


def facets(document: Document, mentioned: Iterable[Entry] = ()) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The document's Pagefind filters (with the glossary entries it mentions) and the
    metadata its search result shows, as (name, value) pairs."""
    filters: list[tuple[str, str]] = [("kind", document.kind)]
    filters += [(ENTRY_FILTERS[e.kind], e.name) for e in mentioned if e.kind in ENTRY_FILTERS]
    meta: list[tuple[str, str]] = [("kind", document.kind)]
    if document.date:
        filters += [("year", document.date[:4])]
        if len(document.date) >= 7:
            filters.append(("month", document.date[:7]))
        meta.append(("date", document.date[:10]))  # shown in the reader's words by the search page
        if document.date_approximate:
            meta.append(("date_note", "approximate"))
    if isinstance(document, Cable):
        meta += [("id", document.cable_id or "")]
        if document.classification:
            filters.append(("classification", document.classification))
            meta.append(("classification", document.classification))
        filters += [("tags", tag) for tag in document.tags]
        if name := post(document):
            filters.append(("post", name))
            meta.append(("post", name))
    elif isinstance(document, Article):
        meta += [("publication", document.publication or ""), ("author", document.author or "")]
        if document.publication:
            filters.append(("publication", document.publication))
    return filters, [(name, value) for name, value in meta if value]


def filters(document: Document, mentioned: Iterable[Entry] = ()) -> str:
    """Hidden elements that give Pagefind the document's filters, result metadata and
    sort key. Values are read from an attribute (`name[data-value]`): Pagefind's short
    form `name:value` would split a value at its commas."""
    values, meta = facets(document, mentioned)
    spans = [
        f'<span data-pagefind-filter="{html.escape(name)}[data-value]" data-value="{html.escape(value)}"></span>'
        for name, value in values
    ] + [
        f'<span data-pagefind-meta="{html.escape(name)}[data-value]" data-value="{html.escape(value)}"></span>'
        for name, value in meta
    ]
    if document.date:
        spans.append(f'<span data-pagefind-sort="date[data-value]" data-value="{html.escape(document.date)}"></span>')
    return f'<div class="edition-facets" hidden>{"".join(spans)}</div>'


def labels(glossary: Glossary) -> str:
    """What the search page shows beside filter values: the meaning of each TAGS code
    (from the glossary), as JSON safe inside a <script> element."""
    entries = glossary.by_id()
    tags = {code: entries[entry].definition for code, entry in glossary.tags if entry in entries}
    text = json.dumps({"tags": tags}, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _binary(site_dir: Path) -> Path:
    """Pagefind's own binary (from the pagefind[bin] package, or $PAGEFIND_BINARY_PATH)."""
    binary = get_executable()
    if binary is None:
        raise EditionError(site_dir, "cannot run Pagefind: its binary is not installed (pagefind[bin])")
    if not binary.is_file() and (found := shutil.which(binary)):  # a command name
        binary = Path(found)
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        raise EditionError(site_dir, f"cannot run Pagefind: {binary} is not an executable file")
    return binary


def _command(site_dir: Path, output: Path | None = None) -> list[str]:
    """Pagefind's command line over a finished site (its own binary, not the `python -m
    pagefind` wrapper, which would leave the binary running when it is stopped)."""
    command = [
        str(_binary(site_dir)),
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
        f'<body><article class="md-content__inner md-typeset" data-pagefind-body>\n{content}\n</article></body>\n</html>\n'
    )


class Indexing:
    """Pagefind's service, indexing pages as they are handed to it.

    `add` sends one page (its address relative to the site and a whole HTML page) and
    returns at once: Pagefind parses it in its own process while the build goes on.
    `finish` asks for the index, which Pagefind builds while the build goes on; `wait`
    waits for it and gives its files. Raises EditionError if Pagefind cannot start,
    stops, or reports an error."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._sent = 0
        self._replies: dict[int, dict] = {}
        self._addresses: dict[int, str] = {}  # of the pages sent, by message
        self._indexed = 0  # pages Pagefind has read
        self._errors: list[str] = []
        self._replied = threading.Condition()
        self._index_files: int | None = None
        self._ended = False  # Pagefind's output has ended
        self._cancelling = threading.Lock()  # the next edit may stop Pagefind as it ends
        binary = _binary(site_dir)
        # At the lowest priority: MkDocs, single-threaded, keeps a CPU to itself, and
        # Pagefind has the others (about 1.3 s less at 1,000 documents on two CPUs).
        nice = shutil.which("nice")
        command = [*([nice, "-n", "19"] if nice else []), str(binary), "--service"]
        self._diagnostics = ""
        try:
            self._stderr = tempfile.TemporaryFile()  # what Pagefind says if it fails
        except OSError as e:
            raise EditionError(site_dir, f"cannot run Pagefind: {e}") from e
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr
            )
        except OSError as e:
            self._stderr.close()
            raise EditionError(site_dir, f"cannot run Pagefind: {e}") from e
        # Replies are read as they come, so that Pagefind never waits on a full pipe.
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()
        config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": EXCLUDE_SELECTORS}
        try:
            self._index = int(self._reply(self._send({"type": "NewIndex", "config": config})).get("index_id", -1))
        except BaseException:
            self.cancel()
            raise

    def add(self, address: str, page: str) -> None:
        """Send one page (a whole HTML page: `article_page`, or a finished page)."""
        self._addresses[self._sent + 1] = address  # before it is sent: a reply may come at once
        self._send({"type": "AddFile", "index_id": self._index, "file_path": address, "file_contents": page})

    @property
    def pages(self) -> int:
        """Pages sent so far."""
        return len(self._addresses)

    def finish(self) -> None:
        """Every page is added: build the index (in the background; see `wait`)."""
        # The index comes back over the pipe and is written here: Pagefind's own
        # WriteFiles replies before its writes reach the disk, and stopping it then
        # leaves truncated files.
        self._index_files = self._send({"type": "GetFiles", "index_id": self._index})
        self._flush()

    def wait(self) -> list[tuple[str, bytes]]:
        """Wait for the index asked for by `finish`: its files, as (path within the
        bundle, bytes). Pagefind is stopped."""
        assert self._index_files is not None
        try:
            reply = self._reply(self._index_files)
        finally:
            self.cancel()
        if self._indexed != self.pages:  # Pagefind ignores a message it cannot read
            raise _failed(self.site_dir, f"it read {self._indexed} of the {self.pages} pages sent")
        try:
            return [(file["path"], base64.b64decode(file["content"])) for file in reply["files"]]
        except (KeyError, TypeError, ValueError) as e:
            raise _failed(self.site_dir, f"its index could not be read ({type(e).__name__}: {e})") from e

    def cancel(self) -> None:
        """Stop Pagefind (done, or the build failed or was interrupted). Safe to call
        again and from two threads at once: a build's next edit stops the index of the
        last one, which may be ending and stopping Pagefind itself."""
        with self._cancelling:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._close(self._process.stdin)  # its end of input, should a child of it still run
            self._reader.join(timeout=10)  # it reads on to the end of the stopped Pagefind's output
            if not self._stderr.closed:
                self._stderr.seek(0)
                self._diagnostics = self._stderr.read().decode("utf-8", "replace").strip()[-500:]
                self._stderr.close()
            if not self._reader.is_alive():  # else its output is still open elsewhere: left to the reader
                self._close(self._process.stdout)

    @staticmethod
    def _close(pipe: IO[bytes] | None) -> None:
        try:
            if pipe is not None:
                pipe.close()
        except OSError:
            pass  # unsent messages, of no use now

    # The service's protocol: each message is base64-encoded JSON followed by a comma.

    def _send(self, payload: dict) -> int:
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
        try:
            assert self._process.stdin is not None
            self._process.stdin.write(base64.b64encode(message) + b",")
        except (OSError, ValueError) as e:
            raise self._stopped() from e
        return self._sent

    def _flush(self) -> None:
        try:
            assert self._process.stdin is not None
            self._process.stdin.flush()
        except (OSError, ValueError) as e:
            raise self._stopped() from e

    def _reply(self, message: int) -> dict:
        self._flush()
        with self._replied:
            self._replied.wait_for(lambda: message in self._replies or self._errors or self._ended)
        if self._errors:
            raise _failed(self.site_dir, "\n".join(self._errors))
        if message not in self._replies:
            raise self._stopped()
        return self._replies[message]

    def _stopped(self) -> EditionError:
        self.cancel()  # for its exit status and what it said, and its pipes closed
        said = f": {self._diagnostics}" if self._diagnostics else ""
        return _failed(self.site_dir, f"its service stopped (exit status {self._process.returncode}){said}")

    def _read_replies(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        parts: list[bytes] = []  # of a message not yet complete (the index is megabytes)
        try:
            while chunk := os.read(stdout.fileno(), 1 << 20):
                if b"," not in chunk:
                    parts.append(chunk)
                    continue
                *messages, rest = chunk.split(b",")
                messages[0] = b"".join([*parts, messages[0]])
                parts = [rest]
                with self._replied:
                    for message in messages:
                        self._take(json.loads(base64.b64decode(message)))
                    self._replied.notify_all()
        except Exception as e:  # noqa: BLE001 - whatever it is, the build must not wait forever
            with self._replied:
                self._errors.append(f"unreadable reply ({type(e).__name__}: {e})")
        finally:
            with self._replied:
                self._ended = True
                self._replied.notify_all()

    def _take(self, reply: dict | None) -> None:
        """Record one reply (with the lock held)."""
        if reply is None:  # what Pagefind writes once its main loop has ended
            return
        payload = reply["payload"]
        kind = payload["type"]
        message = reply.get("message_id")
        if message is None and kind == "Error":  # to a message Pagefind could not parse: quoted
            quoted = re.search(r'"message_id": ?(\d+)', payload.get("original_message") or "")
            message = quoted[1] if quoted else None
        message = int(message or 0)
        if kind == "IndexedFile":
            self._indexed += 1
        elif kind == "Error":
            page = self._addresses.get(message)
            self._errors.append(f"{page}: {payload.get('message')}" if page else str(payload.get("message")))
        elif kind in ("NewIndex", "GetFiles"):
            self._replies[message] = payload
