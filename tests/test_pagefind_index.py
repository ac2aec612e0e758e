"""The Pagefind index (EDITION_SEARCH=pagefind), read from its files: built in the
background from the pages' content as MkDocs converts them, it holds every page of the
edition and nothing else, with the document text and the facets."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from edition import pagefind
from edition.errors import EditionError
from edition.urls import page_url


def fragments(site: Path) -> dict[str, dict]:
    """Each indexed page's record (url, content, filters ...) by its address."""
    records = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        records[record["url"]] = record
    return records


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("pagefind-index")
    temporary = project / "tmp"  # the build's temporary folder, to see what it leaves
    temporary.mkdir()
    result = build_site(project, ROOT / "seeds", EDITION_SEARCH="pagefind", TMPDIR=str(temporary))
    assert result.returncode == 0, result.stderr
    return project


def searched_pages(docs: Path) -> set[str]:
    """The address of every page but those that Material's search leaves out (front
    matter `search: exclude: true`), which Pagefind's index leaves out too."""
    every = {"/" + page_url(p.relative_to(docs).as_posix(), True): p for p in docs.rglob("*.md")}
    return {url for url, p in every.items() if "\nsearch:\n  exclude: true\n" not in p.read_text(encoding="utf-8")}


def test_every_page_is_indexed_and_nothing_else(project: Path) -> None:
    docs = project / "docs"
    pages = searched_pages(docs)
    assert not {"/", "/documents/", "/search/", "/report/"} & pages
    records = fragments(project / "site")
    assert set(records) == pages  # not the 404 page either
    entry = json.loads((project / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(pages)  # indexed as the site's language


def test_records_hold_the_text_and_facets_not_the_repeated_apparatus(project: Path) -> None:
    cable = fragments(project / "site")["/documents/07BAKU595/"]
    assert "Nagorno-Karabakh" in cable["content"]
    assert "@misc" not in cable["content"] and "Header as printed" not in cable["content"]
    assert "Changes made to the source text" not in cable["content"]  # the emendation log
    assert cable["filters"]["kind"] == ["cable"] and cable["filters"]["post"] == ["BAKU"]
    assert cable["meta"]["title"] == "DEMARCHE DELIVERED: CAUTIONING AZERBAIJAN AGAINST CLOSER RELATIONS WITH BELARUS"


def test_no_temporary_files_are_left(project: Path) -> None:
    assert list((project / "tmp").iterdir()) == []


def test_the_index_is_the_one_pagefind_makes_of_the_finished_site(project: Path, tmp_path: Path) -> None:
    """Pages handed to Pagefind as MkDocs converts them give the records (text,
    anchors, filters, title) that Pagefind reads from the built pages."""
    site = tmp_path / "site"
    shutil.copytree(project / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    pagefind.index_site(site)
    finished = fragments(site)
    assert "/404.html" not in finished  # a theme page: not ours to index
    assert fragments(project / "site") == finished
    # Pagefind's scripts and WebAssembly, whole (not cut short when Pagefind stops).
    assets = [path.relative_to(site) for path in (site / "pagefind").iterdir() if path.is_file()]
    assert {asset.name for asset in assets} >= {"pagefind.js", "pagefind-ui.js", "wasm.unknown.pagefind"}
    for asset in assets:
        if asset.suffix != ".pf_meta" and asset.name != "pagefind-entry.json":  # these list the pages
            assert (project / "site" / asset).read_bytes() == (site / asset).read_bytes(), asset


def test_pagefind_runs_at_low_priority_and_cancel_stops_it(tmp_path: Path) -> None:
    indexing = pagefind.Indexing(tmp_path / "site")
    indexing.add("index.html", pagefind.article_page("<h1>Home</h1>", "Home", "en"))
    if shutil.which("nice"):  # it yields the CPU to MkDocs
        assert os.getpriority(os.PRIO_PROCESS, indexing._process.pid) == 19
    indexing.cancel()
    assert indexing._process.returncode is not None and indexing._process.returncode < 0  # killed
    assert not (tmp_path / "site").exists()


def test_pagefind_may_be_stopped_from_two_threads_at_once(tmp_path: Path) -> None:
    """As when an edit under `mkdocs serve` stops the index of the last build just as
    that index ends and stops Pagefind itself."""
    indexing = pagefind.Indexing(tmp_path / "site")
    stderr = indexing._stderr

    class SlowToRead:  # widens the window in which the other thread may come
        closed = property(lambda self: stderr.closed)
        seek, close = stderr.seek, stderr.close

        def read(self) -> bytes:
            time.sleep(0.3)
            return stderr.read()

    indexing._stderr = SlowToRead()  # type: ignore[assignment]
    errors: list[BaseException] = []

    def cancel() -> None:
        try:
            indexing.cancel()
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    threads = [threading.Thread(target=cancel) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and stderr.closed


def test_a_missing_pagefind_is_an_error_naming_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    with pytest.raises(EditionError, match="cannot run Pagefind") as error:
        pagefind.Indexing(tmp_path / "site")
    assert str(tmp_path / "site") in str(error.value)


def fake_pagefind(folder: Path, script: str) -> str:
    """An executable standing in for Pagefind's binary."""
    path = folder / "fake-pagefind"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def test_a_pagefind_that_stops_is_an_error_naming_the_site_and_quoting_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, "echo 'it panicked here' >&2; exit 101\n"))
    with pytest.raises(EditionError, match=r"its service stopped \(exit status 101\): it panicked here") as error:
        pagefind.Indexing(tmp_path / "site")
    assert str(tmp_path / "site") in str(error.value)


def test_a_reply_that_is_not_pagefinds_is_an_error_not_a_wait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, "echo 'Welcome!,'; exec sleep 60\n"))
    with pytest.raises(EditionError, match=r"Pagefind failed: unreadable reply"):
        pagefind.Indexing(tmp_path / "site")


def test_a_page_pagefind_could_not_read_is_an_error(tmp_path: Path) -> None:
    indexing = pagefind.Indexing(tmp_path / "site")
    indexing.add("a/index.html", pagefind.article_page("<p>Text</p>", "A", "en"))
    indexing.add(
        "b/index.html", pagefind.article_page("<p>\udc80</p>", "B", "en")
    )  # not Unicode: Pagefind cannot parse the message
    indexing.finish()
    with pytest.raises(EditionError, match="Pagefind failed: b/index.html: lone leading surrogate"):
        indexing.wait()
    assert not (tmp_path / "site").exists()  # no index written


def test_pagefind_may_be_named_by_a_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = pagefind._binary(tmp_path)
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "my-pagefind").symlink_to(binary)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "my-pagefind")
    assert pagefind._binary(tmp_path) == tmp_path / "bin" / "my-pagefind"
