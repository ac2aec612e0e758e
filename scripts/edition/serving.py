"""What `mkdocs serve` keeps between its builds, so that the rebuild after an edit does
only the work the edit calls for.

MkDocs makes a new template environment for every build of `mkdocs serve`: it would
compile the theme's templates again, and list the theme's folders (Material's holds
some 14,000 files, its icons) to find the static files to copy. The compiled templates
are kept, and the installed theme's listing; a folder of the project (`custom_dir`),
which an editor may change while serving, is listed afresh.

The garbage collector would go through every object the caches hold (hundreds of
thousands) once in each rebuild. The objects alive after a build are set aside
(`gc.freeze`) until the server has been idle for a moment, and collected then.
"""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import jinja2
import jinja2.bccache

IDLE_S = 1.0  # after a build, before the garbage of the builds before it is collected


class CompiledTemplates(jinja2.BytecodeCache):
    """The templates compiled once for the life of the process; a template whose text
    changed is compiled again (Jinja compares checksums)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# The files of each installed theme folder, listed once: an installed package does not
# change while the server runs (an upgrade restarts it).
_installed: dict[str, list[str]] = {}


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose listing of the folders outside `project` is kept for
    the life of the process. Their hidden folders (Material's `.icons`), which MkDocs
    never copies into the site, are not listed."""

    def __init__(self, searchpath: list[str], project: Path) -> None:
        super().__init__(searchpath)
        self.project = project.resolve()

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if Path(folder).resolve().is_relative_to(self.project):
                found.update(jinja2.FileSystemLoader(folder).list_templates())
            else:
                if folder not in _installed:
                    _installed[folder] = _visible_files(folder)
                found.update(_installed[folder])
        return sorted(found)


def _visible_files(folder: str) -> list[str]:
    """The files under `folder`, as `a/b.css`, but those under a hidden folder."""
    names: list[str] = []
    for parent, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        names += (prefix + name for name in files)
    return names


def keep_theme(theme, project: Path, templates: CompiledTemplates) -> None:  # type: ignore[no-untyped-def]
    """Make `theme` (MkDocs' Theme of this build) give environments that list the
    installed folders from memory and keep their compiled templates in `templates`."""
    make_env = type(theme).get_env

    def get_env() -> jinja2.Environment:
        env = make_env(theme)
        env.loader = ThemeLoader(list(theme.dirs), project)
        env.bytecode_cache = templates
        return env

    theme.get_env = get_env


class IdleCollector:
    """The garbage collector's full passes, moved out of the builds: `built()` after
    each build sets the objects alive aside, and collects what the earlier builds
    left once the process has been idle for `idle_s`; `building()` before each build
    calls off a collection not yet started, unless `most` builds have gone by without
    one (edits saved in quick succession), when it collects at once."""

    def __init__(self, idle_s: float = IDLE_S, most: int = 10) -> None:
        self.idle_s, self.most = idle_s, most
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._uncollected = 0  # builds since the last collection

    def building(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            due = self._uncollected >= self.most
        if due:
            self.collect()

    def built(self) -> None:
        gc.freeze()
        with self._lock:
            self._uncollected += 1
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.idle_s, self.collect)
            self._timer.daemon = True
            self._timer.start()

    def collect(self) -> None:
        """Collect every object set aside and not alive any more, and set aside the rest."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        with self._lock:
            self._uncollected = 0
