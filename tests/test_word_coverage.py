"""Nothing of a source is lost: every word is on its rendered page(s), in the text,
the metadata panel or the emendation log. Reported as a figure per document."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, text_with_addresses
from edition.build import build
from edition.coverage import word_coverage


def page_text(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    return article.get_text(" ") + " " + " ".join(unquote(a["href"]) for a in article.select("a.external"))


@pytest.mark.parametrize("source", sorted(p.name for p in (ROOT / "seeds").glob("*.txt")))
def test_every_word_of_each_seed_is_on_its_pages(site: Path, source: str) -> None:
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    pages = [d["page"] for d in catalogue["documents"] if d["source"] == source]
    assert pages
    coverage = word_coverage((ROOT / "seeds" / source).read_text(encoding="utf-8"), [page_text(site, p) for p in pages])
    print(f"{source}: {coverage.found}/{coverage.total} words ({coverage.ratio:.2%})")
    assert coverage.missing == {}
    assert coverage.ratio == 1.0


@pytest.mark.parametrize("source", sorted((ROOT / "tests" / "cases").glob("*.txt")), ids=lambda p: p.stem)
def test_every_word_of_each_fixture_is_on_its_pages(source: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in source.parent.glob(source.stem + ".*"):
        if path.suffix in (".txt", ".yml"):
            shutil.copy(path, sources / path.name)
    result = build(sources, tmp_path / "out")
    pages = [text_with_addresses((tmp_path / "out" / d.page).read_text(encoding="utf-8")) for d in result.documents]
    coverage = word_coverage(source.read_text(encoding="utf-8"), pages)
    print(f"{source.name}: {coverage.found}/{coverage.total} words ({coverage.ratio:.2%})")
    assert coverage.missing == {}
