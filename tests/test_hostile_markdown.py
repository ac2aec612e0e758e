"""Hostile Markdown: sources built to make the Markdown reader hang, crash or lose
text. Each is read in a child process under a generous wall-clock guard (a guard
against hangs, not a measure of speed); no problem may be an internal error, and every
word of the source must be on the page (its blocks, title, metadata) or in the
emendation log."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from edition.coverage import word_coverage

HANG_GUARD = 30  # seconds

# Reads one file and prints, as JSON, its problems and the text of each document.
_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from edition.build import read_file

read = read_file(Path(sys.argv[2]))
documents = []
for d in read.documents:
    texts = [d.title, d.author or "", d.url_original or "", *d.notes]
    texts += [f"{k} {v}" for k, v in d.metadata]
    texts += [b.text for b in d.blocks] + [b.target for b in d.blocks]
    texts += [link.url for b in d.blocks for link in b.links]
    texts += [e.original for e in d.emendations]
    links = [[b.text[link.start : link.end], link.url] for b in d.blocks for link in b.links]
    documents.append({"text": "\n".join(texts), "blocks": [[b.kind, b.text] for b in d.blocks], "links": links})
print(json.dumps({"problems": [str(p) for p in read.problems], "documents": documents}))
"""


def read_hostile(tmp_path: Path, text: str, name: str = "hostile.md") -> dict:
    """What reading `text` as the file `name` gives; fails the test on a hang or an
    internal error."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT / "scripts"), str(path)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    read = json.loads(done.stdout)
    assert not [p for p in read["problems"] if "internal error" in p]
    return read


def assert_no_word_lost(text: str, read: dict, keys: tuple[str, ...] = ()) -> None:
    """Every word of `text` is in a document's text, but the front-matter `keys` whose
    values become the title, date …"""
    coverage = word_coverage(text, [d["text"] for d in read["documents"]])
    assert {word: n for word, n in coverage.missing.items() if word not in keys} == {}


def test_a_long_byline_that_is_no_name_is_read_at_once(tmp_path: Path) -> None:
    # F1: `and` could be matched by the name or by the joiner, in every combination.
    text = "# Title\n\nBy a" + " and a" * 40 + "!\n\nText.\n"
    read = read_hostile(tmp_path, text)
    assert_no_word_lost(text, read)
    assert ["byline", "By a and b & c, d"] in read_hostile(tmp_path, "# Title\n\nBy a and b & c, d\n\nText.\n")[
        "documents"
    ][0]["blocks"]


@pytest.mark.parametrize("tag", ["<div>", "<br/>", "<div>\nword"])
def test_thousands_of_lines_of_markup_open_no_recursion(tmp_path: Path, tag: str) -> None:
    # F2: each markup line opening an HTML block was dropped and the rest read again, recursively.
    text = "# T\n\n" + f"{tag}\n" * 3000 + "lastword\n"
    read = read_hostile(tmp_path, text)
    assert_no_word_lost(text, read)
    assert any("lastword" in b[1] for b in read["documents"][0]["blocks"])


def test_an_unterminated_comment_is_read_in_linear_time(tmp_path: Path) -> None:
    # F3: every `<` of an open comment searched to the end of the text for `-->`.
    text = "# T\n\nA paragraph.\n\n" + "<!-- a\n" * 40000
    read = read_hostile(tmp_path, text)
    assert_no_word_lost(text, read)


@pytest.mark.parametrize(
    "front",
    ["? 0x" + "F" * 4000 + "\n: v\n", "extra: {? 0x" + "F" * 4000 + ": v}\n"],
    ids=["key", "nested-key"],
)
def test_a_huge_number_as_a_front_matter_key_is_shown(tmp_path: Path, front: str) -> None:
    # F6: str() refuses an integer of more than 4,300 digits.
    text = "---\ntitle: T\n" + front + "---\n\ntext\n"
    read = read_hostile(tmp_path, text)
    assert_no_word_lost(text, read, keys=("title",))


def test_a_huge_decimal_number_in_front_matter_is_reported(tmp_path: Path) -> None:
    # The YAML loader itself refuses to read more than 4,300 decimal digits as a number.
    read = read_hostile(tmp_path, "---\ntitle: T\n? " + "9" * 5000 + "\n: v\n---\n\ntext\n")
    assert any("hostile.md:1: error: invalid YAML front matter" in p for p in read["problems"])


def test_a_huge_number_as_a_key_of_editorial_yaml_is_reported(tmp_path: Path) -> None:
    from edition.datafile import load_yaml

    path = tmp_path / "x.yml"
    path.write_text("? 0x" + "F" * 4000 + "\n: v\n", encoding="utf-8")
    assert list(load_yaml(path)) == ["0x" + "F" * 4000]


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\n" + "> " * 30 + "secretword here\n",
        "# Title\n\n" + "".join("  " * i + f"- item{i}\n" for i in range(40)) + "\nafterword\n",
        "# Title\n\n" + "".join("> " * i + f"level{i}\n\n" for i in range(1, 60)) + "afterword\n",
        "# Title\n\n" + "> " * 10000 + "deepword\n\nafterword\n",
        "# Title\n\n" + "- > 1. " * 3000 + "deepword\n\nafterword\n",
        "# Title\n\n```x```\n" + "> " * 100 + "deepword\n\nafterword\n",
    ],
    ids=["quotes", "list", "quote-steps", "quotes-10000", "mixed", "false-fence"],
)
def test_deep_nesting_loses_no_word(tmp_path: Path, text: str) -> None:
    # F7: past its nesting limit the parser skipped the rest of the text, saying nothing.
    read = read_hostile(tmp_path, text)
    assert_no_word_lost(text, read)
    blocks = " ".join(b[1] for b in read["documents"][0]["blocks"])
    for word in ("secretword", "item39", "level59", "deepword", "afterword"):
        assert (word in text) <= (word in blocks)


def test_a_nested_list_keeps_its_first_levels(tmp_path: Path) -> None:
    text = "# Title\n\n" + "".join("  " * i + f"- item{i}\n" for i in range(12))
    blocks = read_hostile(tmp_path, text)["documents"][0]["blocks"]
    assert [b[1] for b in blocks if b[0] == "item"] == [f"item{i}" for i in range(12)]


@pytest.mark.parametrize("image", ["![](x.png)", "![a long description](x.png)", "![a](x.png) ![b](y.png)"])
def test_a_link_after_an_inline_image_covers_its_own_words(tmp_path: Path, image: str) -> None:
    # F9: the links were placed by offsets counted before each image became its description.
    text = f"# T\n\nSee {image} the [official site](https://example.com/) now.\n"
    read = read_hostile(tmp_path, text)
    assert read["documents"][0]["links"] == [["official site", "https://example.com/"]]


def test_a_link_around_an_image_covers_its_description(tmp_path: Path) -> None:
    text = "# T\n\nSee ![one](x.png) and [![the logo](y.png)](https://example.com/) here.\n"
    assert read_hostile(tmp_path, text)["documents"][0]["links"] == [["the logo", "https://example.com/"]]


def test_front_matter_in_a_code_fence_is_an_example(tmp_path: Path) -> None:
    # F10: a front-matter block shown in a fence started a second article.
    text = (
        "# How to write front matter\n\nPut this at the top:\n\n```yaml\n\n---\ntitle: My first post\n"
        "date: 2020-01-01\n---\n\n```\n\nThen write your post below it.\n"
    )
    read = read_hostile(tmp_path, text)
    assert len(read["documents"]) == 1
    assert_no_word_lost(text, read, keys=("yaml",))  # a code block's language is not shown


def test_front_matter_keys_that_read_the_same_are_both_kept(tmp_path: Path) -> None:
    # F11: `1:` and `'1':` are one key once read as text; the second overwrote the first.
    text = "---\ntitle: T\n1: alpha\n'1': beta\n---\n\ntext\n"
    read = read_hostile(tmp_path, text)
    assert_no_word_lost(text, read, keys=("title",))
    assert any(":4:" in p and "'1'" in p and "line 3" in p for p in read["problems"])


@pytest.mark.parametrize(
    "text",
    ["# T\n\n" + "[" * 3_000_000, "# T\n\n" + "_a" * 1_100_000, "# T\n\n" + "[a]: http://x\n" * 200_000],
    ids=["brackets", "emphasis", "definitions"],
)
def test_a_markdown_body_too_large_is_refused_naming_the_file(tmp_path: Path, text: str) -> None:
    read = read_hostile(tmp_path, text)
    assert read["documents"] == []
    assert any("hostile.md" in p and "too large" in p and "split" in p for p in read["problems"])
