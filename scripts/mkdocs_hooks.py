"""MkDocs hooks: regenerate the edition's pages before every build.

`mkdocs build` and `mkdocs serve` run the preprocessing first, so the site is never
stale; `mkdocs serve` also watches the sources and editorial data. The sources folder
is `seeds/` beside mkdocs.yml, or the folder named by $EDITION_SOURCES.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edition.build import ReadCache, build  # noqa: E402
from edition.errors import EditionError  # noqa: E402
from edition.progress import TerminalProgress  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.edition")
# Kept for the life of the process: `mkdocs serve` re-reads only the sources that changed.
_cache = ReadCache()


def _sources(config) -> Path:
    root = Path(config.config_file_path).resolve().parent
    return (root / os.environ.get("EDITION_SOURCES", "seeds")).resolve()


def _data(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def on_pre_build(config, **kwargs) -> None:
    try:
        result = build(
            _sources(config),
            Path(config.docs_dir),
            _data(config),
            config.site_name,
            config.site_url or "",
            config.use_directory_urls,
            cache=_cache,
            progress=TerminalProgress(),
        )
    except EditionError as e:
        raise PluginError(str(e)) from e
    for problem in result.problems:
        (log.error if problem.severity == "error" else log.warning)(str(problem))
    log.info(
        "edition: %d documents from %s (%d files written, %d removed)",
        len(result.documents),
        _sources(config),
        len(result.written),
        len(result.removed),
    )


def on_serve(server, config, builder, **kwargs):
    for folder in (_sources(config), _data(config)):
        if folder.exists():
            server.watch(str(folder))
    return server
