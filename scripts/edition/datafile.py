"""Loading editorial YAML with line numbers, so that errors can name file:line."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError


class Mapping(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in mapping:
                raise yaml.MarkedYAMLError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"duplicate key {key!r}",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[str(key)] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


class _FastLineLoader(getattr(yaml, "CSafeLoader", _LineLoader)):  # type: ignore[misc]
    """The same with libyaml's parser, several times faster; its error messages are
    terser, so a file it rejects is read again by `_LineLoader` for the message."""


_FastLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def _load(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - a SafeLoader equivalent
    except yaml.YAMLError:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; raises DataError naming the file and line on bad YAML."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(path, f"cannot read: {e}") from e
    try:
        return _load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(path, f"invalid YAML: {e.problem or e}", line) from e
    except (yaml.YAMLError, ValueError) as e:  # ValueError: an impossible date such as 2013-13-01
        raise DataError(path, f"invalid YAML: {e}") from e


def check_keys(path: Path, mapping: Any, allowed: set[str], required: set[str], what: str) -> None:
    """Reject unknown keys and report missing ones, with the line of the mapping."""
    if not isinstance(mapping, Mapping):
        line = getattr(mapping, "line", None)
        raise DataError(path, f"{what} must be a mapping, got {mapping!r}", line)
    for key in mapping:
        if key not in allowed:
            raise DataError(
                path,
                f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})",
                mapping.line_of(str(key)),
            )
    for key in sorted(required - set(mapping)):
        raise DataError(path, f"missing key {key!r} in {what}", mapping.line)


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_value(path: Path, mapping: Mapping, key: str) -> str | None:
    """An ISO date of any precision (YYYY, YYYY-MM, YYYY-MM-DD), quoted or not."""
    value = mapping.get(key)
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    if isinstance(value, bool) or not _DATE.match(text) or not _real_date(text):
        raise DataError(path, f"{key} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}", mapping.line_of(key))
    return text


def _real_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def string_value(path: Path, mapping: Mapping, key: str, what: str) -> str | None:
    """The value at `key` as a non-empty string, or None when absent or null."""
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or str(value).strip() == "":
        raise DataError(path, f"{what}: {key!r} must be a non-empty string, got {value!r}", mapping.line_of(key))
    return str(value)
