"""The edition's own metadata, from `data/edition.yml`.

Loaded once and validated like the other editorial files; every problem names
file:line. The site name, the home page, the "About this edition" page and the
citations are made from it. Schema (unknown keys are errors):

    editorial: who keeps this file (required: marks the file as editorial)
    title: An annotated edition …      (required; the site name, cited as the edition)
    editors: [A. Editor, B. Editor]    (optional; a list of names)
    description: one paragraph         (optional; on the home and About pages)
    collections:                       (optional; where the sources come from)
      - Cablegate, as published by WikiLeaks on 10 December 2010
    licence: CC BY 4.0 …               (optional; licence of the apparatus)
    url: https://…/                    (optional; where the edition is published, http or https)
    cable_copy_url: https://…/{cable_id}.html
                                       (optional; the public copy of a cable, `{cable_id}`
                                        standing for its id, as 07BAKU595: cited beside the page)

Without the file the edition is called DEFAULT_TITLE and cites the site's own address
when that is a published one (see `citations.published_address`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .datafile import Mapping, check_keys, check_text, load_yaml, string_value
from .errors import DataError, quoted

DEFAULT_TITLE = "Annotated Edition"
FILE_NAME = "edition.yml"
_FIELDS = {"editorial", "title", "editors", "description", "collections", "licence", "url", "cable_copy_url"}
CABLE_ID = "{cable_id}"  # where a cable's id goes in `cable_copy_url`
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`]+")


@dataclass(frozen=True)
class EditionInfo:
    title: str = DEFAULT_TITLE
    editors: tuple[str, ...] = ()
    description: str = ""
    collections: tuple[str, ...] = ()
    licence: str = ""
    url: str = ""  # a checked http(s) address, or "" when not stated
    cable_copy_url: str = ""  # a checked http(s) address holding CABLE_ID once, or ""

    def cable_copy(self, cable_id: str) -> str:
        """The address of the public copy of the cable `cable_id`, or "" when not known."""
        return self.cable_copy_url.replace(CABLE_ID, cable_id) if self.cable_copy_url and cable_id else ""


DEFAULT = EditionInfo()


def load_edition(data_dir: Path | None) -> EditionInfo:
    """The metadata in `data_dir/edition.yml`, or DEFAULT when there is none. Raises
    DataError naming file:line when it is malformed."""
    if data_dir is None or not (data_dir / FILE_NAME).exists():
        return DEFAULT
    path = data_dir / FILE_NAME
    data = load_yaml(path)
    check_keys(path, data, _FIELDS, {"editorial", "title"}, "edition metadata")
    url = string_value(path, data, "url", "edition metadata") or ""
    if url and not _WEB_ADDRESS.fullmatch(url):
        raise DataError(path, f"url must be an http or https address, got {quoted(url)}", data.line_of("url"))
    copy_url = string_value(path, data, "cable_copy_url", "edition metadata") or ""
    if copy_url and (copy_url.count(CABLE_ID) != 1 or not _WEB_ADDRESS.fullmatch(copy_url.replace(CABLE_ID, "X"))):
        message = f"cable_copy_url must be an http or https address holding {CABLE_ID} once, got {quoted(copy_url)}"
        raise DataError(path, message, data.line_of("cable_copy_url"))
    return EditionInfo(
        title=str(string_value(path, data, "title", "edition metadata")),
        editors=_strings(path, data, "editors"),
        description=string_value(path, data, "description", "edition metadata") or "",
        collections=_strings(path, data, "collections"),
        licence=string_value(path, data, "licence", "edition metadata") or "",
        url=url,
        cable_copy_url=copy_url,
    )


def _strings(path: Path, data: Mapping, key: str) -> tuple[str, ...]:
    """A list of non-empty strings at `key` (absent: none)."""
    items = data.get(key)
    if items is None:
        return ()
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise DataError(path, f"{key} must be a list of non-empty strings, got {quoted(items)}", data.line_of(key))
    return tuple(check_text(path, i, data.line_of(key), f"edition metadata: {key!r}") for i in items)
