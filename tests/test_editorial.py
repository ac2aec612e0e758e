"""Editorial sidecars: dates of any precision, quoted or not; bad values name file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from edition.editorial import load_editorial
from edition.errors import DataError


def sidecar(tmp_path: Path, date: str) -> Path:
    source = tmp_path / "a.txt"
    source.write_text("Title\n\nSome text of the article, long enough to be prose.\n", encoding="utf-8")
    source.with_suffix(".yml").write_text(
        f"editorial: test\narticles:\n  - title: Title\n    date: {date}\n", encoding="utf-8"
    )
    return source


@pytest.mark.parametrize(
    ("written", "read"), [("2013-11-22", "2013-11-22"), ('"2013-11"', "2013-11"), ("2013", "2013")]
)
def test_dates_quoted_or_not(tmp_path: Path, written: str, read: str) -> None:
    assert load_editorial(sidecar(tmp_path, written)).articles[0].date == read


def test_a_bad_date_names_file_and_line(tmp_path: Path) -> None:
    source = sidecar(tmp_path, "late 2013")
    with pytest.raises(DataError) as error:
        load_editorial(source)
    assert (
        str(error.value) == f"{source.with_suffix('.yml')}:4: date must be YYYY, YYYY-MM or YYYY-MM-DD, got 'late 2013'"
    )


@pytest.mark.parametrize(("written", "shown"), [('"2013-13"', "'2013-13'"), ('"2013-02-30"', "'2013-02-30'")])
def test_impossible_dates_name_file_and_line(tmp_path: Path, written: str, shown: str) -> None:
    source = sidecar(tmp_path, written)
    with pytest.raises(DataError) as error:
        load_editorial(source)
    assert str(error.value) == f"{source.with_suffix('.yml')}:4: date must be YYYY, YYYY-MM or YYYY-MM-DD, got {shown}"


def test_an_impossible_unquoted_date_names_the_file(tmp_path: Path) -> None:
    source = sidecar(tmp_path, "2013-13-01")
    with pytest.raises(DataError) as error:
        load_editorial(source)
    assert str(error.value).startswith(f"{source.with_suffix('.yml')}: invalid YAML: month must be in 1..12")
