"""The source view: each source's text as a page, line by line, each line numbered
and with an anchor (`#L12`), so that the emendation log can point at the line it
changed. The file itself stays published unchanged as `.txt` in `sources/` (`filenames`).

The page is raw HTML between the edition's markers (`markdown_raw`), out of the
navigation and of the search indexes: the document pages hold the text to search.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from functools import partial

from .errors import printable_name
from .escape import escape, html_text, yaml_string
from .filenames import published_source_name, source_url
from .markdown_raw import raw
from .model import Document
from .parallel import Memo, digest, remembered
from .render_html import SOURCE_VIEWS, Linker, source_view_path
from .sources import Source


def source_view_file(name: str) -> str:
    """The Markdown file of the source view of the source named `name`, relative to
    the docs folder: named after the published copy (`sources/report.html.txt` is
    seen line by line at `source-view/report.html.txt/`)."""
    return SOURCE_VIEWS + published_source_name(name) + ".md"


def line_anchor(line: int) -> str:
    return f"L{line}"


def render_source_view(source: Source, documents: Iterable[Document], directory_urls: bool) -> str:
    """The page of one source: where it comes from, the pages made of it, its lines."""
    name = printable_name(source.name)
    page = source_view_path(source.name)
    linker = Linker(page, directory_urls)
    copy = linker.anchor(source_url(source.name), html_text(published_source_name(source.name)))
    links = [linker.anchor(d.page, html_text(d.title)) for d in documents]
    made_of = f" The edition's page{'s' if len(links) > 1 else ''} made of it: {', '.join(links)}." if links else ""
    # The numbers are the stylesheet's (a counter): a line is its anchor and its text,
    # which keeps a thousand sources' pages small and copies the text without numbers.
    lines = "\n".join(
        f'<span id="{line_anchor(number)}">{html.escape(text, quote=False)}</span>'
        for number, text in enumerate(source.lines, 1)
    )
    return (
        "---\n"
        f"title: {yaml_string(html.escape('Source: ' + name, quote=False))}\n"
        "search:\n  exclude: true\n"
        "---\n\n"
        f"# Source: {escape(name)}\n\n"
        + raw(
            f'<p class="edition-source-about">The text of the source file {copy}, published unchanged, line by '
            f"line (read as {html_text(source.encoding)}).{made_of}</p>\n"
            f'<pre class="edition-source-lines" data-pagefind-ignore="all"><code>{lines}</code></pre>'
        )
        + "\n"
    )


def _published(sources: Iterable[Source], documents: Iterable[Document]) -> list[tuple[Source, list[Document]]]:
    """Each source that gave a published document, with its documents."""
    by_source: dict[str, list[Document]] = {}
    for document in documents:
        by_source.setdefault(document.source, []).append(document)
    return [(s, by_source[printable_name(s.name)]) for s in sources if printable_name(s.name) in by_source]


def source_views(sources: Iterable[Source], documents: Iterable[Document], directory_urls: bool) -> dict[str, str]:
    """The source view of each source that gave a published document, by page path."""
    return {
        source_view_file(source.name): render_source_view(source, own, directory_urls)
        for source, own in _published(sources, documents)
    }


def source_view_files(
    sources: Iterable[Source],
    documents: Iterable[Document],
    directory_urls: bool,
    memo: Memo[bytes],
    digests: Mapping[str, bytes],
) -> dict[str, bytes]:
    """`source_views` as UTF-8, those of an earlier build taken from `memo`; `digests`
    holds a digest of each source's text, by file name."""

    def view(source: Source, own: list[Document]) -> bytes:
        return render_source_view(source, own, directory_urls).encode("utf-8")

    views = {}
    for source, own in _published(sources, documents):
        # All the page reads: the source (name, encoding, text), its documents' pages and titles.
        inputs = repr((source.name, source.encoding, directory_urls, [(d.page, d.title) for d in own]))
        key = digest(b"source-view", digests[source.name], inputs)
        views[source_view_file(source.name)] = remembered(memo, key, partial(view, source, own))
    return views
