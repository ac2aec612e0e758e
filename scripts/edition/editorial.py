"""Editorial metadata kept beside a source: `NAME.yml` next to `NAME.txt`.

The sidecar is found whatever the case of its extension, `.yml` or `.yaml`
(`NAME.YAML`); two candidates for one source are an error. Text that ends up on a page
may not hold control characters.

It states what the text itself does not: the kind of document, the articles a file
holds, their titles, publication, date, author, address, and corrections the editors
made. Schema (unknown keys are errors):

    editorial: who supplied these facts (required: marks the file as editorial)
    kind: article | cable               (optional; otherwise detected)
    format: markdown | text | html      (optional; an article's format, otherwise
                                         detected: by the extension, front matter or
                                         an opening `<html`; plain text by default)
    articles:                           (optional; default: one article, first line = title)
      - title: the line of the file where this article begins (required)
        id: url-slug                    (optional; default: from the title)
        publication / author / url / note: text (optional)
        date: YYYY | YYYY-MM | YYYY-MM-DD (optional)
        date_approximate: true | false  (optional; default false)
    corrections:                        (optional; applied in order, each logged)
      - original: text as it stands in the source (required)
        corrected: text to print instead (required)
        note: why (optional)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .datafile import Mapping, check_keys, check_text, date_value, load_yaml, string_value
from .errors import DataError, quoted

# Extensions of an editorial sidecar, compared in lower case.
SIDECAR_SUFFIXES = (".yml", ".yaml")
# The formats an article can be read from (`format:`), each read by one reader.
FORMATS = ("markdown", "text", "html")


@dataclass(frozen=True)
class Correction:
    original: str
    corrected: str
    note: str
    line: int  # line in the YAML file


@dataclass(frozen=True)
class ArticleMeta:
    title: str
    id: str | None = None
    publication: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    date_approximate: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Editorial:
    path: Path | None
    kind: str | None = None
    format: str | None = None  # markdown | text | html: how to read an article
    articles: tuple[ArticleMeta, ...] = ()
    corrections: tuple[Correction, ...] = ()


NONE = Editorial(path=None)


def is_sidecar_name(name: str) -> bool:
    """Whether a file of this name in a sources folder is editorial YAML."""
    return name.lower().endswith(SIDECAR_SUFFIXES)


def find_sidecar(source: Path) -> Path | None:
    """The sidecar beside `source`, or None; raises DataError when there are two.
    (`sources.discover` finds the sidecars of a whole folder at once.)"""
    try:
        names = sorted(p.name for p in source.parent.iterdir())
    except OSError:
        return None  # reading the source will say what is wrong with its folder
    candidates = [source.parent / n for n in names if is_sidecar_name(n) and Path(n).stem == source.stem]
    if len(candidates) > 1:
        raise DataError(source, two_sidecars(candidates))
    return candidates[0] if candidates else None


def two_sidecars(candidates: list[Path]) -> str:
    return f"two editorial sidecars: {' and '.join(p.name for p in candidates)}; keep one"


def load_editorial(source: Path) -> Editorial:
    """Read the sidecar of `source`, or return NONE when it has none."""
    return load_sidecar(find_sidecar(source))


def load_sidecar(path: Path | None) -> Editorial:
    """Read and validate the sidecar at `path` (NONE when None); raises DataError
    naming file:line."""
    if path is None:
        return NONE
    data = load_yaml(path)
    keys = {"editorial", "kind", "format", "articles", "corrections"}
    check_keys(path, data, keys, {"editorial"}, "editorial metadata")
    kind = string_value(path, data, "kind", "editorial metadata")
    if kind not in (None, "article", "cable"):
        raise DataError(path, f"kind must be 'article' or 'cable', got {quoted(kind)}", data.line_of("kind"))
    text_format = string_value(path, data, "format", "editorial metadata")
    if text_format not in (None, *FORMATS):
        expected = ", ".join(repr(f) for f in FORMATS)
        raise DataError(path, f"format must be one of {expected}, got {quoted(text_format)}", data.line_of("format"))
    if text_format and kind == "cable":
        # A cable has one format, its own; `format:` says how to read an article.
        raise DataError(path, "format applies to articles, not to kind 'cable'", data.line_of("format"))
    return Editorial(
        path=path,
        kind=kind,
        format=text_format,
        articles=tuple(_article(path, item) for item in _list(path, data, "articles")),
        corrections=tuple(_correction(path, item) for item in _list(path, data, "corrections")),
    )


def _list(path: Path, data: Mapping, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise DataError(path, f"{key!r} must be a list", data.line_of(key))
    return value


def _article(path: Path, item: Mapping) -> ArticleMeta:
    fields = {"title", "id", "publication", "author", "url", "date", "date_approximate", "note"}
    check_keys(path, item, fields, {"title"}, "article")
    values = {k: string_value(path, item, k, "article") for k in fields - {"date_approximate", "date"}}
    values["date"] = date_value(path, item, "date")
    slug = values["id"]
    if slug is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise DataError(
            path, f"id must be lower-case letters, digits and hyphens, got {quoted(slug)}", item.line_of("id")
        )
    approximate = item.get("date_approximate", False)
    if not isinstance(approximate, bool):
        raise DataError(
            path, f"date_approximate must be true or false, got {quoted(approximate)}", item.line_of("date_approximate")
        )
    return ArticleMeta(date_approximate=approximate, **values)  # type: ignore[arg-type]


def _correction(path: Path, item: Mapping) -> Correction:
    check_keys(path, item, {"original", "corrected", "note"}, {"original", "corrected"}, "correction")
    original = string_value(path, item, "original", "correction")
    corrected = item.get("corrected")
    if not isinstance(corrected, str):
        raise DataError(path, f"corrected must be text, got {quoted(corrected)}", item.line_of("corrected"))
    check_text(path, corrected, item.line_of("corrected"), "correction: 'corrected'")
    return Correction(str(original), corrected, string_value(path, item, "note", "correction") or "", item.line)
