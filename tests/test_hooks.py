"""The MkDocs hook: `mkdocs serve` watches the sources and the editorial data."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from conftest import ROOT


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
