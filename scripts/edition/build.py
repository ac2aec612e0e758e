"""The pipeline, top to bottom."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import annotate, catalogue, codebook, output, pagefind, parallel, render
from .catalogue import catalogue_json
from .coverage import Coverage
from .crosslinks import DocumentDigest, LinkMemo, link_edition
from .errors import EditionError, Problem, describe
from .filenames import check_names
from .glossary import EMPTY, Glossary, load_glossary
from .metadata import load_edition
from .model import Document
from .readers import reader_for
from .render_glossary import glossary_json, glossary_pages
from .render_glossary import glossary_key as glossary_inputs
from .render_index import render_documents_index
from .render_report import render_report
from .render_site import render_about, render_home
from .render_source import source_view_files
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


class BuildCache:
    """What one build of this process leaves to the next: the sources read, reused
    while the file and its editorial sidecar are unchanged (`file_stamp`), and the
    work done on them (`parallel.Memo`): each document's glossary mentions and page,
    each source's word coverage and source view, each under a digest of all its
    inputs."""

    def __init__(self) -> None:
        # Keyed by source and sidecar: a sidecar added, removed or renamed is a change.
        self._reads: dict[SourceFile, tuple[tuple[int, ...], _Read]] = {}
        self.links = LinkMemo()
        self.pages: parallel.Memo[dict[str, bytes]] = parallel.Memo()
        self.coverage: parallel.Memo[Coverage] = parallel.Memo()
        self.source_views: parallel.Memo[bytes] = parallel.Memo()
        self.output = output.Known()  # what the output folder holds
        self.catalogue_entries: parallel.Memo[bytes] = parallel.Memo()  # a digest of each document's entry
        self._glossary: tuple[tuple[object, ...], Glossary] | None = None
        # A digest of each source's text, by the source: an unchanged file gives the
        # very same object (above).
        self._texts: dict[int, tuple[Source, bytes]] = {}

    @staticmethod
    def _stamp(source: SourceFile) -> tuple[int, ...]:
        return file_stamp(source.path) + (file_stamp(source.sidecar) if source.sidecar is not None else _NO_FILE)

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

    def glossary(self, data_dir: Path | None) -> Glossary:
        """`load_data(data_dir)`, kept while the files it reads are unchanged."""
        files = [] if data_dir is None else [data_dir / "glossary.yml", data_dir / "glossary-ignore.yml"]
        files += sorted(codebook.BUILT_IN.glob("*.yml"))
        stamp = tuple((str(f), *file_stamp(f)) for f in files)
        if self._glossary is None or self._glossary[0] != stamp:
            self._glossary = (stamp, load_data(data_dir))
        return self._glossary[1]

    def text_digests(self, sources: list[Source]) -> dict[str, bytes]:
        """A digest of each source's text, by file name; only these sources' are kept."""
        kept = {}
        for source in sources:
            known = self._texts.get(id(source))
            found = known if known is not None and known[0] is source else (source, parallel.digest(source.text))
            kept[id(source)] = found
        self._texts = kept
        return {source.name: found for source, found in kept.values()}

    def collect(self) -> None:
        """Forget the work of earlier builds that the last build did not use."""
        self.links.collect()
        for memo in (self.pages, self.coverage, self.source_views, self.catalogue_entries):
            memo.collect()


_NO_FILE = (-1, -1, -1, -1)


def file_stamp(path: Path) -> tuple[int, int, int, int]:
    """What changes when a file is written, replaced or touched: its modification and
    change times, inode and size (the change time cannot be set back by a tool that
    keeps the modification time)."""
    try:
        stat = path.stat()
    except OSError:
        return _NO_FILE
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_size


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


def _encoded(job: Callable[[], dict[str, str]]) -> dict[str, bytes]:
    return {name: text.encode("utf-8") for name, text in job().items()}


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
    cache: BuildCache | None = None,
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
    cache = cache if cache is not None else BuildCache()
    glossary = cache.glossary(data_dir)
    edition = load_edition(data_dir)
    result = BuildResult()
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
    links = link_edition(result.documents, glossary, workers, cache.links)
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
    # then one job per document, whose page an earlier build may have rendered.
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
    digests = cache.links.digests(documents)
    entries, shared = render.EntryDigests(links), render.shared_inputs(context)
    page_keys = {d.page: render.page_key(d, context, digests[d.id].whole, entries, shared) for d in documents}
    glossary_key = glossary_inputs(glossary, links, directory_urls, entries)
    catalogue_key = _catalogue_key(documents, links.entries_of, directory_urls, cache.catalogue_entries, digests)
    keys = [glossary_key + b"pages", catalogue_key, glossary_key + b"json", None, *page_keys.values()]
    files: dict[str, bytes] = {}
    for pages in parallel.memo_map(_encoded, jobs, keys, cache.pages, workers, _stage(progress, "rendering")):
        files.update(pages)
    texts = {read.source.name: read.source.text for read in reads if read.source is not None}
    text_digests = cache.text_digests(sources)
    # A source's word coverage follows from its text and its pages (their keys).
    own: dict[str, list[bytes]] = {}
    for document in documents:
        own.setdefault(document.source, []).append(page_keys[document.page])
    coverage_keys = {
        name: parallel.digest(b"coverage", text_digests[name], *own[name]) for name in texts if name in own
    }
    result.report = make_report(
        [p.path for p in paths], texts, documents, result.problems, files, cache.coverage, coverage_keys
    )
    files["report.md"] = render_report(result.report, directory_urls).encode("utf-8")
    files["report.json"] = report_json(result.report, directory_urls).encode("utf-8")
    files.update(names.source_files)
    files.update(source_view_files(sources, documents, directory_urls, cache.source_views, text_digests))
    cache.collect()

    written = output.write_all(out_dir, files, known=cache.output)
    result.written, result.removed = written.written, written.removed
    result.problems += written.problems
    return result


def _catalogue_key(
    documents: list[Document],
    entries_of: dict[str, list[str]],
    directory_urls: bool,
    memo: parallel.Memo[bytes],
    digests: dict[str, DocumentDigest],
) -> bytes:
    """A digest of what `catalogue_json` is made of: each document's `catalogue.entry`,
    in id order. An entry's digest is kept under the document's and its arguments'."""

    def entry(document: Document) -> bytes:
        return parallel.digest(repr(catalogue.entry(document, entries_of, directory_urls)))

    found = []
    for document in sorted(documents, key=lambda d: d.id):
        mentioned = entries_of.get(document.id, [])
        key = parallel.digest(b"catalogue-entry", digests[document.id].whole, repr((mentioned, directory_urls)))
        found.append(parallel.remembered(memo, key, partial(entry, document)))
    return parallel.digest(b"catalogue", *found)


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
