"""Links the edition writes into raw HTML: the same addresses MkDocs would write."""

from __future__ import annotations

import itertools
import posixpath

import pytest
from edition.urls import _relative_path, relative_url


@pytest.mark.parametrize(("target", "folder"), list(itertools.product(
    ["", "documents/", "documents/07BAKU595/", "glossary/places/", "sources/a.txt", "a/b/c.html"],
    ["documents/07BAKU595/", "documents/", "glossary/places/", "a/b/", "x/"],
)))  # fmt: skip
def test_relative_path_agrees_with_posixpath(target: str, folder: str) -> None:
    assert _relative_path(target, folder) == posixpath.relpath(target or ".", folder.rstrip("/") or ".")


@pytest.mark.parametrize(
    ("from_page", "to", "directory_urls", "expected"),
    [
        ("documents/07BAKU595.md", "glossary/places.md", True, "../../glossary/places/"),
        ("documents/07BAKU595.md", "glossary/places.md", False, "../glossary/places.html"),
        ("documents/07BAKU595.md", "documents/07BAKU568.md", True, "../07BAKU568/"),
        ("documents/07BAKU595.md", "index.md", True, "../../"),
        ("documents/07BAKU595.md", "sources/07BAKU595.txt", True, "../../sources/07BAKU595.txt"),
        ("documents/index.md", "documents/07BAKU595.md", True, "07BAKU595/"),
        ("documents/index.md", "documents/07BAKU595.md", False, "07BAKU595.html"),
        ("index.md", "documents/index.md", True, "documents/"),
        ("timeline.md", "documents/07BAKU595.md", True, "../documents/07BAKU595/"),
        ("documents/07BAKU595.md", "documents/07BAKU595.md", True, "#"),
    ],
)
def test_relative_url_as_mkdocs_writes_it(from_page: str, to: str, directory_urls: bool, expected: str) -> None:
    assert relative_url(from_page, to, directory_urls) == expected


def test_fragment_is_appended() -> None:
    assert relative_url("timeline.md", "documents/07BAKU595.md", True, "p2") == "../documents/07BAKU595/#p2"
    assert relative_url("documents/07BAKU595.md", "documents/07BAKU595.md", True, "p2") == "#p2"
