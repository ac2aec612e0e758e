"""Citations: each format for a cable and an article, hostile titles, and the metadata
reference managers read, checked on the built site against catalogue.json."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from textwrap import dedent

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from edition import citations
from edition.citations import CitedWork
from edition.errors import DataError
from edition.metadata import load_edition

PUBLISHED = "https://example.org/edition/"
DAY = datetime.date(2026, 11, 29)
SUBJECT = "DEMARCHE DELIVERED: CAUTIONING AZERBAIJAN"
CABLE = CitedWork(
    id="07BAKU595",
    kind="cable",
    title=SUBJECT,
    author="US Embassy Baku",
    date=(2007, 5, 16),
    date_approximate=False,
    edition="Annotated Edition",
    url=PUBLISHED + "documents/07BAKU595/",
    number="07BAKU595",
    classification="CONFIDENTIAL",
    public_copy="https://wikileaks.org/plusd/cables/07BAKU595_a.html",
)
ARTICLE = CitedWork(
    id="belarus-and-azerbaijan",
    kind="article",
    title="Belarus and Azerbaijan: Similar Regimes",
    author="Jane Doe",
    date=(2013, 11),
    date_approximate=True,
    edition="Annotated Edition",
    url=PUBLISHED + "documents/belarus-and-azerbaijan/",
    publication="Belarus Digest",
    original_url="https://belarusdigest.com/story/similar-regimes",
)
HOSTILE_TITLE = "</script><script>alert(1)</script> \"quoted\" 'single' {braces} {{ config }} & 100% \\end"


def test_post_names() -> None:
    assert citations.post_name("AMEMBASSY BAKU") == "US Embassy Baku"
    assert citations.post_name("AMCONSUL RIO DE JANEIRO") == "US Consulate Rio de Janeiro"
    assert citations.post_name("AMEMBASSY PORT-OF-SPAIN") == "US Embassy Port-of-Spain"
    assert citations.post_name("SECSTATE  WASHDC") == "US Department of State"
    assert citations.post_name("USMISSION USNATO") == "US Mission to NATO"
    assert citations.post_name("USMISSION GENEVA") == "US Mission Geneva"
    assert citations.post_name("USINT HAVANA") == "US Interests Section Havana"
    assert citations.post_name("IRAN RPO DUBAI") == "Iran Regional Presence Office Dubai"
    # Neither listed nor of a known kind: as printed.
    assert citations.post_name("ANKARA") == "ANKARA"


def test_published_address() -> None:
    # mkdocs.yml's default site_url is a local preview, not a published address.
    assert citations.published_address("http://127.0.0.1:8000/") == ""
    assert citations.published_address("http://localhost:8000/x/") == ""
    assert citations.published_address("") == ""
    assert citations.published_address("https://example.org/edition") == PUBLISHED


def test_cable_chicago_and_mla() -> None:
    assert citations.text(citations.chicago(CABLE), "chicago", DAY) == (
        f"US Embassy Baku. “{SUBJECT}.” Cable 07BAKU595, 16 May 2007. CONFIDENTIAL. In Annotated Edition. "
        "Accessed 29 November 2026. https://example.org/edition/documents/07BAKU595/."
    )
    assert citations.text(citations.mla(CABLE), "mla", DAY) == (
        f"US Embassy Baku. “{SUBJECT}.” Cable 07BAKU595, 16 May 2007. "
        "Annotated Edition, example.org/edition/documents/07BAKU595/. Accessed 29 Nov. 2026."
    )


def test_paragraph_reference_is_the_documents_with_paragraph_and_address() -> None:
    chicago = citations.chicago(CABLE, paragraph=True)
    assert citations.text(chicago, "chicago", None, "4", "p4") == (
        f"US Embassy Baku. “{SUBJECT}.” Cable 07BAKU595, 16 May 2007, ¶ 4. CONFIDENTIAL. In Annotated Edition. "
        "https://example.org/edition/documents/07BAKU595/#p4."
    )
    mla = citations.mla(ARTICLE, paragraph=True)
    assert citations.text(mla, "mla", DAY, "12", "p12") == (
        "Jane Doe. “Belarus and Azerbaijan: Similar Regimes.” Belarus Digest, [Nov. 2013], "
        "belarusdigest.com/story/similar-regimes, ¶ 12. "
        "Annotated Edition, example.org/edition/documents/belarus-and-azerbaijan/#p12. Accessed 29 Nov. 2026."
    )


def test_article_chicago() -> None:
    assert citations.text(citations.chicago(ARTICLE), "chicago") == (
        "Jane Doe. “Belarus and Azerbaijan: Similar Regimes.” Belarus Digest, [November 2013]. "
        "https://belarusdigest.com/story/similar-regimes. In Annotated Edition. "
        "https://example.org/edition/documents/belarus-and-azerbaijan/."
    )


def test_cable_bibtex_ris_and_csl() -> None:
    assert citations.text(citations.bibtex(CABLE), "bibtex", DAY) == dedent(
        f"""\
        @techreport{{07BAKU595,
          author = {{{{US Embassy Baku}}}},
          title = {{{{{SUBJECT}}}}},
          institution = {{US Embassy Baku}},
          type = {{Cable}},
          number = {{07BAKU595}},
          year = {{2007}},
          month = may,
          date = {{2007-05-16}},
          note = {{Classification: CONFIDENTIAL. Public copy: https://wikileaks.org/plusd/cables/07BAKU595\\_a.html. In Annotated Edition}},
          url = {{https://example.org/edition/documents/07BAKU595/}},
          urldate = {{2026-11-29}}
        }}"""
    )
    assert citations.text(citations.ris(CABLE), "ris", DAY) == dedent(
        f"""\
        TY  - RPRT
        AU  - US Embassy Baku
        TI  - {SUBJECT}
        PB  - US Embassy Baku
        M3  - Cable
        SN  - 07BAKU595
        PY  - 2007
        DA  - 2007/05/16/
        N1  - Classification: CONFIDENTIAL
        N1  - Public copy: https://wikileaks.org/plusd/cables/07BAKU595_a.html
        N1  - In Annotated Edition
        DB  - Annotated Edition
        UR  - https://example.org/edition/documents/07BAKU595/
        LA  - en
        Y2  - 2026/11/29/
        ER  - """
    )
    [item] = json.loads(citations.text(citations.csl_json(CABLE), "csl", DAY))
    assert item == {
        "id": "07BAKU595",
        "type": "report",
        "title": SUBJECT,
        "author": [{"literal": "US Embassy Baku"}],
        "publisher": "US Embassy Baku",
        "genre": "Cable",
        "number": "07BAKU595",
        "issued": {"date-parts": [[2007, 5, 16]]},
        "collection-title": "Annotated Edition",
        "note": "Classification: CONFIDENTIAL. Public copy: https://wikileaks.org/plusd/cables/07BAKU595_a.html. "
        "In Annotated Edition",
        "URL": "https://example.org/edition/documents/07BAKU595/",
        "language": "en",
        "accessed": {"date-parts": [[2026, 11, 29]]},
    }


def test_article_bibtex_ris_and_csl() -> None:
    bibtex = citations.text(citations.bibtex(ARTICLE), "bibtex")
    assert bibtex.startswith("@article{belarus-and-azerbaijan,\n  author = {Jane Doe},\n")
    assert "  journal = {Belarus Digest},\n  year = {2013},\n  month = nov,\n  date = {2013-11},\n" in bibtex
    assert "urldate" not in bibtex
    ris = citations.text(citations.ris(ARTICLE), "ris").splitlines()
    assert ris[:4] == [
        "TY  - NEWS",
        "AU  - Jane Doe",
        "TI  - Belarus and Azerbaijan: Similar Regimes",
        "T2  - Belarus Digest",
    ]
    assert (
        "DA  - 2013/11//" in ris
        and "N1  - Originally published at https://belarusdigest.com/story/similar-regimes" in ris
    )
    [item] = json.loads(citations.text(citations.csl_json(ARTICLE), "csl"))
    assert item["type"] == "article-newspaper" and item["container-title"] == "Belarus Digest"
    assert item["issued"] == {"date-parts": [[2013, 11]], "circa": True}


def test_without_a_published_address_no_address_is_invented() -> None:
    work = CitedWork(**{**CABLE.__dict__, "url": ""})
    for style, pieces in citations.formats(work).items():
        text = citations.text(pieces, style, DAY)
        assert "example.org" not in text and "Accessed" not in text and "urldate" not in text, style
    assert citations.text(citations.chicago(work), "chicago").endswith(
        "In Annotated Edition. Address not yet published."
    )
    assert citations.page_data(work)["url"] is None


def test_templates_fill_like_the_text() -> None:
    """The templates given to the page's scripts (Python's format syntax) give the same
    references as the text, braces of the title included."""
    work = CitedWork(**{**ARTICLE.__dict__, "title": HOSTILE_TITLE})
    for style, paragraph in [("chicago", False), ("mla", False), ("chicago", True), ("mla", True)]:
        build = citations.chicago if style == "chicago" else citations.mla
        pieces = build(work, paragraph)
        filled = citations.template(pieces).format(
            accessed=citations.access_text(style, DAY), paragraph="3", anchor="p3"
        )
        assert filled == citations.text(pieces, style, DAY, "3", "p3")


def test_hostile_title_stays_text_in_every_format() -> None:
    work = CitedWork(**{**CABLE.__dict__, "title": HOSTILE_TITLE + "\nER  - \nTY  - JOUR"})
    bibtex = citations.text(citations.bibtex(work), "bibtex")
    # Braces balance field by field; nothing of the title opens or closes one.
    assert bibtex.count("{") == bibtex.count("}")
    assert r"\textbraceleft{}braces\textbraceright{}" in bibtex and r"100\% \textbackslash{}end" in bibtex
    ris = citations.text(citations.ris(work), "ris")
    assert ris.count("ER  - ") == 1 and ris.count("TY  - ") == 1  # the title stays on its line
    [item] = json.loads(citations.text(citations.csl_json(work), "csl"))
    assert item["title"] == work.title
    html = citations.section_html(work)
    assert "<script" not in html and "&lt;/script&gt;&lt;script&gt;" in html
    front = yaml.safe_load(citations.front_matter(work))["citation"]
    assert dict((t["name"], t["content"]) for t in front["meta"])["citation_title"] == work.title
    assert front["data"]["templates"]["chicago"].count("{{braces}}") == 1


def test_front_matter_is_yaml_that_keeps_every_value() -> None:
    front = yaml.safe_load(citations.front_matter(CABLE))["citation"]
    assert front["csl"] == [citations.csl(CABLE)]
    assert front["data"] == citations.page_data(CABLE)
    assert [(t["name"], t["content"]) for t in front["meta"]] == citations.meta_tags(CABLE)


def test_cable_copy_url_must_hold_the_cable_id(tmp_path: Path) -> None:
    (tmp_path / "edition.yml").write_text(
        "editorial: the editors\ntitle: T\ncable_copy_url: https://example.org/cables/\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"edition.yml:3.*cable_copy_url must be .*\{cable_id\}"):
        load_edition(tmp_path)
    (tmp_path / "edition.yml").write_text(
        "editorial: the editors\ntitle: T\ncable_copy_url: https://example.org/{cable_id}.html\n", encoding="utf-8"
    )
    assert load_edition(tmp_path).cable_copy("07BAKU595") == "https://example.org/07BAKU595.html"


# On the built site ------------------------------------------------------------

HOSTILE_ARTICLE = """\
---
title: "</script><script>alert('t')</script> \\"Quoted\\" {braces} & more"
author: "Ann <b>O'Hara</b>"
publication: "Gazette </title> {x}"
url: https://example.com/story?a=1&b=2
date: 2013-11-05
---

The text of the article, which says little.
"""


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and a hostile article, built for a published address."""
    project = tmp_path_factory.mktemp("published")
    sources = project / "sources"
    sources.mkdir()
    for path in (ROOT / "seeds").iterdir():
        (sources / path.name).write_bytes(path.read_bytes())
    (sources / "hostile-citation.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    result = build_site(project / "build", sources, SITE_URL=PUBLISHED)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "build" / "site"


def head_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser").head


def meta(head: BeautifulSoup) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for tag in head.select("meta[name^=citation_], meta[name^='DC.']"):
        tags.setdefault(str(tag["name"]), []).append(str(tag["content"]))
    return tags


def test_every_page_carries_its_reference_as_the_catalogue_states_it(published_site: Path) -> None:
    documents = json.loads((published_site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert {d["kind"] for d in documents} == {"cable", "article"}
    for document in documents:
        head = head_of(published_site, document["page"])
        tags = meta(head)
        url = PUBLISHED + document["page"]
        date = "/".join(re.findall(r"\d+", (document["date"] or "")[:10]))
        assert tags["citation_title"] == [document["title"]]
        assert tags["citation_publication_date"] == tags["citation_date"] == [date]
        assert tags["citation_public_url"] == tags["citation_abstract_html_url"] == [url]
        assert tags["citation_language"] == ["en"]
        [csl_script] = head.select('script[type="application/vnd.citationstyles.csl+json"]')
        [item] = json.loads(csl_script.string)
        assert item["title"] == document["title"] and item["URL"] == url and item["id"] == document["id"]
        assert item["issued"]["date-parts"] == [[int(p) for p in date.split("/")]]
        data = json.loads(head.select_one("script#edition-citation").string)
        assert data["id"] == document["id"] and data["url"] == url
        assert url in data["chicago"] and data["templates"]["paragraph_chicago"].endswith(url + "#{anchor}.")
        if document["kind"] == "cable":
            post = citations.post_name(document["origin"])
            assert item["type"] == "report" and item["number"] == document["cable_id"] and item["publisher"] == post
            assert tags["citation_technical_report_number"] == tags["DC.identifier"] == [document["cable_id"]]
            assert tags["citation_technical_report_institution"] == tags["citation_author"] == [post]
            assert "citation_journal_title" not in tags
        else:
            assert item["type"] == "article-newspaper"
            assert tags.get("citation_journal_title") == (
                [document["publication"]] if document["publication"] else None
            )
            assert tags.get("citation_author") == ([document["author"]] if document["author"] else None)
            assert "citation_technical_report_number" not in tags
            assert tags.get("DC.identifier") == ([document["url"]] if document["url"] else None)


def test_hostile_reference_is_data_in_the_page(published_site: Path) -> None:
    documents = json.loads((published_site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    [hostile] = [d for d in documents if d["source"] == "hostile-citation.md"]
    assert hostile["title"].startswith("</script>")
    html = (published_site / hostile["page"] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    # The same scripts in the head as on a page with a harmless title: none opened by the title.
    assert "alert('t')</script>" not in html
    plain = head_of(published_site, "documents/07BAKU595/")
    assert [str(s.attrs) for s in soup.head.select("script")] == [str(s.attrs) for s in plain.select("script")]
    tags = meta(soup.head)
    assert tags["citation_title"] == [hostile["title"]]
    assert tags["citation_author"] == ["Ann <b>O'Hara</b>"]
    assert tags["citation_journal_title"] == ["Gazette </title> {x}"]
    data = json.loads(soup.head.select_one("script#edition-citation").string)
    assert hostile["title"] in data["chicago"] and "{{braces}}" in data["templates"]["chicago"]
    assert soup.select_one("#cite-chicago").get_text().startswith("Ann <b>O'Hara</b>. “</script>")


def test_without_published_address_pages_say_so(site: Path) -> None:
    """The repository's default site_url is a local preview: no address is cited."""
    documents = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    for document in documents:
        head = head_of(site, document["page"])
        assert "citation_public_url" not in meta(head)
        data = json.loads(head.select_one("script#edition-citation").string)
        assert data["url"] is None and data["chicago"].endswith("Address not yet published.")
        assert "127.0.0.1" not in head.select_one('script[type="application/vnd.citationstyles.csl+json"]').string


def test_cite_section_is_not_searched(published_site: Path) -> None:
    index = json.loads((published_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "cite-this" in d["location"] or "techreport" in d["text"]]
    page = BeautifulSoup((published_site / "documents/07BAKU595/index.html").read_text(encoding="utf-8"), "html.parser")
    heading = page.select_one("h2#cite-this")
    assert heading.has_attr("data-search-exclude") and heading.has_attr("data-pagefind-ignore")
    section = page.select_one("div.edition-citation")
    assert section["data-pagefind-ignore"] == "all" and section.has_attr("data-search-exclude")
    targets = [b["data-copy-target"] for b in section.select("button.edition-copy")]
    assert targets == ["cite-chicago", "cite-mla", "cite-bibtex", "cite-ris", "cite-csl"]
    assert all(page.select_one(f"#{t}") for t in targets)
