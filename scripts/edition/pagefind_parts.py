"""Pagefind's index in parts of bounded size, searched in the browser as one.

Pagefind holds every page it indexes in memory until it writes the index (about
0.7 MB a page), so one index of a large edition needs more memory than a machine has.
The pages searched are therefore cut into parts of at most `part_pages()` pages, in
the order of their dates (undated pages last); each part is indexed by a Pagefind of
its own, one after the other, and written as a bundle of its own (`pagefind/`,
`pagefind-2/` ...). The search page loads the first bundle and merges the others
(Pagefind's `mergeIndex`, which shares the first bundle's WebAssembly), as
`pagefind/edition-bundles.json` lists them, each with a `part` filter of its own:
Pagefind orders merged results by score, so results by date are the parts' own
sorted results, part after part.

A `--dirty` build (`mkdocs serve --dirty`, the editor's loop) converts only the pages
whose Markdown changed. `pagefind/edition-parts.json` records which pages each part
holds, with a digest of each page's content and its date, so such a build indexes
again only the parts that changed, from the pages converted and the finished pages of
the others (Pagefind reads the same article from either); the other bundles stay.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import EditionError
from .pagefind import EXCLUDE_SELECTORS, ROOT_SELECTOR, Indexing

PART_VARIABLE = "EDITION_SEARCH_PART_PAGES"
# About 1.4 GB of Pagefind at most; few enough bundles that a search of 10,000
# documents fetches five metadata files, not fifty.
PART_PAGES = 2000
BUNDLES = "pagefind/edition-bundles.json"  # fetched by the search page
MANIFEST = "pagefind/edition-parts.json"  # read by the next --dirty build
# A finished page that Pagefind indexes (overrides/main.html marks its article).
_SEARCHED = re.compile(rb'<article class="md-content__inner md-typeset" data-pagefind-body>')
# A page's date, as `pagefind.filters` gives it to Pagefind to sort by.
_DATE = re.compile(r'<span data-pagefind-sort="date\[data-value\]" data-value="([^"]*)">')


def part_pages() -> int:
    """Pages per part: PART_PAGES, or $EDITION_SEARCH_PART_PAGES. Raises EditionError."""
    value = os.environ.get(PART_VARIABLE, "").strip()
    if not value:
        return PART_PAGES
    if not value.isdigit() or int(value) < 1:
        raise EditionError(Path(PART_VARIABLE), f"must be a whole number of pages, at least 1: {value!r}")
    return int(value)


def bundle_name(part: int) -> str:
    """The folder of part `part` (from 0) in the site."""
    return "pagefind" if part == 0 else f"pagefind-{part + 1}"


def digest(page: str) -> str:
    return hashlib.blake2b(page.encode("utf-8"), digest_size=12).hexdigest()


def is_searched(finished: bytes) -> bool:
    """Whether a finished page is one Pagefind indexes."""
    return _SEARCHED.search(finished) is not None


@dataclass(frozen=True)
class Page:
    """A page searched: its address in the site, a digest of its content, its date."""

    address: str
    digest: str
    date: str  # "" when undated


@dataclass(frozen=True)
class Part:
    pages: tuple[Page, ...]
    indexed: bool = True  # its bundle holds these pages (False while it is redone)


def searched_page(address: str, page: str) -> Page:
    """The record of a page Pagefind reads (an `article_page` or a finished page)."""
    found = _DATE.search(page)
    return Page(address, digest(page), html.unescape(found[1]) if found else "")


def stamp(language: str) -> str:
    """What else an index depends on: Pagefind's version, what it reads of a page, and
    the language. Parts made under another are made again."""
    try:
        version = importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return json.dumps([version, ROOT_SELECTOR, EXCLUDE_SELECTORS, language])


def read_manifest(site_dir: Path, language: str) -> list[Part] | None:
    """The parts of the last build into `site_dir`, if it recorded them under the same
    `stamp`; a part whose bundle is missing is to be indexed again."""
    try:
        data = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
        if data["stamp"] != stamp(language):
            return None
        parts = [
            Part(tuple(Page(str(a), str(d), str(t)) for a, d, t in part["pages"]), bool(part["indexed"]))
            for part in data["parts"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    missing = [i for i, part in enumerate(parts) if not (site_dir / bundle_name(i) / "pagefind-entry.json").is_file()]
    return [replace(part, indexed=False) if i in missing else part for i, part in enumerate(parts)]


def write_bundle(site_dir: Path, part: int, files: list[tuple[str, bytes]]) -> None:
    """Write one part's bundle in place of the old one: into a new folder, which then
    takes the old one's name, so that a bundle is never half written. Raises
    EditionError."""
    target = site_dir / bundle_name(part)
    fresh = target.with_name(target.name + ".new")
    try:
        shutil.rmtree(fresh, ignore_errors=True)
        for path, data in files:
            file = fresh / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
        for own in (BUNDLES, MANIFEST) if part == 0 else ():  # the listing stays in place
            if (site_dir / own).is_file():
                shutil.copy2(site_dir / own, fresh / Path(own).name)
        old = target.with_name(target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as e:
        raise EditionError(target, f"cannot write Pagefind's index: {e}") from e


def write_listing(site_dir: Path, parts: list[Part], language: str) -> None:
    """Record the parts (for the next --dirty build) and list the bundles there are
    (for the search page)."""
    count = len(parts)
    try:
        (site_dir / BUNDLES).parent.mkdir(parents=True, exist_ok=True)
        bundles = [f"../{bundle_name(i)}/" for i in range(1, count) if (site_dir / bundle_name(i)).is_dir()]
        (site_dir / BUNDLES).write_text(json.dumps({"bundles": bundles}), encoding="utf-8")
        manifest = {
            "stamp": stamp(language),
            "parts": [
                {"indexed": part.indexed, "pages": [[p.address, p.digest, p.date] for p in part.pages]}
                for part in parts
            ],
        }
        (site_dir / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    except OSError as e:
        raise EditionError(site_dir / MANIFEST, f"cannot write Pagefind's list of bundles: {e}") from e


def remove_surplus(site_dir: Path, count: int) -> None:
    """Remove the bundles of parts there are no longer."""
    for folder in site_dir.glob("pagefind-*"):
        number = folder.name.removeprefix("pagefind-")
        if number.isdigit() and int(number) > count:
            shutil.rmtree(folder, ignore_errors=True)


def plan(
    order: Iterable[str],
    converted: dict[str, Page | None],
    previous: list[Part] | None,
    size: int,
    site_dir: Path,
) -> tuple[list[Part], list[int]]:
    """The parts of the site, and which of them must be indexed (again).

    `order` gives every page of the site in build order; `converted` the pages
    converted by this build, None for a page not searched. A page not converted is as
    the last build left it: searched if the last build's parts hold it (without a
    record of them, if its finished page is searched, and it is indexed again)."""
    known = {page.address: page for part in previous or () for page in part.pages}
    pages: list[Page] = []
    unrecorded: set[str] = set()
    for address in order:
        if address in converted:
            if (page := converted[address]) is not None:
                pages.append(page)
        elif previous is not None:
            if address in known:
                pages.append(known[address])
        else:
            try:
                finished = (site_dir / address).read_bytes()
            except OSError:
                continue
            if is_searched(finished):
                pages.append(searched_page(address, finished.decode("utf-8", "replace")))
                unrecorded.add(address)
    # By date, then in build order (a stable sort); undated pages last. As few parts
    # as the size allows, of even sizes (each bundle costs a reader a few fetches).
    pages.sort(key=lambda page: (not page.date, page.date))
    count = -(-len(pages) // size)
    bounds = [len(pages) * i // count for i in range(count + 1)]
    parts = [Part(tuple(pages[bounds[i] : bounds[i + 1]])) for i in range(count)]
    old = previous or []
    stale = [
        i
        for i, part in enumerate(parts)
        if i >= len(old)
        or old[i].pages != part.pages
        or not old[i].indexed
        or any(page.address in unrecorded for page in part.pages)
    ]
    return parts, stale


_running: set[Indexing] = set()  # Pagefinds at work


def stop_all() -> None:
    """Stop every Pagefind at work (the build is interrupted)."""
    for indexing in list(_running):
        indexing.cancel()


def index_parts(
    language: str,
    site_dir: Path,
    parts: list[Part],
    stale: list[int],
    content: Callable[[str], str | None],
    stop: threading.Event | None = None,
) -> str:
    """Index the `stale` parts again, one Pagefind at a time, from the pages' content
    that `content(address)` gives (the pages converted) or their finished pages. The
    record of the parts is kept up to date after each one, so that a build stopped
    (`stop` set, Ctrl-C) leaves the parts not done marked to be done again. Returns a
    one-line report. Raises EditionError."""
    pending = set(stale)
    marked = [replace(part, indexed=i not in pending) for i, part in enumerate(parts)]
    write_listing(site_dir, marked, language)
    for number in stale:
        if stop is not None and stop.is_set():
            raise EditionError(site_dir, "Pagefind's index was stopped: the next build indexes the rest")
        indexing = Indexing(site_dir)
        _running.add(indexing)
        try:
            for address in (page.address for page in parts[number].pages):
                page = content(address)
                if page is None:
                    try:
                        page = (site_dir / address).read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError) as e:
                        raise EditionError(site_dir / address, f"cannot read the built page to index it: {e}") from e
                indexing.add(address, page)
            indexing.finish()
            write_bundle(site_dir, number, indexing.wait())
        finally:
            indexing.cancel()
            _running.discard(indexing)
        marked[number] = parts[number]
        write_listing(site_dir, marked, language)
    remove_surplus(site_dir, len(parts))
    return f"{len(stale)} of {len(parts)} parts indexed again"


STOPPED = "stopped for the next build, which indexes what is left"


class Background:
    """`index_parts` in a thread of its own, from `start`. `stop` ends it early (at the
    next part, its Pagefind stopped); `wait` gives its report; `done(report or
    error)` is called when it ends."""

    def __init__(
        self,
        job: Callable[[threading.Event], str],
        done: Callable[[str | EditionError], None] | None = None,
        site_dir: Path = Path(),
    ) -> None:
        self._stop = threading.Event()
        self._outcome: str | EditionError | None = None

        def run() -> None:
            try:
                self._outcome = job(self._stop)
            except EditionError as e:
                self._outcome = STOPPED if self._stop.is_set() else e
            except Exception as e:  # noqa: BLE001 - reported by the build, not lost with the thread
                self._outcome = EditionError(site_dir, f"Pagefind's index could not be made: internal error {e!r}")
            if done is not None:
                done(self._outcome)

        self._thread = threading.Thread(target=run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        stop_all()

    def wait(self) -> str:
        """The report, once it has ended. Raises EditionError."""
        if self._thread.ident is not None:
            self._thread.join()
        if isinstance(self._outcome, EditionError):
            raise self._outcome
        return self._outcome or ""
