"""Shared fixtures: the real site built with `mkdocs build --strict` in a temporary
folder, served over HTTP on 127.0.0.1 under a sub-path, and a Chromium browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils import yaml_load

ROOT = Path(__file__).resolve().parents[1]
# The type of the page's CSL-JSON reference (citations.py): data, never run.
CSL_JSON = "application/vnd.citationstyles.csl+json"
sys.path.insert(0, str(ROOT / "scripts"))

from benchmarking.sites import our_project  # noqa: E402 - the same project setup as the benchmark

SUB_PATH = "/edition/"  # project sites on GitHub Pages live under /<repo>/
CHROMIUM = os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium")


def build_site(
    project: Path, sources: Path, *options: str, features: tuple[str, ...] = (), **env_extra: str
) -> subprocess.CompletedProcess[str]:
    """Build a site like the repository's, from `sources`, in `project` with `options`
    for `mkdocs build` (default: --strict); `features` switches on more of the theme's
    features; `env_extra` sets environment variables read by mkdocs.yml (OFFLINE=...)."""
    config = our_project(project)
    if features:
        text = config.read_text(encoding="utf-8")
        assert "  features:\n" in text, "mkdocs.yml lists no theme features to add to"
        added = "".join(f"    - {feature}\n" for feature in features)
        config.write_text(text.replace("  features:\n", "  features:\n" + added, 1), encoding="utf-8")
    env = dict(os.environ, EDITION_SOURCES=str(sources), NO_MKDOCS_2_WARNING="1", **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(options or ("--strict",)), "-f", str(config)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from seeds/; fails the tests if the strict build fails."""
    project = tmp_path_factory.mktemp("project")
    result = build_site(project, ROOT / "seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH) :])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_SubPathHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """`directory` served under a sub-path on 127.0.0.1 for the block; yields its URL."""
    server, url = serve(directory)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """Base URL of the built site, served under a sub-path on 127.0.0.1."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM} (set EDITION_CHROMIUM)")
        pytest.skip(f"Chromium not found at {CHROMIUM}; set EDITION_CHROMIUM to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
    _EXTENSIONS = yaml_load(f)["markdown_extensions"]


def render_markdown(source: str) -> BeautifulSoup:
    """A Markdown page rendered with the site's extensions (from mkdocs.yml)."""
    # The hook adds edition.markdown_raw to the extensions the configuration names.
    names = [next(iter(i)) if isinstance(i, dict) else i for i in _EXTENSIONS] + ["edition.markdown_raw"]
    configs = {next(iter(i)): next(iter(i.values())) or {} for i in _EXTENSIONS if isinstance(i, dict)}
    return BeautifulSoup(markdown.markdown(source, extensions=names, extension_configs=configs), "html.parser")


def to_html_text(source: str) -> str:
    """The text a reader sees of a Markdown page."""
    return render_markdown(source).get_text()


def text_with_addresses(source: str) -> str:
    """The visible text plus the addresses of external links, which a source's words
    may become (a web address kept as a link is on the page as its target)."""
    soup = render_markdown(source)
    return soup.get_text() + " " + " ".join(unquote(a["href"]) for a in soup.select("a.external"))


def broken_links(site: Path) -> list[str]:
    """Links in the content of every built page whose page, file or anchor is missing
    (`page: href`). Links the edition writes as raw HTML are not checked by MkDocs."""
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {str(tag["id"]) for tag in soup.select("[id]")}
        return ids[path]

    broken = []
    for page in sorted(site.rglob("*.html")):
        content = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if content is None:
            continue
        for link in content.select("a[href]"):
            href = str(link["href"])
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or (fragment and target.suffix == ".html" and fragment not in anchors(target)):
                broken.append(f"{page.relative_to(site)}: {href}")
    return broken


CABLES = ROOT.parent / "shared" / "corpus" / "cablegate-2010"
ARTICLES = ROOT.parent / "shared" / "corpus" / "articles"
INPUTS = ROOT / "tests" / "inputs"
ARTICLE_SUFFIXES = (".md", ".txt", ".html")


def _copy_sources(target: Path) -> Path:
    """Every cable of the shared corpus, its articles (not their .truth.json files nor
    the README) and every awkward input, copied: the build refuses symbolic links out
    of the sources folder. What is absent is left out."""
    target.mkdir()
    folders = [(CABLES, ()), (ARTICLES, ARTICLE_SUFFIXES), (INPUTS, ())]
    for folder, suffixes in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name != "README.md" and (not suffixes or path.suffix in suffixes):
                shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site of the whole shared corpus and the inputs, built with --strict, once
    for every test that reads it (a build costs a minute or two)."""
    root = tmp_path_factory.mktemp("corpus-site")
    sources = _copy_sources(root / "sources")
    result = build_site(root / "project", sources)
    assert result.returncode == 0, result.stderr[-5000:]
    return root / "project" / "site", result.stderr
