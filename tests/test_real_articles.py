"""Real articles, every format in one site: ../shared/corpus/articles/ (Markdown with
YAML or TOML front matter, scraper clips, magazine layouts, plain text, saved web
pages), copied into a temporary folder and built with `mkdocs build --strict`.

For each document the page must give the title, date and author the file states
(read here independently of the readers: front matter, a scraper's Metadata list, a
page's metadata), show headings as headings and no Markdown syntax as text, and keep
every word a standard Markdown renderer shows (markdown-it-py), or every word of a
plain text, on the page or in its emendation log. Skipped when the folder is absent.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, build_site
from edition.coverage import word_coverage
from markdown_it import MarkdownIt

ARTICLES = Path(ROOT.parent / "shared" / "corpus" / "articles")
FORMATS = (".md", ".txt", ".html")
# Markdown written out as text: what a page must never show.
SYNTAX = ("## ", "**", "](", "![", "{{<")
# The page's apparatus, around the text: it may quote the source as written.
APPARATUS = ".edition-emendations, .edition-panel, .edition-bibtex, .edition-citation, .edition-end-mark"
DATE_KEYS = ("date", "published", "published_time", "published_at", "publishdate", "pubdate")


def corpus_files() -> list[Path]:
    if not ARTICLES.is_dir():
        return []
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in FORMATS and p.name.lower() != "readme.md")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ARTICLES.is_dir():
        pytest.skip(f"real articles not found at {ARTICLES}")
    project = tmp_path_factory.mktemp("real-articles")
    sources = project / "sources"
    sources.mkdir()
    for path in corpus_files():  # into a temporary folder: the texts stay out of the repository
        shutil.copy(path, sources / path.name)
    result = build_site(project / "build", sources)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "build" / "site"


# What a file states, read here without the readers ------------------------------


def source_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


_FRONT = re.compile(r"(---|\+\+\+)\n(.*?)\n(?:---|\+\+\+|\.\.\.)\n", re.S)
# A scraper's envelope: `## Metadata` with `- **Key**: value` bullets, then `## Content`.
_ENVELOPE = re.compile(r"^## Metadata\n(?P<meta>.*?)^## Content\n", re.S | re.M)
_ENVELOPE_ITEM = re.compile(r"^[-*] \*\*(?P<key>[^*]+)\*\*:\s*(?P<value>.*)$", re.M)


def front_matter(text: str) -> dict[str, object]:
    """Front matter (YAML or TOML), or a scraper's Metadata list; keys in lower case."""
    found = _FRONT.match(text.lstrip("\n"))
    if found:
        values = yaml.safe_load(found[2]) if found[1] == "---" else tomllib.loads(found[2])
        return {str(k).lower(): v for k, v in values.items()}
    envelope = _ENVELOPE.search(text)
    if envelope:
        return {m["key"].strip().lower(): m["value"].strip() for m in _ENVELOPE_ITEM.finditer(envelope["meta"])}
    return {}


def body_of(text: str) -> str:
    """The Markdown after the front matter, or a scraper envelope's Content section."""
    found = _FRONT.match(text.lstrip("\n"))
    if found:
        return text.lstrip("\n")[found.end() :]
    envelope = _ENVELOPE.search(text)
    return text[envelope.end() :] if envelope else text


def page_metadata(path: Path) -> dict[str, list[str]]:
    """Titles, dates and authors a saved page states in its metadata: meta tags and
    the JSON-LD of the article (not of a claim it reviews)."""
    soup = BeautifulSoup(path.read_bytes(), "html.parser")

    def meta(*names: str) -> list[str]:
        found = soup.find_all("meta", attrs={"property": list(names)}) + soup.find_all(
            "meta", attrs={"name": list(names)}
        )
        return [" ".join(str(m.get("content", "")).split()) for m in found if m.get("content", "").strip()]

    stated: dict[str, list[str]] = {
        "title": meta("og:title", "twitter:title") + [" ".join(h.get_text().split()) for h in soup.find_all("h1")],
        "date": meta("article:published_time", "date", "pubdate", "publishdate", "dc.date"),
        "author": [a for a in meta("author", "article:author") if not a.startswith("http")],
    }
    if soup.title:
        stated["title"].append(" ".join(soup.title.get_text().split()))
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.get_text())
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(item, dict) and str(item.get("@type", "")).endswith("Article"):
                stated["date"] += [str(item["datePublished"])] if item.get("datePublished") else []
                authors = item.get("author") or []
                for author in authors if isinstance(authors, list) else [authors]:
                    name = author.get("name") if isinstance(author, dict) else author
                    stated["author"] += [str(name)] if name else []
    return stated


# The checks ----------------------------------------------------------------------


def entry_of(site: Path, name: str) -> dict[str, object]:
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    (entry,) = [d for d in catalogue["documents"] if d["source"] == name]
    return entry  # type: ignore[no-any-return]


def article_of(site: Path, entry: dict[str, object]) -> Tag:
    html = (site / str(entry["page"]) / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    return article


def text_only(article: Tag) -> str:
    """The page's text without its apparatus."""
    body = BeautifulSoup(str(article), "html.parser")
    for apparatus in body.select(APPARATUS):
        apparatus.decompose()
    return body.get_text(" ")


def check_stated_metadata(entry: dict[str, object], path: Path, text: str) -> None:
    if path.suffix == ".html":
        stated = page_metadata(path)
        assert entry["title"] in stated["title"], (entry["title"], stated["title"])
        if stated["date"]:
            assert str(entry["date"])[:10] in [d[:10] for d in stated["date"]]
        if stated["author"]:
            # An author meta that names the outlet (`BBC News`) is its publication.
            named = [str(entry[key]) for key in ("author", "publication") if entry[key]]
            assert any(n in a or a in n for n in named for a in stated["author"]), (named, stated["author"])
        return
    if path.suffix == ".txt":
        assert entry["title"] == " ".join(text.split("\n", 1)[0].split())
        return
    stated = front_matter(text)
    if "title" in stated:
        assert entry["title"] == " ".join(str(stated["title"]).split())
    urls = [str(stated[key]) for key in ("url", "source", "source_url", "canonical") if key in stated]
    if urls and urls[0].startswith(("http://", "https://")):
        assert entry["url"] == urls[0]
    dates = [str(stated[key])[:10] for key in DATE_KEYS if key in stated]
    if dates:
        assert entry["date"] == dates[0]
    for key in ("author", "authors"):
        if key in stated:
            authors = stated[key] if isinstance(stated[key], list) else [stated[key]]
            assert all(str(a) in str(entry["author"]) for a in authors)  # type: ignore[union-attr]


def check_headings(article: Tag, entry: dict[str, object], path: Path, text: str) -> None:
    """One h1, the title; the text's headings are h2 and below, a part of the
    article's anatomy, or in the log."""
    assert [" ".join(h.get_text(" ").replace("¶", "").split()) for h in article.select("h1")] == [entry["title"]]
    if path.suffix != ".md":
        return
    tokens = MarkdownIt("commonmark").enable("table").parse(body_of(text))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    shown = {" ".join(h.get_text(" ").replace("¶", "").split()) for h in article.select("h2, h3, h4, h5, h6")}
    parts = " ".join(
        p.get_text(" ")
        for p in article.select(".edition-fly-title, .edition-standfirst, .edition-dateline, .edition-sources-heading")
    )
    log = article.select_one(".edition-emendations")
    logged = log.get_text(" ") if log else ""
    for heading in headings:
        plain = " ".join(re.sub(r"!?\[([^\]]*)\]\([^)]*\)|[*_`\\]", r"\1", heading).split())
        assert plain in shown or plain in parts or plain in logged or plain == entry["title"], heading


@pytest.mark.parametrize("name", [p.name for p in corpus_files()] or ["(corpus absent)"])
def test_real_article(corpus_site: Path, name: str) -> None:
    path = ARTICLES / name
    text = source_text(path)
    entry = entry_of(corpus_site, name)
    assert entry["format"] == {".md": "markdown", ".txt": "text", ".html": "html"}[path.suffix]
    check_stated_metadata(entry, path, text)
    article = article_of(corpus_site, entry)
    check_headings(article, entry, path, text)
    body_text = text_only(article)
    for syntax in SYNTAX:
        assert syntax not in body_text, syntax
    if path.suffix == ".html":
        return  # the words of a saved page are checked against its truth in test_web_pages.py
    # Nothing lost: the words a standard renderer shows (all the words of a plain text)
    # are on the page, in the text, its metadata or the emendation log.
    if path.suffix == ".md":
        found = _FRONT.match(text.lstrip("\n"))  # front matter is data, not text to render
        rendered = MarkdownIt("commonmark").enable("table").render(text.lstrip("\n")[found.end() :] if found else text)
        text = BeautifulSoup(rendered, "html.parser").get_text(" ")
    page = article.get_text(" ") + " " + " ".join(unquote(str(a["href"])) for a in article.select("a.external"))
    coverage = word_coverage(text, [page])
    print(f"{name}: {coverage.found}/{coverage.total} words ({coverage.ratio:.2%})")
    assert coverage.missing == {}


def test_a_closing_source_list_is_shown_as_sources_and_related_links_as_chrome(corpus_site: Path) -> None:
    """A magazine brief ends with a `### Source:` list of four links, then a site's
    `### Related:` list: the first is the article's sources, the second is logged."""
    name = "mag_news-brief-duma-2011.md"
    if not (ARTICLES / name).is_file():
        pytest.skip(f"{name} not in the corpus")
    entry = entry_of(corpus_site, name)
    assert len(entry["sources_list"]) == 4
    article = article_of(corpus_site, entry)
    assert len(article.select(".edition-source a.external")) == 4
    assert article.select_one(".edition-sources-heading").get_text(strip=True) == "Source:"
    log = article.select_one(".edition-emendations")
    assert log is not None and "list of related articles" in log.get_text(" ")
    assert not [p for p in article.select("p.edition-item") if "Context:" in p.get_text()]
