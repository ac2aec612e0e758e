"""The output is safe whatever the sources are called and whatever happens while it
is written: sources are published as plain text under short, valid UTF-8, unique
names; a target that cannot be written is a problem naming it; Ctrl-C leaves the
previous output or the new one, never a mix; a second build waits for the first."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from edition import cli, filenames, output
from edition.build import build
from edition.filenames import MAX_NAME_BYTES, published_source_name
from test_determinism import snapshot

BAD = Path(__file__).parent / "bad"
PREPROCESS = ROOT / "scripts" / "preprocess.py"
SCRIPT = "<script>document.title = 'ran from the source'</script>"
# An article: a title line, then a paragraph of prose.
ARTICLE = "{title}\n\nA paragraph of prose about the source, long enough to be read as an article. " + SCRIPT + "\n"
# Extensions a server would serve as a page, an image with scripts, a script, or
# (`.md`) that MkDocs would render.
ACTIVE = ("html", "htm", "HTML", "svg", "xml", "xhtml", "js", "mjs", "shtml")


def articles(folder: Path, *names: str) -> Path:
    folder.mkdir(exist_ok=True)
    for i, name in enumerate(names):
        (folder / name).write_text(ARTICLE.format(title=f"Article Number {i}"), encoding="utf-8")
    return folder


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


# --- the name rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("07BAKU595.txt", "07BAKU595.txt"),
        ("notes.TXT", "notes.TXT"),
        ("odd name (draft) #1 [x].txt", "odd name (draft) #1 [x].txt"),
        ("report.html", "report.html.txt"),
        ("report.html.txt", "report.html.txt"),
        ("image.svg", "image.svg.txt"),
        ("page.md", "page.md.txt"),
        ("README", "README.txt"),
        ("заметки.txt", "заметки.txt"),
    ],
)
def test_a_safe_name_is_kept_and_made_text(name: str, published: str) -> None:
    assert published_source_name(name) == published


@pytest.mark.parametrize(
    "name",
    [
        os.fsdecode(b"bad\xff.txt"),
        "ж" * 123 + ".txt",  # 250 bytes
        "x" * 251 + ".txt",
        "evil\u202etxt.html",  # a bidirectional override: reads as `evilhtml.txt`
        "line\nbreak.txt",
        "back\\slash.txt",
    ],
)
def test_an_unsafe_name_is_cut_and_hashed(name: str) -> None:
    published = published_source_name(name)
    assert published.endswith(".txt") and not published.startswith(".")
    assert len(published.encode("utf-8")) <= MAX_NAME_BYTES
    assert published.isprintable() and "/" not in published and "\\" not in published
    assert published_source_name(filenames.printable_name(name)) == published
    # Another name that reads the same once cut gets another hash.
    assert published_source_name(name + "x") != published


def test_names_too_long_keep_their_beginning() -> None:
    published = published_source_name("ж" * 123 + ".txt")
    assert published.startswith("ж" * 20)


@pytest.fixture(scope="module")
def active_sources_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (mkdocs build --strict) of sources named as active content."""
    sources = articles(tmp_path_factory.mktemp("sources"), *(f"source.{ext}" for ext in ACTIVE))
    project = tmp_path_factory.mktemp("project")
    run = build_site(project, sources)
    assert run.returncode == 0, run.stdout + run.stderr
    return project


def test_a_source_named_as_a_page_is_published_as_text(active_sources_site: Path) -> None:
    docs, site = active_sources_site / "docs", active_sources_site / "site"
    assert sorted(p.name for p in (docs / "sources").iterdir()) == sorted(f"source.{ext}.txt" for ext in ACTIVE)
    assert sorted(p.name for p in (site / "sources").iterdir()) == sorted(f"source.{ext}.txt" for ext in ACTIVE)
    for path in (site / "sources").iterdir():
        assert SCRIPT in path.read_text(encoding="utf-8")  # the copy is unchanged
    # No file the server would run comes from a source: in pages the script stands escaped.
    active = {"." + ext.lower() for ext in ACTIVE}
    for path in site.rglob("*"):
        if path.suffix.lower() in active:
            assert SCRIPT not in path.read_text(encoding="utf-8"), path
    assert (docs / output.LOCK_FILE).exists() and not (site / output.LOCK_FILE).exists()


def test_pages_and_catalogue_link_to_the_text_copy(active_sources_site: Path) -> None:
    site = active_sources_site / "site"
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    entry = next(d for d in catalogue["documents"] if d["source"] == "source.html")
    assert entry["source_url"] == "sources/source.html.txt"
    page = (site / entry["page"] / "index.html").read_text(encoding="utf-8")
    assert 'href="../../sources/source.html.txt"' in page
    assert 'href="../../sources/source.html"' not in page


# --- names that are not UTF-8, too long, or taken twice ----------------------------


def test_a_name_that_is_not_utf8_is_published_under_a_safe_name(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    bad = os.fsdecode(b"bad\xff.txt")
    try:
        (sources / bad).write_text(ARTICLE.format(title="Bad Bytes"), encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    out = tmp_path / "out"
    result = build(sources, out)
    assert not result.failed, result.problems
    [copy] = (out / "sources").iterdir()
    copy.name.encode("utf-8")  # valid UTF-8
    assert copy.name == published_source_name(bad) and copy.suffix == ".txt"
    [entry] = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert entry["source"] == "bad\\xff.txt"  # the original name, its odd byte spelled out
    assert entry["source_url"] == "sources/" + copy.name
    assert (out / "documents" / "bad-bytes.md").is_file()


def test_a_250_byte_name_is_cut_and_recorded_whole(tmp_path: Path) -> None:
    long_name = "ж" * 123 + ".txt"
    assert len(long_name.encode("utf-8")) == 250
    sources = articles(tmp_path / "sources", long_name, "short.txt")
    out = tmp_path / "out"
    result = build(sources, out)
    assert result.problems == [] and len(result.documents) == 2
    published = published_source_name(long_name)
    assert len(published.encode("utf-8")) <= MAX_NAME_BYTES
    assert (out / "sources" / published).read_bytes() == (sources / long_name).read_bytes()
    catalogue = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))["documents"]
    assert long_name in {d["source"] for d in catalogue}
    assert {d["id"] for d in catalogue} == {p.stem for p in (out / "documents").glob("article-*.md")}
    assert temporaries(out) == []


def test_long_page_names_are_written_or_reported(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    # A cable without a canonical id is named after its file: a 200-byte page name,
    # whose temporary sibling must still fit.
    shutil.copy(BAD / "cable-no-dtg.txt", sources / ("c" * 200 + ".txt"))
    # An id no file system takes.
    (sources / "a.txt").write_text(ARTICLE.format(title="Some Title"), encoding="utf-8")
    (sources / "a.yml").write_text(f"editorial: test\narticles:\n  - title: Some Title\n    id: {'a' * 300}\n")
    articles(sources, "other.txt")
    out = tmp_path / "out"
    result = build(sources, out)
    assert [str(p) for p in result.problems if p.severity == "error"] == [
        f"{sources / 'a.txt'}: error: document id {'a' * 40 + '…'!r} is 300 bytes long, more than a page name "
        "may be (200); give it a shorter `id:` in the sidecar, or rename the file; skipped"
    ]
    assert (out / "documents" / ("c" * 200 + ".md")).is_file()
    assert (out / "documents" / "article-number-0.md").is_file()
    assert not (out / "sources" / "a.txt").exists()
    assert temporaries(out) == []


def test_two_sources_published_under_one_name_are_reported(tmp_path: Path) -> None:
    sources = articles(tmp_path / "sources", "notes", "notes.txt")
    result = build(sources, tmp_path / "out")
    assert [str(p) for p in result.problems] == [
        f"{sources / 'notes.txt'}: error: would be published as sources/notes.txt, which notes already is; "
        "rename one of the two files; skipped"
    ]
    assert [d.source for d in result.documents] == ["notes"]


# --- targets in the way -----------------------------------------------------------


def test_a_folder_where_a_page_must_be_is_reported_and_the_rest_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "documents" / "07BAKU595.md").mkdir(parents=True)
    result = build(ROOT / "seeds", out)
    assert result.failed
    assert [str(p) for p in result.problems] == [
        f"{out / 'documents' / '07BAKU595.md'}: error: not written: a folder stands where this file must be; remove it"
    ]
    assert (out / "documents" / "07BAKU595.md").is_dir()
    assert (out / "documents" / "belarusian-defence-industry-recovers.md").is_file()
    assert (out / "catalogue.json").is_file() and (out / "sources" / "000_38d8196d0b9cec23.txt").is_file()
    assert temporaries(out) == []


def test_a_file_where_a_folder_must_be_is_reported_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents").write_text("not a folder")
    result = build(ROOT / "seeds", out)
    assert [str(p) for p in result.problems] == [
        f"{out / 'documents'}: error: a file stands where a folder must be; remove it (4 file(s) inside not written)"
    ]
    assert (out / "documents").read_text() == "not a folder"
    assert (out / "index.md").is_file() and (out / "sources").is_dir()


def test_temporaries_of_a_killed_run_are_cleared(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(ROOT / "seeds", out)
    left = [out / "documents" / ".edition-99999-0.tmp", out / ".edition-99999-1.tmp"]
    for path in left:
        path.write_text("half")
    result = build(ROOT / "seeds", out)
    assert result.written == [] and result.removed == []
    assert not any(path.exists() for path in left)


# --- Ctrl-C and failures while writing ---------------------------------------------


@pytest.fixture
def old_and_new(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """(changed sources, output holding the old build, old files, new files)."""
    out = tmp_path / "out"
    build(ROOT / "seeds", out)
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    (sources / "004_1b630a0dc0de4d44.yml").unlink()  # changes the articles' pages
    (sources / "000_38d8196d0b9cec23.txt").unlink()  # removes the cable
    articles(sources, "new.txt")
    build(sources, tmp_path / "expected")
    old, new = snapshot(out), snapshot(tmp_path / "expected")
    assert old != new
    return sources, out, old, new


def test_ctrl_c_while_staging_leaves_the_old_output(old_and_new, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    sources, out, old, _ = old_and_new
    written = []
    write_bytes = Path.write_bytes

    def interrupted(path: Path, data: bytes) -> int:
        written.append(path)
        if len(written) == 3:
            raise KeyboardInterrupt
        return write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(sources, out)
    assert snapshot(out) == old
    assert temporaries(out) == []


def test_disk_full_while_staging_leaves_the_old_output(old_and_new, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    sources, out, old, _ = old_and_new
    write_bytes = Path.write_bytes
    calls = []

    def full(path: Path, data: bytes) -> int:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(output.EditionError, match="No space left on device; nothing was changed"):
        build(sources, out)
    assert snapshot(out) == old
    assert temporaries(out) == []


def ctrl_c_on_second_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real SIGINT, as Ctrl-C sends it, arrives in the middle of the renames."""
    replace = os.replace
    calls = []

    def interrupted(source, target) -> None:  # type: ignore[no-untyped-def]
        calls.append(target)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGINT)
        replace(source, target)

    monkeypatch.setattr(output.os, "replace", interrupted)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_while_replacing_completes_the_new_output(old_and_new, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    sources, out, _, new = old_and_new
    ctrl_c_on_second_rename(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        build(sources, out)
    assert snapshot(out) == new
    assert temporaries(out) == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_in_the_mkdocs_hook_leaves_docs_whole(old_and_new, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from test_hooks import load_hooks

    sources, out, _, new = old_and_new
    monkeypatch.setenv("EDITION_SOURCES", str(sources))
    hooks = load_hooks()
    monkeypatch.setattr(hooks, "_data", lambda config: None)
    config = SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"),
        docs_dir=str(out),
        site_name="Annotated Edition",
        site_url="",
        use_directory_urls=True,
    )
    ctrl_c_on_second_rename(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        hooks.on_pre_build(config)
    assert snapshot(out) == new
    assert temporaries(out) == []


def test_cli_ctrl_c_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build", interrupted)
    assert cli.main(["--out", "/nonexistent/out"]) == 130
    captured = capsys.readouterr()
    assert captured.err == "interrupted: /nonexistent/out holds the previous build or this one, whole\n"
    assert captured.out == ""


# --- one build at a time ------------------------------------------------------------


def hold_lock(out: Path):  # type: ignore[no-untyped-def]
    import fcntl  # not on Windows, where builds are not locked

    out.mkdir(parents=True, exist_ok=True)
    handle = open(out / output.LOCK_FILE, "ab")  # noqa: SIM115 - closed by the caller
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


@pytest.mark.skipif(sys.platform == "win32", reason="builds are not locked on Windows")
def test_a_second_build_waits_for_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    handle = hold_lock(out)
    waiting = threading.Event()
    monkeypatch.setattr(output, "say_waiting", lambda folder: waiting.set())
    results = []
    second = threading.Thread(target=lambda: results.append(build(ROOT / "seeds", out)))
    second.start()
    try:
        assert waiting.wait(timeout=60)
        second.join(timeout=0.5)
        assert second.is_alive() and not (out / "documents").exists()
    finally:
        handle.close()  # releases the lock
    second.join(timeout=60)
    assert not second.is_alive()
    assert not results[0].failed and (out / "documents" / "07BAKU595.md").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_command_line_says_it_waits_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    out = tmp_path / "out"
    handle = hold_lock(out)
    try:
        run = subprocess.Popen(
            [sys.executable, str(PREPROCESS), "--sources", str(ROOT / "seeds"), "--out", str(out)],
            stderr=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert run.stderr is not None
        line = run.stderr.readline()
        assert line == f"{out}: waiting for another build of this edition to finish…\n"
        run.send_signal(signal.SIGINT)
        stdout, stderr = run.communicate(timeout=60)
    finally:
        handle.close()
    assert run.returncode == 130
    assert stderr == f"interrupted: {out} holds the previous build or this one, whole\n"
    assert stdout == "" and not (out / "documents").exists()
