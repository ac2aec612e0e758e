"""The glossary at the scale of the whole shared corpus (1,283 cables and the
articles, built once by test_report's fixture): TAGS codes link to entries, every post
has an entry, and no glossary page is heavy. Run with -s to see the figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CABLES

pytestmark = pytest.mark.corpus

PAGE_BOUND = 150_000  # bytes of HTML
_TAGS_ROW = re.compile(r'<tr><th scope="row">TAGS</th> <td>(.*?)</td></tr>')


@pytest.fixture(autouse=True)
def _corpus_present() -> None:
    if not CABLES.is_dir():
        pytest.skip(f"Cablegate corpus not found at {CABLES}")


_anchors: dict[Path, str] = {}


def _resolves(page_dir: Path, href: str) -> bool:
    """Whether a link from the page in `page_dir` lands on a page holding its anchor
    (the entry may be on any page of its kind: `people-3`)."""
    path, _, anchor = href.partition("#")
    target = (page_dir / path / "index.html").resolve()
    if target not in _anchors:
        _anchors[target] = target.read_text(encoding="utf-8") if target.is_file() else ""
    return f'id="{anchor}"' in _anchors[target]


def _site(corpus_site: tuple[Path, str]) -> tuple[Path, dict, dict]:
    site = corpus_site[0]
    glossary = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    return site, glossary, catalogue


def test_tags_codes_link_to_entries_and_the_unknown_are_listed(corpus_site: tuple[Path, str]) -> None:
    site, glossary, catalogue = _site(corpus_site)
    linked = written = 0
    unlinked: dict[str, int] = {}
    for document in catalogue["documents"]:
        if document["kind"] != "cable" or not document["tags"]:
            continue
        html = (site / document["page"] / "index.html").read_text(encoding="utf-8")
        cell = _TAGS_ROW.search(html)
        assert cell, document["page"]
        links = re.findall(r'class="glossary-link">([^<]*)</a>', cell.group(1))
        for href in re.findall(r'href="([^"]+)"', cell.group(1)):
            assert _resolves(site / document["page"], href), (document["page"], href)
        linked += len(links)
        written += len(document["tags"])
        for tag in document["tags"]:
            if tag.replace("&", "&amp;") not in links:
                unlinked[tag] = unlinked.get(tag, 0) + 1
    share = linked / written
    print(f"\nTAGS codes linked to an entry: {linked:,} of {written:,} ({share:.2%})")
    print("without an entry:", ", ".join(f"{t} ({n})" for t, n in sorted(unlinked.items(), key=lambda kv: -kv[1])))
    assert share >= 0.99
    listed = {u["code"] for u in glossary["unknown_tags"]}
    assert set(unlinked) <= listed
    page = "".join(p.read_text(encoding="utf-8") for p in (site / "glossary").glob("tags*/index.html"))
    assert 'id="unknown-tags"' in page
    assert all(f"<strong>{code}</strong>" in page for code in listed)
    # ... and in the edition report, as a note on each cable that writes one.
    report = json.loads((site / "report.json").read_text(encoding="utf-8"))
    noted = {
        re.match(r"TAGS code (\S+) has no glossary entry", p["message"])[1]  # type: ignore[index]
        for source in report["sources"]
        for p in source["problems"]
        if p["message"].startswith("TAGS code ")
    }
    assert noted == listed


def test_every_post_has_an_entry_listing_its_cables(corpus_site: tuple[Path, str]) -> None:
    _, glossary, catalogue = _site(corpus_site)
    cables = [d for d in catalogue["documents"] if d["kind"] == "cable"]
    stations: dict[str, set[str]] = {}
    for cable in cables:
        station = re.fullmatch(r"\d{2}([A-Z]+)\d+", cable["cable_id"] or "")
        assert station, cable["cable_id"]
        stations.setdefault(station.group(1), set()).add(cable["page"])
    posts = [e for e in glossary["entries"] if e["kind"] in ("post", "organisation")]
    for station, pages in stations.items():
        # A header mention is the page's address; a mention in the text, its paragraph's.
        holders = [e for e in posts if pages <= {m.split("#")[0] for m in e["mentions"]}]
        assert holders, f"no entry lists the cables of {station}"
    generated = [e for e in glossary["entries"] if e["generated_from"] == "cable headers"]
    people = [e for e in generated if e["kind"] == "person"]
    print(f"\nposts: {len(stations)}; generated post entries: {len(generated) - len(people)}; people: {len(people)}")
    assert all(e["provenance"] and e["generated"] for e in generated)


def test_no_glossary_page_is_heavier_than_the_bound(corpus_site: tuple[Path, str]) -> None:
    site, _, _ = _site(corpus_site)
    sizes = {p.parent.name: p.stat().st_size for p in sorted((site / "glossary").glob("*/index.html"))}
    sizes["index"] = (site / "glossary" / "index.html").stat().st_size
    print("\nglossary pages (bytes of HTML):")
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print(f"  {name:20} {size:>9,}")
    assert max(sizes.values()) <= PAGE_BOUND, max(sizes.items(), key=lambda kv: kv[1])
