"""What `mkdocs serve` keeps between its builds, so that the rebuild after an edit does
only the work the edit calls for.

MkDocs makes a new template environment for every build of `mkdocs serve`: it would
compile the theme's templates again, and list the theme's folders (Material's holds
some 14,000 files, its icons) to find the static files to copy. The compiled templates
are kept, and the listing of the installed theme's folders; the project's own
(`custom_dir`), which an editor may change while serving, is listed afresh.

The garbage collector would go through every object the caches hold (hundreds of
thousands) once in each rebuild: its full passes are made while the server is idle,
and the objects they leave are set aside for the builds (`gc.freeze`).
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable

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


# The files of each theme folder but the project's own, listed once: an installed
# theme does not change while the server runs (an upgrade restarts it).
_installed: dict[str, list[str]] = {}


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that lists the folder `fresh` (the project's `custom_dir`)
    anew each time, and the others from memory, without their hidden folders
    (Material's `.icons`), which MkDocs never copies into the site."""

    def __init__(self, searchpath: list[str], fresh: str | None) -> None:
        super().__init__(searchpath)
        self.fresh = os.path.abspath(fresh) if fresh else None

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if os.path.abspath(folder) == self.fresh:
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


def keep_theme(theme, templates: CompiledTemplates) -> None:  # type: ignore[no-untyped-def]
    """Make `theme` (MkDocs' Theme of this build) give environments that list the
    installed folders from memory and keep their compiled templates in `templates`."""
    make_env = type(theme).get_env

    def get_env() -> jinja2.Environment:
        env = make_env(theme)
        env.loader = ThemeLoader(list(theme.dirs), theme.custom_dir)
        env.bytecode_cache = templates
        return env

    theme.get_env = get_env


class IdleCollector:
    """The garbage collector's full passes, out of the way of the builds: once the
    process has been idle for `idle_s` after a build (`built()`), everything is
    collected and what is left, the caches kept between builds above all, is set
    aside (`gc.freeze`), so that the collections during a build pass it by.
    `building()` calls off a collection not yet started."""

    def __init__(self, idle_s: float = IDLE_S, timer: Callable[..., threading.Timer] = threading.Timer) -> None:
        self.idle_s = idle_s
        self._timer_class = timer
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def building(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def built(self) -> None:
        self.building()  # the timer of a build before, should there be one
        with self._lock:
            self._timer = self._timer_class(self.idle_s, self.collect)
            self._timer.daemon = True
            self._timer.start()

    def collect(self) -> None:
        """Collect every object not alive any more, and set aside the rest."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
