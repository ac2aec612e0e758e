"""Finding source files and decoding them to text by an explainable rule.

Finding (`discover`): every file of the sources folder is a source (`.txt`, `.md`, any
name), but hidden files, editorial sidecars (`.yml` or `.yaml`, in any case) and a
folder note named README.md; sub-folders are not looked in. Only regular files are
read: a named pipe, a socket or a device, a symbolic link that leads nowhere or out of
the sources folder are each reported as an error naming the file, and skipped. A file
whose name is not valid UTF-8 (Linux allows any bytes) is read, with a warning that
names it with its odd bytes spelled `\\xNN` (`errors.printable_name`); it is published
under a safe name (`filenames`). A YAML file that belongs to no source is reported as
a warning.

Decoding rule, in order: a UTF-8 byte-order mark decides (a byte after it that is not
UTF-8 is an error). A UTF-16 byte-order mark (bytes FF FE or FE FF) decides, unless
what follows is not UTF-16: it does not decode (an odd number of bytes, an unpaired
surrogate), or it is an 8-bit text that merely begins with the characters `ÿþ` or
`þÿ`: it has no zero byte (UTF-16 text has one in every space, line end and Latin
letter) and either nearly all its bytes are printable ASCII or many of the characters
it would decode to are unassigned or private-use. Such a file is decoded by the legacy
rule below (the two mark bytes left out of its vote), with a warning that says so; one
that has zero bytes and does not decode is an error. Otherwise strict UTF-8; otherwise
the legacy rule: Windows-1251 when most non-ASCII bytes are Cyrillic letters in that
code page; otherwise Windows-1252 (a superset of Latin-1 for printable text). Anything
but plain UTF-8 is reported as a warning so the choice is visible. Line ends become LF.
Empty and binary files, and files over MAX_SOURCE_BYTES, are errors.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .datafile import kind_of_file, read_regular_file
from .editorial import Editorial, find_sidecar, is_sidecar_name, load_sidecar, two_sidecars
from .errors import Problem, SourceError, printable_name

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Files in a sources folder that describe the folder rather than hold a document.
_FOLDER_NOTES = {"readme.md", "readme.markdown"}
# Far more than any text source (a cable is a few kilobytes, the corpus's largest
# well under a megabyte); a bound on what one file can make the build hold in memory.
MAX_SOURCE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    encoding: str
    editorial: Editorial
    data: bytes = b""  # the file as read: what the edition publishes unchanged

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines, split once (readers look lines up many times)."""
        return self.text.split("\n")

    def __getstate__(self) -> dict[str, object]:
        # A source read by a worker process comes back without its split lines.
        return {k: v for k, v in self.__dict__.items() if k != "lines"}


@dataclass(frozen=True)
class SourceFile:
    """A source file found by `discover`, with its editorial sidecar if it has one."""

    path: Path
    sidecar: Path | None = None

    @property
    def name(self) -> str:
        return self.path.name

    def __str__(self) -> str:
        return str(self.path)


def discover(folder: Path) -> tuple[list[SourceFile], list[Problem]]:
    """The source files of a folder in name order, each with its sidecar, and the
    problems of the files skipped (see the module docstring). Raises SourceError when
    the folder does not exist or cannot be listed."""
    if not folder.is_dir():
        raise SourceError(folder, "sources folder does not exist")
    try:
        root = folder.resolve()
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        raise SourceError(folder, f"cannot list the sources folder: {e.strerror}") from e
    problems: list[Problem] = []
    readable: list[str] = []
    # Names without their extension of all files but sidecars, readable or not: the
    # sidecar of a file skipped with an error is not reported again as an orphan.
    stems: set[str] = set()
    # Sidecars that cannot be read, by name without extension: their sources are
    # skipped too, rather than published without their editorial facts.
    unreadable: dict[str, str] = {}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        sidecar = is_sidecar_name(entry.name)
        if not sidecar:
            stems.add(Path(entry.name).stem)
        why = _why_not_read(entry, root)
        if why is None:
            readable.append(entry.name)
            if printable_name(entry.name) != entry.name:
                message = "file name is not valid UTF-8 (bytes shown as \\xNN); read all the same"
                problems.append(Problem("warning", str(folder / printable_name(entry.name)), None, message))
        elif why:
            problems.append(Problem("error", str(folder / printable_name(entry.name)), None, why))
            if sidecar:
                unreadable[Path(entry.name).stem] = printable_name(entry.name)
    sidecars: dict[str, list[Path]] = {}
    for name in readable:
        if is_sidecar_name(name):
            sidecars.setdefault(Path(name).stem, []).append(folder / name)
    found = []
    for name in readable:
        if is_sidecar_name(name) or name.lower() in _FOLDER_NOTES:
            continue
        if Path(name).stem in unreadable:
            message = f"not read: its editorial sidecar {unreadable[Path(name).stem]} cannot be read"
            problems.append(Problem("error", str(folder / name), None, message))
            continue
        candidates = sidecars.get(Path(name).stem, [])
        if len(candidates) > 1:
            problems.append(Problem("error", str(folder / name), None, two_sidecars(candidates) + "; not read"))
            continue
        found.append(SourceFile(folder / name, candidates[0] if candidates else None))
    for stem, paths in sorted(sidecars.items()):
        if stem not in stems:
            problems += [
                Problem("warning", str(path), None, f"YAML file that belongs to no source (none is named {stem}.*)")
                for path in paths
            ]
    return found, problems


def _why_not_read(entry: os.DirEntry[str], root: Path) -> str | None:
    """None for a file to read; otherwise why not: "" for a sub-folder (not looked
    in, not reported), a message for anything else."""
    try:
        if entry.is_symlink():
            try:
                target = Path(entry.path).resolve(strict=True)
            except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python 3.11)
                return "symbolic link that leads nowhere: not read"
            if not target.is_relative_to(root):
                return "symbolic link to a file outside the sources folder: not read"
        mode = entry.stat().st_mode
    except OSError as e:
        return f"cannot read: {e.strerror}"
    if stat.S_ISDIR(mode):
        return ""
    if not stat.S_ISREG(mode):
        return f"not a regular file ({kind_of_file(mode)}): not read"
    return None


def decode(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding name, warnings); raises SourceError for empty or binary
    data, or a byte-order mark the rest belies (see the module docstring)."""
    if not data.strip():
        raise SourceError(path, "empty file: nothing to publish")
    warnings = []
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as e:
            bad = data[3 + e.start]
            line = data[: 3 + e.start].count(b"\n") + 1
            raise SourceError(
                path, f"starts with a UTF-8 byte-order mark, but byte {bad:#04x} is not UTF-8", line
            ) from e
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and (utf16 := _decode_utf16(path, data)):
        text, encoding = utf16
    else:
        if b"\x00" in data:
            raise SourceError(path, "binary file (contains NUL bytes): not a text source", _line_of(data, b"\x00"))
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = _legacy_encoding(data[2:])
            text = data.decode(encoding, errors="replace")
            warnings.append(
                f"starts with bytes {data[0]:02X} {data[1]:02X}, a UTF-16 byte-order mark, but is not UTF-16 text; "
                f"decoded as {encoding} (see README: decoding rule)"
            )
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                encoding = _legacy_encoding(data)
                text = data.decode(encoding, errors="replace")
    if encoding not in ("utf-8", "utf-8-sig") and not warnings:
        warnings.append(f"not valid UTF-8; decoded as {encoding} (see README: decoding rule)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise SourceError(path, f"binary file ({controls} control characters): not a text source")
    return text, encoding, warnings


def _decode_utf16(path: Path, data: bytes) -> tuple[str, str] | None:
    """The text after a UTF-16 mark, or None for an 8-bit text that merely starts with
    its bytes; raises SourceError for UTF-16 that does not decode."""
    body = data[2:]
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as e:
        if b"\x00" not in body:
            return None
        line = data[: e.start].decode("utf-16", errors="replace").count("\n") + 1
        why = "an odd number of bytes" if len(data) % 2 else "an unpaired surrogate"
        raise SourceError(path, f"starts with a UTF-16 byte-order mark, but is not valid UTF-16 ({why})", line) from e
    if b"\x00" not in body:
        ascii_bytes = sum(1 for b in body if 0x20 <= b < 0x7F or b in b"\t\n\r")
        unassigned = sum(1 for c in text if unicodedata.category(c) in ("Cn", "Co"))
        if ascii_bytes >= 0.9 * len(body) or unassigned >= 0.1 * len(text):
            return None
    return text, "utf-16"


def _legacy_encoding(data: bytes) -> str:
    """Windows-1251 when most non-ASCII bytes are Cyrillic letters in it, otherwise
    Windows-1252 (Latin-1 where Windows-1252 leaves a byte undefined)."""
    high = [b for b in data if b >= 0x80]
    cyrillic = sum(1 for b in high if b >= 0xC0)  # А..я in Windows-1251
    if high and cyrillic / len(high) > 0.6 and _mostly_cyrillic_words(data.decode("cp1251", errors="replace")):
        return "windows-1251"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "windows-1252"


def _mostly_cyrillic_words(text: str) -> bool:
    # In Latin-1 text, accented letters sit alone inside Latin words; Cyrillic text
    # has runs of them. Count letters in runs of two or more non-ASCII letters.
    runs = 0
    letters = 0
    run = 0
    for c in text:
        if c.isalpha() and ord(c) > 127:
            run += 1
            letters += 1
        else:
            runs += run if run >= 2 else 0
            run = 0
    runs += run if run >= 2 else 0
    return letters > 0 and runs / letters > 0.5


def _line_of(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def read_source(file: SourceFile | Path) -> tuple[Source, list[str]]:
    """Read and decode one file with its editorial sidecar; returns (source, warnings).
    A bare path's sidecar is looked for beside it. Raises SourceError (or DataError,
    for the sidecar) naming the file."""
    if not isinstance(file, SourceFile):
        file = SourceFile(file, find_sidecar(file))
    data = read_regular_file(file.path, MAX_SOURCE_BYTES, SourceError)
    text, encoding, warnings = decode(file.path, data)
    return Source(file.path, text, encoding, load_sidecar(file.sidecar), data), warnings
