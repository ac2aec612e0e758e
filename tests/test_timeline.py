"""The timeline's editorial data: validated with file:line, never guessing a date."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from edition.build import build
from edition.errors import DataError
from edition.timeline import load_timeline


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build(ROOT / "seeds", tmp_path_factory.mktemp("out")).documents


def write(tmp_path: Path, events: str) -> Path:
    path = tmp_path / "timeline.yml"
    path.write_text("editorial: test\nevents:\n" + events, encoding="utf-8")
    return path


def test_events_sorted_by_date_and_absent_documents_left_out(tmp_path: Path, documents) -> None:  # type: ignore[no-untyped-def]
    path = write(
        tmp_path,
        "  - {date: 2007-05-15, text: Later., document: 07BAKU595, anchor: p2}\n"
        "  - {date: 2007-05-10, text: Earlier., document: 07BAKU595, anchor: p1}\n"
        "  - {date: 1999, text: Elsewhere., document: 99NOWHERE1, anchor: p1}\n",
    )
    events = load_timeline(path, documents)
    assert [(e.date, e.anchor) for e in events] == [("2007-05-10", "p1"), ("2007-05-15", "p2")]


@pytest.mark.parametrize(
    ("events", "line", "message"),
    [
        (
            "  - {date: 2007-05-10, text: X., document: 07BAKU595, anchor: p99}\n",
            3,
            "document '07BAKU595' has no paragraph 'p99'",
        ),
        (
            "  - {date: May 2007, text: X., document: 07BAKU595, anchor: p1}\n",
            3,
            "date must be YYYY, YYYY-MM or YYYY-MM-DD, got 'May 2007'",
        ),
        ("  - {date: 2007, text: X., document: 07BAKU595}\n", 3, "missing key 'anchor' in timeline event"),
    ],
)
def test_bad_events_fail_with_file_and_line(tmp_path: Path, documents, events: str, line: int, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, events)
    with pytest.raises(DataError) as error:
        load_timeline(path, documents)
    assert str(error.value) == f"{path}:{line}: {message}"


def test_the_edition_timeline_is_valid(documents) -> None:  # type: ignore[no-untyped-def]
    events = load_timeline(ROOT / "data" / "timeline.yml", documents)
    assert len(events) == 16
    assert {e.document.kind for e in events} == {"cable", "article"}
