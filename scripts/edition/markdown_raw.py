"""A Python-Markdown extension that passes the edition's own HTML through unparsed.

The pages carry the text of the document and its apparatus (metadata panel,
footnotes, emendation log, lists of links) as raw HTML between two marker comments.
Python-Markdown would parse every tag of it to find where the HTML ends; this
preprocessor stores each marked region as it stands.
The markers are plain HTML comments: without the extension the page renders the same,
only more slowly. The hook (`scripts/mkdocs_hooks.py`) adds it to MkDocs' extensions.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

BEGIN = "<!-- edition:html -->"
END = "<!-- /edition:html -->"


def raw(html: str) -> str:
    """`html` (a block of the edition's own HTML) marked for passing through."""
    return f"{BEGIN}\n{html}\n{END}"


class _PassThrough(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if BEGIN not in lines:
            return lines
        out: list[str] = []
        start = None
        for number, line in enumerate(lines):
            if start is None:
                if line == BEGIN:
                    start = number + 1
                else:
                    out.append(line)
            elif line == END:
                out.append(self.md.htmlStash.store("\n".join(lines[start:number])))
                start = None
        if start is not None:  # no end marker: leave the rest to Markdown
            out += lines[start - 1 :]
        return out


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before the HTML block parser (priority 20), after whitespace normalisation (30).
        md.preprocessors.register(_PassThrough(md), "edition_raw_html", 25)


def makeExtension(**kwargs: object) -> RawHtmlExtension:
    return RawHtmlExtension(**kwargs)
