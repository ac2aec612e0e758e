"""What `mkdocs serve` keeps between builds (scripts/edition/serving.py): the theme's
static files found as MkDocs finds them, a project's theme folder listed afresh, and
the garbage of earlier builds collected once the server is idle."""

from __future__ import annotations

import gc
import time
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
    serving.keep_theme(config.theme, ROOT, templates)
    env = config.theme.get_env()
    assert isinstance(env.loader, serving.ThemeLoader) and env.bytecode_cache is templates
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
    loader = serving.ThemeLoader([str(project / "overrides"), str(installed)], project)
    assert loader.list_templates() == ["assets/a.css"]  # hidden folders are not listed
    (project / "overrides" / "extra.css").write_text("b", encoding="utf-8")
    (installed / "assets" / "late.css").write_text("c", encoding="utf-8")
    # The project's folder is read again; the installed one is not (it cannot change).
    assert loader.list_templates() == ["assets/a.css", "extra.css"]


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_the_garbage_of_earlier_builds_is_collected_once_idle() -> None:
    collector = serving.IdleCollector(idle_s=0.2)
    try:
        node = Node()
        alive = weakref.ref(node)
        collector.built()  # the node is set aside with what the build left alive
        del node
        gc.collect()
        assert alive() is not None  # a collection in a build passes it by
        deadline = time.monotonic() + 10
        while alive() is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert alive() is None
    finally:
        collector.building()
        gc.unfreeze()


def test_a_build_calls_off_the_collection_unless_many_went_by() -> None:
    collector = serving.IdleCollector(idle_s=30, most=2)
    try:
        node = Node()
        alive = weakref.ref(node)
        collector.built()
        del node
        collector.building()  # one build since: the collection waits for the next idle time
        gc.collect()
        assert alive() is not None
        collector.built()
        collector.building()  # two builds without a collection: collected now
        assert alive() is None
    finally:
        collector.building()
        gc.unfreeze()
