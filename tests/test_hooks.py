"""The MkDocs hook: `mkdocs serve` watches the sources and the editorial data, and the
search engine follows EDITION_SEARCH and the size of the edition."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, build_site
from edition import pagefind
from mkdocs.exceptions import PluginError


def load_hooks():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("edition_hooks", ROOT / "scripts" / "mkdocs_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_watches_sources_data_and_handwritten_pages(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Not the pages the preprocessing writes: each edit would be built twice."""
    monkeypatch.delenv("EDITION_SOURCES", raising=False)
    docs = tmp_path / "docs"
    for folder in ("assets", "documents", "glossary"):
        (docs / folder).mkdir(parents=True)
    for name in ("benchmark.md", "index.md", "catalogue.json", ".edition.lock"):
        (docs / name).write_text("", encoding="utf-8")
    watched: list[str] = []
    unwatched: list[str] = []
    server = SimpleNamespace(watch=watched.append, unwatch=unwatched.append)
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(docs))
    assert load_hooks().on_serve(server, config, builder=None) is server
    assert unwatched == [str(docs)]
    assert watched == [str(ROOT / "seeds"), str(ROOT / "data"), str(docs / "assets"), str(docs / "benchmark.md")]


def test_sources_folder_comes_from_the_environment(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITION_SOURCES", str(tmp_path))
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    assert load_hooks()._sources(config) == tmp_path


def search_config(sources: Path):  # type: ignore[no-untyped-def]
    search = SimpleNamespace(config=SimpleNamespace(enabled=True))
    return SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"),
        markdown_extensions=[],
        plugins={"material/search": search},
        extra={},
        use_directory_urls=True,
        theme={"features": ["navigation.instant", "navigation.top"]},
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
    assert config.extra["edition_search_page"] is None  # Material's own search box in the header
    monkeypatch.setenv("EDITION_SOURCES", str(large))
    config = hooks.on_config(search_config(large))
    assert not config.plugins["material/search"].config.enabled and hooks._pagefind
    assert config.extra["edition_search_page"] == "search/"  # the header's box opens the search page
    # An explicit choice wins over the size of the edition.
    monkeypatch.setenv("EDITION_SEARCH", "material")
    config = hooks.on_config(search_config(large))
    assert config.plugins["material/search"].config.enabled and not hooks._pagefind


def test_instant_navigation_is_off_for_editions_too_large_for_its_sitemap(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    hooks = load_hooks()
    for count, instant in ((hooks.INSTANT_NAVIGATION_LIMIT, True), (hooks.INSTANT_NAVIGATION_LIMIT + 1, False)):
        monkeypatch.setenv("EDITION_SOURCES", str(sources_folder(tmp_path / str(count), count)))
        features = hooks.on_config(search_config(tmp_path)).theme["features"]
        assert ("navigation.instant" in features) is instant and "navigation.top" in features


def test_an_unknown_search_engine_is_a_clear_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITION_SEARCH", "lunr")
    with pytest.raises(PluginError, match="unknown search engine 'lunr'"):
        load_hooks().on_config(search_config(ROOT / "seeds"))


@pytest.fixture(scope="module")
def noted_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good article, and one decoded by guess (a note about the source)."""
    sources = tmp_path_factory.mktemp("noted")
    (sources / "latin-1.txt").write_bytes((ROOT / "tests" / "inputs" / "latin-1.txt").read_bytes())
    (sources / "seed.txt").write_bytes((ROOT / "tests" / "cases" / "article_plain.txt").read_bytes())
    return sources


def test_notes_about_sources_do_not_fail_a_strict_build(noted_sources: Path, tmp_path: Path) -> None:
    result = build_site(tmp_path, noted_sources)
    assert result.returncode == 0, result.stderr
    assert "1 notes about sources, listed in the edition report: http://127.0.0.1:8000/report/" in result.stderr
    assert (tmp_path / "site" / "documents").is_dir()


def test_edition_strict_sources_makes_notes_fail_a_strict_build(noted_sources: Path, tmp_path: Path) -> None:
    result = build_site(tmp_path, noted_sources, EDITION_STRICT_SOURCES="1")
    assert result.returncode != 0
    assert "latin-1.txt: warning: not valid UTF-8" in result.stderr


def test_errors_still_fail_a_strict_build(noted_sources: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in noted_sources.iterdir():
        (sources / path.name).write_bytes(path.read_bytes())
    (sources / "seed.yml").write_text("editorial: x\nunknown: 1\n", encoding="utf-8")
    result = build_site(tmp_path / "project", sources)
    assert result.returncode != 0
    assert "seed.yml:2" in result.stderr and "unknown key 'unknown'" in result.stderr


def test_site_name_and_description_come_from_edition_yml(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("EDITION_SEARCH", raising=False)
    monkeypatch.setenv("EDITION_SOURCES", str(ROOT / "seeds"))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "edition.yml").write_text("editorial: x\ntitle: Cables of 2010\ndescription: All of them.\n")
    config = search_config(ROOT / "seeds")
    config.config_file_path = str(tmp_path / "mkdocs.yml")
    config.site_name, config.site_description = "Annotated Edition", ""
    config = load_hooks().on_config(config)
    assert (config.site_name, config.site_description) == ("Cables of 2010", "All of them.")
    (tmp_path / "data" / "edition.yml").write_text("editorial: x\ntitle: T\nsubtitle: y\n")
    with pytest.raises(PluginError, match="edition.yml:3: unknown key 'subtitle'"):
        load_hooks().on_config(config)


def test_report_address_follows_the_site(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    hooks = load_hooks()
    config = SimpleNamespace(site_url="https://example.org/edition/", use_directory_urls=True)
    assert hooks._report_address(config) == "https://example.org/edition/report/"
    config = SimpleNamespace(site_url="", use_directory_urls=False)
    assert hooks._report_address(config) == "report.html"
