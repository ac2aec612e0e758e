"""The benchmark's generator and command, at a tiny size so they cannot rot.

Nothing here is timed and no figure is checked against a target: the benchmark
itself is `scripts/benchmark.py`, its results are in docs/benchmark.md. Skipped when
the Cablegate corpus is absent (`../shared/corpus/cablegate-2010/` or $EDITION_CORPUS).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarking.corpus import make_corpus
from conftest import ROOT
from edition.readers.cable import CableReader
from edition.sources import read_source

pytestmark = pytest.mark.corpus

CORPUS = Path(os.environ.get("EDITION_CORPUS", ROOT.parent / "shared" / "corpus" / "cablegate-2010"))
REAL = 4  # real cables used: every cable after them is generated
SIZE = 12


@pytest.fixture(autouse=True)
def _corpus_present() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"Cablegate corpus not found at {CORPUS}; set EDITION_CORPUS to run the benchmark tests")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _generated(folder: Path) -> list[Path]:
    real = {p.name for p in sorted(CORPUS.glob("*.txt"))[:REAL]}
    seeds = {p.name for p in (ROOT / "seeds").iterdir()}
    return [p for p in sorted(folder.iterdir()) if p.name not in real | seeds]


def test_generator_is_deterministic_and_extends_smaller_corpora(tmp_path: Path) -> None:
    first = make_corpus(tmp_path / "a", SIZE, CORPUS, ROOT / "seeds", real_limit=REAL)
    make_corpus(tmp_path / "b", SIZE, CORPUS, ROOT / "seeds", real_limit=REAL)
    make_corpus(tmp_path / "small", SIZE - 3, CORPUS, ROOT / "seeds", real_limit=REAL)
    assert (first.real, first.generated) == (REAL, SIZE - REAL)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    small = _files(tmp_path / "small")
    assert small.items() <= _files(tmp_path / "a").items()


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
        assert row["search_engine"] == "pagefind" and row["build_material_s"] > 0
        assert row["runs"] == 2
    assert report["results"][1]["generated"] == SIZE - REAL

    markdown = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| cables | documents | preprocess s |" in markdown
    assert "| 12 (8 generated) |" in markdown
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


@pytest.mark.browser
def test_search_measurement_runs_on_the_built_site(site: Path) -> None:
    """Not a timing test: the search benchmark's measurement works end to end."""
    import shutil as _shutil

    from benchmarking.search import CHROMIUM, measure

    if not Path(CHROMIUM).exists() and not _shutil.which("chromium"):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    timing = measure(site, "material", "Vostok-E")
    assert timing.engine == "material" and timing.first_result_s > 0
    assert timing.search_bytes > 1000  # at least the search index was fetched


@pytest.mark.browser
def test_documents_index_measurement_runs_on_the_built_site(site: Path) -> None:
    """Not a timing test: the documents index measurement works end to end."""
    from benchmarking.search import CHROMIUM, measure_index

    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    timing = measure_index(site)
    assert timing.rows == len(catalogue["documents"])
    assert timing.compressed_bytes < timing.html_bytes and timing.interactive_s > 0
