"""The built-in cable codebook: TAGS codes, handling words, cable terms and office
symbols, read from `data/codebook/*.yml` into generated glossary entries.

Schema of a codebook file (unknown keys are errors; every problem names file:line):

    editorial: where the lists come from (required)
    sources:                                  (required; provenance of each list)
      subject-tags:
        title: TAGS/Terms Handbook, subject TAGS
        repository: heuer/topicmaps           (optional)
        path: cablegate/subject-tags.txt      (optional)
        licence: public domain (US government work)
    lists:
      - source: subject-tags                  (required; a key of sources)
        kind: tag                             (required; a glossary kind)
        label: TAGS subject code              (optional; added to each definition)
        match: false                          (optional; default true: looked for in text)
        link: [cable]                         (optional; as in the glossary)
        codes:                                (required)
          PREL: External political relations  (code: meaning, or code: {definition,
          REFTEL: {definition: ..., aliases: [reftel]}   aliases, exclude, id})

An entry's id is its code in lower case, other characters as hyphens (`PREL` is
`prel`, `UNGA/C-1` is `unga-c-1`); two codes with one id are an error. The codes of
lists of kind `tag` are looked up in a cable's TAGS line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .datafile import Mapping, check_keys, check_text, load_yaml, string_value
from .errors import DataError, quoted
from .glossary import DOCUMENT_KINDS, FROM_CODEBOOK, KINDS, Entry

BUILT_IN = Path(__file__).resolve().parents[2] / "data" / "codebook"
_SOURCE_FIELDS = {"title", "repository", "path", "licence", "url"}
_LIST_FIELDS = {"source", "kind", "label", "match", "link", "codes"}
_CODE_FIELDS = {"id", "definition", "aliases", "exclude"}


@dataclass(frozen=True)
class Codebook:
    entries: tuple[Entry, ...] = ()
    tags: tuple[tuple[str, str], ...] = ()  # (TAGS code, entry id)


def code_id(code: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def load(folder: Path) -> Codebook:
    """Every `*.yml` file of `folder`, in name order; an absent folder is an empty
    codebook. Raises DataError naming file:line."""
    if not folder.is_dir():
        return Codebook()
    entries: dict[str, Entry] = {}
    tags: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.yml")):
        _load_file(path, entries, tags)
    return Codebook(tuple(entries.values()), tuple(tags))


def _load_file(path: Path, entries: dict[str, Entry], tags: list[tuple[str, str]]) -> None:
    # Imported here: glossary_data imports this module.
    from .glossary_data import check_general

    data = load_yaml(path)
    check_keys(path, data, {"editorial", "sources", "lists"}, {"editorial", "sources", "lists"}, "codebook")
    sources = data["sources"]
    if not isinstance(sources, Mapping) or not sources:
        raise DataError(path, "'sources' must be a mapping of source ids", data.line_of("sources"))
    provenance = {}
    for key, source in sources.items():
        check_keys(path, source, _SOURCE_FIELDS, {"title", "licence"}, "codebook source")
        parts = [string_value(path, source, k, "codebook source") for k in ("title", "repository", "path", "licence")]
        provenance[key] = "; ".join(p for p in parts if p)
    if not isinstance(data["lists"], list):
        raise DataError(path, "'lists' must be a list", data.line_of("lists"))
    for item in data["lists"]:
        check_keys(path, item, _LIST_FIELDS, {"source", "kind", "codes"}, "codebook list")
        source, kind = item["source"], item["kind"]
        if source not in provenance:
            raise DataError(path, f"unknown source {quoted(source)}", item.line_of("source"))
        if kind not in KINDS:
            raise DataError(path, f"kind must be one of {', '.join(KINDS)}, got {quoted(kind)}", item.line_of("kind"))
        label = string_value(path, item, "label", "codebook list")
        match = item.get("match", True)
        link = item.get("link", True)
        if not isinstance(match, bool) or not (
            isinstance(link, bool) or (isinstance(link, list) and set(link) <= set(DOCUMENT_KINDS))
        ):
            raise DataError(path, "match must be true or false, link true, false or kinds of document", item.line)
        links = DOCUMENT_KINDS if link is True else () if link is False else tuple(link)
        codes = item["codes"]
        if not isinstance(codes, Mapping):
            raise DataError(path, "'codes' must be a mapping of code: meaning", item.line_of("codes"))
        for code, value in codes.items():
            line = codes.line_of(code)
            entry = _entry(path, str(code), value, line, kind, label, match, links, provenance[source])
            check_general(path, entry.definition, line, f"definition of {quoted(code)}")
            if entry.id in entries:
                raise DataError(path, f"code {quoted(code)} has the id {quoted(entry.id)} of another code", line)
            entries[entry.id] = entry
            if kind == "tag":
                tags.append((str(code), entry.id))


def _entry(
    path: Path,
    code: str,
    value: object,
    line: int,
    kind: str,
    label: str | None,
    match: bool,
    link: tuple[str, ...],
    provenance: str,
) -> Entry:
    aliases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    entry_id = code_id(code)
    if isinstance(value, Mapping):
        entry_id = string_value(path, value, "id", "codebook code") or entry_id
        check_keys(path, value, _CODE_FIELDS, {"definition"}, f"codebook code {quoted(code)}")
        meaning = string_value(path, value, "definition", "codebook code")
        aliases, exclude = (tuple(_strings(path, value, k)) for k in ("aliases", "exclude"))
    elif isinstance(value, str) and value.strip():
        meaning = value
    else:
        raise DataError(path, f"code {quoted(code)}: the meaning must be a non-empty string, got {quoted(value)}", line)
    meaning = check_text(path, str(meaning).strip(), line, f"code {quoted(code)}")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", entry_id):
        raise DataError(path, f"code {quoted(code)}: id must be lower-case letters, digits and hyphens", line)
    definition = f"{meaning} ({label})." if label else meaning.rstrip(".") + "."
    return Entry(
        id=entry_id,
        name=check_text(path, code, line, "code"),
        kind=kind,
        definition=definition,
        aliases=aliases,
        link=link,
        match=match,
        exclude=exclude,
        generated=provenance,
        generated_from=FROM_CODEBOOK,
        line=line,
    )


def _strings(path: Path, item: Mapping, key: str) -> list[str]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(path, f"{key!r} must be a list of non-empty strings, got {quoted(value)}", item.line_of(key))
    return [check_text(path, v, item.line_of(key), repr(key)) for v in value]
