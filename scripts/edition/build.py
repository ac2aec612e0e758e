"""The pipeline, top to bottom."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import annotate, output, pagefind, parallel, render
from .catalogue import catalogue_json
from .crosslinks import link_edition
from .errors import EditionError, Problem, describe
from .filenames import check_names
from .glossary import EMPTY, Glossary, load_glossary
from .metadata import load_edition
from .model import Document
from .readers import reader_for
from .render_glossary import glossary_json, glossary_pages
from .render_index import render_documents_index
from .render_report import render_report
from .render_site import render_about, render_home
from .render_source import source_views
from .report import Report, make_report, report_json
from .sources import Source, SourceFile, discover, read_source
from .terms import unknown_terms
from .timeline import load_timeline


@dataclass(frozen=True)
class _Read:
    """What one source file gave: its decoded text, documents and problems."""

    source: Source | None
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


def read_file(file: SourceFile | Path) -> _Read:
    """Decode and parse one source (a bare path: its sidecar looked for beside it);
    every failure becomes a problem naming the file: no exception escapes for one file."""
    path = file.path if isinstance(file, SourceFile) else file
    problems: list[Problem] = []

    def internal_error(e: Exception) -> Problem:
        message = f"could not be read: internal error {describe(e)} (please report this file)"
        return Problem("error", str(path), None, message)

    try:
        source, warnings = read_source(file)
    except EditionError as e:
        return _Read(None, (), (Problem.from_error(e),))
    except Exception as e:  # noqa: BLE001 - a bug must not stop the other sources
        return _Read(None, (), (internal_error(e),))
    problems += [Problem("warning", str(path), None, w) for w in warnings]

    def warn(line: int | None, message: str) -> None:
        problems.append(Problem("warning", str(path), line, message))

    try:
        documents = tuple(reader_for(source).read(source, warn))
    except EditionError as e:
        return _Read(source, (), (*problems, Problem.from_error(e)))
    except Exception as e:  # noqa: BLE001 - a reader bug must not stop the other sources
        return _Read(source, (), (*problems, internal_error(e)))
    return _Read(source, documents, tuple(problems))


class ReadCache:
    """Sources read in earlier builds of this process, reused while the file and its
    editorial sidecar are unchanged (same size and modification time)."""

    def __init__(self) -> None:
        # Keyed by source and sidecar: a sidecar added, removed or renamed is a change.
        self._reads: dict[SourceFile, tuple[tuple[int, ...], _Read]] = {}

    @staticmethod
    def _stamp(source: SourceFile) -> tuple[int, ...]:
        stamp: tuple[int, ...] = ()
        for file in (source.path, source.sidecar):
            try:
                stat = file.stat() if file is not None else None
            except OSError:
                stat = None
            stamp += (stat.st_mtime_ns, stat.st_size) if stat is not None else (-1, -1)
        return stamp

    def read_all(
        self, paths: list[SourceFile], workers: int | None = None, progress: Callable[[int, int], None] | None = None
    ) -> list[_Read]:
        """Every path's read, in order; those changed since the last build are read
        again, by `workers` processes (see `parallel.worker_count`), and counted by
        `progress(done, total)`."""
        stamps = {path: self._stamp(path) for path in paths}
        changed = [path for path in paths if self._reads.get(path, (None,))[0] != stamps[path]]
        reads = parallel.ordered_map(read_file, changed, parallel.worker_count(len(changed), workers), progress)
        for path, read in zip(changed, reads, strict=True):
            self._reads[path] = (stamps[path], read)
        return [self._reads[path][1] for path in paths]


# Pages the edition writes into documents/ itself.
RESERVED_IDS = frozenset({"index"})


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unknown_terms: dict[str, list[str]] = field(default_factory=dict)  # term -> document ids
    report: Report | None = None  # the edition report (report.md, report.json)

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def _document_page(document: Document, context: annotate.Context) -> dict[str, str]:
    return {document.page: render.render_document(document, context)}


def _stage(progress: Callable[[str, int, int], None] | None, stage: str) -> Callable[[int, int], None] | None:
    return None if progress is None else lambda done, total: progress(stage, done, total)


def load_data(data_dir: Path | None) -> Glossary:
    """The glossary in `data_dir` (glossary.yml, glossary-ignore.yml), if any.
    Raises DataError naming file:line when it is malformed."""
    if data_dir is None or not (data_dir / "glossary.yml").exists():
        return EMPTY
    return load_glossary(data_dir / "glossary.yml", data_dir / "glossary-ignore.yml")


def build(
    sources_dir: Path,
    out_dir: Path,
    data_dir: Path | None = None,
    site_name: str | None = None,
    site_url: str = "",
    directory_urls: bool = True,
    cache: ReadCache | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    search_facets: bool = False,
    report_terms: bool = False,
    workers: int | None = None,
) -> BuildResult:
    """Build the edition's pages from every source in `sources_dir` into `out_dir`.

    Stages:
    1. data: load and validate the glossary and the edition's metadata (broken
       data stops the run);
    2. sources: find the files and decode each (with its editorial sidecar);
    3. readers: parse each source into documents; a bad source is reported, the
       others carry on;
    4. check: document ids are unique across sources; page and source names are
       safe and unique (`filenames`);
    5. annotate: glossary mentions, backlinks, references and related documents,
       over the whole edition at once;
    6. render: every page as Markdown, in memory, then the edition report (which
       counts the words of each source on its pages) and each source's view, line
       by line (`render_source`);
    7. output: under a lock, write what changed all or nothing, remove what has no
       source any more (`output`).
    Nothing is written before stage 7, so a run that fails leaves the old output.
    A `cache` kept between calls (mkdocs serve) skips stages 2-3 for unchanged
    sources; `progress(stage, done, total)` is told how far the long stages are;
    `site_name` (default: the title in data/edition.yml) names the edition in
    citations, which give its published address (data/edition.yml, else `site_url`);
    `report_terms` lists candidate terms that have no glossary entry; `workers` sets
    how many processes read, find glossary mentions and render (default: one per CPU
    for a large edition, see `parallel`).
    """
    glossary = load_data(data_dir)
    edition = load_edition(data_dir)
    result = BuildResult()
    cache = cache if cache is not None else ReadCache()
    paths, result.problems = discover(sources_dir)  # the files found, and those skipped
    sources: list[Source] = []
    owners: dict[str, str] = {}
    reads = cache.read_all(paths, workers, _stage(progress, "reading"))
    for path, read in zip(paths, reads, strict=True):
        result.problems += read.problems
        if read.source is not None:
            sources.append(read.source)
        for document in read.documents:
            if document.id in RESERVED_IDS:
                message = (
                    f"document id {document.id!r} names a page of the edition itself; give it an `id:` in the sidecar"
                )
                result.problems.append(Problem("error", str(path), None, message))
                continue
            if document.id in owners:
                message = f"document id {document.id!r} is already used by {owners[document.id]}; skipped"
                result.problems.append(Problem("error", str(path), None, message))
                continue
            owners[document.id] = path.name
            result.documents.append(document)

    # Every page and source copy must have a name that can be written and served
    # safely; a document that has none is reported and left out of the edition.
    names = check_names(result.documents, sources)
    result.documents = names.documents
    result.problems += names.problems
    links = link_edition(result.documents, glossary, parallel.worker_count(len(result.documents), workers))
    if glossary.tags:  # an edition with a codebook: a code it lacks is worth a note
        result.problems += _unknown_tags(links.unknown_tags, result.documents, paths)
    if report_terms:
        result.unknown_terms = unknown_terms(result.documents, glossary)
    context = annotate.Context(
        {d.id: d.page for d in result.documents},
        links,
        site_name or edition.title,
        edition.url or site_url,
        directory_urls,
        search_facets,
        edition,
    )
    events = load_timeline(data_dir / "timeline.yml", result.documents) if data_dir else []
    documents = result.documents
    # Every page to write, as jobs run side by side: the edition-wide pages, the
    # longest jobs, first (so that none of them is left to run alone at the end),
    # then one job per document.
    jobs: list[Callable[[], dict[str, str]]] = [
        lambda: glossary_pages(glossary, links, directory_urls),
        lambda: {"catalogue.json": catalogue_json(documents, links.entries_of, directory_urls)},
        lambda: {"glossary.json": glossary_json(glossary, links, directory_urls)},
        lambda: {
            "index.md": render_home(documents, links, edition, directory_urls),
            "about.md": render_about(edition, documents, glossary),
            "documents/index.md": render_documents_index(documents, directory_urls),
            "timeline.md": render.render_timeline(events, directory_urls),
            "search.md": render.TEMPLATES.get_template("search.md.j2").render(
                pagefind=search_facets,
                labels=pagefind.labels(glossary),
                root="../" if directory_urls else "",  # the site's root, seen from the search page
            ),
        },
        *(partial(_document_page, document, context) for document in documents),
    ]
    files: dict[str, bytes] = {}
    for pages in parallel.ordered_map(
        lambda job: {name: text.encode("utf-8") for name, text in job().items()},
        jobs,
        parallel.worker_count(len(jobs), workers),
        _stage(progress, "rendering"),
    ):
        files.update(pages)
    texts = {read.source.name: read.source.text for read in reads if read.source is not None}
    page_texts = {d.page: files[d.page].decode("utf-8") for d in documents}
    result.report = make_report([p.path for p in paths], texts, documents, result.problems, page_texts)
    files["report.md"] = render_report(result.report, directory_urls).encode("utf-8")
    files["report.json"] = report_json(result.report, directory_urls).encode("utf-8")
    files.update(names.source_files)
    files.update(
        {page: text.encode("utf-8") for page, text in source_views(sources, documents, directory_urls).items()}
    )

    written = output.write_all(out_dir, files)
    result.written, result.removed = written.written, written.removed
    result.problems += written.problems
    return result


def _unknown_tags(unknown: dict[str, list[str]], documents: list[Document], paths: list[SourceFile]) -> list[Problem]:
    """A note on each cable for each TAGS code it writes that no glossary entry explains."""
    source_path = {p.path.name: str(p.path) for p in paths}
    source_of = {d.id: d.source for d in documents}
    return [
        Problem(
            "warning",
            source_path.get(source_of[doc_id], source_of[doc_id]),
            None,
            f"TAGS code {code} has no glossary entry: shown without its meaning",
        )
        for code, ids in sorted(unknown.items())
        for doc_id in ids
    ]
