"""Markdown articles: front matter, the body's structure, the article's parts, and
real articles of the shapes people have (../shared/corpus/articles, when present)."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
import tomllib
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from edition.coverage import word_coverage
from edition.errors import SourceError
from edition.model import Article
from edition.readers import reader_for
from edition.readers.markdown import MarkdownReader
from edition.sources import read_source
from markdown_it import MarkdownIt

ARTICLES = Path(ROOT.parent / "shared" / "corpus" / "articles")
HOSTILE = Path(__file__).parent / "hostile_markdown"
SHAPES = ("yaml_", "toml_", "clip_", "mag_")


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


# Real articles ------------------------------------------------------------------


def corpus_files() -> list[Path]:
    if not ARTICLES.is_dir():
        return []
    return sorted(p for p in ARTICLES.iterdir() if p.name.startswith(SHAPES))


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ARTICLES.is_dir():
        pytest.skip(f"real articles not found at {ARTICLES}")
    project = tmp_path_factory.mktemp("articles")
    sources = project / "sources"
    sources.mkdir()
    for path in corpus_files():  # into a temporary folder: the texts stay out of the repository
        shutil.copy(path, sources / path.name)
    result = build_site(project / "build", sources)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "build" / "site"


def front_matter(text: str) -> dict[str, object]:
    """The front matter, read here independently of the reader."""
    text = text.lstrip("\ufeff\n")
    found = re.match(r"(---|\+\+\+)\n(.*?)\n(?:---|\+\+\+|\.\.\.)\n", text, re.S)
    if not found:
        return {}
    values = yaml.safe_load(found[2]) if found[1] == "---" else tomllib.loads(found[2])
    return {str(k).lower(): v for k, v in values.items()}


def body_of(text: str) -> str:
    text = text.lstrip("\ufeff\n")
    found = re.match(r"(---|\+\+\+)\n.*?\n(?:---|\+\+\+|\.\.\.)\n", text, re.S)
    return text[found.end() :] if found else text


@pytest.mark.parametrize("name", [p.name for p in corpus_files()] or ["(corpus absent)"])
def test_real_article(corpus_site: Path, name: str) -> None:
    catalogue = json.loads((corpus_site / "catalogue.json").read_text(encoding="utf-8"))
    (entry,) = [d for d in catalogue["documents"] if d["source"] == name]
    text = (ARTICLES / name).read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    stated = front_matter(text)
    if "title" in stated:
        assert entry["title"] == " ".join(str(stated["title"]).split())
    for key in ("date", "published"):
        if key in stated:
            assert entry["date"] == str(stated[key])[:10]
            break
    for key in ("author", "authors"):
        if key in stated:
            authors = stated[key] if isinstance(stated[key], list) else [stated[key]]
            assert all(str(a) in entry["author"] for a in authors)
    assert entry["format"] == "markdown"
    soup = BeautifulSoup((corpus_site / entry["page"] / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    log = article.select_one(".edition-emendations")
    body = BeautifulSoup(str(article), "html.parser")
    # The end mark of a press release is `###`: text, not a heading.
    apparatus_selector = ".edition-emendations, .edition-panel, .edition-bibtex, .edition-citation, .edition-end-mark"
    for apparatus in body.select(apparatus_selector):
        apparatus.decompose()
    body_text = body.get_text(" ")
    for syntax in ("## ", "**", "](", "!["):
        assert syntax not in body_text, syntax
    # Every heading is a heading, the title, a part of the article's anatomy, or in the log.
    tokens = MarkdownIt("commonmark").enable("table").parse(body_of(text))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    shown = {" ".join(h.get_text(" ").replace("¶", "").split()) for h in article.select("h1, h2, h3, h4, h5, h6")}
    parts = " ".join(
        p.get_text(" ") for p in article.select(".edition-fly-title, .edition-standfirst, .edition-dateline")
    )
    logged = log.get_text(" ") if log else ""
    for heading in headings:
        plain = " ".join(re.sub(r"!?\[([^\]]*)\]\([^)]*\)|[*_`\\]", r"\1", heading).split())
        assert plain in shown or plain in parts or plain in logged, heading
    # Nothing lost: the words a standard renderer shows are on the page.
    rendered = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(body_of(text)), "html.parser").get_text(
        " "
    )
    page = article.get_text(" ") + " " + " ".join(unquote(a["href"]) for a in article.select("a.external"))
    coverage = word_coverage(rendered, [page])
    print(f"{name}: {coverage.found}/{coverage.total} words ({coverage.ratio:.2%})")
    assert coverage.missing == {}


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
    assert [s for s in soup.select("script") if "alert" in s.get_text()] == []
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
