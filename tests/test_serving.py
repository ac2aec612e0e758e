"""What `mkdocs serve` keeps between builds (scripts/edition/serving.py): the theme's
static files found as MkDocs finds them, a project's theme folder listed afresh, and
the garbage of earlier builds collected once the server is idle."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from conftest import ROOT
from edition import serving
from mkdocs.config import load_config
from mkdocs.structure.files import Files


def theme_files(env, config) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted((f.src_uri, f.abs_src_path or "") for f in files)


def test_the_kept_theme_finds_the_static_files_mkdocs_finds(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    theirs = theme_files(config.theme.get_env(), config)
    templates = serving.CompiledTemplates()
    serving.keep_theme(config.theme, templates)
    env = config.theme.get_env()
    assert isinstance(env.loader, serving.ThemeLoader) and env.bytecode_cache is templates
    assert env.loader.fresh == str((ROOT / "overrides").resolve())  # Material's folders come from memory
    assert theme_files(env, config) == theirs
    assert any(uri.startswith("assets/javascripts/") for uri, _ in theirs)  # Material's own
    assert theme_files(config.theme.get_env(), config) == theirs  # from the kept listing


def test_a_project_theme_folder_is_listed_afresh(tmp_path: Path) -> None:
    project, installed = tmp_path / "project", tmp_path / "installed"
    (project / "overrides").mkdir(parents=True)
    (installed / ".icons" / "x").mkdir(parents=True)
    (installed / "assets").mkdir()
    (installed / "assets" / "a.css").write_text("a", encoding="utf-8")
    (installed / ".icons" / "x" / "i.svg").write_text("<svg/>", encoding="utf-8")
    loader = serving.ThemeLoader([str(project / "overrides"), str(installed)], str(project / "overrides"))
    assert loader.list_templates() == ["assets/a.css"]  # hidden folders are not listed
    (project / "overrides" / "extra.css").write_text("b", encoding="utf-8")
    (installed / "assets" / "late.css").write_text("c", encoding="utf-8")
    # The project's folder is read again; the installed one is not (it cannot change).
    assert loader.list_templates() == ["assets/a.css", "extra.css"]


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


class Timer:
    """A threading.Timer that runs only when told to."""

    made: list[Timer] = []

    def __init__(self, interval: float, function) -> None:  # type: ignore[no-untyped-def]
        self.interval, self.function = interval, function
        self.started = self.cancelled = False
        self.daemon = False
        Timer.made.append(self)

    def start(self) -> None:
        self.started = True

    def cancel(self) -> None:
        self.cancelled = True


def test_a_build_calls_off_the_collection_an_idle_time_would_make() -> None:
    Timer.made.clear()
    collector = serving.IdleCollector(idle_s=1.5, timer=Timer)
    collector.built()
    first = Timer.made[-1]
    assert first.started and first.interval == 1.5 and first.daemon and not first.cancelled
    collector.building()  # an edit came before the server was idle
    assert first.cancelled
    collector.built()
    assert Timer.made[-1] is not first and not Timer.made[-1].cancelled
    assert Timer.made[-1].function == collector.collect


def test_the_idle_collection_frees_cycles_and_sets_the_rest_aside() -> None:
    try:
        node = Node()
        alive = weakref.ref(node)
        del node
        serving.IdleCollector().collect()
        assert alive() is None
        assert gc.get_freeze_count() > 0  # what is alive is set aside
    finally:
        gc.unfreeze()
