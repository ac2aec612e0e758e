"""Reading editorial files safely, and loading editorial YAML with line numbers, so
that errors can name file:line.

Only regular files are opened (a named pipe would block the build, a device never
end), up to a size limit. YAML anchors and aliases are refused: no schema needs them,
and a few hundred bytes of nested aliases stand for gigabytes once expanded (by a
consumer, or by a message quoting the value). Nesting deeper than any schema needs is
refused too, before the parsers, which recurse, see it. Values quoted in messages are
cut to a safe length (`errors.quoted`), and editorial text that ends up on a page may
not hold control characters.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, EditionError, cut, quoted

# Larger than any editorial file needs (the glossary of a large edition included);
# a bound on what a hostile file can make the parser do.
MAX_YAML_BYTES = 4 * 1024 * 1024
# The schemas nest four levels deep (glossary > entries > entry > aliases).
MAX_DEPTH = 32


def read_regular_file(path: Path, limit: int, error: type[EditionError] = DataError) -> bytes:
    """The bytes of `path`, which must be a regular file of at most `limit` bytes.

    Anything else (a named pipe, a socket, a device, a folder) is refused without
    waiting on it: the file is opened non-blocking and checked once open, so what is
    checked is what is read. Raises `error` naming the file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as e:
        raise error(path, f"cannot read: {cut(e.strerror or str(e))}") from e
    try:
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise error(path, f"not a regular file ({kind_of_file(status.st_mode)}): not read")
            if status.st_size > limit:
                raise error(path, f"too large: {status.st_size:,} bytes (the limit is {limit:,})")
            data = file.read(limit + 1)
    except OSError as e:
        raise error(path, f"cannot read: {cut(e.strerror or str(e))}") from e
    if len(data) > limit:  # it grew while being read
        raise error(path, f"too large: more than {limit:,} bytes")
    return data


def kind_of_file(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return kind
    return "a special file"


class Mapping(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Hashable, int]

    def line_of(self, key: Hashable) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if _number_too_long(key):  # kept as written: messages and pages could not show it
                key = str(key_node.value)
            if not isinstance(key, Hashable):  # `? [a, b]` or `? {a: b}`
                raise yaml.MarkedYAMLError(
                    "while constructing a mapping", node.start_mark, "a list or mapping as a key", key_node.start_mark
                )
            if key in mapping:
                raise yaml.MarkedYAMLError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"duplicate key {quoted(key)}",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


class _FastLineLoader(getattr(yaml, "CSafeLoader", _LineLoader)):  # type: ignore[misc]
    """The same with libyaml's parser, several times faster; its error messages are
    terser, so a file it rejects is read again by `_LineLoader` for the message."""


_FastLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def _check_events(events: Iterable[yaml.Event]) -> None:
    """Refuse anchors, aliases and deep nesting, reading the parser's events (which
    come from a loop, not a recursion) before anything is composed or constructed;
    raises a MarkedYAMLError at the offending line."""
    depth = 0
    for event in events:
        problem = None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            problem = "anchors and aliases (&name, *name) are not allowed in editorial YAML"
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problem = f"nested more than {MAX_DEPTH} levels deep"
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        if problem:
            mark: Any = event.start_mark  # libyaml's Mark, or PyYAML's: the same fields
            raise yaml.MarkedYAMLError(None, None, problem, mark)


def _load(text: str) -> Any:
    try:
        _check_events(yaml.parse(text, Loader=_FastLineLoader))
        return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - a SafeLoader equivalent
    except yaml.YAMLError:
        _check_events(yaml.parse(text, Loader=_LineLoader))
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


def load_yaml(path: Path, limit: int = MAX_YAML_BYTES) -> Any:
    """Parse a YAML file (UTF-8, a regular file of at most `limit` bytes); raises
    DataError naming the file and line on anything else."""
    data = read_regular_file(path, limit)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        bad_line = data[: e.start].count(b"\n") + 1
        raise DataError(path, f"not valid UTF-8 (byte {data[e.start]:#04x}); save the file as UTF-8", bad_line) from e
    try:
        return _load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(path, f"invalid YAML: {cut(str(e.problem or e))}", line) from e
    except yaml.reader.ReaderError as e:  # a character YAML does not allow in a file
        line = text[: e.position].count("\n") + 1 if isinstance(e.position, int) else None
        raise DataError(path, f"invalid YAML: character U+{e.character:04X} is not allowed in a YAML file", line) from e
    except (yaml.YAMLError, ValueError) as e:  # ValueError: an impossible date such as 2013-13-01
        raise DataError(path, f"invalid YAML: {cut(str(e))}") from e
    except RecursionError as e:  # refused above; kept as a last line of defence
        raise DataError(path, "invalid YAML: nested too deeply") from e


def check_keys(path: Path, mapping: Any, allowed: set[str], required: set[str], what: str) -> None:
    """Reject unknown keys and report missing ones, with the line of the mapping."""
    if not isinstance(mapping, Mapping):
        line = getattr(mapping, "line", None)
        raise DataError(path, f"{what} must be a mapping, got {quoted(mapping)}", line)
    for key in mapping:
        if key not in allowed:
            raise DataError(
                path,
                f"unknown key {quoted(key)} in {what} (allowed: {', '.join(sorted(allowed))})",
                mapping.line_of(key),
            )
    for key in sorted(required - set(mapping)):
        raise DataError(path, f"missing key {key!r} in {what}", mapping.line)


# Editorial text ends up on pages: control characters (tab and line end excepted)
# would reach them unseen, and lone surrogates (which a YAML escape such as "\ud800"
# can produce) cannot be written out at all.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(path: Path, text: str, line: int | None, what: str) -> str:
    """`text` itself, if it holds no control character; raises DataError otherwise."""
    found = _NOT_TEXT.search(text)
    if found:
        raise DataError(
            path, f"{what} contains the control character U+{ord(found[0]):04X} (at position {found.start() + 1})", line
        )
    return text


# A number longer than this is no date, title or name (and Python refuses to turn
# one of more than 4,300 digits into text).
_MAX_NUMBER_BITS = 128


def _number_too_long(value: object) -> bool:
    return isinstance(value, int) and value.bit_length() > _MAX_NUMBER_BITS


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_value(path: Path, mapping: Mapping, key: str) -> str | None:
    """An ISO date of any precision (YYYY, YYYY-MM, YYYY-MM-DD), quoted or not."""
    value = mapping.get(key)
    if value is None:
        return None
    text = ""
    if isinstance(value, datetime.date):
        text = value.isoformat()
    elif isinstance(value, (str, int)) and not isinstance(value, bool) and not _number_too_long(value):
        text = str(value)
    if not _DATE.match(text) or not _real_date(text):
        raise DataError(path, f"{key} must be YYYY, YYYY-MM or YYYY-MM-DD, got {quoted(value)}", mapping.line_of(key))
    return text


def _real_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def string_value(path: Path, mapping: Mapping, key: str, what: str) -> str | None:
    """The value at `key` as a non-empty string, or None when absent or null; a
    number is taken as written in decimal. Raises DataError naming file:line."""
    value = mapping.get(key)
    if value is None:
        return None
    if (
        not isinstance(value, (str, int, float))
        or isinstance(value, bool)
        or _number_too_long(value)
        or str(value).strip() == ""
    ):
        raise DataError(path, f"{what}: {key!r} must be a non-empty string, got {quoted(value)}", mapping.line_of(key))
    return check_text(path, str(value), mapping.line_of(key), f"{what}: {key!r}")
