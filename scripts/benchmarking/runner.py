"""One benchmark size measured end to end, every build in a child process:
corpus, preprocessing alone, our `mkdocs build`, the plain `mkdocs build`."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from .corpus import make_corpus
from .measure import Run, run_child, site_size
from .sites import ROOT, environment, mkdocs_build, our_project, plain_project

PREP_CHILD = Path(__file__).resolve().parent / "prep_child.py"
Item = TypeVar("Item")


@dataclass(frozen=True)
class Measurement:
    """What one size gave. Times are wall seconds of the child process (interpreter
    start-up included) unless named `*_reported_s` (MkDocs's own figure)."""

    size: int  # cables asked for (seed documents come on top)
    real: int
    generated: int
    documents: int  # documents the edition built (seed articles included)
    text_bytes: int
    preprocess_s: float  # the `edition.build.build` call alone
    preprocess_peak_bytes: int  # peak memory: the child's and its descendants', summed (measure.Run)
    build_s: float
    build_reported_s: float | None
    build_peak_bytes: int
    build_largest_process_bytes: int  # the largest single process of our build (MkDocs or Pagefind)
    build_warnings: int
    search_engine: str  # of our build: Material's search, or Pagefind (automatic above a size)
    build_material_s: float | None  # our build with Material's search forced, when it chose Pagefind
    build_material_skipped: bool  # that build was not run: the corpus is above the material limit
    plain_s: float
    plain_reported_s: float | None
    plain_peak_bytes: int
    html_bytes_per_page: float
    plain_html_bytes_per_page: float
    search_index_bytes: int
    plain_search_index_bytes: int
    site_bytes: int
    plain_site_bytes: int
    runs: int  # times each build was timed (the median is kept)
    tree_memory: bool  # peaks are process trees' sums; False: the largest process only (no /proc)

    @property
    def preprocess_share(self) -> float:
        return self.preprocess_s / self.build_s

    @property
    def build_ratio(self) -> float:
        return self.build_s / self.plain_s

    @property
    def index_per_text(self) -> float:
        return self.search_index_bytes / self.text_bytes

    @property
    def ms_per_document(self) -> float:
        return 1000 * self.build_s / self.documents

    @property
    def plain_ms_per_document(self) -> float:
        return 1000 * self.plain_s / self.documents

    def as_dict(self) -> dict[str, object]:
        ratios = ("preprocess_share", "build_ratio", "index_per_text", "ms_per_document", "plain_ms_per_document")
        return {**asdict(self), **{name: getattr(self, name) for name in ratios}}


MATERIAL_LIMIT = 3000  # no build with Material's search forced above this many cables


class BuildFailed(RuntimeError):
    """A child build exited non-zero; the message ends with its last output lines."""


def _checked(run: Run, what: str, log: Path) -> Run:
    if run.returncode != 0:
        tail = "\n".join(run.output.splitlines()[-20:])
        raise BuildFailed(f"{what} failed (exit {run.returncode}, log {log}):\n{tail}")
    return run


def _run(args: list[str], work: Path, env: dict[str, str], name: str, what: str) -> Run:
    """Run one child in `work`, its output logged to `work/NAME.log`; raises BuildFailed.
    The files written before (corpus, earlier builds) are flushed to disk first, so
    that their write-back does not slow this child down."""
    if hasattr(os, "sync"):  # not on Windows
        os.sync()
    log = work / f"{name}.log"
    return _checked(run_child(args, work, env, log), what, log)


def _median(items: list[Item], seconds: Callable[[Item], float]) -> Item:
    """The item of median time (the lower middle one of an even number)."""
    return sorted(items, key=seconds)[(len(items) - 1) // 2]


def _fresh(project: Path) -> Path:
    """Our project set up anew in `project`: no pages left from an earlier run, which
    the preprocessing would find unchanged and not write again."""
    if project.exists():
        shutil.rmtree(project)
    return our_project(project)


def measure_size(
    size: int,
    work: Path,
    real_dir: Path,
    seeds_dir: Path,
    real_limit: int | None = None,
    profile: bool = False,
    say: Callable[[str], None] = lambda message: None,
    runs: int = 1,
    material_limit: int = MATERIAL_LIMIT,
) -> Measurement:
    """Measure the corpus of `size` cables in the folder `work` (emptied first).
    With `runs` above 1, every build is repeated in rounds (preprocessing, ours, plain,
    then again) and the median time is kept; peak memory is the highest seen. When our
    build chose Pagefind, it is built again with Material's search, unless `size` is
    above `material_limit` (a Material index of 10,000 documents takes minutes).
    Raises BuildFailed when a build fails."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    say(f"n={size}: writing the corpus")
    corpus = make_corpus(work / "corpus", size, real_dir, seeds_dir, real_limit)
    env = environment(corpus.folder)
    prep_args = [sys.executable, str(PREP_CHILD), str(corpus.folder), str(work / "prep-docs"), str(ROOT / "data")]
    if profile:
        say(f"n={size}: preprocessing under cProfile")
        args = [*prep_args[:3], str(work / "prep-profile-docs"), prep_args[4], str(work / "prep.prof")]
        _run(args, work, env, "profile", "profiled preprocessing")
    plain_config = plain_project(work / "plain", corpus.folder)

    preps: list[tuple[dict[str, Any], Run]] = []  # (the child's report, the run)
    builds: dict[str, list[Run]] = {"ours": [], "ours-material": [], "plain": []}
    engine = ""  # of our build, known after the first one
    for round_ in range(1, max(1, runs) + 1):
        of = f" (round {round_} of {runs})" if runs > 1 else ""
        say(f"n={size}: preprocessing{of}")
        shutil.rmtree(work / "prep-docs", ignore_errors=True)
        prep = _run(prep_args, work, env, "prep", "preprocessing")
        preps.append((json.loads(prep.output.strip().splitlines()[-1]), prep))
        say(f"n={size}: our mkdocs build{of}")
        builds["ours"].append(_run(mkdocs_build(_fresh(work / "ours")), work, env, "ours", "our build"))
        engine = engine or site_size(work / "ours" / "site").search_engine
        if engine != "material" and size <= material_limit:
            say(f"n={size}: our mkdocs build with Material's search{of}")
            builds["ours-material"].append(
                _run(
                    mkdocs_build(_fresh(work / "ours-material")),
                    work,
                    dict(env, EDITION_SEARCH="material"),
                    "ours-material",
                    "our build with Material's search",
                )
            )
        say(f"n={size}: plain mkdocs build{of}")
        builds["plain"].append(_run(mkdocs_build(plain_config), work, env, "plain", "plain build"))

    prep_report = _median(preps, lambda prep: prep[0]["seconds"])[0]
    ours, plain = (_median(builds[name], lambda run: run.seconds) for name in ("ours", "plain"))
    material = _median(builds["ours-material"], lambda run: run.seconds) if builds["ours-material"] else None
    our_site = site_size(work / "ours" / "site")
    plain_site = site_size(work / "plain" / "site")
    return Measurement(
        size=size,
        real=corpus.real,
        generated=corpus.generated,
        documents=prep_report["documents"],
        text_bytes=corpus.text_bytes,
        preprocess_s=prep_report["seconds"],
        preprocess_peak_bytes=max(run.peak_bytes for _, run in preps),
        build_s=ours.seconds,
        build_reported_s=ours.mkdocs_seconds,
        build_peak_bytes=max(run.peak_bytes for run in builds["ours"]),
        build_largest_process_bytes=max(run.largest_process_bytes for run in builds["ours"]),
        build_warnings=ours.warnings,
        search_engine=our_site.search_engine,
        build_material_s=material.seconds if material else None,
        build_material_skipped=our_site.search_engine != "material" and size > material_limit,
        plain_s=plain.seconds,
        plain_reported_s=plain.mkdocs_seconds,
        plain_peak_bytes=max(run.peak_bytes for run in builds["plain"]),
        html_bytes_per_page=our_site.bytes_per_page,
        plain_html_bytes_per_page=plain_site.bytes_per_page,
        search_index_bytes=our_site.search_index_bytes,
        plain_search_index_bytes=plain_site.search_index_bytes,
        site_bytes=our_site.total_bytes,
        plain_site_bytes=plain_site.total_bytes,
        runs=len(builds["ours"]),
        tree_memory=all(run.tree_peak_bytes is not None for run in [*builds["ours"], *builds["plain"]]),
    )
