"""The MkDocs hook: `mkdocs serve` watches the sources and the editorial data, and the
search engine follows EDITION_SEARCH and the size of the edition."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT
from edition import pagefind
from mkdocs.exceptions import PluginError


def load_hooks():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("edition_hooks", ROOT / "scripts" / "mkdocs_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_watches_sources_and_data(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("EDITION_SOURCES", raising=False)
    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    assert load_hooks().on_serve(server, config, builder=None) is server
    assert watched == [str(ROOT / "seeds"), str(ROOT / "data")]


def test_sources_folder_comes_from_the_environment(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITION_SOURCES", str(tmp_path))
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    assert load_hooks()._sources(config) == tmp_path


def search_config(sources: Path):  # type: ignore[no-untyped-def]
    search = SimpleNamespace(config=SimpleNamespace(enabled=True))
    return SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"), markdown_extensions=[], plugins={"material/search": search}
    )


def sources_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:04}.txt").write_text("A source.\n")
    (folder / "0000.yml").write_text("editorial: a sidecar is not a source\n")
    return folder


def test_pagefind_replaces_material_search_for_large_editions(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("EDITION_SEARCH", raising=False)
    hooks = load_hooks()
    small = sources_folder(tmp_path / "small", pagefind.AUTO_THRESHOLD)
    large = sources_folder(tmp_path / "large", pagefind.AUTO_THRESHOLD + 1)
    monkeypatch.setenv("EDITION_SOURCES", str(small))
    config = hooks.on_config(search_config(small))
    assert config.plugins["material/search"].config.enabled and not hooks._pagefind
    monkeypatch.setenv("EDITION_SOURCES", str(large))
    config = hooks.on_config(search_config(large))
    assert not config.plugins["material/search"].config.enabled and hooks._pagefind
    # An explicit choice wins over the size of the edition.
    monkeypatch.setenv("EDITION_SEARCH", "material")
    config = hooks.on_config(search_config(large))
    assert config.plugins["material/search"].config.enabled and not hooks._pagefind


def test_an_unknown_search_engine_is_a_clear_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITION_SEARCH", "lunr")
    with pytest.raises(PluginError, match="unknown search engine 'lunr'"):
        load_hooks().on_config(search_config(ROOT / "seeds"))
