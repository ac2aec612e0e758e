"""Hostile saved web pages: each a reviewer's reproducer of a page that made the reader
hang or lose text silently. Each page is read in a subprocess under a generous time
guard (a hang guard, not a speed measurement); the read must end without an internal
error, and the article's words must be words of the page, or a note must say what
was lost or why the page was refused.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

# A hang guard: every page here reads in well under a few seconds.
HANG_GUARD_SECONDS = 30
_WORD = re.compile(r"\w+")

_READ = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from edition.build import read_file
result = read_file(Path(sys.argv[2]))
print(json.dumps({
    "texts": [" ".join([a.title, *(b.text for b in a.blocks)]) for a in result.documents],
    "problems": [f"{p.path}:{p.line or ''}: {p.message}" for p in result.problems],
}))
"""

_ARTICLE = "Words of the article about the story here. " * 30
_HEAD = '<!DOCTYPE html><html><head><title>T story</title><meta name=author content="Jane Doe"></head>'


def page(body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Tzebra story</title></head><body><article>"
        f"<h1>Tzebra story</h1>{body}</article></body></html>"
    )


def read_guarded(tmp_path: Path, text: str) -> tuple[Path, list[str], list[str]]:
    """The file's articles' texts and its problems, read in a subprocess that must end
    within the hang guard."""
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(ROOT / "scripts"), str(path)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=True,
    )
    result = json.loads(done.stdout)
    return path, result["texts"], result["problems"]


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def assert_accounted(path: Path, page_text: str, texts: list[str], problems: list[str]) -> None:
    """No internal error; the articles' words are the page's; a page refused or
    left without text says so in a note naming the file."""
    assert not [p for p in problems if "internal error" in p], problems
    for text in texts:
        assert words(text) <= words(page_text)
    if not texts or not any(words(t) for t in texts):
        assert any(p.startswith(str(path)) for p in problems), problems


# F4: cost cubic in nesting depth (each node walked its ancestors; each of 240 nested
# byline candidates collected the text of all the others).
def test_nested_byline_candidates_do_not_hang(tmp_path: Path) -> None:
    text = (
        _HEAD
        + "<body><article><h1>T story</h1>"
        + "<div class=author>" * 240
        + f"<p>{_ARTICLE}</p>"
        + "<span>a</span> " * 14_000
        + "</div>" * 240
        + "</article></body></html>"
    )
    path, texts, problems = read_guarded(tmp_path, text)
    assert_accounted(path, text, texts, problems)
    assert texts and "words of the article" in texts[0].casefold()


# F5: the tag pattern `<[^>]*>` scanned to the end of a line from each `<` of it.
def test_long_line_of_unclosed_angles_does_not_hang(tmp_path: Path) -> None:
    text = page(f"<p>{_ARTICLE}</p><script>\n" + "a<b;" * 40_000 + "\n</script>")
    path, texts, problems = read_guarded(tmp_path, text)
    assert_accounted(path, text, texts, problems)
    assert texts and "words of the article" in texts[0].casefold()


# F8: past 256 levels libxml2 stopped parsing, and the rest of the page was lost
# without a word.
def test_text_nested_past_the_default_depth_is_kept(tmp_path: Path) -> None:
    text = page("<div>" * 260 + "<p>" + "Some words about zebras. " * 20 + "</p>" + "</div>" * 260)
    path, texts, problems = read_guarded(tmp_path, text)
    assert_accounted(path, text, texts, problems)
    assert texts and texts[0].count("zebras") == 20


def test_unclosed_divs_keep_every_line(tmp_path: Path) -> None:
    lines = "".join(f"<div class=c>Line {i} about a zebra and words enough to keep it.\n" for i in range(400))
    text = page(lines)
    path, texts, problems = read_guarded(tmp_path, text)
    assert_accounted(path, text, texts, problems)
    assert texts and all(f"Line {i} " in texts[0] for i in range(400))


def test_nesting_past_the_parser_limit_is_refused_with_its_line(tmp_path: Path) -> None:
    text = page("<div>" * 3000 + "<p>" + "Some words about zebras. " * 20 + "</p>" + "</div>" * 3000)
    path, texts, problems = read_guarded(tmp_path, text)
    assert_accounted(path, text, texts, problems)
    assert not texts
    assert any(p.startswith(f"{path}:1: ") and "nest too deep" in p for p in problems), problems


def test_a_page_of_only_its_headline_is_not_a_silent_article(tmp_path: Path) -> None:
    text = page("")
    path, texts, problems = read_guarded(tmp_path, text)
    assert_accounted(path, text, texts, problems)
    assert any("no article text found" in p for p in problems), problems


def test_words_the_parser_lost_are_noted(tmp_path: Path) -> None:
    from edition.readers.web_page_text import lost_words, parse_page

    # A page whose parsed tree misses text the page holds (here: taken out of the
    # tree after parsing, as a parser that drops text would leave it).
    text = page(f"<p>{_ARTICLE}</p><div id=gone>" + "Vanished zebra words here. " * 10 + "</div>")
    tree = parse_page(tmp_path / "page.html", text)
    gone = tree.get_element_by_id("gone")
    gone.getparent().remove(gone)
    assert lost_words(text, tree) == 40


# The bounds: each too-large page is refused quickly, with a note naming the file and
# saying what to do.
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("elements", page("<p>" + "Some words about zebras.<br>" * 39_000 + "</p>"), "elements (at most"),
        ("text", page("<p>" + "Some words about zebras. " * 60_000 + "</p>"), "characters of text (at most"),
        ("bytes", page(f"<p>{_ARTICLE}</p><script>var a = '" + "x" * 5_000_000 + "';</script>"), "characters (at most"),
    ],
)
def test_too_large_pages_are_refused(tmp_path: Path, name: str, text: str, expected: str) -> None:
    path, texts, problems = read_guarded(tmp_path, text)
    assert_accounted(path, text, texts, problems)
    assert not texts
    assert any(p.startswith(str(path)) and expected in p and "save the article alone" in p for p in problems)
