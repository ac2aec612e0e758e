"""Index pages stay readable as the edition grows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from edition import render
from edition.build import build


def test_home_lists_the_first_documents_and_points_to_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "HOME_LIMIT", 2)
    build(ROOT / "seeds", tmp_path)
    home = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert home.count("<tr><td>") == 2
    assert "And 1 more: see the [documents index](documents/index.md)." in home


def test_documents_index_groups_by_year(tmp_path: Path) -> None:
    build(ROOT / "seeds", tmp_path)
    index = (tmp_path / "documents" / "index.md").read_text(encoding="utf-8")
    assert index.index("## 2007 { #y2007 }") < index.index('href="07BAKU595/"') < index.index("## 2013 { #y2013 }")
    assert index.count("<tr><td>") == 3
