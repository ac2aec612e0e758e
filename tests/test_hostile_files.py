"""Hostile files: every file-level failure is a problem naming the file (and line where
there is one), never a traceback, a hang or a build that writes nothing; the other
documents are still written. The odd files are made here, in tmp_path."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from edition import build as build_module
from edition import datafile
from edition.build import BuildResult, build
from edition.errors import DataError, describe, quoted
from edition.glossary import Entry, Glossary, Matcher, _trie_pattern, load_glossary
from edition.sources import discover

GOOD = "A Good Article\n\nA paragraph of prose that the edition publishes whatever the folder holds.\n"
GOOD_PAGE = Path("documents") / "a-good-article.md"
ARTICLE = "Another Article\n\nA second paragraph of prose, in a file that something is wrong with.\n"


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of waiting for ever (a build that opens a named pipe blocks)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def sources_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A sources folder with one good article and `files` (name -> content)."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, content in files.items():
        path = sources / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return sources


def build_with_the_good_one(tmp_path: Path, sources: Path, data: Path | None = None) -> BuildResult:
    """Build, within a deadline; the good article's page must be written whatever
    else happens."""
    with deadline(60):
        result = build(sources, tmp_path / "out", data)
    assert (tmp_path / "out" / GOOD_PAGE).is_file()
    assert "good.txt" in {d.source for d in result.documents}
    return result


def messages(result: BuildResult) -> list[str]:
    return [str(p) for p in result.problems]


def only_problem(result: BuildResult) -> str:
    found = messages(result)
    assert len(found) == 1, found
    return found[0]


# --- decoding ------------------------------------------------------------------


def test_utf8_mark_followed_by_a_byte_that_is_not_utf8(tmp_path: Path) -> None:
    sources = sources_with(tmp_path, {"bad.txt": b"\xef\xbb\xbfTitle\n\nFirst line\nthen \xff here.\n"})
    result = build_with_the_good_one(tmp_path, sources)
    assert only_problem(result) == (
        f"{sources / 'bad.txt'}:4: error: starts with a UTF-8 byte-order mark, but byte 0xff is not UTF-8"
    )


@pytest.mark.parametrize(
    ("data", "why", "line"),
    [
        (b"\xff\xfe" + "Title\n\nText.\n".encode("utf-16-le") + b"x", "an odd number of bytes", 4),
        (
            b"\xff\xfe" + "Title\n".encode("utf-16-le") + b"\x00\xd8" + "\nText.\n".encode("utf-16-le"),
            "an unpaired surrogate",
            2,
        ),
        (b"\xfe\xff" + "Title\n\nText.\n".encode("utf-16-be") + b"\xdc\x00", "an unpaired surrogate", 4),
    ],
)
def test_utf16_mark_followed_by_what_is_not_utf16(tmp_path: Path, data: bytes, why: str, line: int) -> None:
    sources = sources_with(tmp_path, {"bad.txt": data})
    result = build_with_the_good_one(tmp_path, sources)
    assert only_problem(result) == (
        f"{sources / 'bad.txt'}:{line}: error: starts with a UTF-16 byte-order mark, but is not valid UTF-16 ({why})"
    )


@pytest.mark.parametrize(
    "text",
    [
        "ÿþLatin Title\n\nA paragraph of plain prose, in Latin-1, that happens to begin with those two letters.\n",
        "ÿþTitre\n\nUne phrase en français écrite en Latin-1, où les accents sont nombreux.\n",
        # An even number of bytes that UTF-16 decodes without error, to CJK text.
        "ÿþEven Title\n\nA paragraph of prose with an even number of bytes in it.\n",
    ],
)
def test_latin1_text_that_starts_with_the_bytes_of_a_utf16_mark(tmp_path: Path, text: str) -> None:
    data = text.encode("latin-1")
    sources = sources_with(tmp_path, {"latin.txt": data})
    result = build_with_the_good_one(tmp_path, sources)
    assert only_problem(result) == (
        f"{sources / 'latin.txt'}: warning: starts with bytes FF FE, a UTF-16 byte-order mark, but is not UTF-16 "
        "text; decoded as windows-1252 (see README: decoding rule)"
    )
    title = text.split("\n")[0]
    assert title in {d.title for d in result.documents}


def test_real_utf16_still_decodes(tmp_path: Path) -> None:
    data = "\ufeffЗаголовок Title\n\nA paragraph of prose in UTF-16, with Кириллица.\n".encode("utf-16-le")
    sources = sources_with(tmp_path, {"utf16.txt": data})
    result = build_with_the_good_one(tmp_path, sources)
    assert only_problem(result) == (
        f"{sources / 'utf16.txt'}: warning: not valid UTF-8; decoded as utf-16 (see README: decoding rule)"
    )
    assert "Заголовок Title" in {d.title for d in result.documents}


# --- file names and kinds of files ---------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    sources = sources_with(tmp_path, {})
    # Python names such a file with a lone surrogate for each undecodable byte.
    (sources / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE, encoding="utf-8")
    (sources / os.fsdecode(b"caf\xe9.yml")).write_text("editorial: test\nkind: article\n", encoding="utf-8")
    (sources / os.fsdecode(b"vide\xe9.txt")).write_bytes(b"")
    result = build_with_the_good_one(tmp_path, sources)
    warning = "warning: file name is not valid UTF-8 (bytes shown as \\xNN); read all the same"
    assert messages(result) == [
        f"{sources}/caf\\xe9.txt: {warning}",
        f"{sources}/caf\\xe9.yml: {warning}",
        f"{sources}/vide\\xe9.txt: {warning}",
        f"{sources}/vide\\xe9.txt: error: empty file: nothing to publish",
    ]
    assert sorted(d.id for d in result.documents) == ["a-good-article", "another-article"]
    for path in (tmp_path / "out").rglob("*"):
        path.name.encode("utf-8")  # nothing written under a name that cannot be encoded
        if path.suffix in (".md", ".json"):
            path.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_named_pipes_are_not_opened(tmp_path: Path) -> None:
    sources = sources_with(tmp_path, {"article.txt": ARTICLE})
    os.mkfifo(sources / "pipe.txt")
    os.mkfifo(sources / "article.yml")  # the sidecar of article.txt
    result = build_with_the_good_one(tmp_path, sources)
    assert sorted(messages(result)) == [
        f"{sources / 'article.txt'}: error: not read: its editorial sidecar article.yml cannot be read",
        f"{sources / 'article.yml'}: error: not a regular file (a named pipe): not read",
        f"{sources / 'pipe.txt'}: error: not a regular file (a named pipe): not read",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_given_as_a_file_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yml")
    with deadline(10), pytest.raises(DataError, match="not a regular file \\(a named pipe\\)"):
        datafile.load_yaml(tmp_path / "pipe.yml")
    read = build_module.read_file(tmp_path / "pipe.yml")
    assert [str(p) for p in read.problems] == [
        f"{tmp_path / 'pipe.yml'}: error: not a regular file (a named pipe): not read"
    ]


def test_special_files_and_links_are_reported_and_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret Title\n\nA paragraph that must never be published.\n")
    sources = sources_with(tmp_path, {"article.txt": ARTICLE})
    (sources / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (sources / "loop.txt").symlink_to(sources / "loop.txt")
    (sources / "secret.txt").symlink_to(outside / "secret.txt")
    (sources / "passwd.txt").symlink_to("/etc/passwd")
    (sources / "sub").mkdir()
    (sources / "sub" / "inner.txt").write_text("Inner Title\n\nA paragraph in a file kept in a sub-folder.\n")
    (sources / "inner.txt").symlink_to(Path("sub") / "inner.txt")  # inside the folder: read
    with contextlib.closing(socket.socket(socket.AF_UNIX)) as server:
        server.bind(str(sources / "socket.txt"))
        result = build_with_the_good_one(tmp_path, sources)
    assert messages(result) == [
        f"{sources / 'dangling.txt'}: error: symbolic link that leads nowhere: not read",
        f"{sources / 'loop.txt'}: error: symbolic link that leads nowhere: not read",
        f"{sources / 'passwd.txt'}: error: symbolic link to a file outside the sources folder: not read",
        f"{sources / 'secret.txt'}: error: symbolic link to a file outside the sources folder: not read",
        f"{sources / 'socket.txt'}: error: not a regular file (a socket): not read",
    ]
    assert sorted(d.source for d in result.documents) == ["article.txt", "good.txt", "inner.txt"]
    assert not any("never be published" in p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.md"))


def test_discover_returns_the_problems_with_the_files(tmp_path: Path) -> None:
    sources = sources_with(tmp_path, {"note.yaml": "editorial: test\n"})
    (sources / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    files, problems = discover(sources)
    assert [f.name for f in files] == ["good.txt"]
    assert [str(p) for p in problems] == [
        f"{sources / 'dangling.txt'}: error: symbolic link that leads nowhere: not read",
        f"{sources / 'note.yaml'}: warning: YAML file that belongs to no source (none is named note.*)",
    ]


def test_a_file_that_cannot_be_read_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = sources_with(tmp_path, {"article.txt": ARTICLE, "other.txt": ARTICLE.replace("Another", "Other")})
    (sources / "other.yml").write_text("editorial: test\n", encoding="utf-8")
    real_open = os.open

    def failing_open(path: os.PathLike[str] | str, flags: int, *args: int) -> int:
        if Path(path).name in ("article.txt", "other.yml"):
            raise OSError(5, "Input/output error")
        return real_open(path, flags, *args)

    monkeypatch.setattr(datafile.os, "open", failing_open)
    result = build_with_the_good_one(tmp_path, sources)
    assert messages(result) == [
        f"{sources / 'article.txt'}: error: cannot read: Input/output error",
        f"{sources / 'other.yml'}: error: cannot read: Input/output error",
    ]


def test_no_exception_escapes_for_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = sources_with(tmp_path, {"article.txt": ARTICLE})
    real_read_source = build_module.read_source

    def broken(file):  # type: ignore[no-untyped-def]
        if file.name == "article.txt":
            raise ValueError("x" * 100_000)
        return real_read_source(file)

    monkeypatch.setattr(build_module, "read_source", broken)
    result = build_with_the_good_one(tmp_path, sources)
    message = only_problem(result)
    assert message.startswith(f"{sources / 'article.txt'}: error: could not be read: internal error ValueError: xxx")
    assert message.endswith("… (please report this file)")
    assert len(message) < len(str(sources)) + 300


# --- sources and sidecars ------------------------------------------------------


def test_markdown_files_are_sources_and_a_readme_is_not(tmp_path: Path) -> None:
    sources = sources_with(
        tmp_path,
        {
            "notes.md": "Markdown Notes\n\nA paragraph of prose written in a Markdown file.\n",
            "more.markdown": "More Notes\n\nAnother paragraph of prose in a Markdown file.\n",
            "README.md": "# About this folder\n\nThe sources of the edition.\n",
        },
    )
    result = build_with_the_good_one(tmp_path, sources)
    assert messages(result) == []
    assert sorted(d.source for d in result.documents) == ["good.txt", "more.markdown", "notes.md"]


def test_the_seeds_still_build(tmp_path: Path) -> None:
    result = build(ROOT / "seeds", tmp_path / "out")
    assert messages(result) == []
    assert sorted(d.kind for d in result.documents) == ["article", "article", "cable"]


@pytest.mark.parametrize("sidecar", ["article.YML", "article.yaml", "article.Yaml"])
def test_sidecar_extension_in_any_case(tmp_path: Path, sidecar: str) -> None:
    sources = sources_with(
        tmp_path,
        {
            "article.txt": ARTICLE,
            sidecar: "editorial: test\narticles:\n  - title: Another Article\n    id: from-the-sidecar\n",
        },
    )
    result = build_with_the_good_one(tmp_path, sources)
    assert messages(result) == []
    assert "from-the-sidecar" in {d.id for d in result.documents}


def test_two_sidecars_and_a_sidecar_of_no_source(tmp_path: Path) -> None:
    sources = sources_with(
        tmp_path,
        {
            "article.txt": ARTICLE,
            "article.yml": "editorial: test\n",
            "article.YAML": "editorial: test\n",
            "orphan.yml": "editorial: test\n",
        },
    )
    result = build_with_the_good_one(tmp_path, sources)
    assert messages(result) == [
        f"{sources / 'article.txt'}: error: two editorial sidecars: article.YAML and article.yml; keep one; not read",
        f"{sources / 'orphan.yml'}: warning: YAML file that belongs to no source (none is named orphan.*)",
    ]


# --- editorial YAML ------------------------------------------------------------


def sidecar_of_article(tmp_path: Path, yaml_text: str | bytes) -> tuple[Path, BuildResult]:
    sources = sources_with(tmp_path, {"article.txt": ARTICLE, "article.yml": yaml_text})
    return sources, build_with_the_good_one(tmp_path, sources)


@pytest.mark.parametrize("where", ["value", "key", "date"])
def test_a_number_of_4000_digits_is_quoted_short(tmp_path: Path, where: str) -> None:
    number = "0x" + "f" * 4000
    yaml_text = {
        "value": f"editorial: test\nkind: {number}\n",
        "key": f"editorial: test\n? {number}\n: 1\n",
        "date": f"editorial: test\narticles:\n  - title: Another Article\n    date: {number}\n",
    }[where]
    sources, result = sidecar_of_article(tmp_path, yaml_text)
    message = only_problem(result)
    assert message.startswith(f"{sources / 'article.yml'}:")
    if where == "key":  # a key is kept as written, and quoted cut short
        assert "unknown key '0xfff" in message and ("..." in message or "…" in message)
    else:
        assert "<a number of about 4817 digits>" in message
    assert len(message) < len(str(sources)) + 200


def test_a_decimal_number_too_long_for_python_is_an_error(tmp_path: Path) -> None:
    sources, result = sidecar_of_article(tmp_path, "editorial: test\nkind: " + "9" * 5000 + "\n")
    message = only_problem(result)
    assert message.startswith(f"{sources / 'article.yml'}: error: invalid YAML: Exceeds the limit")
    assert len(message) < len(str(sources)) + 300


BILLION_LAUGHS = """editorial: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


def test_an_alias_bomb_is_refused(tmp_path: Path) -> None:
    sources, result = sidecar_of_article(tmp_path, BILLION_LAUGHS)
    assert only_problem(result) == (
        f"{sources / 'article.yml'}:1: error: invalid YAML: "
        "anchors and aliases (&name, *name) are not allowed in editorial YAML"
    )


@pytest.mark.parametrize("pure_python", [False, True])
@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (BILLION_LAUGHS, 1, "anchors and aliases (&name, *name) are not allowed in editorial YAML"),
        (
            "editorial: test\nnote: *undefined\n",
            2,
            "anchors and aliases (&name, *name) are not allowed in editorial YAML",
        ),
        ("editorial: test\nnested: " + "[" * 100_000 + "]" * 100_000 + "\n", 2, "nested more than 32 levels deep"),
        (
            "editorial: test\nnested:\n" + "".join(" " * i + "- \n" for i in range(1, 60)),
            34,
            "nested more than 32 levels deep",
        ),
    ],
)
def test_both_yaml_loaders_refuse_aliases_and_deep_nesting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pure_python: bool, text: str, line: int, problem: str
) -> None:
    if pure_python:  # as on a machine without libyaml
        monkeypatch.setattr(datafile, "_FastLineLoader", datafile._LineLoader)
    path = tmp_path / "data.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        datafile.load_yaml(path)
    assert str(raised.value) == f"{path}:{line}: invalid YAML: {problem}"


def test_a_yaml_file_over_the_size_limit_is_not_parsed(tmp_path: Path) -> None:
    big = "editorial: test\nnote: " + "x" * datafile.MAX_YAML_BYTES + "\n"
    sources, result = sidecar_of_article(tmp_path, big)
    assert only_problem(result).startswith(f"{sources / 'article.yml'}: error: too large: 4,194,3")


def test_a_sidecar_that_is_not_utf8(tmp_path: Path) -> None:
    sources, result = sidecar_of_article(tmp_path, b"editorial: test\nnote: caf\xe9\n")
    assert only_problem(result) == (
        f"{sources / 'article.yml'}:2: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    )


@pytest.mark.parametrize(
    ("yaml_text", "line", "message"),
    [
        (
            'editorial: test\narticles:\n  - title: "Another\\0Article"\n',
            3,
            "article: 'title' contains the control character U+0000 (at position 8)",
        ),
        (
            'editorial: test\narticles:\n  - title: Another Article\n    note: "bell \\a here"\n',
            4,
            "article: 'note' contains the control character U+0007 (at position 6)",
        ),
        (
            'editorial: test\ncorrections:\n  - original: prose\n    corrected: "pro\\x1b[31mse"\n',
            4,
            "correction: 'corrected' contains the control character U+001B (at position 4)",
        ),
        (
            'editorial: test\narticles:\n  - title: "Another \\ud800Article"\n',
            3,
            "article: 'title' contains the control character U+D800 (at position 9)",
        ),
        (b"editorial: test\nkind: art\x00icle\n", 2, "invalid YAML: character U+0000 is not allowed in a YAML file"),
        (
            "editorial: test\n? [a, b]\n: 1\n",
            2,
            "invalid YAML: a list or mapping as a key",
        ),
    ],
)
def test_control_characters_in_editorial_text(tmp_path: Path, yaml_text: str | bytes, line: int, message: str) -> None:
    sources, result = sidecar_of_article(tmp_path, yaml_text)
    assert only_problem(result) == f"{sources / 'article.yml'}:{line}: error: {message}"


# --- glossary ------------------------------------------------------------------


def glossary_file(tmp_path: Path, entry: str) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "glossary.yml").write_text(
        "editorial: test\nentries:\n  - id: good\n    name: Good\n    kind: term\n    definition: fine.\n" + entry,
        encoding="utf-8",
    )
    return data


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            '  - id: bad\n    name: Bad\n    kind: term\n    definition: "a NUL \\0 here"\n',
            ":10: glossary entry: 'definition' contains the control character U+0000 (at position 7)",
        ),
        (
            '  - id: bad\n    name: Bad\n    kind: term\n    definition: fine.\n    aliases: ["B\\x07d"]\n',
            ":11: 'aliases' contains the control character U+0007 (at position 2)",
        ),
        (
            f"  - id: bad\n    name: Bad\n    kind: term\n    definition: fine.\n    aliases: [{'B' * 500}]\n",
            f":11: aliases: '{'B' * 37}...{'B' * 38}' is longer than 200 characters",
        ),
    ],
)
def test_bad_glossary_text_names_file_and_line(tmp_path: Path, entry: str, message: str) -> None:
    data = glossary_file(tmp_path, entry)
    with pytest.raises(DataError) as raised:
        load_glossary(data / "glossary.yml")
    assert str(raised.value) == f"{data / 'glossary.yml'}{message}"
    # A broken glossary stops the run (README: "Glossary and timeline"), by an error
    # naming file:line that the command line prints, not by a traceback.
    sources = sources_with(tmp_path, {})
    with pytest.raises(DataError):
        build(sources, tmp_path / "out", data)


def test_the_matcher_is_built_without_recursion() -> None:
    long_form = "x" * 20_000
    assert _trie_pattern([long_form, "xy"]) == "x(?:" + "x" * 19_999 + "|y)"
    # Forms nested in one another as deep as the glossary allows compile and match.
    forms = ["a" * n for n in range(1, 201)]
    entries = tuple(Entry(id=f"e{n}", name=form, kind="term", definition="d") for n, form in enumerate(forms))
    matcher = Matcher(Glossary(entries))
    assert [(start, end) for start, end, _ in matcher.find("b " + "a" * 150 + " b")] == [(2, 152)]


# --- messages ------------------------------------------------------------------


def test_a_file_name_cannot_forge_a_line_of_the_report(tmp_path: Path) -> None:
    sources = sources_with(tmp_path, {"x\nerror: forged\x1b[2K.txt": ""})
    result = build_with_the_good_one(tmp_path, sources)
    assert only_problem(result) == f"{sources}/x\\x0aerror: forged\\x1b[2K.txt: error: empty file: nothing to publish"


class _Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def test_quoted_is_short_and_never_raises() -> None:
    nested: list[object] = []
    for _ in range(10_000):
        nested = [nested]
    shared = ["lol"] * 9
    for _ in range(30):
        shared = [shared] * 9  # 9**30 strings once expanded
    for value in (16**4000, -(10**5000), "x" * 10**6, b"y" * 10**6, nested, shared, {"k": shared}, _Unprintable()):
        text = quoted(value)
        assert len(text) <= 80, text
    assert quoted(16**4000) == "<a number of about 4817 digits>"
    assert quoted("abc") == "'abc'"
    assert quoted(_Unprintable()).startswith("<_Unprintable")


def test_describe_never_raises() -> None:
    class Huge(Exception):
        def __str__(self) -> str:
            return str(10**5000)  # raises ValueError

    assert describe(Huge()) == "Huge: (no message)"
    assert len(describe(ValueError("z" * 10_000))) == 200
