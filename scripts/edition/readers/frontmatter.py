"""Front matter: the block of metadata that opens a Markdown file.

YAML between `---` lines (closed by `---` or `...`), or TOML between `+++` lines, as
Jekyll, Hugo, Eleventy, Zola, Astro and web clippers write it. Blank lines may come
before it. A block later in a file (a `---` or `+++` line after a blank line, then at
once a `key: value` or `key = value` line, then a closing line, all outside a code
fence) starts a new article.

YAML is read with the edition's hardened loader (`datafile`: safe types only, no
anchors or aliases, bounded depth), TOML with the standard library's `tomllib`. Values
are data: they are converted to text here and escaped where they are rendered.

Keys are taken as text (a number as written in decimal, one too long for that as
written in the file); two keys that become the same text are both kept, the later
renamed `key (line N)`, with a warning. Keys are compared in lower case. The keys the model knows (`FIELDS`) become the
article's title, date, author, description, address, tags and publication; every
other key is kept, with its value as given, for the page's metadata panel.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..datafile import _load as load_hardened_yaml
from ..errors import SourceError, cut
from .cleaning import FENCE

Warn = Callable[[int | None, str], None]

# Model field -> the keys that state it, in order of preference (lower case).
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "published", "published_time", "published_at", "publishdate", "pubdate"),
    "author": ("author", "authors"),
    "description": ("description", "subtitle", "excerpt", "summary"),
    "url": ("url", "source", "source_url", "canonical", "canonical_url"),
    "tags": ("tags", "categories", "tag", "category"),
    "publication": ("publication", "site", "site_name", "publisher"),
}
_FENCES = {"---": "yaml", "+++": "toml"}
_CLOSERS = {"yaml": ("---", "..."), "toml": ("+++",)}
# The first line of a block: a key (bare or quoted) and its separator.
_KEY_LINE = {
    "yaml": re.compile(r"""^(?:[A-Za-z_][\w.-]*|"[^"\n]+"|'[^'\n]+')[ \t]*:(?:\s|$)"""),
    "toml": re.compile(r"""^(?:[A-Za-z0-9_-]+|"[^"\n]+"|'[^'\n]+')(?:\.[\w-]+)*[ \t]*=|^\[[\w.-]+\]\s*$"""),
}
_TOML_KEY = re.compile(r"""^[ \t]*["']?([A-Za-z0-9_.-]+)["']?[ \t]*=""")
# Text YAML escapes ("\ud800", "\x07") can produce and a page cannot show.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_MAX_DEPTH = 8  # of lists and tables shown as text; deeper values are cut
_MAX_NUMBER_BITS = 128  # a longer number is no date or name (and str() may refuse it)


@dataclass(frozen=True)
class FrontMatter:
    syntax: str  # yaml | toml
    start: int  # index of the opening fence line
    end: int  # index of the first line after the closing fence
    values: dict[str, Any]  # as parsed, keys as written
    key_lines: dict[str, int]  # line (from 1) of each key in the file
    warnings: tuple[tuple[int, str], ...] = ()  # (line, message) found reading it


def opening_block(lines: list[str]) -> tuple[int, int, str] | None:
    """(start, end, syntax) of the front matter that opens `lines` (blank lines
    before it allowed), or None."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    return _block_at(lines, first, require_key=False)


def later_blocks(lines: list[str], after: int) -> list[tuple[int, int, str]]:
    """(start, end, syntax) of each front-matter block from line index `after` on: a
    fence after a blank line, at once followed by a key line."""
    found = []
    i = after
    fenced = False  # front matter shown in a code fence is an example, not an article
    while i < len(lines):
        if FENCE.match(lines[i]):
            fenced = not fenced
        elif not fenced and lines[i].rstrip() in _FENCES and (i == 0 or not lines[i - 1].strip()):
            block = _block_at(lines, i, require_key=True)
            if block:
                found.append(block)
                i = block[1]
                continue
        i += 1
    return found


def _block_at(lines: list[str], start: int, require_key: bool) -> tuple[int, int, str] | None:
    syntax = _FENCES.get(lines[start].rstrip())
    if syntax is None:
        return None
    content = start + 1
    if not require_key:  # at the top of a file a blank line may follow the fence
        content = next((i for i in range(start + 1, len(lines)) if lines[i].strip()), len(lines))
    if content >= len(lines) or not _KEY_LINE[syntax].match(lines[content]):
        return None
    for i in range(content, len(lines)):
        if lines[i].rstrip() in _CLOSERS[syntax]:
            return start, i + 1, syntax
    return None


def parse(path: Path, lines: list[str], block: tuple[int, int, str]) -> FrontMatter:
    """The block's values; raises SourceError naming file:line when it does not parse
    or is not a mapping of keys to values."""
    start, end, syntax = block
    text = "\n".join(lines[start + 1 : end - 1])
    warnings: list[tuple[int, str]] = []
    if syntax == "yaml":
        values, key_lines = _parse_yaml(path, text, start + 1, warnings)
    else:
        values, key_lines = _parse_toml(path, text, start + 1)
    return FrontMatter(syntax, start, end, values, key_lines, tuple(warnings))


def _parse_yaml(
    path: Path, text: str, offset: int, warnings: list[tuple[int, str]]
) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        values = load_hardened_yaml(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = offset + mark.line + 1 if mark else offset
        raise SourceError(path, f"invalid YAML front matter: {cut(str(e.problem or e))}", line) from e
    except (yaml.YAMLError, ValueError, RecursionError) as e:  # ValueError: a date such as 2013-13-01
        raise SourceError(path, f"invalid YAML front matter: {cut(str(e))}", offset) from e
    if not isinstance(values, dict):
        raise SourceError(path, "front matter is not a mapping of keys to values", offset)
    texts: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for key, value in values.items():
        name = key_text(key)
        line = offset + values.line_of(key) if hasattr(values, "line_of") else offset
        if name in texts:  # `1:` and `'1':`, say: both kept
            renamed = f"{name} (line {line})"
            message = f"front matter key {name!r} is also on line {key_lines[name]}; both kept, this one as {renamed!r}"
            warnings.append((line, message))
            name = renamed
        texts[name] = value
        key_lines[name] = line
    return texts, key_lines


def key_text(key: Any) -> str:
    """A key of a table as text (`str` refuses a number of more than 4,300 digits)."""
    if isinstance(key, int) and not isinstance(key, bool) and key.bit_length() > _MAX_NUMBER_BITS:
        return f"{key:#x}"
    return _NOT_TEXT.sub("\ufffd", str(key))


def _parse_toml(path: Path, text: str, offset: int) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        values = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as e:
        found = re.search(r"line (\d+)", str(e))
        line = offset + int(found[1]) if found else offset
        raise SourceError(path, f"invalid TOML front matter: {cut(str(e))}", line) from e
    key_lines: dict[str, int] = {}
    for number, line_text in enumerate(text.split("\n"), start=offset + 1):
        if line_text.lstrip().startswith("["):
            break  # keys of tables below belong to the table
        found = _TOML_KEY.match(line_text)
        if found:
            key_lines.setdefault(found[1], number)
    return values, key_lines


def as_text(value: Any, depth: int = 0) -> str:
    """A front-matter value as text, as given: lists joined with commas, tables as
    `key: value` pairs, dates in ISO 8601, true/false as YAML and TOML write them."""
    if depth > _MAX_DEPTH:
        return "…"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > _MAX_NUMBER_BITS:
        return "(a number too long to show)"
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return "; ".join(f"{key_text(k)}: {as_text(v, depth + 1)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(as_text(v, depth + 1) for v in value)
    return _NOT_TEXT.sub("\ufffd", str(value))


def text_list(value: Any) -> tuple[str, ...]:
    """A list value (or a single value) as a tuple of non-empty texts."""
    items = value if isinstance(value, (list, tuple)) else [value]
    return tuple(t for t in (as_text(v).strip() for v in items) if t)


@dataclass(frozen=True)
class Fields:
    """What front matter states, as the model takes it."""

    title: str | None = None
    date: str | None = None
    date_precision: str = "unknown"
    author: str | None = None
    description: str | None = None
    description_line: int = 0
    url: str | None = None  # as given; checked by the reader
    tags: tuple[str, ...] = ()
    publication: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()  # other keys, as given


def fields(front: FrontMatter, warn: Warn) -> Fields:
    """The model's fields from the front matter; a date that does not parse is kept
    as given among the other keys, with a warning."""
    for line, message in front.warnings:
        warn(line, message)
    by_name = {key.lower(): key for key in front.values}
    used: set[str] = set()

    def first(name: str) -> tuple[str, Any] | None:
        for candidate in FIELDS[name]:
            key = by_name.get(candidate)
            if key is not None and as_text(front.values[key]).strip():
                used.add(key)
                return key, front.values[key]
        return None

    found: dict[str, Any] = {}
    for name in ("title", "author", "description", "url", "publication"):
        pair = first(name)
        if pair:
            found[name] = " ".join(as_text(pair[1]).split()) if name != "description" else as_text(pair[1]).strip()
            if name == "description":
                found["description_line"] = front.key_lines.get(pair[0], front.start + 1)
    tags: list[str] = []
    for candidate in FIELDS["tags"]:
        key = by_name.get(candidate)
        if key is not None:
            used.add(key)
            tags += [t for t in text_list(front.values[key]) if t not in tags]
    extra: list[tuple[str, str]] = []
    date = precision = None
    pair = first("date")
    if pair:
        key, value = pair
        parsed = parse_date(value)
        if parsed is None:
            warn(front.key_lines.get(key), f"front matter {key}: {as_text(value)!r} is not a date; shown as given")
            extra.append((key, as_text(value)))
        else:
            date, precision = parsed
            if _has_time(value):  # the time of day is not part of an article's date: kept as given
                extra.append((f"{key} (as given)", as_text(value)))
    extra += [(key, as_text(value)) for key, value in front.values.items() if key not in used]
    return Fields(
        title=found.get("title"),
        date=date,
        date_precision=precision or "unknown",
        author=found.get("author"),
        description=found.get("description"),
        description_line=found.get("description_line", 0),
        url=found.get("url"),
        tags=tuple(tags),
        publication=found.get("publication"),
        metadata=tuple(extra),
    )


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TEXT_DATES = [
    re.compile(
        rf"^{_YEAR}(?:-(?P<m>\d{{1,2}})(?:-(?P<d>\d{{1,2}}))?)?(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{{2}}:?\d{{2}}|UTC|GMT)?$"
    ),
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),
]


def parse_date(value: Any) -> tuple[str, str] | None:
    """(ISO date, precision) of a stated date, to the precision given (a time of day
    is left out), or None when it is not a date. Written forms: YAML and TOML dates,
    `2011-12-4`, `2020-09-15T10:00:00+04:00`, `Jan 16th 2020`, `16 January 2020`,
    `September 21, 2024`, `March 2013`. Numeric forms such as 04/12/2011 are
    ambiguous and are not read."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10], "day"
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value), "year"
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).strip(".")
    for pattern in _TEXT_DATES:
        found = pattern.match(text)
        if not found:
            continue
        parts = found.groupdict()
        month_text = parts.get("month") or parts.get("m")
        month = _MONTHS.get(month_text.lower()) if month_text and not month_text.isdigit() else month_text
        if month_text and month is None:
            return None
        day = parts.get("day") or parts.get("d")
        numbers = [int(parts["year"])] + [int(p) for p in (month, day) if p is not None]
        try:
            datetime.date(numbers[0], *(numbers[1:] + [1, 1])[:2])
        except ValueError:
            return None
        iso = "-".join([f"{numbers[0]:04d}"] + [f"{n:02d}" for n in numbers[1:]])
        return iso, {1: "year", 2: "month", 3: "day"}[len(numbers)]
    return None


def _has_time(value: Any) -> bool:
    if isinstance(value, datetime.datetime):
        return (value.hour, value.minute, value.second) != (0, 0, 0)
    return isinstance(value, str) and bool(re.search(r"\d:\d\d", value)) and not re.search(r"[T ]00:00(:00)?", value)
