"""The edition report: a whole real corpus builds under `mkdocs build --strict`, and
the report page and report.json list what the build noted, with the same counts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import INPUTS, render_markdown
from edition import cli
from edition.build import build
from edition.errors import note_kind


def _report_page(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "report" / "index.html").read_text(encoding="utf-8"), "html.parser")


def _summary(page: BeautifulSoup) -> dict[str, str]:
    table = page.select_one("#summary").find_next("table")
    return {row.select("td")[0].get_text(): row.select("td")[1].get_text() for row in table.select("tbody tr")}


def _number(text: str) -> int:
    return int(re.match(r"[\d,]+", text)[0].replace(",", ""))


def test_the_whole_corpus_builds_strict_and_the_report_lists_its_notes(corpus_site: tuple[Path, str]) -> None:
    site, log = corpus_site
    data = json.loads((site / "report.json").read_text(encoding="utf-8"))
    summary = data["summary"]
    assert summary["sources"] == len(data["sources"]) > 0
    assert summary["errors"] == 0
    # The log's one line counts the notes and gives the report's address.
    if summary["notes"]:
        assert f"edition: {summary['notes']} notes about sources, listed in the edition report: " in log
        assert "/report/" in log
    page = _report_page(site)
    text = page.select_one("article").get_text(" ")
    notes = [(s["source"], p) for s in data["sources"] for p in s["problems"]]
    assert len(notes) == summary["notes"]
    for _, note in notes:
        # Each note on the page (whitespace collapsed), of the kind its message says.
        assert " ".join(note["message"].split()) in " ".join(text.split()), note
        assert note["kind"] == note_kind(note["message"])
    details = {d.select_one("summary").get_text().split(" — ")[0] for d in page.select("details[id^=source-]")}
    assert details == {source for source, _ in notes}


def test_report_json_holds_the_counts_of_the_page(corpus_site: tuple[Path, str]) -> None:
    site, _ = corpus_site
    summary = json.loads((site / "report.json").read_text(encoding="utf-8"))["summary"]
    shown = _summary(_report_page(site))
    assert _number(shown["Sources"]) == summary["sources"]
    assert _number(shown["Documents"]) == summary["documents"]
    assert _number(shown["Errors"]) == summary["errors"]
    assert _number(shown["Notes about sources"]) == summary["notes"]
    assert f"in {summary['sources_with_notes']:,} source" in shown["Notes about sources"]
    assert _number(shown["Emendations"]) == summary["emendations"]
    assert _number(shown["Documents with inferred values"]) == summary["documents_with_inferred_values"]
    assert shown["Word coverage"].startswith(f"{summary['words_found']:,} of {summary['words']:,} words")
    assert _number(shown["Sources not measured for word coverage"]) == summary["sources_not_measured"]
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert summary["documents"] == len(catalogue)
    assert summary["emendations"] == sum(d["emendations"] for d in catalogue)
    by_kind = _report_page(site).select_one("#kinds")
    if summary["notes"]:
        rows = by_kind.find_next("table").select("tbody tr")
        assert {r.select("td")[0].get_text(): _number(r.select("td")[1].get_text()) for r in rows} == summary[
            "notes_by_kind"
        ]


def test_every_word_of_the_corpus_is_on_its_pages(corpus_site: tuple[Path, str]) -> None:
    site, _ = corpus_site
    sources = json.loads((site / "report.json").read_text(encoding="utf-8"))["sources"]
    covered = [s for s in sources if s["coverage"]]
    assert covered
    # A cable's every word is on its page; an article may lose the odd word of markup
    # (an image's address, a shortcode), never a passage.
    cables = [s for s in covered if all(d["kind"] == "cable" for d in s["documents"])]
    assert [(s["source"], s["coverage"]) for s in cables if s["coverage"]["found"] != s["coverage"]["words"]] == []
    assert [(s["source"], s["coverage"]) for s in covered if s["coverage"]["ratio"] < 0.98] == []
    # Saved web pages are not measured: their markup is no text of theirs.
    assert all(s["coverage"] is None for s in sources if s["source"].endswith(".html"))


def test_the_report_page_stays_small_at_a_thousand_sources(corpus_site: tuple[Path, str]) -> None:
    site, _ = corpus_site
    data = json.loads((site / "report.json").read_text(encoding="utf-8"))
    page = _report_page(site)
    size = len((site / "report" / "index.html").read_bytes())
    # A short row per source at most, the rest folded: a few hundred bytes a source.
    assert size < 20_000 + 300 * len(data["sources"]), size
    every = page.select_one("#sources").find_next("details")
    assert len(every.select("tbody tr")) == len(data["sources"])


def test_the_report_is_out_of_the_navigation_and_linked_from_home_and_about(corpus_site: tuple[Path, str]) -> None:
    site, _ = corpus_site
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not [a for a in home.select("nav a[href]") if "report" in a["href"]]
    assert [a for a in home.select("article a[href]") if a["href"] == "report/"]
    about = BeautifulSoup((site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a for a in about.select("article a[href]") if a["href"] == "../report/"]
    assert [a for a in home.select("nav a[href]") if a["href"] == "about/"]


def test_a_hostile_file_name_and_message_stay_text_in_the_report(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    hostile = "<script>alert(1)<script>.txt"
    # Latin-1: a note whose message the report shows, about a file named like markup.
    text = "Caf\xe9 <img src=x onerror=alert(2)>\n\nThe caf\xe9 on the square was closed for the whole winter, they said.\n"
    (sources / hostile).write_bytes(text.encode("latin-1"))
    result = build(sources, tmp_path / "out")
    assert not result.failed, result.problems
    soup = render_markdown((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert soup.find("script") is None and soup.find("img") is None
    assert hostile in soup.get_text()
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["sources"][0]["source"] == hostile
    assert data["sources"][0]["problems"][0]["kind"] == "decoding"


def test_the_report_of_the_seeds_is_out_of_search(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("report/")]
    assert (site / "report.json").is_file() and (site / "report" / "index.html").is_file()


def test_preprocess_report_prints_the_summary_of_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in INPUTS.iterdir():
        shutil.copy(path, sources / path.name)
    status = cli.main(["--sources", str(sources), "--out", str(tmp_path / "out"), "--data", str(tmp_path), "--report"])
    assert status == 0
    printed = capsys.readouterr().out
    summary = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["summary"]
    assert re.search(rf"Sources +{summary['sources']}\n", printed)
    assert re.search(rf"Notes about sources +{summary['notes']} in ", printed)
    for kind, count in summary["notes_by_kind"].items():
        assert re.search(rf"  {kind} +{count}\n", printed)
    assert "Candidate terms without a glossary entry" in printed  # still listed


def _section(page: BeautifulSoup, heading_id: str) -> list:  # type: ignore[type-arg]
    """The elements after a heading, up to the next heading."""
    found = []
    for element in page.select_one(f"#{heading_id}").find_next_siblings():
        if element.name in ("h2", "h3"):
            break
        found.append(element)
    return found


def test_home_counts_and_ranks_instead_of_listing(corpus_site: tuple[Path, str]) -> None:
    site, _ = corpus_site
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")
    # Counts and two short lists, not a list of documents.
    document_links = [a for a in home.select("a[href^='documents/']") if a["href"] != "documents/"]
    assert 0 < len(document_links) <= 20
    for heading, field in (("classifications", "classification"), ("posts", "origin")):
        rows = [row for element in _section(home, heading) for row in element.select("tbody tr")]
        counts = {r.select("td")[0].get_text(): _number(r.select("td")[1].get_text()) for r in rows}
        cables = [d for d in catalogue if d["kind"] == "cable"]
        assert sum(counts.values()) == len(cables)
        assert counts == {
            value: sum(1 for d in cables if (d[field] or "not stated") == value)
            for value in {d[field] or "not stated" for d in cables}
        }
    assert any(e.name == "details" for e in _section(home, "posts"))  # the long tail is folded
    newest = max((d for d in catalogue if d["date"]), key=lambda d: (d["date"], d["id"]))
    assert _section(home, "newest")[0].select_one("a")["href"] == newest["page"]
    assert "cited by" in _section(home, "most-cited")[-1].get_text()


def test_report_json_gives_one_source_to_a_line(site: Path) -> None:
    text = (site / "report.json").read_text(encoding="utf-8")
    sources = json.loads(text)["sources"]
    lines = text.split("\n")  # not splitlines(): a title may hold U+2028, written as it is
    start = lines.index('"sources": [')
    assert len(sources) > 1 and lines[start + 1 : start + 1 + len(sources)] == [
        json.dumps(source, ensure_ascii=False) + ("," if i < len(sources) - 1 else "")
        for i, source in enumerate(sources)
    ]
