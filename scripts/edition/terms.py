"""Candidate terms in the sources that the glossary does not cover, for the editors.

Candidates are acronyms (OIC, MZKT), model names with a hyphen and a digit or capital
(Vostok-E, Bor-1M, S-125, Buk-M2E) and capitalised words that do not open a sentence
(Mehdiyev). A candidate is covered when it is a word of some entry's name or alias,
or is on the editors' ignore list.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .glossary import Glossary
from .model import Document

_MODEL = re.compile(r"(?<![\w-])[A-Z][A-Za-z]*-(?:\d[\w]*|[A-Z][\w]*)(?:-[\w]+)*(?![\w-])")
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,}(?![\w-])")
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?:[A-Z][a-z]+)?(?![\w-])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")


def candidates(text: str) -> set[str]:
    found = set(_MODEL.findall(text)) | set(_ACRONYM.findall(text))
    for m in _CAPITALISED.finditer(text):
        if not _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
            found.add(m.group(0))
    return found


def unknown_terms(documents: list[Document], glossary: Glossary) -> dict[str, list[str]]:
    """Candidate term -> ids of the documents where it occurs, for terms with no entry."""
    covered = set(glossary.ignored)
    for entry in glossary.entries:
        for form in entry.forms:
            covered.add(form)
            covered.update(re.findall(r"[\w-]+", form))
    where: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        # Headings and cable subjects repeat the text in title case or capitals.
        texts = [b.text for b in document.blocks if b.kind != "heading"]
        for term in sorted(set().union(*(candidates(t) for t in texts)) if texts else set()):
            if term not in covered:
                where[term].append(document.id)
    return dict(sorted(where.items()))
