"""Property-based tests: random text, rich in Markdown and HTML metacharacters, goes
through escaping and through the article and cable readers without a crash, and
every word survives into the rendered HTML."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from conftest import ROOT, to_html_text
from edition.build import build
from edition.coverage import word_coverage
from edition.escape import Mark, escape, html_inline, non_overlapping, yaml_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

META = "<>&*_`#[]()!|{}%\\~^=$:;-+.'\"/^@\t"
pieces = st.sampled_from(
    list(META) + list("abcXYZ019 ") + ["\n", "é", "Ж", "—", "[^1]", "{{", "}}", "<script>", "1. ", "# "]
)
hostile_text = st.lists(pieces, min_size=1, max_size=40).map("".join)


@given(hostile_text)
@settings(max_examples=300, deadline=None)
def test_escaped_text_renders_as_itself(text: str) -> None:
    rendered = to_html_text(escape(text))
    assert " ".join(rendered.split()) == " ".join(text.split())


@given(hostile_text, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=6))
@settings(max_examples=300, deadline=None)
def test_text_woven_with_marks_renders_as_itself(text: str, spans: list[tuple[int, int]]) -> None:
    """Document text becomes HTML through `html_inline`: whatever it holds, and
    wherever the edition's links fall, the reader sees the text and only the links."""
    marks = [Mark(min(a, len(text)), min(a + n, len(text)), '<a href="#x">', "</a>") for a, n in spans]
    kept = non_overlapping(marks)
    out = to_html_text(f'<p class="edition-para">{html_inline(text, kept)}</p>')
    assert " ".join(out.split()) == " ".join(text.split())
    assert html_inline(text, kept).count("<a ") == len(kept)  # no element comes from the text
    assert all(a.end <= b.start for a, b in zip(kept, kept[1:], strict=False))


words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9), min_size=8, max_size=20)
paragraph = st.tuples(words, hostile_text).map(
    lambda t: " ".join(t[0][:3]) + " " + t[1] + " " + " ".join(t[0][3:]) + "."
)


def build_pages(source_text: str) -> tuple[str, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        sources.mkdir()
        (sources / "random.txt").write_text(source_text, encoding="utf-8")
        result = build(sources, Path(tmp) / "out")
        assert not result.failed, result.problems
        pages = [to_html_text((Path(tmp) / "out" / d.page).read_text(encoding="utf-8")) for d in result.documents]
        return result.documents[0].kind, pages


@given(st.lists(paragraph, min_size=1, max_size=5))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_articles_keep_every_word(paragraphs: list[str]) -> None:
    source = "A Random Article\n\n" + "\n\n".join(re.sub(r"\n+", " ", p) for p in paragraphs) + "\n"
    kind, pages = build_pages(source)
    assert kind == "article"
    assert word_coverage(source, pages).missing == {}


CABLE_HEAD = (ROOT / "tests" / "hostile" / "hostile-cable.txt").read_text(encoding="utf-8").split("1. (C)")[0]


@given(st.lists(paragraph, min_size=1, max_size=5))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_cables_keep_every_word(paragraphs: list[str]) -> None:
    body = "\n\n".join(f"{n}. (C) " + re.sub(r"\n+", " ", p) for n, p in enumerate(paragraphs, start=1))
    source = CABLE_HEAD + body + "\nDOE\n"
    kind, pages = build_pages(source)
    assert kind == "cable"
    assert word_coverage(source, pages).missing == {}


@given(st.text())
@settings(max_examples=500, deadline=None)
def test_front_matter_strings_read_back_exactly(text: str) -> None:
    # Page titles go into YAML front matter; MkDocs must read back exactly the title.
    assert yaml.safe_load("title: " + yaml_string(text) + "\n")["title"] == text
