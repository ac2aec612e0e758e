"""The built-in cable codebook: its provenance, its schema checks, and how much of the
real corpus's TAGS lines it explains (skipped without the corpus)."""

from __future__ import annotations

import os
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT
from edition import codebook
from edition.crosslinks import Crosslinks, tag_entry
from edition.errors import DataError
from edition.glossary import load_glossary
from edition.readers.cable import CableReader
from edition.sources import read_source

CORPUS = Path(os.environ.get("EDITION_CORPUS", ROOT.parent / "shared" / "corpus" / "cablegate-2010"))


def test_every_codebook_entry_says_where_it_comes_from() -> None:
    book = codebook.load(codebook.BUILT_IN)
    assert len(book.entries) > 400
    assert all(e.generated and e.definition for e in book.entries)
    ids = {e.id for e in book.entries}
    assert {"prel", "pgov", "pter", "mass", "econ", "etrd", "kdem", "aj", "bo", "rs", "ve"} <= ids
    assert {"sipdis", "noforn", "nodis", "exdis", "limdis", "sbu", "fouo"} <= ids
    assert {"reftel", "septel", "decl", "eo-12958", "dtg", "dcm", "poloff", "econoff", "cda"} <= ids
    text = (codebook.BUILT_IN / "tags.yml").read_text(encoding="utf-8")
    assert "heuer/topicmaps" in text and "licence" in text


def test_a_broken_codebook_fails_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "tags.yml").write_text(
        textwrap.dedent(
            """\
            editorial: test
            sources:
              s: {title: A list, licence: public domain}
            lists:
              - source: s
                kind: tag
                codes:
                  PREL: External political relations
                  "Prel": The same id again
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        codebook.load(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'tags.yml'}:9: code 'Prel' has the id 'prel'")


def test_a_codebook_definition_may_not_speak_of_one_document(tmp_path: Path) -> None:
    (tmp_path / "tags.yml").write_text(
        "editorial: test\nsources:\n  s: {title: A list, licence: public domain}\nlists:\n"
        "  - source: s\n    kind: term\n    codes:\n      XYZ: A code used in this cable\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        codebook.load(tmp_path)
    assert error.value.line == 8 and "speaks of one document" in str(error.value)


def test_tags_of_the_corpus_link_to_entries() -> None:
    """At least 99% of the TAGS codes written in the corpus's cables have an entry;
    the unknown ones are printed (run with -s)."""
    if not CORPUS.is_dir():
        pytest.skip(f"Cablegate corpus not found at {CORPUS}")
    glossary = load_glossary(ROOT / "data" / "glossary.yml")
    entries = glossary.by_id()
    links = Crosslinks(entries=entries, tags={code: entries[i] for code, i in glossary.tags})
    reader = CableReader()
    found: Counter[bool] = Counter()
    unknown: Counter[str] = Counter()
    for path in sorted(CORPUS.glob("*.txt")):
        source, _ = read_source(path)
        for cable in reader.read(source, lambda *args, **kwargs: None):
            for tag in getattr(cable, "tags", ()):
                known = tag_entry(links, tag) is not None
                found[known] += 1
                if not known:
                    unknown[tag] += 1
    share = found[True] / (found[True] + found[False])
    print(f"\nTAGS occurrences with an entry: {found[True]:,} of {found[True] + found[False]:,} ({share:.2%})")
    print("unknown:", ", ".join(f"{tag} ({n})" for tag, n in unknown.most_common()))
    assert share >= 0.99
