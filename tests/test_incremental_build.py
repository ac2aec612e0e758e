"""A rebuild with the cache of earlier builds (`mkdocs serve`) writes what a build from
scratch writes, byte for byte, while reusing the work whose inputs did not change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import CABLES, ROOT
from edition.build import BuildCache, build
from test_determinism import snapshot

DATA = ROOT / "data"
# Cables that cite one another: 06MADRID2657 cites 06MADRID1914 and is cited by
# 06MADRID3104 and 07MADRID173 (which cites 06MADRID3104 too).
LINKED = ("06MADRID1914", "06MADRID2657", "06MADRID3104", "07MADRID173", "07MADRID1805")
OTHERS = ("05PARIS7835", "05PARIS7682", "05PARIS7527")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """The seeds and a few cables of the corpus, copied to be edited."""
    if not all((CABLES / f"{name}.txt").is_file() for name in LINKED + OTHERS):
        pytest.skip(f"the Cablegate corpus is not at {CABLES}")
    folder = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", folder)
    for name in LINKED + OTHERS:
        shutil.copy(CABLES / f"{name}.txt", folder / f"{name}.txt")
    return folder


def _edit(path: Path, old: str, new: str, after: str = "") -> None:
    """Replace the first `old` after the first `after` in the file; the size changes,
    so that the read cache sees the change whatever the clock's resolution."""
    assert len(old) != len(new)
    text = path.read_text(encoding="utf-8")
    start = text.index(after)
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def _rebuild_matches_cold_build(sources: Path, warm: Path, cache: BuildCache, cold: Path) -> None:
    hits = cache.pages.hits
    build(sources, warm, DATA, cache=cache, search_facets=True)
    assert cache.pages.hits > hits, "no page was reused: the memo is off"
    shutil.rmtree(cold, ignore_errors=True)
    build(sources, cold, DATA, cache=BuildCache(), search_facets=True)
    warm_files, cold_files = snapshot(warm), snapshot(cold)
    assert sorted(warm_files) == sorted(cold_files)
    assert [name for name in warm_files if warm_files[name] != cold_files[name]] == []


def _referenced_by(page: Path) -> str:
    """The "Referenced by" section of a document page ("" when it has none)."""
    text = page.read_text(encoding="utf-8")
    return text.partition("## Referenced by")[2].partition("\n## ")[0]


def test_a_rebuild_after_edits_writes_what_a_cold_build_writes(sources: Path, tmp_path: Path) -> None:
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    cache = BuildCache()
    build(sources, warm, DATA, cache=cache, search_facets=True)
    assert cache.pages.hits == 0 and cache.pages.misses > 0
    before = (warm / "documents" / "06MADRID2657.md").read_bytes()

    # A word in a paragraph: that page, its source view and the report change.
    _edit(sources / "06MADRID2657.txt", " the ", " this ", after="Summary:")
    _rebuild_matches_cold_build(sources, warm, cache, cold)
    assert (warm / "documents" / "06MADRID2657.md").read_bytes() != before
    assert cache.links.mentions.hits > 0 and cache.coverage.hits > 0 and cache.source_views.hits > 0

    # The subject: the title shown by the pages that cite or list the cable.
    _edit(sources / "06MADRID2657.txt", "KEY TERRORISM", "KEY EDITED TERRORISM", after="SUBJECT:")
    _rebuild_matches_cold_build(sources, warm, cache, cold)
    assert "KEY EDITED TERRORISM" in (warm / "documents" / "06MADRID1914.md").read_text(encoding="utf-8")

    # A REF that no longer names a cable of the edition: its page loses a citing cable.
    assert "07MADRID173" in _referenced_by(warm / "documents" / "06MADRID3104.md")
    _edit(sources / "07MADRID173.txt", "MADRID 3104", "MADRID 93104", after="REF:")
    _rebuild_matches_cold_build(sources, warm, cache, cold)
    assert "07MADRID173" not in _referenced_by(warm / "documents" / "06MADRID3104.md")

    # A source removed, then a new one: pages and links follow.
    (sources / "05PARIS7527.txt").unlink()
    _rebuild_matches_cold_build(sources, warm, cache, cold)
    shutil.copy(CABLES / "05PARIS7527.txt", sources / "05PARIS7527.txt")
    _rebuild_matches_cold_build(sources, warm, cache, cold)


def test_a_rebuild_restores_an_output_file_changed_by_hand(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cache = BuildCache()
    build(sources, out, DATA, cache=cache)
    page = out / "documents" / "06MADRID1914.md"
    original = page.read_bytes()
    stat = page.stat()
    # Same size, same modification time: only the change time tells.
    page.write_bytes(original.replace(b"MADRID", b"MADRIX", 1))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = build(sources, out, DATA, cache=cache)
    assert result.written == ["documents/06MADRID1914.md"]
    assert page.read_bytes() == original
