"""The pass-through extension changes how fast a page renders, never what it shows."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from edition.markdown_raw import BEGIN, END, raw

CASES = Path(__file__).parent / "cases"
EXTENSIONS = ["attr_list", "tables", "toc", "pymdownx.escapeall"]


def html(source: str, *extra: str) -> str:
    out = markdown.markdown(source, extensions=EXTENSIONS + list(extra))
    out = out.replace(BEGIN, "").replace(END, "")
    return re.sub(r">\s+<", "><", out).strip()


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda p: p.stem)
def test_golden_pages_render_the_same_with_and_without_it(case: Path) -> None:
    source = case.read_text(encoding="utf-8")
    assert BEGIN in source
    assert html(source, "edition.markdown_raw") == html(source)


def test_marked_html_is_kept_as_it_stands_and_markdown_around_it_is_rendered() -> None:
    block = raw('<div class="x">\n\n*not emphasis* [not a link](y.md)\n\n</div>')
    out = markdown.markdown(f"*before*\n\n{block}\n\n*after*", extensions=["edition.markdown_raw"])
    assert '<div class="x">\n\n*not emphasis* [not a link](y.md)\n\n</div>' in out
    assert "edition:html" not in out  # the markers are consumed, not passed on as comments
    assert "<em>before</em>" in out and "<em>after</em>" in out


def test_a_region_without_its_end_marker_is_left_to_markdown() -> None:
    out = markdown.markdown(f"{BEGIN}\n*text*", extensions=["edition.markdown_raw"])
    assert "<em>text</em>" in out
