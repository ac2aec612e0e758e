"""Pagefind's index in parts (scripts/edition/pagefind_parts.py): bounded parts in date
order, searched as one in the browser; a --dirty build indexes again only the parts
that changed, and gives the site a clean build gives."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
from pathlib import Path

import pytest
from conftest import CABLES, ROOT, SUB_PATH, build_site, served
from edition import pagefind, pagefind_parts
from edition.errors import EditionError
from test_pagefind_index import searched_pages

PARTS = {"EDITION_SEARCH": "pagefind", "EDITION_SEARCH_PART_PAGES": "4"}
EDITED = "000_38d8196d0b9cec23.txt"  # the seed cable, 07BAKU595


def bundles(site: Path) -> list[Path]:
    """The bundles the search page merges, the first one first."""
    listed = json.loads((site / "pagefind" / "edition-bundles.json").read_text(encoding="utf-8"))["bundles"]
    return [site / "pagefind", *((site / "pagefind" / path).resolve() for path in listed)]


def records(site: Path) -> dict[str, dict]:
    """Every indexed page's record (text, filters, meta) over all bundles, by address."""
    found: dict[str, dict] = {}
    for bundle in bundles(site):
        for path in (bundle / "fragment").iterdir():
            record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
            assert record["url"] not in found, f"{record['url']} is in two parts"
            found[record["url"]] = record
    return found


def manifest(site: Path) -> list[list[list[str]]]:
    """The pages of each part: [address, digest, date], all parts indexed."""
    parts = json.loads((site / "pagefind" / "edition-parts.json").read_text(encoding="utf-8"))["parts"]
    assert all(part["indexed"] for part in parts)
    return [part["pages"] for part in parts]


def site_files(site: Path) -> dict[str, bytes]:
    """The site's files but Pagefind's bundles (compared by what they find)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).parts[0].startswith("pagefind")
    }


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, float]]:
    """The seeds built whole, then one word of the cable changed and built again with
    --dirty (as `mkdocs serve --dirty` does); and the edited seeds built whole. Gives
    both projects and, for each bundle, when the whole build wrote it."""
    work = tmp_path_factory.mktemp("parts")
    sources = work / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    result = build_site(work / "incremental", sources, **PARTS)
    assert result.returncode == 0, result.stderr
    site = work / "incremental" / "site"
    written = {bundle.name: (bundle / "pagefind-entry.json").stat().st_mtime_ns for bundle in bundles(site)}
    cable = sources / EDITED
    cable.write_bytes(cable.read_bytes().replace(b"Nagorno-Karabakh", b"Nagorno Karabakh", 1))
    result = build_site(work / "incremental", sources, "--dirty", **PARTS)
    assert result.returncode == 0, result.stderr
    assert "parts indexed again" in result.stderr
    result = build_site(work / "clean", sources, **PARTS)
    assert result.returncode == 0, result.stderr
    return work / "incremental", work / "clean", written


def test_parts_hold_at_most_their_size_in_date_order(edited: tuple[Path, Path, dict[str, float]]) -> None:
    _, clean, _ = edited
    site = clean / "site"
    parts = manifest(site)
    assert len(parts) == len(bundles(site)) > 2
    for part, bundle in zip(parts, bundles(site), strict=True):
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["en"]["page_count"] == len(part) <= 4
    dates = [date for part in parts for _, _, date in part]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated  # undated pages last
    assert set(records(site)) == searched_pages(clean / "docs")  # every page once, in one part


def test_a_dirty_build_indexes_again_only_the_parts_that_changed(edited: tuple[Path, Path, dict[str, float]]) -> None:
    incremental, _, written = edited
    site = incremental / "site"
    again = {b.name for b in bundles(site) if (b / "pagefind-entry.json").stat().st_mtime_ns != written[b.name]}
    holding = {
        b.name
        for b, part in zip(bundles(site), manifest(site), strict=True)
        if any(address == "documents/07BAKU595/index.html" for address, _, _ in part)
    }
    assert holding <= again  # the edited cable's part, and the glossary pages that changed with it
    assert again != {b.name for b in bundles(site)}  # not every part
    assert "Nagorno Karabakh" in records(site)["/documents/07BAKU595/"]["content"]


def test_an_incremental_build_gives_the_clean_builds_files(edited: tuple[Path, Path, dict[str, float]]) -> None:
    incremental, clean, _ = edited
    mine, theirs = site_files(incremental / "site"), site_files(clean / "site")
    assert sorted(mine) == sorted(theirs)
    assert [name for name in mine if mine[name] != theirs[name]] == []
    # Pagefind orders its own files by hash tables: the records are compared instead.
    assert records(incremental / "site") == records(clean / "site")
    assert manifest(incremental / "site") == manifest(clean / "site")
    # The page's HTML, held compressed while MkDocs works, is back in its page, once.
    cable = (incremental / "site" / "documents" / "07BAKU595" / "index.html").read_text(encoding="utf-8")
    assert "edition-page-content" not in cable and cable.count("<h1") == 1 and "Nagorno Karabakh" in cable


QUERIES = [
    "search/?q=Karabakh",
    "search/?q=Belarus",
    "search/?q=%22Nagorno%20Karabakh%22",
    "search/?f=kind:article&sort=date-desc",
    "search/?f=year:2007",
]


def found(page, url: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.locator(".edition-search--ready").wait_for(state="attached", timeout=60_000)
    page.wait_for_function(
        "() => /result/.test(document.querySelector('.edition-search__status').textContent)", timeout=60_000
    )
    status = page.locator(".edition-search__status").inner_text()
    links = page.locator(".edition-search__link").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    return status, links


@pytest.mark.browser
def test_the_incremental_index_finds_what_the_clean_one_finds(edited, page) -> None:  # type: ignore[no-untyped-def]
    incremental, clean, _ = edited
    with served(incremental / "site") as mine, served(clean / "site") as theirs:
        for query in QUERIES:
            assert found(page, mine + query) == found(page, theirs + query), query
        status, links = found(page, mine + "search/?q=%22Nagorno%20Karabakh%22")
        assert status.startswith("1 result") and links[0].endswith("/documents/07BAKU595/")


@pytest.mark.browser
def test_the_search_benchmark_counts_what_came_by_the_first_result(edited, browser) -> None:  # type: ignore[no-untyped-def]
    """Not a timing test: scripts/benchmark_search.py's measurement, on an index in
    parts. Every bundle's metadata is asked for before the first result, the filters'
    values (for the panel's counts) after it."""
    from benchmarking.search import measure, served

    site = edited[1] / "site"
    with served(site) as url:
        timing = measure(url, "pagefind", "Baku", browser)
    metadata = sum(path.stat().st_size for bundle in bundles(site) for path in bundle.glob("*.pf_meta"))
    filters = sum(path.stat().st_size for bundle in bundles(site) for path in bundle.glob("filter/*.pf_filter"))
    assert len(bundles(site)) > 1 and timing.first_result_s > 0
    assert timing.first_result_bytes >= metadata
    assert timing.search_bytes - timing.first_result_bytes >= filters


@pytest.mark.browser
@pytest.mark.skipif(not CABLES.is_dir(), reason="the shared corpus of cables is not here")
def test_results_by_date_run_across_the_parts(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    """Pagefind merges bundles by score: the search page keeps the dates in order."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in sorted(CABLES.glob("*.txt"))[:40]:
        shutil.copy(path, sources)
    result = build_site(tmp_path / "project", sources, EDITION_SEARCH="pagefind", EDITION_SEARCH_PART_PAGES="8")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "project" / "site"
    assert len(bundles(site)) >= 5
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    date_of = {d["page"]: d["date"] for d in catalogue}
    with served(site) as url:
        for order in ("date-asc", "date-desc"):
            _, links = found(page, url + f"search/?f=kind:cable&sort={order}")
            dates = [date_of[link.removeprefix(SUB_PATH)] for link in links]
            assert len(dates) >= 10
            assert dates == sorted(dates, reverse=order == "date-desc"), dates


def test_a_dirty_build_with_materials_search_completes_the_last_index(tmp_path: Path) -> None:
    """Material's search indexes only the pages a --dirty build converts: the rest of
    the index comes from the last build's (`material_search`), and the index is the
    clean build's, without building the site whole."""
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    assert build_site(tmp_path / "incremental", sources, EDITION_SEARCH="material").returncode == 0
    site = tmp_path / "incremental" / "site"
    built = {path: path.stat().st_mtime_ns for path in site.rglob("index.html")}
    cable = sources / EDITED
    cable.write_bytes(cable.read_bytes().replace(b"Nagorno-Karabakh", b"Nagorno Karabakh", 1))
    result = build_site(tmp_path / "incremental", sources, "--dirty", EDITION_SEARCH="material")
    assert result.returncode == 0, result.stderr
    assert build_site(tmp_path / "clean", sources, EDITION_SEARCH="material").returncode == 0
    assert site_files(site) == site_files(tmp_path / "clean" / "site")
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Nagorno Karabakh" in index and index.count('"location":"documents/07BAKU595/"') == 1
    kept = [path for path, mtime in built.items() if path.stat().st_mtime_ns == mtime]
    assert kept and len(kept) < len(built)  # some pages converted again, not all
    # With no index of the last build to complete, the site is built whole.
    (site / "search" / "search_index.json").unlink()
    shutil.copy(ROOT / "seeds" / EDITED, cable)
    assert build_site(tmp_path / "incremental", sources, "--dirty", EDITION_SEARCH="material").returncode == 0
    assert not [path for path, mtime in built.items() if path.stat().st_mtime_ns == mtime]
    assert build_site(tmp_path / "clean", sources, EDITION_SEARCH="material").returncode == 0
    assert site_files(site) == site_files(tmp_path / "clean" / "site")


def test_a_stopped_index_leaves_the_parts_not_done_to_the_next_build(tmp_path: Path) -> None:
    """`mkdocs serve` stops the indexing of an edit when the next one comes: the parts
    it did not finish are recorded as such, and only they are indexed again."""
    site = tmp_path / "site"
    pages = {f"p{i}/index.html": pagefind.article_page(f"<h1>P{i}</h1><p>word{i}</p>", f"P{i}", "en") for i in range(4)}
    converted = {address: pagefind_parts.searched_page(address, page) for address, page in pages.items()}
    parts, stale = pagefind_parts.plan(list(pages), converted, None, 2, site)
    assert stale == [0, 1]
    stop = threading.Event()

    def content(address: str) -> str:
        if address == "p1/index.html":  # the last page of the first part
            stop.set()
        return pages[address]

    with pytest.raises(EditionError, match="stopped"):
        pagefind_parts.index_parts("en", site, parts, stale, content, stop)
    previous = pagefind_parts.read_manifest(site, "en")
    assert previous is not None and [part.indexed for part in previous] == [True, False]
    assert pagefind_parts.plan(list(pages), {}, previous, 2, site) == (parts, [1])
    # Made under another language (or Pagefind, or selectors), no part is kept.
    assert pagefind_parts.read_manifest(site, "fr") is None
