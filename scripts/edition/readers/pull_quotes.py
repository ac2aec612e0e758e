"""Pull quotes: a short paragraph repeating a sentence of a nearby longer one.

Magazines and web pages set a sentence of the text again, larger, as a pull quote;
copied as text it reads as a paragraph said twice. Shared by the readers of plain
text and Markdown.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..model import Block

_SENTENCE = re.compile(r"(?<=[.!?…”\"])\s+(?=[\"“A-Z0-9])")
_WORD = re.compile(r"\w+")
# A pull quote is at most this long, and repeats a sentence of a paragraph at most
# this many blocks away with at least this similarity (share of words in common, in order).
_PULL_QUOTE_MAX_SENTENCES = 2
_PULL_QUOTE_MAX_CHARS = 300
_PULL_QUOTE_REACH = 3
_PULL_QUOTE_SIMILARITY = 0.7


def _sentences(text: str) -> list[str]:
    return _SENTENCE.split(text)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _similarity(words_a: list[str], words_b: list[str]) -> float:
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def _could_match(words_a: list[str], words_b: list[str]) -> bool:
    """Whether two word lists are close enough in length to reach the similarity at
    all: the ratio is at most 2·min/(la+lb), so the comparison can be skipped."""
    shorter, total = min(len(words_a), len(words_b)), len(words_a) + len(words_b)
    return total == 0 or 2 * shorter / total >= _PULL_QUOTE_SIMILARITY  # two empty lists have ratio 1


def pull_quotes(blocks: list[Block]) -> dict[int, int]:
    """Index of each pull quote -> index of the paragraph it repeats.

    A pull quote is a short paragraph whose text closely matches one sentence (or as
    many consecutive sentences as it has) of a nearby paragraph that says more. The
    closest pairs are taken first; a repeated paragraph is never itself a pull quote.
    Only the blocks within reach of each short paragraph are compared, so an article
    of many paragraphs costs time in proportion to their number, not its square.
    """
    sentences = {i: _sentences(b.text) for i, b in enumerate(blocks) if b.kind == "paragraph"}
    pairs = []
    for i, own in sentences.items():
        size = len(own)
        if size > _PULL_QUOTE_MAX_SENTENCES or len(blocks[i].text) > _PULL_QUOTE_MAX_CHARS:
            continue
        quote = _words(blocks[i].text)
        for j in range(i - _PULL_QUOTE_REACH, i + _PULL_QUOTE_REACH + 1):
            if j == i or j not in sentences or len(sentences[j]) <= size:
                continue
            windows = (_words(" ".join(sentences[j][k : k + size])) for k in range(len(sentences[j]) - size + 1))
            score = max((_similarity(quote, w) for w in windows if _could_match(quote, w)), default=0.0)
            if score >= _PULL_QUOTE_SIMILARITY:
                pairs.append((score, i, j))
    quote_of: dict[int, int] = {}
    repeated: set[int] = set()
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], abs(p[1] - p[2]), p[1])):
        if i not in quote_of and i not in repeated and j not in quote_of:
            quote_of[i] = j
            repeated.add(j)
    return quote_of
