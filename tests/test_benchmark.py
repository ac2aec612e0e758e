"""The benchmark's generator, measurements and command, at a tiny size so they cannot rot.

Nothing here is timed and no figure is checked against a target: the benchmark
itself is `scripts/benchmark.py`, its results are in docs/benchmark.md. The tests
marked `corpus` are skipped when the Cablegate corpus is absent
(`../shared/corpus/cablegate-2010/` or $EDITION_CORPUS).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarking.corpus import make_corpus
from benchmarking.editloop import EditLoop, edited, measure_edit_loop, token
from benchmarking.measure import proc_available, run_child
from benchmarking.report import to_json, to_markdown
from benchmarking.runner import Measurement
from conftest import ROOT, build_site
from edition.readers.cable import CableReader
from edition.sources import read_source

MIB = 1024 * 1024
CORPUS = Path(os.environ.get("EDITION_CORPUS", ROOT.parent / "shared" / "corpus" / "cablegate-2010"))
REAL = 4  # real cables used: every cable after them is generated
SIZE = 12


@pytest.fixture(autouse=True)
def _corpus_present(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("corpus") and not CORPUS.is_dir():
        pytest.skip(f"Cablegate corpus not found at {CORPUS}; set EDITION_CORPUS to run the benchmark tests")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _generated(folder: Path) -> list[Path]:
    real = {p.name for p in sorted(CORPUS.glob("*.txt"))[:REAL]}
    seeds = {p.name for p in (ROOT / "seeds").iterdir()}
    return [p for p in sorted(folder.iterdir()) if p.name not in real | seeds]


@pytest.mark.corpus
def test_generator_is_deterministic_and_extends_smaller_corpora(tmp_path: Path) -> None:
    first = make_corpus(tmp_path / "a", SIZE, CORPUS, ROOT / "seeds", real_limit=REAL)
    make_corpus(tmp_path / "b", SIZE, CORPUS, ROOT / "seeds", real_limit=REAL)
    make_corpus(tmp_path / "small", SIZE - 3, CORPUS, ROOT / "seeds", real_limit=REAL)
    assert (first.real, first.generated) == (REAL, SIZE - REAL)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    small = _files(tmp_path / "small")
    assert small.items() <= _files(tmp_path / "a").items()


@pytest.mark.corpus
def test_generated_cables_are_distinct_cables_that_cite_each_other(tmp_path: Path) -> None:
    make_corpus(tmp_path / "corpus", SIZE, CORPUS, ROOT / "seeds", real_limit=REAL)
    generated = _generated(tmp_path / "corpus")
    assert len(generated) == SIZE - REAL
    texts = [p.read_text(encoding="utf-8") for p in generated]
    assert len(set(texts)) == len(texts)
    real_texts = {p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:REAL]}
    assert not real_texts & set(texts)

    reader = CableReader()
    ids = {p.stem for p in generated}
    cited = set()
    for path in generated:
        source, _ = read_source(path)
        assert reader.detect(source), path.name
        warnings: list[str] = []
        [cable] = reader.read(source, lambda line, message, w=warnings: w.append(f"{line}: {message}"))
        assert cable.id == path.stem, warnings
        assert cable.date and cable.subject and cable.classification and cable.tags, path.name
        assert sum(1 for b in cable.blocks if b.kind == "paragraph" and b.number) >= 3, path.name
        for reference in cable.references:
            assert reference.cable_id in ids - {cable.id}, (path.name, reference)
            cited.add(reference.cable_id)
    assert cited, "no generated cable cites another"


@pytest.mark.corpus
def test_benchmark_command_writes_json_and_markdown(tmp_path: Path) -> None:
    command = [
        sys.executable,
        str(ROOT / "scripts" / "benchmark.py"),
        "--sizes",
        f"5,{SIZE}",
        "--real-limit",
        str(REAL),
        "--corpus",
        str(CORPUS),
        "--out",
        str(tmp_path / "work"),
        "--json",
        str(tmp_path / "results.json"),
        "--markdown",
        str(tmp_path / "results.md"),
        "--runs",
        "2",  # every build twice, the median kept
        "--material-limit",
        "5",  # above: no build with Material's search
    ]
    # Pagefind, as a large edition gets it: our site is then also built with Material's search.
    env = dict(os.environ, EDITION_SEARCH="pagefind")
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # not a terminal: no progress lines

    report = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert set(report["machine"]) >= {"cpus", "cpu_model", "python", "mkdocs", "mkdocs_material"}
    assert [row["size"] for row in report["results"]] == [5, SIZE]
    for row in report["results"]:
        for key in (
            "documents",
            "preprocess_s",
            "build_s",
            "plain_s",
            "build_peak_bytes",
            "build_largest_process_bytes",
            "html_bytes_per_page",
            "search_index_bytes",
            "site_bytes",
            "preprocess_share",
            "build_ratio",
            "index_per_text",
            "ms_per_document",
        ):
            assert row[key] > 0, key
        assert row["documents"] == row["size"] + 3  # and the seeds: a cable and two articles
        assert row["search_engine"] == "pagefind" and row["runs"] == 2
        assert row["build_peak_bytes"] >= row["build_largest_process_bytes"]
    small, large = report["results"]
    assert small["build_material_s"] > 0 and not small["build_material_skipped"]
    assert large["build_material_s"] is None and large["build_material_skipped"]
    assert large["generated"] == SIZE - REAL
    assert report["edit_loop"] == []

    markdown = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| cables | documents | preprocess s |" in markdown
    assert "| 12 (8 generated) |" in markdown
    assert "| pagefind | n/a |" in markdown
    assert "Times are the median (the lower middle one) of 2 runs of each build." in markdown

    # The generated cables are cross-linked in the built edition.
    site = tmp_path / "work" / f"n{SIZE}" / "ours" / "site"
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    not_generated = set(os.listdir(CORPUS)) | set(os.listdir(ROOT / "seeds"))
    generated = {d["id"] for d in catalogue["documents"] if d["source"] not in not_generated}
    citing = [d for d in catalogue["documents"] if d["id"] in generated and d.get("references")]
    assert citing
    cited = citing[0]["references"][0]["cable_id"]
    assert citing[0]["id"] in (site / "documents" / cited / "index.html").read_text(encoding="utf-8")


@pytest.mark.corpus
@pytest.mark.browser
def test_search_measurement_runs_on_the_built_site(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Not a timing test: the search benchmark's measurement works end to end."""
    from benchmarking.search import measure, served

    with served(site) as url:
        timing = measure(url, "material", "Vostok-E", browser)
    assert timing.engine == "material" and timing.first_result_s > 0
    # Material's whole index had come by its first result, compressed as served.
    index = len(gzip.compress((site / "search" / "search_index.json").read_bytes(), 6, mtime=0))
    assert timing.first_result_bytes >= index


def test_the_benchmark_serves_text_compressed_as_github_pages_does(tmp_path: Path) -> None:
    import urllib.request

    from benchmarking.search import served

    script, wasm = "const answer = 42\n" * 200, bytes(range(256)) * 4
    (tmp_path / "app.js").write_text(script, encoding="utf-8")
    (tmp_path / "wasm.en.pagefind").write_bytes(wasm)
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "index.html").write_text("<p>search</p>", encoding="utf-8")
    with served(tmp_path) as url:

        def get(path: str) -> tuple[str | None, bytes]:
            request = urllib.request.Request(url + path, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                return response.headers.get("Content-Encoding"), response.read()

        encoding, body = get("app.js")
        assert encoding == "gzip" and gzip.decompress(body).decode("utf-8") == script and len(body) < len(script)
        assert get("wasm.en.pagefind") == (None, wasm)
        encoding, body = get("search/?q=Baku")
        assert encoding == "gzip" and gzip.decompress(body) == b"<p>search</p>"


@pytest.mark.corpus
@pytest.mark.browser
def test_documents_index_measurement_runs_on_the_built_site(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Not a timing test: the documents index measurement works end to end."""
    from benchmarking.search import measure_index, served

    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    with served(site) as url:
        timing = measure_index(site, url, browser)
    assert timing.rows == len(catalogue["documents"])
    assert timing.compressed_bytes < timing.html_bytes and timing.interactive_s > 0


@pytest.mark.corpus
@pytest.mark.browser
def test_the_benchmark_runs_its_own_chromium(site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """As scripts/benchmark_search.py runs it, with a Chromium of its own: in a child
    process, since this one already drives the tests' browser."""
    code = (
        "import sys\nfrom pathlib import Path\nfrom benchmarking.search import measure_index, served\n"
        "site = Path(sys.argv[1])\nwith served(site) as url:\n    print(measure_index(site, url).rows)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(site)], cwd=ROOT / "scripts", capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert int(run.stdout) == len(catalogue["documents"])


# A child holding 50 MiB that starts a grandchild holding 100 MiB and waits for it.
_TWO_GENERATIONS = """
import subprocess, sys
held = b"\\x01" * (90 << 20)
subprocess.run([sys.executable, "-c", "import time; held = b'\\x01' * (100 << 20); time.sleep(2)"], check=True)
"""


def test_peak_memory_is_the_sum_over_the_process_tree(tmp_path: Path) -> None:
    if not proc_available():
        pytest.skip("no /proc: only the largest process is measured")
    run = run_child([sys.executable, "-c", _TWO_GENERATIONS], tmp_path, dict(os.environ), tmp_path / "log")
    assert run.returncode == 0, run.output
    assert run.tree_peak_bytes is not None
    # wait4 reports the largest process, the grandchild; the samples (every 50 ms for
    # the 2 s it holds its memory) see both at once, 90 MiB more than it alone.
    assert run.largest_process_bytes > 100 * MIB
    assert run.tree_peak_bytes > run.largest_process_bytes + 40 * MIB
    assert run.peak_bytes == run.tree_peak_bytes


def test_edit_goes_to_the_first_numbered_paragraph() -> None:
    cable = "SUBJECT: A SUBJECT\r\n\r\nSummary line \r\n\r\n¶1. (C) First paragraph,\r\nwrapped.\r\n\r\n2. Next.\r\n"
    assert edited(cable, "w") == cable.replace("First paragraph,", "First paragraph, w")
    assert edited("x\n 1. One\n", "w") == "x\n 1. One w\n"
    assert edited("SUBJECT: S\n\nText\nmore\n", "w") == "SUBJECT: S\n\nText w\nmore\n"
    with pytest.raises(ValueError):
        edited("no paragraph\n", "w")
    assert token(1) not in token(11)


def _measurement(**changes: object) -> Measurement:
    figures: dict[str, object] = {name: 1 for name in Measurement.__dataclass_fields__}
    figures |= {"build_reported_s": None, "plain_reported_s": None, "build_material_s": None}
    figures |= {"search_engine": "material", "build_material_skipped": False, "tree_memory": True}
    return Measurement(**(figures | changes))  # type: ignore[arg-type]


def test_report_shows_a_skipped_material_build_and_the_edit_loop() -> None:
    rows = [
        _measurement(size=1000, search_engine="pagefind", build_material_s=2.0),
        _measurement(size=10000, search_engine="pagefind", build_material_skipped=True),
    ]
    loops = [EditLoop(100, 103, "a.txt", "documents/a/", 4.0, (1.0, 3.0, 2.0), (1, 1, 1))]
    markdown = to_markdown(
        rows, {"cpus": 2, "cpu_model": "x", "system": "y", "python": "3", "mkdocs": "1", "mkdocs_material": "9"}, loops
    )
    assert "| 2.00 (2.00×) |" in markdown and "| n/a |" in markdown
    assert "### Edit loop: save to page served" in markdown
    assert "| N | median s | max s | runs |" in markdown and "| 100 | 2.00 | 3.00 | 3 |" in markdown
    report = json.loads(to_json(rows, {}, loops))
    assert [row["build_material_s"] for row in report["results"]] == [2.0, None]
    assert report["edit_loop"][0]["median_s"] == 2.0 and report["edit_loop"][0]["max_s"] == 3.0


@pytest.mark.corpus
def test_edit_loop_serves_the_edited_page(tmp_path: Path) -> None:
    work = tmp_path / "edit"
    loop = measure_edit_loop(10, work, CORPUS, ROOT / "seeds", runs=2)
    assert loop.runs == 2 and all(seconds > 0 for seconds in loop.seconds)
    assert loop.documents == 13 and loop.page.startswith("documents/")
    # The last edit is in the source and in its page as served.
    assert token(2) in (work / "corpus" / loop.source).read_text(encoding="utf-8")
    page = (work / "last-page.html").read_text(encoding="utf-8")
    assert token(2) in page and Path(loop.source).stem in page
    # Material's index as served after the edits is the one a clean build makes of them.
    assert build_site(tmp_path / "clean", work / "corpus", EDITION_SEARCH="material").returncode == 0
    clean = (tmp_path / "clean" / "site" / "search" / "search_index.json").read_bytes()
    assert (work / "last-search-index.json").read_bytes() == clean and token(2).encode() in clean
    # The server was stopped as by Ctrl-C: MkDocs removed its temporary site.
    assert (work / "serve.log").read_text(encoding="utf-8").rstrip().endswith("Shutting down...")
    assert not any((work / "tmp").iterdir())
