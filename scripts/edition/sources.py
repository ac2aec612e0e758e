"""Finding source files and decoding them to text by an explainable rule.

Decoding rule, in order: a UTF-8 or UTF-16 byte-order mark decides; otherwise strict
UTF-8; otherwise Windows-1251 when most non-ASCII bytes are Cyrillic letters in that
code page; otherwise Windows-1252 (a superset of Latin-1 for printable text). Anything
but plain UTF-8 is reported as a warning so the choice is visible. Line ends become LF.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .editorial import Editorial, load_editorial
from .errors import SourceError

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Files in a sources folder that are not sources themselves.
_NOT_SOURCES = {".yml", ".yaml", ".md"}


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


def discover(folder: Path) -> list[Path]:
    """Source files of a folder, in name order; hidden files and sidecars skipped."""
    if not folder.is_dir():
        raise SourceError(folder, "sources folder does not exist")
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in _NOT_SOURCES
    )


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raises SourceError for empty or binary data."""
    if not data.strip():
        raise SourceError(path, "empty file: nothing to publish")
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16"), "utf-16"
    else:
        if b"\x00" in data:
            raise SourceError(path, "binary file (contains NUL bytes): not a text source", _line_of(data, b"\x00"))
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise SourceError(path, f"binary file ({controls} control characters): not a text source")
    return text, encoding


def _decode_legacy(data: bytes) -> tuple[str, str]:
    high = [b for b in data if b >= 0x80]
    cyrillic = sum(1 for b in high if b >= 0xC0)  # А..я in Windows-1251
    if high and cyrillic / len(high) > 0.6 and _mostly_cyrillic_words(data.decode("cp1251", errors="replace")):
        return data.decode("cp1251", errors="replace"), "windows-1251"
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


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


def read_source(path: Path) -> tuple[Source, list[str]]:
    """Read and decode one file with its editorial sidecar; returns (source, warnings)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(path, f"cannot read: {e.strerror}") from e
    text, encoding = decode(path, data)
    warnings = []
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"not valid UTF-8; decoded as {encoding} (see README: decoding rule)")
    return Source(path, text, encoding, load_editorial(path), data), warnings
