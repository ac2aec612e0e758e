"""Nothing of a source is lost: every word is on its rendered page(s), in the text,
the metadata panel or the emendation log. Reported as a figure per document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from edition.coverage import word_coverage


def page_text(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article").get_text(" ")


@pytest.mark.parametrize("source", sorted(p.name for p in (ROOT / "seeds").glob("*.txt")))
def test_every_word_of_each_seed_is_on_its_pages(site: Path, source: str) -> None:
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    pages = [d["page"] for d in catalogue["documents"] if d["source"] == source]
    assert pages
    coverage = word_coverage((ROOT / "seeds" / source).read_text(encoding="utf-8"), [page_text(site, p) for p in pages])
    print(f"{source}: {coverage.found}/{coverage.total} words ({coverage.ratio:.2%})")
    assert coverage.missing == {}
    assert coverage.ratio == 1.0
