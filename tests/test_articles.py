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
from edition.editorial import NONE, load_editorial
from edition.errors import DataError
from edition.model import Article
from edition.readers import reader_for
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


# Plain text of any shape is an article.


def read_file(tmp_path: Path, name: str, data: bytes, sidecar: str = "") -> tuple[list[Article], list[str]]:
    """The articles of the file `name` holding `data`, read by the reader its
    detection rule (or its sidecar) chooses, and the warnings given."""
    (tmp_path / name).write_bytes(data)
    if sidecar:
        (tmp_path / name).with_suffix(".yml").write_text(dedent(sidecar), encoding="utf-8")
    source, _ = read_source(tmp_path / name)
    warnings: list[str] = []
    articles = reader_for(source).read(source, lambda line, message: warnings.append(f"{line}: {message}"))
    return list(articles), warnings  # type: ignore[arg-type]


def test_a_three_line_text_with_crlf_is_an_article_of_two_paragraphs(tmp_path: Path) -> None:
    data = b"Minsk Talks End\r\nThe talks ended on Monday.\r\nThey resume in May.\r\n"
    [article], warnings = read_file(tmp_path, "short.txt", data)
    assert (article.title, kinds(article), warnings) == (
        "Minsk Talks End",
        [("lead", "The talks ended on Monday."), ("paragraph", "They resume in May.")],
        [],
    )


@pytest.mark.parametrize("data", [b"Hello.", b"One line, no more", "Одна строка\n".encode()])
def test_a_single_line_is_an_article(tmp_path: Path, data: bytes) -> None:
    [article], _ = read_file(tmp_path, "one.txt", data)
    assert article.title == data.decode().strip()


def test_hard_wrapped_paragraphs_stay_whole_and_one_paragraph_a_line_is_cut(tmp_path: Path) -> None:
    wrapped = (
        "Title\n\nThe delegation arrived in Baku on Monday morning and met the minister.\n"
        "They discussed the pipeline, the railway and the price of gas for the\n"
        "coming winter. Nothing was signed.\n"
    )
    [article], _ = read_file(tmp_path, "wrapped.txt", wrapped.encode())
    assert len(article.blocks) == 1
    one_a_line = "Title\nThe first paragraph is a single line.\nSo is the second one, which is longer than the first.\n"
    [article], _ = read_file(tmp_path, "lines.txt", one_a_line.encode())
    assert [b.text for b in article.blocks] == one_a_line.splitlines()[1:]


@pytest.mark.parametrize(
    ("first_line", "why"),
    [
        ("the minutes of the meeting, as taken,", "ends as a sentence that goes on"),
        ("The talks went on until late and", "goes on in the next line"),
    ],
)
def test_a_first_line_that_is_no_title_leaves_the_file_name_as_title(tmp_path: Path, first_line: str, why: str) -> None:
    data = f"{first_line}\nended in the morning.\n\nA second paragraph.\n".encode()
    [article], warnings = read_file(tmp_path, "2013-11_minsk_notes.txt", data)
    assert article.title == "2013 11 minsk notes"
    assert article.blocks[0].text.startswith(first_line)
    assert warnings == [
        f"1: first line {why}: read as text; titled after the file name: '2013 11 minsk notes'",
    ]


MARKDOWN_AS_TEXT = (
    b"# A Title\n\nSome text.\n\n## A Section\n\n> A quotation.\n\n![a photo](https://example.org/a.jpg)\n"
)


def test_markdown_in_a_txt_file_is_read_as_text_with_a_warning_naming_the_fix(tmp_path: Path) -> None:
    [article], warnings = read_file(tmp_path, "post.txt", MARKDOWN_AS_TEXT)
    assert article.source_format == "text"
    assert article.title == "# A Title"
    assert "## A Section" in [b.text for b in article.blocks]
    assert warnings == [
        "1: looks like Markdown (2 ATX headings, 1 image line, 1 block-quote line) but is read as plain text, "
        "its markup shown as written; to read it as Markdown, name it .md or add `format: markdown` to its "
        "editorial sidecar post.yml"
    ]


def test_one_heading_or_a_quoted_line_is_not_markdown(tmp_path: Path) -> None:
    _, warnings = read_file(tmp_path, "note.txt", b"Title\n\n# not a heading, a number sign\n\n> a quoted line\n")
    assert warnings == []


def test_the_sidecar_format_key_chooses_the_reader(tmp_path: Path) -> None:
    [article], warnings = read_file(tmp_path, "post.txt", MARKDOWN_AS_TEXT, "editorial: test\nformat: markdown\n")
    assert (article.source_format, article.title, warnings) == ("markdown", "A Title", [])
    assert "heading" in [b.kind for b in article.blocks]
    # Read as text on the editors' word: no warning.
    [article], warnings = read_file(tmp_path, "post.md", MARKDOWN_AS_TEXT, "editorial: test\nformat: text\n")
    assert (article.source_format, article.title, warnings) == ("text", "# A Title", [])
    page = b"<html><head><title>T</title></head><body><article><h1>Page Title</h1>" + b"<p>Text. </p>" * 30
    [article], _ = read_file(tmp_path, "page.txt", page + b"</article></body></html>", "editorial: x\nformat: html\n")
    assert (article.source_format, article.title) == ("html", "Page Title")


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("editorial: x\nformat: docx\n", "format must be one of 'markdown', 'text', 'html', got 'docx'"),
        ("editorial: x\nkind: cable\nformat: markdown\n", "format applies to articles, not to kind 'cable'"),
    ],
)
def test_a_bad_format_names_file_and_line(tmp_path: Path, sidecar: str, message: str) -> None:
    (tmp_path / "a.yml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_editorial(tmp_path / "a.txt")
    assert (raised.value.line, str(raised.value).endswith(message)) == (sidecar.count("\n"), True), str(raised.value)
