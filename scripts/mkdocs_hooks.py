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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edition import pagefind  # noqa: E402
from edition.build import ReadCache, build  # noqa: E402
from edition.errors import EditionError  # noqa: E402
from edition.markdown_raw import RawHtmlExtension  # noqa: E402
from edition.metadata import FILE_NAME, load_edition  # noqa: E402
from edition.progress import TerminalProgress  # noqa: E402
from edition.sources import discover  # noqa: E402
from edition.urls import page_url  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.edition")
# Kept for the life of the process: `mkdocs serve` re-reads only the sources that changed.
_cache = ReadCache()
# The search engine of this build (Material's or Pagefind), chosen in on_config.
_pagefind = False
# `--dirty`: unchanged pages are not converted, so the finished site is indexed.
_dirty = False
# Pagefind indexing the pages in the background, from the first converted page to
# on_post_build.
_indexing: pagefind.Indexing | None = None


@atexit.register
def _stop_indexing() -> None:
    """A build interrupted (Ctrl-C under `mkdocs serve`) leaves no Pagefind behind."""
    if _indexing is not None:
        _indexing.cancel()


def _sources(config) -> Path:
    root = Path(config.config_file_path).resolve().parent
    return (root / os.environ.get("EDITION_SOURCES", "seeds")).resolve()


def _data(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def on_startup(command, dirty, **kwargs) -> None:
    global _dirty
    _dirty = dirty


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
    return config


def on_pre_build(config, **kwargs) -> None:
    on_build_error(None)  # a Pagefind left by an earlier build of `mkdocs serve`
    try:
        result = build(
            _sources(config),
            Path(config.docs_dir),
            _data(config),
            config.site_name,
            config.site_url or "",
            config.use_directory_urls,
            cache=_cache,
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
    log.info(
        "edition: %d documents from %s (%d files written, %d removed)",
        len(result.documents),
        _sources(config),
        len(result.written),
        len(result.removed),
    )


def _report_address(config) -> str:
    """Where the edition report is published (or served)."""
    page = page_url("report.md", config.use_directory_urls)
    return config.site_url.rstrip("/") + "/" + page if config.site_url else page


def on_page_content(html, page, config, files, **kwargs):
    """Each converted page goes to Pagefind at once, to be indexed while MkDocs works on."""
    global _indexing
    # Pages that Material's search leaves out (front matter `search: exclude: true`:
    # the search page, the benchmark) are left out of Pagefind's index as well.
    search = page.meta.get("search")
    excluded = isinstance(search, dict) and bool(search.get("exclude"))
    if _pagefind and not _dirty and not excluded:
        try:
            if _indexing is None:
                _indexing = pagefind.Indexing(config.theme["language"], Path(config.site_dir))
            _indexing.add(page.file.dest_uri, page.title or "", html)
        except EditionError as e:
            raise PluginError(str(e)) from e
    return html


def on_env(env, config, files, **kwargs):
    """Every page is converted: Pagefind builds its index while MkDocs renders the
    templates. (A `--dirty` build, which leaves unchanged pages unconverted, started no
    Pagefind: the finished site is indexed after the build.)"""
    if _indexing is not None:
        try:
            _indexing.finish()
        except EditionError as e:
            raise PluginError(str(e)) from e
    return env


def on_post_build(config, **kwargs) -> None:
    global _indexing
    if _pagefind:
        indexing, _indexing = _indexing, None
        try:
            report = indexing.wait() if indexing is not None else pagefind.index_site(Path(config.site_dir))
        except EditionError as e:
            raise PluginError(str(e)) from e
        log.info("edition: Pagefind index written (%s)", report.strip().splitlines()[-1] if report.strip() else "")


def on_build_error(error, **kwargs) -> None:
    global _indexing
    if _indexing is not None:
        _indexing.cancel()
        _indexing = None


def on_serve(server, config, builder, **kwargs):
    for folder in (_sources(config), _data(config)):
        if folder.exists():
            server.watch(str(folder))
    return server
