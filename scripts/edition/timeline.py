"""The timeline: dated events the documents state, from editorial data.

`data/timeline.yml` (schema below; unknown keys are errors) lists each event with the
paragraph that states it. Dates are the editors' reading of the text, never guessed by
code; an event whose document is not in this build is left out, an event pointing at
a paragraph its document does not have is an error naming file:line.

    editorial: who compiled the events (required)
    events:
      - date: 2007-05-10          (YYYY, YYYY-MM or YYYY-MM-DD; required)
        date_approximate: false   (optional)
        text: what happened       (required)
        document: 07BAKU595       (document id; required)
        anchor: p1                (paragraph anchor in that document; required)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import check_keys, date_value, load_yaml, string_value
from .errors import DataError
from .model import Document


@dataclass(frozen=True)
class Event:
    date: str
    text: str
    document: Document
    anchor: str
    date_approximate: bool = False


def load_timeline(path: Path, documents: list[Document]) -> list[Event]:
    """Events of the documents present, in date order; raises DataError on bad data."""
    if not path.exists():
        return []
    data = load_yaml(path)
    check_keys(path, data, {"editorial", "events"}, {"editorial", "events"}, "timeline")
    items = data["events"]
    if not isinstance(items, list):
        raise DataError(path, "'events' must be a list", data.line_of("events"))
    by_id = {d.id: d for d in documents}
    anchors: dict[str, set[str]] = {}  # document id -> its anchors, built when first needed
    events = []
    for item in items:
        fields = {"date", "date_approximate", "text", "document", "anchor"}
        check_keys(path, item, fields, fields - {"date_approximate"}, "timeline event")
        date = str(date_value(path, item, "date"))
        document_id = string_value(path, item, "document", "timeline event")
        document = by_id.get(str(document_id))
        if document is None:
            continue
        anchor = str(string_value(path, item, "anchor", "timeline event"))
        if document.id not in anchors:
            anchors[document.id] = {b.anchor for b in document.blocks if b.anchor}
        if anchor not in anchors[document.id]:
            raise DataError(path, f"document {document_id!r} has no paragraph {anchor!r}", item.line_of("anchor"))
        approximate = item.get("date_approximate", False)
        if not isinstance(approximate, bool):
            raise DataError(path, "date_approximate must be true or false", item.line_of("date_approximate"))
        text = str(string_value(path, item, "text", "timeline event"))
        events.append(Event(date, text, document, anchor, approximate))
    return sorted(events, key=lambda e: (e.date, e.document.id, e.anchor))
