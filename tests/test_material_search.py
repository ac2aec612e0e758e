"""Material's search index after a --dirty build (scripts/edition/material_search.py):
each page's entries in build order, this build's for the pages it converted."""

from __future__ import annotations

import json
from pathlib import Path

from edition import material_search


def entry(location: str, text: str) -> dict[str, str]:
    return {"location": location, "title": location, "text": text}


def test_converted_pages_take_their_new_entries_in_build_order() -> None:
    last = [entry("", "home"), entry("a/", "old a"), entry("a/#p1", "old a1"), entry("b/", "b"), entry("gone/", "x")]
    new = [entry("a/", "new a"), entry("c/", "c")]
    order = ["", "c/", "a/", "b/"]  # gone/ was removed; c/ is new
    merged = material_search.merged(order, {"a/", "c/"}, new, last)
    assert [e["text"] for e in merged] == ["home", "c", "new a", "b"]  # a/#p1 went with its page


def test_a_converted_page_without_entries_keeps_none() -> None:
    last = [entry("a/", "old"), entry("b/", "b")]
    assert material_search.merged(["a/", "b/"], {"a/"}, [], last) == [entry("b/", "b")]


def test_an_index_that_cannot_be_used_is_none(tmp_path: Path) -> None:
    assert material_search.take_last_entries(tmp_path) is None  # no index
    index = tmp_path / material_search.INDEX
    index.parent.mkdir()
    for broken in ("{", '{"docs": {}}', '{"docs": [{"title": "no location"}]}', "[]"):
        index.write_text(broken, encoding="utf-8")
        assert material_search.take_last_entries(tmp_path) is None, broken
        assert not index.exists()
    index.write_text(json.dumps({"config": {}, "docs": [entry("a/", "x")]}), encoding="utf-8")
    assert material_search.take_last_entries(tmp_path) == [entry("a/", "x")]
    assert not index.exists()  # taken: a build that stops before writing one leaves none
