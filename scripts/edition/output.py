"""Writing the generated files: atomically, only when changed, stale files removed.

The generator owns a fixed set of paths inside the output folder; nothing else there
is touched. A file is replaced with `os.replace` from a temporary sibling, so a reader
(or `mkdocs serve`) never sees half a file, and an unchanged file is not rewritten, so
the serve loop does not rebuild for nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

# Folders the generator owns entirely, and single files it owns.
OWNED_DIRS = ("documents", "sources", "glossary")
OWNED_FILES = ("index.md", "timeline.md", "search.md", "catalogue.json", "glossary.json")


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that. True if written.
    The folder of `path` must exist."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    # A hidden sibling named after this process: one writer per output folder.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def write_all(out: Path, files: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """Write every file (paths relative to `out`); remove owned files not among them.

    Returns (written, removed) as relative paths.
    """
    for parent in sorted({(out / name).parent for name in files}):
        parent.mkdir(parents=True, exist_ok=True)
    written = [name for name, data in sorted(files.items()) if write_atomic(out / name, data)]
    removed = []
    for folder in OWNED_DIRS:
        root = out / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            name = path.relative_to(out).as_posix()
            if path.is_file() and name not in files:
                path.unlink()
                removed.append(name)
    for name in OWNED_FILES:
        if name not in files and (out / name).exists():
            (out / name).unlink()
            removed.append(name)
    return written, removed
