"""Two builds of the same sources are byte-identical: the Markdown and catalogue the
preprocessor writes, and the HTML site apart from what MkDocs itself stamps."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, build_site
from edition.build import build

# Files MkDocs stamps with the build date.
STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def snapshot(folder: Path, skip: set[str] = frozenset()) -> dict[str, bytes]:  # type: ignore[assignment]
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def test_preprocessing_is_deterministic(tmp_path: Path) -> None:
    build(ROOT / "seeds", tmp_path / "one", ROOT / "data")
    build(ROOT / "seeds", tmp_path / "two", ROOT / "data")
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert "catalogue.json" in one and "documents/07BAKU595.md" in one
    assert one == two


def test_site_is_deterministic(tmp_path: Path, site: Path) -> None:
    again = build_site(tmp_path / "again", ROOT / "seeds")
    assert again.returncode == 0, again.stderr
    first, second = snapshot(site, STAMPED), snapshot(tmp_path / "again" / "site", STAMPED)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
