"""The glossary: editorial entries for people, places, equipment, terms ...

Loaded once from `data/glossary.yml` and validated; every problem names file:line.
Text that ends up on a page may not hold control characters (`datafile.check_text`).
Schema (unknown keys are errors):

    editorial: who wrote the entries (required: marks the file as editorial)
    entries:
      - id: lukashenka                 (required; lower-case letters, digits, hyphens)
        name: Alexander Lukashenka     (required; display name, also matched in text)
        kind: person                   (required; see KINDS)
        aliases: [Lukashenko, ...]     (optional; other spellings matched in text)
                                       (a name or alias: at most MAX_FORM characters)
        definition: one line           (required; shown as the tooltip)
        note: longer text              (optional)
        role: at the time              (optional; persons)
        see_also: [belarus]            (optional; ids of other entries)
        link: false                    (optional; default true: link mentions in text)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .datafile import Mapping, check_keys, check_text, load_yaml, string_value
from .errors import DataError, quoted

# kind -> (page file name, heading), in the order the glossary shows them.
KINDS = {
    "person": ("people", "People"),
    "organisation": ("organisations", "Organisations"),
    "place": ("places", "Places"),
    "equipment": ("equipment", "Weapon systems and equipment"),
    "abbreviation": ("abbreviations", "Abbreviations"),
    "tag": ("tags", "TAGS codes"),
    "term": ("terms", "Cable terms"),
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_FIELDS = {"id", "name", "kind", "aliases", "definition", "note", "role", "see_also", "link"}
# The longest name or alias: longer than any real name (a ministry's full title is
# about 100 characters), short enough for the matcher's pattern to stay small.
MAX_FORM = 200


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    definition: str
    aliases: tuple[str, ...] = ()
    note: str | None = None
    role: str | None = None
    see_also: tuple[str, ...] = ()
    link: bool = True
    line: int = 0

    @property
    def page(self) -> str:
        """Markdown page of the entry, relative to the docs folder."""
        return f"glossary/{KINDS[self.kind][0]}.md"

    def url_in(self, directory_urls: bool) -> str:
        page = KINDS[self.kind][0]
        return f"glossary/{page}/#{self.id}" if directory_urls else f"glossary/{page}.html#{self.id}"

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling matched in text: the name and the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    ignored: frozenset[str] = frozenset()  # candidate terms the editors chose not to enter

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}


EMPTY = Glossary(())


def load_glossary(path: Path, ignore_path: Path | None = None) -> Glossary:
    """Read and validate the glossary; raises DataError naming file:line."""
    data = load_yaml(path)
    check_keys(path, data, {"editorial", "entries"}, {"editorial", "entries"}, "glossary")
    items = data["entries"]
    if not isinstance(items, list):
        raise DataError(path, "'entries' must be a list", data.line_of("entries"))
    entries = [_entry(path, item) for item in items]
    _check_unique(path, entries)
    ids = {e.id for e in entries}
    for entry in entries:
        for other in entry.see_also:
            if other not in ids:
                raise DataError(
                    path, f"entry {quoted(entry.id)}: see_also names unknown entry {quoted(other)}", entry.line
                )
    ignored = _load_ignore(ignore_path) if ignore_path and ignore_path.exists() else frozenset()
    return Glossary(tuple(sorted(entries, key=lambda e: e.id)), ignored)


def _entry(path: Path, item: Mapping) -> Entry:
    check_keys(path, item, _FIELDS, {"id", "name", "kind", "definition"}, "glossary entry")
    values = {
        k: string_value(path, item, k, "glossary entry") for k in ("id", "name", "kind", "definition", "note", "role")
    }
    if not _ID.fullmatch(values["id"] or ""):
        raise DataError(
            path, f"id must be lower-case letters, digits and hyphens, got {quoted(values['id'])}", item.line_of("id")
        )
    if values["kind"] not in KINDS:
        raise DataError(
            path, f"kind must be one of {', '.join(KINDS)}, got {quoted(values['kind'])}", item.line_of("kind")
        )
    link = item.get("link", True)
    if not isinstance(link, bool):
        raise DataError(path, f"link must be true or false, got {quoted(link)}", item.line_of("link"))
    aliases = _strings(path, item, "aliases")
    for key, forms in (("name", (str(values["name"]),)), ("aliases", aliases)):
        for form in forms:
            if len(form) > MAX_FORM:
                raise DataError(path, f"{key}: {quoted(form)} is longer than {MAX_FORM} characters", item.line_of(key))
    return Entry(
        id=str(values["id"]),
        name=str(values["name"]),
        kind=str(values["kind"]),
        definition=str(values["definition"]),
        aliases=aliases,
        note=values["note"],
        role=values["role"],
        see_also=_strings(path, item, "see_also"),
        link=link,
        line=item.line,
    )


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


class Matcher:
    """Finds glossary mentions in text: longest form first, whole words, case as written.

    All forms are compiled into one regular expression shaped as a trie (forms that
    share a beginning share a branch), so a scan of the text costs about the same
    whatever the number of entries: not one scan per entry, nor one try per form at
    each position.
    """

    def __init__(self, glossary: Glossary) -> None:
        self._entry_of = {form: e for e in glossary.entries if e.link for form in e.forms}
        trie = _trie_pattern(self._entry_of)
        self._pattern = re.compile(rf"(?<![\w-])(?:{trie})(?![\w]|-\w)") if trie else None

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._entry_of[m.group(0)]) for m in self._pattern.finditer(text)]


def _trie_pattern(forms: Iterable[str]) -> str:
    """A regex matching any of `forms`, longest first (greedy branches before stopping).

    Built without recursion, bottom-up from the deepest nodes, so that a long form
    cannot exhaust Python's stack."""
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here
    # Every node, parents before children; patterns are then made children first.
    order: list[dict[str, dict]] = [trie]
    for node in order:
        order.extend(child for char, child in node.items() if char)
    pattern: dict[int, str] = {}
    for node in reversed(order):
        ends = "" in node
        options = [re.escape(char) + pattern.pop(id(child)) for char, child in sorted(node.items()) if char]
        if not options:
            pattern[id(node)] = ""
            continue
        body = options[0] if len(options) == 1 and not ends else "(?:" + "|".join(options) + ")"
        pattern[id(node)] = body + "?" if ends else body
    return pattern[id(trie)]
