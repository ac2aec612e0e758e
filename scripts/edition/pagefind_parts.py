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
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError
from .pagefind import Indexing

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


def searched_page(address: str, page: str) -> Page:
    """The record of a page Pagefind reads (an `article_page` or a finished page)."""
    found = _DATE.search(page)
    return Page(address, digest(page), html.unescape(found[1]) if found else "")


def read_manifest(site_dir: Path) -> list[Part] | None:
    """The parts of the last build into `site_dir`, if it recorded them and every
    bundle is still there."""
    try:
        data = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
        parts = [Part(tuple(Page(str(a), str(d), str(t)) for a, d, t in part)) for part in data["parts"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all((site_dir / bundle_name(i) / "pagefind-entry.json").is_file() for i in range(len(parts))):
        return None
    return parts


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
        old = target.with_name(target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as e:
        raise EditionError(target, f"cannot write Pagefind's index: {e}") from e


def forget(site_dir: Path) -> None:
    """Remove the record of the parts before bundles are written: a build stopped
    half way leaves none, and the next --dirty build indexes every part again."""
    (site_dir / MANIFEST).unlink(missing_ok=True)


def write_listing(site_dir: Path, parts: list[Part]) -> None:
    """Record the parts (for the next --dirty build) and list the bundles (for the
    search page); remove the bundles of parts there are no longer."""
    count = len(parts)
    try:
        for folder in site_dir.glob("pagefind-*"):
            number = folder.name.removeprefix("pagefind-")
            if number.isdigit() and int(number) > count:
                shutil.rmtree(folder, ignore_errors=True)
        bundles = [f"../{bundle_name(i)}/" for i in range(1, count)]  # from the first bundle
        (site_dir / BUNDLES).write_text(json.dumps({"bundles": bundles}), encoding="utf-8")
        manifest = {"parts": [[[p.address, p.digest, p.date] for p in part.pages] for part in parts]}
        (site_dir / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    except OSError as e:
        raise EditionError(site_dir / MANIFEST, f"cannot write Pagefind's list of bundles: {e}") from e


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
    # By date, then in build order (a stable sort); undated pages last.
    pages.sort(key=lambda page: (not page.date, page.date))
    parts = [Part(tuple(pages[i : i + size])) for i in range(0, len(pages), size)]
    old = previous or []
    stale = [
        i
        for i, part in enumerate(parts)
        if i >= len(old) or old[i] != part or any(page.address in unrecorded for page in part.pages)
    ]
    return parts, stale


_running: set[Indexing] = set()  # Pagefinds at work


def stop_all() -> None:
    """Stop every Pagefind at work (the build is interrupted)."""
    for indexing in list(_running):
        indexing.cancel()


def index_parts(
    language: str, site_dir: Path, parts: list[Part], stale: list[int], content: Callable[[str], str | None]
) -> str:
    """Index the `stale` parts again, one Pagefind at a time, from the pages' content
    `content(address)` gives (the pages converted) or their finished pages; then list the parts.
    Returns a one-line report. Raises EditionError."""
    if stale:
        forget(site_dir)
    for number in stale:
        indexing = Indexing(language, site_dir)
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
    write_listing(site_dir, parts)
    return f"{len(stale)} of {len(parts)} parts indexed again"
