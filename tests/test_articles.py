"""Articles: structure, pull quotes, links and repairs, checked on built pages.

The seed article file is checked in the real site; the fixtures in tests/cases/
(article_*.txt) are built into a site of their own; small rules are read inline.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from textwrap import dedent

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import build_site
from edition.coverage import word_coverage
from edition.editorial import NONE
from edition.model import Article
from edition.readers.article import ArticleReader
from edition.sources import Source, read_source
from hypothesis import given, settings
from hypothesis import strategies as st

CASES = Path(__file__).parent / "cases"
SEED = "004_1b630a0dc0de4d44.txt"
FIRST = "documents/belarus-and-azerbaijan-similar-regimes"
SECOND = "documents/belarusian-defence-industry-recovers"


def content(site: Path, page: str) -> Tag:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def text(element: Tag) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def paragraphs(page: Tag) -> list[str]:
    return [text(p) for p in page.select("p.edition-para")]


def section_headings(page: Tag) -> list[str]:
    """The h2 headings of the text, before the emendation log."""
    out = []
    for h2 in page.select("h2"):
        if h2.get("id") == "emendations":
            break
        out.append(heading(h2))
    return out


def heading(element: Tag) -> str:
    """The text of a heading, without its permalink sign."""
    return text(element).removesuffix("¶").strip()


def emendation_log(page: Tag) -> str:
    return text(page.select_one("h2#emendations").find_next("table"))


def log_rows(page: Tag) -> list[list[str]]:
    """Rows of the emendation log: line, kind, original, printed, note."""
    table = page.select_one("h2#emendations").find_next("table")
    return [[text(td) for td in tr.select("td")] for tr in table.select("tbody tr")]


# The seed, in the real site.


def test_seed_file_gives_two_articles(site: Path) -> None:
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    articles = [d for d in catalogue["documents"] if d["source"] == SEED]
    assert [(d["kind"], d["page"]) for d in articles] == [("article", f"{FIRST}/"), ("article", f"{SECOND}/")]
    first, second = content(site, FIRST), content(site, SECOND)
    assert (
        heading(first.select_one("h1")) == "Belarus and Azerbaijan: Similar Regimes but Different Treatment by the EU"
    )
    assert heading(second.select_one("h1")) == "Belarusian Defence Industry Recovers from The Last Year's Scandal"
    assert "November 2013 (approximate)" in text(first.select_one(".edition-panel"))
    assert "Author not stated" in text(first.select_one(".edition-panel"))


def test_seed_sections(site: Path) -> None:
    assert section_headings(content(site, FIRST)) == [
        "Topics for a Private Conversation",
        "Do Their Regimes Differ?",
        "Will Aliyev Help Lukashenka?",
    ]
    assert section_headings(content(site, SECOND)) == [
        "Belarusian “Contract of the Century”",
        "Belarusian Defence Industry Vindicated After Last Summer Failure",
        "Forever With Moscow?",
        "Is Russia Ready to Recognise Belarus as an Ally?",
    ]


def test_seed_pull_quotes_are_shown_as_such(site: Path) -> None:
    quotes = []
    for page_path in (FIRST, SECOND):
        page = content(site, page_path)
        for aside in page.select("aside.edition-pull-quote"):
            target = aside.select_one("a[href^='#p']")["href"][1:]
            repeated = text(page.find(id=target))
            quote = text(aside.select_one("p"))
            quotes.append(quote)
            assert quote not in paragraphs(page)  # not also a paragraph of its own
            # The quote repeats (or closely paraphrases) its paragraph: most words shared.
            assert len(set(quote.split()) - set(repeated.split())) <= 2, (quote, repeated)
    assert quotes == [
        "The EU approaches towards Belarus and Azerbaijan remain completely different.",
        "The film demonstrated how Iran deployed Belarusian-made Vostok-E system to intercept the American aircraft.",
        "Russian policies towards defence cooperation with Belarus look more like a desire to grab the most "
        "efficient Belarusian firms in its defence industry.",
    ]


@pytest.mark.parametrize("page_path", [FIRST, SECOND])
def test_seed_has_no_duplicated_paragraph_and_no_web_debris(site: Path, page_path: str) -> None:
    page = content(site, page_path)
    body = paragraphs(page)
    assert len(body) == len(set(body))
    printed = " ".join(body)
    assert "](#)" not in printed and "\\$" not in printed and "\\" not in printed
    assert "](#)" in emendation_log(page)  # the dead links, as they stood


@pytest.mark.parametrize(
    ("page_path", "joined"),
    [
        (FIRST, "assemble tractors, trucks, and buses"),
        (FIRST, "the same attitude towards it"),
        (SECOND, "Soviet times – and defence products."),
        (SECOND, "Iranian TV broadcasted a film"),
    ],
)
def test_seed_page_break_splits_are_rejoined(site: Path, page_path: str, joined: str) -> None:
    page = content(site, page_path)
    assert sum(joined in p for p in paragraphs(page)) == 1


def test_seed_rejoins_are_logged(site: Path) -> None:
    rows = [log_rows(content(site, page)) for page in (FIRST, SECOND)]
    rejoins = [row[2] for page_rows in rows for row in page_rows if row[1] == "rejoin"]
    assert rejoins == [
        "…with Belarusians assemble tractors, ¶ trucks, and buses in…",
        "…the EU the same ¶ attitude towards it as…",
        "…Soviet times – and ¶ defence products. For example,…",
        "…In February, Iranian TV ¶ broadcasted a film about…",
    ]


def test_seed_money_and_glued_words(site: Path) -> None:
    printed = " ".join(paragraphs(content(site, FIRST)))
    assert "reaching $223.3 million" in printed and "a $300-million loan" in printed
    assert "Crystal Hall emerged" in printed
    assert "Crystal Hallemerged" in emendation_log(content(site, FIRST))


def test_seed_catalogue_entries(site: Path) -> None:
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    first, second = (d for d in catalogue["documents"] if d["source"] == SEED)
    assert first["headings"] == section_headings(content(site, FIRST))
    assert (first["publication"], first["author"], first["date"], first["date_precision"]) == (
        "Belarus Digest",
        None,
        "2013-11",
        "month",
    )
    assert first["date_approximate"] is True and second["date_precision"] == "year"
    assert (first["pull_quotes"], second["pull_quotes"]) == (1, 2)
    assert first["emendations"] == len(log_rows(content(site, FIRST)))


# Fixture articles, built into a site of their own.


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("article-sources")
    for path in CASES.glob("article_*"):
        if path.suffix in (".txt", ".yml"):
            shutil.copy(path, sources / path.name)
    project = tmp_path_factory.mktemp("article-site")
    result = build_site(project, sources)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def test_article_without_metadata(fixture_site: Path) -> None:
    page = content(fixture_site, "documents/minsk-tractor-works-opens-a-plant-in-baku")
    assert heading(page.select_one("h1")) == "Minsk Tractor Works Opens a Plant in Baku"
    panel = text(page.select_one(".edition-panel"))
    assert "Publication not stated" in panel and "Date undated" in panel and "Author not stated" in panel
    # Questions that are sentences, not title-case lines, are paragraphs.
    assert section_headings(page) == []
    assert "But who will buy the tractors?" in paragraphs(page)
    assert "What did the minister mean by this?" in paragraphs(page)


def test_pull_quotes_verbatim_and_paraphrased(fixture_site: Path) -> None:
    page = content(fixture_site, "documents/the-pipeline-nobody-wanted")
    quotes = [(text(a.select_one("p")), a.select_one("a")["href"]) for a in page.select("aside.edition-pull-quote")]
    assert quotes == [
        ("The route was chosen for political reasons rather than for cost.", "#p1"),
        ("The ministry ordered engineers to drop the cheaper southern route before a survey.", "#p3"),
    ]
    assert section_headings(page) == ["Engineers Speak Out", "A Long Winter Ahead"]
    # Resembling a sentence of a paragraph near by, or closely repeating a distant one, is not enough.
    assert "Engineers who worked on the study describe it differently." in paragraphs(page)
    assert "Critics say the route was chosen for political motives, not for cost." in paragraphs(page)


def test_markdown_looking_text_stays_literal(fixture_site: Path) -> None:
    page = content(fixture_site, "documents/markup-stays-text-hash-stars-and-x")
    assert page.select("script, ol, ul, sup, .footnote") == []
    assert len(page.select("h1")) == 1 and section_headings(page) == []
    assert len(page.select("table")) == 1  # the metadata panel; the log says "None"
    printed = paragraphs(page)
    for literal in [
        "# This line starts with a hash sign but is a sentence of the article.",
        "* This line starts with a star, like a list item in Markdown.",
        "1. This line starts with a number and a full stop.",
        "| column | another column |",
        '<script>alert("not run")</script> is shown, not run.',
        "A footnote marker [^1] and a template expression {{ x }} and {% block %} stay literal.",
        "[^1]: This line looks like a footnote definition.",
    ]:
        assert literal in printed, literal
    assert heading(page.select_one("h1")) == "Markup Stays Text: # Hash, *Stars* and {{ x }}"


def test_links_images_and_corrections(fixture_site: Path) -> None:
    page = content(fixture_site, "documents/links-in-a-web-copy")
    links = [(text(a), a["href"], a.get("rel")) for a in page.select("p.edition-para a.external")]
    assert links == [
        ("its report", "https://example.org/report?year=2013&lang=en", ["nofollow"]),
        ("a summary", "https://example.org/wiki/Report_%28summary%29", ["nofollow"]),
    ]
    assert page.select("img") == [] and not page.select("a[href^='javascript']")
    printed = " ".join(paragraphs(page))
    assert "clicks this link runs nothing" in printed and "the map Map of the pipeline route is" in printed
    assert "is a local file the edition" in printed and "thanked the ministry" in printed
    log = emendation_log(page)
    for original in ["[this link](javascript:alert(1))", "![Map of the pipeline route](images/map.png)"]:
        assert original in log
    assert "[local file](appendix.pdf)" in log and "thankedthe" in log and '"Summary"' in log
    panel = page.select_one(".edition-panel")
    assert [a["href"] for a in panel.select("a.external")] == ["https://example.org/articles/links?id=7"]
    assert "A. N. Author" in text(panel) and "22 November 2013" in text(panel)


# Small rules, read inline.


def read(source_text: str, warnings: list[str] | None = None) -> list[Article]:
    source = Source(Path("inline.txt"), dedent(source_text).strip() + "\n", "utf-8", NONE)
    return ArticleReader().read(
        source, lambda line, message: (warnings if warnings is not None else []).append(message)
    )


def kinds(article: Article) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in article.blocks]


def test_heading_needs_title_case_a_single_line_and_text_after_it() -> None:
    [article] = read(
        """
        Title

        Why Minsk Needs Moscow

        Body text of the article, long enough to be a paragraph of prose.

        Is this a question that the article asks?

        Body text again, and then a title-case line that ends the article.

        The Last Line Of The File
        """
    )
    assert [k for k, _ in kinds(article)] == ["heading", "paragraph", "paragraph", "paragraph", "paragraph"]


def test_page_break_rejoin_needs_an_open_end_and_a_lower_case_start() -> None:
    [article] = read(
        """
        Title

        A paragraph that ends without a stop and

        continues here. This paragraph ends properly.

        this one starts in lower case but follows a full stop.
        """
    )
    assert [t for _, t in kinds(article)] == [
        "A paragraph that ends without a stop and continues here. This paragraph ends properly.",
        "this one starts in lower case but follows a full stop.",
    ]
    assert [(e.kind, e.line, e.original) for e in article.emendations] == [
        ("rejoin", 5, "…without a stop and ¶ continues here. This paragraph…")
    ]


def test_escaped_brackets_never_open_a_link_and_wrapped_links_keep_their_line() -> None:
    [article] = read(
        r"""
        Title

        Not a link: \[text\](https://example.org) stays, but [a link
        over two lines](https://example.org/x) is one and [gone
        text](#) is dead.
        """
    )
    [block] = article.blocks
    assert block.text.startswith("Not a link: [text](https://example.org) stays, but a link over two lines is")
    assert [block.text[link.start : link.end] for link in block.links] == ["a link over two lines"]
    assert [(e.kind, e.line) for e in article.emendations] == [("unescape", 3), ("unescape", 3), ("link-debris", 4)]


def test_a_heading_is_not_taken_from_markup_or_a_line_with_a_link() -> None:
    [article] = read(
        """
        Title

        *[HTML]: Hyper Text Markup Language

        Read The [Full Report](https://example.org) Online

        Body text of the article, long enough to be a paragraph of prose.
        """
    )
    assert [k for k, _ in kinds(article)] == ["lead", "paragraph", "paragraph"]


# Any text: the reader never fails and loses no word.

_PIECES = [
    "word",
    "Title",
    "Case",
    "sentence.",
    "end?",
    "and",
    "\\$",
    "\\[",
    "[dead](#)",
    "[kept](https://example.org/kept)",
    "[odd](javascript:void(0))",
    "![alt](pic.png)",
    '[titled](https://example.org/t "Hover")',
    "[",
    "](",
    ")",
    "*",
    "# ",
    "1. ",
    "|",
    "<b>",
    "{{",
    "\n",
    "\n\n",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=60).map(" ".join))
@settings(max_examples=200, deadline=None)
def test_reader_keeps_every_word_of_any_text(body: str) -> None:
    source_text = "Some Title\n\n" + body
    articles = read(source_text)
    kept = [a.title for a in articles]
    for article in articles:
        kept += [b.text for b in article.blocks] + [e.original for e in article.emendations]
        kept += [link.url for b in article.blocks for link in b.links]
    assert word_coverage(source_text, kept).missing == {}


def test_editorial_metadata_declares_articles_and_nothing_is_invented(tmp_path: Path) -> None:
    (tmp_path / "two.txt").write_text(
        "First \\$5 Story\n\nBody of the first story, which is long enough to read.\n\n"
        "Second Story\n\nBody of the second story, which is also long enough.\n",
        encoding="utf-8",
    )
    (tmp_path / "two.yml").write_text(
        dedent(
            """
            editorial: test
            articles:
              - title: First $5 Story
                url: javascript:alert(1)
                date: "2013"
                date_approximate: true
              - title: Second Story
                author: B. Writer
            corrections:
              - original: not in the text
                corrected: anything
            """
        ),
        encoding="utf-8",
    )
    source, _ = read_source(tmp_path / "two.txt")
    warnings: list[str] = []
    first, second = ArticleReader().read(source, lambda line, message: warnings.append(message))
    assert (first.title, first.id, first.date_precision, first.date_approximate) == (
        "First $5 Story",
        "first-5-story",
        "year",
        True,
    )
    assert (first.url_original, first.author, first.publication) == (None, None, None)
    assert (second.title, second.author, second.date, second.date_precision) == (
        "Second Story",
        "B. Writer",
        None,
        "unknown",
    )
    assert [b.text for b in second.blocks] == ["Body of the second story, which is also long enough."]
    assert len(warnings) == 2
    assert "'not in the text'" in warnings[0] and "'javascript:alert(1)' is not a web address" in warnings[1]
