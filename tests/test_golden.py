"""Golden files: each source in tests/cases/ beside the Markdown it must produce.

`tests/cases/NAME.txt` or, for a Markdown source, `tests/cases/NAME.markdown` (`.md` is
the expected output's extension), with an optional editorial sidecar `NAME.yml`, is built alone;
the pages it yields, in id order, must equal `tests/cases/NAME.md`. To regenerate after
a deliberate change of output: `UPDATE_GOLDEN=1 .venv/bin/python -m pytest
tests/test_golden.py`, then review the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from edition.build import build

CASES = Path(__file__).parent / "cases"


def render_case(source: Path, tmp_path: Path) -> str:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(source, sources / source.name)
    if source.with_suffix(".yml").exists():
        shutil.copy(source.with_suffix(".yml"), sources / source.with_suffix(".yml").name)
    result = build(sources, tmp_path / "out")
    assert not result.failed, result.problems
    pages = sorted(result.documents, key=lambda d: d.id)
    return "".join(
        f"<!-- page: {d.page} -->\n" + (tmp_path / "out" / d.page).read_text(encoding="utf-8") for d in pages
    )


SOURCES = sorted([*CASES.glob("*.txt"), *CASES.glob("*.markdown")])


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_golden(source: Path, tmp_path: Path) -> None:
    actual = render_case(source, tmp_path)
    expected_path = source.with_suffix(".md")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"no golden file {expected_path.name}; run with UPDATE_GOLDEN=1"
    assert actual == expected_path.read_text(encoding="utf-8")
