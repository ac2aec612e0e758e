"""Awkward but valid inputs: legacy encodings (decoded by a recorded rule), byte-order
marks, Windows line ends, tabs, a huge single line, a cable whose header is cut off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from edition.build import build
from edition.coverage import word_coverage

INPUTS = Path(__file__).parent / "inputs"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("inputs")
    sources = root / "sources"
    shutil.copytree(INPUTS, sources)
    (sources / "huge-line.txt").write_text(("word " * 200_000).strip() + ".\n", encoding="utf-8")
    result = build(sources, root / "out")
    pages = {d.source: (root / "out" / d.page).read_text(encoding="utf-8") for d in result.documents}
    return sources, result, pages


def test_every_input_gives_a_page_and_only_explained_warnings(built) -> None:  # type: ignore[no-untyped-def]
    sources, result, pages = built
    assert not result.failed
    assert sorted(pages) == sorted(p.name for p in sources.iterdir())
    assert sorted(map(str, result.problems)) == sorted(
        [
            f"{sources / 'latin-1.txt'}: warning: not valid UTF-8; decoded as windows-1252 (see README: decoding rule)",
            f"{sources / 'windows-1251.txt'}: warning: not valid UTF-8; decoded as windows-1251 (see README: decoding rule)",
            f"{sources / 'huge-line.txt'}:1: warning: first line is too long for a title (1000000 characters); "
            "titled by its opening words",
        ]
    )


@pytest.mark.parametrize(
    ("source", "title", "text"),
    [
        ("windows-1251.txt", "Лукашенко в Баку", "Александр Лукашенко посетил Баку"),
        ("latin-1.txt", "Maduro in Caracas", "Nicolás Maduro promised"),
        ("utf-8-bom.txt", "A Title After a Byte Order Mark", "must not show"),
        ("crlf-tabs.txt", "Windows Line Ends", "saved with tabs and Windows line ends, and wrapped lines."),
    ],
)
def test_text_is_decoded_faithfully(built, source: str, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
    sources, result, pages = built
    page = pages[source]
    assert f"# {title}\n" in page
    assert text in page
    assert "\r" not in page and "\ufeff" not in page and "\t" not in page
    decoded = (sources / source).read_bytes().decode("utf-8", errors="ignore") if source.startswith("utf") else None
    if decoded is not None:
        assert word_coverage(decoded, [page]).missing == {}


def test_a_huge_single_line_is_kept_whole(built) -> None:  # type: ignore[no-untyped-def]
    _, result, pages = built
    page = pages["huge-line.txt"]
    assert page.count("word") >= 200_000
    document = next(d for d in result.documents if d.source == "huge-line.txt")
    assert len(document.title) < 210
