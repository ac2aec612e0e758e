"""Material's search index after a `--dirty` build (`mkdocs serve --dirty`, `make serve`).

Material's search indexes the pages a build converts, and a dirty build converts only
the pages whose Markdown changed; Material itself keeps the rest of its last index
right only when one page changed. An edit to one source changes several pages (the
document's, the report, a glossary page), so the index is put together here: each
page's entries in build order, from this build for the pages it converted, from the
last build's index for the others: the index a clean build writes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = "search/search_index.json"  # in the site folder

Entry = dict[str, Any]


def take_last_entries(site_dir: Path) -> list[Entry] | None:
    """The entries of the index the last build wrote, None when there is none to use;
    the file is removed: a build that stops before Material writes its index leaves
    none (its pages would not match it), and the next one is built whole."""
    path = site_dir / INDEX
    try:
        docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    finally:
        path.unlink(missing_ok=True)
    if not isinstance(docs, list) or not all(isinstance(e, dict) and isinstance(e.get("location"), str) for e in docs):
        return None
    return docs


def _by_page(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Entries by the address of their page: a section's location is the page's
    address and its anchor (`documents/X/#p1`)."""
    pages: dict[str, list[Entry]] = {}
    for entry in entries:
        pages.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return pages


def merged(order: list[str], converted: set[str], new: list[Entry], last: list[Entry]) -> list[Entry]:
    """The entries of every page of `order` (page addresses, in build order): `new`'s
    for the pages of `converted`, `last`'s for the others."""
    fresh, kept = _by_page(new), _by_page(last)
    return [entry for page in order for entry in (fresh if page in converted else kept).get(page, [])]
