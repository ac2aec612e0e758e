"""A cable's TAGS field: the name of the field, however misprinted, and its codes.

TAGS codes have one shape (the Department's TAGS standard): two capitals for a
country, four for a subject or an organisation, a few of three (`EUN`), and a code may
carry a name in brackets (`OVIP (CLINTON, HILLARY)`). Whatever else a damaged line
holds is not a tag: a page header run into the line (`UNCLASSIFIED`, `PAGE 02`, a
time), handling words (`SIPDIS`, listed in `data/cable_handling.yml`), or words of a misread line (`COUNTERTERRORISM GOI
EXTERNAL`), with the short words that stand among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cable_markings import markings

# The field's name as printed, misprints included (`AGS`, `TAS`, `TABS`, `TGS`,
# `TAGES`): one letter dropped, doubled or changed in `TAGS`.
FIELD_NAME = r"TAGS?|AGS|TAS|TABS|TGS|TAGES|TAGSS"
_PROPER_NAMES = {"TAG", "TAGS"}

CODE_SHAPE = re.compile(r"[A-Z]{2,4}(?: \([^()]*\))?")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_'-]*(?:\s*\([^()]*\))?")
# Where a page header or a stamp runs into the line: everything from there on is not TAGS.
_DEBRIS = re.compile(
    r"\bPAGE\s+\d{1,3}\b|\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\b|(?:\b[A-Z] ){4,}|\b\d{6}Z\b|\b\d{1,2}:\d{2}\b",
    re.I,
)
# Codes that take a name after them (`OVIP BIDEN JOSEPH`: a visit by the Vice President).
_NAMED = re.compile(r"O[A-Z]{3}")


@dataclass(frozen=True)
class Tags:
    codes: list[str]
    handling: list[str]  # handling words found in the line
    dropped: list[str]  # words that are not codes, as printed
    well_formed: bool


def garbled_name(name: str) -> bool:
    """Whether a field name is a misprint of TAGS (which then needs a colon or codes)."""
    return name.upper() not in _PROPER_NAMES


def looks_like_codes(text: str) -> bool:
    """Whether `text` is a line of codes: what a misprinted field name must be followed by."""
    words = [w for w in re.split(r"[\s,;]+", text.strip()) if w]
    return bool(words) and all(re.fullmatch(r"[A-Z]{2,4}", w) for w in words)


def parse_tags(text: str) -> Tags:
    """`PHUM PREL, econ` -> codes PHUM, PREL, ECON. Never raises."""
    debris = _DEBRIS.search(text)
    well_formed = bool(text.strip()) and debris is None
    kept_text = text[: debris.start()] if debris else text
    tokens = [m.group(0) for m in _TOKEN.finditer(kept_text)]
    leftovers = _TOKEN.sub("", kept_text)
    if leftovers.strip(" ,;."):
        well_formed = False
    # In a line of capitals, lower-case words are debris; a line of lower case is codes.
    capitals = any(t.isupper() for t in tokens)
    handling, dropped, words = [], [], []
    handling_words = markings().words
    for token in tokens:
        word = " ".join(token.split())
        if word.upper() in handling_words:
            handling.append(word.upper())
        elif capitals and (re.search(r"[a-z]", word.split(" (")[0]) or word.isdigit()):
            dropped.append(word)
        else:
            words.append(word.upper())
    codes = _codes(words, dropped)
    return Tags(codes, handling, dropped, well_formed and not dropped)


def _codes(words: list[str], dropped: list[str]) -> list[str]:
    codes: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if CODE_SHAPE.fullmatch(word):
            name: list[str] = []
            if _NAMED.fullmatch(word):
                while i + 1 + len(name) < len(words) and _free(words[i + 1 + len(name)]):
                    name.append(words[i + 1 + len(name)])
            if name:
                codes.append(f"{word} ({', '.join(name)})")
                i += 1 + len(name)
                continue
            # A word of three letters among words that are not codes is one of them
            # (`GOI EXTERNAL`): codes have two or four letters but a few.
            beside_free = any(0 <= j < len(words) and _free(words[j]) for j in (i - 1, i + 1))
            if len(word) == 3 and beside_free:
                dropped.append(word)
            else:
                codes.append(word)
        else:
            dropped.append(word)
        i += 1
    return codes


def _free(word: str) -> bool:
    """A word that cannot be a code: too long, or not letters."""
    return CODE_SHAPE.fullmatch(word) is None
