"""The handling words a cable prints among its lines (`SIPDIS`, `NOFORN`), the caveat
words printed with them (`SENSITIVE`), and the words that are never a signature.

The lists are an editorial fact: they live in `data/cable_handling.yml`, read once, and
every cable module takes them from here. The patterns built from them are here too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..datafile import check_keys, load_yaml
from ..errors import DataError, quoted

HANDLING_FILE = Path(__file__).resolve().parents[3] / "data" / "cable_handling.yml"
_KEYS = {"editorial", "handling", "caveats", "inserted", "named_after", "not_signatures"}
_WORD = re.compile(r"[A-Z][A-Z-]*")


@dataclass(frozen=True)
class Markings:
    handling: frozenset[str]  # SIPDIS, NOFORN, NODIS ...
    caveats: frozenset[str]  # SENSITIVE
    inserted: frozenset[str]  # handling words printed inside sentences: SIPDIS
    named_after: frozenset[str]  # words after which a handling word is named, not printed
    not_signatures: frozenset[str]  # closing words, handling and caveat words
    line: re.Pattern[str]  # a line of handling words only: `SIPDIS`, `NOFORN SIPDIS`
    prefix: re.Pattern[str]  # handling words before the rest of a sentence: `SIPDIS roles in ...`
    inserted_word: re.Pattern[str]  # an inserted word, as a word of its own
    starts: re.Pattern[str]  # a line that starts with a handling or caveat word, in any case

    @property
    def words(self) -> frozenset[str]:
        """Handling and caveat words: what a header's handling line starts with."""
        return self.handling | self.caveats


@functools.cache
def markings(path: Path = HANDLING_FILE) -> Markings:
    """The lists of `data/cable_handling.yml`, read once. Raises DataError (file:line)
    when the file is broken: an unknown key, a list missing, a word not in capitals."""
    data = load_yaml(path)
    check_keys(path, data, _KEYS, _KEYS, "file")
    lists = {key: _words(path, data, key) for key in _KEYS - {"editorial"}}
    handling, inserted = lists["handling"], lists["inserted"]
    if not inserted <= handling:
        extra = ", ".join(sorted(inserted - handling))
        raise DataError(path, f"inserted words must be handling words too: {extra}", data.line_of("inserted"))
    either = alternatives(handling)
    return Markings(
        handling=handling,
        caveats=lists["caveats"],
        inserted=inserted,
        named_after=lists["named_after"],
        not_signatures=lists["not_signatures"] | handling | lists["caveats"],
        line=re.compile(rf"^(?:(?:{either})\W*)+$", re.I),
        prefix=re.compile(rf"^(?:(?:{either})\b[^\w\s]*\s+)+(?=[a-z])"),
        inserted_word=re.compile(rf"(?<![\w/-])(?:{alternatives(inserted)})(?![\w/-])"),
        starts=re.compile(rf"(?:{alternatives(handling | lists['caveats'])})\b", re.I),
    )


def alternatives(words: frozenset[str]) -> str:
    """`words` as alternatives of a pattern, the longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _words(path: Path, data: Any, key: str) -> frozenset[str]:
    values = data[key]
    if not isinstance(values, list) or not values:
        raise DataError(path, f"{key} must be a list of words, got {quoted(values)}", data.line_of(key))
    for value in values:
        if not isinstance(value, str) or not _WORD.fullmatch(value):
            raise DataError(
                path, f"{key}: {quoted(value)} is not a word in capitals (quote NO, ON, YES)", data.line_of(key)
            )
    return frozenset(values)
