"""Addresses of built pages, for links the edition writes as HTML.

MkDocs rewrites links in Markdown (`../glossary/places.md#baku`) to the address of the
built page; links inside raw HTML it leaves alone, so the edition computes them the
same way: `documents/X.md` is built at `documents/X/` (use_directory_urls) or
`documents/X.html`, and a link is relative to the page that holds it.
"""

from __future__ import annotations

import posixpath


def page_url(path: str, directory_urls: bool) -> str:
    """Address, relative to the site root, of the page built from the Markdown file
    `path` (relative to the docs folder); other files keep their path."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_page: str, to: str, directory_urls: bool, fragment: str = "") -> str:
    """Link from the page built from `from_page` to the page or file `to` (paths
    relative to the docs folder, `to` already percent-encoded), with `#fragment`."""
    anchor = f"#{fragment}" if fragment else ""
    if to == from_page:
        return anchor or "#"
    base = page_url(from_page, directory_urls)
    target = page_url(to, directory_urls)
    folder = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    link = _relative_path(target, folder)
    if target.endswith("/") or not target:
        link = "./" if link == "." else link + "/"
    return link + anchor


def _relative_path(target: str, folder: str) -> str:
    """`posixpath.relpath(target, folder)` for clean relative paths, without its
    look at the working directory (it runs for every link of every page)."""
    to = [part for part in target.split("/") if part]
    start = [part for part in folder.split("/") if part]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."
