"""Fuzzing the way in: whatever the bytes of a source, the name of its file or the
YAML of its sidecar, the edition reports problems naming the file; no internal error
(a reader's bug) and no exception ever reaches the user."""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from edition.build import build, read_file
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

CASES = Path(__file__).parent / "cases"
CABLE = (CASES / "cable_confidential_lettered.txt").read_bytes()
ARTICLE = (CASES / "article_plain.txt").read_bytes()
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of real sources, so that the readers get far before the bytes go wrong.
_PIECES = [
    b"C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000595\n",
    b"TAGS: PREL PGOV AJ BO\n",
    b"SUBJECT: ",
    b"REF: A. BAKU 568 B. STATE 12345\n",
    b"Classified By: Ambassador Anne E. Derse, Reasons 1.4 (b,d)\n",
    b"E.O. 12958: DECL: 05/16/2017\n",
    b"P 311200Z FEB 09\n",
    b"FM AMEMBASSY BAKU\n",
    b"BAKU 00000595 002 OF 002\n",
    b"1. (C) Summary: ",
    b"\n\n",
    b"---\ntitle: x\n---\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\r\n",
    "Лукашенко ".encode("cp1251"),
    b"Lukashenka ",
    b"<script>alert(1)</script>",
    b"A" * 300,
    b". " * 200,
]
_MARKS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"\xff\xfe\xe9t\xe9 ", b"\xef\xbb\xbf\xff"]
source_bytes = st.one_of(
    st.binary(max_size=3000),
    st.tuples(st.sampled_from(_MARKS), st.binary(max_size=300)).map(b"".join),
    st.tuples(st.sampled_from(_MARKS), st.sampled_from([CABLE, ARTICLE]), st.binary(max_size=3)).map(b"".join),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.binary(max_size=40)), max_size=30).map(b"".join),
    st.tuples(st.sampled_from([CABLE, ARTICLE]), st.integers(0, 4000), st.binary(max_size=200)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
    ),
)


def internal_errors(problems: list) -> list[str]:
    return [str(p) for p in problems if "internal error" in p.message]


@FUZZ
@given(data=source_bytes)
def test_any_bytes_give_documents_or_problems_naming_the_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "source.txt"
        path.write_bytes(data)
        read = read_file(path)
    assert internal_errors(list(read.problems)) == []
    assert all(p.path == str(path) for p in read.problems)
    assert read.documents or any(p.severity == "error" for p in read.problems)


# Names as the file system allows them: any bytes but the separator and NUL.
file_names = st.binary(min_size=1, max_size=250).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b"..")
)


@FUZZ
@given(name=file_names)
def test_any_file_name_builds_and_names_the_file(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sources, out = Path(folder) / "seeds", Path(folder) / "docs"
        sources.mkdir()
        (sources / "000-anchor.txt").write_bytes(ARTICLE)
        try:
            (sources / os.fsdecode(name)).write_bytes(ARTICLE.replace(b"\n", b" extra\n", 1))
        except OSError:
            return  # a name this file system refuses (too long once encoded)
        result = build(sources, out, None)
        assert internal_errors(result.problems) == []
        assert "documents/index.md" in result.written
        # The anchor document is written whatever its neighbour is called.
        assert any(name.startswith("documents/") and name != "documents/index.md" for name in result.written)
        for written in result.written:
            assert (out / written).is_file()
            assert len(Path(written).name.encode("utf-8")) <= 255


# A "billion laughs": each level refers to the one before nine times.
_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(7)
)
_VALUES = [
    "x",
    "0x" + "f" * 4000,
    "9" * 5000,
    "*h",
    "[*h, *h]",
    '"\\0 nul"',
    '"' + "é" * 3000 + '"',
    "2013-02-30",
    "{a: b}",
    "[]",
    "null",
    "true",
    "!!binary aGVsbG8=",
    "!!python/object:os.system x",
]
_KEYS = ["editorial", "kind", "articles", "corrections", "unknown" * 100]
_ITEM_KEYS = ["title", "id", "date", "url", "date_approximate", "original", "corrected", "note"]
yaml_texts = st.one_of(
    st.text(max_size=400),
    st.tuples(
        st.sampled_from(["", _BOMB]),
        st.sampled_from(_KEYS),
        st.sampled_from(_VALUES),
        st.sampled_from(["articles", "corrections"]),
        st.sampled_from(_ITEM_KEYS),
        st.sampled_from(_VALUES),
    ).map(
        lambda t: (
            f"{t[0]}editorial: fuzz\n{t[1]}: {t[2]}\n{t[3]}:\n  - title: Title of the article\n"
            f"    original: the\n    corrected: the\n    {t[4]}: {t[5]}\n"
        )
    ),
    st.lists(
        st.sampled_from(["editorial: x\n", "kind: article\n", "articles:\n", "  - title: A\n", "\t", "- - -\n"]),
        max_size=8,
    ).map("".join),
)


@FUZZ
@given(sidecar=yaml_texts)
@example(sidecar=f"{_BOMB}editorial: fuzz\nkind: *h\n")
@example(sidecar="editorial: fuzz\narticles:\n  - title: Title of the article\n    date: 0x" + "f" * 4000 + "\n")
def test_any_sidecar_is_read_or_reported_with_its_file(sidecar: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sources, out = Path(folder) / "seeds", Path(folder) / "docs"
        sources.mkdir()
        (sources / "000-anchor.txt").write_bytes(ARTICLE)
        (sources / "article.txt").write_bytes(ARTICLE.replace(b"\n", b" again\n", 1))
        (sources / "article.yml").write_text(sidecar, encoding="utf-8", errors="surrogatepass")
        result = build(sources, out, None)
        assert internal_errors(result.problems) == []
        assert all(len(p.message) < 2000 for p in result.problems)
        assert any(name.startswith("documents/") and name != "documents/index.md" for name in result.written)
