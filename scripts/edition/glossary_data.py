"""Loading the glossary: `data/glossary.yml` over the built-in cable codebook.

Validated once; every problem names file:line. Text that ends up on a page may not
hold control characters (`datafile.check_text`). Schema (unknown keys are errors):

    editorial: who wrote the entries (required: marks the file as editorial)
    entries:
      - id: lukashenka                 (required; lower-case letters, digits, hyphens)
        name: Alexander Lukashenka     (required; display name, also matched in text)
        kind: person                   (required; see glossary.KINDS)
        aliases: [Lukashenko, ...]     (optional; other spellings matched in text)
                                       (a name or alias: at most MAX_FORM characters)
        definition: one line           (required; the tooltip: true wherever the term
                                        appears, so it may not speak of "this cable",
                                        "the article" ...: see GENERAL_RULE)
        note: longer text              (optional; as general as the definition)
        scoped:                        (optional; notes true of some documents only,
          - documents: [07BAKU595]      shown only there: documents by id, posts as
            posts: [Embassy Baku]       the cables name their origin, a period from
            from: 2007-01               and/or until an ISO date; at least one)
            until: 2007-12
            note: what is true there
        role: at the time              (optional; persons)
        see_also: [belarus]            (optional; ids of other entries)
        link: false                    (optional; true (default), false, or the kinds
                                        of document where mentions are linked: [cable])
        match: false                   (optional; default true: false, the text is not
                                        searched for it at all, as for TAGS codes)
        exclude: [West Bank]           (optional; longer names holding a form that
                                        are not this entry)

An entry whose id is a codebook entry's (`prel`, `reftel`) overrides it: a complete
entry replaces it, one without name, kind or definition extends it (the keys it does
not give come from the codebook, `codebook.py`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import codebook
from .datafile import Mapping, check_keys, check_text, load_yaml, string_value
from .errors import DataError, quoted
from .glossary import DOCUMENT_KINDS, KINDS, MAX_FORM, Entry, Glossary, Scope

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_FIELDS = {
    "id", "name", "kind", "aliases", "definition", "note", "role", "see_also", "link", "match", "exclude", "scoped",
}  # fmt: skip
_REQUIRED = {"id", "name", "kind", "definition"}
_SCOPE_FIELDS = {"documents", "posts", "from", "until", "note"}
# A definition (and a general note) is shown on every mention, in any document: it
# may not speak of one document. What is true of one belongs in a scoped note.
GENERAL_RULE = re.compile(
    r"\b(?:(?:this|the|these|that|both)\s+(?:cable|cables|article|articles|document|documents|telegram)"
    r"|(?:first|second|third)\s+article|in\s+this\s+(?:text|source|page))\b(?!\s+(?:header|of\s+a\b))",
    re.IGNORECASE,
)


def load_glossary(path: Path, ignore_path: Path | None = None, codebook_path: Path | None = None) -> Glossary:
    """Read and validate the glossary, over the codebook (the built-in one unless
    `codebook_path` is given); raises DataError naming file:line."""
    generated = codebook.load(codebook_path or codebook.BUILT_IN)
    data = load_yaml(path)
    check_keys(path, data, {"editorial", "entries"}, {"editorial", "entries"}, "glossary")
    items = data["entries"]
    if not isinstance(items, list):
        raise DataError(path, "'entries' must be a list", data.line_of("entries"))
    base = {e.id: e for e in generated.entries}
    entries = [_entry(path, item, base) for item in items]
    _check_unique(path, entries)
    editorial = {e.id for e in entries}
    everything = entries + [e for e in generated.entries if e.id not in editorial]
    ids = {e.id for e in everything}
    for entry in entries:
        for other in entry.see_also:
            if other not in ids:
                raise DataError(
                    path, f"entry {quoted(entry.id)}: see_also names unknown entry {quoted(other)}", entry.line
                )
    tags = dict(generated.tags)
    for entry in entries:
        if entry.kind == "tag":
            tags.setdefault(entry.name, entry.id)
    ignored = _load_ignore(ignore_path) if ignore_path and ignore_path.exists() else frozenset()
    return Glossary(tuple(sorted(everything, key=lambda e: e.id)), ignored, tuple(sorted(tags.items())))


def _entry(path: Path, item: Mapping, base: dict[str, Entry]) -> Entry:
    # A complete entry replaces the codebook's entry of the same id; a partial one
    # (only the keys it changes) extends it.
    key = item.get("id") if isinstance(item, Mapping) else None
    over = base.get(key) if isinstance(key, str) and not _REQUIRED <= set(item) else None
    check_keys(path, item, _FIELDS, {"id"} if over else _REQUIRED, "glossary entry")
    values = {
        k: string_value(path, item, k, "glossary entry") for k in ("id", "name", "kind", "definition", "note", "role")
    }
    if not _ID.fullmatch(values["id"] or ""):
        raise DataError(
            path, f"id must be lower-case letters, digits and hyphens, got {quoted(values['id'])}", item.line_of("id")
        )
    kind = values["kind"] or (over.kind if over else None)
    if kind not in KINDS:
        raise DataError(path, f"kind must be one of {', '.join(KINDS)}, got {quoted(kind)}", item.line_of("kind"))
    for key in ("definition", "note"):
        check_general(path, values[key], item.line_of(key), f"{key} of {quoted(values['id'])}")
    aliases = _strings(path, item, "aliases")
    for key, forms in (("name", (str(values["name"] or ""),)), ("aliases", aliases)):
        for form in forms:
            if len(form) > MAX_FORM:
                raise DataError(path, f"{key}: {quoted(form)} is longer than {MAX_FORM} characters", item.line_of(key))
    match = item.get("match", True)
    if not isinstance(match, bool):
        raise DataError(path, f"match must be true or false, got {quoted(match)}", item.line_of("match"))
    given: dict[str, Any] = {
        "id": str(values["id"]),
        "kind": kind,
        "link": _link(path, item),
        "match": match,
        "scoped": _scopes(path, item),
        "line": item.line,
        "generated": None,
        "generated_from": None,
        **{k: values[k] for k in ("name", "definition", "note", "role") if values[k] is not None},
        **{k: v for k in ("aliases", "see_also", "exclude") if (v := _strings(path, item, k)) or k in item},
    }
    if over is None:
        return Entry(**given)
    for key in ("link", "match", "scoped"):
        if key not in item:
            del given[key]
    return replace(over, **given)


def check_general(path: Path, text: str | None, line: int, what: str) -> None:
    """A definition or general note that speaks of one document is an error."""
    found = GENERAL_RULE.search(text or "")
    if found:
        raise DataError(
            path,
            f"{what} speaks of one document ({quoted(found.group(0))}): a definition is shown wherever the term "
            "appears; put what is true of one document in a scoped note (scoped: [{documents: [...], note: ...}])",
            line,
        )


def _link(path: Path, item: Mapping) -> tuple[str, ...]:
    value = item.get("link", True)
    if value is True:
        return DOCUMENT_KINDS
    if value is False:
        return ()
    if isinstance(value, list) and value and all(v in DOCUMENT_KINDS for v in value):
        return tuple(value)
    raise DataError(
        path,
        f"link must be true, false or a list of {', '.join(DOCUMENT_KINDS)}, got {quoted(value)}",
        item.line_of("link"),
    )


def _scopes(path: Path, item: Mapping) -> tuple[Scope, ...]:
    value = item.get("scoped") or []
    if not isinstance(value, list):
        raise DataError(path, f"'scoped' must be a list, got {quoted(value)}", item.line_of("scoped"))
    scopes = []
    for scope in value:
        if not isinstance(scope, Mapping):
            raise DataError(path, f"a scoped note must be a mapping, got {quoted(scope)}", item.line_of("scoped"))
        check_keys(path, scope, _SCOPE_FIELDS, {"note"}, "scoped note")
        dates = {k: _date(path, scope, k) for k in ("from", "until")}
        documents, posts = _strings(path, scope, "documents"), _strings(path, scope, "posts")
        if not (documents or posts or dates["from"] or dates["until"]):
            raise DataError(path, "a scoped note needs documents, posts, from or until", scope.line)
        note = string_value(path, scope, "note", "scoped note")
        scopes.append(Scope(str(note), documents, posts, dates["from"], dates["until"]))
    return tuple(scopes)


def _date(path: Path, scope: Mapping, key: str) -> str | None:
    value = scope.get(key)
    if value is None:
        return None
    text = str(value)  # YAML reads 2007-05-16 as a date: its str() is the ISO form
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        raise DataError(
            path, f"{key} must be an ISO date (YYYY, YYYY-MM, YYYY-MM-DD), got {quoted(value)}", scope.line_of(key)
        )
    return text


def _strings(path: Path, item: Mapping, key: str) -> tuple[str, ...]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(path, f"{key!r} must be a list of non-empty strings, got {quoted(value)}", item.line_of(key))
    return tuple(check_text(path, v, item.line_of(key), repr(key)) for v in value)


def _check_unique(path: Path, entries: list[Entry]) -> None:
    ids: dict[str, Entry] = {}
    forms: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in ids:
            raise DataError(path, f"duplicate id {quoted(entry.id)} (first at line {ids[entry.id].line})", entry.line)
        ids[entry.id] = entry
        for form in entry.forms:
            owner = forms.get(form)
            if owner is not None and owner is not entry:
                raise DataError(
                    path,
                    f"alias {quoted(form)} of {quoted(entry.id)} already belongs to {quoted(owner.id)} (line {owner.line})",
                    entry.line,
                )
            forms[form] = entry


def _load_ignore(path: Path) -> frozenset[str]:
    """The ignore list: `editorial:` plus `ignore: [{terms: [...], reason}]`; every
    group of terms the editors chose not to enter says why."""
    data = load_yaml(path)
    check_keys(path, data, {"editorial", "ignore"}, {"editorial", "ignore"}, "ignore list")
    items = data["ignore"]
    if not isinstance(items, list):
        raise DataError(path, "'ignore' must be a list", data.line_of("ignore"))
    terms: set[str] = set()
    for item in items:
        check_keys(path, item, {"terms", "reason"}, {"terms", "reason"}, "ignored terms")
        string_value(path, item, "reason", "ignored terms")
        terms.update(_strings(path, item, "terms"))
    return frozenset(terms)
