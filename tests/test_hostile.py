"""Source text is data: markup in a source shows up literally on the built page,
and creates no element, link, footnote, abbreviation or template expansion."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CSL_JSON, build_site

HOSTILE = Path(__file__).parent / "hostile"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    result = build_site(project, HOSTILE)
    assert result.returncode == 0, result.stderr
    return project / "site"


def article(site: Path, page: str) -> BeautifulSoup:
    html = (site / "documents" / page / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def body_text(element: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", element.get_text(" "))


def assert_no_injected_elements(content: BeautifulSoup) -> None:
    assert content.select("script, img, iframe, style") == []
    assert [a["href"] for a in content.select("a[href]") if a["href"].lower().startswith("javascript")] == []
    assert content.select("[onerror], .injected, #id") == []
    # The edition's own reference blocks (BibTeX, RIS, CSL-JSON) are the only <pre>/<code>;
    # none comes from the source.
    assert content.select("em, strong, del, mark, ins, kbd, abbr, blockquote, hr") == []
    assert [e.parent.get("class") for e in content.select("code")] == [
        ["edition-bibtex"],
        ["edition-ris"],
        ["edition-csl"],
    ]
    assert len(content.select("h1")) == 1
    assert content.select(".footnote, sup[id^=fnref]") == []


def test_article_markup_stays_literal(hostile_site: Path) -> None:
    page = next((hostile_site / "documents").glob("a-script-*"))
    content = article(hostile_site, page.name)
    assert_no_injected_elements(content)
    # Only the edition's own tables: the metadata panel and the emendation log.
    assert all("edition-panel" in str(t.parent.parent) or "Original" in t.get_text() for t in content.select("table"))
    assert content.select("ol, ul") == []
    text = body_text(content)
    for literal in [
        '<script>alert("title")</script> Title with *stars* [^1] {{ config }} | pipes',
        "<script>alert(1)</script> and <img src=x onerror=alert(2)> are data",
        "*emphasis* and _under_ and **strong** and `code` and ``double`` stay literal.",
        "# not a heading",
        "1. not a list",
        "- not a bullet",
        "> not a quote",
        "| a | b | |---|---| | c | d |",
        "*[HTML]: Hyper Text Markup Language",
        "[^1]: not a footnote definition",
        "{{ config.site_name }} and {% if true %}jinja{% endif %} and {# comment #} stay.",
        "---",
        "Entities &amp; &lt;b&gt; &#42; and $x^2$ and ~~strike~~ and ==mark== and ^^ins^^ and :smile:",
        '{: .injected #id } attribute lists and <div markdown="1">**html blocks**</div> stay.',
        "four spaces of indentation are not code",
    ]:
        assert literal in text, literal


def test_cable_markup_stays_literal(hostile_site: Path) -> None:
    content = article(hostile_site, "09NOWHERE1")
    assert_no_injected_elements(content)
    text = body_text(content)
    for literal in [
        "<SCRIPT>ALERT(1)</SCRIPT> *STARS* [^1] {{ X }} | PIPE",
        "Ambassador <b>Bold</b>",
        "<script>alert(1)</script> and [link](javascript:alert(2)) and *emphasis* and `code` and {{ config }}",
        "{% raw %} and [^1] and | a | b | stay literal.",
        "# not a heading and *[ABBR]: not a definition and &amp; and $x$.",
        "<img src=x onerror=alert(3)> ends the cable.",
    ]:
        assert literal in text, literal


def test_page_titles_are_literal(hostile_site: Path) -> None:
    html = (hostile_site / "documents" / "09NOWHERE1" / "index.html").read_text(encoding="utf-8")
    title = BeautifulSoup(html, "html.parser").title.get_text()
    assert "*STARS* [^1] {{ X }} | PIPE" in title


def test_a_source_with_an_awkward_file_name_is_linked(hostile_site: Path) -> None:
    content = article(hostile_site, "an-article-with-a-difficult-file-name")
    links = {a["href"] for a in content.select("a[href*='sources/']")}
    assert links == {"../../sources/odd%20name%20%28draft%29%20%231%20%5Bx%5D.txt"}
    assert (hostile_site / "sources" / "odd name (draft) #1 [x].txt").is_file()


def test_titles_do_not_inject_into_the_page_head_or_header(hostile_site: Path) -> None:
    # Material prints a page's title into <title> and the header bar, outside the article.
    for page in (hostile_site / "documents").glob("*/index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        # The page's reference (citations.py) holds the title as JSON data, `<` escaped.
        data = [s for s in soup.select("script") if s.get("type") in ("application/json", CSL_JSON)]
        assert all("<" not in s.get_text() and json.loads(s.get_text()) for s in data), page
        assert [s for s in soup.select("script") if "alert" in s.get_text() and s not in data] == [], page
        assert soup.select("[onerror]") == [], page
    html = (hostile_site / "documents" / "09NOWHERE1" / "index.html").read_text(encoding="utf-8")
    header = BeautifulSoup(html, "html.parser").select_one(".md-header__topic:last-child")
    assert "<SCRIPT>ALERT(1)</SCRIPT>" in header.get_text()
