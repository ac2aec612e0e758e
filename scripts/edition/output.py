"""Writing the generated files: all of them or none, only what changed, stale files removed.

The generator owns a fixed set of paths inside the output folder; nothing else there
is touched. A run writes under a lock on the output folder (`lock`: a second build
waits for the first), in three steps:

1. plan: every target is checked before anything is written. A folder where a file
   must go, a file where a folder must go, a name the file system cannot take: a
   problem naming the path, and that file is not written. An unchanged file is left
   alone, so `mkdocs serve`, which watches the folder, does not rebuild for nothing.
2. stage: each changed file is written to a hidden temporary sibling with a short
   name of its own. A failure here (disk full) or Ctrl-C removes them again: the
   output is the previous one, whole.
3. commit: the temporaries replace their targets (`os.replace`, atomic for each file,
   so a reader never sees half a file) and stale files are removed, with Ctrl-C held
   back until the last one (`interrupts`): the output is then the new one, whole.

A `Known` record kept between runs (`mkdocs serve`) spares step 1 the reading of a
file that the last run wrote or found unchanged, when the run brings the very same
bytes object (kept by the build's memo) and the file's status is as it was then.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import interrupts, lock
from .errors import EditionError, Problem

# Folders the generator owns entirely, and single files it owns.
OWNED_DIRS = ("documents", "sources", "source-view", "glossary")
OWNED_FILES = (
    "index.md",
    "about.md",
    "report.md",
    "timeline.md",
    "search.md",
    "catalogue.json",
    "report.json",
    "glossary.json",
)
# In the output folder; hidden, so MkDocs does not publish it (git-ignored too).
LOCK_FILE = ".edition.lock"
# Longest name of a file or folder written, in UTF-8 bytes. File systems take 255;
# MkDocs builds `X.md` as `X.html` or `X/index.html`, which must fit too.
MAX_NAME_BYTES = 240
# Temporary siblings: short whatever the target's name, and found again (a run
# killed outright leaves them) by their prefix.
_TEMPORARY_PREFIX = ".edition-"
_TEMPORARY_SUFFIX = ".tmp"


@dataclass
class Written:
    """What `write_all` did: files written and removed (paths relative to the output
    folder) and the files it could not write."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# What says that a file is as a run left it: size, modification and change times, inode.
_Status = tuple[int, int, int, int]


def _status(path: Path) -> _Status | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


class Known:
    """The files of one output folder as the last `write_all` left them: each with the
    bytes object it holds and its status then. Holds no copy of any file."""

    def __init__(self) -> None:
        self.out: Path | None = None
        self.files: dict[str, tuple[bytes, _Status]] = {}

    def unchanged(self, out: Path, files: dict[str, bytes]) -> dict[str, _Status]:
        """The files of `files` whose data is the very object the file held, and that
        were not touched since, with their status."""
        if out != self.out:
            return {}
        found = {}
        for name, data in files.items():
            known = self.files.get(name)
            if known is not None and known[0] is data and _status(out / name) == known[1]:
                found[name] = known[1]
        return found

    def record(self, out: Path, files: dict[str, bytes], names: list[str], kept: dict[str, _Status]) -> None:
        """After a run: `names` (of `files`) hold their data; those of `kept` with
        the status given."""
        self.out = out
        self.files = {}
        for name in names:
            status = kept.get(name) or _status(out / name)
            if status is not None:
                self.files[name] = (files[name], status)


def say_waiting(out: Path) -> None:
    print(f"{out}: waiting for another build of this edition to finish…", file=sys.stderr, flush=True)


def write_all(
    out: Path, files: dict[str, bytes], waiting: Callable[[Path], None] | None = None, known: Known | None = None
) -> Written:
    """Write every file of `files` (paths relative to `out`) that changed, and remove
    the owned files not among them; `waiting(out)` (default: `say_waiting`) is called
    when another build holds the output folder; `known` (kept from the last run, and
    updated) spares reading files that cannot have changed. A file that cannot be
    written is a problem in the result. Raises EditionError, with nothing changed, when
    the output folder or a temporary file cannot be written; on KeyboardInterrupt the
    output is the previous one or the new one, whole."""
    if out.exists() and not out.is_dir():
        raise EditionError(out, "the output folder is a file")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise EditionError(out, f"cannot create the output folder: {e.strerror or e}") from e
    with lock.exclusive(out / LOCK_FILE, lambda: (waiting or say_waiting)(out)):
        result = Written()
        stale, leftovers = _scan(out, files)
        for path in leftovers:  # left by a run killed outright; the lock says none runs now
            path.unlink(missing_ok=True)
        kept = known.unchanged(out, files) if known is not None else {}
        if known is not None:
            known.files = {}  # a run that fails leaves nothing known
        planned = {name: data for name, data in files.items() if name not in kept} if kept else files
        changed = _plan(out, planned, result.problems)
        staged = _stage(out, changed)
        with interrupts.held():
            _commit(out, staged, stale, result)
        if known is not None:
            failed = {Path(p.path) for p in result.problems}
            known.record(out, files, [name for name in files if out / name not in failed], kept)
        return result


def _plan(out: Path, files: dict[str, bytes], problems: list[Problem]) -> dict[str, bytes]:
    """The files that can be written and differ from what is there; a problem for
    each that cannot be written."""
    changed: dict[str, bytes] = {}
    in_the_way: dict[Path, Path | None] = {}  # folder -> the file that stands in its place
    blocked: dict[Path, int] = {}  # such a file -> how many files it blocks
    for name, data in sorted(files.items()):
        path = out / name
        problem = _name_problem(name)
        if problem:
            problems.append(Problem("error", str(path), None, f"not written: {problem}"))
            continue
        folder = path.parent
        if folder not in in_the_way:
            in_the_way[folder] = next((f for f in _folders(out, name) if f.exists() and not f.is_dir()), None)
        blocker = in_the_way[folder]
        if blocker is not None:
            blocked[blocker] = blocked.get(blocker, 0) + 1
            continue
        try:
            if path.read_bytes() == data:
                continue
        except IsADirectoryError:
            message = "not written: a folder stands where this file must be; remove it"
            problems.append(Problem("error", str(path), None, message))
            continue
        except OSError:
            pass  # missing or unreadable: written
        changed[name] = data
    for blocker, count in blocked.items():
        message = f"a file stands where a folder must be; remove it ({count} file(s) inside not written)"
        problems.append(Problem("error", str(blocker), None, message))
    return changed


def _name_problem(name: str) -> str:
    try:
        parts = [part.encode("utf-8") for part in name.split("/")]
    except UnicodeEncodeError:
        return "the name is not valid UTF-8"
    longest = max(len(part) for part in parts)
    return f"a name is {longest} bytes long, more than {MAX_NAME_BYTES}" if longest > MAX_NAME_BYTES else ""


def _folders(out: Path, name: str) -> list[Path]:
    """The folders of `name` below `out`, outermost first."""
    parts = name.split("/")[:-1]
    return [out.joinpath(*parts[: i + 1]) for i in range(len(parts))]


def _scan(out: Path, files: dict[str, bytes]) -> tuple[list[str], list[Path]]:
    """The owned files not among `files` (stale), and the temporary files of an
    earlier run (leftovers), in one pass over the owned folders."""
    stale: list[str] = []
    leftovers = [p for p in out.glob(f"{_TEMPORARY_PREFIX}*{_TEMPORARY_SUFFIX}") if p.is_file()]
    for folder in OWNED_DIRS:
        root = out / folder
        if not root.is_dir():
            continue
        # Each folder's in the order of its paths (as `sorted(root.rglob("*"))` gives them).
        for name in sorted(_files_below(root, folder), key=lambda name: name.split("/")):
            base = name.rpartition("/")[2]
            if base.startswith(_TEMPORARY_PREFIX) and base.endswith(_TEMPORARY_SUFFIX):
                leftovers.append(out / name)
            elif name not in files:
                stale.append(name)
    return stale + [name for name in OWNED_FILES if name not in files and (out / name).is_file()], leftovers


def _files_below(folder: Path, name: str) -> list[str]:
    """The files below `folder` (called `name` relative to the output folder), by
    name relative to the output folder, at any depth; symbolic links to folders are
    not followed, those to files count as files, unreadable folders are passed over."""
    found: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                found += _files_below(Path(entry.path), f"{name}/{entry.name}")
            elif entry.is_file():
                found.append(f"{name}/{entry.name}")
        except OSError:
            continue
    return found


def _stage(out: Path, changed: dict[str, bytes]) -> list[tuple[Path, str]]:
    """Each changed file written to its temporary sibling: (temporary, name). Raises
    EditionError (or KeyboardInterrupt) with every temporary and new folder removed."""
    staged: list[tuple[Path, str]] = []
    created: list[Path] = []
    ready: set[Path] = set()  # folders known to exist
    name = ""
    try:
        for index, (name, data) in enumerate(changed.items()):
            for folder in _folders(out, name):
                if folder not in ready and not folder.is_dir():
                    folder.mkdir()
                    created.append(folder)
                ready.add(folder)
            temporary = (out / name).with_name(f"{_TEMPORARY_PREFIX}{os.getpid()}-{index}{_TEMPORARY_SUFFIX}")
            staged.append((temporary, name))
            temporary.write_bytes(data)
    except BaseException as e:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                pass  # an empty folder left behind is harmless
        if isinstance(e, OSError):
            raise EditionError(out / name, f"cannot be written: {e.strerror or e}; nothing was changed") from e
        raise
    return staged


def _commit(out: Path, staged: list[tuple[Path, str]], stale: list[str], result: Written) -> None:
    for temporary, name in staged:
        try:
            os.replace(temporary, out / name)
            result.written.append(name)
        except OSError as e:  # checked beforehand: hardly happens, and the rest goes on
            temporary.unlink(missing_ok=True)
            result.problems.append(Problem("error", str(out / name), None, f"not written: {e.strerror or e}"))
    for name in stale:
        try:
            (out / name).unlink()
            result.removed.append(name)
        except FileNotFoundError:
            pass
        except OSError as e:
            result.problems.append(Problem("error", str(out / name), None, f"stale file not removed: {e.strerror}"))
