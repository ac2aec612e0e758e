"""MkDocs hooks: regenerate the edition's pages before every build.

`mkdocs build` and `mkdocs serve` run the preprocessing first, so the site is never
stale; `mkdocs serve` also watches the sources and editorial data. The sources folder
is `seeds/` beside mkdocs.yml, or the folder named by $EDITION_SOURCES.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
import threading
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edition import material_search, output, pagefind, pagefind_parts, serving  # noqa: E402
from edition.build import BuildCache, build  # noqa: E402
from edition.errors import EditionError  # noqa: E402
from edition.markdown_raw import RawHtmlExtension  # noqa: E402
from edition.metadata import FILE_NAME, load_edition  # noqa: E402
from edition.progress import TerminalProgress  # noqa: E402
from edition.sources import discover  # noqa: E402
from edition.urls import page_url  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import InclusionLevel  # noqa: E402
from mkdocs.utils import clean_directory  # noqa: E402

log = logging.getLogger("mkdocs.hooks.edition")
INSTANT_NAVIGATION_LIMIT = 2000  # sources; see on_config
# Kept for the life of the process: `mkdocs serve` re-reads only the sources that changed.
_cache = BuildCache()
# The search engine of this build (Material's or Pagefind), chosen in on_config.
_pagefind = False
# `--dirty` (`make serve`): only the pages whose Markdown changed are converted, and
# only the parts of Pagefind's index that hold them are indexed again.
_dirty = False
_command = "build"
# The pages converted by this build: address -> its record (None for a page not
# searched), and its title and HTML, compressed.
_converted: dict[str, pagefind_parts.Page | None] = {}
_contents: dict[str, tuple[str, bytes]] = {}
# Pagefind indexing the parts, one after the other, from on_env (every page is
# converted) while MkDocs renders the templates; under `mkdocs serve --dirty` it
# goes on after the changed page is served, and the next build stops it.
_indexing: pagefind_parts.Background | None = None
# A --dirty build searched by Material: its pages in build order, those it converted,
# and the entries of the last build's index (`material_search`); None: built whole.
_order: list[str] = []
_searched_now: set[str] = set()
_last_entries: list[material_search.Entry] | None = None
# Kept between the builds of `mkdocs serve` (`serving`).
_templates = serving.CompiledTemplates()
_collector = serving.IdleCollector()


# A build interrupted (Ctrl-C) leaves no Pagefind behind.
atexit.register(pagefind_parts.stop_all)


def _sources(config) -> Path:
    root = Path(config.config_file_path).resolve().parent
    return (root / os.environ.get("EDITION_SOURCES", "seeds")).resolve()


def _data(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def on_startup(command, dirty, **kwargs) -> None:
    global _dirty, _command
    _dirty, _command = dirty, command


def on_config(config, **kwargs):
    global _pagefind
    # The pages' own HTML passes through Python-Markdown unparsed (a speed-up only).
    config.markdown_extensions.append(RawHtmlExtension())
    # The edition names itself in data/edition.yml: the site name and description
    # follow it, so that the header, the citations and the About page agree.
    if (_data(config) / FILE_NAME).exists():
        try:
            edition = load_edition(_data(config))
        except EditionError as e:
            raise PluginError(str(e)) from e
        config.site_name = edition.title
        if edition.description:
            config.site_description = edition.description
    try:
        sources = len(discover(_sources(config))[0])
    except EditionError:
        sources = 0  # reported by the preprocessing
    try:
        _pagefind = pagefind.enabled(sources, config.use_directory_urls)
    except EditionError as e:
        raise PluginError(str(e)) from e
    # With Pagefind, Material's own search (index, box, worker) is switched off.
    # The header's search box then opens the search page (overrides/main.html).
    if _pagefind and "material/search" in config.plugins:
        config.plugins["material/search"].config.enabled = False
    config.extra["edition_search_page"] = page_url("search.md", config.use_directory_urls) if _pagefind else None
    # Material's instant navigation loads and reads the whole sitemap on a reader's
    # first page: at 10,000 documents 2.6 MB and most of a second before the page's
    # own scripts (its search) run. Large editions navigate by ordinary page loads.
    features = config.theme.get("features") or []
    if sources > INSTANT_NAVIGATION_LIMIT and "navigation.instant" in features:
        features.remove("navigation.instant")
    if _command == "serve":
        serving.keep_theme(config.theme, _templates)
    return config


def on_pre_build(config, **kwargs) -> None:
    global _last_entries
    if _command == "serve":
        _collector.building()
    _stop_indexing()  # of the last build of `mkdocs serve`: the parts not done are redone
    _converted.clear()
    _contents.clear()
    _searched_now.clear()
    _last_entries = None
    try:
        result = build(
            _sources(config),
            Path(config.docs_dir),
            _data(config),
            config.site_name,
            config.site_url or "",
            config.use_directory_urls,
            # Kept between the builds of `mkdocs serve`; a single build lets it go.
            cache=_cache if _command == "serve" else None,
            search_facets=_pagefind,
            progress=TerminalProgress(),
        )
    except EditionError as e:
        raise PluginError(str(e)) from e
    except KeyboardInterrupt:
        # Ctrl-C stops MkDocs; the preprocessing never leaves docs/ half written.
        log.warning("edition: interrupted; %s holds the previous pages or the new ones, whole", config.docs_dir)
        raise
    # Errors (a file that cannot be read, broken editorial data) fail a strict build.
    # Notes about a source (a decoding guess, a damaged header field, a repair) do
    # not: every document was read and written. EDITION_STRICT_SOURCES=1 makes them
    # warnings, which a strict build turns into failures.
    notes = [p for p in result.problems if p.severity != "error"]
    strict_sources = os.environ.get("EDITION_STRICT_SOURCES", "") not in ("", "0")
    for problem in result.problems:
        if problem.severity == "error":
            log.error(str(problem))
        elif strict_sources:
            log.warning(str(problem))
        else:
            log.debug(str(problem))
    report = _report_address(config)
    if notes and not strict_sources:
        log.info("edition: %d notes about sources, listed in the edition report: %s", len(notes), report)
    elif not notes:
        log.info("edition: no notes about sources; the edition report: %s", report)
    if _dirty:
        _remove_built(config, result.removed)
        if not _pagefind and _material_search(config) is not None:
            _last_entries = material_search.take_last_entries(Path(config.site_dir))
            if _last_entries is None:
                _whole_build(config)
    log.info(
        "edition: %d documents from %s (%d files written, %d removed)",
        len(result.documents),
        _sources(config),
        len(result.written),
        len(result.removed),
    )


def _material_search(config):  # type: ignore[no-untyped-def]
    """Material's search plugin, if it searches this build."""
    search = config.plugins.get("material/search")
    return search if search is not None and search.config.enabled else None


def _whole_build(config) -> None:
    """A --dirty build searched by Material, with no index of the last build to
    complete (`material_search`), builds the site whole."""
    if Path(config.site_dir).is_dir():
        clean_directory(config.site_dir)  # as a clean build does: hidden files are kept
    if (search := _material_search(config)) is not None:
        search.search_index_prev = None


def _remove_built(config, removed: list[str]) -> None:
    """A --dirty build leaves the built pages of removed sources: removed here."""
    site = Path(config.site_dir)
    for name in removed:
        built = page_url(name, config.use_directory_urls) if name.endswith(".md") else name
        path = site / (built + "index.html" if built.endswith("/") or not built else built)
        path.unlink(missing_ok=True)
        if path.parent != site:
            try:
                path.parent.rmdir()  # if empty
            except OSError:
                pass


def _report_address(config) -> str:
    """Where the edition report is published (or served)."""
    page = page_url("report.md", config.use_directory_urls)
    return config.site_url.rstrip("/") + "/" + page if config.site_url else page


def on_page_content(html, page, config, files, **kwargs):
    """Each converted page is recorded for Pagefind. Its HTML waits compressed for
    its template (MkDocs keeps every page's Markdown and HTML until the last page is
    written: hundreds of megabytes in a large edition); its Markdown is let go."""
    if not _pagefind:
        if _dirty:
            _searched_now.add(page.url)
        return html
    # Pages that Material's search leaves out (front matter `search: exclude: true`:
    # the search page, the benchmark) are left out of Pagefind's index as well.
    search = page.meta.get("search")
    address = page.file.dest_uri
    if isinstance(search, dict) and search.get("exclude"):
        _converted[address] = None
    else:
        article = pagefind.article_page(html, page.title or "", config.theme["language"])
        _converted[address] = pagefind_parts.searched_page(address, article)
    _contents[address] = (page.title or "", zlib.compress(html.encode("utf-8"), 1))
    page.markdown = None
    return ""


def on_page_context(context, page, config, nav, **kwargs):
    """The page's HTML, back for its template (and let go in on_post_page)."""
    if (held := _contents.get(page.file.dest_uri)) is not None:
        page.content = _unpacked(held)
    return context


def on_post_page(output, page, config, **kwargs):
    if page.file.dest_uri in _contents:
        page.content = None
    return output


def _unpacked(held: tuple[str, bytes]) -> str:
    return zlib.decompress(held[1]).decode("utf-8")


def on_env(env, config, files, **kwargs):
    """Every page is converted: Pagefind indexes the parts while MkDocs renders the
    templates."""
    global _indexing, _order
    if not _pagefind:
        # The pages in the order MkDocs builds them, by the address Material's entries give.
        inclusion = InclusionLevel.is_in_serve if _command == "serve" else InclusionLevel.is_included
        pages = files.documentation_pages(inclusion=inclusion) if _last_entries is not None else []
        _order = [file.page.url for file in pages if file.page]
        return env
    site = Path(config.site_dir)
    language = config.theme["language"]
    order = [file.dest_uri for file in files.documentation_pages()]
    try:
        size = pagefind_parts.part_pages()
        previous = pagefind_parts.read_manifest(site, language) if _dirty else None
    except EditionError as e:
        raise PluginError(str(e)) from e
    converted, contents = dict(_converted), dict(_contents)

    def content(address: str) -> str | None:
        held = contents.get(address)
        return pagefind.article_page(_unpacked(held), held[0], language) if held is not None else None

    def job(stop: threading.Event) -> str:
        parts, stale = pagefind_parts.plan(order, converted, previous, size, site)
        return pagefind_parts.index_parts(language, site, parts, stale, content, stop)

    # Under `mkdocs serve --dirty` the changed page is served first: the index starts
    # once the build is over (on_post_build), and says when it has caught up.
    done = _log_indexed if _serving() else None
    _indexing = pagefind_parts.Background(job, done, site)
    if not _serving():
        _indexing.start()
    return env


def _serving() -> bool:
    return _command == "serve" and _dirty


def _log_indexed(outcome: str | EditionError) -> None:
    if isinstance(outcome, EditionError):
        log.warning("edition: %s", outcome)
    elif outcome == pagefind_parts.STOPPED:
        log.info("edition: Pagefind index %s", outcome)
    else:
        log.info("edition: Pagefind index brought up to date (%s)", outcome)


# Before Material's search writes its index.
@event_priority(50)
def on_post_build(config, **kwargs) -> None:
    global _indexing, _last_entries
    search = _material_search(config)
    if _last_entries is not None and search is not None:
        entries = search.search_index.entries
        search.search_index.entries = material_search.merged(_order, _searched_now, entries, _last_entries)
        search.search_index_prev = None  # Material's own merge, for one page, is not needed
        _last_entries = None
    if _command == "serve":
        _collector.built()
    if _indexing is None:
        return
    if _serving():
        _indexing.start()
        return
    indexing, _indexing = _indexing, None
    try:
        log.info("edition: Pagefind index written (%s)", indexing.wait())
    except EditionError as e:
        raise PluginError(str(e)) from e


def _stop_indexing() -> None:
    """Stop the indexing of the last build and wait for it to end."""
    global _indexing
    indexing, _indexing = _indexing, None
    if indexing is not None:
        indexing.stop()
        try:
            indexing.wait()
        except EditionError:
            pass  # stopped: the parts not done are marked to be done again


def on_build_error(error, **kwargs) -> None:
    _stop_indexing()


def on_shutdown(**kwargs) -> None:
    _stop_indexing()  # before MkDocs removes the site `mkdocs serve` built


def on_serve(server, config, builder, **kwargs):
    for folder in (_sources(config), _data(config)):
        if folder.exists():
            server.watch(str(folder))
    # The pages the preprocessing writes into docs/ are not watched: each edit would
    # otherwise build the site twice. What an editor writes there by hand (assets,
    # pages of their own present when serving starts) is.
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    owned = {*output.OWNED_DIRS, *output.OWNED_FILES}
    for child in sorted(docs.iterdir()) if docs.is_dir() else ():
        if child.name not in owned and not child.name.startswith("."):
            server.watch(str(child))
    return server
