"""The glossary on the built site: entries, tooltips, backlinks to the paragraph,
one entry for all spellings, and links that never land in headings."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT
from edition.build import build


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def glossary(site: Path) -> dict[str, dict]:
    return {e["id"]: e for e in json.loads((site / "glossary.json").read_text(encoding="utf-8"))["entries"]}


def entry_named(site: Path, name: str) -> dict:
    return next(e for e in glossary(site).values() if e["name"] == name or name in e["aliases"])


def glossary_links(page: BeautifulSoup) -> list:
    return page.select("article a.glossary-link")


def test_vostok_e_entry_has_definition_and_backlink_to_its_paragraph(site: Path) -> None:
    entry = entry_named(site, "Vostok-E")
    assert entry["kind"] == "equipment" and entry["definition"]
    defence = "documents/belarusian-defence-industry-recovers/"
    paragraph_links = [m for m in entry["mentions"] if m.startswith(defence + "#p")]
    assert paragraph_links
    article = soup(site, defence)
    for mention in paragraph_links:
        paragraph = article.find(id=mention.split("#")[1])
        assert "Vostok-E" in paragraph.get_text()
    page = soup(site, entry["url"].split("#")[0])
    section = page.find(id=entry["id"])
    assert section is not None and section.name == "h2"
    hrefs = [a["href"] for a in page.select("a[href]")]
    assert any(h.endswith(paragraph_links[0].replace(defence, "")) and "belarusian-defence" in h for h in hrefs)


def test_lukashenko_and_lukashenka_link_to_the_same_entry(site: Path) -> None:
    cable = glossary_links(soup(site, "documents/07BAKU595/"))
    article = glossary_links(soup(site, "documents/belarus-and-azerbaijan-similar-regimes/"))
    cable_target = {a["href"].split("/")[-1] for a in cable if a.get_text() == "Lukashenko"}
    article_target = {a["href"].split("/")[-1] for a in article if a.get_text() == "Lukashenka"}
    assert cable_target and cable_target == article_target


def test_glossary_links_carry_the_definition_as_tooltip(site: Path) -> None:
    entries = glossary(site)
    links = glossary_links(soup(site, "documents/07BAKU595/"))
    assert links
    for link in links:
        entry = entries[link["href"].split("#")[1]]
        notes = [s["note"] for s in entry["scoped"] if "07BAKU595" in s["documents"]]
        expected = entry["definition"] + (" Here: " + " ".join(notes) if notes else "")
        assert link["title"] == expected


def test_footnotes_and_glossary_links_share_a_paragraph(site: Path) -> None:
    paragraph = soup(site, "documents/07BAKU595/").find(id="p1")
    assert paragraph.select("sup a.footnote-ref, a.footnote-ref")
    assert paragraph.select("a.glossary-link")


def test_no_glossary_link_inside_headings_or_other_links(site: Path) -> None:
    for document in json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]:
        page = soup(site, document["page"])
        assert page.select("article h1 a.glossary-link, article h2 a.glossary-link, article h3 a.glossary-link") == []
        assert page.select("a a") == []


def test_mentions_match_whole_words_only(site: Path) -> None:
    entries = glossary(site)
    for document in json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]:
        for link in glossary_links(soup(site, document["page"])):
            entry = entries[link["href"].split("#")[1]]
            assert link.get_text() in [entry["name"], *entry["aliases"]]
            before = link.previous_sibling if isinstance(link.previous_sibling, str) else " "
            after = link.next_sibling if isinstance(link.next_sibling, str) else " "
            assert not before[-1:].isalnum() and not after[:1].isalnum(), (before[-5:], link.get_text(), after[:5])


def test_catalogue_lists_the_entries_each_document_mentions(site: Path) -> None:
    entries = glossary(site)
    for document in json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]:
        assert document["entries"], document["id"]
        assert set(document["entries"]) <= set(entries)


def test_related_documents_share_entries(site: Path) -> None:
    page = soup(site, "documents/07BAKU595/")
    related = page.find(id="related-documents")
    assert related is not None
    items = related.find_next("ul").select("li")
    assert {a["href"].strip("./").split("/")[-1] for li in items for a in li.select("a")} >= {
        "belarus-and-azerbaijan-similar-regimes"
    }


def test_unknown_terms_report_is_empty_for_the_seeds(tmp_path: Path) -> None:
    result = build(ROOT / "seeds", tmp_path / "out", ROOT / "data", report_terms=True)
    assert result.unknown_terms == {}


def test_tags_in_the_cable_panel_link_to_their_entries(site: Path) -> None:
    entries = glossary(site)
    panel = soup(site, "documents/07BAKU595/").select_one(".edition-panel")
    row = next(tr for tr in panel.select("tr") if tr.select_one("th") and tr.select_one("th").get_text() == "TAGS")
    links = {a.get_text(): a["href"].split("#")[1] for a in row.select("a.glossary-link")}
    assert list(links) == ["PHUM", "PREL", "ECON", "BO", "RU", "AJ"]
    assert all(entries[entry_id]["kind"] == "tag" for entry_id in links.values())
    assert entries[links["AJ"]]["definition"].startswith("Azerbaijan")


def test_scoped_notes_show_on_their_document_only(site: Path) -> None:
    entry = entry_named(site, "Lukashenka")
    scoped = [s for s in entry["scoped"] if s["documents"]]
    assert scoped
    for document in json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]:
        for link in glossary_links(soup(site, document["page"])):
            if link["href"].endswith("#" + entry["id"]):
                here = [s["note"] for s in scoped if document["id"] in s["documents"]]
                assert all(note in link["title"] for note in here)
                assert (" Here: " in link["title"]) == bool(here)


def test_an_entry_is_linked_once_per_section_and_counted_in_every_paragraph(site: Path) -> None:
    entries = glossary(site)
    for document in json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]:
        page = soup(site, document["page"])
        seen: set[str] = set()
        for element in page.select("article h1, article h2, article h3, article a.glossary-link"):
            if element.name in ("h1", "h2", "h3"):
                seen = set()
                continue
            entry_id = element["href"].split("#")[1]
            assert entry_id not in seen, (document["id"], entry_id)
            seen.add(entry_id)
    mentions = [m for m in entry_named(site, "Lukashenka")["mentions"] if "belarus-and-azerbaijan" in m]
    assert len(mentions) > 1  # every paragraph counts, though only the first is linked
    assert entries


def test_ref_and_generic_places_are_never_links(site: Path) -> None:
    for document in json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]:
        for link in glossary_links(soup(site, document["page"])):
            assert link.get_text().lower() != "ref"
            assert link["href"].split("#")[1] not in {"west", "europe", "americas", "united-states"}
    assert entry_named(site, "Europe")["mentions"]  # still counted


def test_glossary_json_marks_generated_entries_with_provenance(site: Path) -> None:
    generated = [e for e in glossary(site).values() if e["generated"]]
    assert generated and all(e["provenance"] for e in generated)
    assert {"phum", "prel", "econ"} <= {e["id"] for e in generated}
