"""The edition report as a page of the site (`report.md`).

Out of the navigation (mkdocs.yml `not_in_nav`) and out of search: front matter for
Material's search; for Pagefind's, its tables and lists are marked ignored (only the
headings and the opening paragraph are indexed); linked from the home and About pages. At a thousand sources it
stays a page to read: the summary first, then only the sources with notes and the
documents with inferred values, each folded (`<details>`); the table of every source
is folded as a whole. Everything a source says (a file name, a message quoting a
line) is escaped by `escape.html_text`.
"""

from __future__ import annotations

from . import render_html
from .escape import html_text
from .markdown_raw import raw
from .model import Document
from .render import TEMPLATES, human_date
from .report import Report, SourceEntry, inferred, notes_by_kind, percent, summary_rows

PAGE = "report.md"
# The page's own apparatus is not document text: neither search indexes it.
_NOT_SEARCHED = render_html.NOT_SEARCHED + ' data-pagefind-ignore="all"'


def _anchor(index: int) -> str:
    # Source names can be anything: anchors are numbered instead.
    return f"source-{index + 1}"


def _documents(documents: tuple[Document, ...], linker: render_html.Linker) -> str:
    items = "".join(
        f"<li>{linker.anchor(d.page, html_text(d.title))} ({html_text(human_date(d))}; "
        f"{len(d.emendations)} emendations)</li>\n"
        for d in documents
    )
    return f"<ul>\n{items}</ul>" if items else "<p>No document was read from this file.</p>"


def _source_details(index: int, source: SourceEntry, linker: render_html.Linker) -> str:
    notes = "".join(
        f"<li>{'line ' + str(p.line) if p.line else 'the file'} · <strong>{html_text(p.category)}</strong>: "
        f"{html_text(p.message)}</li>\n"
        for p in source.problems
    )
    coverage = f"; {source.coverage.found:,} of {source.coverage.total:,} words on its pages" if source.coverage else ""
    return (
        f'<details id="{_anchor(index)}">\n<summary>{html_text(source.name)} — {len(source.problems)} '
        f"{'problem' if len(source.problems) == 1 else 'problems'}</summary>\n<ol>\n{notes}</ol>\n"
        f"<p>{source.emendations} emendations{coverage}.</p>\n{_documents(source.documents, linker)}\n</details>\n"
    )


def _inferred_table(report: Report, linker: render_html.Linker) -> tuple[int, str]:
    rows = []
    for document in report.documents:
        found = inferred(document)
        if found:
            evidence = "<br>".join(html_text(text) for text in found)
            rows.append([linker.anchor(document.page, html_text(document.id)), evidence])
    return len(rows), render_html.head_table(rows, ["Document", "What was inferred, and from what"])


def _every_source(report: Report, linker: render_html.Linker, noted: dict[str, int]) -> str:
    """One short row per source (a thousand rows must stay a small page): the name,
    linked to its document when it has one, else followed by its documents."""
    rows = []
    for source in report.sources:
        name = html_text(source.name)
        if len(source.documents) == 1:
            name = linker.anchor(source.documents[0].page, name)
        else:
            name += ": " + (", ".join(linker.anchor(d.page, html_text(d.id)) for d in source.documents) or "none")
        problems = str(len(source.problems))
        if source.name in noted:
            problems = f'<a href="#{_anchor(noted[source.name])}">{problems}</a>'
        coverage = percent(source.coverage.found, source.coverage.total) if source.coverage else "—"
        rows.append([name, problems, str(source.emendations), coverage])
    return render_html.head_table(rows, ["Source and its documents", "Problems", "Emendations", "Word coverage"])


def render_report(report: Report, directory_urls: bool = True) -> str:
    linker = render_html.Linker(PAGE, directory_urls)
    summary = render_html.head_table(
        [[html_text(label), html_text(value)] for label, value in summary_rows(report)], ["", "This build"]
    )
    kinds = render_html.head_table(
        [[html_text(kind), f"{count:,}"] for kind, count in notes_by_kind(report)], ["Kind", "Count"]
    )
    with_problems = [s for s in report.sources if s.problems]
    noted = {s.name: i for i, s in enumerate(with_problems)}
    most = render_html.head_table(
        [
            [f'<a href="#{_anchor(noted[s.name])}">{html_text(s.name)}</a>', str(len(s.notes))]
            for s in report.most_noted()
        ],
        ["Source", "Notes"],
    )
    inferred_count, inferred_table = _inferred_table(report, linker)

    def block(content: str) -> str:
        return raw(f"<div{_NOT_SEARCHED}>\n{content}\n</div>")

    return TEMPLATES.get_template("report.md.j2").render(
        summary=block(summary),
        kinds=block(kinds) if with_problems else "",
        most=block(most) if report.most_noted() else "",
        sources=block("".join(_source_details(i, s, linker) for i, s in enumerate(with_problems))),
        problems=len(with_problems),
        inferred=block(f"<details>\n<summary>{inferred_count:,} documents</summary>\n{inferred_table}\n</details>")
        if inferred_count
        else "",
        every=block(
            f"<details>\n<summary>All {len(report.sources):,} sources</summary>\n"
            f"{_every_source(report, linker, noted)}\n</details>"
        ),
    )
