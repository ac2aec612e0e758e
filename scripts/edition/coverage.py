"""Word coverage: is every word of a source on its pages (text or emendation log)?

Words are counted, not just collected, so a dropped paragraph whose words also occur
elsewhere is still noticed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


@dataclass(frozen=True)
class Coverage:
    total: int  # words in the source
    found: int  # of which this many are on the pages
    missing: dict[str, int]  # word -> how many occurrences are missing

    @property
    def ratio(self) -> float:
        return self.found / self.total if self.total else 1.0


def word_coverage(source_text: str, page_texts: list[str]) -> Coverage:
    """Share of the source's words (with multiplicity) found in the page texts."""
    wanted = words(source_text)
    have = words("\n".join(page_texts))
    missing = {w: n - have[w] for w, n in wanted.items() if have[w] < n}
    total = sum(wanted.values())
    return Coverage(total, total - sum(missing.values()), missing)
