"""Bad input gets a clear error naming file (and line); good documents still build;
the exit code says that something failed; a failed run leaves the old output intact."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from edition import build as build_module
from edition.build import build

BAD = Path(__file__).parent / "bad"
PREPROCESS = ROOT / "scripts" / "preprocess.py"

# file -> (line or None, message), exactly as reported.
EXPECTED = {
    "empty.txt": (None, "error: empty file: nothing to publish"),
    "blank.txt": (None, "error: empty file: nothing to publish"),
    "binary.txt": (1, "error: binary file (contains NUL bytes): not a text source"),
    "unknown-kind.txt": (None, "error: unknown kind of document: neither a cable"),
    "broken-sidecar.txt": (4, "error: unknown key 'colour' in article"),
    "bad-yaml.txt": (3, "error: invalid YAML: expected the node content, but found '-'"),
}


def sources_with(tmp_path: Path, bad: str) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    for path in BAD.glob(Path(bad).stem + ".*"):
        shutil.copy(path, sources / path.name)
    return sources


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_source_is_reported_and_the_rest_builds(name: str, tmp_path: Path) -> None:
    sources = sources_with(tmp_path, name)
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(PREPROCESS), "--sources", str(sources), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    line, message = EXPECTED[name]
    # A broken sidecar is reported at the YAML file's line, a bad source at its own.
    broken_yaml = (sources / name).with_suffix(".yml")
    where = str(broken_yaml if broken_yaml.exists() else sources / name)
    prefix = f"{where}:{line}: " if line else f"{where}: "
    assert prefix + message in run.stderr, run.stderr
    assert run.stderr.count("error:") == 1, run.stderr
    assert "Traceback" not in run.stderr
    # The good documents were written all the same.
    assert "2 articles, 1 cable" in run.stdout
    assert (out / "documents" / "07BAKU595.md").is_file()


def test_duplicate_document_id_is_an_error_naming_both_files(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    shutil.copy(ROOT / "seeds" / "000_38d8196d0b9cec23.txt", sources / "zz-copy.txt")
    result = build(sources, tmp_path / "out")
    assert result.failed
    messages = [str(p) for p in result.problems if p.severity == "error"]
    assert messages == [
        f"{sources / 'zz-copy.txt'}: error: document id '07BAKU595' is already used by 000_38d8196d0b9cec23.txt; skipped"
    ]
    assert len(result.documents) == 3


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failing_run_leaves_the_previous_output_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(ROOT / "seeds", out)
    before = snapshot(out)
    assert "documents/07BAKU595.md" in before

    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    (sources / "004_1b630a0dc0de4d44.yml").unlink()  # the run would change pages
    rendered = []

    def render_then_fail(document, context):  # type: ignore[no-untyped-def]
        rendered.append(document.id)
        if len(rendered) == 2:
            raise RuntimeError("disk full")
        return "changed page"

    monkeypatch.setattr(build_module.render, "render_document", render_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        build(sources, out)
    assert snapshot(out) == before


def test_pages_without_a_source_are_removed(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    out = tmp_path / "out"
    build(sources, out)
    for path in sources.glob("004_*"):
        path.unlink()
    result = build(sources, out)
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["07BAKU595.md", "index.md"]
    assert "documents/belarusian-defence-industry-recovers.md" in result.removed
    assert not (out / "sources" / "004_1b630a0dc0de4d44.txt").exists()


def test_a_reader_bug_is_reported_and_the_other_sources_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edition.readers.cable import CableReader

    def broken(self, source, warn):  # type: ignore[no-untyped-def]
        raise KeyError(4)

    monkeypatch.setattr(CableReader, "read", broken)
    result = build(ROOT / "seeds", tmp_path / "out")
    assert [str(p) for p in result.problems] == [
        f"{ROOT / 'seeds' / '000_38d8196d0b9cec23.txt'}: error: could not be read: internal error KeyError: 4 "
        "(please report this file)"
    ]
    assert sorted(d.kind for d in result.documents) == ["article", "article"]


def test_a_cache_rereads_only_the_sources_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from edition.build import BuildCache

    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    cache = BuildCache()
    first = build(sources, tmp_path / "out", cache=cache)
    read = []
    original = build_module.read_file
    monkeypatch.setattr(build_module, "read_file", lambda path: read.append(path.name) or original(path))
    again = build(sources, tmp_path / "out", cache=cache)
    assert read == [] and [d.id for d in again.documents] == [d.id for d in first.documents]
    # Changed in place, its size and modification time kept (as some tools keep
    # them): the change time still tells.
    cable = sources / "000_38d8196d0b9cec23.txt"
    before = cable.stat()
    cable.write_text(cable.read_text(encoding="utf-8").replace("DERSE", "DOYLE"), encoding="utf-8")
    os.utime(cable, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (cable.stat().st_size, cable.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    changed = build(sources, tmp_path / "out", cache=cache)
    assert read == ["000_38d8196d0b9cec23.txt"]
    assert next(d for d in changed.documents if d.kind == "cable").signer == "DOYLE"


def test_a_document_may_not_take_the_documents_index_page(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text("Index\n\nAn article whose title would make it the page documents/index.md.\n")
    result = build(sources, tmp_path / "out")
    assert [str(p) for p in result.problems] == [
        f"{sources / 'a.txt'}: error: document id 'index' names a page of the edition itself; "
        "give it an `id:` in the sidecar"
    ]
    assert "Documents" in (tmp_path / "out" / "documents" / "index.md").read_text(encoding="utf-8")


def test_odd_inputs_give_pages_or_clear_errors(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    # A cable without a canonical id is named after its file, made safe for a URL.
    shutil.copy(BAD / "cable-no-dtg.txt", sources / "my cable (draft) #1.txt")
    # A first line too long for a title and without spaces.
    (sources / "long.txt").write_text("x" * 500 + "\n\nA paragraph of prose that follows the long line here.\n")
    # Corrections that leave no text.
    (sources / "gone.txt").write_text("x\n")
    (sources / "gone.yml").write_text(
        "editorial: test\nkind: article\ncorrections:\n  - {original: x, corrected: ''}\n"
    )
    result = build(sources, tmp_path / "out")
    ids = sorted(d.id for d in result.documents)
    assert "my-cable-draft-1" in ids
    long_title = next(d.title for d in result.documents if d.source == "long.txt")
    assert long_title == "x" * 80 + " …"
    errors = [str(p) for p in result.problems if p.severity == "error"]
    assert errors == [f"{sources / 'gone.txt'}: error: no text left after the editorial corrections"]
    cable = (tmp_path / "out" / "documents" / "my-cable-draft-1.md").read_text(encoding="utf-8")
    date_line = next(line for line in cable.splitlines() if line.startswith('<tr><th scope="row">Date</th>'))
    assert date_line.count("(approximate)") <= 1
