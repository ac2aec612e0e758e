"""Markdown articles: front matter, the body's structure, the article's parts, and
real articles of the shapes people have (../shared/corpus/articles, when present)."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CSL_JSON, build_site
from edition.annotate import block_marks
from edition.errors import SourceError
from edition.escape import non_overlapping
from edition.model import Article
from edition.readers import reader_for
from edition.readers.markdown import MarkdownReader
from edition.render_body import Footnotes, block_html
from edition.sources import read_source

HOSTILE = Path(__file__).parent / "hostile_markdown"


def read(tmp_path: Path, text: str, name: str = "a.md") -> tuple[list[Article], list[tuple[int | None, str]]]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    source, _ = read_source(path)
    warnings: list[tuple[int | None, str]] = []
    articles = reader_for(source).read(source, lambda line, message: warnings.append((line, message)))
    return list(articles), warnings  # type: ignore[arg-type]


def test_front_matter_makes_a_txt_file_markdown(tmp_path: Path) -> None:
    (article,), _ = read(tmp_path, "\n\n+++\nTitle = 'T'\n+++\n\n## A heading\n\nText.\n", name="a.txt")
    assert (article.title, article.source_format) == ("T", "markdown")
    assert [(b.kind, b.text) for b in article.blocks] == [("heading", "A heading"), ("paragraph", "Text.")]


def test_keys_are_case_insensitive_and_other_keys_are_kept(tmp_path: Path) -> None:
    (article,), _ = read(
        tmp_path,
        """
        ---
        Title: The title
        Authors: [A One, B Two]
        Published_Time: 2021-08-09 10:57:16-04:00
        Categories: politics
        Source_URL: https://example.org/a
        Site: Example Daily
        mood: calm
        ---
        Text.
        """,
    )
    assert (article.title, article.author, article.date, article.date_precision) == (
        "The title",
        "A One, B Two",
        "2021-08-09",
        "day",
    )
    assert (article.url_original, article.publication, article.tags) == (
        "https://example.org/a",
        "Example Daily",
        ("politics",),
    )
    assert ("mood", "calm") in article.metadata


def test_a_date_that_does_not_parse_is_kept_as_text_with_a_warning(tmp_path: Path) -> None:
    (article,), warnings = read(tmp_path, "---\ntitle: T\ndate: sometime in spring\n---\nText.\n")
    assert article.date is None
    assert ("date", "sometime in spring") in article.metadata
    assert warnings == [(3, "front matter date: 'sometime in spring' is not a date; shown as given")]


@pytest.mark.parametrize(
    ("written", "iso", "precision"),
    [("Jan 16th 2020", "2020-01-16", "day"), ("2011-12-4", "2011-12-04", "day"), ("March 2013", "2013-03", "month")],
)
def test_datelines_date_the_article(tmp_path: Path, written: str, iso: str, precision: str) -> None:
    (article,), _ = read(tmp_path, f"# Title\n\n> {written}\n\nText of the article.\n")
    assert (article.date, article.date_precision, article.date_from_text) == (iso, precision, True)
    assert article.parts("dateline") == (written,)


def test_an_address_that_is_not_a_web_address_is_not_linked(tmp_path: Path) -> None:
    (article,), warnings = read(tmp_path, "---\ntitle: T\nurl: 'javascript:alert(1)'\n---\nText.\n")
    assert article.url_original is None
    assert ("address (not a web address)", "javascript:alert(1)") in article.metadata
    assert warnings and "not a web address" in warnings[0][1]


def test_alias_bombs_are_refused_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text("---\na: &a [x, x]\nb: [*a, *a]\n---\nText.\n", encoding="utf-8")
    source, _ = read_source(path)
    with pytest.raises(SourceError) as error:
        MarkdownReader().read(source, lambda line, message: None)
    assert "anchors and aliases" in str(error.value)
    assert error.value.line == 2


def test_a_rule_and_a_note_between_rules_do_not_start_an_article(tmp_path: Path) -> None:
    articles, _ = read(tmp_path, "# T\n\nText.\n\n---\nNote: this was updated.\n---\n\nMore text.\n")
    assert len(articles) == 1


def test_links_emphasis_and_raw_html(tmp_path: Path) -> None:
    (article,), _ = read(
        tmp_path,
        "# T\n\nSee [the *report*](https://example.org/r) and [this](javascript:x) <br/> and <b>bold</b>.\n",
    )
    (block,) = article.blocks
    assert block.text == "See the report and this and <b>bold</b>."
    assert [block.text[link.start : link.end] for link in block.links] == ["the report"]
    assert {e.kind for e in article.emendations} == {"link-removed", "markup"}


# Emphasis -------------------------------------------------------------------------


def body_html(tmp_path: Path, text: str) -> list[str]:
    (article,), _ = read(tmp_path, text)
    return [
        block_html(b, non_overlapping(block_marks(article, b)), Footnotes([])).split(">", 1)[1].rsplit("<", 1)[0]
        for b in article.blocks
    ]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("*<script>alert(1)</script>*", "<em>&lt;script&gt;alert(1)&lt;/script&gt;</em>"),
        ("***both*** and __strong__", "<strong><em>both</em></strong> and <strong>strong</strong>"),
        ("*a **b** c*", "<em>a </em><strong><em>b</em></strong><em> c</em>"),
        (
            "*a [b](https://example.org/) c*",
            '<em>a </em><a href="https://example.org/" class="external" rel="nofollow"><em>b</em></a><em> c</em>',
        ),
        (
            "[a *b* c](https://example.org/)",
            '<a href="https://example.org/" class="external" rel="nofollow">a <em>b</em> c</a>',
        ),
        ("a * b * c and `*code*` and \\*x\\*", "a * b * c and *code* and *x*"),
    ],
)
def test_emphasis_is_kept_as_nested_markup_around_escaped_text(tmp_path: Path, text: str, html: str) -> None:
    assert body_html(tmp_path, f"# T\n\n{text}\n") == [html]


def test_emphasis_spans_follow_the_text_through_its_changes(tmp_path: Path) -> None:
    """Collapsed white space, an image's description, link debris: the style still
    covers the same words."""
    (article,), _ = read(tmp_path, "# T\n\nSee ![img](a.png)  *one   two* [x](tel:1 2) **three**\n")
    (block,) = article.blocks
    assert [(block.text[s.start : s.end], s.kind) for s in block.styles] == [("one two", "em"), ("three", "strong")]


# A closing list of sources or notes ---------------------------------------------


@pytest.mark.parametrize(
    "ending",
    [
        "## Sources\n\n- [A report](https://example.org/r)\n- An interview, 2019.\n",
        "**References:**\n\nA report, 2019.\n\nAn interview, 2019.\n",
        "### Source:\n\n1. [A report](https://example.org/r)\n2. [An interview](https://example.org/i)\n\n■\n",
    ],
)
def test_a_closing_list_of_sources_is_shown_as_one(tmp_path: Path, ending: str) -> None:
    (article,), _ = read(tmp_path, f"# T\n\nText of the article.\n\n{ending}")
    assert [b.kind for b in article.blocks if b.kind not in ("lead", "end_mark")] == [
        "sources_heading",
        "source",
        "source",
    ]
    assert len(article.parts("source")) == 2


@pytest.mark.parametrize(
    "ending",
    [
        "## Notes\n\nA note.\n\n## Then more text\n\nMore text.\n",  # not the last section
        "## Notes\n\n" + "A long paragraph of prose. " * 30 + "\n",  # text, not an entry
        "## Notes\n\n```\ncode\n```\n",  # not entries
        "Notes on the text follow in a sentence of their own.\n\nA line.\n",  # not a label
    ],
)
def test_text_is_not_taken_for_a_list_of_sources(tmp_path: Path, ending: str) -> None:
    (article,), _ = read(tmp_path, f"# T\n\nText of the article.\n\n{ending}")
    assert article.parts("source") == ()


def test_a_closing_related_list_is_logged_as_site_chrome(tmp_path: Path) -> None:
    (article,), _ = read(tmp_path, "# T\n\nText.\n\nMore.\n\n## Related articles\n\n- [Other](/a.md)\n- Another\n")
    assert [b.text for b in article.blocks] == ["Text.", "More."]
    (chrome,) = [e for e in article.emendations if e.kind == "page-chrome"]
    assert chrome.original == "Related articles ¶ Other ¶ Another"


# Real articles: tests/test_real_articles.py builds them all, every format in one site.


# Hostile input ------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile-markdown")
    result = build_site(project, HOSTILE)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_markdown_markup_stays_literal(hostile_site: Path) -> None:
    catalogue = json.loads((hostile_site / "catalogue.json").read_text(encoding="utf-8"))
    (entry,) = catalogue["documents"]
    soup = BeautifulSoup((hostile_site / entry["page"] / "index.html").read_text(encoding="utf-8"), "html.parser")
    # The page's reference holds the title as JSON data (citations.py), `<` escaped.
    data = [s for s in soup.select("script") if s.get("type") in ("application/json", CSL_JSON)]
    assert all("<" not in s.get_text() and json.loads(s.get_text()) for s in data)
    assert [s for s in soup.select("script") if "alert" in s.get_text() and s not in data] == []
    assert soup.select("[onerror], [onclick], [onmouseover], iframe, img[src=x]") == []
    content = soup.select_one("article")
    assert content.select("img, b") == []
    assert [a["href"] for a in content.select("a[href]") if a["href"].lower().startswith(("javascript", "data"))] == []
    text = re.sub(r"\s+", " ", content.get_text(" "))
    for literal in [
        "<script>alert('title')</script> Markdown {{ config }} *stars*",
        "<img src=x onerror=alert(1)>",
        "<script>alert(3)</script>",
        "{{ config.site_name }} and {% if true %}jinja{% endif %} and {# comment #} stays.",
        '<div onmouseover="alert(8)">a raw block with text</div>',
        "<script>alert(13)</script>",
        "<iframe src=https://evil.example>",
    ]:
        assert literal in text, literal


# A scraper's envelope -------------------------------------------------------------


ENVELOPE = """
    # example.org

    ## Metadata

    - **URL**: https://example.org/a
    - **Scraped at**: 2024-01-02

    ## Page Structure

    - ## The Headline

    ## Content

    Site menu
    The Headline
    A sentence of the article, cut by a link to
    a page
    , and ended.
    """


def test_a_scraper_envelope_gives_metadata_and_its_content_as_text(tmp_path: Path) -> None:
    [article], warnings = read(tmp_path, ENVELOPE)
    assert (article.title, article.url_original, warnings) == ("The Headline", "https://example.org/a", [])
    assert article.metadata == (("Scraped at", "2024-01-02"),)
    assert [b.text for b in article.blocks] == [
        "Site menu",
        "The Headline",
        "A sentence of the article, cut by a link to a page , and ended.",
    ]
    assert [(e.line, e.kind, e.original) for e in article.emendations] == [
        (1, "envelope", "# example.org"),
        (3, "envelope", "## Metadata ¶ - **URL**: https://example.org/a ¶ - **Scraped at**: 2024-01-02"),
        (8, "envelope", "## Page Structure ¶ - ## The Headline"),
        (12, "envelope", "## Content"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Text before the Metadata section: an article that has such a section.
        "Intro text.\n\n## Metadata\n\n- **A**: 1\n- **B**: 2\n\n## Content\n\nText.\n",
        # A Metadata section that is not only `**Key**: value` bullets.
        "## Metadata\n\n- **A**: 1\n- a plain bullet\n\n## Content\n\nText.\n",
        # No Content section.
        "## Metadata\n\n- **A**: 1\n- **B**: 2\n\n## Text\n\nText.\n",
    ],
)
def test_only_the_envelope_shape_is_taken_for_one(tmp_path: Path, text: str) -> None:
    [article], _ = read(tmp_path, text)
    assert "envelope" not in [e.kind for e in article.emendations]
