"""The edition report: what the build found, guessed and repaired, source by source.

Gathered after the pages are rendered, from what the build already holds: every
source file, the documents read from it, the problems reported about it (errors, and
notes about the source with their kind, `errors.note_kind`), what each document's
reader inferred and from what evidence (the document's editorial notes, an
approximate date, a date read from the text), the emendations, and word coverage
(the share of the source's words found on its pages, `coverage`). Written as
`report.json` (here) and as a page of the site (`render_report`); `preprocess.py
--report` prints the same summary (`summary_rows`).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .coverage import Coverage, word_coverage
from .errors import Problem, printable_name, printable_text
from .filenames import source_url
from .model import Article, Document
from .parallel import Memo, remembered

MOST_NOTES = 10  # sources listed as those with the most notes


@dataclass(frozen=True)
class SourceEntry:
    """One file of the sources folder, as the report shows it."""

    name: str  # the file name, printable
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]  # errors and notes about the file, in line order
    coverage: Coverage | None  # None when the file gave no page

    @property
    def notes(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity != "error")

    @property
    def emendations(self) -> int:
        return sum(len(d.emendations) for d in self.documents)


@dataclass(frozen=True)
class Report:
    sources: tuple[SourceEntry, ...]  # by name

    @property
    def documents(self) -> list[Document]:
        return [d for s in self.sources for d in s.documents]

    def count_by_category(self) -> Counter[str]:
        """Problems by kind ("error", or the kind of a note), most frequent first."""
        return Counter(p.category for s in self.sources for p in s.problems)

    def most_noted(self, limit: int = MOST_NOTES) -> list[SourceEntry]:
        noted = [s for s in self.sources if s.notes]
        return sorted(noted, key=lambda s: (-len(s.notes), s.name))[:limit]

    def words(self) -> tuple[int, int]:
        """(words in the sources that gave pages, of which found on the pages)."""
        covered = [s.coverage for s in self.sources if s.coverage is not None]
        return sum(c.total for c in covered), sum(c.found for c in covered)


def inferred(document: Document) -> list[str]:
    """What the reader (or the editors) inferred about the document, each with its
    evidence, in words: the document's editorial notes, and what its fields say."""
    found = list(document.notes)
    if document.date_approximate and not any("approximate" in n.lower() for n in found):
        found.append(f"Date approximate: {document.date} (stated as approximate by the editorial metadata).")
    if isinstance(document, Article) and document.date_from_text:
        dateline = document.parts("dateline")
        evidence = f" {dateline[0]!r}" if dateline else ""
        found.append(f"Date read from the dateline in the text{evidence}: {document.date}.")
    return found


_TAG = re.compile(r"<[^>]*>")
_EXTERNAL = re.compile(r'<a href="([^"]*)" class="external"')


def page_text(page: str) -> str:
    """The words a reader sees on a generated page: its text without markup, plus the
    addresses of external links (a web address in a source may become a link)."""
    addresses = " ".join(unquote(html.unescape(href)) for href in _EXTERNAL.findall(page))
    return html.unescape(_TAG.sub(" ", page)) + " " + addresses


def make_report(
    source_paths: list[Path],
    texts: dict[str, str],
    documents: list[Document],
    problems: list[Problem],
    pages: Mapping[str, str | bytes],
    memo: Memo[Coverage] | None = None,
    keys: Mapping[str, bytes] | None = None,
) -> Report:
    """The report of a build: `source_paths` every source file found, `texts` the
    decoded text of each source read (by file name), `problems` all problems of the
    build, `pages` the Markdown of each document page (by page path, as text or
    UTF-8). A source's word coverage is taken from `memo` when it holds one under the
    source's key in `keys` (a digest of the source's text and of its pages)."""
    by_source: dict[str, list[Document]] = {}
    for document in documents:
        by_source.setdefault(document.source, []).append(document)
    problems_of: dict[str, list[Problem]] = {}
    for problem in problems:
        problems_of.setdefault(problem.path, []).append(problem)
    names = {str(path): path.name for path in source_paths}
    # A problem may name a file that is no source (a YAML file of no source, a file
    # skipped): it gets a line of its own.
    names |= {path: Path(path).name for path in problems_of if path not in names}
    entries = []
    for path, name in names.items():
        own = tuple(by_source.get(name, ()))
        coverage = None
        # A saved web page's markup and chrome are not words of its text (what the
        # extraction drops is logged as one emendation): its coverage is not measured.
        if own and name in texts and not any(getattr(d, "source_format", "") == "html" for d in own):
            key = keys.get(name) if keys is not None else None
            coverage = remembered(memo, key, partial(_coverage, texts[name], own, pages))
        found = sorted(problems_of.get(path, []), key=lambda p: (p.line or 0, p.message))
        entries.append(SourceEntry(printable_name(name), own, tuple(found), coverage))
    return Report(tuple(sorted(entries, key=lambda s: s.name)))


def _coverage(text: str, own: tuple[Document, ...], pages: Mapping[str, str | bytes]) -> Coverage:
    """How much of a source's words its documents' pages show."""
    return word_coverage(text, [page_text(_text(pages.get(d.page, ""))) for d in own])


def _text(page: str | bytes) -> str:
    return page.decode("utf-8") if isinstance(page, bytes) else page


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary_rows(report: Report) -> list[tuple[str, str]]:
    """The summary at the top of the report, as (label, value) rows of plain text."""
    kinds = Counter(d.kind for d in report.documents)
    categories = report.count_by_category()
    notes = sum(n for kind, n in categories.items() if kind != "error")
    total, found = report.words()
    by_kind = ", ".join(_plural(n, kind) for kind, n in sorted(kinds.items()))
    unmeasured = sum(1 for s in report.sources if s.coverage is None)
    rows = [
        ("Sources", f"{len(report.sources):,}"),
        ("Documents", f"{len(report.documents):,}" + (f" ({by_kind})" if by_kind else "")),
        ("Errors", f"{categories.get('error', 0):,}"),
        ("Notes about sources", f"{notes:,} in {_plural(sum(1 for s in report.sources if s.notes), 'source')}"),
        ("Documents with inferred values", f"{sum(1 for d in report.documents if inferred(d)):,}"),
        ("Emendations", f"{sum(s.emendations for s in report.sources):,}"),
        ("Word coverage", f"{found:,} of {total:,} words of the sources on their pages ({percent(found, total)})"),
        ("Sources not measured for word coverage", f"{unmeasured:,} (saved web pages, and files that gave no page)"),
    ]
    return rows


def percent(found: int, total: int) -> str:
    """A share as a percentage; 100% only when nothing is missing."""
    share = found / total if total else 1.0
    # Never rounded up to 100 %: a single missing word must show.
    return "100%" if found == total else f"{min(share * 100, 99.99):.2f}%"


def notes_by_kind(report: Report) -> list[tuple[str, int]]:
    """Problems by kind, errors first, then notes most frequent first."""
    categories = report.count_by_category()
    errors = [("error", categories.pop("error"))] if "error" in categories else []
    return errors + sorted(categories.items(), key=lambda item: (-item[1], item[0]))


def summary_table(report: Report) -> str:
    """The summary as a plain-text table, for the command line."""
    lines = ["Edition report", *(f"  {label:<32} {value}" for label, value in summary_rows(report))]
    kinds = notes_by_kind(report)
    if kinds:
        lines += ["Notes by kind", *(f"  {kind:<32} {count:,}" for kind, count in kinds)]
    most = report.most_noted()
    if most:
        lines += ["Sources with the most notes", *(f"  {s.name:<32} {len(s.notes):,}" for s in most)]
    return "\n".join(lines)


def report_json(report: Report, directory_urls: bool = True) -> str:
    """`report.json`: the summary (the same counts as the page) and every source."""
    total, found = report.words()
    summary: dict[str, Any] = {
        "sources": len(report.sources),
        "documents": len(report.documents),
        "documents_by_kind": dict(sorted(Counter(d.kind for d in report.documents).items())),
        "errors": report.count_by_category().get("error", 0),
        "notes": sum(len(s.notes) for s in report.sources),
        "notes_by_kind": {kind: n for kind, n in notes_by_kind(report) if kind != "error"},
        "sources_with_notes": sum(1 for s in report.sources if s.notes),
        "documents_with_inferred_values": sum(1 for d in report.documents if inferred(d)),
        "emendations": sum(s.emendations for s in report.sources),
        "words": total,
        "words_found": found,
        "sources_not_measured": sum(1 for s in report.sources if s.coverage is None),
        "most_notes": [{"source": s.name, "notes": len(s.notes)} for s in report.most_noted()],
    }
    sources = [
        {
            "source": s.name,
            "documents": [
                {
                    "id": d.id,
                    "kind": d.kind,
                    "title": d.title,
                    "page": d.url_in(directory_urls),
                    "source_url": source_url(d.source),
                    "date": d.date,
                    "date_approximate": d.date_approximate,
                    "inferred": inferred(d),
                    "emendations": len(d.emendations),
                }
                for d in s.documents
            ],
            "problems": [
                {"severity": p.severity, "kind": p.category, "line": p.line, "message": printable_text(p.message)}
                for p in s.problems
            ],
            "emendations": s.emendations,
            "coverage": None
            if s.coverage is None
            else {"words": s.coverage.total, "found": s.coverage.found, "ratio": round(s.coverage.ratio, 4)},
        }
        for s in report.sources
    ]
    # One source to a line: as easy to read and compare as an indented file, and
    # written by json's C encoder (`indent` takes its Python one, many times slower).
    lines = ",\n".join(json.dumps(source, ensure_ascii=False) for source in sources)
    head = json.dumps(summary, ensure_ascii=False, indent=1)
    return f'{{"summary": {head},\n"sources": ' + (f"[\n{lines}\n]" if sources else "[]") + "}\n"
